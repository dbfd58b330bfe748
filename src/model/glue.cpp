#include "sc_neurocore/model/glue.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <sstream>

#include "nnls.hpp"
#include "sc_neurocore/core/bits.hpp"
#include "sc_neurocore/core/csv.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/hw/verilog.hpp"

namespace scn::model {
namespace {

const std::vector<GlueModel> kGlueModels = {
#include "calibrated/glue.inc"
};

template <std::size_t K>
double dot(const std::array<double, K>& coefficients, const std::array<double, K>& features) {
  double sum = 0.0;
  for (std::size_t k = 0; k < K; ++k) sum += coefficients[k] * features[k];
  return sum;
}

std::int64_t count_of(double value) { return std::max<std::int64_t>(0, std::llround(value)); }

// The planner calls this per candidate: no allocation (the model name is left to network_glue).
LayerHardware hardware_of(const GlueFeatures& f, const GlueModel* model) {
  LayerHardware out;
  if (model == nullptr) return out;
  out.luts = count_of(dot(model->luts, f));
  out.ffs = count_of(dot(model->ffs, f));
  out.carry_cells = count_of(dot(model->carries, f));
  out.logic_cells = count_of(dot(model->logic_cells, f));
  return out;
}

void add(LayerHardware& total, const LayerHardware& part) {
  total.luts += part.luts;
  total.ffs += part.ffs;
  total.carry_cells += part.carry_cells;
  total.logic_cells += part.logic_cells;
}

}  // namespace

const std::array<const char*, kGlueFeatureCount>& glue_feature_names() {
  static const std::array<const char*, kGlueFeatureCount> names = {
      "input_register_bits",   "first_input_register_bits", "activation_bits", "clamp_bits",
      "hybrid_num_adder_bits", "hybrid_multiplier_bits",    "layers",          "constant",
      "output_register_bits"};
  return names;
}

GlueFeatures layer_glue_features(const hw::LayerDesign& d, bool first_layer, const WeightCounts* weights) {
  const double n = d.n_inputs, m = d.n_neurons, b = d.precision;
  const bool is_signed = is_signed_layer(d, weights);
  const bool sc = hw::exact_inputs(d) < d.n_inputs;
  const bool exact = hw::exact_inputs(d) > 0;
  // Synthesis removes the register of an input no synapse reads and the activation of a neuron without a
  // synapse (a constant): the counts of real weights, else the expectation at the design's sparsity.
  const double inputs_read =
      weights ? static_cast<double>(weights->inputs_used) : n * (1.0 - std::pow(d.sparsity, m));
  const double live =
      weights ? static_cast<double>(weights->live_neurons) : m * (1.0 - std::pow(d.sparsity, n));
  GlueFeatures f{};
  // x_i: n b-bit registers the controller loads (layer 0: a shift register of the input words, every stage
  // of which passes the words on).
  f[0] = inputs_read * b;
  f[1] = first_layer ? n * b : 0.0;
  // Per neuron: the clamp's output multiplexer (b bits) and the test of the num bits above them.
  f[2] = live * b;
  // A bias-corrected layer's ones are signed: the clamp tests one bit more.
  f[3] =
      live * (sc ? hw::sc_ones_width(d, is_signed || d.bias_corrected) : hw::exact_sum_width(d, is_signed));
  // Hybrid: num = exact_sum * L + (sc_ones << 2b) adds the two parts (SC alone: a shift, no logic), and the
  // constant multiplication by L takes an adder of the product's width per set bit of L after the first
  // (L = 300 = 256 + 32 + 8 + 4: three). Measured: about a cell per bit (docs/hardware.md, "Network glue").
  const double product_bits =
      hw::exact_sum_width(d, is_signed) + core::real_register_width(d.bitstream_length);
  f[4] = sc && exact ? live * product_bits : 0.0;
  f[5] = sc && exact ? live * (std::popcount(static_cast<unsigned>(d.bitstream_length)) - 1) * product_bits
                     : 0.0;
  f[6] = 1.0;  // the layer's reset pulse and its done in the controller's multiplexer
  return f;
}

GlueFeatures network_glue_fixed_features(std::size_t layers, int last_neurons, int last_precision) {
  GlueFeatures f{};
  f[7] = layers > 0 ? 1.0 : 0.0;  // FSM, word and layer counters, handshakes
  f[8] = layers > 0 ? static_cast<double>(last_neurons) * (last_precision + 1) : 0.0;  // y
  return f;
}

const GlueModel* glue_model_for_family(std::string_view family) {
  for (const auto& model : kGlueModels)
    if (model.family == family) return &model;
  return nullptr;
}

LayerHardware layer_glue(const hw::LayerDesign& d, bool first_layer, std::string_view family,
                         const WeightCounts* weights) {
  return hardware_of(layer_glue_features(d, first_layer, weights), glue_model_for_family(family));
}

LayerHardware network_glue_fixed(std::size_t layers, int last_neurons, int last_precision,
                                 std::string_view family) {
  return hardware_of(network_glue_fixed_features(layers, last_neurons, last_precision),
                     glue_model_for_family(family));
}

LayerHardware network_glue(const std::vector<hw::LayerDesign>& layers, std::string_view family,
                           const std::vector<const WeightCounts*>& weights) {
  LayerHardware total;
  if (layers.empty()) return total;
  for (std::size_t i = 0; i < layers.size(); ++i)
    add(total, layer_glue(layers[i], i == 0, family, weights.empty() ? nullptr : weights[i]));
  add(total, network_glue_fixed(layers.size(), layers.back().n_neurons, layers.back().precision, family));
  if (const GlueModel* model = glue_model_for_family(family)) total.model = "glue (" + model->source + ")";
  return total;
}

GlueFeatures network_glue_features(const std::vector<hw::LayerDesign>& layers,
                                   const std::vector<const WeightCounts*>& weights) {
  GlueFeatures total{};
  auto accumulate = [&](const GlueFeatures& f) {
    for (std::size_t k = 0; k < kGlueFeatureCount; ++k) total[k] += f[k];
  };
  for (std::size_t i = 0; i < layers.size(); ++i)
    accumulate(layer_glue_features(layers[i], i == 0, weights.empty() ? nullptr : weights[i]));
  accumulate(network_glue_fixed_features(layers.size(), layers.back().n_neurons, layers.back().precision));
  return total;
}

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
      WeightCounts& c = net.counts.emplace_back();
      c.inputs_used = std::llround(columns[r].inputs_used);
      c.live_neurons = std::llround(columns[r].live_neurons);
      c.is_signed = columns[r].is_signed != 0;
    }
    net.luts -= layers[r].luts;
    net.ffs -= layers[r].ffs;
    net.carries -= layers[r].carries;
    net.logic_cells -= layers[r].logic_cells;
  }
  return out;
}

std::vector<const WeightCounts*> counts_of(const NetworkGlueMeasurement& network) {
  std::vector<const WeightCounts*> out;
  for (const WeightCounts& c : network.counts) out.push_back(&c);
  return out;
}

GlueModel fit_glue_model(const std::vector<NetworkGlueMeasurement>& networks, const std::string& source) {
  if (networks.size() < kGlueFeatureCount)
    throw core::InputError("the glue fit needs at least " + std::to_string(kGlueFeatureCount) +
                           " networks, got " + std::to_string(networks.size()));
  // Rows scaled by the whole design's cells: fit_nonnegative_relative then leaves them (|glue| < whole).
  std::vector<std::vector<double>> a;
  for (const auto& net : networks) {
    const GlueFeatures f = network_glue_features(net.layers, counts_of(net));
    auto& row = a.emplace_back();
    for (const double v : f) row.push_back(v / net.whole_logic_cells);
  }
  auto fit = [&](double NetworkGlueMeasurement::*glue) {
    std::vector<double> y;
    for (const auto& net : networks) y.push_back(net.*glue / net.whole_logic_cells);
    const std::vector<double> x = fit_nonnegative_relative(a, y);
    GlueFeatures out{};
    std::copy(x.begin(), x.end(), out.begin());
    return out;
  };
  GlueModel model;
  model.family = "ice40";
  model.source = source;
  model.luts = fit(&NetworkGlueMeasurement::luts);
  model.ffs = fit(&NetworkGlueMeasurement::ffs);
  model.carries = fit(&NetworkGlueMeasurement::carries);
  model.logic_cells = fit(&NetworkGlueMeasurement::logic_cells);
  return model;
}

std::string glue_model_cpp(const GlueModel& model, const std::string& command) {
  std::ostringstream out;
  out << "// Generated by `" << command << "`; do not edit.\n";
  out << "// Per family: source, then LUT, FF, carry and logic-cell coefficients of the glue features "
         "(model/glue.hpp).\n";
  out << "{\"" << model.family << "\", \"" << model.source << "\",\n";
  for (const GlueFeatures* values : {&model.luts, &model.ffs, &model.carries, &model.logic_cells}) {
    out << " {";
    out << core::join(*values, ", ", [](double v) { return core::py::float_repr(v); });
    out << "},\n";
  }
  out << "},\n";
  return out.str();
}

}  // namespace scn::model
