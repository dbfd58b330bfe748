#include "command.hpp"
#include "sc_neurocore/calibration/activity.hpp"
#include "sc_neurocore/core/error.hpp"

namespace scn::cli {
namespace {

// Measures switching activity on mapped netlists for the power fit (scripts/power-calibrate measure and
// measure-layers drive it; the fit is `calibrate --power-fit`).
class MeasureActivityCommand : public Command {
 public:
  std::string name() const override { return "measure-activity"; }
  std::string description() const override {
    return "Synthesise and pack power fixtures or SC layers, simulate their mapped netlists with Icarus and "
           "write the toggles per cycle the power fit reads";
  }
  void add_options(CLI::App& command) override {
    auto* fixtures =
        command.add_option("--fixtures", fixtures_, "Folder of fixture designs <name>.v (tests/data/power)");
    command.add_option("--designs", designs_, "Fixtures to measure, NAME or NAME:dsp (synth_ice40 -dsp)")
        ->delimiter(',')
        ->needs(fixtures);
    auto* layers =
        command.add_option("--layers", layers_, "Instead: layer configurations CSV (sc/hybrid layers)");
    layers->excludes(fixtures);
    command.add_option("--cycles", o_.cycles, "Fixtures: clock cycles dumped after the warm-up")
        ->capture_default_str();
    command.add_option("--out", out_, "CSV to write (atomically); default: stdout");
    command.add_option("--yosys", o_.yosys, "Yosys executable (default: on PATH)");
    command.add_option("--nextpnr", o_.nextpnr, "nextpnr-ice40 executable (default: on PATH)");
    command.add_option("--iverilog", o_.iverilog, "iverilog executable (default: on PATH)");
    command.add_option("--vvp", o_.vvp, "vvp executable (default: on PATH)");
    command.add_option("--yosys-datdir", o_.yosys_datdir,
                       "Yosys' share folder holding ice40/cells_sim.v (default: yosys-config --datdir)");
  }
  int run() override {
    if (o_.cycles < 1)
      throw core::InputError("--cycles must be at least 1, got " + std::to_string(o_.cycles));
    flow::InterruptScope interrupts;
    flow::Progress progress("sc-neurocore measure-activity");
    if (!layers_.empty()) {
      emit(out_,
           calibration::measure_layer_activity_csv(o_, calibration::read_layer_rows(layers_), progress));
      return 0;
    }
    if (fixtures_.empty() || designs_.empty())
      throw core::InputError("measure-activity needs --fixtures and --designs, or --layers");
    std::vector<calibration::Fixture> fixtures;
    for (const std::string& d : designs_) {
      const auto colon = d.find(':');
      if (colon != std::string::npos && d.substr(colon) != ":dsp")
        throw core::InputError("--designs " + d + ": want NAME or NAME:dsp");
      fixtures.push_back({d.substr(0, colon), colon != std::string::npos});
    }
    emit(out_, calibration::measure_fixture_activity_csv(o_, fixtures_, fixtures, progress));
    return 0;
  }

 private:
  calibration::ActivityOptions o_;
  std::filesystem::path fixtures_;
  std::vector<std::string> designs_;
  std::string layers_;
  std::optional<std::filesystem::path> out_;
};

SCN_REGISTER_COMMAND(MeasureActivityCommand)

}  // namespace
}  // namespace scn::cli
