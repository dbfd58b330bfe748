#include <iostream>
#include <thread>

#include "command.hpp"
#include "sc_neurocore/calibration/measure.hpp"
#include "sc_neurocore/core/error.hpp"

namespace scn::cli {
namespace {

// Measures layer configurations with Yosys and nextpnr for the cost-model fits (scripts/calibrate synthesise
// drives it; the fits are `calibrate`).
class MeasureLayersCommand : public Command {
 public:
  std::string name() const override { return "measure-layers"; }
  std::string description() const override {
    return "Synthesise each layer configuration of a CSV (or modules of a Verilog file) with Yosys, on iCE40 "
           "pack, place and route it with nextpnr, and write the measurements CSV the calibration fits read";
  }
  void add_options(CLI::App& command) override {
    auto* configs =
        command.add_option("--configs", configs_, "Configurations CSV (scripts/calibrate sample)");
    auto* verilog =
        command.add_option("--verilog", verilog_,
                           "Instead of --configs: a Verilog file whose --modules are measured (unplaced)");
    verilog->excludes(configs);
    command.add_option("--modules", modules_, "The modules of --verilog, e.g. sc_network,l0")
        ->delimiter(',')
        ->needs(verilog);
    command.add_option("--family", o_.family, "ice40|ecp5")
        ->required()
        ->check(CLI::IsMember({"ice40", "ecp5"}));
    command.add_option("--out", out_, "Measurements CSV to write (atomically); default: stdout");
    command.add_flag("--place", o_.place,
                     "iCE40: also place and route each sc/hybrid layer behind a two-pin wrapper (fmax)");
    command.add_option("--device", device_, "iCE40: nextpnr-ice40 device and package to pack and place on")
        ->capture_default_str();
    command.add_option("--jobs", jobs_, "Layers measured at once")->capture_default_str();
    command.add_option("--rows", rows_, "Only these rows (0 = the first data row), e.g. 3,5")->delimiter(',');
    command.add_option("--keep-logs", o_.keep_logs,
                       "Folder to keep the tools' logs and reports in; a later run with it resumes");
    command.add_option("--timeout", o_.timeout, "Seconds each tool run may take")->capture_default_str();
    command
        .add_option("--place-timeout", o_.place_timeout,
                    "Seconds nextpnr may place and route one layer before it is recorded as a timeout")
        ->capture_default_str();
    command.add_option("--yosys", o_.yosys, "Yosys executable (default: on PATH)");
    command.add_option("--nextpnr", o_.nextpnr, "nextpnr-ice40 executable (default: on PATH)");
  }
  int run() override {
    const auto colon = device_.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == device_.size())
      throw core::InputError("--device wants DEVICE:PACKAGE (e.g. hx8k:ct256), got '" + device_ + "'");
    o_.device = device_.substr(0, colon);
    o_.package = device_.substr(colon + 1);
    if (jobs_ < 1) throw core::InputError("--jobs must be at least 1, got " + std::to_string(jobs_));
    if (!verilog_.empty()) return run_modules();
    if (configs_.empty()) throw core::InputError("measure-layers needs --configs or --verilog");
    const calibration::LayerRows configs = calibration::read_layer_rows(configs_);
    for (const std::size_t r : rows_)
      if (r >= configs.cells.size())
        throw core::InputError(configs_ + ": --rows " + std::to_string(r) + ": the file has " +
                               std::to_string(configs.cells.size()) + " row(s)");
    flow::InterruptScope interrupts;
    flow::Progress progress("sc-neurocore measure-layers");
    emit(out_, calibration::measure_layers_csv(o_, configs, rows_, jobs_, progress));
    return 0;
  }

 private:
  int run_modules() {
    if (modules_.empty()) throw core::InputError("--verilog needs --modules");
    flow::InterruptScope interrupts;
    flow::Progress progress("sc-neurocore measure-layers");
    emit(out_, calibration::measure_modules_csv(o_, verilog_, modules_, jobs_, progress));
    return 0;
  }

  calibration::MeasureOptions o_;
  std::string verilog_;
  std::vector<std::string> modules_;
  std::string configs_;
  std::optional<std::filesystem::path> out_;
  std::string device_ = "hx8k:ct256";
  int jobs_ = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::size_t> rows_;
};

SCN_REGISTER_COMMAND(MeasureLayersCommand)

}  // namespace
}  // namespace scn::cli
