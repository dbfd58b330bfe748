// docs/reference-behaviour.md §1.3 and §6: the ridge surrogate optimiser, reference profile.
#include "sc_neurocore/search/surrogate.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::search {
namespace {

SurrogateOptions reference(std::vector<core::BenchmarkObservation> observations = {}) {
  SurrogateOptions options;
  options.profile = core::Profile::kReference;
  options.observations = std::move(observations);
  return options;
}

const std::vector<core::LayerProfile> kDefaultNetwork = {{"encoder", 256, true}, {"decoder", 192, false}};

const core::SurrogateLayerConfig& config_of(const core::SurrogateOptimizerReport& report,
                                            const std::string& id) {
  for (const auto& [layer_id, config] : report.config)
    if (layer_id == id) return config;
  throw std::runtime_error("no config for " + id);
}

TEST(SurrogateGrid, SizeAndOrder) {
  const SurrogateSCOptimizer optimizer({"t", {1000, 10.0}}, reference());
  const auto grid = optimizer.candidate_grid({"l", 64, true});
  ASSERT_EQ(grid.size(), 421u);
  EXPECT_EQ(grid.front(), (model::SurrogateCandidate{64, true, 64, "None", "SC", 4, "none"}));
  EXPECT_EQ(grid[1], (model::SurrogateCandidate{64, true, 64, "LFSR", "SC", 4, "x16+x14+x13+x11+1"}));
  EXPECT_EQ(grid[3], (model::SurrogateCandidate{64, true, 64, "LFSR", "SC", 4, "x16+x12+x3+x1+1"}));
  EXPECT_EQ(grid[4], (model::SurrogateCandidate{64, true, 64, "Sobol", "SC", 4, "none"}));
  EXPECT_EQ(grid[210].mode, "Hybrid");
  EXPECT_EQ(grid.back(), (model::SurrogateCandidate{64, true, 1, "None", "Deterministic", 16, "none"}));

  SurrogateOptions small = reference();
  small.bitstream_options = {128, 64, 128};
  small.precision_options = {8, 4};
  const SurrogateSCOptimizer reduced({"t", {1000, 10.0}}, small);
  EXPECT_EQ(reduced.bitstream_options(), (std::vector<std::int64_t>{64, 128}));
  EXPECT_EQ(reduced.precision_options(), (std::vector<std::int64_t>{4, 8}));
  EXPECT_EQ(reduced.candidate_grid({"l", 1}).size(), 57u);
}

TEST(SurrogateFeatures, FourteenInPublishedOrder) {
  const auto row = surrogate_features({256, true, 64, "LFSR", "Hybrid", 8, "x16+x15+x13+x4+1"});
  const double expected[] = {1, 8, 6, 0.5, 1, 0.003, 0, 1, 0, 0, 0, 0, 1, 0};
  for (int k = 0; k < kSurrogateFeatureCount; ++k) EXPECT_DOUBLE_EQ(row[k], expected[k]) << "feature " << k;
}

TEST(RidgeSurrogate, ErrorsLikeThePublishedClass) {
  RidgeSurrogate ridge;
  EXPECT_THROW_MESSAGE(ridge.predict(Eigen::MatrixXd::Ones(2, 3)), core::StateError, "not fitted");
  EXPECT_THROW_MESSAGE(ridge.fit(Eigen::MatrixXd::Ones(3, 2), Eigen::MatrixXd::Ones(4, 1)), core::InputError,
                       "row count mismatch");
}

TEST(RidgeSurrogate, SolvesRegularisedNormalEquations) {
  // y = 2 + 3x on x = 0..3; alpha = 1e-3 shrinks the exact fit only slightly.
  Eigen::MatrixXd x(4, 2);
  x << 1, 0, 1, 1, 1, 2, 1, 3;
  Eigen::MatrixXd y(4, 1);
  y << 2, 5, 8, 11;
  RidgeSurrogate ridge;
  ridge.fit(x, y);
  const Eigen::MatrixXd expected =
      (x.transpose() * x + 1e-3 * Eigen::MatrixXd::Identity(2, 2)).inverse() * x.transpose() * y;
  EXPECT_NEAR(ridge.coefficients()(0, 0), expected(0, 0), 1e-12);
  EXPECT_NEAR(ridge.coefficients()(1, 0), expected(1, 0), 1e-12);
  EXPECT_NEAR(ridge.coefficients()(1, 0), 3.0, 1e-3);
}

// Case A of docs/reference-behaviour.md §1.3.12.
TEST(SurrogateOptimise, CaseADefaultTarget) {
  SurrogateSCOptimizer optimizer({"default", {200000, 800.0, 512}}, reference());
  const auto report = optimizer.optimise(kDefaultNetwork);
  ASSERT_TRUE(report.feasible());
  EXPECT_EQ(report.training_points, 842);
  EXPECT_EQ(report.profile, "reference");
  for (const char* id : {"encoder", "decoder"}) {
    const auto& c = config_of(report, id);
    EXPECT_EQ(c.mode, "SC") << id;
    EXPECT_EQ(c.decorrelator, "Sobol") << id;
    EXPECT_EQ(c.bitstream_length, 64) << id;
    EXPECT_EQ(c.precision_bits, 16) << id;
    EXPECT_EQ(c.lfsr_polynomial, "none") << id;
    EXPECT_EQ(c.latency_cycles, 1) << id;  // raw prediction about -247 cycles, clamped
  }
  EXPECT_EQ(config_of(report, "encoder").luts_used, 4550);
  EXPECT_NEAR(config_of(report, "encoder").power_used, 5.531, 5e-4);
  EXPECT_NEAR(config_of(report, "encoder").accuracy_score, 0.9699821, 5e-8);
  EXPECT_EQ(config_of(report, "decoder").luts_used, 3264);
  EXPECT_NEAR(config_of(report, "decoder").power_used, 0.298, 5e-4);
  EXPECT_NEAR(config_of(report, "decoder").accuracy_score, 0.9699818, 5e-8);
  // The critical layer wins by a hair (about 2.7e-7).
  EXPECT_GT(config_of(report, "encoder").accuracy_score, config_of(report, "decoder").accuracy_score);
  EXPECT_EQ(report.total_luts, 7814);
  EXPECT_EQ(report.total_latency_cycles, 1);
  // Config order: critical layers first.
  EXPECT_EQ(report.config[0].first, "encoder");
}

// Case B: one observation, a reduced grid; the observed point wins through the exact-match override.
TEST(SurrogateOptimise, CaseBObservationInfluence) {
  SurrogateOptions options =
      reference({{64, 128, "LFSR", "SC", 8, "x16+x15+x13+x4+1", 300, 1.2, 128, 0.999, false}});
  options.bitstream_options = {64, 128};
  options.precision_options = {4, 8};
  SurrogateSCOptimizer optimizer({"obs", {20000, 200.0, 512}}, options);
  const auto report = optimizer.optimise({{"layer", 64, false}});
  const auto& c = config_of(report, "layer");
  EXPECT_EQ(c, (core::SurrogateLayerConfig{128, "LFSR", "SC", 8, "x16+x15+x13+x4+1", 300, 1.2, 128, 0.999,
                                           c.utility_score}));
  EXPECT_NEAR(c.utility_score, 0.94165, 1e-12);
  EXPECT_EQ(report.training_points, 61);
}

// Case C: the loader feed on a 10 000 / 100 / 256 budget chooses the same
// point with utility 0.88605 (the observed power is 0.7 mW:
// 0.999 - 0.35*300/10000 - 0.35*0.7/100 - 0.2*128/256).
TEST(SurrogateOptimise, CaseCLoaderFeed) {
  SurrogateOptions options =
      reference({{64, 128, "LFSR", "SC", 8, "x16+x15+x13+x4+1", 300, 0.7, 128, 0.999, false}});
  options.bitstream_options = {64, 128};
  options.precision_options = {4, 8};
  const auto report =
      SurrogateSCOptimizer({"c", {10000, 100.0, 256}}, options).optimise({{"layer", 64, false}});
  const auto& c = config_of(report, "layer");
  EXPECT_EQ(c.decorrelator, "LFSR");
  EXPECT_EQ(c.bitstream_length, 128);
  EXPECT_EQ(c.lfsr_polynomial, "x16+x15+x13+x4+1");
  EXPECT_NEAR(c.utility_score, 0.88605, 1e-12);
}

// Case D: the feedback loop's single SCC observation (1,024 LUTs at L = 64,
// accuracy 0.991, from the API page's Vivado example) pulls dense0 to SC/LFSR/64/16.
TEST(SurrogateOptimise, CaseDFeedbackLoop) {
  const core::BenchmarkObservation measured{128,   64,  "SCC_Decorrelator", "SC", 16, "none", 1024, 1.2, 64,
                                            0.991, true};
  const auto report = SurrogateSCOptimizer({"d", {10000, 100.0, 512}}, reference({measured}))
                          .optimise({{"dense0", 128, true}});
  const auto& c = config_of(report, "dense0");
  EXPECT_EQ(c.mode, "SC");
  EXPECT_EQ(c.decorrelator, "LFSR");
  EXPECT_EQ(c.bitstream_length, 64);
  EXPECT_EQ(c.precision_bits, 16);
  EXPECT_EQ(c.lfsr_polynomial, "x16+x14+x13+x11+1");
  EXPECT_EQ(c.luts_used, 825);
  EXPECT_NEAR(c.accuracy_score, 0.9425, 5e-5);
  EXPECT_EQ(report.training_points, 425);
}

// Tight budget: negative raw predictions pass the filter and are clamped in the report.
TEST(SurrogateOptimise, TightBudgetRejectsEncoderAndClampsDecoder) {
  const auto report = SurrogateSCOptimizer({"tight", {8, 0.001, 512}}, reference()).optimise(kDefaultNetwork);
  EXPECT_FALSE(report.feasible());
  EXPECT_EQ(report.rejected_layers, std::vector<std::string>{"encoder"});
  ASSERT_EQ(report.config.size(), 1u);
  const auto& c = config_of(report, "decoder");
  EXPECT_EQ(c.mode, "SC");
  EXPECT_EQ(c.decorrelator, "None");
  EXPECT_EQ(c.bitstream_length, 64);
  EXPECT_EQ(c.precision_bits, 4);
  EXPECT_EQ(c.luts_used, 1);
  EXPECT_EQ(c.power_used, 0.0);
  EXPECT_NEAR(c.utility_score, 2202.17, 0.01);
  EXPECT_EQ(report.total_luts, 1);
  EXPECT_LE(report.total_power_mw, 0.001);
}

TEST(SurrogateOptimise, RawPredictionsAreNegativeForTheTightDecoder) {
  SurrogateSCOptimizer optimizer({"tight", {8, 0.001, 512}}, reference());
  optimizer.fit(kDefaultNetwork);
  const auto row = surrogate_features({192, false, 64, "None", "SC", 4, "none"});
  const Eigen::MatrixXd prediction = optimizer.surrogate().predict(row);
  EXPECT_NEAR(prediction(0, 0) * 8, -386, 1.0);
  EXPECT_NEAR(prediction(0, 1) * 0.001, -6.24, 0.01);
  EXPECT_NEAR(prediction(0, 2) * 512, -247, 1.0);
}

TEST(SurrogateOptimise, ApiPageExampleReportsEveryField) {
  SurrogateSCOptimizer optimizer({"ice40-low-power", {7680, 250.0, 4096}}, reference());
  const auto report = optimizer.optimise({{"encoder", 256, true}, {"decoder", 128}});
  EXPECT_TRUE(report.feasible());
  EXPECT_EQ(report.target_name, "ice40-low-power");
  EXPECT_EQ(report.config.size(), 2u);
  // The published weakness the API page shows: the decoder gets 1 LUT and 0 mW.
  EXPECT_EQ(config_of(report, "decoder").luts_used, 1);
  EXPECT_EQ(config_of(report, "decoder").power_used, 0.0);
}

TEST(SurrogateOptimise, EmptyNetworkIsFeasibleWithoutTraining) {
  const auto report = SurrogateSCOptimizer({"empty", {100, 1.0}}, reference()).optimise({});
  EXPECT_TRUE(report.feasible());
  EXPECT_EQ(report.training_points, 0);
  EXPECT_EQ(report.total_luts, 0);
  EXPECT_EQ(report.mean_accuracy, 0.0);
  EXPECT_EQ(report.target_name, "empty");
}

TEST(SurrogateOptimise, TrainingPointCountsOfThePublishedTests) {
  const core::BenchmarkObservation observation{256, 64, "Sobol", "SC", 16, "none", 4000, 5.0, 64, 0.97, true};
  SurrogateSCOptimizer tool_test({"tool", {200000, 800.0, 512}}, reference({observation}));
  EXPECT_EQ(tool_test.optimise(kDefaultNetwork).training_points, 846);
}

TEST(SurrogateOptimise, SameInputSameReport) {
  SurrogateSCOptimizer a({"t", {30000, 300.0, 1024}}, reference());
  SurrogateSCOptimizer b({"t", {30000, 300.0, 1024}}, reference());
  const std::vector<core::LayerProfile> network = {{"a", 100, true}, {"b", 40}, {"c", 300}};
  EXPECT_EQ(a.optimise(network).config, b.optimise(network).config);
}

}  // namespace
}  // namespace scn::search
