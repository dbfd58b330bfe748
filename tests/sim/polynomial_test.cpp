#include "sc_neurocore/sim/polynomial.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::sim {
namespace {

TEST(Polynomial, ParsesTheCommonSpellings) {
  const Polynomial p = parse_polynomial("x16+x14+x13+x11+1");
  EXPECT_EQ(p.degree, 16);
  EXPECT_EQ(p.terms, (1ull << 16) | (1ull << 14) | (1ull << 13) | (1ull << 11) | 1ull);
  EXPECT_EQ(parse_polynomial("x^16 + x^14 + x^13 + x^11 + 1"), p);
  EXPECT_EQ(parse_polynomial("x4+x+1").terms, 0b10011u);
  EXPECT_EQ(polynomial_text(parse_polynomial("x^4 + x^3 + 1")), "x4+x3+1");
}

TEST(Polynomial, RejectsMalformedTextWithThePosition) {
  EXPECT_THROW_MESSAGE(parse_polynomial("x16+y+1"), core::InputError,
                       "polynomial 'x16+y+1' at position 5: expected a term");
  EXPECT_THROW_MESSAGE(parse_polynomial("x16++1"), core::InputError, "at position 5");
  EXPECT_THROW_MESSAGE(parse_polynomial("x16+"), core::InputError, "dangling '+'");
  EXPECT_THROW_MESSAGE(parse_polynomial("x40+x3+1"), core::InputError, "degree above 32");
  EXPECT_THROW_MESSAGE(parse_polynomial("x3+x3+1"), core::InputError, "repeated term x3");
  EXPECT_THROW_MESSAGE(parse_polynomial(""), core::InputError, "empty");
}

// The reference grid's polynomials and the field notes' list: primitive, period 65535.
TEST(Primitivity, ReferenceGridPolynomialsArePrimitiveWithFullPeriod) {
  for (const char* text :
       {"x16+x14+x13+x11+1", "x16+x15+x13+x4+1", "x16+x12+x3+x1+1", "x16+x5+x3+x2+1", "x16+x15+x12+x10+1"}) {
    SCOPED_TRACE(text);
    const Polynomial p = parse_polynomial(text);
    EXPECT_TRUE(is_primitive(p));
    EXPECT_EQ(lfsr_period(p, 1), 65535u);
    EXPECT_EQ(lfsr_period(p, 0xACE1), 65535u);
  }
}

TEST(Primitivity, NonPrimitivePolynomialsAreReportedWithTheirShorterPeriods) {
  const Polynomial not_maximal = parse_polynomial("x16+x14+x12+x11+1");
  EXPECT_FALSE(is_primitive(not_maximal));
  EXPECT_EQ(lfsr_period(not_maximal, 1), 57337u);
  const Polynomial ccitt = parse_polynomial("x16+x12+x5+1");
  EXPECT_FALSE(is_primitive(ccitt));
  EXPECT_EQ(lfsr_period(ccitt, 1), 32767u);
  EXPECT_FALSE(is_primitive(parse_polynomial("x16+x14+x13+x11")));  // no constant term
}

TEST(Primitivity, AgreesWithSimulatedPeriodsForWidths4To20) {
  // Every polynomial x^n + x^k + 1 for n = 4..20: primitive exactly when the period is 2^n - 1.
  int primitive = 0;
  for (int n = 4; n <= 20; ++n) {
    for (int k = 1; k < n; ++k) {
      Polynomial p;
      p.degree = n;
      p.terms = (1ull << n) | (1ull << k) | 1ull;
      const bool full = lfsr_period(p, 1) == (1ull << n) - 1;
      EXPECT_EQ(is_primitive(p), full) << polynomial_text(p);
      primitive += full;
    }
  }
  EXPECT_GT(primitive, 20);
}

TEST(Primitivity, WideKnownPolynomials) {
  EXPECT_TRUE(is_primitive(parse_polynomial("x32+x22+x2+x1+1")));  // a maximal 32-bit tap set
  EXPECT_TRUE(is_primitive(parse_polynomial("x24+x23+x22+x17+1")));
  EXPECT_FALSE(is_primitive(parse_polynomial("x32+x1+1")));
}

}  // namespace
}  // namespace scn::sim
