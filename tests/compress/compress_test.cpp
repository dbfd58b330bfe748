// docs/reference-behaviour.md §1.6: pruning and quantisation.
#include "sc_neurocore/compress/compress.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::compress {
namespace {

TEST(PruneWeights, MagnitudeIsInclusiveAndCountsExistingZeros) {
  const std::vector<core::WeightArray> weights = {
      core::make_matrix(2, 3, {0.0, 0.01, -0.01, 0.02, -0.5, 0.005})};
  const PruneResult result = prune_weights(weights, 0.01);
  EXPECT_EQ(result.weights[0].values, (std::vector<double>{0.0, 0.0, 0.0, 0.02, -0.5, 0.0}));
  EXPECT_EQ(result.report.original_params, 6);
  EXPECT_EQ(result.report.pruned_params, 4);  // the existing zero counts as pruned
  EXPECT_EQ(result.report.remaining_params, 2);
  EXPECT_DOUBLE_EQ(result.report.sparsity, 4.0 / 6.0);
  EXPECT_EQ(weights[0].values[1], 0.01);  // input untouched
}

TEST(PruneWeights, UnknownMethodMeansMagnitude) {
  const std::vector<core::WeightArray> weights = {core::make_matrix(1, 3, {0.1, 0.2, 0.3})};
  EXPECT_EQ(prune_weights(weights, 0.2, "activity").weights[0].values, (std::vector<double>{0.0, 0.0, 0.3}));
}

TEST(PruneWeights, PercentileUsesNonZeroMagnitudesWithLinearInterpolation) {
  // |non-zero| = 1, 2, 3, 4: the 50th percentile is 2.5 (numpy linear), so 1 and 2 go.
  const std::vector<core::WeightArray> weights = {core::make_matrix(1, 5, {0.0, -1.0, 2.0, -3.0, 4.0})};
  const PruneResult result = prune_weights(weights, 50.0, "percentile");
  EXPECT_EQ(result.weights[0].values, (std::vector<double>{0.0, 0.0, 0.0, -3.0, 4.0}));
  EXPECT_EQ(result.report.pruned_params, 3);
  // 25th percentile of 1..4 = 1.75; 90th = 3.7.
  EXPECT_EQ(prune_weights(weights, 90.0, "percentile").report.pruned_params, 4);
  EXPECT_EQ(prune_weights({core::make_matrix(1, 2, {0.0, 0.0})}, 50.0, "percentile").report.pruned_params, 2);
}

TEST(PruneWeights, Float32ComparesAgainstFloat32Threshold) {
  // 0.1f is slightly above 0.1 as a double; numpy casts the threshold to float32, so it is pruned.
  const std::vector<core::WeightArray> weights = {
      make_matrix(1, 1, {static_cast<double>(0.1f)}, core::DType::kFloat32)};
  EXPECT_EQ(prune_weights(weights, 0.1).report.pruned_params, 1);
  const std::vector<core::WeightArray> doubles = {core::make_matrix(1, 1, {static_cast<double>(0.1f)})};
  EXPECT_EQ(prune_weights(doubles, 0.1).report.pruned_params, 0);
}

TEST(QuantizeWeights, SymmetricRoundsHalfToEvenOnTheStepGrid) {
  // 2 bits: levels 4, step = amax / 1.
  const std::vector<core::WeightArray> weights = {core::make_matrix(1, 4, {1.0, 0.5, -0.49, 1.5})};
  const auto q = quantize_weights(weights, 2);
  EXPECT_EQ(q[0].values, (std::vector<double>{1.5, 0.0, -0.0, 1.5}));
  // 4 bits: step = 1.5 / 7.
  const auto q4 = quantize_weights(weights, 4);
  const double step = 1.5 / 7;
  EXPECT_DOUBLE_EQ(q4[0].values[1], 2 * step);  // 0.5 / step = 2.33
  EXPECT_DOUBLE_EQ(q4[0].values[3], 1.5);
}

TEST(QuantizeWeights, AsymmetricSpansMinToMax) {
  const std::vector<core::WeightArray> weights = {core::make_matrix(1, 3, {-1.0, 0.2, 2.0})};
  const auto q = quantize_weights(weights, 2, /*symmetric=*/false);
  // range 3, step 1: values snap to -1, 0, 1, 2.
  EXPECT_DOUBLE_EQ(q[0].values[0], -1.0);
  EXPECT_DOUBLE_EQ(q[0].values[1], 0.0);
  EXPECT_DOUBLE_EQ(q[0].values[2], 2.0);
}

TEST(QuantizeWeights, ClampsBitsAndKeepsDtype) {
  const std::vector<core::WeightArray> weights = {
      make_matrix(1, 2, {static_cast<double>(0.3f), static_cast<double>(-0.7f)}, core::DType::kFloat32)};
  const auto q = quantize_weights(weights, 40);  // clamped to 16
  EXPECT_EQ(q[0].dtype, core::DType::kFloat32);
  // float32 arithmetic: step = float32(amax / 32767), then round(w / step) * step in float32.
  const auto step = static_cast<float>(static_cast<double>(0.7f) / 32767.0);
  const float expected = std::nearbyint(0.3f / step) * step;
  EXPECT_EQ(q[0].values[0], static_cast<double>(expected));
  EXPECT_NE(q[0].values[0], std::nearbyint(static_cast<double>(0.3f) / (0.7 / 32767)) * (0.7 / 32767));
}

TEST(QuantizeWeights, EmptyArrayIsAnError) {
  EXPECT_THROW_MESSAGE(quantize_weights({core::WeightArray{{0, 3}, {}, core::DType::kFloat64}}),
                       core::InputError, "array 0 is empty");
}

TEST(ZeroFraction, CountsZerosOverAllArrays) {
  EXPECT_DOUBLE_EQ(zero_fraction({core::make_matrix(1, 2, {0.0, 1.0}), core::make_matrix(1, 2, {0.0, 0.0})}),
                   0.75);
  EXPECT_DOUBLE_EQ(zero_fraction({}), 1.0);
}

}  // namespace
}  // namespace scn::compress
