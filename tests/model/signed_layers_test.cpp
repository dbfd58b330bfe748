// Signed layers in the calibration: seeded signed weights (hw::make_signed_layer_weights) and the features a
// signed neuron costs (lut_features: subtractor bits of mixed-sign neurons, negative SC synapses,
// signed exact-sum bits; all 0 for unsigned layers).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/hw/layer_design.hpp"
#include "sc_neurocore/hw/verilog.hpp"
#include "sc_neurocore/model/cells.hpp"
#include "test_util.hpp"

namespace scn::model {
namespace {

constexpr std::size_t kSubtractorBits = 13;
constexpr std::size_t kNegativeScSynapses = 14;
constexpr std::size_t kSignedExactBits = 15;

LayerDesign signed_design(double negative_fraction, double sparsity = 0.3) {
  LayerDesign d;
  d.n_inputs = 12;
  d.n_neurons = 5;
  d.bitstream_length = 64;
  d.precision = 6;
  d.sparsity = sparsity;
  d.seed = 9;
  d.negative_fraction = negative_fraction;
  return d;
}

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

TEST(SignedFeatures, SignedLayersCostMoreCellsThanUnsignedOnes) {
  const CalibratedModel& model = calibrated_model_for_family("ice40");
  for (const double sparsity : {0.0, 0.3, 0.7}) {
    const auto u = estimate_layer_hardware(signed_design(0.0, sparsity), model).logic_cells;
    const auto s = estimate_layer_hardware(signed_design(0.5, sparsity), model).logic_cells;
    EXPECT_GT(s, u) << sparsity;
  }
}

TEST(SignedFit, SignedRowsFitTheSignedFeaturesAndLeaveTheUnsignedModelAlone) {
  CellFeatures truth{};
  truth[0] = 20.0;                   // constant
  truth[3] = 1.5;                    // per SC synapse
  truth[4] = 0.7;                    // per accumulator bit
  truth[kSubtractorBits] = 0.9;      // per subtractor bit
  truth[kNegativeScSynapses] = 0.8;  // per negative SC synapse
  std::vector<Measurement> unsigned_rows, rows;
  for (int k = 0; k < 40; ++k) {
    Measurement m;
    m.design = signed_design(0.0, 0.1 * (k % 5));
    m.design.n_inputs = 3 + k % 11;
    m.design.n_neurons = 1 + k % 7;
    m.design.bitstream_length = 16 << (k % 6);
    m.design.seed = static_cast<std::uint64_t>(k);
    const WeightCounts counts = seeded_weight_counts(m.design);  // what the fit counts
    const CellFeatures f = cell_features(m.design, "ice40", &counts);
    m.logic_cells = 0;
    for (std::size_t c = 0; c < kCellFeatureCount; ++c) m.logic_cells += truth[c] * f[c];
    m.luts = m.ffs = m.carries = m.logic_cells / 2;
    unsigned_rows.push_back(m);
    rows.push_back(m);
    Measurement signed_row = m;
    signed_row.design.negative_fraction = 0.3 + 0.1 * (k % 4);
    const WeightCounts signed_counts = seeded_weight_counts(signed_row.design);
    const CellFeatures g = cell_features(signed_row.design, "ice40", &signed_counts);
    signed_row.logic_cells = 0;
    for (std::size_t c = 0; c < kCellFeatureCount; ++c) signed_row.logic_cells += truth[c] * g[c];
    if (hw::negative_synapses(signed_row.design) > 0) rows.push_back(signed_row);
  }
  const CalibratedModel alone = fit_calibrated_model(unsigned_rows, "ice40", "synthetic");
  const CalibratedModel both = fit_calibrated_model(rows, "ice40", "synthetic");
  for (std::size_t c = 0; c < kCellFeatureCount; ++c) {
    if (c < kSubtractorBits || c > kSignedExactBits) {
      EXPECT_EQ(both.cells[c], alone.cells[c]) << c;
    }
  }
  for (const auto& row : rows) {
    const WeightCounts counts = seeded_weight_counts(row.design);
    const auto predicted = estimate_layer_hardware(row.design, both, &counts).logic_cells;
    EXPECT_NEAR(static_cast<double>(predicted), row.logic_cells, 1.0 + 1e-6 * row.logic_cells);
  }
}

}  // namespace
}  // namespace scn::model
