#include "sc_neurocore/core/pyformat.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace scn::core::py {
namespace {

TEST(FloatRepr, MatchesPythonReprForOrdinaryValues) {
  EXPECT_EQ(float_repr(125.0), "125.0");
  EXPECT_EQ(float_repr(0.08), "0.08");
  EXPECT_EQ(float_repr(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(float_repr(15.700000000000001), "15.700000000000001");
  EXPECT_EQ(float_repr(-2.5), "-2.5");
  EXPECT_EQ(float_repr(0.0), "0.0");
  EXPECT_EQ(float_repr(-0.0), "-0.0");
}

TEST(FloatRepr, SwitchesToScientificAtPythonsThresholds) {
  EXPECT_EQ(float_repr(1.28e-06), "1.28e-06");
  EXPECT_EQ(float_repr(0.0001), "0.0001");
  EXPECT_EQ(float_repr(0.00001), "1e-05");
  EXPECT_EQ(float_repr(1e15), "1000000000000000.0");
  EXPECT_EQ(float_repr(1e16), "1e+16");
  EXPECT_EQ(float_repr(1.5e300), "1.5e+300");
  EXPECT_EQ(float_repr(5e-324), "5e-324");
}

TEST(FloatRepr, NonFiniteValues) {
  EXPECT_EQ(float_repr(std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(float_repr(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(float_repr(-std::numeric_limits<double>::infinity()), "-inf");
}

TEST(RoundHalfEven, SendsHalvesToEvenNeighbour) {
  EXPECT_EQ(round_half_even(0.5), 0.0);
  EXPECT_EQ(round_half_even(1.5), 2.0);
  EXPECT_EQ(round_half_even(2.5), 2.0);
  EXPECT_EQ(round_half_even(-2.5), -2.0);
  EXPECT_EQ(round_half_even(2.6), 3.0);
}

TEST(Truncate, GoesTowardZero) {
  EXPECT_EQ(truncate_to_int(69.99999), 69);
  EXPECT_EQ(truncate_to_int(-1.7), -1);
}

TEST(Thousands, GroupsDigitsLikePythonCommaFormat) {
  EXPECT_EQ(thousands(0), "0");
  EXPECT_EQ(thousands(999), "999");
  EXPECT_EQ(thousands(12632), "12,632");
  EXPECT_EQ(thousands(156094), "156,094");
  EXPECT_EQ(thousands(-1234567), "-1,234,567");
  EXPECT_EQ(thousands_fixed(1234.5, 1), "1,234.5");
}

TEST(FixedAndPercent, RoundLikePythonFormat) {
  EXPECT_EQ(fixed(0.14832, 2), "0.15");
  EXPECT_EQ(fixed(2.675, 2), "2.67");  // binary value is below the half
  EXPECT_EQ(fixed(164.47916666, 1), "164.5");
  EXPECT_EQ(percent(0.3, 1), "30.0%");
  EXPECT_EQ(percent(0.95703125, 1), "95.7%");
}

TEST(ListRepr, QuotesLikePython) {
  const std::string names[] = {"ice40", "ecp5"};
  EXPECT_EQ(list_repr(names, names + 2), "['ice40', 'ecp5']");
  EXPECT_EQ(list_repr(names, names), "[]");
}

}  // namespace
}  // namespace scn::core::py
