#include "sc_neurocore/core/weight_array.hpp"

#include <string>
#include <utility>

#include "sc_neurocore/core/error.hpp"

namespace scn::core {

WeightArray make_matrix(std::size_t rows, std::size_t cols, std::vector<double> values, DType dtype) {
  if (values.size() != rows * cols) {
    throw InputError("matrix of shape (" + std::to_string(rows) + ", " + std::to_string(cols) + ") needs " +
                     std::to_string(rows * cols) + " values, got " + std::to_string(values.size()));
  }
  return WeightArray{{rows, cols}, std::move(values), dtype};
}

}  // namespace scn::core
