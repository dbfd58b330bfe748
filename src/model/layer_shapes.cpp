#include "sc_neurocore/model/layer_shapes.hpp"

#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/model/grounded_model.hpp"

namespace scn::model {
namespace {

std::string layer_where(const core::LayerProfile& layer, std::size_t index, const std::string& source) {
  return source + ": layer " + std::to_string(index) + " ('" + layer.id + "')";
}

std::string shape_text(std::int64_t rows, std::int64_t cols) {
  return std::to_string(rows) + "x" + std::to_string(cols);
}

void require_positive(const std::optional<std::int64_t>& value, const char* name, const std::string& where) {
  if (*value <= 0)
    throw core::InputError(where + ": " + name + " must be a positive integer, got " +
                           std::to_string(*value));
}

void check_finite(const core::WeightArray& w, const std::string& where) {
  for (std::size_t k = 0; k < w.values.size(); ++k)
    if (!std::isfinite(w.values[k]))
      throw core::InputError(where + ": weight [" + std::to_string(k / w.shape[1]) + "][" +
                             std::to_string(k % w.shape[1]) + "] is not finite (" +
                             core::py::float_repr(w.values[k]) + ")");
}

// The shape the weights give the layer, checked against what the layer says.
LayerShape weights_shape(const core::LayerProfile& layer, const LayerWeights& weights,
                         const std::string& where) {
  const core::WeightArray& w = weights.matrix;
  if (w.shape.size() != 2)
    throw core::InputError(where + ": weights must be a 2-D matrix (n_inputs x n_neurons), got " +
                           std::to_string(w.shape.size()) + " dimensions");
  const auto rows = static_cast<std::int64_t>(w.shape[0]);
  const auto cols = static_cast<std::int64_t>(w.shape[1]);
  if (rows == 0 || cols == 0)
    throw core::InputError(where + ": weights are " + shape_text(rows, cols) + ", empty");
  if (layer.n_inputs && (rows != *layer.n_inputs || cols != *layer.n_neurons))
    throw core::InputError(where + ": weights are " + shape_text(rows, cols) + ", the network says " +
                           shape_text(*layer.n_inputs, *layer.n_neurons));
  if (!layer.n_inputs && rows * cols != layer.mac_count)
    throw core::InputError(where + ": weights are " + shape_text(rows, cols) + " = " +
                           std::to_string(rows * cols) + " synapses, the network says mac_count " +
                           std::to_string(layer.mac_count));
  check_finite(w, where);
  return {rows, cols, true};
}

}  // namespace

void validate_layer_shape(const core::LayerProfile& layer, std::size_t index, const std::string& source) {
  if (!layer.n_inputs && !layer.n_neurons) return;
  const std::string where = layer_where(layer, index, source);
  if (!layer.n_inputs || !layer.n_neurons)
    throw core::InputError(where + ": " + (layer.n_inputs ? "n_neurons" : "n_inputs") + " missing (" +
                           (layer.n_inputs ? "n_inputs" : "n_neurons") + " is given; give both or neither)");
  require_positive(layer.n_inputs, "n_inputs", where);
  require_positive(layer.n_neurons, "n_neurons", where);
  std::int64_t product = 0;
  const bool overflow = __builtin_mul_overflow(*layer.n_inputs, *layer.n_neurons, &product);
  if (overflow || product != layer.mac_count)
    throw core::InputError(where + ": mac_count " + std::to_string(layer.mac_count) + " != n_inputs " +
                           std::to_string(*layer.n_inputs) + " x n_neurons " +
                           std::to_string(*layer.n_neurons) +
                           (overflow ? "" : " = " + std::to_string(product)));
}

void validate_layer_shapes(const std::vector<core::LayerProfile>& network, const std::string& source) {
  for (std::size_t i = 0; i < network.size(); ++i) validate_layer_shape(network[i], i, source);
}

std::vector<LayerShape> layer_shapes(const std::vector<core::LayerProfile>& network,
                                     const std::vector<LayerWeights>& weights) {
  if (!weights.empty() && weights.size() != network.size())
    throw core::InputError("weights: " + std::to_string(weights.size()) +
                           (weights.size() == 1 ? " matrix" : " matrices") + " for a network of " +
                           std::to_string(network.size()) + (network.size() == 1 ? " layer" : " layers") +
                           " (one per layer, in network order)");
  std::vector<LayerShape> shapes;
  shapes.reserve(network.size());
  for (std::size_t i = 0; i < network.size(); ++i) {
    const core::LayerProfile& layer = network[i];
    validate_layer_shape(layer, i, "network");
    if (!weights.empty()) {
      shapes.push_back(weights_shape(layer, weights[i], layer_where(layer, i, weights[i].source)));
    } else if (layer.n_inputs && layer.n_neurons) {
      shapes.push_back({*layer.n_inputs, *layer.n_neurons, true});
    } else {
      const auto [n_inputs, n_neurons] = layer_shape_of_mac_count(layer.mac_count);
      shapes.push_back({n_inputs, n_neurons, false});
    }
  }
  return shapes;
}

}  // namespace scn::model
