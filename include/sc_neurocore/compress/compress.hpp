// Weight compression (docs/reference-behaviour.md §1.6): magnitude/percentile pruning
// and symmetric/asymmetric uniform quantisation. Arrays keep their dtype:
// float32 inputs are computed in float32 arithmetic, as NumPy does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sc_neurocore/core/weight_array.hpp"

namespace scn::compress {

struct PruningReport {
  std::int64_t original_params = 0;
  std::int64_t pruned_params = 0;  // every masked entry, including entries that were already zero
  std::int64_t remaining_params = 0;
  double sparsity = 0.0;
  std::int64_t original_neurons = 0;
  std::int64_t pruned_neurons = 0;
};

struct PruneResult {
  std::vector<core::WeightArray> weights;
  PruningReport report;
};

// method "percentile": cutoff = threshold-th percentile (linear) of |w| over
// each array's non-zero entries; any other method: |w| <= threshold -> 0.
PruneResult prune_weights(const std::vector<core::WeightArray>& weights, double threshold = 0.01,
                          const std::string& method = "magnitude");

// bits clamped to [2, 16]. Throws InputError for an empty array.
std::vector<core::WeightArray> quantize_weights(const std::vector<core::WeightArray>& weights, int bits = 8,
                                                bool symmetric = true);

// Fraction of zero entries over all arrays: 1 - nonzero / max(total, 1).
double zero_fraction(const std::vector<core::WeightArray>& weights);

}  // namespace scn::compress
