#include <cmath>

#include "sc_neurocore/error.hpp"
#include "sc_neurocore/fit.hpp"
#include "sc_neurocore/pyformat.hpp"
#include "sc_neurocore/targets.hpp"

namespace scn {
namespace {

std::string shape_text(const std::vector<std::size_t>& shape) {
  std::string text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + (shape.size() == 1 ? ",)" : ")");
}

void validate_fit_inputs(const std::vector<LayerSize>& layer_sizes, const std::vector<WeightArray>& weights,
                         const FitOptions& options) {
  if (find_fpga_target(options.target) == nullptr)
    throw InputError("Unknown target '" + options.target + "'");
  if (options.initial_bitstream_length <= 0 || options.min_bitstream_length <= 0) {
    throw InputError("bitstream lengths must be positive integers (initial " +
                     std::to_string(options.initial_bitstream_length) + ", minimum " +
                     std::to_string(options.min_bitstream_length) + ")");
  }
  if (options.min_bitstream_length > options.initial_bitstream_length) {
    throw InputError("min_bitstream_length " + std::to_string(options.min_bitstream_length) +
                     " is above initial_bitstream_length " +
                     std::to_string(options.initial_bitstream_length));
  }
  if (options.max_iterations < 0) throw InputError("max_iterations must be non-negative");
  if (weights.size() != layer_sizes.size()) {
    throw InputError("got " + std::to_string(weights.size()) + " weight arrays for " +
                     std::to_string(layer_sizes.size()) + " layers");
  }
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const auto& shape = weights[i].shape;
    const auto n_in = static_cast<std::size_t>(layer_sizes[i].n_inputs);
    const auto n_out = static_cast<std::size_t>(layer_sizes[i].n_neurons);
    const bool matches = shape.size() == 2 &&
                         ((shape[0] == n_in && shape[1] == n_out) || (shape[0] == n_out && shape[1] == n_in));
    if (!matches) {
      throw InputError("weights " + std::to_string(i) + " have shape " + shape_text(shape) + ", expected (" +
                       std::to_string(n_in) + ", " + std::to_string(n_out) + ") or its transpose (" +
                       std::to_string(n_out) + ", " + std::to_string(n_in) + ") for layer " +
                       std::to_string(layer_sizes[i].n_inputs) + "x" +
                       std::to_string(layer_sizes[i].n_neurons));
    }
    for (std::size_t k = 0; k < weights[i].values.size(); ++k) {
      if (!std::isfinite(weights[i].values[k])) {
        throw InputError("weights " + std::to_string(i) + " element " + std::to_string(k) +
                         " is not finite (" + py::float_repr(weights[i].values[k]) + ")");
      }
    }
  }
}

}  // namespace

OptimizationResult fit_to_target(const std::vector<LayerSize>& layer_sizes,
                                 const std::vector<WeightArray>& weights, const FitOptions& options) {
  validate_fit_inputs(layer_sizes, weights, options);
  const FpgaTarget& target = fpga_target(options.target);
  const auto estimate_at = [&](std::int64_t length) {
    EstimateOptions estimate_options;
    estimate_options.target = options.target;
    estimate_options.bitstream_length = length;
    return estimate(layer_sizes, estimate_options);
  };

  OptimizationResult result;
  result.profile = profile_name(options.profile);
  std::vector<WeightArray> current = weights;
  std::int64_t length = options.initial_bitstream_length;
  double threshold = 0.001;
  int bits = 16;

  for (std::int64_t iteration = 0; iteration < options.max_iterations; ++iteration) {
    EnergyReport report = estimate_at(length);
    if (report.fits_on_target) break;
    const std::int64_t luts_before = report.total_luts;

    if (length > options.min_bitstream_length) {
      length = std::max(length / 2, options.min_bitstream_length);
      report = estimate_at(length);
      result.steps.push_back(
          {"Reduce L to " + std::to_string(length), luts_before, report.total_luts, 0.0, length});
      if (report.fits_on_target) break;
      continue;
    }

    threshold *= 3;
    PruneResult pruned = prune_weights(current, threshold);
    current = std::move(pruned.weights);
    report = estimate_at(length);
    result.steps.push_back({"Prune threshold=" + py::fixed(threshold, 3), luts_before, report.total_luts,
                            pruned.report.sparsity, length});
    if (bits > 4) {
      bits = std::max(bits - 2, 4);
      current = quantize_weights(current, bits);
      result.steps.push_back({"Quantize to " + std::to_string(bits) + "-bit", report.total_luts,
                              report.total_luts, pruned.report.sparsity, length});
    }
  }

  const EnergyReport final_report = estimate_at(length);
  result.fits = final_report.fits_on_target;
  result.target = options.target;
  result.final_luts = final_report.total_luts;
  result.target_luts = target.total_luts;
  result.utilization_pct = final_report.utilization_pct;
  result.final_bitstream_length = length;
  result.final_sparsity = zero_fraction(current);
  result.optimized_weights = std::move(current);
  return result;
}

}  // namespace scn
