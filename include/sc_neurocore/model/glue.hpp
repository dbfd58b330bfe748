// The logic the top of `emit-network` (hw/network_verilog.hpp, docs/network.md) adds on top of its layers on
// iCE40: the layers' input registers, each neuron's activation (num = exact * L + ones << 2b, the ReLU or
// linear clamp of num >>> k) and the controller (FSM, word and layer counters, output register). Measured as
// the packed whole design less its layer modules packed alone (nextpnr-ice40 --pack-only), so it also holds
// what flattening the layers into the top saves. A non-negative sum of structural features, decomposed so
// that the planner can cost each layer's share from the layer's own design (it does not know the neighbours'
// knobs): layer_glue for each layer, network_glue_fixed once. Coefficients: data/calibration/ice40-network-*,
// scripts/calibrate network-synthesise, `sc-neurocore calibrate --network-glue`,
// src/model/calibrated/glue.inc.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sc_neurocore/model/cells.hpp"

namespace scn::model {

// One vector for both parts: a layer's features leave the fixed ones at 0 and the other way round.
inline constexpr std::size_t kGlueFeatureCount = 10;
using GlueFeatures = std::array<double, kGlueFeatureCount>;
const std::array<const char*, kGlueFeatureCount>& glue_feature_names();

// A layer's share. The activation's output width is taken as the layer's own precision (the next layer's
// is not known while one layer is costed). `weights` as in the cell model: without them, the layer is signed
// when design.negative_fraction negates a synapse.
GlueFeatures layer_glue_features(const hw::LayerDesign& layer, bool first_layer,
                                 const WeightCounts* weights = nullptr);
// The controller and the output register of the last layer's neurons (b + 1 bits each).
GlueFeatures network_glue_fixed_features(std::size_t layers, int last_neurons, int last_precision);

struct GlueModel {
  std::string family;  // "ice40"
  std::string source;  // tools and the networks measured
  GlueFeatures luts{};
  GlueFeatures ffs{};
  GlueFeatures carries{};
  GlueFeatures logic_cells{};
};

// The compiled-in model (src/model/calibrated/glue.inc); nullptr for a family without network measurements
// (its glue is 0).
const GlueModel* glue_model_for_family(std::string_view family);

// Glue in the cell model's units (LayerHardware: luts, ffs, carry_cells, logic_cells); all 0 for a family
// without a glue model.
LayerHardware layer_glue(const hw::LayerDesign& layer, bool first_layer, std::string_view family = "ice40",
                         const WeightCounts* weights = nullptr);
LayerHardware network_glue_fixed(std::size_t layers, int last_neurons, int last_precision,
                                 std::string_view family = "ice40");
// The whole network's features (every layer's, layer 0 as the first, and the fixed part) and glue.
GlueFeatures network_glue_features(const std::vector<hw::LayerDesign>& layers,
                                   const std::vector<const WeightCounts*>& weights = {});
LayerHardware network_glue(const std::vector<hw::LayerDesign>& layers, std::string_view family = "ice40",
                           const std::vector<const WeightCounts*>& weights = {});

}  // namespace scn::model
