// The calibrated models' arithmetic, shared by the cell and glue models (private to model/): a fitted row of
// coefficients applied to a feature vector, and the count it predicts.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace scn::model {

template <std::size_t K>
double dot(const std::array<double, K>& coefficients, const std::array<double, K>& features) {
  double sum = 0.0;
  for (std::size_t k = 0; k < K; ++k) sum += coefficients[k] * features[k];
  return sum;
}

// A predicted number of cells: rounded to the nearest, never negative.
inline std::int64_t count_of(double value) { return std::max<std::int64_t>(0, std::llround(value)); }

}  // namespace scn::model
