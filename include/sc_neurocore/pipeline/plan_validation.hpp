// `optimise --validation`: the chosen plan, and the next-best plans of the search, built as emit-network
// builds them and simulated bit for bit on the user's data (simulate's functions), next to what the planner
// predicted (docs/network.md, "Validating a plan while planning").
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sc_neurocore/compress/fit_to_target.hpp"
#include "sc_neurocore/core/types.hpp"
#include "sc_neurocore/pipeline/network_job.hpp"
#include "sc_neurocore/search/default_planner.hpp"

namespace scn::pipeline {

// The data a plan is validated on, as parsed JSON with the names errors cite.
struct ValidationData {
  nlohmann::json inputs;  // reals in [0, 1], one vector per row (simulate --inputs)
  std::string inputs_source;
  std::optional<nlohmann::json> reference;  // the float network's outputs (simulate --reference)
  std::string reference_source;
  std::optional<nlohmann::json> labels;  // class indices (simulate --labels)
  std::string labels_source;
  std::optional<nlohmann::json> calibration;  // vectors that set the activation shifts; none = seeded
  std::string calibration_source;
};

// Files the validation compares with, told apart by their structure: a list of integers is class labels, a
// list of lists is reference outputs. InputError naming the file (and the record that breaks the pattern), or
// both files when two of one kind are given.
void add_expected_outputs(ValidationData& data, nlohmann::json expected, const std::string& source);

// `--validation X.json[,Y.json[,L.json]]` of optimise and fit: the input vectors, then reference outputs
// and/or class labels told apart by structure; `calibration`: the vectors that set the activation shifts
// (none = seeded). InputError for a wrong count of files; FileError / InputError naming the file that cannot
// be read.
ValidationData load_validation_data(const std::vector<std::string>& files,
                                    const std::optional<std::filesystem::path>& calibration);

// Called once per simulated plan with a line for the user (the CLI writes it to stderr).
using ValidationProgress = std::function<void(const std::string&)>;

// Builds each plan's network as emit-network does (the hardware's manifest and weights, the data's
// calibration vectors or seeded ones) and simulates it as simulate does; the vectors are read once, at the
// first plan.
class PlanMeasurer {
 public:
  PlanMeasurer(NetworkInputs hardware, const ValidationData& data);

  std::size_t vectors() const { return vectors_.size(); }
  void set_weights(std::vector<core::WeightArray> weights) { hardware_.weights = std::move(weights); }

  // The plan's "measured": the per-layer scores, "sc_vs_exact" and, with the data, "end_to_end" and
  // "task_accuracy" (as validate_plans documents).
  nlohmann::json measure(const nlohmann::json& plan, const std::string& plan_source);

 private:
  void prepare();

  NetworkInputs hardware_;
  const ValidationData& data_;
  std::vector<std::vector<double>> vectors_;
  bool prepared_ = false;
};

// `fit --validation`: the measure fit_to_target keeps above its task-accuracy floor. Each configuration is
// built from io::fit_plan_json and its (pruned, quantised) weights as `fit --plan-out` and emit-network build
// it, and simulated on the data: with labels its task accuracy (argmax = label), else its end-to-end score
// against the reference outputs. InputError when the data has neither.
compress::FitValidation fit_validation(const std::vector<model::LayerSize>& sizes,
                                       const model::LayerKnobs& knobs, ValidationData data,
                                       const ValidationProgress& progress = {});

// What a plan is validated as: its knobs (and costs) as the planner gave them.
struct PlanUnderValidation {
  core::SurrogateConfigMap config;  // network order
  std::int64_t total_luts = 0;
  double total_power_mw = 0.0;
  double mean_accuracy = 0.0;  // the planner's weighted accuracy (critical layers count twice)
  double objective = 0.0;      // the planner's network objective
};

// The "validation" object of `optimise --validation`. `hardware`: the network manifest, its weights (empty =
// seeded with `hardware.seed`, as emit-network seeds them); its plan and calibration are ignored (`data`
// gives the calibration). `chosen`: the optimiser's plan (null "chosen" when it is infeasible); `verified`:
// the plans of `--verify-top`, best first. A verified plan with the chosen plan's knobs reuses its
// measurement. Each plan's "measured" holds exactly what `simulate` reports for it: the per-layer scores,
// "sc_vs_exact" (the decoded outputs against the exact network's, end_to_end's statistics) and, with the
// data, "end_to_end" and "task_accuracy".
nlohmann::json validate_plans(NetworkInputs hardware, const ValidationData& data,
                              const core::SurrogateOptimizerReport& chosen,
                              const std::vector<PlanUnderValidation>& verified, std::size_t verify_top,
                              bool frontier_approximate, const ValidationProgress& progress = {});

// The optimiser's side of it: the report's plan and, when verify_top > 0, the best `verify_top` plans of the
// frontier within the budget (best_plans_within_budget), then validate_plans.
nlohmann::json validate_optimised(const search::SurrogateSCOptimizer& optimizer,
                                  const std::vector<core::LayerProfile>& network,
                                  const std::vector<model::LayerWeights>& weights,
                                  const core::SurrogateOptimizerReport& report, NetworkInputs hardware,
                                  const ValidationData& data, std::size_t verify_top,
                                  const ValidationProgress& progress = {});

// The "predicted vs measured" block of `optimise --format table`.
std::string validation_table(const nlohmann::json& validation);

}  // namespace scn::pipeline
