#include "sc_neurocore/io/plan.hpp"

#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/json_io.hpp"

namespace scn::io {
namespace {

std::int64_t integer_field(const nlohmann::json& layer, const char* key, const std::string& where) {
  if (!layer.contains(key)) throw core::InputError(where + " missing " + key);
  const auto& value = layer.at(key);
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    const double v = value.get<double>();
    if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 1e15) return static_cast<std::int64_t>(v);
  }
  throw core::InputError(where + " " + key + " must be an integer, got " + value.dump());
}

std::string string_field(const nlohmann::json& layer, const char* key, const std::string& where,
                         const char* fallback = nullptr) {
  if (!layer.contains(key)) {
    if (fallback) return fallback;
    throw core::InputError(where + " missing " + key);
  }
  const auto& value = layer.at(key);
  if (!value.is_string())
    throw core::InputError(where + " " + key + " must be a string, got " + value.dump());
  return value.get<std::string>();
}

// "fold": {"neuron_lanes": PE, "input_lanes": SIMD (default 1), "weight_memory": "block_ram" (default),
// "logic" or "spram", "input_memory": false (default) or true}; the lanes' range is checked against the
// layer's shape when the network is built.
hw::Fold fold_field(const nlohmann::json& fold, const std::string& where) {
  const std::string at = where + " fold:";
  if (!fold.is_object()) throw core::InputError(at + " must be a JSON object, got " + fold.dump());
  for (const auto& [key, value] : fold.items())
    if (key != "neuron_lanes" && key != "input_lanes" && key != "weight_memory" && key != "input_memory")
      throw core::InputError(at + " unknown field '" + key +
                             "' (neuron_lanes, input_lanes, weight_memory, input_memory)");
  hw::Fold f;
  const auto lanes = [&](const char* key, std::int64_t fallback) {
    const std::int64_t v = fold.contains(key) || fallback < 0 ? integer_field(fold, key, at) : fallback;
    if (v < 1 || v > (1 << 20))
      throw core::InputError(at + " " + key + " must be at least 1, got " + std::to_string(v));
    return static_cast<int>(v);
  };
  f.neuron_lanes = lanes("neuron_lanes", -1);
  f.input_lanes = lanes("input_lanes", 1);
  f.memory = hw::weight_memory_of_name(string_field(fold, "weight_memory", at, "block_ram"), at);
  if (fold.contains("input_memory")) {
    if (!fold.at("input_memory").is_boolean())
      throw core::InputError(at + " input_memory must be true or false, got " +
                             fold.at("input_memory").dump());
    f.input_memory = fold.at("input_memory").get<bool>();
  }
  return f;
}

}  // namespace

std::vector<hw::PlannedLayer> plan_from_json(const nlohmann::json& plan, const std::string& source) {
  if (!plan.is_object() || !plan.contains("layers") || !plan.at("layers").is_array())
    throw core::InputError(source + ": a plan must be a JSON object with a \"layers\" list");
  if (plan.contains("rejected_layers") && plan.at("rejected_layers").is_array() &&
      !plan.at("rejected_layers").empty())
    throw core::InputError(source + ": the plan rejected layer " + plan.at("rejected_layers").front().dump() +
                           " (no configuration fits the budget), so there is nothing to build");
  std::vector<hw::PlannedLayer> layers;
  const auto& items = plan.at("layers");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    std::string where = source + ": layer " + std::to_string(i);
    if (!item.is_object()) throw core::InputError(where + " must be a JSON object");
    hw::PlannedLayer layer;
    layer.id = string_field(item, "id", where);
    if (layer.id.empty()) throw core::InputError(where + " id must be a non-empty string");
    where += " ('" + layer.id + "')";
    layer.bitstream_length = integer_field(item, "bitstream_length", where);
    layer.decorrelator = string_field(item, "decorrelator", where);
    layer.lfsr_polynomial = string_field(item, "lfsr_polynomial", where, "none");
    layer.precision_bits = integer_field(item, "precision_bits", where);
    layer.mode = string_field(item, "mode", where);
    if (item.contains("weight_bits"))
      layer.weight_bits = static_cast<int>(integer_field(item, "weight_bits", where));
    if (item.contains("activation_shift"))
      layer.activation_shift = static_cast<int>(integer_field(item, "activation_shift", where));
    if (item.contains("bias_correction")) {
      if (!item.at("bias_correction").is_boolean())
        throw core::InputError(where + " bias_correction must be true or false, got " +
                               item.at("bias_correction").dump());
      layer.bias_correction = item.at("bias_correction").get<bool>();
    }
    if (item.contains("fold") && !item.at("fold").is_null()) layer.fold = fold_field(item.at("fold"), where);
    layers.push_back(std::move(layer));
  }
  if (layers.empty()) throw core::InputError(source + ": the plan has no layers");
  return layers;
}

std::vector<hw::PlannedLayer> load_plan(const std::filesystem::path& path) {
  const std::string source = path.string();
  return plan_from_json(core::parse_json(core::read_utf8_text_file(path), source), source);
}

namespace {

std::string decorrelator_of_generator(const std::string& generator) {
  if (generator == "none") return "None";
  if (generator == "lfsr") return "LFSR";
  if (generator == "sobol") return "Sobol";
  if (generator == "halton") return "Halton";
  if (generator == "scc") return "SCC_Decorrelator";
  return generator;
}

std::string mode_of_text(const std::string& mode) {
  if (mode == "sc") return "SC";
  if (mode == "hybrid") return "Hybrid";
  if (mode == "deterministic") return "Deterministic";
  return mode;
}

}  // namespace

nlohmann::json fit_plan_json(const compress::OptimizationResult& result,
                             const std::vector<model::LayerSize>& sizes, const model::LayerKnobs& knobs) {
  nlohmann::json layers = nlohmann::json::array();
  const bool lfsr_based = knobs.generator == "none" || knobs.generator == "lfsr" || knobs.generator == "scc";
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    nlohmann::json layer = {{"id", "layer_" + std::to_string(i)},
                            {"bitstream_length", result.final_bitstream_length},
                            {"decorrelator", decorrelator_of_generator(knobs.generator)},
                            {"lfsr_polynomial", lfsr_based ? knobs.polynomial : "none"},
                            {"precision_bits", knobs.precision},
                            {"mode", mode_of_text(knobs.mode)}};
    if (result.final_weight_bits > 0 && result.final_weight_bits < knobs.precision)
      layer["weight_bits"] = result.final_weight_bits;
    if (i < result.final_folds.size() && result.final_folds[i].folded())
      layer["fold"] = fold_json(result.final_folds[i]);
    layers.push_back(std::move(layer));
  }
  return {{"source", "fit"},
          {"profile", result.profile},
          {"target_name", result.target},
          {"feasible", result.fits},
          {"total_luts", result.final_luts},
          {"lut_unit", result.final_estimate.lut_unit},
          {"final_sparsity", result.final_sparsity},
          {"layers", layers}};
}

nlohmann::json fit_network_json(const std::vector<model::LayerSize>& sizes) {
  nlohmann::json layers = nlohmann::json::array();
  for (std::size_t i = 0; i < sizes.size(); ++i)
    layers.push_back({{"id", "layer_" + std::to_string(i)},
                      {"mac_count", sizes[i].n_inputs * sizes[i].n_neurons},
                      {"n_inputs", sizes[i].n_inputs},
                      {"n_neurons", sizes[i].n_neurons}});
  return {{"layers", layers}};
}

nlohmann::json fold_json(const hw::Fold& fold) {
  nlohmann::json json = {{"neuron_lanes", fold.neuron_lanes},
                         {"input_lanes", fold.input_lanes},
                         {"weight_memory", hw::weight_memory_name(fold.memory)}};
  if (fold.input_memory) json["input_memory"] = true;
  return json;
}

hw::Fold fold_of_config(const core::SurrogateLayerConfig& c) {
  if (c.neuron_lanes <= 0) return {};
  return {static_cast<int>(c.neuron_lanes), static_cast<int>(c.input_lanes),
          hw::weight_memory_of_name(c.weight_memory, "plan"), c.input_memory};
}

}  // namespace scn::io
