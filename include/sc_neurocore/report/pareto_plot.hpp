// The network Pareto frontier as an SVG scatter plot (cells or LUTs against weighted accuracy), shared by
// the HTML plan report (inline) and `optimise --pareto-svg` (a standalone file): one drawing, two wrappers.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace scn::report {

struct PlotPoint {
  double cells = 0.0;  // total_luts of the plan, in the plot's unit
  double accuracy = 0.0;
  bool within_budget = true;
};

// What is drawn, read from the frontier JSON (`optimise --pareto`) and optionally the chosen plan.
struct ParetoPlot {
  std::vector<PlotPoint> points;  // every frontier point, in file order
  // The frontier is costed in the device's logic unit; only a default-profile plan names it (lut_unit).
  std::string unit = "logic cells";
  std::optional<double> budget;     // the plan's logic_cell_budget (default profile)
  std::optional<PlotPoint> chosen;  // the plan's totals, when they are costed like the frontier
  std::string note;                 // why the chosen plan or the budget is not drawn, if so
  std::string target_name;
  bool approximate = false;
};

// InputError "<pareto_source>: points[i].total_luts must be ..." for a malformed frontier. The frontier is
// always costed with the default profile's model, so a reference-profile plan's totals (another model and
// unit) are not placed on it; the note says so.
ParetoPlot pareto_plot(const nlohmann::json& pareto, const std::string& pareto_source,
                       const nlohmann::json* plan = nullptr, const std::string& plan_source = "plan");

// A numeric axis with "nice" tick steps (1, 2, 2.5 or 5 times a power of ten) covering [min, max].
struct Axis {
  double min = 0.0;
  double max = 1.0;
  double step = 1.0;
  int decimals = 0;  // of the tick labels
  std::vector<double> ticks;
  bool log = false;  // log10 scale (min and max are then the plotted range's ends, not ticks)
};
Axis nice_axis(double lo, double hi, int max_ticks);
// A log10 axis over [lo, hi] (both > 0) with ticks at 1, 2 and 5 times powers of ten (1 only over many
// decades).
Axis log_axis(double lo, double hi);

// Where data lands in the SVG's user units (y grows downwards). The cell axis turns logarithmic when the
// frontier spans a decade or more: it runs far past any device, and a linear axis would crush the plans
// near the budget into its first few pixels.
// With a budget the frame is the budget's region: cells up to kBudgetWindow x the larger of the budget and
// the chosen plan (plans beyond it, far past the device, are counted in the note instead of squeezing the
// plans that fit into a corner).
inline constexpr double kBudgetWindow = 2.0;

struct PlotFrame {
  double left = 0.0, top = 0.0, width = 0.0, height = 0.0;
  Axis x, y;
  double x_clip = 0.0;  // the largest cells drawn; 0 = every point
  bool drawn(const PlotPoint& p) const { return x_clip <= 0.0 || p.cells <= x_clip; }
  double x_of(double cells) const;
  double y_of(double accuracy) const;
};
inline constexpr double kSvgWidth = 760.0;
inline constexpr double kSvgHeight = 460.0;
PlotFrame plot_frame(const ParetoPlot& plot);

// A coordinate as written in the SVG (two decimals), so tests compare the same text.
std::string svg_number(double value);

// The <svg> element (with xmlns), to be placed inline in HTML.
std::string pareto_svg_element(const ParetoPlot& plot);
// A standalone .svg file: the XML declaration, the element and a final newline.
std::string pareto_svg_document(const ParetoPlot& plot);

}  // namespace scn::report
