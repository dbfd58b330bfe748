#include "sc_neurocore/calibration/glue.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "nnls.hpp"
#include "sc_neurocore/calibration/cells.hpp"
#include "sc_neurocore/core/csv.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/hw/network_verilog.hpp"

namespace scn::calibration {
namespace {

// The network-level columns of each row (the per-layer knobs come from read_measurements_csv), and the
// counts of the layer's weights the glue reads, when the file has them (-1 if not).
struct NetworkColumns {
  std::string network;
  double luts, ffs, carries, logic_cells;
  double inputs_used = -1, live_neurons = -1, is_signed = 0;
  bool bias_corrected = false;  // accumulators that start at an offset (older files: none)
};

std::vector<NetworkColumns> read_network_columns(const std::string& path) {
  std::istringstream lines(core::read_utf8_text_file(path));
  std::string line;
  std::getline(lines, line);
  const core::CsvHeader header = core::read_csv_header(line, path);
  auto column = [&](const std::string& name) { return header.column(name); };
  const std::size_t c_net = column("network"), c_l = column("network_luts"), c_f = column("network_ffs"),
                    c_c = column("network_carries"), c_lc = column("network_logic_cells");
  auto has = [&](const std::string& name) { return header.has(name); };
  const bool has_counts = has("live_neurons");
  const std::size_t c_used = has_counts ? column("inputs_used") : 0,
                    c_live = has_counts ? column("live_neurons") : 0,
                    c_signed = has_counts ? column("signed") : 0;
  const bool has_correction = has("bias_corrected");
  const std::size_t c_corrected = has_correction ? column("bias_corrected") : 0;
  std::vector<NetworkColumns> rows;
  for (int row = 2; std::getline(lines, line); ++row) {
    if (line.empty()) continue;
    const auto cells = core::split_csv_line(line);
    auto number = [&](std::size_t c) {
      try {
        return std::stod(cells.at(c));
      } catch (const std::exception&) {
        throw core::InputError(path + ": row " + std::to_string(row) + ", field '" + header.names[c] +
                               "': not a number");
      }
    };
    rows.push_back({cells.at(c_net), number(c_l), number(c_f), number(c_c), number(c_lc)});
    if (has_counts) {
      rows.back().inputs_used = number(c_used);
      rows.back().live_neurons = number(c_live);
      rows.back().is_signed = number(c_signed);
    }
    if (has_correction) rows.back().bias_corrected = number(c_corrected) != 0;
  }
  return rows;
}

}  // namespace

std::vector<NetworkGlueMeasurement> read_network_measurements_csv(const std::string& path) {
  const std::vector<Measurement> layers = read_measurements_csv(path);
  const std::vector<NetworkColumns> columns = read_network_columns(path);
  if (layers.size() != columns.size())
    throw core::InputError(path + ": " + std::to_string(columns.size()) + " rows, " +
                           std::to_string(layers.size()) + " layers");
  std::vector<NetworkGlueMeasurement> out;
  for (std::size_t r = 0; r < layers.size(); ++r) {
    if (out.empty() || out.back().network != columns[r].network) {
      const NetworkColumns& c = columns[r];
      out.push_back({c.network, {}, {}, c.luts, c.ffs, c.carries, c.logic_cells, c.logic_cells});
    }
    NetworkGlueMeasurement& net = out.back();
    net.layers.push_back(layers[r].design);
    net.layers.back().bias_corrected = columns[r].bias_corrected;
    if (columns[r].live_neurons >= 0) {
      model::WeightCounts& c = net.counts.emplace_back();
      c.inputs_used = std::llround(columns[r].inputs_used);
      c.live_neurons = std::llround(columns[r].live_neurons);
      c.is_signed = columns[r].is_signed != 0;
      // The SC synapses at the row's measured sparsity (the signed-layer saving of the glue reads them).
      c.sc_synapses = std::llround(hw::active_sc_synapses(layers[r].design));
    }
    net.luts -= layers[r].luts;
    net.ffs -= layers[r].ffs;
    net.carries -= layers[r].carries;
    net.logic_cells -= layers[r].logic_cells;
  }
  return out;
}

std::vector<const model::WeightCounts*> counts_of(const NetworkGlueMeasurement& network) {
  std::vector<const model::WeightCounts*> out;
  for (const model::WeightCounts& c : network.counts) out.push_back(&c);
  return out;
}

model::GlueModel fit_glue_model(const std::vector<NetworkGlueMeasurement>& networks,
                                const std::string& source) {
  if (networks.size() < model::kGlueFeatureCount)
    throw core::InputError("the glue fit needs at least " + std::to_string(model::kGlueFeatureCount) +
                           " networks, got " + std::to_string(networks.size()));
  // Rows scaled by the whole design's cells: fit_nonnegative_relative then leaves them (|glue| < whole).
  std::vector<std::vector<double>> a;
  for (const auto& net : networks) {
    const model::GlueFeatures f = model::network_glue_features(net.layers, counts_of(net));
    auto& row = a.emplace_back();
    for (const double v : f) row.push_back(v / net.whole_logic_cells);
  }
  auto fit = [&](double NetworkGlueMeasurement::*glue) {
    std::vector<double> y;
    for (const auto& net : networks) y.push_back(net.*glue / net.whole_logic_cells);
    const std::vector<double> x = fit_nonnegative_relative(a, y);
    model::GlueFeatures out{};
    std::copy(x.begin(), x.end(), out.begin());
    return out;
  };
  model::GlueModel fitted;
  fitted.family = "ice40";
  fitted.source = source;
  fitted.luts = fit(&NetworkGlueMeasurement::luts);
  fitted.ffs = fit(&NetworkGlueMeasurement::ffs);
  fitted.carries = fit(&NetworkGlueMeasurement::carries);
  fitted.logic_cells = fit(&NetworkGlueMeasurement::logic_cells);
  return fitted;
}

std::string glue_model_cpp(const model::GlueModel& model, const std::string& command) {
  std::ostringstream out;
  out << "// Generated by `" << command << "`; do not edit.\n";
  out << "// Per family: source, then LUT, FF, carry and logic-cell coefficients of the glue features "
         "(model/glue.hpp).\n";
  out << "{\"" << model.family << "\", \"" << model.source << "\",\n";
  for (const model::GlueFeatures* values : {&model.luts, &model.ffs, &model.carries, &model.logic_cells}) {
    out << " {";
    out << core::join(*values, ", ", [](double v) { return core::py::float_repr(v); });
    out << "},\n";
  }
  out << "},\n";
  return out.str();
}

model::GlueModel fit_network_glue(const std::vector<std::string>& csvs, const std::string& source,
                                  std::ostream& report) {
  std::vector<NetworkGlueMeasurement> networks;
  for (const auto& path : csvs) {
    auto more = read_network_measurements_csv(path);
    networks.insert(networks.end(), more.begin(), more.end());
  }
  const model::GlueModel fitted =
      fit_glue_model(networks, source + ", " + std::to_string(networks.size()) + " networks");
  report << "ice40 glue (" << fitted.source << ")\n";
  for (const auto& [name, values] :
       {std::pair{"LUT", &fitted.luts}, std::pair{"FF", &fitted.ffs}, std::pair{"carry", &fitted.carries},
        std::pair{"ICESTORM_LC", &fitted.logic_cells}}) {
    report << "  " << name << " coefficients:";
    for (std::size_t k = 0; k < model::kGlueFeatureCount; ++k)
      report << " " << model::glue_feature_names()[k] << "=" << core::py::fixed((*values)[k], 4);
    report << "\n";
  }
  std::vector<double> errors;  // of the glue, relative to the whole design: what the planner's total sees
  for (const auto& net : networks) {
    const model::GlueFeatures f = model::network_glue_features(net.layers, counts_of(net));
    double glue = 0.0;
    for (std::size_t k = 0; k < model::kGlueFeatureCount; ++k) glue += fitted.logic_cells[k] * f[k];
    errors.push_back(std::abs(glue - net.logic_cells) / net.whole_logic_cells);
  }
  std::sort(errors.begin(), errors.end());
  report << "  in-sample glue error relative to the whole design: median "
         << core::py::fixed(100 * errors[errors.size() / 2], 1) << "%, max "
         << core::py::fixed(100 * errors.back(), 1) << "%\n";
  return fitted;
}

namespace {

nlohmann::json hardware_json(const model::LayerHardware& h) {
  return {{"luts", h.luts}, {"ffs", h.ffs}, {"carries", h.carry_cells}, {"logic_cells", h.logic_cells}};
}

// The layer's design with the pruned and negative shares of its real weights, as the CSVs record it.
hw::LayerDesign measured_design(const hw::NetworkLayerDesign& layer) {
  const auto& values = layer.weights.values;
  const auto kept = std::count_if(values.begin(), values.end(), [](std::int32_t w) { return w != 0; });
  const auto negative = std::count_if(values.begin(), values.end(), [](std::int32_t w) { return w < 0; });
  hw::LayerDesign d = layer.design;
  d.sparsity = 1.0 - static_cast<double>(kept) / static_cast<double>(values.size());
  d.negative_fraction = kept > 0 ? static_cast<double>(negative) / static_cast<double>(kept) : 0.0;
  return d;
}

}  // namespace

nlohmann::json network_prediction(const hw::NetworkDesign& net) {
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

}  // namespace scn::calibration
