#include <iostream>

#include "command.hpp"
#include "options.hpp"
#include "sc_neurocore/error.hpp"
#include "sc_neurocore/evidence/observations.hpp"
#include "sc_neurocore/io/network.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/io/weights.hpp"
#include "sc_neurocore/model/devices.hpp"
#include "sc_neurocore/report/pareto_plot.hpp"
#include "sc_neurocore/surrogate.hpp"
#include "sc_neurocore/targets.hpp"

namespace scn::cli {
namespace {

std::string device_of(const std::string& target_profile) {
  for (const auto& builtin : builtin_target_profiles())
    if (builtin.profile.name == target_profile) return builtin.device_key;
  return "ice40-hx8k";
}

// Every matrix of every file in order, each named by its file for errors.
std::vector<LayerWeights> load_layer_weights(const std::vector<std::string>& files) {
  std::vector<LayerWeights> weights;
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
    command.add_option("--format", format_, "Output on stdout: json or table")
        ->check(CLI::IsMember({"json", "table"}));
  }

  int run() override {
    const TargetHardwareProfile target = budget_.resolve(name());
    const auto network = io::layer_profiles(io::load_network(network_));
    SurrogateOptions options;
    options.profile = chosen_profile(profile_, Profile::kDefault);
    options.device = device_.empty() ? device_of(budget_.target_profile) : device_;
    device(options.device);  // InputError listing the catalogue when unknown
    if (clock_mhz_) {
      if (!(*clock_mhz_ > 0)) throw InputError("--clock-mhz must be positive");
      options.clock_mhz = *clock_mhz_;
    }
    options.max_utilisation = max_utilisation_;
    if (!lengths_.empty()) options.bitstream_options = lengths_;
    if (!precisions_.empty()) options.precision_options = precisions_;
    if (!polynomials_.empty()) options.lfsr_polynomials = polynomials_;
    for (const auto value : lengths_)
      if (value <= 0)
        throw InputError("--bitstream-lengths must be positive integers, got " + std::to_string(value));
    for (const auto value : precisions_)
      if (value <= 0)
        throw InputError("--precisions must be positive integers, got " + std::to_string(value));
    for (const auto& file : evidence_) {
      const auto observations = evidence::load_observations(file);
      // collect-synthesis without a power report: measured, but nothing the optimiser can learn from yet.
      if (observations.empty())
        std::cerr << "sc-neurocore: note: " << file
                  << " holds measurements but no observation (its \"missing\" says what is not measured); it "
                     "is not used\n";
      options.observations.insert(options.observations.end(), observations.begin(), observations.end());
    }
    const std::vector<LayerWeights> weights = load_layer_weights(weight_files_);
    SurrogateSCOptimizer optimizer(target, options);
    const SurrogateOptimizerReport report = optimizer.optimise(network, weights);
    const nlohmann::json plan = io::plan_json(report);
    if (pareto_ || pareto_svg_) {
      const nlohmann::json frontier = io::frontier_json(optimizer.pareto_frontier(network, 20000, weights));
      if (pareto_) emit(pareto_, io::json_document(frontier));
      // The plot is drawn from the same JSON `report --pareto` reads, so both show the same picture.
      if (pareto_svg_)
        emit(pareto_svg_, report::pareto_svg_document(report::pareto_plot(frontier, "pareto", &plan)));
    }
    const std::string json = io::json_document(plan);
    if (out_) {
      emit(out_, json);
      if (format_ == "table")
        emit(std::nullopt, io::plan_table(report, network));
      else if (format_.empty())
        emit(std::nullopt, "Plan written: " + out_->string() + "\n");
      else
        emit(std::nullopt, json);
    } else {
      emit(std::nullopt, format_ == "table" ? io::plan_table(report, network) : json);
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
  double max_utilisation_ = kDefaultMaxUtilisation;
};

SCN_REGISTER_COMMAND(OptimiseCommand)

}  // namespace
}  // namespace scn::cli
