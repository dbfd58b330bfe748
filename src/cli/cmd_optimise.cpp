#include <cmath>

#include "command.hpp"
#include "options.hpp"
#include "sc_neurocore/error.hpp"
#include "sc_neurocore/io/network.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/pyformat.hpp"
#include "sc_neurocore/surrogate.hpp"
#include "sc_neurocore/targets.hpp"

namespace scn::cli {
namespace {

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
    command.add_option("--target-profile", target_profile_,
                       "Built-in budget (see `targets`), e.g. ice40-low-power");
    command.add_option("--max-luts", max_luts_, "LUT budget");
    command.add_option("--max-power-mw", max_power_mw_, "Power budget in mW");
    command.add_option("--max-latency-cycles", max_latency_cycles_, "Latency cap in cycles (0 = none)")
        ->capture_default_str();
    command.add_option("--target-name", target_name_, "Name recorded in the plan")->capture_default_str();
    add_profile_option(command, profile_);
    command.add_option("--out", out_, "Write the plan JSON here (atomically) instead of stdout");
    command.add_option("--format", format_, "Output on stdout: json or table")
        ->check(CLI::IsMember({"json", "table"}));
  }

  int run() override {
    const TargetHardwareProfile target = resolve_target();
    const auto layers = io::load_network(network_);
    const auto network = io::layer_profiles(layers);
    SurrogateOptions options;
    options.profile = parse_profile(profile_);
    const SurrogateOptimizerReport report = SurrogateSCOptimizer(target, options).optimise(network);
    const std::string json = io::json_document(io::plan_json(report));
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
  TargetHardwareProfile resolve_target() const {
    const bool budget_flags = max_luts_ || max_power_mw_;
    if (!target_profile_.empty()) {
      if (budget_flags)
        throw InputError("give either --target-profile or --max-luts/--max-power-mw, not both");
      return builtin_target_profile(target_profile_);
    }
    if (!max_luts_ || !max_power_mw_) {
      throw InputError("optimise needs --target-profile NAME, or --max-luts N and --max-power-mw P");
    }
    if (*max_luts_ < 0)
      throw InputError("--max-luts must be non-negative, got " + std::to_string(*max_luts_));
    if (!std::isfinite(*max_power_mw_) || *max_power_mw_ < 0) {
      throw InputError("--max-power-mw must be a finite non-negative number, got " +
                       py::float_repr(*max_power_mw_));
    }
    if (max_latency_cycles_ < 0) {
      throw InputError("--max-latency-cycles must be non-negative, got " +
                       std::to_string(max_latency_cycles_));
    }
    return TargetHardwareProfile{target_name_, {*max_luts_, *max_power_mw_, max_latency_cycles_}};
  }

  std::string network_;
  std::string target_profile_;
  std::optional<std::int64_t> max_luts_;
  std::optional<double> max_power_mw_;
  std::int64_t max_latency_cycles_ = 0;
  std::string target_name_ = "generic-fpga";
  std::string profile_ = "default";
  std::optional<std::filesystem::path> out_;
  std::string format_;
};

SCN_REGISTER_COMMAND(OptimiseCommand)

}  // namespace
}  // namespace scn::cli
