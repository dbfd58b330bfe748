// The weight matrices every layer of the engine passes around: pruning and quantisation (compress/),
// the hardware generator (hw/), the cost models (model/) and the weight readers (io/).
#pragma once

#include <cstddef>
#include <vector>

namespace scn::core {

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

}  // namespace scn::core
