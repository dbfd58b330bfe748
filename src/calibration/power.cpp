#include "sc_neurocore/calibration/power.hpp"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "nnls.hpp"
#include "sc_neurocore/core/csv.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/core/pyformat.hpp"

namespace scn::calibration {
namespace {

constexpr double kCoreVoltage = 1.219;
constexpr double kHoldoutLimit = 0.25;
constexpr const char* kSource =
    "tinyvision-ai-inc/ice40_power, commit ecc5e59, README.md 'Results' table: core-rail current "
    "(uA at 1.219 V) of an iCE40UP5K on the iCE40 UltraPlus breakout board, Joulescope JS110";
constexpr const char* kLayerSource =
    "data/power/layer-activity.csv (scripts/power-calibrate measure-layers): T of every SB_LUT4 / "
    "SB_CARRY / SB_DFF* output of generated layers (Yosys synth_ice40, Icarus on the mapped netlist over "
    "the streaming cycles) against sc-neurocore estimate's simulated layers[0].toggles_per_cycle";

// printf-style text for the tables, whose formats are the Python script's own ("%.2f", "%+.1f", "%g"):
// Python's % operator and glibc's printf both round correctly, so the text is the same.
[[gnu::format(printf, 1, 2)]] std::string printf_text(const char* format, ...) {
  va_list args;
  va_start(args, format);
  va_list copy;
  va_copy(copy, args);
  const int size = std::vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  std::string out(static_cast<std::size_t>(std::max(size, 0)), '\0');
  std::vsnprintf(out.data(), out.size() + 1, format, args);
  va_end(args);
  return out;
}

// A CSV as csv.DictReader reads it: one map from column name to text per row.
struct CsvRecord {
  std::map<std::string, std::string> fields;
  std::string path;
  int line = 0;

  const std::string& text(const std::string& column) const {
    const auto it = fields.find(column);
    if (it == fields.end()) throw core::InputError(path + ": header has no column '" + column + "'");
    return it->second;
  }
  double number(const std::string& column) const {
    const std::string& value = text(column);
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !std::isfinite(v))
      throw core::InputError(path + ": row " + std::to_string(line) + ", field '" + column +
                             "': not a number: '" + value + "'");
    return v;
  }
  int integer(const std::string& column) const {
    const double v = number(column);
    if (v != std::floor(v))
      throw core::InputError(path + ": row " + std::to_string(line) + ", field '" + column +
                             "': not an integer: '" + text(column) + "'");
    return static_cast<int>(v);
  }
};

std::vector<CsvRecord> read_records(const std::string& path) {
  std::istringstream lines(core::read_utf8_text_file(path));
  std::string line;
  std::getline(lines, line);
  const std::vector<std::string> header = core::split_quoted_csv_line(line);
  std::vector<CsvRecord> out;
  for (int number = 2; std::getline(lines, line); ++number) {
    if (line.empty() || line == "\r") continue;
    const std::vector<std::string> cells = core::split_quoted_csv_line(line);
    if (cells.size() != header.size())
      throw core::InputError(path + ": row " + std::to_string(number) + " has " +
                             std::to_string(cells.size()) + " fields, the header " +
                             std::to_string(header.size()));
    CsvRecord& record = out.emplace_back();
    record.path = path;
    record.line = number;
    for (std::size_t c = 0; c < header.size(); ++c) record.fields[header[c]] = cells[c];
  }
  return out;
}

struct FixtureActivity {
  double ffs = 0, dsps = 0, toggles_per_cycle = 0;
};

std::map<std::string, FixtureActivity> load_activity(const std::string& path) {
  std::map<std::string, FixtureActivity> out;
  for (const CsvRecord& r : read_records(path))
    out[r.text("design")] = {static_cast<double>(r.integer("ffs")), static_cast<double>(r.integer("dsps")),
                             r.number("toggles_per_cycle")};
  return out;
}

using PowerFeatures = std::array<double, kPowerParamCount>;

// The design-matrix row (power_param_names order) of one measurement:
// I = I_static + I_source + f_MHz * (k_tree + e_ff*n_ff + e_toggle*T + e_dsp*n_dsp).
PowerFeatures features(const CsvRecord& row, const std::map<std::string, FixtureActivity>& activity) {
  const std::string& source = row.text("clock_source");
  if (source != "external" && source != "hfosc" && source != "lfosc" && source != "pll" && source != "none")
    throw core::InputError(row.path + ": row " + row.text("row") + ": unknown clock_source '" + source + "'");
  double f = row.text("clock_mhz").empty() ? 0.0 : row.number("clock_mhz");
  const auto act = activity.find(row.text("design"));
  if (act == activity.end())
    throw core::InputError(row.path + ": row " + row.text("row") + ": no activity for design '" +
                           row.text("design") + "'");
  if (source == "none") f = 0.0;
  const FixtureActivity& a = act->second;
  return {1.0,
          source == "hfosc" ? 1.0 : 0.0,
          source == "lfosc" ? 1.0 : 0.0,
          source == "pll" ? 1.0 : 0.0,
          source == "pll" ? f : 0.0,
          f,
          f * a.ffs,
          f * a.toggles_per_cycle,
          f * a.dsps};
}

double predict(const std::array<double, kPowerParamCount>& coefficients, const PowerFeatures& x) {
  double sum = 0.0;
  for (std::size_t k = 0; k < kPowerParamCount; ++k) sum += coefficients[k] * x[k];
  return sum;
}

// Nonnegative coefficients minimising the relative error of the fit rows: each row divided by its
// measurement and fitted to 1 (the NNLS's own max(1, y) scaling then leaves the rows alone).
std::array<double, kPowerParamCount> fit_coefficients(
    const std::vector<const CsvRecord*>& fit_rows, const std::map<std::string, FixtureActivity>& activity) {
  std::vector<std::vector<double>> a;
  for (const CsvRecord* r : fit_rows) {
    const PowerFeatures x = features(*r, activity);
    const double measured = r->number("core_ua");
    auto& row = a.emplace_back();
    for (const double v : x) row.push_back(v / measured);
  }
  const std::vector<double> theta = fit_nonnegative_relative(a, std::vector<double>(a.size(), 1.0));
  std::array<double, kPowerParamCount> out{};
  for (std::size_t k = 0; k < kPowerParamCount; ++k) out[k] = significant(theta[k]);
  return out;
}

std::string layer_label(const CsvRecord& r) {
  return r.text("n_inputs") + "x" + r.text("n_neurons") + " L" + r.text("bitstream_length") + " b" +
         r.text("precision") + " q" + r.text("weight_bits") + " " + r.text("generator") + " " +
         r.text("mode") + " s" + r.text("sparsity");
}

// Netlist toggles per simulated toggle over the measured layers: the least-squares ratio through the origin
// (big layers count more), the spread of the per-layer ratios, and the per-layer table.
void fit_layer_activity(const std::string& path, PowerFit& fit) {
  const std::vector<CsvRecord> rows = read_records(path);
  if (rows.empty()) throw core::InputError(path + " has no layers");
  double sn = 0.0, ss = 0.0;
  std::vector<double> ratios;
  for (const CsvRecord& r : rows) {
    const double simulated = r.number("simulated_toggles_per_cycle");
    const double netlist = r.number("netlist_toggles_per_cycle");
    if (!(simulated > 0) || !(netlist > 0))
      throw core::InputError(path + ": every layer needs positive simulated and netlist toggles");
    sn += simulated * netlist;
    ss += simulated * simulated;
    ratios.push_back(netlist / simulated);
    fit.layers.push_back(
        {layer_label(r), r.text("module"), simulated, netlist, ratios.back(), r.text("ratio")});
  }
  const double kappa = significant(sn / ss);
  double spread = 0.0;
  for (const double r : ratios) spread = std::max(spread, std::max(r / kappa, kappa / r));
  fit.netlist_toggles_per_simulated = kappa;
  fit.ratio_min = significant(*std::min_element(ratios.begin(), ratios.end()));
  fit.ratio_max = significant(*std::max_element(ratios.begin(), ratios.end()));
  fit.ratio_median = significant(median_of(ratios));
  fit.activity_uncertainty_factor = round_up(spread);
}

// The fit and hold-out rows predicted by the fitted coefficients, by row number, and the largest errors.
void predict_table(const std::vector<const CsvRecord*>& rows,
                   const std::map<std::string, FixtureActivity>& activity, PowerFit& fit) {
  for (const CsvRecord* r : rows) {
    const double measured = r->number("core_ua");
    const double predicted = core::py::round_ndigits(predict(fit.coefficients, features(*r, activity)), 2);
    fit.table.push_back({r->integer("row"), r->text("description"), r->text("use"), measured, predicted,
                         core::py::round_ndigits((predicted - measured) / measured, 4)});
  }
  std::stable_sort(fit.table.begin(), fit.table.end(),
                   [](const PowerRow& a, const PowerRow& b) { return a.row < b.row; });
  for (const PowerRow& t : fit.table) {
    double& largest = t.use == "holdout" ? fit.max_holdout_error : fit.max_fit_error;
    largest = std::max(largest, std::abs(t.relative_error));
  }
}

}  // namespace

const std::array<const char*, kPowerParamCount>& power_param_names() {
  static const std::array<const char*, kPowerParamCount> names = {
      "static_ua",       "hfosc_ua",      "lfosc_ua",          "pll_ua",        "pll_ua_per_mhz",
      "tree_ua_per_mhz", "ff_ua_per_mhz", "toggle_ua_per_mhz", "dsp_ua_per_mhz"};
  return names;
}

double significant(double value, int digits) {
  if (value == 0.0) return 0.0;
  if (!std::isfinite(value)) return value;
  char text[64];
  std::snprintf(text, sizeof text, "%.*g", digits, value);
  return std::strtod(text, nullptr);
}

double round_up(double value, double step) {
  return core::py::round_ndigits(std::ceil(core::py::round_ndigits(value / step, 9)) * step, 2);
}

PowerFit fit_power(const PowerInputs& inputs) {
  const std::vector<CsvRecord> rows = read_records(inputs.measurements);
  const std::map<std::string, FixtureActivity> activity = load_activity(inputs.activity);
  std::vector<const CsvRecord*> fit_rows, predicted_rows;
  PowerFit fit;
  for (const CsvRecord& r : rows) {
    const std::string& use = r.text("use");
    if (use != "fit" && use != "holdout" && use != "excluded")
      throw core::InputError(inputs.measurements + ": row " + std::to_string(r.line) +
                             ", field 'use': must be fit, holdout or excluded, not '" + use + "'");
    if (use == "fit") fit_rows.push_back(&r);
    if (use == "excluded") fit.excluded.push_back({r.text("row"), r.text("description"), r.text("core_ua")});
  }
  if (fit_rows.empty()) throw core::InputError(inputs.measurements + " has no row with use=fit");
  // The table lists the fit rows first, then the hold-out rows, before sorting by row number.
  predicted_rows = fit_rows;
  for (const CsvRecord& r : rows)
    if (r.text("use") == "holdout") predicted_rows.push_back(&r);
  fit.coefficients = fit_coefficients(fit_rows, activity);
  for (const CsvRecord* r : fit_rows) fit.fit_rows.push_back(r->integer("row"));
  std::sort(fit.fit_rows.begin(), fit.fit_rows.end());
  predict_table(predicted_rows, activity, fit);
  fit.uncertainty_factor = round_up(1.0 + std::max(fit.max_holdout_error, fit.max_fit_error));
  fit_layer_activity(inputs.layers, fit);
  fit.combined_uncertainty_factor = round_up(fit.uncertainty_factor * fit.activity_uncertainty_factor);
  return fit;
}

std::string power_coefficients_json(const PowerFit& fit) {
  nlohmann::json coefficients = nlohmann::json::object();
  for (std::size_t k = 0; k < kPowerParamCount; ++k)
    coefficients[power_param_names()[k]] = fit.coefficients[k];
  nlohmann::json holdout = nlohmann::json::array();
  for (const PowerRow& t : fit.table)
    if (t.use == "holdout")
      holdout.push_back({{"row", t.row},
                         {"description", t.description},
                         {"measured_ua", t.measured_ua},
                         {"predicted_ua", t.predicted_ua},
                         {"relative_error", t.relative_error}});
  const nlohmann::json result = {{"family", "ice40"},
                                 {"source", kSource},
                                 {"fit_rows", fit.fit_rows},
                                 {"coefficients", coefficients},
                                 {"core_voltage", kCoreVoltage},
                                 {"holdout", holdout},
                                 {"max_holdout_error", fit.max_holdout_error},
                                 {"max_fit_error", fit.max_fit_error},
                                 {"uncertainty_factor", fit.uncertainty_factor},
                                 {"netlist_toggles_per_simulated", fit.netlist_toggles_per_simulated},
                                 {"layer_activity",
                                  {{"layers", fit.layers.size()},
                                   {"ratio_min", fit.ratio_min},
                                   {"ratio_max", fit.ratio_max},
                                   {"ratio_median", fit.ratio_median},
                                   {"source", kLayerSource}}},
                                 {"activity_uncertainty_factor", fit.activity_uncertainty_factor},
                                 {"combined_uncertainty_factor", fit.combined_uncertainty_factor}};
  return core::to_python_json(result) + "\n";
}

namespace {

void print_table(const PowerFit& fit, std::ostream& out) {
  out << "| row | description | use | measured (uA) | predicted (uA) | error |\n";
  out << "| ---: | --- | --- | ---: | ---: | ---: |\n";
  for (const PowerRow& t : fit.table)
    out << printf_text("| %d | %s | %s | %g | %.2f | %+.1f %% |\n", t.row, t.description.c_str(),
                       t.use.c_str(), t.measured_ua, t.predicted_ua, 100.0 * t.relative_error);
  for (const ExcludedPowerRow& r : fit.excluded)
    out << "| " << r.row << " | " << r.description << " | excluded | " << r.core_ua << " | - | - |\n";
}

void print_layers(const PowerFit& fit, std::ostream& out) {
  using core::py::float_repr;
  out << "| layer | simulated T/cycle | netlist T/cycle | ratio |\n";
  out << "| --- | ---: | ---: | ---: |\n";
  for (const LayerToggleRatio& t : fit.layers)
    out << printf_text("| %s | %.2f | %.2f | %.3f |\n", t.label.c_str(), t.simulated, t.netlist, t.ratio);
  out << "\nnetlist toggles per simulated toggle " << float_repr(fit.netlist_toggles_per_simulated)
      << " over " << fit.layers.size() << " layers (ratios " << float_repr(fit.ratio_min) << " to "
      << float_repr(fit.ratio_max) << ", median " << float_repr(fit.ratio_median)
      << "); activity uncertainty factor " << float_repr(fit.activity_uncertainty_factor) << ", combined "
      << float_repr(fit.combined_uncertainty_factor) << "\n";
}

// What check refuses, one line each, in the order the Python script tested them.
std::vector<std::string> failures_of(const PowerFit& fit) {
  using core::py::float_repr;
  std::vector<std::string> failures;
  for (const PowerRow& t : fit.table)
    if (t.use == "holdout" && std::abs(t.relative_error) > kHoldoutLimit)
      failures.push_back(printf_text("hold-out row %d (%s): %+.1f %%", t.row, t.description.c_str(),
                                     100 * t.relative_error));
  if (std::any_of(fit.coefficients.begin(), fit.coefficients.end(), [](double v) { return v < 0; }))
    failures.push_back("negative coefficient");
  const double kappa = fit.netlist_toggles_per_simulated;
  if (!(fit.ratio_min <= kappa && kappa <= fit.ratio_max))
    failures.push_back("netlist_toggles_per_simulated " + float_repr(kappa) + " outside the layer ratios [" +
                       float_repr(fit.ratio_min) + ", " + float_repr(fit.ratio_max) + "]");
  for (const LayerToggleRatio& t : fit.layers)
    if (t.csv_ratio.empty() || std::abs(std::strtod(t.csv_ratio.c_str(), nullptr) - t.ratio) > 1e-5 * t.ratio)
      failures.push_back(printf_text("layer %s: ratio column '%s' is not netlist / simulated (%.6f)",
                                     t.module.c_str(), t.csv_ratio.c_str(), t.ratio));
  for (const LayerToggleRatio& t : fit.layers)
    if (std::max(t.ratio / kappa, kappa / t.ratio) > fit.activity_uncertainty_factor + 1e-9)
      failures.push_back(printf_text("layer %s: ratio %.4f outside the activity uncertainty factor",
                                     t.module.c_str(), t.ratio));
  if (fit.combined_uncertainty_factor + 1e-9 < fit.uncertainty_factor * fit.activity_uncertainty_factor)
    failures.push_back("combined_uncertainty_factor below uncertainty_factor x activity_uncertainty_factor");
  return failures;
}

}  // namespace

void print_power_fit(const PowerFit& fit, std::ostream& out) {
  out << "coefficients (uA, uA/MHz):\n";
  for (std::size_t k = 0; k < kPowerParamCount; ++k)
    out << printf_text("  %-18s ", power_param_names()[k]) << core::py::float_repr(fit.coefficients[k])
        << "\n";
  out << "\n";
  print_table(fit, out);
  out << printf_text("\nmax fit error %.1f %%, max hold-out error %.1f %%, uncertainty factor ",
                     100 * fit.max_fit_error, 100 * fit.max_holdout_error)
      << core::py::float_repr(fit.uncertainty_factor) << "\n\n";
  print_layers(fit, out);
}

int check_power_fit(const PowerFit& fit, const std::string& committed_json, const std::string& shown_as,
                    std::ostream& out, std::ostream& err) {
  std::vector<std::string> failures = failures_of(fit);
  try {
    if (core::read_file(committed_json) != power_coefficients_json(fit))
      failures.push_back(shown_as +
                         " differs from the fit of the committed CSVs (rerun `scripts/power-calibrate fit`)");
  } catch (const core::FileError& e) {
    failures.push_back("cannot read " + shown_as + ": " + e.what());
  }
  print_table(fit, out);
  out << "\n";
  print_layers(fit, out);
  if (!failures.empty()) {
    for (const std::string& line : failures) err << "FAIL: " << line << "\n";
    return 1;
  }
  out << "\npower-calibrate check: " << fit.table.size() - fit.fit_rows.size() << " hold-out rows within "
      << std::lround(100 * kHoldoutLimit) << " %, " << fit.layers.size() << " layers within x"
      << core::py::float_repr(fit.activity_uncertainty_factor) << " of kappa "
      << core::py::float_repr(fit.netlist_toggles_per_simulated) << ", coefficients reproduce\n";
  return 0;
}

}  // namespace scn::calibration
