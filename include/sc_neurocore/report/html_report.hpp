// `sc-neurocore report`: one self-contained HTML page (inline CSS and SVG, no script, nothing fetched) that
// shows a plan, its Pareto frontier and, after `synth`, the predictions against the measurements, with
// where every number comes from. The same inputs give the same bytes.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "sc_neurocore/report/inputs.hpp"
#include "sc_neurocore/report/pareto_plot.hpp"

namespace scn::report {

struct ReportInputs {
  PlanView plan;
  std::optional<ParetoPlot> pareto;  // with the plan applied (budget, chosen point)
  std::string pareto_source;
  std::optional<BuildView> build;
};

// Reads and checks every input first (InputError / FileError naming the file and field).
ReportInputs load_report_inputs(const std::filesystem::path& plan,
                                const std::optional<std::filesystem::path>& pareto,
                                const std::optional<std::filesystem::path>& build);
// The same from JSON values already in memory (the Python binding's dicts); sources name them in errors.
ReportInputs report_inputs(const nlohmann::json& plan, const std::string& plan_source,
                           const nlohmann::json* pareto, const std::string& pareto_source,
                           const std::optional<std::filesystem::path>& build);

std::string render_report_html(const ReportInputs& inputs);

// Renders and writes `out` atomically (parent folders are created).
void write_report(const std::filesystem::path& out, const ReportInputs& inputs);

}  // namespace scn::report
