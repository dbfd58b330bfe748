// fit_to_target: the published prune / quantise / bitstream-length loop
// (docs/reference-behaviour.md §1.4). In the reference profile the estimator ignores
// the knobs this loop turns, so a design that does not fit never will (docs/reference-behaviour.md §4.3).
// In the default profile the grounded estimator sees every knob: each step
// takes the move (halve L, prune harder, drop a weight bit) that saves the
// most LUTs per unit of accuracy lost, stops at the first configuration that
// fits, and says by how much it falls short when no move is left.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sc_neurocore/compress/compress.hpp"
#include "sc_neurocore/core/profile.hpp"
#include "sc_neurocore/model/energy.hpp"
#include "sc_neurocore/model/grounded_model.hpp"

namespace scn::compress {

struct OptimizationStep {
  std::string action;
  std::int64_t luts_before = 0;
  std::int64_t luts_after = 0;
  double sparsity = 0.0;
  std::int64_t bitstream_length = 0;
  // Default profile: the network accuracy score before and after the step
  // (characterised SC accuracy x weight fidelity, docs/default-profile.md).
  double accuracy_before = 0.0;
  double accuracy_after = 0.0;
  // With validation data: the measure on it after the step (FitValidation::metric).
  std::optional<double> task_accuracy_after{};
  bool operator==(const OptimizationStep&) const = default;
};

struct OptimizationResult {
  bool fits = false;
  std::string target;
  std::int64_t final_luts = 0;
  std::int64_t target_luts = 0;
  double utilization_pct = 0.0;
  std::int64_t final_bitstream_length = 0;
  double final_sparsity = 0.0;
  std::vector<OptimizationStep> steps;
  std::vector<core::WeightArray> optimized_weights;
  std::string profile = "reference";
  // Default profile:
  double final_accuracy = 0.0;
  std::int64_t final_weight_bits = 0;
  std::string shortfall{};    // why it does not fit, with the missing amount; empty when it fits
  double min_accuracy = 0.0;  // the floor the fit kept (FitOptions::min_accuracy)
  // The step the floor refused, with the cells it would have saved and the score it would have reached; empty
  // when no step was refused.
  std::string refused_step{};
  // With validation data (FitOptions::validation): what was measured ("task_accuracy" with class labels,
  // "end_to_end_score" with reference outputs), on the starting and the final configuration, and the floor.
  std::string validation_metric{};
  std::optional<double> start_task_accuracy{};
  std::optional<double> final_task_accuracy{};
  std::optional<double> min_task_accuracy{};
  // Default profile: final_luts, target_luts and the steps count the estimate's lut_unit (ICESTORM_LC on
  // iCE40); target_luts is its routable budget floor(max_utilisation x device_logic_cells). The device,
  // clock, fmax, power and warnings of the final configuration are the estimate's own fields (one copy; the
  // Python dataclass shows them flat: lut_unit, clock_mhz, power_mw, ...).
  model::EnergyReport final_estimate{};  // the estimate of the final configuration (JSON "estimate")
  // Default profile: each layer's fold (neuron_lanes 0: spatial), as the fit's fold steps left it.
  std::vector<hw::Fold> final_folds{};
};

// The default floor of FitOptions::min_accuracy. A classifier lost most of its task accuracy at fit scores of
// 0.5-0.6 while keeping it above 0.8 (issue 30); 0 turns the floor off.
inline constexpr double kDefaultMinFitAccuracy = 0.8;

// The fit's measure on the user's data (pipeline::fit_validation builds it): a configuration the fit
// considers, given as the OptimizationResult it would return there (its plan is io::fit_plan_json of it),
// measured.
struct FitValidation {
  std::string metric;  // "task_accuracy" (class labels) or "end_to_end_score" (reference outputs)
  std::function<double(const OptimizationResult&)> measure;
};

// The default floor of FitOptions::min_task_accuracy, as a share of the starting configuration's measure: a
// fit may give up at most 5 % of the task accuracy the unfitted design has on the user's data.
inline constexpr double kDefaultTaskAccuracyKeep = 0.95;

struct FitOptions {
  std::string target = "ice40";
  std::int64_t max_iterations = 10;
  std::int64_t min_bitstream_length = 32;
  std::int64_t initial_bitstream_length = 256;
  core::Profile profile = core::Profile::kDefault;
  // Default profile: the starting knobs of every layer (sparsity comes from the weights).
  model::LayerKnobs knobs{};
  double max_utilisation = core::kDefaultMaxUtilisation;
  std::optional<double> clock_mhz{};  // default: the device's calibrated clock
  // Default profile: no step may take the fit's accuracy score (the layers' signal scores x how much of the
  // trained weights survive) below this; the fit stops before such a step and says what it would have saved.
  double min_accuracy = kDefaultMinFitAccuracy;
  // Default profile, with the user's data: no step may take validation's measure below min_task_accuracy
  // (default: kDefaultTaskAccuracyKeep x the starting configuration's). Each configuration the fit would step
  // to is simulated bit for bit, best move first, until one keeps the floor.
  std::optional<FitValidation> validation{};
  std::optional<double> min_task_accuracy{};
  // Default profile: also fold layers (weights into block RAM, half the lanes a step; the outputs stay the
  // spatial layer's bit for bit, the latency grows), on devices with a folded-layer model and in SC mode.
  bool folds = true;
};

// Validates inputs (target, positive lengths, min <= initial, one finite
// weight array per layer shaped n_inputs x n_neurons or its transpose) and
// runs the loop. The input weights are never modified.
OptimizationResult fit_to_target(const std::vector<model::LayerSize>& layer_sizes,
                                 const std::vector<core::WeightArray>& weights,
                                 const FitOptions& options = {});

}  // namespace scn::compress
