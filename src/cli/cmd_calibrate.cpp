#include <iostream>
#include <sstream>

#include "command.hpp"
#include "sc_neurocore/calibration/cells.hpp"
#include "sc_neurocore/calibration/fmax.hpp"
#include "sc_neurocore/calibration/folded.hpp"
#include "sc_neurocore/calibration/glue.hpp"
#include "sc_neurocore/calibration/power.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/pipeline/network_job.hpp"

namespace scn::cli {
namespace {

// Fits the LUT / flip-flop / cell coefficients of the default cost model to Yosys and nextpnr measurements
// (scripts/calibrate synthesise), or the network glue to whole networks (network-synthesise), and prints how
// well they fit. Hidden options give scripts/calibrate the library's predictions of measured rows.
class CalibrateCommand : public Command {
 public:
  std::string name() const override { return "calibrate"; }
  std::string description() const override {
    return "Fit the default profile's LUT/FF/cell, fmax and glue models to synthesis measurements "
           "(scripts/calibrate), or the iCE40 power model to bench measurements (scripts/power-calibrate)";
  }
  void add_options(CLI::App& command) override {
    command.add_option("--ice40", ice40_,
                       "Measurements CSVs of synth_ice40, fitted together (required unless --network-glue)");
    command.add_option("--ecp5", ecp5_, "Measurements CSV of synth_ecp5 (required unless --network-glue)");
    // For scripts/calibrate holdout: the compiled-in models' figures of every row of a measurements CSV,
    // knobs the estimate command has no flag for included (negative_fraction).
    command
        .add_option("--predict", predict_, "Print the compiled-in iCE40 model's figures of each row as JSON")
        ->group("");
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
    command.add_option(
        "--network-glue", network_glue_,
        "Fit the network glue model to CSVs of scripts/calibrate network-synthesise, together");
    command.add_option("--glue-cpp-out", glue_cpp_out_,
                       "Write the glue coefficients as src/model/calibrated/glue.inc");
    command.add_option("--glue-source", glue_source_, "Tools and flow of the network measurements")
        ->capture_default_str();
    // For scripts/calibrate network-synthesise and network-holdout: the library's view of one network.
    command.add_option("--predict-network", network_.network, "Network manifest to predict as JSON")
        ->group("");
    command.add_option("--plan", network_.plan, "Plan of --predict-network")->group("");
    add_power_options(command);
    add_folded_options(command);
    command.add_option("--weights", network_.weights, "Weights of --predict-network")->group("");
  }
  int run() override {
    if (power_fit_ || power_check_) return run_power();
    if (predict_) {
      emit(std::nullopt, io::json_document(calibration::predicted_rows(*predict_)));
      return 0;
    }
    if (!network_.network.empty()) {
      const hw::NetworkDesign net = pipeline::load_network_design(network_);
      emit(std::nullopt, io::json_document(calibration::network_prediction(net)));
      return 0;
    }
    if (!network_glue_.empty()) return fit_glue();
    if (!folded_.empty()) return fit_folded();
    if (!folded_check_.empty()) return check_folded();
    if (ice40_.empty() || ecp5_.empty()) throw core::InputError("calibrate needs --ice40 and --ecp5");
    std::ostringstream report;
    const std::string inputs =
        "sc-neurocore calibrate --ice40 " + core::join(ice40_, " ") + " --ecp5 " + ecp5_;
    const auto models = calibration::fit_family_models(ice40_, ecp5_, source_, report);
    if (cpp_out_)
      emit(cpp_out_, calibration::calibrated_models_cpp(
                         models, inputs + " --source '" + source_ + "' --cpp-out " + cpp_out_->string()));
    if (fmax_cpp_out_) fit_fmax(report, inputs);
    std::cout << report.str();
    return 0;
  }

 private:
  // The iCE40 core-power model of the bench table (scripts/power-calibrate fit / check).
  void add_power_options(CLI::App& command) {
    command.add_option(
        "--power-fit", power_fit_,
        "Fit the iCE40 power model and write its coefficients JSON (scripts/power-calibrate fit)");
    command.add_option(
        "--power-check", power_check_,
        "Fit the iCE40 power model and compare with this coefficients JSON; exit 1 on a failure");
    command
        .add_option("--power-measurements", power_.measurements, "Bench measurements CSV of the power fit")
        ->capture_default_str();
    command.add_option("--power-activity", power_.activity, "Fixture activity CSV of the power fit")
        ->capture_default_str();
    command.add_option("--power-layers", power_.layers, "Layer activity CSV of the power fit")
        ->capture_default_str();
  }

  int run_power() const {
    const calibration::PowerFit fit = calibration::fit_power(power_);
    if (power_check_)
      return calibration::check_power_fit(fit, *power_check_, *power_check_, std::cout, std::cerr);
    emit(power_fit_, calibration::power_coefficients_json(fit));
    calibration::print_power_fit(fit, std::cout);
    return 0;
  }

  // The fmax model of the routed rows of the --ice40 files; other series against the first file's layers.
  void fit_fmax(std::ostringstream& report, const std::string& inputs) const {
    std::vector<calibration::SeriesCsv> series;
    std::string speed_flags;
    for (const auto& entry : series_speed_) {
      const auto eq = entry.find('=');
      if (eq == std::string::npos)
        throw core::InputError("--series-speed wants SERIES=CSV, got '" + entry + "'");
      series.push_back({entry.substr(0, eq), entry.substr(eq + 1)});
      speed_flags += " --series-speed " + entry;
    }
    const model::FmaxModel model =
        calibration::fit_ice40_fmax(ice40_, fmax_device_, fmax_source_, series, report);
    emit(fmax_cpp_out_,
         calibration::fmax_models_cpp({model}, inputs + " --fmax-device " + fmax_device_ +
                                                   " --fmax-source '" + fmax_source_ + "'" + speed_flags +
                                                   " --fmax-cpp-out " + fmax_cpp_out_->string()));
  }

  // The folded-layer model (model/folded_cells.hpp): its fit, and the check of the compiled-in model.
  void add_folded_options(CLI::App& command) {
    command.add_option("--folded", folded_,
                       "Fit the folded-layer model to these iCE40 measurement CSVs, together");
    command.add_option("--folded-cpp-out", folded_cpp_out_,
                       "Write the folded-layer coefficients as src/model/calibrated/folded.inc");
    command.add_option("--folded-source", folded_source_, "Tools and flow of the folded-layer measurements")
        ->capture_default_str();
    command.add_option(
        "--folded-check", folded_check_,
        "Compare the compiled-in folded-layer model (with --folded: the model just fitted) with these "
        "measurement CSVs, one by one (held out); exit 1 when cells are off by more than 10 % median or "
        "--folded-max-bound at most, fmax by more than 15 % median, or a block RAM count differs");
    command
        .add_option("--folded-max-bound", folded_max_bound_,
                    "With --folded-check: the largest relative cell error allowed")
        ->capture_default_str();
  }

  std::vector<calibration::FoldedMeasurement> folded_rows(const std::vector<std::string>& csvs) const {
    std::vector<calibration::FoldedMeasurement> rows;
    for (const std::string& csv : csvs) {
      auto more = calibration::read_folded_measurements(csv);
      rows.insert(rows.end(), more.begin(), more.end());
    }
    return rows;
  }

  int fit_folded() const {
    const auto rows = folded_rows(folded_);
    const model::FoldedModel model = calibration::fit_folded_model(rows, "ice40", folded_source_);
    std::cout << "ice40 folded layers (" << model.source << "), in sample:\n";
    calibration::check_folded_model(model, rows, std::cout);
    bool held_out_ok = true;
    for (const std::string& csv : folded_check_) {
      std::cout << "held out, " << csv << ":\n";
      held_out_ok =
          check_passes(calibration::check_folded_model(model, folded_rows({csv}), std::cout)) && held_out_ok;
    }
    if (folded_cpp_out_)
      emit(folded_cpp_out_,
           calibration::folded_model_cpp(
               model, "sc-neurocore calibrate --folded " + core::join(folded_, " ") + " --folded-source '" +
                          folded_source_ + "' --folded-cpp-out " + folded_cpp_out_->string()));
    return held_out_ok ? 0 : 1;
  }

  bool check_passes(const calibration::FoldedCheck& c) const {
    return c.cells_median <= 0.10 && c.cells_max <= folded_max_bound_ && c.fmax_median <= 0.15 &&
           c.bram_mismatches == 0;
  }

  int check_folded() const {
    const model::FoldedModel* model = model::folded_model_for_family("ice40");
    if (!model) throw core::InputError("no compiled-in folded-layer model for ice40");
    std::cout << "ice40 folded layers (" << model->source << "), held out:\n";
    const calibration::FoldedCheck c =
        calibration::check_folded_model(*model, folded_rows(folded_check_), std::cout);
    return check_passes(c) ? 0 : 1;
  }

  int fit_glue() const {
    const model::GlueModel model = calibration::fit_network_glue(network_glue_, glue_source_, std::cout);
    if (glue_cpp_out_)
      emit(glue_cpp_out_,
           calibration::glue_model_cpp(
               model, "sc-neurocore calibrate --network-glue " + core::join(network_glue_, " ") +
                          " --glue-source '" + glue_source_ + "' --glue-cpp-out " + glue_cpp_out_->string()));
    return 0;
  }

  std::optional<std::filesystem::path> power_fit_;
  std::optional<std::string> power_check_;
  calibration::PowerInputs power_{"data/power/ice40up5k-tinyvision.csv", "data/power/fixture-activity.csv",
                                  "data/power/layer-activity.csv"};
  std::vector<std::string> ice40_;
  std::string ecp5_;
  std::optional<std::string> predict_;
  std::vector<std::string> network_glue_;
  std::vector<std::string> folded_, folded_check_;
  double folded_max_bound_ = 0.25;
  std::optional<std::filesystem::path> folded_cpp_out_;
  std::string folded_source_ = "Yosys 0.23 synth_ice40, nextpnr-ice40 0.4 --hx8k --pack-only";
  std::optional<std::filesystem::path> glue_cpp_out_;
  std::string glue_source_ = "Yosys 0.23 synth_ice40, nextpnr-ice40 0.4 --hx8k ct256 --pack-only";
  pipeline::NetworkSources network_;
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
