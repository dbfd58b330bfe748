#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>

#include "command.hpp"
#include "sc_neurocore/hw/cost_model.hpp"
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
    command.add_option("--cpp-out", cpp_out_, "Write the coefficients as src/hw/calibrated_model.inc");
  }
  int run() override {
    std::vector<hw::CalibratedModel> models;
    std::ostringstream report;
    for (const auto& [family, path] :
         {std::pair{std::string("ice40"), ice40_}, std::pair{std::string("ecp5"), ecp5_}}) {
      auto rows = hw::read_measurements_csv(path);
      std::string source = source_ + " synth_" + family + ", " + std::to_string(rows.size()) + " layers";
      if (family == "ecp5") {
        // A CCU2C holds carry logic worth two LUT4s (docs/hardware.md): count it, or ECP5 undercounts.
        for (auto& row : rows) row.luts += 2 * row.carries;
        source += ", LUT4 + 2 x CCU2C";
      }
      models.push_back(hw::fit_calibrated_model(rows, family, source));
      describe(report, models.back(), rows);
    }
    if (cpp_out_) {
      emit(cpp_out_, hw::calibrated_models_cpp(models, "sc-neurocore calibrate --ice40 " + ice40_ +
                                                           " --ecp5 " + ecp5_ + " --source '" + source_ +
                                                           "' --cpp-out " + cpp_out_->string()));
    }
    std::cout << report.str();
    return 0;
  }

 private:
  static void describe(std::ostringstream& out, const hw::CalibratedModel& model,
                       const std::vector<hw::Measurement>& rows) {
    out << model.family << " (" << model.source << ")\n  LUT coefficients:";
    for (std::size_t k = 0; k < hw::kLutFeatureCount; ++k)
      out << " " << hw::lut_feature_names()[k] << "=" << py::fixed(model.lut[k], 4);
    out << "\n  FF coefficients:";
    for (std::size_t k = 0; k < hw::kFfFeatureCount; ++k)
      out << " " << hw::ff_feature_names()[k] << "=" << py::fixed(model.ff[k], 4);
    std::vector<double> lut_errors, ff_errors;
    for (const auto& row : rows) {
      const auto hw = hw::estimate_layer_hardware(row.design, model);
      lut_errors.push_back(std::abs(static_cast<double>(hw.luts) - row.luts) / std::max(1.0, row.luts));
      ff_errors.push_back(std::abs(static_cast<double>(hw.ffs) - row.ffs) / std::max(1.0, row.ffs));
    }
    auto median = [](std::vector<double> v) {
      std::sort(v.begin(), v.end());
      return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
    };
    out << "\n  in-sample LUT error: median " << py::fixed(100 * median(lut_errors), 1) << "%, max "
        << py::fixed(100 * *std::max_element(lut_errors.begin(), lut_errors.end()), 1)
        << "%; FF error: median " << py::fixed(100 * median(ff_errors), 1) << "%, max "
        << py::fixed(100 * *std::max_element(ff_errors.begin(), ff_errors.end()), 1) << "%\n";
  }

  std::string ice40_;
  std::string ecp5_;
  std::string source_ = "Yosys 0.23";
  std::optional<std::filesystem::path> cpp_out_;
};

SCN_REGISTER_COMMAND(CalibrateCommand)

}  // namespace
}  // namespace scn::cli
