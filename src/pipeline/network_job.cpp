#include "sc_neurocore/pipeline/network_job.hpp"

#include <algorithm>
#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/hw/network_verilog.hpp"
#include "sc_neurocore/io/network.hpp"
#include "sc_neurocore/io/plan.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/io/weights.hpp"
#include "sc_neurocore/model/accuracy_model.hpp"
#include "sc_neurocore/model/grounded_model.hpp"
#include "sc_neurocore/model/layer_shapes.hpp"

namespace scn::pipeline {
namespace {

int checked_size(std::int64_t value, const std::string& what) {
  if (value < 1 || value > (1 << 24))
    throw core::InputError(what + " must be 1-16777216, got " + std::to_string(value));
  return static_cast<int>(value);
}

}  // namespace

hw::NetworkDesign network_design(const NetworkInputs& inputs) {
  const auto network = io::network_from_json(inputs.network, inputs.network_source);
  const auto plan = io::plan_from_json(inputs.plan, inputs.plan_source);
  const std::vector<core::WeightArray>& weights = inputs.weights;
  const std::string& weights_source = inputs.weights_source;
  std::vector<model::LayerWeights> named;
  for (const core::WeightArray& w : weights) named.push_back({w, weights_source});
  const std::vector<model::LayerShape> costed = layer_shapes(io::layer_profiles(network), named);
  std::vector<hw::ShapedLayer> shapes;
  for (std::size_t i = 0; i < network.size(); ++i) {
    const std::string where =
        inputs.network_source + ": layer " + std::to_string(i) + " ('" + network[i].profile.id + "')";
    shapes.push_back({network[i].profile.id, checked_size(costed[i].n_inputs, where + " n_inputs"),
                      checked_size(costed[i].n_neurons, where + " n_neurons")});
  }
  for (std::size_t i = 1; i < shapes.size(); ++i)
    if (shapes[i - 1].n_neurons != shapes[i].n_inputs)
      throw core::InputError(inputs.network_source + ": layer " + std::to_string(i) + " ('" + shapes[i].id +
                             "') has " + std::to_string(shapes[i].n_inputs) + " inputs but layer '" +
                             shapes[i - 1].id + "' before it has " + std::to_string(shapes[i - 1].n_neurons) +
                             " neurons" +
                             (costed[i].given && costed[i - 1].given
                                  ? ""
                                  : " (shapes assumed from mac_count; give n_inputs and n_neurons)"));
  return build_network(shapes, plan, weights, inputs.seed, inputs.plan_source, weights_source,
                       inputs.calibration);
}

hw::NetworkDesign load_network_design(const NetworkSources& sources) {
  NetworkInputs inputs;
  inputs.network_source = sources.network.string();
  inputs.network = core::parse_json(core::read_utf8_text_file(sources.network), inputs.network_source);
  inputs.plan_source = sources.plan.string();
  inputs.plan = core::parse_json(core::read_utf8_text_file(sources.plan), inputs.plan_source);
  if (!sources.weights.empty()) inputs.weights = io::load_weight_files(sources.weights);
  inputs.weights_source =
      core::join(sources.weights, ",", [](const std::filesystem::path& p) { return p.string(); });
  inputs.seed = sources.seed;
  if (!sources.calibration.empty()) {
    const std::string source = sources.calibration.string();
    const hw::NetworkDesign probe = network_design(inputs);  // validates first; gives layer 0's width
    inputs.calibration =
        input_vectors_from_json(core::parse_json(core::read_utf8_text_file(sources.calibration), source),
                                source, static_cast<std::size_t>(probe.layers.front().design.n_inputs));
  }
  return network_design(inputs);
}

void write_network_folder(const hw::NetworkDesign& design, const std::filesystem::path& out,
                          const std::string& tool_version) {
  std::vector<std::pair<std::string, std::string>> files = {
      {"sc_network.v", emit_network_verilog(design)},
      {"tb_sc_network.v", emit_network_testbench(design)},
      {"manifest.json", io::json_document(network_manifest(design, tool_version))}};
  // SPRAM has no initial contents: the words the testbench (and the user's loader) writes after reset.
  if (!hw::spram_layers(design).empty()) files.emplace_back(hw::kWeightLoadFile, hw::weight_load_hex(design));
  core::write_directory_atomically(out, files);
}

std::vector<std::vector<double>> input_vectors_from_json(const nlohmann::json& inputs,
                                                         const std::string& source, std::size_t n_inputs) {
  if (!inputs.is_array() || inputs.empty())
    throw core::InputError(source + ": inputs must be a non-empty list of input vectors");
  std::vector<std::vector<double>> vectors;
  vectors.reserve(inputs.size());
  for (std::size_t v = 0; v < inputs.size(); ++v) {
    const auto& row = inputs[v];
    const std::string where = source + ": vector " + std::to_string(v);
    if (!row.is_array()) throw core::InputError(where + " must be a list of numbers");
    if (row.size() != n_inputs)
      throw core::InputError(where + " has " + std::to_string(row.size()) + " values, the first layer has " +
                             std::to_string(n_inputs) + " inputs");
    std::vector<double> values;
    values.reserve(n_inputs);
    for (std::size_t k = 0; k < row.size(); ++k) {
      if (!row[k].is_number())
        throw core::InputError(where + " element " + std::to_string(k) + " is not a number");
      const double x = row[k].get<double>();
      if (!(x >= 0.0 && x <= 1.0))
        throw core::InputError(where + " element " + std::to_string(k) + " = " + core::py::float_repr(x) +
                               " is outside [0, 1]");
      values.push_back(x);
    }
    vectors.push_back(std::move(values));
  }
  return vectors;
}

NetworkSimulation simulate_network(const hw::NetworkDesign& design,
                                   const std::vector<std::vector<double>>& inputs) {
  const hw::NetworkSimulator simulator(design);
  const std::size_t count = design.layers.size();
  NetworkSimulation result;
  result.synapse_bit_ops = simulator.synapse_bit_ops();
  struct Sums {
    std::vector<double> num, exact_num;  // the accumulators, over neurons and vectors
    double out_error_sq = 0, out_error = 0;
    std::int64_t values = 0;
  };
  std::vector<Sums> sums(count);
  for (const auto& vector : inputs) {
    const auto x = hw::quantise_inputs(vector, design.input_bits());
    const auto sc = simulator.run(x);
    const auto exact = simulator.run_exact(x);
    for (std::size_t l = 0; l < count; ++l) {
      const hw::NetworkLayerDesign& layer = design.layers[l];
      Sums& s = sums[l];
      for (std::size_t j = 0; j < sc[l].num.size(); ++j) {
        s.num.push_back(static_cast<double>(sc[l].num[j]));
        s.exact_num.push_back(static_cast<double>(sc[l].exact_num[j]));
        const double out_error = decode_output(layer, sc[l].out[j]) - decode_output(layer, exact[l].out[j]);
        s.out_error_sq += out_error * out_error;
        s.out_error += out_error;
        ++s.values;
      }
    }
    const hw::NetworkLayerDesign& last = design.layers.back();
    result.inputs.push_back(x);
    result.raw.push_back(sc.back().out);
    std::vector<double> decoded, exact_decoded;
    for (std::size_t j = 0; j < sc.back().out.size(); ++j) {
      decoded.push_back(decode_output(last, sc.back().out[j]));
      exact_decoded.push_back(decode_output(last, exact.back().out[j]));
    }
    result.outputs.push_back(std::move(decoded));
    result.exact.push_back(std::move(exact_decoded));
  }
  for (std::size_t l = 0; l < count; ++l) {
    const hw::LayerDesign& d = design.layers[l].design;
    model::AccuracyQuery query = model::accuracy_query_of(d);
    query.hardware_inputs = true;
    query.bias_corrected = design.layers[l].plan.bias_correction;
    LayerAccuracy accuracy;
    accuracy.id = design.layers[l].id;
    accuracy.predicted_score = characterised_accuracy(query);
    const Sums& s = sums[l];
    const double n = static_cast<double>(std::max<std::int64_t>(1, s.values));
    if (!s.num.empty()) {
      const sim::ErrorStats e = sim::error_stats(s.num, s.exact_num);
      accuracy.measured_score = e.accuracy;
      accuracy.snr_db = e.snr_db;
      accuracy.noise_share = e.rmse > 0.0 ? (e.noise_rmse * e.noise_rmse) / (e.rmse * e.rmse) : 0.0;
    }
    accuracy.rmse = std::sqrt(s.out_error_sq / n);
    accuracy.bias = s.out_error / n;
    result.layers.push_back(accuracy);
  }
  return result;
}

nlohmann::json simulation_json(const NetworkSimulation& s) {
  nlohmann::json layers = nlohmann::json::array();
  for (const LayerAccuracy& a : s.layers)
    layers.push_back({{"id", a.id},
                      {"predicted_accuracy_score", a.predicted_score},
                      {"measured_accuracy_score", a.measured_score},
                      {"snr_db", a.snr_db},
                      {"noise_share", a.noise_share},
                      {"rmse", a.rmse},
                      {"bias", a.bias}});
  return {{"vectors", s.raw.size()}, {"raw", s.raw},
          {"outputs", s.outputs},    {"exact", s.exact},
          {"layers", layers},        {"synapse_bit_ops_per_inference", s.synapse_bit_ops}};
}

namespace {

nlohmann::json stats_json(const sim::ErrorStats& e) {
  return {{"rmse", e.rmse},           {"bias", e.bias},     {"noise_rmse", e.noise_rmse},
          {"exact_std", e.exact_std}, {"snr_db", e.snr_db}, {"accuracy_score", e.accuracy}};
}

void expect_rows(const nlohmann::json& rows, const std::string& source, std::size_t vectors) {
  if (!rows.is_array())
    throw core::InputError(source + ": expected a JSON list with one entry per input vector");
  if (rows.size() != vectors)
    throw core::InputError(source + ": " + std::to_string(rows.size()) + " entries, the inputs have " +
                           std::to_string(vectors) + " vectors");
}

std::size_t argmax(const std::vector<double>& values) {
  return static_cast<std::size_t>(std::max_element(values.begin(), values.end()) - values.begin());
}

}  // namespace

void add_accuracy_on_data(nlohmann::json& result, const NetworkSimulation& simulation,
                          const nlohmann::json* reference, const std::string& reference_source,
                          const nlohmann::json* labels, const std::string& labels_source) {
  const std::size_t vectors = simulation.outputs.size();
  const std::size_t width = vectors ? simulation.outputs.front().size() : 0;
  if (reference) {
    expect_rows(*reference, reference_source, vectors);
    std::vector<double> want, sc, exact;
    for (std::size_t v = 0; v < vectors; ++v) {
      const nlohmann::json& row = (*reference)[v];
      const std::string where = reference_source + ": vector " + std::to_string(v);
      if (!row.is_array() || row.size() != width)
        throw core::InputError(where + " must be a list of " + std::to_string(width) +
                               " numbers (the outputs)");
      for (std::size_t j = 0; j < width; ++j) {
        if (!row[j].is_number() || !std::isfinite(row[j].get<double>()))
          throw core::InputError(where + " element " + std::to_string(j) + " is not a finite number");
        want.push_back(row[j].get<double>());
        sc.push_back(simulation.outputs[v][j]);
        exact.push_back(simulation.exact[v][j]);
      }
    }
    if (!want.empty())
      result["end_to_end"] = {{"sc", stats_json(sim::error_stats(sc, want))},
                              {"exact", stats_json(sim::error_stats(exact, want))}};
  }
  if (labels) {
    expect_rows(*labels, labels_source, vectors);
    std::size_t sc_hits = 0, exact_hits = 0;
    for (std::size_t v = 0; v < vectors; ++v) {
      const nlohmann::json& label = (*labels)[v];
      if (!label.is_number_integer() || label.get<std::int64_t>() < 0 ||
          label.get<std::int64_t>() >= static_cast<std::int64_t>(width))
        throw core::InputError(labels_source + ": vector " + std::to_string(v) +
                               ": label must be a class index in [0, " + std::to_string(width) + ")");
      const auto want = static_cast<std::size_t>(label.get<std::int64_t>());
      sc_hits += argmax(simulation.outputs[v]) == want;
      exact_hits += argmax(simulation.exact[v]) == want;
    }
    const double n = static_cast<double>(std::max<std::size_t>(1, vectors));
    result["task_accuracy"] = {{"sc", static_cast<double>(sc_hits) / n},
                               {"exact", static_cast<double>(exact_hits) / n},
                               {"vectors", vectors}};
  }
}

std::string hex_inputs(const hw::NetworkDesign& design, const NetworkSimulation& simulation) {
  std::string text;
  for (const auto& x : simulation.inputs)
    text += hw::hex_line(std::vector<std::int64_t>(x.begin(), x.end()), design.input_bits()) + "\n";
  return text;
}

std::string hex_outputs(const hw::NetworkDesign& design, const NetworkSimulation& simulation) {
  std::string text;
  for (const auto& raw : simulation.raw) text += hw::hex_line(raw, design.output_bits()) + "\n";
  return text;
}

}  // namespace scn::pipeline
