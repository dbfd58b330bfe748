// Weight compression (reference-behaviour §1.6): magnitude/percentile pruning
// and symmetric/asymmetric uniform quantisation. Arrays keep their dtype:
// float32 inputs are computed in float32 arithmetic, as NumPy does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace scn {

enum class DType { kFloat32, kFloat64 };

// A dense row-major (C order) array of any rank; values stored as double
// (float32 values are exactly representable).
struct WeightArray {
  std::vector<std::size_t> shape;
  std::vector<double> values;
  DType dtype = DType::kFloat64;

  std::size_t size() const { return values.size(); }
  bool operator==(const WeightArray&) const = default;
};

// Builds a 2-D array (rows x cols) from row-major values.
WeightArray make_matrix(std::size_t rows, std::size_t cols, std::vector<double> values,
                        DType dtype = DType::kFloat64);

struct PruningReport {
  std::int64_t original_params = 0;
  std::int64_t pruned_params = 0;  // every masked entry, including entries that were already zero
  std::int64_t remaining_params = 0;
  double sparsity = 0.0;
  std::int64_t original_neurons = 0;
  std::int64_t pruned_neurons = 0;
};

struct PruneResult {
  std::vector<WeightArray> weights;
  PruningReport report;
};

// method "percentile": cutoff = threshold-th percentile (linear) of |w| over
// each array's non-zero entries; any other method: |w| <= threshold -> 0.
PruneResult prune_weights(const std::vector<WeightArray>& weights, double threshold = 0.01,
                          const std::string& method = "magnitude");

// bits clamped to [2, 16]. Throws InputError for an empty array.
std::vector<WeightArray> quantize_weights(const std::vector<WeightArray>& weights, int bits = 8,
                                          bool symmetric = true);

// Fraction of zero entries over all arrays: 1 - nonzero / max(total, 1).
double zero_fraction(const std::vector<WeightArray>& weights);

}  // namespace scn
