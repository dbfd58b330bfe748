// Signed layers in the calibration: seeded signed weights (hw::make_signed_layer_weights) and the features a
// signed neuron costs (lut_features: subtractor bits of mixed-sign neurons, negative SC synapses,
// signed exact-sum bits; all 0 for unsigned layers).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "model/model_fixtures.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/hw/layer_design.hpp"
#include "sc_neurocore/hw/verilog.hpp"
#include "sc_neurocore/model/cells.hpp"
#include "test_util.hpp"

namespace scn::model {
namespace {

using test::kNegativeScSynapses;
using test::kSignedExactBits;
using test::kSubtractorBits;
using test::signed_design;

TEST(SignedLayerWeights, SameMagnitudesAndPruningExactlyTheNegativeShare) {
  const LayerDesign d = signed_design(0.4);
  const std::vector<std::uint32_t> unsigned_weights = hw::make_layer_weights(d);
  const std::vector<std::int32_t> w = hw::make_signed_layer_weights(d);
  ASSERT_EQ(w.size(), unsigned_weights.size());
  for (std::size_t k = 0; k < w.size(); ++k)
    EXPECT_EQ(static_cast<std::uint32_t>(std::abs(w[k])), unsigned_weights[k]) << k;
  const auto negative = std::count_if(w.begin(), w.end(), [](std::int32_t v) { return v < 0; });
  EXPECT_EQ(hw::active_synapses(d), 42);  // 60 - round(0.3 x 60)
  EXPECT_EQ(negative, 17);                // round(0.4 x 42)
  EXPECT_EQ(hw::negative_synapses(d), 17);
  EXPECT_EQ(w, hw::make_signed_layer_weights(d));  // seeded
  LayerDesign other = d;
  other.seed = 10;
  EXPECT_NE(w, hw::make_signed_layer_weights(other));
}

TEST(SignedLayerWeights, NoNegativeShareIsTheUnsignedLayer) {
  const LayerDesign d = signed_design(0.0);
  const std::vector<std::uint32_t> u = hw::make_layer_weights(d);
  EXPECT_EQ(hw::make_signed_layer_weights(d), std::vector<std::int32_t>(u.begin(), u.end()));
  EXPECT_EQ(hw::module_name(d), "sc_layer_12x5_l64_p6_q6_lfsr_sc_s300");
  EXPECT_EQ(hw::module_name(signed_design(0.25)), "sc_layer_12x5_l64_p6_q6_lfsr_sc_s300_n250");
  const std::vector<std::int32_t> all = hw::make_signed_layer_weights(signed_design(1.0));
  EXPECT_TRUE(std::all_of(all.begin(), all.end(), [](std::int32_t v) { return v <= 0; }));
}

TEST(SignedLayerWeights, NegativeFractionOutsideZeroOneIsRefused) {
  EXPECT_THROW_MESSAGE(hw::validate(signed_design(1.5)), core::InputError,
                       "layer design: negative_fraction must be in [0, 1], got 1.5");
  EXPECT_THROW_MESSAGE(hw::validate(signed_design(-0.1)), core::InputError,
                       "negative_fraction must be in [0, 1]");
}

TEST(SignedFeatures, UnsignedLayersHaveNoneAndSignedOnesAreCountedOrExpected) {
  const LayerDesign u = signed_design(0.0);
  const LutFeatures unsigned_features = lut_features(u, "ice40");
  EXPECT_EQ(unsigned_features[kSubtractorBits], 0.0);
  EXPECT_EQ(unsigned_features[kNegativeScSynapses], 0.0);
  EXPECT_EQ(unsigned_features[kSignedExactBits], 0.0);

  // Counted: neuron 0 has both signs, neuron 1 only negative synapses, neuron 2 one positive.
  LayerDesign d = signed_design(0.0, 0.0);
  d.n_inputs = 2;
  d.n_neurons = 3;
  hw::SignedLayerWeights w;
  w.n_inputs = 2;
  w.n_neurons = 3;
  w.precision = 6;
  w.weight_bits = 6;
  w.values = {5, -7, 3, -9, -2, 0};
  const WeightCounts c = count_weights(d, w);
  EXPECT_EQ(c.mixed_sign_neurons, 1);
  EXPECT_EQ(c.negative_sc_synapses, 3);
  const LutFeatures counted = lut_features(d, "ice40", &c);
  const int accumulator = hw::sc_ones_width(d, true);  // bit_length(2 x 64) + 1 = 9
  EXPECT_EQ(accumulator, 9);
  EXPECT_DOUBLE_EQ(counted[kSubtractorBits], 1.0 * accumulator);
  EXPECT_DOUBLE_EQ(counted[kNegativeScSynapses], 3.0);

  // Expected: a dense half-negative layer of 12 inputs has (nearly) every neuron of both signs.
  const LayerDesign half = signed_design(0.5, 0.0);
  const LutFeatures expected = lut_features(half, "ice40");
  EXPECT_NEAR(expected[kSubtractorBits], 5.0 * hw::sc_ones_width(half, true), 0.05);
  EXPECT_DOUBLE_EQ(expected[kNegativeScSynapses], 30.0);     // 60 SC synapses, half negative
  EXPECT_EQ(ff_features(half)[3] - ff_features(u)[3], 5.0);  // one sign bit per accumulator

  // Hybrid: the signed exact sums run at the signed width.
  LayerDesign hybrid = half;
  hybrid.mode = sim::ComputeMode::kHybrid;
  EXPECT_GT(lut_features(hybrid, "ice40")[kSignedExactBits], 0.0);
}

std::size_t lut_feature(const char* name) {
  const auto& names = lut_feature_names();
  const auto it =
      std::find_if(names.begin(), names.end(), [&](const char* n) { return std::string(n) == name; });
  EXPECT_NE(it, names.end()) << name;
  return static_cast<std::size_t>(it - names.begin());
}

TEST(SignedFeatures, ASignedNeuronHasAPopcountTreePerSign) {
  // 12 dense inputs x 5 neurons: unsigned, one tree of 12 products per neuron ends in a 4-bit adder; half of
  // them negative, two trees of 6 products, 3 bits each (pos_j and neg_j in the Verilog).
  const std::size_t popcount = lut_feature("popcount_bits");
  EXPECT_DOUBLE_EQ(lut_features(signed_design(0.0, 0.0), "ice40")[popcount], 5 * 4.0);
  EXPECT_DOUBLE_EQ(lut_features(signed_design(0.5, 0.0), "ice40")[popcount], 5 * (3.0 + 3.0));
}

TEST(CellFeatures, AWeightComparatorIsAChainWhenTheRandomWordIsWiderThanALut) {
  // 4-bit weights at 6-bit precision: r < W compares 6 bits (W has two zero bits), a carry chain; at 4-bit
  // precision the same weights are functions of 4 bits, LUTs.
  for (const int precision : {4, 6}) {
    LayerDesign d = signed_design(0.0, 0.0);
    d.precision = precision;
    d.weight_bits = 4;
    d.generator = sim::Generator::kLfsr;
    const LutFeatures f = lut_features(d, "ice40");
    const bool chained = precision > 4;
    EXPECT_EQ(f[lut_feature("weight_comparators")] > 0, chained) << precision;
    EXPECT_EQ(f[lut_feature("lut_weight_comparators")] > 0, !chained) << precision;
  }
}

TEST(SignedFeatures, SignedLayersCostMoreCellsThanUnsignedOnes) {
  const CalibratedModel& model = calibrated_model_for_family("ice40");
  for (const double sparsity : {0.0, 0.3, 0.7}) {
    const auto u = estimate_layer_hardware(signed_design(0.0, sparsity), model).logic_cells;
    const auto s = estimate_layer_hardware(signed_design(0.5, sparsity), model).logic_cells;
    EXPECT_GT(s, u) << sparsity;
  }
}

}  // namespace
}  // namespace scn::model
