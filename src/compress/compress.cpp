#include "sc_neurocore/compress/compress.hpp"

#include <algorithm>
#include <cmath>

#include "sc_neurocore/core/error.hpp"

namespace scn::compress {
namespace {

// Applies `op` in the array's own precision: float32 arrays see float32
// arithmetic (NumPy keeps float32 when a Python scalar meets a float32 array).
template <typename Op>
core::WeightArray map_values(const core::WeightArray& array, Op op) {
  core::WeightArray out = array;
  for (double& v : out.values) {
    v = array.dtype == core::DType::kFloat32 ? static_cast<double>(op(static_cast<float>(v))) : op(v);
  }
  return out;
}

// numpy.percentile(values, q) with the default linear method, on sorted values.
double linear_percentile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const double position = q / 100.0 * static_cast<double>(values.size() - 1);
  const double lower_index = std::floor(position);
  const auto lower =
      static_cast<std::size_t>(std::clamp(lower_index, 0.0, static_cast<double>(values.size() - 1)));
  const std::size_t upper = std::min(lower + 1, values.size() - 1);
  const double t = position - lower_index;
  const double a = values[lower];
  const double b = values[upper];
  const double diff = b - a;
  // numpy's _lerp switches formula at t >= 0.5 for monotonicity.
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

core::WeightArray quantize_symmetric(const core::WeightArray& array, int bits) {
  const auto levels = std::int64_t{1} << bits;
  double max_abs = 0.0;
  for (double v : array.values) max_abs = std::max(max_abs, std::fabs(v));
  const double amax = std::max(max_abs, 1e-8);
  const double step = amax / static_cast<double>(levels / 2 - 1);
  if (array.dtype == core::DType::kFloat32) {
    const auto step32 = static_cast<float>(step);
    const auto amax32 = static_cast<float>(amax);
    return map_values(array, [&](auto w) {
      const float q = std::nearbyint(static_cast<float>(w) / step32) * step32;
      return std::clamp(q, -amax32, amax32);
    });
  }
  return map_values(array, [&](auto w) {
    const double q = std::nearbyint(static_cast<double>(w) / step) * step;
    return std::clamp(q, -amax, amax);
  });
}

core::WeightArray quantize_asymmetric(const core::WeightArray& array, int bits) {
  const auto levels = std::int64_t{1} << bits;
  const auto [min_it, max_it] = std::minmax_element(array.values.begin(), array.values.end());
  const double low = *min_it;
  const double range = std::max(*max_it - low, 1e-8);
  const double step = range / static_cast<double>(levels - 1);
  if (array.dtype == core::DType::kFloat32) {
    const auto step32 = static_cast<float>(step);
    const auto low32 = static_cast<float>(low);
    return map_values(array, [&](auto w) {
      return std::nearbyint((static_cast<float>(w) - low32) / step32) * step32 + low32;
    });
  }
  return map_values(
      array, [&](auto w) { return std::nearbyint((static_cast<double>(w) - low) / step) * step + low; });
}

}  // namespace

PruneResult prune_weights(const std::vector<core::WeightArray>& weights, double threshold,
                          const std::string& method) {
  PruneResult result;
  std::int64_t total = 0;
  std::int64_t pruned = 0;
  for (const auto& array : weights) {
    double cutoff = threshold;
    if (method == "percentile") {
      std::vector<double> magnitudes;
      for (double v : array.values)
        if (v != 0.0) magnitudes.push_back(std::fabs(v));
      cutoff = magnitudes.empty() ? 0.0 : linear_percentile(std::move(magnitudes), threshold);
    }
    // NumPy compares a float32 array against the threshold cast to float32.
    const double effective_cutoff =
        array.dtype == core::DType::kFloat32 ? static_cast<double>(static_cast<float>(cutoff)) : cutoff;
    core::WeightArray out = array;
    for (double& v : out.values) {
      if (std::fabs(v) <= effective_cutoff) {
        v = 0.0;
        ++pruned;
      }
    }
    total += static_cast<std::int64_t>(array.size());
    result.weights.push_back(std::move(out));
  }
  result.report.original_params = total;
  result.report.pruned_params = pruned;
  result.report.remaining_params = total - pruned;
  result.report.sparsity =
      static_cast<double>(pruned) / static_cast<double>(std::max<std::int64_t>(total, 1));
  return result;
}

std::vector<core::WeightArray> quantize_weights(const std::vector<core::WeightArray>& weights, int bits,
                                                bool symmetric) {
  bits = std::clamp(bits, 2, 16);
  std::vector<core::WeightArray> out;
  out.reserve(weights.size());
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i].values.empty()) {
      throw core::InputError("quantize_weights: array " + std::to_string(i) + " is empty");
    }
    out.push_back(symmetric ? quantize_symmetric(weights[i], bits) : quantize_asymmetric(weights[i], bits));
  }
  return out;
}

double zero_fraction(const std::vector<core::WeightArray>& weights) {
  std::int64_t total = 0;
  std::int64_t nonzero = 0;
  for (const auto& array : weights) {
    total += static_cast<std::int64_t>(array.size());
    nonzero += std::count_if(array.values.begin(), array.values.end(), [](double v) { return v != 0.0; });
  }
  return 1.0 - static_cast<double>(nonzero) / static_cast<double>(std::max<std::int64_t>(total, 1));
}

}  // namespace scn::compress
