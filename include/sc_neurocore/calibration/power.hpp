// The fit of the iCE40 core-power model (model/power.hpp) to published bench measurements
// (data/power/, docs/power.md): non-negative least squares on relative error over the `use=fit` rows, the
// netlist-per-simulated toggle ratio of generated layers, the uncertainty factors, the coefficients JSON that
// src/model/power_data.cpp.in compiles in, and the tables scripts/power-calibrate prints. Every number is
// rounded and printed as the original Python script did, so the JSON regenerates byte-identically.
#pragma once

#include <array>
#include <ostream>
#include <string>
#include <vector>

namespace scn::calibration {

// The coefficients in the order of the design-matrix columns (uA, uA/MHz).
inline constexpr std::size_t kPowerParamCount = 9;
const std::array<const char*, kPowerParamCount>& power_param_names();

struct PowerInputs {
  std::string measurements;  // bench table: row, description, clock_source, clock_mhz, design, core_ua, use
  std::string activity;      // fixtures' cells and toggles (scripts/power-calibrate measure)
  std::string layers;        // generated layers' toggles (scripts/power-calibrate measure-layers)
};

// A fit or hold-out row of the bench table and the model's prediction of it.
struct PowerRow {
  int row = 0;
  std::string description, use;
  double measured_ua = 0, predicted_ua = 0, relative_error = 0;
};

// A row the model does not describe, printed as the table has it.
struct ExcludedPowerRow {
  std::string row, description, core_ua;
};

// One measured layer: netlist toggles per cycle against the estimator's simulated ones.
struct LayerToggleRatio {
  std::string label, module;
  double simulated = 0, netlist = 0, ratio = 0;
  std::string csv_ratio;  // the file's own ratio column, which check compares
};

struct PowerFit {
  std::array<double, kPowerParamCount> coefficients{};
  std::vector<int> fit_rows;
  std::vector<PowerRow> table;  // fit and hold-out rows, by row number
  std::vector<ExcludedPowerRow> excluded;
  double max_holdout_error = 0, max_fit_error = 0, uncertainty_factor = 0;
  std::vector<LayerToggleRatio> layers;
  double netlist_toggles_per_simulated = 0;  // kappa
  double ratio_min = 0, ratio_max = 0, ratio_median = 0;
  double activity_uncertainty_factor = 0, combined_uncertainty_factor = 0;
};

// Python's float("%.6g" % value): the JSON does not depend on the last ulp of the solver.
double significant(double value, int digits = 6);
// round(ceil(round(value / step, 9)) * step, 2): the next multiple of step at or above value.
double round_up(double value, double step = 0.05);

// The fit of the three tables; InputError naming the file, the row and the field.
PowerFit fit_power(const PowerInputs& inputs);

// data/power/ice40-coefficients.json: json.dumps(indent=2, sort_keys=True) and a newline.
std::string power_coefficients_json(const PowerFit& fit);

// `scripts/power-calibrate fit`'s report: the coefficients, the bench table and the layers' table.
void print_power_fit(const PowerFit& fit, std::ostream& out);

// `scripts/power-calibrate check`: the tables on `out`, then "FAIL: ..." lines on `err` and 1, or the
// summary line and 0. `committed_json` is the file to compare with, named `shown_as` in a failure.
int check_power_fit(const PowerFit& fit, const std::string& committed_json, const std::string& shown_as,
                    std::ostream& out, std::ostream& err);

}  // namespace scn::calibration
