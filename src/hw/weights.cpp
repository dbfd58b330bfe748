#include "sc_neurocore/hw/weights.hpp"

#include <algorithm>
#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"

namespace scn::hw {

SignedLayerWeights quantise_layer_weights(const core::WeightArray& weights, int precision, int weight_bits,
                                          const std::string& where) {
  if (precision < 1 || precision > 16)
    throw core::InputError(where + ": precision must be 1-16 bits, got " + std::to_string(precision));
  if (weight_bits < 1 || weight_bits > precision)
    throw core::InputError(where + ": weight_bits must be 1-" + std::to_string(precision) + ", got " +
                           std::to_string(weight_bits));
  if (weights.shape.size() != 2)
    throw core::InputError(where + ": weights must be a 2-D matrix (n_inputs x n_neurons), got " +
                           std::to_string(weights.shape.size()) + " dimensions");
  SignedLayerWeights out;
  out.n_inputs = static_cast<int>(weights.shape[0]);
  out.n_neurons = static_cast<int>(weights.shape[1]);
  out.precision = precision;
  out.weight_bits = weight_bits;
  double largest = 0.0;
  for (std::size_t k = 0; k < weights.values.size(); ++k) {
    const double w = weights.values[k];
    if (!std::isfinite(w))
      throw core::InputError(where + ": weight [" + std::to_string(k / weights.shape[1]) + "][" +
                             std::to_string(k % weights.shape[1]) + "] is not finite (" +
                             core::py::float_repr(w) + ")");
    largest = std::max(largest, std::fabs(w));
  }
  const double scale = largest > 0.0 ? largest : 1.0;
  const double levels = std::ldexp(1.0, weight_bits) - 1.0;
  out.value_scale = scale * std::ldexp(1.0, weight_bits) / levels;
  out.values.reserve(weights.values.size());
  for (const double w : weights.values) {
    const auto wq = static_cast<std::int32_t>(std::nearbyint(std::fabs(w) / scale * levels));
    const std::int32_t magnitude = wq << (precision - weight_bits);
    out.values.push_back(w < 0 ? -magnitude : magnitude);
  }
  return out;
}

SignedLayerWeights signed_weights(const std::vector<std::uint32_t>& magnitudes, int n_inputs, int n_neurons,
                                  int precision, int weight_bits) {
  SignedLayerWeights out;
  out.n_inputs = n_inputs;
  out.n_neurons = n_neurons;
  out.precision = precision;
  out.weight_bits = weight_bits == 0 ? precision : weight_bits;
  out.values.assign(magnitudes.begin(), magnitudes.end());
  return out;
}

bool has_negative(const SignedLayerWeights& weights) {
  return std::any_of(weights.values.begin(), weights.values.end(), [](std::int32_t v) { return v < 0; });
}

}  // namespace scn::hw
