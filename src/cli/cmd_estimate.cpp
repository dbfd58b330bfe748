#include "command.hpp"
#include "options.hpp"
#include "sc_neurocore/io/network.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/model/energy.hpp"

namespace scn::cli {
namespace {

// `estimate` keeps the published estimator unless --profile default is given:
// `estimate --layers 4x2 --target ice40` is the published call and its numbers.
class EstimateCommand : public Command {
 public:
  std::string name() const override { return "estimate"; }
  std::string description() const override {
    return "Estimate LUTs, FFs, BRAM, power, latency and energy of a network";
  }
  void add_options(CLI::App& command) override {
    command.add_option("--layers", layers_, "Layer sizes, e.g. 784x128,128x10 (n_inputs x n_neurons)")
        ->required();
    command
        .add_option(
            "--target", options_.target,
            "FPGA target (see `targets`): the published keys, or a catalogue device (default profile)")
        ->capture_default_str();
    command.add_option("--bitstream-length", options_.bitstream_length, "SC bitstream length L")
        ->capture_default_str();
    command.add_option(
        "--clock-mhz", options_.clock_mhz,
        "Clock frequency in MHz (reference default 100; default profile: the device's calibrated "
        "clock)");
    command
        .add_option("--max-utilisation", options_.max_utilisation,
                    "Default profile: fraction of the device's logic cells a design may use to fit")
        ->capture_default_str();
    command.add_flag("--event-driven", options_.event_driven, "Event-driven neurons and AER infrastructure");
    command.add_flag("--no-infra", no_infra_, "Leave out the AXI-Lite (and AER) infrastructure LUTs");
    command.add_flag("--json", json_, "Print every field as JSON");
    command
        .add_option("--profile", profile_,
                    "reference (the published estimator; the default unless SC_NEUROCORE_PROFILE says "
                    "otherwise) or default (grounded)")
        ->check(CLI::IsMember({"reference", "default"}));
    add_knob_options(command, options_.knobs, true);
  }
  int run() override {
    options_.include_infra = !no_infra_;
    options_.profile = chosen_profile(profile_, core::Profile::kReference);
    const model::EnergyReport report = estimate(io::parse_layer_sizes(layers_), options_);
    emit(std::nullopt, json_ ? io::json_document(io::to_json(report, profile_name(options_.profile)))
                             : io::summary(report) + "\n");
    return 0;
  }

 private:
  std::string layers_;
  model::EstimateOptions options_;
  bool no_infra_ = false;
  bool json_ = false;
  std::string profile_;  // empty: SC_NEUROCORE_PROFILE, else reference
};

SCN_REGISTER_COMMAND(EstimateCommand)

}  // namespace
}  // namespace scn::cli
