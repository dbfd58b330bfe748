// The shape the default profile costs each layer as, and the trained weights it may cost instead of
// expectations (docs/default-profile.md, "Shapes and weights").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sc_neurocore/core/types.hpp"
#include "sc_neurocore/core/weight_array.hpp"

namespace scn::model {

// One layer's trained weights: rows = n_inputs, cols = n_neurons. `source` names them in errors (the file,
// or "weights[1]").
struct LayerWeights {
  core::WeightArray matrix;
  std::string source;
};

struct LayerShape {
  std::int64_t n_inputs = 0;
  std::int64_t n_neurons = 0;
  bool given = false;  // by the layer or its weights; false = the square guess from mac_count
  bool operator==(const LayerShape&) const = default;
};

// InputError "<source>: layer <index> ('<id>'): ..." unless the layer gives neither n_inputs nor n_neurons,
// or both, positive, with mac_count = n_inputs x n_neurons.
void validate_layer_shape(const core::LayerProfile& layer, std::size_t index, const std::string& source);
void validate_layer_shapes(const std::vector<core::LayerProfile>& network, const std::string& source);

// Each layer's shape: the layer's own, else its weights' (rows x cols, which must multiply to mac_count),
// else layer_shape_of_mac_count. `weights` is empty or holds one finite 2-D matrix per layer in network
// order, matching the layer's shape; InputError naming the source, the layer and both shapes otherwise.
std::vector<LayerShape> layer_shapes(const std::vector<core::LayerProfile>& network,
                                     const std::vector<LayerWeights>& weights = {});

}  // namespace scn::model
