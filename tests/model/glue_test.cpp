// The network glue (model/glue.hpp): what the top of emit-network adds on top of its layers, costed per layer
// from the layer's own design plus a fixed part (its fit: tests/calibration/glue_fit_test.cpp).
#include "sc_neurocore/model/glue.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "model/model_fixtures.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/model/grounded_model.hpp"
#include "test_util.hpp"

namespace scn::model {
namespace {

using test::glue_feature;
using test::knob_design;

TEST(GlueFeatures, TheFirstLayerAddsItsInputShiftRegisterAndOnlyHybridLayersAddNumAdders) {
  const hw::LayerDesign d = knob_design(16, 8, 256, 6);
  const GlueFeatures middle = layer_glue_features(d, false);
  const GlueFeatures first = layer_glue_features(d, true);
  EXPECT_EQ(middle[glue_feature("input_register_bits")], 96.0);  // 16 inputs x 6 bits
  EXPECT_EQ(middle[glue_feature("first_input_register_bits")], 0.0);
  EXPECT_EQ(first[glue_feature("first_input_register_bits")], 96.0);
  EXPECT_EQ(middle[glue_feature("activation_bits")], 48.0);  // 8 neurons x the layer's own 6 bits
  EXPECT_EQ(middle[glue_feature("hybrid_num_adder_bits")], 0.0);
  EXPECT_EQ(middle[glue_feature("constant")], 0.0);  // the fixed part is not a layer's
  // Hybrid at L = 300 = 256 + 32 + 8 + 4: num = exact * 300 takes three adders of the product's width.
  const GlueFeatures hybrid = layer_glue_features(knob_design(16, 8, 300, 6, "hybrid"), false);
  EXPECT_GT(hybrid[glue_feature("hybrid_num_adder_bits")], 0.0);
  EXPECT_DOUBLE_EQ(hybrid[glue_feature("hybrid_multiplier_bits")],
                   3.0 * hybrid[glue_feature("hybrid_num_adder_bits")]);
  const GlueFeatures power_of_two = layer_glue_features(knob_design(16, 8, 256, 6, "hybrid"), false);
  EXPECT_EQ(power_of_two[glue_feature("hybrid_multiplier_bits")], 0.0);  // a shift
  const GlueFeatures fixed = network_glue_fixed_features(3, 10, 8);
  EXPECT_EQ(fixed[glue_feature("constant")], 1.0);
  EXPECT_EQ(fixed[glue_feature("output_register_bits")], 90.0);  // 10 words of 8 + 1 bits
  EXPECT_EQ(fixed[glue_feature("input_register_bits")], 0.0);
}

// A first layer with its inputs in block RAM stages one slice (SIMD x b bits), not every input.
TEST(GlueFeatures, InputsInBlockRamStageOneSlice) {
  hw::LayerDesign d = knob_design(784, 64, 64, 6);
  d.fold = {16, 8, hw::WeightMemory::kBlockRam};
  EXPECT_EQ(layer_glue_features(d, true)[glue_feature("first_input_register_bits")], 4704.0);  // 784 x 6
  d.fold.input_memory = true;
  const GlueFeatures first = layer_glue_features(d, true);
  // 8 lanes x 6 bits, and the staging counters: lane (3 bits), slice and write address (7 bits each for 98
  // slices), write enable.
  EXPECT_EQ(first[glue_feature("input_register_bits")], 48.0 + 3 + 2 * 7 + 1);
  EXPECT_EQ(first[glue_feature("first_input_register_bits")], 0.0);
  EXPECT_EQ(layer_glue(d, true).logic_cells, layer_glue(d, false).logic_cells);
}

TEST(GlueFeatures, ASignedLayerSavesPerSCSynapseAndAnUnsignedOneDoesNot) {
  hw::LayerDesign d = knob_design(16, 8, 256, 6);
  EXPECT_EQ(layer_glue_features(d, false)[glue_feature("signed_layer_synapses")], 0.0);
  d.negative_fraction = 0.25;  // 32 of the 128 kept synapses negated: a signed layer
  EXPECT_EQ(layer_glue_features(d, false)[glue_feature("signed_layer_synapses")], -128.0);
  // With real weights the count is theirs: 40 non-zero SC synapses.
  WeightCounts counts;
  counts.is_signed = true;
  counts.sc_synapses = 40;
  counts.inputs_used = 16;
  counts.live_neurons = 8;
  EXPECT_EQ(layer_glue_features(d, false, &counts)[glue_feature("signed_layer_synapses")], -40.0);
  counts.is_signed = false;
  EXPECT_EQ(layer_glue_features(d, false, &counts)[glue_feature("signed_layer_synapses")], 0.0);
  // The saving lowers the glue of the same layer signed (the ice40 coefficient is fitted > 0).
  EXPECT_LT(layer_glue(d, false).logic_cells, layer_glue(knob_design(16, 8, 256, 6), false).logic_cells);
}

TEST(Glue, TheNetworkIsItsLayersSharesAndTheFixedPart) {
  const std::vector<hw::LayerDesign> layers = {knob_design(16, 16, 64, 4), knob_design(16, 8, 64, 4)};
  const LayerHardware total = network_glue(layers);
  const LayerHardware first = layer_glue(layers[0], true);
  const LayerHardware second = layer_glue(layers[1], false);
  const LayerHardware fixed = network_glue_fixed(2, 8, 4);
  EXPECT_EQ(total.logic_cells, first.logic_cells + second.logic_cells + fixed.logic_cells);
  EXPECT_EQ(total.luts, first.luts + second.luts + fixed.luts);
  EXPECT_EQ(total.ffs, first.ffs + second.ffs + fixed.ffs);
  EXPECT_GT(total.logic_cells, 0);
  EXPECT_GT(first.logic_cells, layer_glue(layers[0], false).logic_cells);  // the input shift register
  // Families without network measurements have no glue (as before it was measured).
  EXPECT_EQ(network_glue(layers, "ecp5").logic_cells, 0);
  EXPECT_EQ(glue_model_for_family("ecp5"), nullptr);
  EXPECT_EQ(network_glue({}).logic_cells, 0);
}

}  // namespace
}  // namespace scn::model
