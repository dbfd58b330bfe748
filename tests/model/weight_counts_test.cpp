// Issue 11: the cell model counts what real weights make of a layer instead of expecting it.
#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/python_random.hpp"
#include "sc_neurocore/model/cells.hpp"
#include "test_util.hpp"

namespace scn::model {
namespace {

hw::SignedLayerWeights signed_matrix(int n, int m, int precision, std::vector<std::int32_t> values) {
  hw::SignedLayerWeights w;
  w.n_inputs = n;
  w.n_neurons = m;
  w.precision = precision;
  w.weight_bits = precision;
  w.values = std::move(values);
  return w;
}

LayerDesign design_of(int n, int m, int length, int precision, sim::Generator generator,
                      sim::ComputeMode mode = sim::ComputeMode::kSc) {
  LayerDesign d;
  d.n_inputs = n;
  d.n_neurons = m;
  d.bitstream_length = length;
  d.precision = precision;
  d.generator = generator;
  d.mode = mode;
  return d;
}

// Standard-normal weights with `zero_share` of them set to 0, seeded.
core::WeightArray gaussian_matrix(std::size_t n, std::size_t m, double zero_share, std::int64_t seed) {
  core::PythonRandom random(seed);
  std::vector<double> values;
  for (std::size_t k = 0; k < n * m; ++k) {
    const double w = random.gauss(0.0, 1.0);
    values.push_back(random.random() < zero_share ? 0.0 : w);
  }
  return core::make_matrix(n, m, std::move(values));
}

TEST(WeightCounts, CountsTheHybridSplitSetBitsAndSign) {
  // Hybrid 4x2: input 0 is exact (int(0.3 x 4) = 1), inputs 1-3 are SC; input 2 keeps no synapse.
  const LayerDesign d = design_of(4, 2, 256, 4, sim::Generator::kLfsr, sim::ComputeMode::kHybrid);
  const WeightCounts c = count_weights(d, signed_matrix(4, 2, 4, {5, 0, 3, -3, 0, 0, 7, 3}));
  EXPECT_EQ(c.exact_synapses, 1);
  EXPECT_DOUBLE_EQ(c.exact_set_bits, 2.0);  // 5 = 0b101
  EXPECT_EQ(c.sc_synapses, 4);
  EXPECT_EQ(c.sc_inputs_used, 2);
  EXPECT_EQ(c.distinct_sc_weights, 2);  // 3 (twice, one negative) and 7
  EXPECT_TRUE(c.is_signed);
}

TEST(WeightCounts, InputsAndNeuronsWithoutASynapse) {
  // Hybrid 4x3: input 0 exact, inputs 1-3 SC. Neuron 0 has SC synapses only, neuron 1 an exact one only,
  // neuron 2 none (a dead neuron); input 3 keeps no synapse.
  const LayerDesign d = design_of(4, 3, 64, 4, sim::Generator::kLfsr, sim::ComputeMode::kHybrid);
  const WeightCounts c = count_weights(d, signed_matrix(4, 3, 4, {0, 5, 0, 3, 0, 0, -7, 0, 0, 0, 0, 0}));
  EXPECT_EQ(c.inputs_used, 3);
  EXPECT_EQ(c.live_neurons, 2);
  EXPECT_EQ(c.sc_inputs_used, 2);
}

TEST(WeightCounts, OneValueEverywhereIsOneComparator) {
  const LayerDesign d = design_of(8, 4, 256, 8, sim::Generator::kLfsr);
  const core::WeightArray same = core::make_matrix(8, 4, std::vector<double>(32, 0.5));
  const WeightCounts c = count_weights(d, hw::quantise_layer_weights(same, 8, 8, "w"));
  EXPECT_EQ(c.distinct_sc_weights, 1);
  EXPECT_EQ(c.sc_synapses, 32);
  EXPECT_EQ(c.sc_inputs_used, 8);
  EXPECT_FALSE(c.is_signed);
  const LutFeatures f = lut_features(d, "ice40", &c);
  EXPECT_DOUBLE_EQ(f[12], 1.0);  // weight_comparators
  EXPECT_DOUBLE_EQ(f[1], 8.0);   // one 8-bit comparator
  EXPECT_LT(estimate_layer_hardware(d, calibrated_model_for_family("ice40"), &c).logic_cells,
            estimate_layer_hardware(d, calibrated_model_for_family("ice40")).logic_cells);
}

TEST(WeightCounts, SobolComparesTheTopBitsOfTheStreamIndex) {
  // L = 16: a Sobol point varies in its top bit_length(16) = 5 bits, so 168 = 10101|000 and 175 = 10101|111
  // share a comparator and 176 = 10110|000 needs its own.
  const LayerDesign d = design_of(3, 1, 16, 8, sim::Generator::kSobol);
  EXPECT_EQ(compared_weight_bits(d), 5);
  EXPECT_EQ(count_weights(d, signed_matrix(3, 1, 8, {168, 175, 176})).distinct_sc_weights, 2);
  const LayerDesign lfsr = design_of(3, 1, 16, 8, sim::Generator::kLfsr);
  EXPECT_EQ(compared_weight_bits(lfsr), 8);
  EXPECT_EQ(count_weights(lfsr, signed_matrix(3, 1, 8, {168, 175, 176})).distinct_sc_weights, 3);
}

TEST(WeightCounts, SignedWeightsWidenEveryAccumulatorByOneBit) {
  const LayerDesign d = design_of(4, 3, 256, 6, sim::Generator::kLfsr);
  std::vector<std::int32_t> values(12, 9);
  const WeightCounts positive = count_weights(d, signed_matrix(4, 3, 6, values));
  values[5] = -9;
  const WeightCounts negative = count_weights(d, signed_matrix(4, 3, 6, values));
  EXPECT_DOUBLE_EQ(lut_features(d, "ice40", &negative)[4] - lut_features(d, "ice40", &positive)[4], 3.0);
  EXPECT_DOUBLE_EQ(ff_features(d, &negative)[3] - ff_features(d, &positive)[3], 3.0);
}

TEST(WeightCounts, HalfZeroWeightsCostFewerCellsThanNoWeights) {
  const CalibratedModel& model = calibrated_model_for_family("ice40");
  const LayerDesign d = design_of(32, 16, 256, 8, sim::Generator::kLfsr);
  const WeightCounts dense =
      count_weights(d, hw::quantise_layer_weights(gaussian_matrix(32, 16, 0.0, 7), 8, 8, "w"));
  const WeightCounts half =
      count_weights(d, hw::quantise_layer_weights(gaussian_matrix(32, 16, 0.5, 7), 8, 8, "w"));
  EXPECT_LT(half.sc_synapses, 300);  // about half of 512 (plus the Gaussian's few that round to zero)
  EXPECT_GT(half.sc_synapses, 200);
  const std::int64_t without = estimate_layer_hardware(d, model).logic_cells;
  EXPECT_LT(estimate_layer_hardware(d, model, &half).logic_cells, without);
  EXPECT_LT(estimate_layer_hardware(d, model, &half).logic_cells,
            estimate_layer_hardware(d, model, &dense).logic_cells);
}

TEST(WeightCounts, WeightsUsingEveryValueCountWhatTheExpectationExpects) {
  // 64x32 dense 4-bit weights cycling through all 15 non-zero values: the expectation's random weights.
  const LayerDesign d = design_of(64, 32, 256, 4, sim::Generator::kLfsr);
  std::vector<std::int32_t> values;
  for (int k = 0; k < 64 * 32; ++k) values.push_back(1 + k % 15);
  const WeightCounts c = count_weights(d, signed_matrix(64, 32, 4, values));
  const LutFeatures expected = lut_features(d, "ice40");
  const LutFeatures counted = lut_features(d, "ice40", &c);
  for (std::size_t k = 0; k < kLutFeatureCount; ++k) EXPECT_NEAR(counted[k], expected[k], 1e-6) << k;
  EXPECT_EQ(ff_features(d, &c), ff_features(d));
}

TEST(WeightCounts, RefusesWeightsOfAnotherShape) {
  const LayerDesign d = design_of(4, 2, 256, 4, sim::Generator::kLfsr);
  EXPECT_THROW_MESSAGE(count_weights(d, signed_matrix(2, 4, 4, std::vector<std::int32_t>(8, 1))),
                       core::InputError, "weights are 2x4 at 4 bits, the layer 4x2 at 4");
}

}  // namespace
}  // namespace scn::model
