// docs/reference-behaviour.md §1.4: fit_to_target in the reference profile.
#include <gtest/gtest.h>

#include "sc_neurocore/compress/fit_to_target.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/io/weights.hpp"
#include "test_util.hpp"

namespace scn::compress {
namespace {

const std::vector<model::LayerSize> kTwoLayers = {{64, 32}, {32, 16}};

FitOptions reference_options() {
  FitOptions options;
  options.profile = core::Profile::kReference;
  return options;
}

TEST(FitToTarget, PublishedExampleNeverFits) {
  const auto weights = io::random_weights(kTwoLayers, 0);
  const OptimizationResult result = fit_to_target(kTwoLayers, weights, reference_options());
  EXPECT_FALSE(result.fits);
  EXPECT_EQ(result.final_luts, 12632);
  EXPECT_EQ(result.target_luts, 7680);
  EXPECT_NEAR(result.utilization_pct, 164.479, 1e-3);
  EXPECT_EQ(result.final_bitstream_length, 32);
  ASSERT_EQ(result.steps.size(), 16u);
  const std::vector<std::string> actions = {
      "Reduce L to 128",    "Reduce L to 64",        "Reduce L to 32",     "Prune threshold=0.003",
      "Quantize to 14-bit", "Prune threshold=0.009", "Quantize to 12-bit", "Prune threshold=0.027",
      "Quantize to 10-bit", "Prune threshold=0.081", "Quantize to 8-bit",  "Prune threshold=0.243",
      "Quantize to 6-bit",  "Prune threshold=0.729", "Quantize to 4-bit",  "Prune threshold=2.187"};
  for (std::size_t i = 0; i < actions.size(); ++i) {
    EXPECT_EQ(result.steps[i].action, actions[i]);
    // The estimator ignores L and weights: no step changes the LUT count.
    EXPECT_EQ(result.steps[i].luts_before, 12632);
    EXPECT_EQ(result.steps[i].luts_after, 12632);
  }
  EXPECT_EQ(result.steps[2].bitstream_length, 32);
  EXPECT_EQ(result.steps[0].sparsity, 0.0);
  // Standard-normal weights: |w| <= 2.187 removes about 97 %, 4-bit rounding a little more.
  EXPECT_NEAR(result.final_sparsity, 0.957, 0.02);
  EXPECT_EQ(result.steps.back().sparsity, result.steps[15].sparsity);
  EXPECT_EQ(result.optimized_weights.size(), 2u);
  EXPECT_NE(weights[0].values, result.optimized_weights[0].values);  // copies were compressed, inputs kept
}

TEST(FitToTarget, ThreeIterationsWithoutLengthHeadroomPruneAndQuantise) {
  FitOptions options = reference_options();
  options.max_iterations = 3;
  options.min_bitstream_length = 256;
  const OptimizationResult result = fit_to_target(kTwoLayers, io::random_weights(kTwoLayers, 1), options);
  ASSERT_EQ(result.steps.size(), 6u);
  EXPECT_EQ(result.steps[0].action, "Prune threshold=0.003");
  EXPECT_EQ(result.steps[1].action, "Quantize to 14-bit");
  EXPECT_EQ(result.steps[2].action, "Prune threshold=0.009");
  EXPECT_EQ(result.steps[3].action, "Quantize to 12-bit");
  EXPECT_EQ(result.steps[4].action, "Prune threshold=0.027");
  EXPECT_EQ(result.steps[5].action, "Quantize to 10-bit");
  EXPECT_EQ(result.final_bitstream_length, 256);
  EXPECT_EQ(result.steps[1].sparsity, result.steps[0].sparsity);
}

TEST(FitToTarget, SmallNetworkFitsWithoutSteps) {
  const std::vector<model::LayerSize> sizes = {{32, 16}};
  const std::vector<core::WeightArray> ones = {
      make_matrix(32, 16, std::vector<double>(512, 1.0), core::DType::kFloat32)};
  const OptimizationResult result = fit_to_target(sizes, ones, reference_options());
  EXPECT_TRUE(result.fits);
  EXPECT_EQ(result.final_luts, 3992);
  EXPECT_TRUE(result.steps.empty());
  EXPECT_EQ(result.final_sparsity, 0.0);
  EXPECT_EQ(io::summary(result),
            "Resource Optimization: ice40\n"
            "  Fits: YES\n"
            "  LUTs: 3,992 / 7,680 (52.0%)\n"
            "  Bitstream length: 256\n"
            "  Sparsity: 0.0%\n"
            "  Steps taken: 0");
}

TEST(FitToTarget, SummaryListsSteps) {
  FitOptions options = reference_options();
  options.max_iterations = 1;
  const OptimizationResult result = fit_to_target(kTwoLayers, io::random_weights(kTwoLayers, 3), options);
  EXPECT_EQ(io::summary(result),
            "Resource Optimization: ice40\n"
            "  Fits: NO\n"
            "  LUTs: 12,632 / 7,680 (164.5%)\n"
            "  Bitstream length: 128\n"
            "  Sparsity: 0.0%\n"
            "  Steps taken: 1\n"
            "    Reduce L to 128: 12,632 -> 12,632 LUTs");
}

TEST(FitToTarget, RejectsBadInputsWithClearMessages) {
  const auto weights = io::random_weights(kTwoLayers, 0);
  FitOptions options = reference_options();
  options.target = "virtex";
  EXPECT_THROW_MESSAGE(fit_to_target(kTwoLayers, weights, options), core::InputError,
                       "Unknown target 'virtex'");
  options = reference_options();
  options.min_bitstream_length = 512;
  EXPECT_THROW_MESSAGE(fit_to_target(kTwoLayers, weights, options), core::InputError,
                       "min_bitstream_length 512 is above initial_bitstream_length 256");
  options = reference_options();
  options.initial_bitstream_length = 0;
  EXPECT_THROW_MESSAGE(fit_to_target(kTwoLayers, weights, options), core::InputError, "must be positive");
  EXPECT_THROW_MESSAGE(fit_to_target(kTwoLayers, {weights[0]}, reference_options()), core::InputError,
                       "got 1 weight arrays for 2 layers");
  EXPECT_THROW_MESSAGE(fit_to_target(kTwoLayers, {weights[1], weights[0]}, reference_options()),
                       core::InputError,
                       "weights 0 have shape (32, 16), expected (64, 32) or its transpose (32, 64)");
  std::vector<core::WeightArray> with_nan = weights;
  with_nan[1].values[5] = std::nan("");
  EXPECT_THROW_MESSAGE(fit_to_target(kTwoLayers, with_nan, reference_options()), core::InputError,
                       "weights 1 element 5 is not finite (nan)");
}

TEST(FitToTarget, AcceptsTransposedWeights) {
  std::vector<core::WeightArray> weights = io::random_weights(kTwoLayers, 0);
  for (auto& w : weights) std::swap(w.shape[0], w.shape[1]);
  EXPECT_NO_THROW(fit_to_target(kTwoLayers, weights, reference_options()));
}

}  // namespace
}  // namespace scn::compress
