// docs/reference-behaviour.md §1.2.4 [computed] values of SCOptimizer._estimate_resources.
#include "sc_neurocore/model/sc_cost_model.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::model {
namespace {

struct Row {
  const char* mode;
  const char* decorrelator;
  std::int64_t luts;
  double power;
  double accuracy;
  std::int64_t latency;
};

TEST(ScCostModel, ReferenceTableForMac100Length256) {
  const Row rows[] = {
      {"SC", "None", 240, 1.0, 0.875, 256},
      {"SC", "LFSR", 256, 1.0, 0.9375, 256},
      {"SC", "Sobol", 1740, 1.0, 0.99609375, 256},
      {"SC", "Halton", 1440, 1.0, 0.9953125, 256},
      {"SC", "SCC_Decorrelator", 1040, 1.0, 0.994140625, 256},
      {"Hybrid", "None", 3780, 15.7, 0.95, 256},
      {"Hybrid", "Halton", 3780, 15.7, 0.95, 256},
      {"Hybrid", "SCC_Decorrelator", 3780, 15.7, 0.95, 256},
      {"Hybrid", "LFSR", 3796, 15.7, 0.96, 256},
      {"Hybrid", "Sobol", 4830, 15.7, 0.97, 256},
      {"Deterministic", "None", 12000, 50.0, 1.0, 1},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.mode) + "/" + row.decorrelator);
    const ResourceEstimate e = estimate_sc_resources(100, 256, row.decorrelator, row.mode);
    EXPECT_EQ(e.luts, row.luts);
    EXPECT_NEAR(e.power_mw, row.power, 1e-12);
    EXPECT_DOUBLE_EQ(e.accuracy, row.accuracy);
    EXPECT_EQ(e.latency_cycles, row.latency);
  }
}

TEST(ScCostModel, LfsrAtOtherLengthsAndClamp) {
  const auto short_lfsr = estimate_sc_resources(100, 64, "LFSR", "SC");
  EXPECT_EQ(short_lfsr.luts, 246);
  EXPECT_DOUBLE_EQ(short_lfsr.power_mw, 0.25);
  EXPECT_DOUBLE_EQ(short_lfsr.accuracy, 0.875);
  const auto long_lfsr = estimate_sc_resources(100, 1024, "LFSR", "SC");
  EXPECT_EQ(long_lfsr.luts, 266);
  EXPECT_DOUBLE_EQ(long_lfsr.power_mw, 4.0);
  EXPECT_DOUBLE_EQ(long_lfsr.accuracy, 0.96875);
  const auto clamped = estimate_sc_resources(100, 4, "None", "SC");
  EXPECT_EQ(clamped.luts, 210);
  EXPECT_DOUBLE_EQ(clamped.accuracy, 0.1);
}

TEST(ScCostModel, UnknownModeFallsThroughToSc) {
  EXPECT_EQ(estimate_sc_resources(100, 256, "None", "sc"), estimate_sc_resources(100, 256, "None", "SC"));
}

TEST(ScCostModel, HybridPowerKeepsPythonEvaluationOrder) {
  // M*0.7*0.01*(L/256) + M*0.3*0.5 evaluated left to right.
  const double m = 37;
  EXPECT_EQ(estimate_sc_resources(37, 512, "None", "Hybrid").power_mw,
            0.7 * m * 0.01 * (512.0 / 256) + 0.3 * m * 0.5);
  EXPECT_EQ(estimate_sc_resources(37, 512, "None", "Hybrid").luts, 25 * 2 + 9 * 5 + 11 * 120);
}

TEST(ScCostModel, NonPositiveLengthIsAnInputError) {
  EXPECT_THROW_MESSAGE(estimate_sc_resources(10, 0, "None", "SC"), core::InputError,
                       "bitstream length must be positive");
  EXPECT_THROW(estimate_sc_resources(10, -64, "None", "SC"), core::InputError);
}

TEST(AnalyticalLabel, AppliesPrecisionScalingPenaltyAndPolynomialBonus) {
  // SC/LFSR, M=100, L=256: 256 LUTs, 1.0 mW, accuracy 0.9375 before scaling.
  const SurrogateLabel label = analytical_label({100, false, 256, "LFSR", "SC", 4, "x16+x14+x13+x11+1"});
  EXPECT_EQ(label.luts, 198.0);  // int(256 * (0.70 + 0.30 * 0.25)) = int(198.4)
  EXPECT_DOUBLE_EQ(label.power_mw, 1.0 * (0.6 + 0.4 * 0.25));
  EXPECT_DOUBLE_EQ(label.accuracy, 0.9375 - 0.048 + 0.006);
  EXPECT_EQ(label.latency_cycles, 256.0);
  const SurrogateLabel deterministic = analytical_label({100, false, 1, "None", "Deterministic", 16, "none"});
  EXPECT_EQ(deterministic.luts, 12000.0);
  EXPECT_DOUBLE_EQ(deterministic.accuracy, 1.0);
}

TEST(AnalyticalLabel, ClampsZeroMacLayers) {
  const SurrogateLabel label = analytical_label({0, false, 64, "None", "SC", 16, "none"});
  EXPECT_EQ(label.luts, 30.0);
  EXPECT_EQ(label.power_mw, 1e-9);  // zero power clamps to 1e-9
  EXPECT_EQ(lfsr_polynomial_quality("x16+x15+x13+x4+1"), 0.003);
  EXPECT_EQ(lfsr_polynomial_quality("none"), 0.0);
}

}  // namespace
}  // namespace scn::model
