// Non-negative least squares on relative error and the median of errors and ratios, shared by the calibration
// fits (cells, fmax, glue, power, folded).
#pragma once

#include <vector>

namespace scn::calibration {

// min sum_r ((a_r . x - y_r) / max(1, y_r))^2 subject to x >= 0: each row scaled by 1 / measured, so small
// and large layers count alike. `a` is row-major, one feature vector per measurement.
std::vector<double> fit_nonnegative_relative(const std::vector<std::vector<double>>& a,
                                             const std::vector<double>& y);

// The median (the mean of the middle two of an even count); 0 for none.
double median_of(std::vector<double> values);

}  // namespace scn::calibration
