// A trained layer's real weights as the SC hardware holds them: sign and
// magnitude (docs/network.md, "Weights").
//
// Per layer, with s = max |w| (1 when every weight is 0) and q the weight bits:
//   W_q = round(|w| / s * (2^q - 1)),  magnitude W = W_q << (b - q),  sign = w < 0
// so that w ~ sign * W / 2^b * value_scale with value_scale = s * 2^q / (2^q - 1).
// A weight whose W_q is 0 is pruned: its synapse has no logic. The hardware
// multiplies unipolar streams and accumulates a negative synapse's product
// with a minus sign (one signed accumulator per neuron).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sc_neurocore/core/weight_array.hpp"

namespace scn::hw {

struct SignedLayerWeights {
  int n_inputs = 0;
  int n_neurons = 0;
  int precision = 8;    // b
  int weight_bits = 8;  // q <= b
  // values[i * n_neurons + j] = sign * W of synapse (input i, neuron j); |value| < 2^b.
  std::vector<std::int32_t> values;
  double value_scale = 1.0;  // real weight ~ value / 2^b * value_scale
  bool operator==(const SignedLayerWeights&) const = default;
};

// Quantises one n_inputs x n_neurons matrix (rows = inputs). InputError naming `where` for a shape other
// than 2-D, a non-finite value, precision outside 1-16 or weight_bits outside 1-precision.
SignedLayerWeights quantise_layer_weights(const core::WeightArray& weights, int precision, int weight_bits,
                                          const std::string& where);

// Unsigned weights (seeded or already quantised) as signed weights with value_scale 1.
SignedLayerWeights signed_weights(const std::vector<std::uint32_t>& magnitudes, int n_inputs, int n_neurons,
                                  int precision, int weight_bits);

bool has_negative(const SignedLayerWeights& weights);

// Two consecutive layers' row-major matrices (rows = inputs): `own` is own_rows x m, `next` is m x next_cols.
// Zeroes column j of `own` for every row j of `next` that is all zero (the next layer reads nothing of
// neuron j) and returns those j, ascending.
template <typename T>
std::vector<int> zero_unread_neurons(std::vector<T>& own, std::size_t own_rows, const std::vector<T>& next,
                                     std::size_t next_cols) {
  const std::size_t m = next_cols > 0 ? next.size() / next_cols : 0;
  std::vector<int> zeroed;
  for (std::size_t j = 0; j < m; ++j) {
    bool read = false;
    for (std::size_t k = 0; k < next_cols && !read; ++k) read = next[j * next_cols + k] != T{0};
    if (read) continue;
    for (std::size_t r = 0; r < own_rows; ++r) own[r * m + j] = T{0};
    zeroed.push_back(static_cast<int>(j));
  }
  return zeroed;
}

}  // namespace scn::hw
