#include "sc_neurocore/report/validation_section.hpp"

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/report/markup.hpp"

namespace scn::report {
namespace {

// A field of the validation object, with the path errors name.
class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  const nlohmann::json& object(const nlohmann::json& parent, const std::string& key,
                               const std::string& path) const {
    if (!parent.is_object() || !parent.contains(key) || !parent.at(key).is_object())
      throw core::InputError(source_ + ": " + path + "." + key + " must be an object");
    return parent.at(key);
  }

  double number(const nlohmann::json& parent, const std::string& key, const std::string& path) const {
    if (!parent.is_object() || !parent.contains(key) || !parent.at(key).is_number())
      throw core::InputError(source_ + ": " + path + "." + key + " must be a number");
    return parent.at(key).get<double>();
  }

  // A score to 4 decimals, or a dash when the measurement has no such entry (no labels, no reference).
  std::string score(const nlohmann::json& measured, const std::string& key, const std::string& field,
                    const std::string& path) const {
    if (!measured.contains(key)) return "&mdash;";
    if (field.empty()) return core::py::fixed(number(measured, key, path), 4);
    return core::py::fixed(number(object(measured, key, path), field, path + "." + key), 4);
  }

 private:
  std::string source_;
};

std::string cell(const std::string& html, bool numeric = true) {
  return numeric ? "<td class=\"num\">" + html + "</td>" : "<td>" + html + "</td>";
}

std::string plan_row(const Reader& r, const std::string& name, const nlohmann::json& plan,
                     const std::string& path) {
  const nlohmann::json& measured = r.object(plan, "measured", path);
  const std::string m = path + ".measured";
  const nlohmann::json& predicted = r.object(plan, "predicted", path);
  return "<tr>" + cell(escape_markup(name), false) +
         cell(core::py::thousands(static_cast<std::int64_t>(r.number(plan, "cells", path)))) +
         cell(core::py::fixed(r.number(predicted, "mean_accuracy", path + ".predicted"), 4)) +
         cell(r.score(measured, "sc_vs_exact", "accuracy_score", m)) +
         cell(measured.contains("end_to_end")
                  ? core::py::fixed(
                        r.number(r.object(r.object(measured, "end_to_end", m), "sc", m + ".end_to_end"),
                                 "accuracy_score", m + ".end_to_end.sc"),
                        4)
                  : "&mdash;") +
         cell(r.score(measured, "task_accuracy", "sc", m)) +
         cell(r.score(measured, "task_accuracy", "exact", m)) + "</tr>\n";
}

std::string plans_table(const Reader& r, const nlohmann::json& v) {
  std::string out =
      "<table class=\"validation-plans\">\n<thead><tr><th>Plan</th><th>Cells</th><th>Predicted signal "
      "score</th><th>Measured signal score (SC vs exact)</th><th>End-to-end score (vs "
      "reference)</th><th>Task "
      "accuracy (SC)</th><th>Task accuracy (exact network)</th></tr></thead>\n<tbody>\n";
  out += plan_row(r, "chosen", v.at("chosen"), "validation.chosen");
  if (v.contains("verified") && v.at("verified").is_array())
    for (std::size_t k = 0; k < v.at("verified").size(); ++k) {
      const nlohmann::json& plan = v.at("verified")[k];
      const bool chosen = plan.contains("is_chosen") && plan.at("is_chosen") == true;
      out += plan_row(r, "#" + std::to_string(k + 1) + (chosen ? " (chosen)" : ""), plan,
                      "validation.verified[" + std::to_string(k) + "]");
    }
  return out + "</tbody>\n</table>\n";
}

std::string layers_table(const Reader& r, const nlohmann::json& chosen) {
  const nlohmann::json& measured = r.object(chosen, "measured", "validation.chosen");
  if (!measured.contains("layers") || !measured.at("layers").is_array()) return "";
  std::string out =
      "<table class=\"validation-layers\">\n<thead><tr><th>Layer</th><th>Characterised signal score</th>"
      "<th>Measured signal score</th><th>SNR (dB)</th></tr></thead>\n<tbody>\n";
  for (std::size_t k = 0; k < measured.at("layers").size(); ++k) {
    const nlohmann::json& layer = measured.at("layers")[k];
    const std::string path = "validation.chosen.measured.layers[" + std::to_string(k) + "]";
    const std::string id = layer.contains("id") && layer.at("id").is_string()
                               ? layer.at("id").get<std::string>()
                               : std::to_string(k);
    out += "<tr>" + cell(escape_markup(id), false) +
           cell(core::py::fixed(r.number(layer, "predicted_accuracy_score", path), 4)) +
           cell(core::py::fixed(r.number(layer, "measured_accuracy_score", path), 4)) +
           cell(layer.contains("snr_db") ? core::py::fixed(r.number(layer, "snr_db", path), 1) : "&mdash;") +
           "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string text_field(const nlohmann::json& v, const char* key) {
  return v.contains(key) && v.at(key).is_string() ? v.at(key).get<std::string>() : std::string();
}

std::string data_sentence(const nlohmann::json& v) {
  std::string out = "<p class=\"sources\">The chosen plan";
  if (v.contains("verified")) out += " and the next-best plans of the frontier";
  out += ", built as <code>emit-network</code> builds them and simulated bit for bit on ";
  if (v.contains("vectors") && v.at("vectors").is_number_integer())
    out += core::py::thousands(v.at("vectors").get<std::int64_t>()) + " vectors of ";
  out += escape_markup(text_field(v, "inputs"));
  if (!text_field(v, "labels").empty()) out += ", labels " + escape_markup(text_field(v, "labels"));
  if (!text_field(v, "reference").empty())
    out += ", reference outputs " + escape_markup(text_field(v, "reference"));
  out += " (weights " + escape_markup(text_field(v, "weights")) + ", activation calibration " +
         escape_markup(text_field(v, "calibration")) + ").</p>\n";
  return out;
}

}  // namespace

std::optional<double> validated_task_accuracy(const nlohmann::json& plan) {
  if (!plan.contains("validation") || !plan.at("validation").is_object()) return std::nullopt;
  const nlohmann::json& chosen = plan.at("validation").value("chosen", nlohmann::json());
  if (!chosen.is_object() || !chosen.contains("measured")) return std::nullopt;
  const nlohmann::json& measured = chosen.at("measured");
  if (!measured.contains("task_accuracy") || !measured.at("task_accuracy").contains("sc"))
    return std::nullopt;
  const nlohmann::json& sc = measured.at("task_accuracy").at("sc");
  return sc.is_number() ? std::optional<double>(sc.get<double>()) : std::nullopt;
}

std::string validation_section(const nlohmann::json& plan, const std::string& source) {
  std::string out = "<section id=\"validation\">\n<h2>Validation on your data</h2>\n";
  if (!plan.contains("validation"))
    return out +
           "<p class=\"note\">Not validated: the accuracies above are signal scores (1 &minus; RMSE / std of "
           "each layer's outputs against exact arithmetic), not task accuracy. <code>sc-neurocore optimise "
           "... "
           "--validation X.json,L.json --out plan.json</code> simulates the plan on your input vectors and "
           "class labels (or the float network's outputs) and this section shows the "
           "result.</p>\n</section>\n";
  const nlohmann::json& v = plan.at("validation");
  if (!v.is_object()) throw core::InputError(source + ": validation must be an object");
  if (!v.contains("chosen") || v.at("chosen").is_null())
    return out + "<p class=\"note\">" + escape_markup(text_field(v, "note")) + "</p>\n</section>\n";
  const Reader reader(source);
  out += data_sentence(v) + plans_table(reader, v) + layers_table(reader, v.at("chosen"));
  return out +
         "<p class=\"note\">Signal score: 1 &minus; RMSE / std of the outputs against the exact network's "
         "(predicted by the planner's characterisation, measured here); end-to-end score: the same against "
         "the reference outputs; task accuracy: the share of vectors whose largest output is the label, for "
         "the SC design and for the same network in exact arithmetic.</p>\n</section>\n";
}

}  // namespace scn::report
