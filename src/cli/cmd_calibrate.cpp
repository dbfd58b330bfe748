#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>

#include "command.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/hw/network_verilog.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/model/cells.hpp"
#include "sc_neurocore/model/devices.hpp"
#include "sc_neurocore/model/fmax.hpp"
#include "sc_neurocore/model/glue.hpp"
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
    return "Fit the default profile's LUT/FF/cell and glue models to synthesis measurements "
           "(scripts/calibrate)";
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
    command.add_option("--weights", network_.weights, "Weights of --predict-network")->group("");
  }
  int run() override {
    if (predict_) {
      emit(std::nullopt, io::json_document(predictions(*predict_)));
      return 0;
    }
    if (!network_.network.empty()) {
      emit(std::nullopt, io::json_document(network_prediction(pipeline::load_network_design(network_))));
      return 0;
    }
    if (!network_glue_.empty()) return fit_glue();
    if (ice40_.empty() || ecp5_.empty()) throw core::InputError("calibrate needs --ice40 and --ecp5");
    std::ostringstream report;
    const std::string inputs = "sc-neurocore calibrate --ice40 " + joined(ice40_) + " --ecp5 " + ecp5_;
    const std::vector<model::CalibratedModel> models = fit_cells(report);
    if (cpp_out_)
      emit(cpp_out_, model::calibrated_models_cpp(
                         models, inputs + " --source '" + source_ + "' --cpp-out " + cpp_out_->string()));
    if (fmax_cpp_out_) fit_fmax(report, inputs);
    std::cout << report.str();
    return 0;
  }

 private:
  static std::string joined(const std::vector<std::string>& paths) {
    std::string out;
    for (const auto& path : paths) out += (out.empty() ? "" : " ") + path;
    return out;
  }

  // The rows of every file, in order: the iCE40 fit is the unsigned sweep and the signed one together.
  static std::vector<model::Measurement> read_all(const std::vector<std::string>& paths) {
    std::vector<model::Measurement> rows;
    for (const auto& path : paths) {
      auto more = model::read_measurements_csv(path);
      rows.insert(rows.end(), more.begin(), more.end());
    }
    return rows;
  }

  std::vector<model::CalibratedModel> fit_cells(std::ostringstream& report) const {
    std::vector<model::CalibratedModel> models;
    for (const auto& [family, paths] : {std::pair{std::string("ice40"), ice40_},
                                        std::pair{std::string("ecp5"), std::vector<std::string>{ecp5_}}}) {
      auto rows = read_all(paths);
      std::string source = source_ + " synth_" + family + ", " + std::to_string(rows.size()) + " layers";
      if (family == "ecp5") {
        // A CCU2C holds carry logic worth two LUT4s (docs/hardware.md): count it, or ECP5 undercounts.
        for (auto& row : rows) row.luts += 2 * row.carries;
        source += ", LUT4 + 2 x CCU2C";
      }
      models.push_back(model::fit_calibrated_model(rows, family, source));
      describe(report, models.back(), rows);
    }
    return models;
  }

  // The fmax model of the routed rows of the --ice40 files; other series against the first file's layers.
  void fit_fmax(std::ostringstream& report, const std::string& inputs) const {
    std::vector<model::FmaxMeasurement> rows;
    for (const auto& path : ice40_) {
      const auto more = model::read_fmax_measurements_csv(path);
      rows.insert(rows.end(), more.begin(), more.end());
    }
    const std::string source = fmax_source_ + ", " + std::to_string(rows.size()) + " placed layers";
    model::FmaxModel model = model::fit_fmax_model(rows, "ice40", fmax_device_, source);
    model.speeds.push_back({model::device(fmax_device_).series, 1.0, 0});
    std::string speed_flags;
    for (const auto& entry : series_speed_) {
      const auto eq = entry.find('=');
      if (eq == std::string::npos)
        throw core::InputError("--series-speed wants SERIES=CSV, got '" + entry + "'");
      model.speeds.push_back(
          model::measure_series_speed(entry.substr(0, eq), ice40_.front(), entry.substr(eq + 1)));
      speed_flags += " --series-speed " + entry;
    }
    describe_fmax(report, model, rows);
    emit(fmax_cpp_out_,
         model::fmax_models_cpp({model}, inputs + " --fmax-device " + fmax_device_ + " --fmax-source '" +
                                             fmax_source_ + "'" + speed_flags + " --fmax-cpp-out " +
                                             fmax_cpp_out_->string()));
  }

  static nlohmann::json hardware_json(const model::LayerHardware& h) {
    return {{"luts", h.luts}, {"ffs", h.ffs}, {"carries", h.carry_cells}, {"logic_cells", h.logic_cells}};
  }

  // Per layer: its structure (what the glue fit reads: negative share of the kept synapses, pruned share),
  // the layer model of its counted weights and its glue; then the whole network's glue and cells.
  static nlohmann::json network_prediction(const hw::NetworkDesign& net) {
    const model::CalibratedModel& model = model::calibrated_model_for_family("ice40");
    nlohmann::json layers = nlohmann::json::array();
    std::vector<hw::LayerDesign> designs;
    std::vector<model::WeightCounts> counts;
    std::int64_t cells = 0;
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
      const hw::NetworkLayerDesign& layer = net.layers[i];
      counts.push_back(model::count_weights(layer.design, layer.weights));
      designs.push_back(measured_design(layer));
      const model::LayerHardware h = model::estimate_layer_hardware(layer.design, model, &counts.back());
      cells += h.logic_cells;
      nlohmann::json entry = hardware_json(h);
      entry["module"] = hw::network_layer_module(net, i);
      entry["signed"] = layer.is_signed;
      entry["bias_corrected"] = layer.design.bias_corrected;
      entry["negative_fraction"] = designs.back().negative_fraction;
      entry["sparsity"] = designs.back().sparsity;
      entry["shift"] = layer.shift;
      entry["inputs_used"] = counts.back().inputs_used;
      entry["live_neurons"] = counts.back().live_neurons;
      entry["dead_neurons"] = layer.dead_neurons.size();
      entry["glue"] = hardware_json(model::layer_glue(layer.design, i == 0, "ice40", &counts.back()));
      layers.push_back(entry);
    }
    std::vector<const model::WeightCounts*> pointers;
    for (const auto& c : counts) pointers.push_back(&c);
    const model::LayerHardware glue = model::network_glue(designs, "ice40", pointers);
    const auto& last = designs.back();
    return {{"layers", layers},
            {"fixed_glue",
             hardware_json(model::network_glue_fixed(designs.size(), last.n_neurons, last.precision))},
            {"glue", hardware_json(glue)},
            {"logic_cells", cells + glue.logic_cells}};
  }

  // The layer's design with the pruned and negative shares of its real weights, as the CSVs record it.
  static hw::LayerDesign measured_design(const hw::NetworkLayerDesign& layer) {
    const auto& values = layer.weights.values;
    const auto kept = std::count_if(values.begin(), values.end(), [](std::int32_t w) { return w != 0; });
    const auto negative = std::count_if(values.begin(), values.end(), [](std::int32_t w) { return w < 0; });
    hw::LayerDesign d = layer.design;
    d.sparsity = 1.0 - static_cast<double>(kept) / static_cast<double>(values.size());
    d.negative_fraction = kept > 0 ? static_cast<double>(negative) / static_cast<double>(kept) : 0.0;
    return d;
  }

  int fit_glue() const {
    std::vector<model::NetworkGlueMeasurement> networks;
    for (const auto& path : network_glue_) {
      auto more = model::read_network_measurements_csv(path);
      networks.insert(networks.end(), more.begin(), more.end());
    }
    const model::GlueModel model =
        model::fit_glue_model(networks, glue_source_ + ", " + std::to_string(networks.size()) + " networks");
    std::cout << "ice40 glue (" << model.source << ")\n";
    for (const auto& [name, values] :
         {std::pair{"LUT", &model.luts}, std::pair{"FF", &model.ffs}, std::pair{"carry", &model.carries},
          std::pair{"ICESTORM_LC", &model.logic_cells}}) {
      std::cout << "  " << name << " coefficients:";
      for (std::size_t k = 0; k < model::kGlueFeatureCount; ++k)
        std::cout << " " << model::glue_feature_names()[k] << "=" << core::py::fixed((*values)[k], 4);
      std::cout << "\n";
    }
    std::vector<double> errors;  // of the glue, relative to the whole design: what the planner's total sees
    for (const auto& net : networks) {
      const model::GlueFeatures f = model::network_glue_features(net.layers, model::counts_of(net));
      double glue = 0.0;
      for (std::size_t k = 0; k < model::kGlueFeatureCount; ++k) glue += model.logic_cells[k] * f[k];
      errors.push_back(std::abs(glue - net.logic_cells) / net.whole_logic_cells);
    }
    std::sort(errors.begin(), errors.end());
    std::cout << "  in-sample glue error relative to the whole design: median "
              << core::py::fixed(100 * errors[errors.size() / 2], 1) << "%, max "
              << core::py::fixed(100 * errors.back(), 1) << "%\n";
    if (glue_cpp_out_)
      emit(glue_cpp_out_,
           model::glue_model_cpp(model, "sc-neurocore calibrate --network-glue " + joined(network_glue_) +
                                            " --glue-source '" + glue_source_ + "' --glue-cpp-out " +
                                            glue_cpp_out_->string()));
    return 0;
  }

  // Per row: the module and the iCE40 LUTs, flip-flops, carries, logic cells and HX fmax the library
  // predicts from the row's knobs alone (as `estimate --profile default` does).
  static nlohmann::json predictions(const std::string& path) {
    const model::CalibratedModel& model = model::calibrated_model_for_family("ice40");
    const model::FmaxModel* fmax = model::fmax_model_for_family("ice40");
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : model::read_measurements_csv(path)) {
      // The row's seeded weights, counted: what was synthesised.
      const model::WeightCounts counts = model::seeded_weight_counts(row.design);
      const model::LayerHardware hw = model::estimate_layer_hardware(row.design, model, &counts);
      rows.push_back(
          {{"module", row.module},
           {"luts", hw.luts},
           {"ffs", hw.ffs},
           {"carries", hw.carry_cells},
           {"logic_cells", hw.logic_cells},
           {"fmax_mhz", fmax ? model::predict_layer_fmax_mhz(row.design, hw.logic_cells, *fmax) : 0.0}});
    }
    return rows;
  }

  static void describe(std::ostringstream& out, const model::CalibratedModel& model,
                       const std::vector<model::Measurement>& rows) {
    out << model.family << " (" << model.source << ")\n  LUT coefficients:";
    for (std::size_t k = 0; k < model::kLutFeatureCount; ++k)
      out << " " << model::lut_feature_names()[k] << "=" << core::py::fixed(model.lut[k], 4);
    out << "\n  FF coefficients:";
    for (std::size_t k = 0; k < model::kFfFeatureCount; ++k)
      out << " " << model::ff_feature_names()[k] << "=" << core::py::fixed(model.ff[k], 4);
    std::vector<double> lut_errors, ff_errors, cell_errors;
    for (const auto& row : rows) {
      const auto hw = model::estimate_layer_hardware(row.design, model);
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
    out << "\n  in-sample LUT error: median " << core::py::fixed(100 * median(lut_errors), 1) << "%, max "
        << core::py::fixed(100 * *std::max_element(lut_errors.begin(), lut_errors.end()), 1)
        << "%; FF error: median " << core::py::fixed(100 * median(ff_errors), 1) << "%, max "
        << core::py::fixed(100 * *std::max_element(ff_errors.begin(), ff_errors.end()), 1) << "%\n";
    if (!cell_errors.empty())
      out << "  in-sample " << model.logic_unit << " error: median "
          << core::py::fixed(100 * median(cell_errors), 1) << "%, max "
          << core::py::fixed(100 * *std::max_element(cell_errors.begin(), cell_errors.end()), 1) << "%\n";
  }

  static void describe_fmax(std::ostringstream& out, const model::FmaxModel& model,
                            const std::vector<model::FmaxMeasurement>& rows) {
    out << "ice40 fmax (" << model.source << ")\n  delay coefficients (ns):";
    for (std::size_t k = 0; k < model::kFmaxFeatureCount; ++k)
      out << " " << model::fmax_feature_names()[k] << "=" << core::py::fixed(model.delay_ns[k], 4);
    std::vector<double> errors;
    for (const auto& row : rows) {
      const double predicted =
          model::predict_layer_fmax_mhz(row.design, static_cast<std::int64_t>(row.logic_cells), model);
      errors.push_back(std::abs(predicted - row.fmax_mhz) / row.fmax_mhz);
    }
    std::sort(errors.begin(), errors.end());
    for (const auto& speed : model.speeds)
      out << "\n  series " << speed.series << ": fmax x" << core::py::fixed(speed.scale, 3) << " ("
          << speed.layers << " layers)";
    out << "\n  calibrated clock " << core::py::fixed(model.calibrated_clock_mhz, 0)
        << " MHz; in-sample fmax error: median " << core::py::fixed(100 * errors[errors.size() / 2], 1)
        << "%, max " << core::py::fixed(100 * errors.back(), 1) << "%\n";
  }

  std::vector<std::string> ice40_;
  std::string ecp5_;
  std::optional<std::string> predict_;
  std::vector<std::string> network_glue_;
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
