#include <iostream>

#include "command.hpp"
#include "options.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/evidence/loader/observations.hpp"
#include "sc_neurocore/io/network.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/io/weights.hpp"
#include "sc_neurocore/model/devices.hpp"
#include "sc_neurocore/model/targets.hpp"
#include "sc_neurocore/pipeline/plan_validation.hpp"
#include "sc_neurocore/report/pareto_plot.hpp"
#include "sc_neurocore/search/surrogate.hpp"

namespace scn::cli {
namespace {

// Every matrix of every file in order, each named by its file for errors.
std::vector<model::LayerWeights> load_layer_weights(const std::vector<std::string>& files) {
  std::vector<model::LayerWeights> weights;
  for (const auto& file : files)
    for (auto& matrix : io::load_weight_files({file})) weights.push_back({std::move(matrix), file});
  return weights;
}

class OptimiseCommand : public Command {
 public:
  std::string name() const override { return "optimise"; }
  std::vector<std::string> aliases() const override { return {"optimize"}; }
  std::string description() const override {
    return "Choose per-layer SC settings (bitstream length, decorrelator, precision, mode) within a budget";
  }
  void add_options(CLI::App& command) override {
    command
        .add_option("--network", network_,
                    "Network manifest JSON: {\"layers\": [{\"id\", \"mac_count\", ...}]}")
        ->required();
    budget_.add(command);
    command.add_option("--evidence", evidence_, "Measured observations JSON (repeatable)");
    command
        .add_option(
            "--weights", weight_files_,
            "Default profile: the trained weights to cost instead of expectations, one matrix per "
            "layer in network order (rows = n_inputs, cols = n_neurons): .npy files, comma-separated, "
            "or JSON nested lists (one matrix, or a list of matrices)")
        ->delimiter(',');
    command.add_option("--bitstream-lengths", lengths_, "Candidate bitstream lengths (default 64,...,2048)")
        ->delimiter(',');
    command.add_option("--precisions", precisions_, "Candidate precisions in bits (default 4,6,8,12,16)")
        ->delimiter(',');
    command
        .add_option("--lfsr-polynomials", polynomials_, "Candidate LFSR polynomials, e.g. x16+x14+x13+x11+1")
        ->delimiter(',');
    add_profile_option(command, profile_);
    command.add_option("--out", out_, "Write the plan JSON here (atomically) instead of stdout");
    command.add_option(
        "--pareto", pareto_,
        "Also write the network Pareto frontier (LUTs, power, weighted accuracy) to this JSON file");
    command.add_option(
        "--pareto-svg", pareto_svg_,
        "Also plot the network Pareto frontier (cells against accuracy, the budget and the chosen "
        "plan) to this SVG file");
    command.add_option("--device", device_,
                       "FPGA whose calibrated hardware model costs candidates (default profile; default: the "
                       "--target-profile's device, else ice40)");
    command.add_option("--clock-mhz", clock_mhz_,
                       "Default profile: clock the candidates' power is costed at (default: the device's "
                       "calibrated clock)");
    command
        .add_option("--max-utilisation", max_utilisation_,
                    "Default profile: fraction of the device's logic cells a plan may use (routable margin)")
        ->capture_default_str();
    command.add_flag("--no-fold", no_fold_,
                     "Default profile: plan spatial layers only (no weights in memory, no folded lanes)");
    command.add_flag("--fold-always", fold_always_,
                     "Default profile: fold layers whenever the objective prefers it (default: only when no "
                     "spatial plan meets the budgets)");
    command.add_option("--format", format_, "Output on stdout: json or table")
        ->check(CLI::IsMember({"json", "table"}));
    CLI::Option* validation =
        command
            .add_option(
                "--validation", validation_,
                "Default profile: simulate the chosen plan on X.json (input vectors, as simulate "
                "--inputs) and add \"validation\" (predicted vs measured accuracy) to the plan; "
                "optional Y.json and/or L.json: reference outputs (a list of vectors) and class labels "
                "(a list of integers), told apart by structure")
            ->delimiter(',');
    command
        .add_option("--verify-top", verify_top_,
                    "With --validation: also simulate the K best plans within the budget (the Pareto "
                    "frontier's, by the planner's objective)")
        ->check(CLI::PositiveNumber)
        ->needs(validation);
    command
        .add_option("--seed", seed_,
                    "With --validation and no --weights: seed of the seeded weights, as emit-network --seed")
        ->capture_default_str()
        ->needs(validation);
    command
        .add_option("--calibration-inputs", calibration_,
                    "With --validation: input vectors that set the activation shifts, as emit-network "
                    "--calibration-inputs (default: 256 seeded vectors)")
        ->needs(validation);
  }

  int run() override {
    const core::TargetHardwareProfile target = budget_.resolve(name());
    const auto network = io::layer_profiles(io::load_network(network_));
    search::SurrogateOptions options;
    options.profile = chosen_profile(profile_, core::Profile::kDefault);
    options.device = device_.empty() ? model::planning_device_for(budget_.target_profile) : device_;
    model::device(options.device);  // InputError listing the catalogue when unknown
    if (clock_mhz_) {
      if (!(*clock_mhz_ > 0)) throw core::InputError("--clock-mhz must be positive");
      options.clock_mhz = *clock_mhz_;
    }
    options.max_utilisation = max_utilisation_;
    options.folds = !no_fold_;
    options.fold_always = fold_always_;
    if (!validation_.empty() && options.profile != core::Profile::kDefault)
      throw core::InputError(
          "--validation needs the default profile (the reference profile keeps the published "
          "output); pass --profile default");
    std::optional<pipeline::ValidationData> validation;
    if (!validation_.empty()) validation = pipeline::load_validation_data(validation_, calibration_);
    if (!lengths_.empty()) options.bitstream_options = lengths_;
    if (!precisions_.empty()) options.precision_options = precisions_;
    if (!polynomials_.empty()) options.lfsr_polynomials = polynomials_;
    for (const auto value : lengths_)
      if (value <= 0)
        throw core::InputError("--bitstream-lengths must be positive integers, got " + std::to_string(value));
    for (const auto value : precisions_)
      if (value <= 0)
        throw core::InputError("--precisions must be positive integers, got " + std::to_string(value));
    for (const auto& file : evidence_) {
      const auto observations = evidence::load_observations(file);
      // collect-synthesis without a power report: measured, but nothing the optimiser can learn from yet.
      if (observations.empty())
        std::cerr << "sc-neurocore: note: " << file
                  << " holds measurements but no observation (its \"missing\" says what is not measured); it "
                     "is not used\n";
      options.observations.insert(options.observations.end(), observations.begin(), observations.end());
    }
    const std::vector<model::LayerWeights> weights = load_layer_weights(weight_files_);
    search::SurrogateSCOptimizer optimizer(target, options);
    const core::SurrogateOptimizerReport report = optimizer.optimise(network, weights);
    nlohmann::json plan = io::plan_json(report);
    if (validation) {
      pipeline::NetworkInputs hardware;
      hardware.network = core::parse_json(core::read_utf8_text_file(network_), network_);
      hardware.network_source = network_;
      for (const model::LayerWeights& w : weights) hardware.weights.push_back(w.matrix);
      hardware.weights_source = weights.empty() ? "" : core::join(weight_files_, ",");
      hardware.seed = seed_;
      plan["validation"] = pipeline::validate_optimised(
          optimizer, network, weights, report, std::move(hardware), *validation,
          static_cast<std::size_t>(verify_top_),
          [](const std::string& line) { std::cerr << "sc-neurocore: " << line << std::endl; });
    }
    if (pareto_ || pareto_svg_) {
      const nlohmann::json frontier = io::frontier_json(optimizer.pareto_frontier(network, 20000, weights));
      if (pareto_) emit(pareto_, io::json_document(frontier));
      // The plot is drawn from the same JSON `report --pareto` reads, so both show the same picture.
      if (pareto_svg_)
        emit(pareto_svg_, report::pareto_svg_document(report::pareto_plot(frontier, "pareto", &plan)));
    }
    const std::string json = io::json_document(plan);
    const auto table = [&] {
      return io::plan_table(report, network) +
             (validation ? pipeline::validation_table(plan["validation"]) : std::string());
    };
    if (out_) {
      emit(out_, json);
      if (format_ == "table")
        emit(std::nullopt, table());
      else if (format_.empty())
        emit(std::nullopt, "Plan written: " + out_->string() + "\n");
      else
        emit(std::nullopt, json);
    } else {
      emit(std::nullopt, format_ == "table" ? table() : json);
    }
    return 0;
  }

 private:
  std::string network_;
  BudgetFlags budget_;
  std::vector<std::string> evidence_;
  std::vector<std::string> weight_files_;
  std::vector<std::int64_t> lengths_;
  std::vector<std::int64_t> precisions_;
  std::vector<std::string> polynomials_;
  std::string profile_;  // empty: SC_NEUROCORE_PROFILE, else default
  std::optional<std::filesystem::path> out_;
  std::optional<std::filesystem::path> pareto_;
  std::optional<std::filesystem::path> pareto_svg_;
  std::string device_;
  std::string format_;
  std::optional<double> clock_mhz_;
  double max_utilisation_ = core::kDefaultMaxUtilisation;
  bool no_fold_ = false;
  bool fold_always_ = false;
  std::vector<std::string> validation_;
  std::int64_t verify_top_ = 0;
  std::uint64_t seed_ = 1;  // emit-network's and simulate's default
  std::optional<std::filesystem::path> calibration_;
};

SCN_REGISTER_COMMAND(OptimiseCommand)

}  // namespace
}  // namespace scn::cli
