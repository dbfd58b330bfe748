// Network manifests (`--network`) and layer-size specs (`--layers 784x128,128x10`).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sc_neurocore/core/types.hpp"
#include "sc_neurocore/model/energy.hpp"

namespace scn::io {

// n_inputs and n_neurons are also in profile (the planner reads them there); kept here for callers.
struct NetworkLayer {
  core::LayerProfile profile;
  std::optional<std::int64_t> n_inputs;
  std::optional<std::int64_t> n_neurons;
};

// {"layers": [{"id": ..., "mac_count": ..., "is_critical_path": bool, "n_inputs"?: int, "n_neurons"?: int}]}.
// Validation as the published load_network (docs/reference-behaviour.md §1.8) but
// strict: ids non-empty unique strings, mac_count a non-negative integer,
// is_critical_path a boolean, n_inputs and n_neurons both or neither with
// mac_count = n_inputs x n_neurons. Errors are InputError "<source>: layer <i> ...".
std::vector<NetworkLayer> network_from_json(const nlohmann::json& manifest, const std::string& source);
std::vector<NetworkLayer> load_network(const std::filesystem::path& path);
std::vector<core::LayerProfile> layer_profiles(const std::vector<NetworkLayer>& layers);

// "784x128,128x10" -> {{784,128},{128,10}}; InputError naming the bad item otherwise.
std::vector<model::LayerSize> parse_layer_sizes(const std::string& text);

}  // namespace scn::io
