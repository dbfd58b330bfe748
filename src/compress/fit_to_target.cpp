#include "sc_neurocore/compress/fit_to_target.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/model/devices.hpp"
#include "sc_neurocore/model/folded_cells.hpp"
#include "sc_neurocore/model/targets.hpp"

namespace scn::compress {
namespace {

std::string shape_text(const std::vector<std::size_t>& shape) {
  const std::string items = core::join(shape, ", ", [](std::size_t n) { return std::to_string(n); });
  return "(" + items + (shape.size() == 1 ? ",)" : ")");
}

void validate_fit_inputs(const std::vector<model::LayerSize>& layer_sizes,
                         const std::vector<core::WeightArray>& weights, const FitOptions& options) {
  if (options.profile == core::Profile::kDefault ? model::find_device(options.target) == nullptr
                                                 : model::find_fpga_target(options.target) == nullptr)
    throw core::InputError("Unknown target '" + options.target + "'");
  if (options.initial_bitstream_length <= 0 || options.min_bitstream_length <= 0) {
    throw core::InputError("bitstream lengths must be positive integers (initial " +
                           std::to_string(options.initial_bitstream_length) + ", minimum " +
                           std::to_string(options.min_bitstream_length) + ")");
  }
  if (options.min_bitstream_length > options.initial_bitstream_length) {
    throw core::InputError("min_bitstream_length " + std::to_string(options.min_bitstream_length) +
                           " is above initial_bitstream_length " +
                           std::to_string(options.initial_bitstream_length));
  }
  if (options.max_iterations < 0) throw core::InputError("max_iterations must be non-negative");
  if (options.min_task_accuracy && !(*options.min_task_accuracy >= 0.0 && *options.min_task_accuracy <= 1.0))
    throw core::InputError("min_task_accuracy must be in [0, 1], got " +
                           core::py::float_repr(*options.min_task_accuracy));
  if (options.validation && options.profile != core::Profile::kDefault)
    throw core::InputError(
        "validation data needs the default profile (the reference profile's fit has no accuracy model)");
  if (!(options.min_accuracy >= 0.0 && options.min_accuracy <= 1.0))
    throw core::InputError("min_accuracy must be in [0, 1], got " +
                           core::py::float_repr(options.min_accuracy));
  if (weights.size() != layer_sizes.size()) {
    throw core::InputError("got " + std::to_string(weights.size()) + " weight arrays for " +
                           std::to_string(layer_sizes.size()) + " layers");
  }
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const auto& shape = weights[i].shape;
    const auto n_in = static_cast<std::size_t>(layer_sizes[i].n_inputs);
    const auto n_out = static_cast<std::size_t>(layer_sizes[i].n_neurons);
    const bool matches = shape.size() == 2 &&
                         ((shape[0] == n_in && shape[1] == n_out) || (shape[0] == n_out && shape[1] == n_in));
    if (!matches) {
      throw core::InputError("weights " + std::to_string(i) + " have shape " + shape_text(shape) +
                             ", expected (" + std::to_string(n_in) + ", " + std::to_string(n_out) +
                             ") or its transpose (" + std::to_string(n_out) + ", " + std::to_string(n_in) +
                             ") for layer " + std::to_string(layer_sizes[i].n_inputs) + "x" +
                             std::to_string(layer_sizes[i].n_neurons));
    }
    for (std::size_t k = 0; k < weights[i].values.size(); ++k) {
      if (!std::isfinite(weights[i].values[k])) {
        throw core::InputError("weights " + std::to_string(i) + " element " + std::to_string(k) +
                               " is not finite (" + core::py::float_repr(weights[i].values[k]) + ")");
      }
    }
  }
}

// The default profile's loop state: weights, bitstream length, weight bits, pruning threshold.
struct FitState {
  std::vector<core::WeightArray> weights;
  std::int64_t length = 0;
  int weight_bits = 0;
  double threshold = 0.001;
  model::EnergyReport report;
  double accuracy = 0.0;
  std::optional<double> task_accuracy;  // with validation data, once measured
  std::vector<hw::Fold> folds;          // per layer; neuron_lanes 0 = spatial
};

double fraction_zero(const core::WeightArray& w) {
  std::size_t zeros = 0;
  for (const double v : w.values) zeros += v == 0.0 ? 1 : 0;
  return w.values.empty() ? 0.0 : static_cast<double>(zeros) / static_cast<double>(w.values.size());
}

// 1 - |W - W0| / |W0| (Frobenius): how much of the trained weights survive pruning and quantisation.
double weight_fidelity(const core::WeightArray& original, const core::WeightArray& current) {
  double error = 0.0, norm = 0.0;
  for (std::size_t k = 0; k < original.values.size(); ++k) {
    error += (original.values[k] - current.values[k]) * (original.values[k] - current.values[k]);
    norm += original.values[k] * original.values[k];
  }
  return norm == 0.0 ? 1.0 : std::max(0.0, 1.0 - std::sqrt(error / norm));
}

void evaluate(FitState& state, const std::vector<model::LayerSize>& sizes,
              const std::vector<core::WeightArray>& original, const FitOptions& options) {
  model::EstimateOptions estimate_options;
  estimate_options.target = options.target;
  estimate_options.bitstream_length = state.length;
  estimate_options.profile = core::Profile::kDefault;
  estimate_options.max_utilisation = options.max_utilisation;
  estimate_options.clock_mhz = options.clock_mhz;
  double accuracy = 0.0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    model::LayerKnobs knobs = options.knobs;
    knobs.weight_bits = std::min(state.weight_bits, knobs.precision);
    // The hardware keeps at least one synapse; a fully pruned layer costs as 99.9 % sparse.
    knobs.sparsity = std::min(fraction_zero(state.weights[i]), 0.999);
    knobs.fold = state.folds[i];
    estimate_options.layer_knobs.push_back(knobs);
  }
  // The pruned, quantised weights themselves, counted as the plan and synth's comparison count them; and the
  // design emit-network builds of the result, which has no AXI-Lite register file.
  estimate_options.layer_weights = state.weights;
  estimate_options.include_infra = false;
  state.report = estimate(sizes, estimate_options);
  for (std::size_t i = 0; i < sizes.size(); ++i)
    accuracy += state.report.layers[i].accuracy_score * weight_fidelity(original[i], state.weights[i]);
  state.accuracy = sizes.empty() ? 0.0 : accuracy / static_cast<double>(sizes.size());
}

std::string bits_text(int bits) { return std::to_string(bits) + "-bit"; }

using FitMove = std::pair<std::string, FitState>;

// Half the lanes of `fold` (spatial: all of them): input lanes first, then neuron lanes; nullopt at one lane.
std::optional<hw::Fold> halved(const hw::Fold& fold, const model::LayerSize& size, hw::WeightMemory memory) {
  const auto half = [](std::int64_t lanes) {
    std::int64_t power = 1;
    while (power * 2 < lanes) power *= 2;
    return static_cast<int>(power);  // the largest power of two below `lanes`
  };
  if (!fold.folded()) {
    if (size.n_inputs > 1) return hw::Fold{static_cast<int>(size.n_neurons), half(size.n_inputs), memory};
    if (size.n_neurons > 1) return hw::Fold{half(size.n_neurons), 1, memory};
    return std::nullopt;
  }
  if (fold.input_lanes > 1) return hw::Fold{fold.neuron_lanes, half(fold.input_lanes), fold.memory};
  if (fold.neuron_lanes > 1) return hw::Fold{half(fold.neuron_lanes), 1, fold.memory};
  return std::nullopt;
}

// Fold the layer with the most cells further (docs/default-profile.md "fit_to_target"): its weights into the
// device's block RAM (a logic ROM without one), halving its lanes until the network takes fewer cells (the
// memory and the controller cost cells of their own, so the first halving may not pay). The outputs do not
// change, so the move loses no accuracy; its price is latency.
std::optional<FitMove> fold_move(const FitState& state, const std::vector<model::LayerSize>& sizes,
                                 const std::vector<core::WeightArray>& original, const FitOptions& options) {
  const model::Device& device = model::device(options.target);
  if (!options.folds || options.knobs.mode != "sc" || !model::folded_model_for_family(device.family))
    return std::nullopt;
  std::size_t largest = 0;
  for (std::size_t i = 1; i < sizes.size(); ++i)
    if (state.report.layers[i].logic_cells > state.report.layers[largest].logic_cells) largest = i;
  const hw::WeightMemory memory =
      device.bram_blocks > 0 ? hw::WeightMemory::kBlockRam : hw::WeightMemory::kLogic;
  FitState next = state;
  std::optional<hw::Fold> fold = state.folds[largest];
  do {
    fold = halved(*fold, sizes[largest], memory);
    if (!fold) return std::nullopt;
    next.folds[largest] = *fold;
    evaluate(next, sizes, original, options);
  } while (next.report.total_logic_cells >= state.report.total_logic_cells);
  return FitMove{"Fold layer " + std::to_string(largest) + " onto " + std::to_string(fold->neuron_lanes) +
                     "x" + std::to_string(fold->input_lanes) + " lanes (" +
                     hw::weight_memory_name(fold->memory) + ")",
                 std::move(next)};
}

// The moves from `state`: halve L, prune harder (and requantise), one weight bit fewer, fold the largest
// layer further.
std::vector<FitMove> candidate_moves(const FitState& state, const std::vector<model::LayerSize>& sizes,
                                     const std::vector<core::WeightArray>& original,
                                     const FitOptions& options) {
  std::vector<FitMove> moves;
  if (state.length > options.min_bitstream_length) {
    FitState next = state;
    next.length = std::max(state.length / 2, options.min_bitstream_length);
    moves.emplace_back("Reduce L to " + std::to_string(next.length), std::move(next));
  }
  if (fraction_zero(state.weights.front()) < 0.99) {
    FitState next = state;
    next.threshold = state.threshold * 3;
    next.weights = prune_weights(state.weights, next.threshold).weights;
    if (next.weight_bits < 16) next.weights = quantize_weights(next.weights, next.weight_bits);
    moves.emplace_back("Prune threshold=" + core::py::fixed(next.threshold, 3), std::move(next));
  }
  if (state.weight_bits > 2) {
    FitState next = state;
    next.weight_bits = state.weight_bits - 1;
    next.weights = quantize_weights(state.weights, next.weight_bits);
    moves.emplace_back("Quantize to " + bits_text(next.weight_bits), std::move(next));
  }
  if (auto fold = fold_move(state, sizes, original, options)) moves.push_back(std::move(*fold));
  return moves;
}

// The moves that save cells and keep the accuracy-score floor, the most cells saved per accuracy lost first;
// `refused` the move that would save the most cells but breaks the floor (moves.size() when none).
struct MoveRanking {
  std::vector<std::size_t> admissible;
  std::size_t refused;
};

MoveRanking rank_moves(std::vector<FitMove>& moves, const FitState& state,
                       const std::vector<model::LayerSize>& sizes,
                       const std::vector<core::WeightArray>& weights, const FitOptions& options) {
  MoveRanking ranking{{}, moves.size()};
  std::vector<double> ratio(moves.size(), 0.0);
  double refused_saving = 0.0;
  for (std::size_t k = 0; k < moves.size(); ++k) {
    FitState& next = moves[k].second;
    evaluate(next, sizes, weights, options);
    const double saved = static_cast<double>(state.report.total_logic_cells - next.report.total_logic_cells);
    if (saved <= 0) continue;
    if (next.accuracy < options.min_accuracy) {
      if (ranking.refused == moves.size() || saved > refused_saving) {
        ranking.refused = k;
        refused_saving = saved;
      }
      continue;
    }
    ratio[k] = saved / (std::max(0.0, state.accuracy - next.accuracy) + 1e-4);
    ranking.admissible.push_back(k);
  }
  std::stable_sort(ranking.admissible.begin(), ranking.admissible.end(),
                   [&](std::size_t a, std::size_t b) { return ratio[a] > ratio[b]; });
  return ranking;
}

// What a floor refused: the step, the cells it would have saved and what it would have left.
std::string refused_text(const FitState& state, const FitMove& move, const std::string& what, double value,
                         double floor, const std::string& flag) {
  const model::EnergyReport& after = move.second.report;
  return move.first + " would save " +
         core::py::thousands(state.report.total_logic_cells - after.total_logic_cells) + " " +
         after.lut_unit + " (to " + core::py::thousands(after.total_logic_cells) + ") but take the " + what +
         " to " + core::py::fixed(value, 4) + ", below the floor " + core::py::fixed(floor, 4) + " (" + flag +
         ")";
}

std::string score_refusal(const FitState& state, const FitMove& move, const FitOptions& options) {
  return refused_text(state, move, "accuracy score", move.second.accuracy, options.min_accuracy,
                      "--min-accuracy");
}

std::string task_refusal(const FitState& state, const FitMove& move, const OptimizationResult& result) {
  const std::string what = result.validation_metric == "task_accuracy"
                               ? "task accuracy on the validation data"
                               : "end-to-end score on the validation data";
  return refused_text(state, move, what, *move.second.task_accuracy, *result.min_task_accuracy,
                      "--min-task-accuracy");
}

OptimizationStep step_of(const FitState& before, const FitMove& move) {
  OptimizationStep step;
  step.action = move.first;
  step.luts_before = before.report.total_logic_cells;
  step.luts_after = move.second.report.total_logic_cells;
  step.accuracy_before = before.accuracy;
  step.accuracy_after = move.second.accuracy;
  step.sparsity = zero_fraction(move.second.weights);
  step.bitstream_length = move.second.length;
  step.task_accuracy_after = move.second.task_accuracy;
  return step;
}

// Why the final configuration does not fit, with the missing amounts.
std::string shortfall_of(const FitState& state, const OptimizationResult& result, const FitOptions& options) {
  const model::EnergyReport& report = state.report;
  const model::Device& device = model::device(options.target);
  const std::int64_t short_cells = report.total_logic_cells - report.logic_cell_budget;
  const double device_bram_kb = device.bram_kbits / 8.0;
  std::string why;
  if (short_cells > 0)
    why = report.lut_unit + " short by " + core::py::thousands(short_cells) + " (needs " +
          core::py::thousands(report.total_logic_cells) + ", " + device.key + " has " +
          core::py::thousands(device.logic_cells) + ", " + core::py::thousands(report.logic_cell_budget) +
          " within " + core::py::percent(report.max_utilisation, 0) + " utilisation)";
  if (report.total_bram_kb > device_bram_kb)
    why += (why.empty() ? "" : "; ") + std::string("BRAM short by ") +
           core::py::fixed(report.total_bram_kb - device_bram_kb, 1) + " KB";
  const std::string stopped = !result.refused_step.empty() ? " (the next step breaks the accuracy floor): "
                              : result.steps.size() < static_cast<std::size_t>(options.max_iterations)
                                  ? " (no further step saves cells): "
                                  : " (max_iterations reached): ";
  return "does not fit " + device.key + " at L=" + std::to_string(state.length) + ", " +
         bits_text(state.weight_bits) + " weights, sparsity " + core::py::fixed(result.final_sparsity, 3) +
         stopped + why;
}

void set_final_configuration(OptimizationResult& result, FitState& state, const FitOptions& options) {
  const model::EnergyReport& report = state.report;
  result.fits = report.fits_on_target;
  result.target = options.target;
  result.final_luts = report.total_logic_cells;
  result.target_luts = report.logic_cell_budget;
  result.utilization_pct = report.utilization_pct;
  result.final_bitstream_length = state.length;
  result.final_sparsity = zero_fraction(state.weights);
  result.final_accuracy = state.accuracy;
  result.final_weight_bits = state.weight_bits;
  result.final_folds = state.folds;
  if (!result.fits) result.shortfall = shortfall_of(state, result, options);
  result.final_estimate = report;
  result.optimized_weights = std::move(state.weights);
}

// The validation measure of a configuration: the result the fit would return there, simulated on the data.
double measured_on_data(const FitState& state, const FitOptions& options) {
  OptimizationResult candidate;
  candidate.profile = profile_name(core::Profile::kDefault);
  FitState copy = state;
  set_final_configuration(candidate, copy, options);
  return options.validation->measure(candidate);
}

// The task-accuracy floor: the user's, else kDefaultTaskAccuracyKeep of the starting configuration's measure.
void start_validation(OptimizationResult& result, FitState& state, const FitOptions& options) {
  if (!options.validation) return;
  state.task_accuracy = measured_on_data(state, options);
  result.validation_metric = options.validation->metric;
  result.start_task_accuracy = state.task_accuracy;
  result.min_task_accuracy =
      options.min_task_accuracy.value_or(kDefaultTaskAccuracyKeep * *state.task_accuracy);
}

// The move to take: the best-ranked one whose configuration keeps the task-accuracy floor on the data (each
// simulated only when the better ones broke it); none when every one breaks a floor, `refusal` then saying
// why.
std::optional<std::size_t> take_move(std::vector<FitMove>& moves, const MoveRanking& ranking,
                                     const FitState& state, const OptimizationResult& result,
                                     const FitOptions& options, std::string& refusal) {
  refusal = ranking.refused != moves.size() ? score_refusal(state, moves[ranking.refused], options) : "";
  bool task_refused = false;
  for (const std::size_t k : ranking.admissible) {
    if (!options.validation) return k;
    FitState& next = moves[k].second;
    next.task_accuracy = measured_on_data(next, options);
    if (*next.task_accuracy >= *result.min_task_accuracy) return k;
    if (!task_refused) refusal = task_refusal(state, moves[k], result);
    task_refused = true;
  }
  return std::nullopt;
}

OptimizationResult fit_default(const std::vector<model::LayerSize>& sizes,
                               const std::vector<core::WeightArray>& weights, const FitOptions& options) {
  FitState state;
  state.weights = weights;
  state.folds.assign(sizes.size(), hw::Fold{});
  state.length = options.initial_bitstream_length;
  state.weight_bits = options.knobs.weight_bits == 0 ? options.knobs.precision : options.knobs.weight_bits;
  // The hardware holds q-bit weights from the start.
  if (state.weight_bits < 16) state.weights = quantize_weights(state.weights, state.weight_bits);
  evaluate(state, sizes, weights, options);
  OptimizationResult result;
  result.profile = profile_name(core::Profile::kDefault);
  result.min_accuracy = options.min_accuracy;
  start_validation(result, state, options);
  for (std::int64_t iteration = 0; iteration < options.max_iterations && !state.report.fits_on_target;
       ++iteration) {
    std::vector<FitMove> moves = candidate_moves(state, sizes, weights, options);
    const MoveRanking ranking = rank_moves(moves, state, sizes, weights, options);
    std::string refusal;
    const std::optional<std::size_t> taken = take_move(moves, ranking, state, result, options, refusal);
    // No move saves cells within the floors: the smallest settings that keep them are reached.
    if (!taken) {
      result.refused_step = refusal;
      break;
    }
    result.steps.push_back(step_of(state, moves[*taken]));
    state = std::move(moves[*taken].second);
  }
  result.final_task_accuracy = state.task_accuracy;
  set_final_configuration(result, state, options);
  return result;
}

}  // namespace

OptimizationResult fit_to_target(const std::vector<model::LayerSize>& layer_sizes,
                                 const std::vector<core::WeightArray>& weights, const FitOptions& options) {
  validate_fit_inputs(layer_sizes, weights, options);
  if (options.profile == core::Profile::kDefault) return fit_default(layer_sizes, weights, options);
  const model::FpgaTarget& target = model::fpga_target(options.target);
  const auto estimate_at = [&](std::int64_t length) {
    model::EstimateOptions estimate_options;
    estimate_options.target = options.target;
    estimate_options.bitstream_length = length;
    return estimate(layer_sizes, estimate_options);
  };

  OptimizationResult result;
  result.profile = profile_name(options.profile);
  std::vector<core::WeightArray> current = weights;
  std::int64_t length = options.initial_bitstream_length;
  double threshold = 0.001;
  int bits = 16;

  for (std::int64_t iteration = 0; iteration < options.max_iterations; ++iteration) {
    model::EnergyReport report = estimate_at(length);
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
    result.steps.push_back({"Prune threshold=" + core::py::fixed(threshold, 3), luts_before,
                            report.total_luts, pruned.report.sparsity, length});
    if (bits > 4) {
      bits = std::max(bits - 2, 4);
      current = quantize_weights(current, bits);
      result.steps.push_back({"Quantize to " + std::to_string(bits) + "-bit", report.total_luts,
                              report.total_luts, pruned.report.sparsity, length});
    }
  }

  const model::EnergyReport final_report = estimate_at(length);
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

}  // namespace scn::compress
