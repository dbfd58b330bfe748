// Plans as emit-network, simulate and synth read them: the plan JSON that
// `optimise --out` / `fit --plan-out` write, or one written by hand with only
// the per-layer knobs. Cost fields, when present, are ignored (not trusted).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sc_neurocore/compress/fit_to_target.hpp"
#include "sc_neurocore/hw/network.hpp"
#include "sc_neurocore/model/energy.hpp"
#include "sc_neurocore/model/grounded_model.hpp"

namespace scn::io {

// {"layers": [{"id", "bitstream_length", "decorrelator", "lfsr_polynomial"?, "precision_bits", "mode",
// "weight_bits"?, "activation_shift"?}, ...], "rejected_layers"?: [...]}. InputError "<source>: layer <i>
// ('<id>'): <field> ..." for a missing or mistyped field, and for a plan that rejected layers (no
// configuration to build).
std::vector<hw::PlannedLayer> plan_from_json(const nlohmann::json& plan, const std::string& source);
std::vector<hw::PlannedLayer> load_plan(const std::filesystem::path& path);

// `fit --plan-out`: the fit result as a plan (layers layer_0, layer_1, ... with the fitted bitstream length,
// the knobs and the fitted weight bits), and `fit --network-out`: the manifest of those layers.
nlohmann::json fit_plan_json(const compress::OptimizationResult& result,
                             const std::vector<model::LayerSize>& sizes, const model::LayerKnobs& knobs);
nlohmann::json fit_network_json(const std::vector<model::LayerSize>& sizes);

// A folded layer's "fold" as plans write it and plan_from_json reads it: lanes, weight memory, and
// "input_memory": true when the inputs sit in block RAM.
nlohmann::json fold_json(const hw::Fold& fold);
// The fold a planned layer's configuration states (neuron_lanes 0: spatial).
hw::Fold fold_of_config(const core::SurrogateLayerConfig& config);

}  // namespace scn::io
