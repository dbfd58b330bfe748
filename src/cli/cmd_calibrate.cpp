#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>

#include "command.hpp"
#include "sc_neurocore/error.hpp"
#include "sc_neurocore/model/cells.hpp"
#include "sc_neurocore/model/devices.hpp"
#include "sc_neurocore/model/fmax.hpp"
#include "sc_neurocore/pyformat.hpp"

namespace scn::cli {
namespace {

// Fits the LUT / flip-flop coefficients of the default cost model to Yosys
// measurements (scripts/calibrate synthesise) and prints how well they fit.
class CalibrateCommand : public Command {
 public:
  std::string name() const override { return "calibrate"; }
  std::string description() const override {
    return "Fit the default profile's LUT/FF model to synthesis measurements (scripts/calibrate)";
  }
  void add_options(CLI::App& command) override {
    command.add_option("--ice40", ice40_, "Measurements CSV of synth_ice40")->required();
    command.add_option("--ecp5", ecp5_, "Measurements CSV of synth_ecp5")->required();
    command.add_option("--source", source_, "Tool and flow the measurements came from")
        ->capture_default_str();
    command.add_option("--cpp-out", cpp_out_, "Write the coefficients as src/model/calibrated/cells.inc");
    command.add_option(
        "--fmax-cpp-out", fmax_cpp_out_,
        "Fit the iCE40 fmax model to the placed rows of --ice40 and write src/model/calibrated/fmax.inc");
    command.add_option("--fmax-device", fmax_device_, "Catalogue device the placements ran on")
        ->capture_default_str();
    command.add_option("--fmax-source", fmax_source_, "Tools and flow of the placements")
        ->capture_default_str();
    command.add_option("--series-speed", series_speed_,
                       "SERIES=CSV: the same layers placed on a device of another series (repeatable), e.g. "
                       "UP=ice40-speed-up5k.csv");
  }
  int run() override {
    std::vector<cost::CalibratedModel> models;
    std::ostringstream report;
    for (const auto& [family, path] :
         {std::pair{std::string("ice40"), ice40_}, std::pair{std::string("ecp5"), ecp5_}}) {
      auto rows = cost::read_measurements_csv(path);
      std::string source = source_ + " synth_" + family + ", " + std::to_string(rows.size()) + " layers";
      if (family == "ecp5") {
        // A CCU2C holds carry logic worth two LUT4s (docs/hardware.md): count it, or ECP5 undercounts.
        for (auto& row : rows) row.luts += 2 * row.carries;
        source += ", LUT4 + 2 x CCU2C";
      }
      models.push_back(cost::fit_calibrated_model(rows, family, source));
      describe(report, models.back(), rows);
    }
    if (cpp_out_) {
      emit(cpp_out_, cost::calibrated_models_cpp(models, "sc-neurocore calibrate --ice40 " + ice40_ +
                                                             " --ecp5 " + ecp5_ + " --source '" + source_ +
                                                             "' --cpp-out " + cpp_out_->string()));
    }
    if (fmax_cpp_out_) {
      const auto rows = cost::read_fmax_measurements_csv(ice40_);
      const std::string source = fmax_source_ + ", " + std::to_string(rows.size()) + " placed layers";
      cost::FmaxModel model = cost::fit_fmax_model(rows, "ice40", fmax_device_, source);
      model.speeds.push_back({scn::device(fmax_device_).series, 1.0, 0});
      std::string speed_flags;
      for (const auto& entry : series_speed_) {
        const auto eq = entry.find('=');
        if (eq == std::string::npos) throw InputError("--series-speed wants SERIES=CSV, got '" + entry + "'");
        model.speeds.push_back(cost::measure_series_speed(entry.substr(0, eq), ice40_, entry.substr(eq + 1)));
        speed_flags += " --series-speed " + entry;
      }
      describe_fmax(report, model, rows);
      emit(fmax_cpp_out_,
           cost::fmax_models_cpp({model}, "sc-neurocore calibrate --ice40 " + ice40_ + " --ecp5 " + ecp5_ +
                                              " --fmax-device " + fmax_device_ + " --fmax-source '" +
                                              fmax_source_ + "'" + speed_flags + " --fmax-cpp-out " +
                                              fmax_cpp_out_->string()));
    }
    std::cout << report.str();
    return 0;
  }

 private:
  static void describe(std::ostringstream& out, const cost::CalibratedModel& model,
                       const std::vector<cost::Measurement>& rows) {
    out << model.family << " (" << model.source << ")\n  LUT coefficients:";
    for (std::size_t k = 0; k < cost::kLutFeatureCount; ++k)
      out << " " << cost::lut_feature_names()[k] << "=" << py::fixed(model.lut[k], 4);
    out << "\n  FF coefficients:";
    for (std::size_t k = 0; k < cost::kFfFeatureCount; ++k)
      out << " " << cost::ff_feature_names()[k] << "=" << py::fixed(model.ff[k], 4);
    std::vector<double> lut_errors, ff_errors, cell_errors;
    for (const auto& row : rows) {
      const auto hw = cost::estimate_layer_hardware(row.design, model);
      lut_errors.push_back(std::abs(static_cast<double>(hw.luts) - row.luts) / std::max(1.0, row.luts));
      ff_errors.push_back(std::abs(static_cast<double>(hw.ffs) - row.ffs) / std::max(1.0, row.ffs));
      if (model.has_cells)
        cell_errors.push_back(std::abs(static_cast<double>(hw.logic_cells) - row.logic_cells) /
                              std::max(1.0, row.logic_cells));
    }
    auto median = [](std::vector<double> v) {
      std::sort(v.begin(), v.end());
      return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
    };
    out << "\n  in-sample LUT error: median " << py::fixed(100 * median(lut_errors), 1) << "%, max "
        << py::fixed(100 * *std::max_element(lut_errors.begin(), lut_errors.end()), 1)
        << "%; FF error: median " << py::fixed(100 * median(ff_errors), 1) << "%, max "
        << py::fixed(100 * *std::max_element(ff_errors.begin(), ff_errors.end()), 1) << "%\n";
    if (!cell_errors.empty())
      out << "  in-sample " << model.logic_unit << " error: median "
          << py::fixed(100 * median(cell_errors), 1) << "%, max "
          << py::fixed(100 * *std::max_element(cell_errors.begin(), cell_errors.end()), 1) << "%\n";
  }

  static void describe_fmax(std::ostringstream& out, const cost::FmaxModel& model,
                            const std::vector<cost::FmaxMeasurement>& rows) {
    out << "ice40 fmax (" << model.source << ")\n  delay coefficients (ns):";
    for (std::size_t k = 0; k < cost::kFmaxFeatureCount; ++k)
      out << " " << cost::fmax_feature_names()[k] << "=" << py::fixed(model.delay_ns[k], 4);
    std::vector<double> errors;
    for (const auto& row : rows) {
      const double predicted =
          cost::predict_layer_fmax_mhz(row.design, static_cast<std::int64_t>(row.logic_cells), model);
      errors.push_back(std::abs(predicted - row.fmax_mhz) / row.fmax_mhz);
    }
    std::sort(errors.begin(), errors.end());
    for (const auto& speed : model.speeds)
      out << "\n  series " << speed.series << ": fmax x" << py::fixed(speed.scale, 3) << " (" << speed.layers
          << " layers)";
    out << "\n  calibrated clock " << py::fixed(model.calibrated_clock_mhz, 0)
        << " MHz; in-sample fmax error: median " << py::fixed(100 * errors[errors.size() / 2], 1) << "%, max "
        << py::fixed(100 * errors.back(), 1) << "%\n";
  }

  std::string ice40_;
  std::string ecp5_;
  std::optional<std::filesystem::path> fmax_cpp_out_;
  std::string fmax_device_ = "ice40-hx8k";
  std::vector<std::string> series_speed_;
  std::string fmax_source_ = "nextpnr-ice40 0.4 --hx8k ct256 --freq 100 --seed 1";
  std::string source_ = "Yosys 0.23";
  std::optional<std::filesystem::path> cpp_out_;
};

SCN_REGISTER_COMMAND(CalibrateCommand)

}  // namespace
}  // namespace scn::cli
