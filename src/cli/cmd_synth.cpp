#include <iostream>

#include "command.hpp"
#include "sc_neurocore/flow/synth.hpp"

namespace scn::cli {
namespace {

// Builds the planned network with Yosys and nextpnr, measures it and compares with the plan (docs/synth.md).
class SynthCommand : public Command {
 public:
  std::string name() const override { return "synth"; }
  std::string description() const override {
    return "Build the planned network with the open-source tools (Yosys, nextpnr-ice40, icepack, icetime), "
           "write the evidence and compare it with the predictions";
  }
  void add_options(CLI::App& command) override {
    command.add_option("--network", o_.sources.network, "Network manifest JSON (with n_inputs, n_neurons)")
        ->required();
    command.add_option("--plan", o_.sources.plan, "Plan JSON (optimise --out, fit --plan-out, or by hand)")
        ->required();
    command
        .add_option("--weights", o_.sources.weights, "Weights: one .npy per layer or a JSON list of matrices")
        ->delimiter(',');
    command
        .add_option("--weight-seed", o_.sources.seed, "Seed of the seeded weights when --weights is absent")
        ->capture_default_str();
    command.add_option("--calibration-inputs", o_.sources.calibration,
                       "Input vectors (JSON) that set the activation shifts (default: 256 seeded vectors)");
    command
        .add_option("--device", o_.device, "Device of the catalogue: ice40-hx8k, ice40-up5k, ice40-hx1k, ...")
        ->capture_default_str();
    command.add_option("--package", o_.package, "Package (default: the device's)");
    command.add_option("--clock-mhz", o_.clock_mhz,
                       "Clock constraint for nextpnr and icetime (default: the "
                       "device's calibrated clock)");
    command.add_option("--seed", o_.seed, "nextpnr placement seed")->capture_default_str();
    command.add_option("--out", o_.out, "Build folder (written beside it, renamed into place)")->required();
    command.add_option("--jobs", o_.jobs, "Layers synthesised at once")->capture_default_str();
    command.add_option("--timeout", o_.timeout_seconds, "Seconds each stage may run (0 = no limit)")
        ->capture_default_str();
    for (const char* tool : {"yosys", "nextpnr", "icepack", "icetime"})
      command.add_option(std::string("--") + tool, paths_[tool],
                         std::string("Path of ") + tool + " (default: PATH)");
    command.add_flag("--quiet", o_.quiet, "No progress lines on stderr");
    command.add_flag("--force", o_.force,
                     "Build even when the predicted cells exceed the device (nextpnr's packer decides)");
    command.add_flag("--json", json_, "Print the comparison JSON instead of the table");
  }
  int run() override {
    for (const auto& [name, path] : paths_)
      if (!path.empty()) o_.tool_paths[name == "nextpnr" ? "nextpnr-ice40" : name] = path;
    const flow::SynthResult result = flow::synth(o_);
    std::cout << (json_ ? result.comparison.dump(2) + "\n" : flow::comparison_table(result.comparison));
    return 0;
  }

 private:
  flow::SynthOptions o_;
  std::map<std::string, std::filesystem::path> paths_;
  bool json_ = false;
};

SCN_REGISTER_COMMAND(SynthCommand)

}  // namespace
}  // namespace scn::cli
