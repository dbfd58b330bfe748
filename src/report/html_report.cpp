#include "sc_neurocore/report/html_report.hpp"

#include <cmath>
#include <set>

#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/report/markup.hpp"
#include "sc_neurocore/report/validation_section.hpp"

namespace scn::report {
namespace {

// Inline, so the page needs nothing but itself; the palette matches the plot's.
constexpr const char* kStyle =
    R"(body{font-family:sans-serif;color:#222;margin:24px auto;max-width:1100px;padding:0 16px}
h1{font-size:22px;margin-bottom:4px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ccc;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;margin:8px 0 12px;font-size:13px}
th,td{border:1px solid #c8c8c8;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef2f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
tfoot td{font-weight:bold;background:#f7f7f7}
.prov{display:inline-block;padding:1px 6px;border-radius:8px;font-size:11px;color:#fff;white-space:nowrap}
.prov-model{background:#1f77b4}.prov-learned{background:#9467bd}.prov-measured{background:#2ca02c}.prov-simulated{background:#ff7f0e}
.sources,.note{color:#555;font-size:13px}.warning{color:#a33}
.feasible-yes{color:#2a7a2a;font-weight:bold}.feasible-no{color:#b22;font-weight:bold}
code{background:#f3f3f3;padding:0 3px}dl.legend dt{margin-top:8px}dl.legend dd{margin-left:20px}
)";

std::string e(const std::string& text) { return escape_markup(text); }

std::string integer(std::int64_t value) { return core::py::thousands(value); }

// A count stays an integer ("1,550"); anything else gets two decimals.
std::string amount(double value) {
  if (std::isfinite(value) && value == std::trunc(value) && std::fabs(value) < 1e15)
    return core::py::thousands(static_cast<std::int64_t>(value));
  return core::py::fixed(value, 2);
}

std::string badge(Provenance provenance) {
  const std::string name = provenance_name(provenance);
  return "<span class=\"prov prov-" + name + "\">" + name + "</span>";
}

std::string cell(const std::string& html, bool numeric = false) {
  return std::string(numeric ? "<td class=\"num\">" : "<td>") + html + "</td>";
}
std::string num_cell(const std::optional<std::int64_t>& v) { return cell(v ? integer(*v) : "&mdash;", true); }
std::string num_cell(const std::optional<double>& v, int decimals) {
  return cell(v ? core::py::fixed(*v, decimals) : "&mdash;", true);
}

std::string list_items(const std::vector<std::string>& items, const std::string& css_class = "") {
  std::string out = "<ul" + (css_class.empty() ? "" : " class=\"" + css_class + "\"") + ">\n";
  for (const auto& item : items) out += "<li>" + e(item) + "</li>\n";
  return out + "</ul>\n";
}

// A plan field shown as text: strings as they are, anything else as compact JSON.
std::string json_text(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string optional_json_text(const nlohmann::json& plan, const char* key) {
  return plan.contains(key) && !plan.at(key).is_null() ? json_text(plan.at(key)) : "";
}

// The totals share the provenance of the layers they add up ("model", or "model, learned").
std::string totals_provenance(const PlanView& plan) {
  std::set<Provenance> kinds;
  for (const auto& layer : plan.layers) kinds.insert(layer.provenance);
  std::string out;
  for (const auto kind : kinds) out += (out.empty() ? "" : " ") + badge(kind);
  return out;
}

struct SummaryRow {
  std::string label;
  std::string value_html;
  std::string provenance_html;
};

std::string cell_budget_html(const PlanView& plan) {
  if (!plan.logic_cell_budget)
    return "<span class=\"note\">not recorded in the plan (only default-profile plans record it)</span>";
  std::string html = integer(*plan.logic_cell_budget) + " " + e(plan.lut_unit);
  if (plan.max_utilisation && plan.device_logic_cells)
    html += " (" + core::py::percent(*plan.max_utilisation, 0) + " of the device's " +
            integer(*plan.device_logic_cells) + ")";
  return html;
}

std::vector<SummaryRow> summary_rows(const PlanView& plan) {
  std::vector<SummaryRow> rows;
  const nlohmann::json& j = plan.json;
  const auto add = [&](const std::string& label, const std::string& html, const std::string& prov = "") {
    rows.push_back({label, html, prov});
  };
  if (!plan.target_name.empty()) add("Target", e(plan.target_name));
  if (!plan.profile.empty()) add("Profile", e(plan.profile));
  if (const std::string device = optional_json_text(j, "device"); !device.empty()) add("Device", e(device));
  if (plan.feasible)
    add("Feasible",
        *plan.feasible ? "<span class=\"feasible-yes\">yes</span>" : "<span class=\"feasible-no\">no</span>");
  add("Cell budget", cell_budget_html(plan));
  const std::string totals = totals_provenance(plan);
  if (plan.total_luts) {
    std::string html = integer(*plan.total_luts) + " " + e(plan.lut_unit);
    if (plan.logic_cell_budget && *plan.logic_cell_budget > 0)
      html += " (" + core::py::percent(static_cast<double>(*plan.total_luts) / *plan.logic_cell_budget, 1) +
              " of the budget)";
    add("Total " + plan.lut_unit, html, totals);
  }
  if (plan.total_power_mw) {
    std::string html = core::py::fixed(*plan.total_power_mw, 3) + " mW";
    if (j.contains("fixed_power_mw") && j.at("fixed_power_mw").is_number())
      html += " (includes " + core::py::fixed(j.at("fixed_power_mw").get<double>(), 3) +
              " mW static and clock tree)";
    add("Total power", html, totals);
  }
  if (plan.total_latency_cycles)
    add("Latency",
        integer(*plan.total_latency_cycles) + " cycles" +
            (j.contains("latency_convention") ? " (" + e(optional_json_text(j, "latency_convention")) + ")"
                                              : ""),
        totals);
  if (plan.mean_accuracy)
    add("Mean signal score",
        core::py::fixed(*plan.mean_accuracy, 4) +
            " (1 &minus; RMSE / std of the layer outputs against exact arithmetic, weighted: critical layers "
            "count twice; not task accuracy)",
        totals);
  if (const std::optional<double> task = validated_task_accuracy(j))
    add("Task accuracy", core::py::fixed(*task, 4) + " on the validation data (argmax = label; see below)",
        "<span class=\"prov prov-simulated\">simulated</span>");
  if (j.contains("clock_mhz") && j.at("clock_mhz").is_number())
    add("Clock",
        core::py::fixed(j.at("clock_mhz").get<double>(), 1) + " MHz" +
            (j.contains("clock_basis") ? " &mdash; " + e(optional_json_text(j, "clock_basis")) : ""));
  if (j.contains("fmax_mhz") && j.at("fmax_mhz").is_number())
    add("Predicted fmax", core::py::fixed(j.at("fmax_mhz").get<double>(), 1) + " MHz (slowest layer)",
        badge(Provenance::kModel));
  if (j.contains("power_basis"))
    add("Power basis",
        e(optional_json_text(j, "power_basis")) +
            (j.contains("power_uncertainty_factor") && j.at("power_uncertainty_factor").is_number()
                 ? " (within &times;" + core::py::fixed(j.at("power_uncertainty_factor").get<double>(), 2) +
                       ")"
                 : ""));
  if (plan.training_points)
    add("Training points",
        integer(*plan.training_points) +
            (plan.profile == "reference"
                 ? " (the ridge surrogate's: the analytical grid plus 4 copies of each observation)"
                 : " (observations that matched a candidate and replaced the model there)"),
        *plan.training_points > 0 ? badge(Provenance::kLearned) : "");
  if (j.contains("search") && j.at("search").is_object()) {
    std::string html;
    for (const auto& [key, value] : j.at("search").items())
      html += (html.empty() ? "" : "; ") + e(key) + " " + e(json_text(value));
    add("Search", html);
  }
  return rows;
}

std::string summary_section(const PlanView& plan) {
  std::string out = "<section id=\"plan-summary\">\n<h2>Plan</h2>\n<table class=\"plan-summary\">\n<tbody>\n";
  for (const auto& row : summary_rows(plan))
    out += "<tr><th>" + e(row.label) + "</th><td>" + row.value_html + "</td><td>" + row.provenance_html +
           "</td></tr>\n";
  out += "</tbody>\n</table>\n";
  if (!plan.rejected_layers.empty())
    out += "<p class=\"warning\">Rejected layers (no configuration fits the remaining budget):</p>\n" +
           list_items(plan.rejected_layers, "rejected-layers");
  if (!plan.warnings.empty())
    out += "<p class=\"warning\">Warnings:</p>\n" + list_items(plan.warnings, "warnings");
  return out + "</section>\n";
}

std::string generator_text(const PlanLayerRow& layer) {
  if (layer.lfsr_polynomial.empty() || layer.lfsr_polynomial == "none") return layer.decorrelator;
  return layer.decorrelator + " (" + layer.lfsr_polynomial + ")";
}

std::string layers_section(const PlanView& plan) {
  std::string out = "<section id=\"plan-layers\">\n<h2>Layers</h2>\n";
  if (plan.layers.empty()) return out + "<p class=\"note\">The plan has no planned layer.</p>\n</section>\n";
  out +=
      "<table class=\"plan-layers\">\n<thead><tr><th>Layer</th><th>Shape</th><th>Bitstream length</th>"
      "<th>Generator / decorrelator</th><th>Precision (bits)</th><th>Mode</th><th>" +
      e(plan.lut_unit) +
      "</th><th>Power (mW)</th><th>Latency (cycles)</th><th>Accuracy</th><th>fmax (MHz)</th><th>Utility</th>"
      "<th>Costs from</th></tr></thead>\n<tbody>\n";
  for (const auto& l : plan.layers) {
    std::string shape = "&mdash;";
    if (l.n_inputs && l.n_neurons)
      shape = integer(*l.n_inputs) + "&times;" + integer(*l.n_neurons) +
              (l.shape.empty() ? "" : " (" + e(l.shape) + ")");
    out += "<tr>" + cell(e(l.id)) + cell(shape) + cell(integer(l.bitstream_length), true) +
           cell(e(generator_text(l))) + cell(integer(l.precision_bits), true) + cell(e(l.mode)) +
           num_cell(l.luts) + num_cell(l.power_mw, 3) + num_cell(l.latency_cycles) + num_cell(l.accuracy, 4) +
           num_cell(l.fmax_mhz, 1) + num_cell(l.utility, 4) + cell(badge(l.provenance)) + "</tr>\n";
  }
  out += "</tbody>\n<tfoot><tr><td>Total</td><td></td><td></td><td></td><td></td><td></td>" +
         num_cell(plan.total_luts) + num_cell(plan.total_power_mw, 3) + num_cell(plan.total_latency_cycles) +
         num_cell(plan.mean_accuracy, 4) + cell("") + cell("") + cell(totals_provenance(plan)) +
         "</tr></tfoot>\n";
  return out +
         "</table>\n<p class=\"note\">Total power includes the design's static and clock-tree power; the "
         "accuracy total is the weighted mean.</p>\n</section>\n";
}

std::string pareto_section(const ReportInputs& inputs) {
  std::string out = "<section id=\"pareto\">\n<h2>Pareto frontier</h2>\n";
  if (!inputs.pareto)
    return out +
           "<p class=\"note\">No Pareto frontier given. Write one with <code>sc-neurocore optimise ... "
           "--pareto "
           "pareto.json</code> and pass <code>--pareto pareto.json</code> to <code>sc-neurocore "
           "report</code>."
           "</p>\n</section>\n";
  out += "<p class=\"sources\">From " + e(inputs.pareto_source) +
         ": every plan no other plan beats on all of cells, power and accuracy (power is not drawn, so some "
         "points "
         "lie below others). Costs from the calibrated model.</p>\n";
  return out + pareto_svg_element(*inputs.pareto) + "\n</section>\n";
}

std::string quantity_label(const std::string& quantity, const std::string& unit) {
  if (quantity == "logic_cells") return "Logic cells" + (unit.empty() ? "" : " (" + unit + ")");
  if (quantity == "luts") return "LUTs";
  if (quantity == "carry_cells") return "Carry cells";
  if (quantity == "ffs") return "Flip-flops";
  if (quantity == "bram") return "Block RAM";
  if (quantity == "fmax_mhz") return "fmax (MHz)";
  return quantity;
}

std::string scope_table(const ComparedScope& scope, const std::string& unit) {
  std::string out =
      "<h3>" + (scope.name == "design" ? std::string("Whole design") : "Layer " + e(scope.name)) +
      "</h3>\n<table class=\"comparison\" data-scope=\"" + e(scope.name) +
      "\">\n<thead><tr><th>Quantity</th><th>Predicted " + badge(Provenance::kModel) + "</th><th>Measured " +
      badge(Provenance::kMeasured) + "</th><th>Error %</th></tr></thead>\n<tbody>\n";
  for (const auto& q : scope.quantities) {
    const std::string error =
        q.relative_error ? core::py::fixed(*q.relative_error * 100.0, 1) + " %" : "&mdash;";
    out += "<tr>" + cell(e(quantity_label(q.quantity, unit))) + cell(amount(q.predicted), true) +
           cell(amount(q.measured), true) + cell(error, true) + "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  if (!scope.measured_by.empty()) {
    const std::string tools = core::join(scope.measured_by, ", ", e);
    const std::string reports = core::join(scope.reports, ", ", e);
    out += "<p class=\"sources\">Measured by " + tools + (reports.empty() ? "" : "; reports " + reports) +
           ".</p>\n";
  }
  return out;
}

std::string build_section(const ReportInputs& inputs) {
  std::string out = "<section id=\"build\">\n<h2>Predicted vs measured</h2>\n";
  if (!inputs.build)
    return out +
           "<p class=\"note\">No build given. Build the plan with <code>sc-neurocore synth --network ... "
           "--plan "
           "plan.json --out BUILD</code> and pass <code>--build BUILD</code> to <code>sc-neurocore "
           "report</code>."
           "</p>\n</section>\n";
  const BuildView& b = *inputs.build;
  out += "<p class=\"sources\">From " + e(b.source) + " (comparison.json, evidence.json)";
  if (!b.device.empty()) out += ", device " + e(b.device);
  if (b.clock_mhz) out += ", clock " + core::py::fixed(*b.clock_mhz, 1) + " MHz";
  out += ". Error = (predicted &minus; measured) / measured.</p>\n";
  for (const auto& scope : b.scopes) out += scope_table(scope, b.unit);
  if (!b.tools.empty()) out += "<p>Tools the build recorded:</p>\n" + list_items(b.tools, "tools");
  if (!b.measured_fields.empty() || !b.modelled_fields.empty()) {
    const std::string measured = core::join(b.measured_fields, ", ", e);
    const std::string modelled = core::join(b.modelled_fields, ", ", e);
    out +=
        "<p class=\"note\">The build's observations (what <code>feedback --build</code> learns from): "
        "measured " +
        (measured.empty() ? std::string("nothing") : measured) + "; from the model " +
        (modelled.empty() ? std::string("nothing") : modelled) + ".</p>\n";
  }
  if (!b.warnings.empty())
    out += "<p class=\"warning\">Build warnings:</p>\n" + list_items(b.warnings, "warnings");
  return out + "</section>\n";
}

std::string provenance_section(const ReportInputs& inputs) {
  std::string tools = "the tools the build's evidence.json records";
  if (inputs.build && !inputs.build->tools.empty()) {
    tools.clear();
    for (const auto& t : inputs.build->tools) tools += (tools.empty() ? "" : "; ") + e(t);
  }
  std::string out =
      "<section id=\"provenance\">\n<h2>Where the numbers come from</h2>\n<dl class=\"legend\">\n";
  out +=
      "<dt>" + badge(Provenance::kModel) +
      "</dt><dd>Predicted by the calibrated cost model (synthesis-calibrated cells and fmax, activity-based "
      "power, the accuracy model) for the planned configuration.</dd>\n";
  out += "<dt>" + badge(Provenance::kLearned) +
         "</dt><dd>Learned from observations: a default-profile layer whose configuration matched a measured "
         "observation (<code>optimise --evidence</code>, <code>feedback --build</code>; the plan says "
         "<code>\"costs\": \"measured\"</code> and counts them in <code>training_points</code>), or the "
         "reference "
         "profile's ridge surrogate fitted on <code>training_points</code> points.</dd>\n";
  out += "<dt>" + badge(Provenance::kMeasured) + "</dt><dd>Read from the build's tool reports by " + tools +
         ".</dd>\n";
  out += "<dt>(none)</dt><dd>A setting or an input (budget, clock, knobs), not an estimate.</dd>\n</dl>\n";
  return out + "</section>\n";
}

}  // namespace

ReportInputs report_inputs(const nlohmann::json& plan, const std::string& plan_source,
                           const nlohmann::json* pareto, const std::string& pareto_source,
                           const std::optional<std::filesystem::path>& build) {
  ReportInputs inputs{plan_view(plan, plan_source), std::nullopt, pareto_source, std::nullopt};
  if (pareto) inputs.pareto = pareto_plot(*pareto, pareto_source, &plan, plan_source);
  if (build) inputs.build = load_build(*build);
  return inputs;
}

ReportInputs load_report_inputs(const std::filesystem::path& plan,
                                const std::optional<std::filesystem::path>& pareto,
                                const std::optional<std::filesystem::path>& build) {
  const nlohmann::json plan_json = read_json_file(plan);
  if (!pareto) return report_inputs(plan_json, plan.string(), nullptr, "", build);
  const nlohmann::json pareto_json = read_json_file(*pareto);
  return report_inputs(plan_json, plan.string(), &pareto_json, pareto->string(), build);
}

std::string render_report_html(const ReportInputs& inputs) {
  const PlanView& plan = inputs.plan;
  const std::string title =
      "sc-neurocore plan report" + (plan.target_name.empty() ? std::string() : ": " + plan.target_name);
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                    e(title) + "</title>\n<style>\n" + kStyle + "</style>\n</head>\n<body>\n<h1>" + e(title) +
                    "</h1>\n";
  out += "<p class=\"sources\">Plan " + e(plan.source);
  if (inputs.pareto) out += "; Pareto frontier " + e(inputs.pareto_source);
  if (inputs.build) out += "; build " + e(inputs.build->source);
  out += ".</p>\n";
  out += summary_section(plan) + layers_section(plan) + validation_section(plan.json, plan.source) +
         pareto_section(inputs) + build_section(inputs) + provenance_section(inputs);
  out += std::string("<footer class=\"note\">Written by sc-neurocore ") + SCN_VERSION + " report.</footer>\n";
  return out + "</body>\n</html>\n";
}

void write_report(const std::filesystem::path& out, const ReportInputs& inputs) {
  core::write_file_atomically(out, render_report_html(inputs), true);
}

}  // namespace scn::report
