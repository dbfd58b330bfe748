// The plan report and the Pareto SVG, on real plans, frontiers and a real build written by the CLI
// (tests/report/data/README.md says how each was made).
#include <gtest/gtest.h>

#include <string>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/report/html_report.hpp"
#include "sc_neurocore/report/markup.hpp"
#include "sc_neurocore/report/pareto_plot.hpp"
#include "test_util.hpp"

namespace scn::report {
namespace {
namespace fs = std::filesystem;

const fs::path kData = SCN_REPORT_DATA_DIR;

int count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

// The text between the first `from` (at or after `after`) and the next `to`.
std::string between(const std::string& text, const std::string& from, const std::string& to,
                    const std::string& after = "") {
  const auto start = text.find(from, after.empty() ? 0 : text.find(after));
  if (start == std::string::npos) return "";
  const auto end = text.find(to, start + from.size());
  return text.substr(start + from.size(), end - start - from.size());
}

// The value of attribute `name` in the first element that has `marker` (e.g. class="budget-line").
std::string attribute_of(const std::string& svg, const std::string& marker, const std::string& name) {
  const auto at = svg.find(marker);
  if (at == std::string::npos) return "";
  const auto element_start = svg.rfind('<', at);
  const auto element_end = svg.find('>', at);
  const std::string element = svg.substr(element_start, element_end - element_start);
  return between(element, " " + name + "=\"", "\"");
}

ParetoPlot escape_plot(nlohmann::json* plan_out = nullptr) {
  const nlohmann::json plan = read_json_file(kData / "escape_plan.json");
  if (plan_out) *plan_out = plan;
  return pareto_plot(read_json_file(kData / "escape_pareto.json"), "escape_pareto.json", &plan);
}

TEST(ParetoSvg, HasOneCirclePerFrontierPoint) {
  const ParetoPlot plot = escape_plot();
  ASSERT_EQ(plot.points.size(), 78u);
  const std::string svg = pareto_svg_element(plot);
  // The frame is the budget's region: 72 plans within 2 x the budget of 6,528 are drawn, 6 of them over the
  // budget ("within_budget": false); the other 6 (up to 24,554 cells) are counted in the note.
  EXPECT_EQ(plot_frame(plot).x_clip, 13056.0);
  EXPECT_EQ(count(svg, "<circle class=\"frontier-point"), 72);
  EXPECT_EQ(count(svg, "<circle class=\"frontier-point over-budget\""), 6);
  EXPECT_NE(
      svg.find("6 plans above 2 x the budget (up to 24,582 ICESTORM_LC) are off the plot to the right."),
      std::string::npos);
  EXPECT_EQ(count(svg, "class=\"chosen-plan\""), 1);
  EXPECT_EQ(count(svg, "class=\"budget-line\""), 1);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
}

TEST(ParetoSvg, ChosenPlanSitsAtThePlanTotalsThroughTheAxisMapping) {
  nlohmann::json plan;
  const ParetoPlot plot = escape_plot(&plan);
  const PlotFrame frame = plot_frame(plot);
  const double cells = plan["total_luts"].get<double>();
  const double accuracy = plan["mean_accuracy"].get<double>();
  ASSERT_TRUE(plot.chosen);
  EXPECT_EQ(plot.chosen->cells, cells);
  EXPECT_EQ(plot.chosen->accuracy, accuracy);
  const std::string svg = pareto_svg_element(plot);
  // The diamond's top vertex is 9 units above the point.
  EXPECT_EQ(
      attribute_of(svg, "class=\"chosen-plan\"", "d")
          .rfind("M " + svg_number(frame.x_of(cells)) + " " + svg_number(frame.y_of(accuracy) - 9) + " ", 0),
      0u);
  EXPECT_EQ(attribute_of(svg, "class=\"chosen-plan\"", "data-cells"), core::py::float_repr(cells));
  EXPECT_NE(svg.find("chosen plan: " + core::py::thousands(plan["total_luts"].get<std::int64_t>()) +
                     " ICESTORM_LC"),
            std::string::npos);
  // The mapping itself: the ends of the axes are the frame's edges, accuracy grows upwards.
  EXPECT_DOUBLE_EQ(frame.x_of(frame.x.min), frame.left);
  EXPECT_DOUBLE_EQ(frame.x_of(frame.x.max), frame.left + frame.width);
  EXPECT_DOUBLE_EQ(frame.y_of(frame.y.max), frame.top);
  EXPECT_DOUBLE_EQ(frame.y_of(frame.y.min), frame.top + frame.height);
}

TEST(ParetoSvg, BudgetLineIsAtTheBudget) {
  nlohmann::json plan;
  const ParetoPlot plot = escape_plot(&plan);
  const PlotFrame frame = plot_frame(plot);
  const double budget = plan["logic_cell_budget"].get<double>();
  ASSERT_EQ(plot.budget, budget);
  const std::string svg = pareto_svg_element(plot);
  EXPECT_EQ(attribute_of(svg, "class=\"budget-line\"", "x1"), svg_number(frame.x_of(budget)));
  EXPECT_EQ(attribute_of(svg, "class=\"budget-line\"", "x2"), svg_number(frame.x_of(budget)));
  EXPECT_EQ(attribute_of(svg, "class=\"budget-line\"", "data-cells"), "6528.0");
  EXPECT_NE(svg.find("budget 6,528 ICESTORM_LC"), std::string::npos);
}

TEST(ParetoSvg, EveryPointIsPlacedByItsCellsAndAccuracy) {
  const ParetoPlot plot = escape_plot();
  const PlotFrame frame = plot_frame(plot);
  const std::string svg = pareto_svg_element(plot);
  const std::string first = between(svg, "<circle class=\"frontier-point", "/>");
  EXPECT_NE(first.find("cx=\"" + svg_number(frame.x_of(plot.points[0].cells)) + "\""), std::string::npos)
      << first;
  EXPECT_NE(first.find("cy=\"" + svg_number(frame.y_of(plot.points[0].accuracy)) + "\""), std::string::npos);
  // The budget's region fills most of the width (the in-budget plans are not squeezed into a corner).
  EXPECT_GT(frame.x_of(6528.0) - frame.left, 0.4 * frame.width);
  for (const auto& p : plot.points) {
    if (!frame.drawn(p)) continue;
    EXPECT_GE(frame.x_of(p.cells), frame.left);
    EXPECT_LE(frame.x_of(p.cells), frame.left + frame.width);
    EXPECT_GE(frame.y_of(p.accuracy), frame.top);
    EXPECT_LE(frame.y_of(p.accuracy), frame.top + frame.height);
  }
}

TEST(ParetoSvg, AxesHaveNumberedTicksAndTheUnit) {
  const ParetoPlot plot = escape_plot();
  const PlotFrame frame = plot_frame(plot);
  const std::string svg = pareto_svg_element(plot);
  ASSERT_GE(frame.x.ticks.size(), 3u);
  ASSERT_GE(frame.y.ticks.size(), 3u);
  EXPECT_EQ(count(between(svg, "<g class=\"x-ticks\"", "</g>"), "<text class=\"tick\""),
            static_cast<int>(frame.x.ticks.size()));
  EXPECT_EQ(count(between(svg, "<g class=\"y-ticks\"", "</g>"), "<text class=\"tick\""),
            static_cast<int>(frame.y.ticks.size()));
  EXPECT_NE(svg.find("Total ICESTORM_LC (whole network"), std::string::npos);
  EXPECT_NE(svg.find(">Weighted mean signal score</text>"), std::string::npos);
}

TEST(ParetoSvg, NiceAxes) {
  const Axis linear = nice_axis(0.0, 100.0, 6);
  EXPECT_EQ(linear.step, 20.0);
  EXPECT_EQ(linear.ticks, (std::vector<double>{0, 20, 40, 60, 80, 100}));
  EXPECT_EQ(linear.decimals, 0);
  const Axis accuracy = nice_axis(0.87, 0.99, 6);
  EXPECT_DOUBLE_EQ(accuracy.step, 0.025);
  EXPECT_EQ(accuracy.decimals, 3);
  EXPECT_LE(accuracy.min, 0.87);
  EXPECT_GE(accuracy.max, 0.99);
  const Axis single = nice_axis(5.0, 5.0, 6);  // one point: a window around it
  EXPECT_LT(single.min, 5.0);
  EXPECT_GT(single.max, 5.0);
  const Axis cells = log_axis(1600.0, 64000.0);
  EXPECT_TRUE(cells.log);
  EXPECT_EQ(cells.ticks, (std::vector<double>{2000, 5000, 10000, 20000, 50000}));
}

TEST(ParetoSvg, DocumentIsStandaloneSvg) {
  const std::string doc = pareto_svg_document(escape_plot());
  EXPECT_EQ(doc.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"", 0), 0u);
  EXPECT_NE(doc.find("xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
  EXPECT_EQ(doc.substr(doc.size() - 7), "</svg>\n");
}

TEST(ParetoSvg, ReferencePlanIsNotPlacedOnTheDefaultProfileFrontier) {
  const nlohmann::json plan = read_json_file(kData / "reference_plan.json");
  const ParetoPlot plot = pareto_plot(read_json_file(kData / "escape_pareto.json"), "p", &plan);
  EXPECT_FALSE(plot.chosen);
  EXPECT_FALSE(plot.budget);
  EXPECT_NE(plot.note.find("reference profile"), std::string::npos);
  const std::string svg = pareto_svg_element(plot);
  EXPECT_EQ(count(svg, "class=\"chosen-plan\""), 0);
  EXPECT_NE(svg.find("class=\"plot-note\""), std::string::npos);
}

TEST(ParetoSvg, MalformedFrontierNamesThePointAndField) {
  nlohmann::json pareto = read_json_file(kData / "escape_pareto.json");
  pareto["points"][3]["total_luts"] = "many";
  EXPECT_THROW_MESSAGE(pareto_plot(pareto, "p.json"), core::InputError,
                       "p.json: points[3] total_luts must be");
  EXPECT_THROW_MESSAGE(pareto_plot(nlohmann::json::array(), "p.json"), core::InputError,
                       "p.json: a Pareto frontier");
}

ReportInputs example_inputs() {
  return load_report_inputs(kData / "example_plan.json", std::nullopt, kData / "build");
}

TEST(HtmlReport, PlanTableHasOneRowPerLayerAndTheTotals) {
  const std::string html = render_report_html(example_inputs());
  const std::string layers = between(html, "<tbody>", "</tbody>", "<table class=\"plan-layers\">");
  EXPECT_EQ(count(layers, "<tr>"), 2);
  EXPECT_NE(layers.find("<td>encoder</td>"), std::string::npos);
  EXPECT_NE(layers.find("<td class=\"num\">1,474</td>"), std::string::npos);  // encoder luts_used
  EXPECT_NE(layers.find("<td>Sobol</td>"), std::string::npos);
  const std::string totals = between(html, "<tfoot>", "</tfoot>", "<table class=\"plan-layers\">");
  EXPECT_NE(totals.find("2,112"), std::string::npos);
  EXPECT_NE(totals.find("12.799"), std::string::npos);
  EXPECT_NE(html.find("6,528 ICESTORM_LC (85% of the device's 7,680)"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"feasible-yes\">yes</span>"), std::string::npos);
  // Planned at a clock it meets (issue 30): no warning about the clock, the basis says how it was chosen.
  EXPECT_NE(html.find("49.5 MHz &mdash; planned: 0.85 x the plan&#39;s predicted fmax 58.3 MHz"),
            std::string::npos);
  EXPECT_EQ(html.find("is above the predicted fmax"), std::string::npos);
}

TEST(HtmlReport, ComparisonTablesPerDesignAndLayer) {
  const std::string html = render_report_html(example_inputs());
  EXPECT_EQ(count(html, "<table class=\"comparison\""), 3);
  const std::string design = between(html, "<tbody>", "</tbody>", "data-scope=\"design\"");
  EXPECT_EQ(count(design, "<tr>"), 6);
  EXPECT_NE(
      design.find("<td>Logic cells (ICESTORM_LC)</td><td class=\"num\">1,679</td><td class=\"num\">1,550</td>"
                  "<td class=\"num\">8.3 %</td>"),
      std::string::npos);
  EXPECT_NE(design.find("<td>fmax (MHz)</td><td class=\"num\">69.97</td><td class=\"num\">71.28</td>"),
            std::string::npos);
  EXPECT_NE(design.find("<td>Block RAM</td><td class=\"num\">0</td><td class=\"num\">0</td><td "
                        "class=\"num\">&mdash;</td>"),
            std::string::npos);
  EXPECT_EQ(count(between(html, "<tbody>", "</tbody>", "data-scope=\"encoder\""), "<tr>"), 5);
  EXPECT_EQ(count(between(html, "<tbody>", "</tbody>", "data-scope=\"decoder\""), "<tr>"), 5);
  // encoder before decoder: comparison.json's layer_order
  EXPECT_LT(html.find("data-scope=\"encoder\""), html.find("data-scope=\"decoder\""));
}

TEST(HtmlReport, ProvenanceNamesTheModelAndTheMeasuringTools) {
  const std::string html = render_report_html(example_inputs());
  EXPECT_EQ(count(between(html, "<tbody>", "</tbody>", "<table class=\"plan-layers\">"), "prov-model"), 2);
  EXPECT_NE(html.find("<span class=\"prov prov-measured\">measured</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"prov prov-learned\">learned</span>"), std::string::npos);  // the legend
  EXPECT_NE(html.find("Measured by nextpnr-ice40 (nextpnr-ice40 -- Next Generation Place and Route (Version "
                      "0.4-1+b1)), yosys (Yosys 0.23"),
            std::string::npos);
  EXPECT_NE(html.find("reports/top.stat.json"), std::string::npos);
  EXPECT_NE(html.find("reports/layer0_encoder.pack.json"), std::string::npos);
  EXPECT_NE(html.find("yosys: Yosys 0.23 (git sha1 7ce5011c24b) (/usr/bin/yosys)"), std::string::npos);
}

TEST(HtmlReport, LearnedCostsOfALayerThatMatchedAnObservation) {
  nlohmann::json plan = read_json_file(kData / "example_plan.json");
  plan["layers"][1]["costs"] = "measured";
  plan["training_points"] = 1;
  const std::string html = render_report_html(report_inputs(plan, "plan", nullptr, "", std::nullopt));
  const std::string layers = between(html, "<tbody>", "</tbody>", "<table class=\"plan-layers\">");
  EXPECT_EQ(count(layers, "prov-learned"), 1);
  EXPECT_EQ(count(layers, "prov-model"), 1);
}

TEST(HtmlReport, EscapesEveryTextFromTheInputs) {
  const ReportInputs inputs =
      load_report_inputs(kData / "escape_plan.json", kData / "escape_pareto.json", std::nullopt);
  ASSERT_EQ(inputs.plan.layers.front().id, "in<&>\"put'");
  const std::string html = render_report_html(inputs);
  EXPECT_NE(html.find("<td>in&lt;&amp;&gt;&quot;put&#39;</td>"), std::string::npos);
  EXPECT_EQ(html.find("in<&>"), std::string::npos);
  EXPECT_EQ(html.find("put'"), std::string::npos);
  EXPECT_EQ(escape_markup("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
}

TEST(HtmlReport, IsSelfContainedAndDeterministic) {
  const ReportInputs inputs =
      load_report_inputs(kData / "escape_plan.json", kData / "escape_pareto.json", kData / "build");
  const std::string html = render_report_html(inputs);
  EXPECT_EQ(html, render_report_html(load_report_inputs(kData / "escape_plan.json",
                                                        kData / "escape_pareto.json", kData / "build")));
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_EQ(count(html, "<svg "), 1);
  EXPECT_NE(html.find(pareto_svg_element(*inputs.pareto)), std::string::npos);  // the same drawing
}

TEST(HtmlReport, ValidationSectionShowsTaskAccuracyBesideTheSignalScores) {
  const nlohmann::json plan = read_json_file(kData / "validated_plan.json");
  const nlohmann::json& v = plan["validation"];
  const std::string html =
      render_report_html(load_report_inputs(kData / "validated_plan.json", std::nullopt, std::nullopt));
  const std::string section = between(html, "<section id=\"validation\">", "</section>");
  ASSERT_FALSE(section.empty());
  EXPECT_NE(section.find("450 vectors of data/calibration/trained/digits.test-inputs.json, labels "
                         "data/calibration/trained/digits.test-labels.json"),
            std::string::npos)
      << section;
  // The chosen plan and the two verified ones, each with its predicted and measured scores.
  EXPECT_EQ(count(between(section, "<table class=\"validation-plans\">", "</table>"), "<tr>"), 1 + 3);
  const double task = v["chosen"]["measured"]["task_accuracy"]["sc"].get<double>();
  EXPECT_NE(section.find("<td class=\"num\">" + core::py::fixed(task, 4) + "</td>"), std::string::npos);
  EXPECT_NE(section.find(
                "<td class=\"num\">" +
                core::py::fixed(v["chosen"]["measured"]["sc_vs_exact"]["accuracy_score"].get<double>(), 4) +
                "</td>"),
            std::string::npos);
  // Per layer of the chosen plan: characterised against measured signal score.
  EXPECT_EQ(count(between(section, "<table class=\"validation-layers\">", "</table>"), "<tr>"), 1 + 2);
  // The summary names the signal score and shows the task accuracy.
  EXPECT_NE(html.find("<th>Mean signal score</th>"), std::string::npos);
  EXPECT_NE(html.find("<th>Task accuracy</th><td>" + core::py::fixed(task, 4) + " on the validation data"),
            std::string::npos);
  // A plan without validation says how to get it, and what its accuracies are.
  const std::string plain =
      render_report_html(load_report_inputs(kData / "example_plan.json", std::nullopt, std::nullopt));
  EXPECT_NE(plain.find("Not validated: the accuracies above are signal scores"), std::string::npos);
  EXPECT_EQ(plain.find("<th>Task accuracy</th>"), std::string::npos);
  // A malformed validation object is an error naming the file and the field.
  nlohmann::json broken = plan;
  broken["validation"]["chosen"]["cells"] = "many";
  EXPECT_THROW_MESSAGE(render_report_html(report_inputs(broken, "v.json", nullptr, "", std::nullopt)),
                       core::InputError, "v.json: validation.chosen.cells must be a number");
}

TEST(HtmlReport, WithoutParetoOrBuildSaysHowToGetThem) {
  const std::string html =
      render_report_html(load_report_inputs(kData / "example_plan.json", std::nullopt, std::nullopt));
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("No Pareto frontier given"), std::string::npos);
  EXPECT_NE(html.find("--pareto pareto.json</code>"), std::string::npos);
  EXPECT_NE(html.find("No build given"), std::string::npos);
}

TEST(HtmlReport, ReferenceAndInfeasiblePlans) {
  const std::string ref = render_report_html(
      load_report_inputs(kData / "reference_plan.json", kData / "escape_pareto.json", std::nullopt));
  EXPECT_EQ(count(between(ref, "<tbody>", "</tbody>", "<table class=\"plan-layers\">"), "<tr>"), 2);
  EXPECT_NE(ref.find("x16+x14+x13+x11+1"), std::string::npos);
  EXPECT_NE(ref.find("not recorded in the plan"), std::string::npos);
  EXPECT_NE(ref.find("Training points</th><td>842"), std::string::npos);
  EXPECT_EQ(count(ref, "class=\"chosen-plan\""), 0);

  const std::string none =
      render_report_html(load_report_inputs(kData / "infeasible_plan.json", std::nullopt, std::nullopt));
  EXPECT_NE(none.find("<span class=\"feasible-no\">no</span>"), std::string::npos);
  EXPECT_EQ(count(between(none, "<ul class=\"rejected-layers\">", "</ul>"), "<li>"), 2);
  EXPECT_NE(none.find("The plan has no planned layer."), std::string::npos);
}

TEST(HtmlReport, InvalidInputsAreErrorsNamingTheFileAndField) {
  test::TempDir dir;
  nlohmann::json plan = read_json_file(kData / "example_plan.json");
  plan["layers"][0]["luts_used"] = "lots";
  test::write_text(dir.path() / "plan.json", plan.dump());
  const std::string path = (dir.path() / "plan.json").string();
  EXPECT_THROW_MESSAGE(load_report_inputs(path, std::nullopt, std::nullopt), core::InputError,
                       path + ": layer 0 ('decoder'): luts_used must be an integer");
  plan = read_json_file(kData / "example_plan.json");
  plan["layers"][1].erase("mode");
  test::write_text(dir.path() / "plan.json", plan.dump());
  EXPECT_THROW_MESSAGE(load_report_inputs(path, std::nullopt, std::nullopt), core::InputError,
                       "('encoder') missing mode");
  test::write_text(dir.path() / "plan.json", "{\"layers\": [");
  EXPECT_THROW_MESSAGE(load_report_inputs(path, std::nullopt, std::nullopt), core::InputError,
                       path + " is not valid JSON");
  EXPECT_THROW_MESSAGE(load_report_inputs(dir.path() / "missing.json", std::nullopt, std::nullopt),
                       core::FileError, "missing.json");
  EXPECT_THROW_MESSAGE(load_report_inputs(kData / "example_plan.json", std::nullopt, dir.path()),
                       core::FileError, (dir.path() / "comparison.json").string());
}

TEST(ReportCli, WritesThePageAndExitsTwoWithOneLineOnBadInput) {
  test::TempDir dir;
  const fs::path out = dir.path() / "sub" / "report.html";
  auto result = test::run_cli({"report", "--plan", (kData / "example_plan.json").string(), "--build",
                               (kData / "build").string(), "--out", out.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(test::read_text(out),
            render_report_html(example_inputs()));  // the CLI writes what the library renders
  EXPECT_EQ(count(test::read_text(out), "<table class=\"comparison\""), 3);

  nlohmann::json plan = read_json_file(kData / "example_plan.json");
  plan["layers"][0]["power_used"] = "hot";
  const fs::path bad = dir.path() / "bad_plan.json";
  test::write_text(bad, plan.dump());
  result = test::run_cli({"report", "--plan", bad.string(), "--out", (dir.path() / "x.html").string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(test::line_count(result.err), 1);
  EXPECT_NE(result.err.find(bad.string() + ": layer 0 ('decoder'): power_used must be a number"),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(fs::exists(dir.path() / "x.html"));
}

TEST(ReportCli, OptimiseParetoSvgIsTheSamePlotAsTheReportDraws) {
  test::TempDir dir;
  const fs::path plan = dir.path() / "plan.json", pareto = dir.path() / "pareto.json",
                 svg = dir.path() / "p.svg";
  const auto result =
      test::run_cli({"optimise", "--network", (kData / "escape_network.json").string(), "--target-profile",
                     "ice40-low-power", "--bitstream-lengths", "64,256", "--precisions", "4,8", "--no-fold",
                     "--out", plan.string(), "--pareto", pareto.string(), "--pareto-svg", svg.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(test::read_text(pareto),
            test::read_text(kData / "escape_pareto.json"));  // the fixture is current
  const nlohmann::json plan_json = read_json_file(plan);
  EXPECT_EQ(test::read_text(svg), pareto_svg_document(pareto_plot(read_json_file(pareto), "p", &plan_json)));
  const ReportInputs inputs = load_report_inputs(plan, pareto, std::nullopt);
  EXPECT_NE(render_report_html(inputs).find(between(test::read_text(svg), "?>\n", "\n</svg>")),
            std::string::npos);
}

}  // namespace
}  // namespace scn::report
