#include "sc_neurocore/report/inputs.hpp"

#include <algorithm>
#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/io/plan.hpp"

namespace scn::report {
namespace {

// Optional typed fields: absent or null is "not recorded"; any other type is an error naming the field.
std::optional<std::int64_t> optional_integer(const nlohmann::json& object, const char* key,
                                             const std::string& where) {
  if (!object.contains(key) || object.at(key).is_null()) return std::nullopt;
  const auto& value = object.at(key);
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    const double v = value.get<double>();
    if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 1e15) return static_cast<std::int64_t>(v);
  }
  throw core::InputError(where + " " + key + " must be an integer, got " + value.dump());
}

std::optional<double> optional_number(const nlohmann::json& object, const char* key,
                                      const std::string& where) {
  if (!object.contains(key) || object.at(key).is_null()) return std::nullopt;
  const auto& value = object.at(key);
  if (!value.is_number())
    throw core::InputError(where + " " + key + " must be a number, got " + value.dump());
  return value.get<double>();
}

std::string optional_string(const nlohmann::json& object, const char* key, const std::string& where) {
  if (!object.contains(key) || object.at(key).is_null()) return "";
  const auto& value = object.at(key);
  if (!value.is_string())
    throw core::InputError(where + " " + key + " must be a string, got " + value.dump());
  return value.get<std::string>();
}

std::optional<bool> optional_bool(const nlohmann::json& object, const char* key, const std::string& where) {
  if (!object.contains(key) || object.at(key).is_null()) return std::nullopt;
  const auto& value = object.at(key);
  if (!value.is_boolean())
    throw core::InputError(where + " " + key + " must be true or false, got " + value.dump());
  return value.get<bool>();
}

std::vector<std::string> string_list(const nlohmann::json& object, const char* key,
                                     const std::string& where) {
  std::vector<std::string> out;
  if (!object.contains(key) || object.at(key).is_null()) return out;
  const auto& value = object.at(key);
  if (!value.is_array())
    throw core::InputError(where + " " + key + " must be a list of strings, got " + value.dump());
  for (const auto& item : value) {
    if (!item.is_string())
      throw core::InputError(where + " " + key + " must be a list of strings, got " + item.dump());
    out.push_back(item.get<std::string>());
  }
  return out;
}

const nlohmann::json& required_object(const nlohmann::json& object, const char* key,
                                      const std::string& where) {
  if (!object.contains(key)) throw core::InputError(where + " missing \"" + key + "\"");
  if (!object.at(key).is_object()) throw core::InputError(where + " \"" + key + "\" must be a JSON object");
  return object.at(key);
}

// The plan's cost fields of one layer; the knobs come from io::plan_from_json.
void read_layer_costs(const nlohmann::json& item, const std::string& where, PlanLayerRow& row) {
  row.n_inputs = optional_integer(item, "n_inputs", where);
  row.n_neurons = optional_integer(item, "n_neurons", where);
  row.luts = optional_integer(item, "luts_used", where);
  row.latency_cycles = optional_integer(item, "latency_cycles", where);
  row.power_mw = optional_number(item, "power_used", where);
  row.accuracy = optional_number(item, "accuracy_score", where);
  row.utility = optional_number(item, "utility_score", where);
  row.fmax_mhz = optional_number(item, "fmax_mhz", where);
  row.shape = optional_string(item, "shape", where);
  row.costs = optional_string(item, "costs", where);
}

// The reference profile's costs are the published ridge surrogate's predictions (fitted on the plan's
// training_points); a default-profile layer whose point matched an observation says "costs": "measured".
Provenance layer_provenance(const std::string& profile, const PlanLayerRow& row) {
  if (profile == "reference") return Provenance::kLearned;
  return row.costs == "measured" ? Provenance::kLearned : Provenance::kModel;
}

}  // namespace

const char* provenance_name(Provenance provenance) {
  switch (provenance) {
    case Provenance::kModel:
      return "model";
    case Provenance::kLearned:
      return "learned";
    case Provenance::kMeasured:
      return "measured";
  }
  return "model";
}

nlohmann::json read_json_file(const std::filesystem::path& path) {
  return core::parse_json(core::read_utf8_text_file(path), path.string());
}

PlanView plan_view(const nlohmann::json& plan, const std::string& source) {
  if (!plan.is_object() || !plan.contains("layers") || !plan.at("layers").is_array())
    throw core::InputError(source + ": a plan must be a JSON object with a \"layers\" list");
  const std::string where = source + ":";
  PlanView view;
  view.source = source;
  view.json = plan;
  view.profile = optional_string(plan, "profile", where);
  view.target_name = optional_string(plan, "target_name", where);
  view.lut_unit = optional_string(plan, "lut_unit", where);
  if (view.lut_unit.empty()) view.lut_unit = "LUTs";
  view.rejected_layers = string_list(plan, "rejected_layers", where);
  view.warnings = string_list(plan, "warnings", where);
  view.feasible = optional_bool(plan, "feasible", where);
  view.total_luts = optional_integer(plan, "total_luts", where);
  view.total_latency_cycles = optional_integer(plan, "total_latency_cycles", where);
  view.training_points = optional_integer(plan, "training_points", where);
  view.total_power_mw = optional_number(plan, "total_power_mw", where);
  view.mean_accuracy = optional_number(plan, "mean_accuracy", where);
  view.logic_cell_budget = optional_integer(plan, "logic_cell_budget", where);
  view.device_logic_cells = optional_integer(plan, "device_logic_cells", where);
  view.max_utilisation = optional_number(plan, "max_utilisation", where);

  const nlohmann::json& items = plan.at("layers");
  if (items.empty()) return view;  // every layer rejected: the page still says why
  // The knobs are read by the plan reader emit-network and synth use, so the report accepts what they do.
  nlohmann::json knobs_only = plan;
  knobs_only.erase("rejected_layers");
  const std::vector<hw::PlannedLayer> knobs = io::plan_from_json(knobs_only, source);
  for (std::size_t i = 0; i < knobs.size(); ++i) {
    PlanLayerRow row;
    row.id = knobs[i].id;
    row.bitstream_length = knobs[i].bitstream_length;
    row.decorrelator = knobs[i].decorrelator;
    row.lfsr_polynomial = knobs[i].lfsr_polynomial;
    row.precision_bits = knobs[i].precision_bits;
    row.mode = knobs[i].mode;
    read_layer_costs(items[i], source + ": layer " + std::to_string(i) + " ('" + row.id + "'):", row);
    row.provenance = layer_provenance(view.profile, row);
    view.layers.push_back(std::move(row));
  }
  return view;
}

namespace {

// The quantities in the order a person compares them; any others follow alphabetically.
std::vector<ComparedQuantity> compared_quantities(const nlohmann::json& scope, const std::string& where) {
  static const std::vector<std::string> kOrder = {"logic_cells", "luts", "carry_cells",
                                                  "ffs",         "bram", "fmax_mhz"};
  std::vector<std::string> names;
  for (const auto& name : kOrder)
    if (scope.contains(name)) names.push_back(name);
  for (const auto& [name, value] : scope.items())
    if (std::find(kOrder.begin(), kOrder.end(), name) == kOrder.end()) names.push_back(name);
  std::vector<ComparedQuantity> out;
  for (const auto& name : names) {
    const auto& row = scope.at(name);
    const std::string at = where + " " + name;
    if (!row.is_object()) throw core::InputError(at + " must be a JSON object {\"predicted\", \"measured\"}");
    const auto predicted = optional_number(row, "predicted", at);
    const auto measured = optional_number(row, "measured", at);
    if (!predicted || !measured) throw core::InputError(at + " needs numbers \"predicted\" and \"measured\"");
    out.push_back({name, *predicted, *measured, optional_number(row, "relative_error", at)});
  }
  return out;
}

// evidence.json's provenance keys are "<scope>.<stage>": "top.synth", "layer0_encoder.pack", ...
bool report_belongs_to(const std::string& key, const std::string& scope) {
  const auto dot = key.rfind('.');
  const std::string owner = dot == std::string::npos ? key : key.substr(0, dot);
  if (scope == "design") return owner == "top";
  const std::string suffix = "_" + scope;
  return owner.size() > suffix.size() &&
         owner.compare(owner.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

// Which tools (and versions) read the reports of `scope`, and which report files those are.
void attach_measurement_sources(const nlohmann::json& evidence, const std::string& where,
                                ComparedScope& scope) {
  if (!evidence.contains("provenance")) return;
  const nlohmann::json& provenance = required_object(evidence, "provenance", where);
  for (const auto& [key, entry] : provenance.items()) {
    if (!entry.is_object() || !report_belongs_to(key, scope.name)) continue;
    const std::string at = where + " provenance." + key;
    const std::string tool = optional_string(entry, "tool", at);
    const std::string version = optional_string(entry, "tool_version", at);
    add_unique(scope.measured_by, version.empty() ? tool : tool + " (" + version + ")");
    add_unique(scope.reports, optional_string(entry, "file", at));
  }
}

}  // namespace

BuildView build_view(const nlohmann::json& comparison, const nlohmann::json& evidence,
                     const std::string& source) {
  const std::string cwhere = (std::filesystem::path(source) / "comparison.json").string() + ":";
  const std::string ewhere = (std::filesystem::path(source) / "evidence.json").string() + ":";
  if (!comparison.is_object()) throw core::InputError(cwhere + " must be a JSON object");
  if (!evidence.is_object()) throw core::InputError(ewhere + " must be a JSON object");
  BuildView view;
  view.source = source;
  view.unit = optional_string(comparison, "unit", cwhere);
  view.clock_mhz = optional_number(evidence, "clock_mhz", ewhere);
  if (evidence.contains("device") && evidence.at("device").is_object()) {
    const auto& device = evidence.at("device");
    view.device = optional_string(device, "part", ewhere + " device");
    if (view.device.empty()) view.device = optional_string(device, "key", ewhere + " device");
  } else {
    view.device = optional_string(comparison, "device", cwhere);
  }

  ComparedScope design{"design",
                       compared_quantities(required_object(comparison, "design", cwhere), cwhere + " design"),
                       {},
                       {}};
  attach_measurement_sources(evidence, ewhere, design);
  view.scopes.push_back(std::move(design));
  if (comparison.contains("layers")) {
    const nlohmann::json& layers = required_object(comparison, "layers", cwhere);
    std::vector<std::string> order = string_list(comparison, "layer_order", cwhere);
    for (const auto& [id, value] : layers.items())  // layers missing from layer_order follow, sorted
      if (std::find(order.begin(), order.end(), id) == order.end()) order.push_back(id);
    for (const auto& id : order) {
      if (!layers.contains(id))
        throw core::InputError(cwhere + " layer_order names '" + id + "', which \"layers\" lacks");
      const std::string at = cwhere + " layers." + id;
      if (!layers.at(id).is_object()) throw core::InputError(at + " must be a JSON object");
      ComparedScope scope{id, compared_quantities(layers.at(id), at), {}, {}};
      attach_measurement_sources(evidence, ewhere, scope);
      view.scopes.push_back(std::move(scope));
    }
  }

  if (evidence.contains("tools")) {
    for (const auto& [name, entry] : required_object(evidence, "tools", ewhere).items()) {
      if (!entry.is_object()) continue;
      const std::string at = ewhere + " tools." + name;
      const std::string version = optional_string(entry, "version", at);
      const std::string path = optional_string(entry, "path", at);
      view.tools.push_back(name + (version.empty() ? "" : ": " + version) +
                           (path.empty() ? "" : " (" + path + ")"));
    }
  }
  if (evidence.contains("observation_fields") && evidence.at("observation_fields").is_object()) {
    const auto& fields = evidence.at("observation_fields");
    view.measured_fields = string_list(fields, "measured", ewhere + " observation_fields");
    view.modelled_fields = string_list(fields, "modelled", ewhere + " observation_fields");
  }
  for (const auto& w : string_list(evidence, "warnings", ewhere)) view.warnings.push_back(w);
  for (const auto& w : string_list(comparison, "warnings", cwhere)) add_unique(view.warnings, w);
  return view;
}

BuildView load_build(const std::filesystem::path& build_dir) {
  const nlohmann::json comparison = read_json_file(build_dir / "comparison.json");
  const nlohmann::json evidence = read_json_file(build_dir / "evidence.json");
  return build_view(comparison, evidence, build_dir.string());
}

}  // namespace scn::report
