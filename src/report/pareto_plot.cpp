#include "sc_neurocore/report/pareto_plot.hpp"

#include <algorithm>
#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/report/inputs.hpp"
#include "sc_neurocore/report/markup.hpp"

namespace scn::report {
namespace {

// Margins of the plot area inside the SVG: room for tick labels, axis titles, the legend and a note.
constexpr double kLeft = 78.0;
constexpr double kRight = 24.0;
constexpr double kTop = 34.0;
constexpr double kBottom = 96.0;

constexpr const char* kPointColour = "#1f77b4";
constexpr const char* kEnvelopeColour = "#9ecae1";
constexpr const char* kOverBudgetColour = "#9e9e9e";
constexpr const char* kBudgetColour = "#e6550d";
constexpr const char* kChosenColour = "#d62728";
// A white outline under label text keeps it readable over points and grid lines.
constexpr const char* kHalo = " stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"";

double number_field(const nlohmann::json& point, const char* key, const std::string& where) {
  if (!point.contains(key)) throw core::InputError(where + " missing " + key);
  const auto& value = point.at(key);
  if (!value.is_number() || !std::isfinite(value.get<double>()))
    throw core::InputError(where + " " + key + " must be a finite number, got " + value.dump());
  return value.get<double>();
}

PlotPoint frontier_point(const nlohmann::json& point, const std::string& where) {
  if (!point.is_object()) throw core::InputError(where + " must be a JSON object");
  PlotPoint out;
  out.cells = number_field(point, "total_luts", where);
  out.accuracy = number_field(point, "mean_accuracy", where);
  if (point.contains("within_budget")) {
    if (!point.at("within_budget").is_boolean())
      throw core::InputError(where + " within_budget must be true or false, got " +
                             point.at("within_budget").dump());
    out.within_budget = point.at("within_budget").get<bool>();
  }
  return out;
}

// The plan's budget, unit and totals, when they are costed like the frontier (the default profile's model).
void apply_plan(const PlanView& plan, ParetoPlot& plot) {
  if (plan.profile == "reference") {
    plot.note =
        "The plan was made with the reference profile (the published estimator's LUTs); the frontier is "
        "costed with the default profile's model, so the plan is not placed on it.";
    return;
  }
  plot.unit = plan.lut_unit;
  if (plan.logic_cell_budget) plot.budget = static_cast<double>(*plan.logic_cell_budget);
  if (plan.layers.empty()) {
    plot.note = "The plan rejected every layer: there is no chosen plan to mark.";
  } else if (plan.total_luts && plan.mean_accuracy) {
    plot.chosen =
        PlotPoint{static_cast<double>(*plan.total_luts), *plan.mean_accuracy, plan.feasible.value_or(true)};
  } else {
    plot.note = "The plan records no total_luts and mean_accuracy: there is no chosen plan to mark.";
  }
  if (!plot.budget)
    plot.note += std::string(plot.note.empty() ? "" : " ") + "The plan records no cell budget.";
}

// The non-dominated staircase in (cells, accuracy) alone: the best accuracy reachable within each cell count.
// The frontier itself is three-dimensional (power too), so many of its points lie below this line.
std::vector<PlotPoint> envelope(std::vector<PlotPoint> points) {
  std::sort(points.begin(), points.end(), [](const PlotPoint& a, const PlotPoint& b) {
    return a.cells < b.cells || (a.cells == b.cells && a.accuracy > b.accuracy);
  });
  std::vector<PlotPoint> steps;
  for (const auto& p : points) {
    if (!steps.empty() && p.accuracy <= steps.back().accuracy) continue;
    if (!steps.empty()) steps.push_back({p.cells, steps.back().accuracy, true});  // the horizontal run
    steps.push_back(p);
  }
  return steps;
}

std::string attribute(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + value + "\"";
}

std::string text_element(double x, double y, const std::string& anchor, const std::string& css_class,
                         const std::string& text, const std::string& extra = "") {
  return "<text" + attribute("class", css_class) + attribute("x", svg_number(x)) +
         attribute("y", svg_number(y)) + attribute("text-anchor", anchor) + extra + ">" +
         escape_markup(text) + "</text>\n";
}

std::string tick_label(const Axis& axis, double value, bool thousands) {
  if (axis.log && value < 1) return core::py::fixed(value, axis.decimals);
  if (thousands && (axis.decimals == 0 || axis.log))
    return core::py::thousands(static_cast<std::int64_t>(std::llround(value)));
  return core::py::fixed(value, axis.decimals);
}

std::string axes(const PlotFrame& f, const std::string& unit) {
  std::string out = "<g class=\"grid\" stroke=\"#e4e4e4\" stroke-width=\"1\">\n";
  for (const double t : f.x.ticks)
    out += "<line" + attribute("x1", svg_number(f.x_of(t))) + attribute("y1", svg_number(f.top)) +
           attribute("x2", svg_number(f.x_of(t))) + attribute("y2", svg_number(f.top + f.height)) + "/>\n";
  for (const double t : f.y.ticks)
    out += "<line" + attribute("x1", svg_number(f.left)) + attribute("y1", svg_number(f.y_of(t))) +
           attribute("x2", svg_number(f.left + f.width)) + attribute("y2", svg_number(f.y_of(t))) + "/>\n";
  out += "</g>\n<rect class=\"plot-area\"" + attribute("x", svg_number(f.left)) +
         attribute("y", svg_number(f.top)) + attribute("width", svg_number(f.width)) +
         attribute("height", svg_number(f.height)) +
         " fill=\"none\" stroke=\"#444444\"/>\n<g class=\"x-ticks\" fill=\"#222222\">\n";
  const double bottom = f.top + f.height;
  for (const double t : f.x.ticks)
    out += "<line" + attribute("x1", svg_number(f.x_of(t))) + attribute("y1", svg_number(bottom)) +
           attribute("x2", svg_number(f.x_of(t))) + attribute("y2", svg_number(bottom + 5)) +
           " stroke=\"#444444\"/>\n" +
           text_element(f.x_of(t), bottom + 18, "middle", "tick", tick_label(f.x, t, true));
  out += "</g>\n<g class=\"y-ticks\" fill=\"#222222\">\n";
  for (const double t : f.y.ticks)
    out += "<line" + attribute("x1", svg_number(f.left - 5)) + attribute("y1", svg_number(f.y_of(t))) +
           attribute("x2", svg_number(f.left)) + attribute("y2", svg_number(f.y_of(t))) +
           " stroke=\"#444444\"/>\n" +
           text_element(f.left - 8, f.y_of(t) + 4, "end", "tick", tick_label(f.y, t, false));
  out += "</g>\n";
  out +=
      text_element(f.left + f.width / 2, bottom + 40, "middle", "x-label",
                   "Total " + unit + " (whole network, lower is cheaper" + (f.x.log ? "; log scale)" : ")"),
                   " font-weight=\"bold\"");
  const std::string y_mid = svg_number(f.top + f.height / 2);
  out += "<text class=\"y-label\" x=\"18\"" + attribute("y", y_mid) +
         " text-anchor=\"middle\" font-weight=\"bold\"" +
         attribute("transform", "rotate(-90 18 " + y_mid + ")") + ">Weighted mean signal score</text>\n";
  return out;
}

std::vector<PlotPoint> drawn_points(const PlotFrame& f, const ParetoPlot& plot) {
  std::vector<PlotPoint> out;
  for (const auto& p : plot.points)
    if (f.drawn(p)) out.push_back(p);
  return out;
}

std::string points_layer(const PlotFrame& f, const ParetoPlot& plot) {
  std::string out;
  const std::vector<PlotPoint> drawn = drawn_points(f, plot);
  const std::vector<PlotPoint> steps = envelope(drawn);
  if (steps.size() > 1) {
    std::string coords;
    for (const auto& p : steps)
      coords +=
          (coords.empty() ? "" : " ") + svg_number(f.x_of(p.cells)) + "," + svg_number(f.y_of(p.accuracy));
    out += "<polyline class=\"envelope\" fill=\"none\"" + attribute("stroke", kEnvelopeColour) +
           " stroke-width=\"1.5\"" + attribute("points", coords) + "/>\n";
  }
  out += "<g class=\"frontier-points\">\n";
  for (const auto& p : drawn) {
    out += "<circle" + attribute("class", p.within_budget ? "frontier-point" : "frontier-point over-budget") +
           attribute("cx", svg_number(f.x_of(p.cells))) + attribute("cy", svg_number(f.y_of(p.accuracy))) +
           " r=\"3.5\"" + attribute("fill", p.within_budget ? kPointColour : "#ffffff") +
           attribute("stroke", p.within_budget ? kPointColour : kOverBudgetColour) +
           attribute("data-cells", core::py::float_repr(p.cells)) +
           attribute("data-accuracy", core::py::float_repr(p.accuracy)) + "/>\n";
  }
  return out + "</g>\n";
}

std::string budget_layer(const PlotFrame& f, double budget, const std::string& unit) {
  const double x = f.x_of(budget);
  const bool label_left = x > f.left + f.width * 0.75;
  return "<line class=\"budget-line\"" + attribute("x1", svg_number(x)) + attribute("y1", svg_number(f.top)) +
         attribute("x2", svg_number(x)) + attribute("y2", svg_number(f.top + f.height)) +
         attribute("stroke", kBudgetColour) + " stroke-width=\"2\" stroke-dasharray=\"6 4\"" +
         attribute("data-cells", core::py::float_repr(budget)) + "/>\n" +
         text_element(
             label_left ? x - 5 : x + 5, f.top + 14, label_left ? "end" : "start", "budget-label",
             "budget " + core::py::thousands(static_cast<std::int64_t>(std::llround(budget))) + " " + unit,
             attribute("fill", kBudgetColour) + kHalo);
}

std::string chosen_layer(const PlotFrame& f, const PlotPoint& chosen, const std::string& unit) {
  const double x = f.x_of(chosen.cells);
  const double y = f.y_of(chosen.accuracy);
  const std::string d = "M " + svg_number(x) + " " + svg_number(y - 9) + " L " + svg_number(x + 9) + " " +
                        svg_number(y) + " L " + svg_number(x) + " " + svg_number(y + 9) + " L " +
                        svg_number(x - 9) + " " + svg_number(y) + " Z";
  const bool label_left = x > f.left + f.width * 0.6;
  const double label_y = y + 24 > f.top + f.height - 6 ? y - 14 : y + 24;
  return "<path class=\"chosen-plan\"" + attribute("d", d) + attribute("fill", kChosenColour) +
         " stroke=\"#000000\" stroke-width=\"1.5\"" +
         attribute("data-cells", core::py::float_repr(chosen.cells)) +
         attribute("data-accuracy", core::py::float_repr(chosen.accuracy)) + "/>\n" +
         text_element(
             label_left ? x - 12 : x + 12, label_y, label_left ? "end" : "start", "chosen-label",
             "chosen plan: " + core::py::thousands(static_cast<std::int64_t>(std::llround(chosen.cells))) +
                 " " + unit + ", signal score " + core::py::fixed(chosen.accuracy, 4),
             attribute("fill", kChosenColour) + kHalo + " font-weight=\"bold\"");
}

// The plans beyond the frame's cells, with the largest of them.
std::string off_plot_note(const PlotFrame& f, const ParetoPlot& plot) {
  std::int64_t hidden = 0;
  double largest = 0.0;
  for (const auto& p : plot.points)
    if (!f.drawn(p)) {
      ++hidden;
      largest = std::max(largest, p.cells);
    }
  if (hidden == 0) return "";
  return core::py::thousands(hidden) + " plans above " + core::py::fixed(kBudgetWindow, 0) +
         " x the budget (up to " + core::py::thousands(static_cast<std::int64_t>(std::llround(largest))) +
         " " + plot.unit + ") are off the plot to the right.";
}

std::string legend(const PlotFrame& f, const ParetoPlot& plot) {
  const double y = f.top + f.height + 62;
  double x = f.left;
  std::string out = "<g class=\"legend\" fill=\"#222222\">\n";
  const auto item = [&](const std::string& mark, const std::string& label, double width) {
    out += mark + text_element(x + 14, y + 4, "start", "legend-label", label);
    x += width;
  };
  item("<circle cx=\"" + svg_number(x + 4) + "\" cy=\"" + svg_number(y) + "\" r=\"3.5\" fill=\"" +
           kPointColour + "\"/>\n",
       "frontier plan within budget", 200);
  item("<circle cx=\"" + svg_number(x + 4) + "\" cy=\"" + svg_number(y) +
           "\" r=\"3.5\" fill=\"#ffffff\" stroke=\"" + kOverBudgetColour + "\"/>\n",
       "over budget", 110);
  if (plot.chosen)
    item("<path d=\"M " + svg_number(x + 4) + " " + svg_number(y - 6) + " L " + svg_number(x + 10) + " " +
             svg_number(y) + " L " + svg_number(x + 4) + " " + svg_number(y + 6) + " L " + svg_number(x - 2) +
             " " + svg_number(y) + " Z\" fill=\"" + kChosenColour + "\"/>\n",
         "chosen plan", 110);
  if (plot.budget)
    item("<line x1=\"" + svg_number(x + 4) + "\" y1=\"" + svg_number(y - 7) + "\" x2=\"" + svg_number(x + 4) +
             "\" y2=\"" + svg_number(y + 7) + "\" stroke=\"" + kBudgetColour + "\" stroke-width=\"2\"/>\n",
         "cell budget", 100);
  item("<line x1=\"" + svg_number(x - 2) + "\" y1=\"" + svg_number(y) + "\" x2=\"" + svg_number(x + 10) +
           "\" y2=\"" + svg_number(y) + "\" stroke=\"" + kEnvelopeColour + "\" stroke-width=\"1.5\"/>\n",
       "best score per cost", 0);
  out += "</g>\n";
  const std::string off = off_plot_note(f, plot);
  const std::string note = plot.note + (plot.note.empty() || off.empty() ? "" : " ") + off;
  if (!note.empty())
    out += text_element(f.left, y + 22, "start", "plot-note", note, " fill=\"#555555\" font-size=\"11\"");
  return out;
}

// A linear axis a little wider than the data, so marks stay off the frame; never below 0 for data >= 0.
Axis padded_axis(double lo, double hi, int ticks) {
  const double pad = (hi - lo) * 0.03;
  return nice_axis(lo >= 0 ? std::max(0.0, lo - pad) : lo - pad, hi + pad, ticks);
}

}  // namespace

ParetoPlot pareto_plot(const nlohmann::json& pareto, const std::string& pareto_source,
                       const nlohmann::json* plan, const std::string& plan_source) {
  if (!pareto.is_object() || !pareto.contains("points") || !pareto.at("points").is_array())
    throw core::InputError(pareto_source +
                           ": a Pareto frontier must be a JSON object with a \"points\" list");
  ParetoPlot plot;
  const auto& points = pareto.at("points");
  for (std::size_t i = 0; i < points.size(); ++i)
    plot.points.push_back(frontier_point(points[i], pareto_source + ": points[" + std::to_string(i) + "]"));
  if (pareto.contains("target_name") && pareto.at("target_name").is_string())
    plot.target_name = pareto.at("target_name").get<std::string>();
  if (pareto.contains("approximate") && pareto.at("approximate").is_boolean())
    plot.approximate = pareto.at("approximate").get<bool>();
  if (plan) {
    apply_plan(plan_view(*plan, plan_source), plot);
  } else {
    plot.note = "No plan given: the chosen plan and the budget are not drawn.";
  }
  return plot;
}

Axis nice_axis(double lo, double hi, int max_ticks) {
  if (!(hi > lo)) {  // one value (or none): a window around it
    const double pad = lo == 0.0 ? 1.0 : std::fabs(lo) * 0.05;
    lo -= pad;
    hi += pad;
  }
  const double raw = (hi - lo) / std::max(1, max_ticks - 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double nice = 10.0;
  for (const double candidate : {1.0, 2.0, 2.5, 5.0})
    if (raw <= candidate * magnitude * (1 + 1e-9)) {
      nice = candidate;
      break;
    }
  Axis axis;
  axis.step = nice * magnitude;
  const long long first = static_cast<long long>(std::floor(lo / axis.step + 1e-9));
  const long long last = static_cast<long long>(std::ceil(hi / axis.step - 1e-9));
  axis.min = static_cast<double>(first) * axis.step;
  axis.max = static_cast<double>(last) * axis.step;
  for (long long k = first; k <= last; ++k) axis.ticks.push_back(static_cast<double>(k) * axis.step);
  while (axis.decimals < 10) {  // enough decimals that every tick label is exact
    const double scaled = axis.step * std::pow(10.0, axis.decimals);
    if (std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) break;
    ++axis.decimals;
  }
  return axis;
}

Axis log_axis(double lo, double hi) {
  Axis axis;
  axis.log = true;
  axis.min = lo / 1.08;  // a margin, so marks stay off the frame
  axis.max = hi * 1.08;
  const int first = static_cast<int>(std::floor(std::log10(axis.min)));
  const int last = static_cast<int>(std::ceil(std::log10(axis.max)));
  const std::vector<double> mantissas =
      last - first > 4 ? std::vector<double>{1.0} : std::vector<double>{1.0, 2.0, 5.0};
  for (int d = first; d <= last; ++d)
    for (const double m : mantissas) {
      const double v = m * std::pow(10.0, d);
      if (v >= axis.min && v <= axis.max) axis.ticks.push_back(v);
    }
  axis.decimals = first < 0 ? -first : 0;
  return axis;
}

double PlotFrame::x_of(double cells) const {
  if (x.log)
    return left + (std::log10(cells) - std::log10(x.min)) / (std::log10(x.max) - std::log10(x.min)) * width;
  return left + (cells - x.min) / (x.max - x.min) * width;
}
double PlotFrame::y_of(double accuracy) const { return top + (y.max - accuracy) / (y.max - y.min) * height; }

// The cells beyond which points are not drawn: kBudgetWindow x the budget (or the chosen plan, if larger),
// when that leaves some point to draw and hides some; else 0 (every point).
double budget_clip(const ParetoPlot& plot) {
  if (!plot.budget) return 0.0;
  const double limit = kBudgetWindow * std::max(*plot.budget, plot.chosen ? plot.chosen->cells : 0.0);
  const bool any_inside = std::any_of(plot.points.begin(), plot.points.end(),
                                      [&](const PlotPoint& p) { return p.cells <= limit; });
  const bool any_outside = std::any_of(plot.points.begin(), plot.points.end(),
                                       [&](const PlotPoint& p) { return p.cells > limit; });
  return any_inside && any_outside ? limit : 0.0;
}

PlotFrame plot_frame(const ParetoPlot& plot) {
  std::vector<double> xs, ys;
  const double clip = budget_clip(plot);
  for (const auto& p : plot.points) {
    if (clip > 0 && p.cells > clip) continue;
    xs.push_back(p.cells);
    ys.push_back(p.accuracy);
  }
  if (plot.chosen) {
    xs.push_back(plot.chosen->cells);
    ys.push_back(plot.chosen->accuracy);
  }
  if (plot.budget) xs.push_back(*plot.budget);
  PlotFrame f;
  f.x_clip = clip;
  f.left = kLeft;
  f.top = kTop;
  f.width = kSvgWidth - kLeft - kRight;
  f.height = kSvgHeight - kTop - kBottom;
  if (xs.empty()) {
    f.x = nice_axis(0.0, 1.0, 7);
    f.y = nice_axis(0.0, 1.0, 6);
    return f;
  }
  const auto [x_lo, x_hi] = std::minmax_element(xs.begin(), xs.end());
  f.x = *x_lo > 0 && *x_hi >= 10 * *x_lo ? log_axis(*x_lo, *x_hi) : padded_axis(*x_lo, *x_hi, 7);
  const auto [y_lo, y_hi] = std::minmax_element(ys.begin(), ys.end());
  f.y = padded_axis(*y_lo, *y_hi, 6);
  return f;
}

std::string svg_number(double value) {
  const std::string text = core::py::fixed(value, 2);
  return text == "-0.00" ? "0.00" : text;
}

std::string pareto_svg_element(const ParetoPlot& plot) {
  const PlotFrame f = plot_frame(plot);
  const std::string title = "Network Pareto frontier: weighted signal score against total " + plot.unit;
  std::string out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"pareto-plot\"" +
      attribute("width", core::py::fixed(kSvgWidth, 0)) +
      attribute("height", core::py::fixed(kSvgHeight, 0)) +
      attribute("viewBox", "0 0 " + core::py::fixed(kSvgWidth, 0) + " " + core::py::fixed(kSvgHeight, 0)) +
      " role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n<title>" + escape_markup(title) +
      "</title>\n<rect x=\"0\" y=\"0\"" + attribute("width", core::py::fixed(kSvgWidth, 0)) +
      attribute("height", core::py::fixed(kSvgHeight, 0)) + " fill=\"#ffffff\"/>\n";
  std::string heading = "Pareto frontier";
  if (!plot.target_name.empty()) heading += " for " + plot.target_name;
  heading += ": " + core::py::thousands(static_cast<std::int64_t>(plot.points.size())) + " plans";
  if (plot.approximate) heading += " (approximate: thinned)";
  out += text_element(f.left, 20, "start", "plot-title", heading, " font-size=\"14\" font-weight=\"bold\"");
  out += axes(f, plot.unit);
  out += points_layer(f, plot);
  if (plot.points.empty())
    out += text_element(f.left + f.width / 2, f.top + f.height / 2, "middle", "plot-empty",
                        "no frontier points");
  if (plot.budget) out += budget_layer(f, *plot.budget, plot.unit);
  if (plot.chosen) out += chosen_layer(f, *plot.chosen, plot.unit);
  out += legend(f, plot);
  return out + "</svg>";
}

std::string pareto_svg_document(const ParetoPlot& plot) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n" + pareto_svg_element(plot) + "\n";
}

}  // namespace scn::report
