#include <cmath>

#include "command.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/io/network.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/search/sc_optimizer.hpp"

namespace scn::cli {
namespace {

// The published analytical design-space optimiser (SCOptimizer): greedy
// upgrades or simulated annealing over 61 candidates per layer.
class ExploreCommand : public Command {
 public:
  std::string name() const override { return "explore"; }
  std::string description() const override {
    return "SCOptimizer: greedy or annealing search over the 61 analytical candidates per layer";
  }
  void add_options(CLI::App& command) override {
    command.add_option("--network", network_, "Network manifest JSON")->required();
    command.add_option("--max-luts", budget_.max_luts, "LUT budget")->required();
    command.add_option("--max-power-mw", budget_.max_power_mw, "Power budget in mW")->required();
    command.add_option("--max-latency-cycles", budget_.max_latency_cycles, "Latency cap (0 = none)")
        ->capture_default_str();
    command.add_option("--search", search_, "greedy or annealing")
        ->check(CLI::IsMember({"greedy", "annealing"}))
        ->capture_default_str();
    command.add_option("--seed", annealing_.seed, "Annealing seed (CPython random.Random)")
        ->capture_default_str();
    command.add_option("--max-iter", annealing_.max_iter, "Annealing iteration cap")->capture_default_str();
    command.add_option("--t-init", annealing_.t_init, "Annealing start temperature")->capture_default_str();
    command.add_option("--t-min", annealing_.t_min, "Annealing stop temperature")->capture_default_str();
    command.add_option("--alpha", annealing_.alpha, "Annealing cooling factor")->capture_default_str();
    command.add_option("--out", out_, "Write the JSON report here (atomically)");
    command.add_flag("--json", json_, "Print the report as JSON (with the Pareto frontier)");
  }

  int run() override {
    if (budget_.max_luts < 0 || !std::isfinite(budget_.max_power_mw) || budget_.max_power_mw < 0 ||
        budget_.max_latency_cycles < 0) {
      throw core::InputError(
          "--max-luts, --max-power-mw and --max-latency-cycles must be finite and non-negative");
    }
    const auto network = io::layer_profiles(io::load_network(network_));
    const search::SCOptimizer optimizer(budget_);
    search::AnnealingTrace trace;
    const auto report = search_ == "greedy" ? optimizer.optimize(network)
                                            : optimizer.optimize_annealing(network, annealing_, &trace);
    if (!report) {
      throw core::InputError(network_ + ": even the cheapest configuration exceeds the budget");
    }
    nlohmann::json json = io::to_json(*report);
    json["search"] = search_;
    if (search_ == "annealing") {
      json["iterations"] = trace.iterations;
      json["accepted_moves"] = trace.accepted_points.size();
    }
    const std::string document = io::json_document(json);
    if (out_) emit(out_, document);
    if (json_)
      emit(std::nullopt, document);
    else if (!out_)
      emit(std::nullopt, io::summary(*report) + "\n");
    return 0;
  }

 private:
  std::string network_;
  core::HardwareBudget budget_;
  std::string search_ = "greedy";
  search::AnnealingOptions annealing_;
  std::optional<std::filesystem::path> out_;
  bool json_ = false;
};

// The analytical model's numbers for one layer: SCOptimizer._generate_candidates.
class CandidatesCommand : public Command {
 public:
  std::string name() const override { return "candidates"; }
  std::string description() const override {
    return "List the 61 analytical candidates (LUTs, power, accuracy, latency) for one layer";
  }
  void add_options(CLI::App& command) override {
    command.add_option("--mac-count", mac_count_, "MACs in the layer")
        ->required()
        ->check(CLI::NonNegativeNumber);
    command.add_flag("--json", json_, "Print JSON");
  }
  int run() override {
    const auto candidates = search::SCOptimizer({0, 0.0}).generate_candidates({"layer", mac_count_});
    nlohmann::json list = nlohmann::json::array();
    std::string table = "mode          decorrelator         L    LUTs     power_mW  accuracy  latency\n";
    for (const auto& c : candidates) {
      list.push_back({{"mode", c.mode},
                      {"decorrelator", c.decorrelator},
                      {"bitstream_length", c.bitstream_length},
                      {"luts_used", c.luts_used},
                      {"power_used", c.power_used},
                      {"accuracy_score", c.accuracy_score},
                      {"latency_cycles", c.latency_cycles}});
      char row[160];
      std::snprintf(row, sizeof row, "%-13s %-16s %5lld %7lld %12s %9s %8lld\n", c.mode.c_str(),
                    c.decorrelator.c_str(), static_cast<long long>(c.bitstream_length),
                    static_cast<long long>(c.luts_used), core::py::float_repr(c.power_used).c_str(),
                    core::py::fixed(c.accuracy_score, 6).c_str(), static_cast<long long>(c.latency_cycles));
      table += row;
    }
    emit(std::nullopt, json_ ? io::json_document(list) : table);
    return 0;
  }

 private:
  std::int64_t mac_count_ = 0;
  bool json_ = false;
};

SCN_REGISTER_COMMAND(ExploreCommand)
SCN_REGISTER_COMMAND(CandidatesCommand)

}  // namespace
}  // namespace scn::cli
