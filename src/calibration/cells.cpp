#include "sc_neurocore/calibration/cells.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "nnls.hpp"
#include "sc_neurocore/calibration/layer_rows.hpp"
#include "sc_neurocore/core/csv.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/hw/verilog.hpp"
#include "sc_neurocore/model/fmax.hpp"
#include "sc_neurocore/sim/characterise.hpp"

namespace scn::calibration {
namespace {

struct FitRows {
  std::vector<std::vector<double>> a;
  std::vector<double> y;
};

template <typename FeatureFn>
FitRows fit_rows(const std::vector<Measurement>& rows, FeatureFn features, double Measurement::*target,
                 bool signed_rows) {
  FitRows out;
  for (const Measurement& row : rows) {
    if ((hw::negative_synapses(row.design) > 0) != signed_rows) continue;
    // The counts of the weights the row synthesised, as a plan with real weights counts them.
    const model::WeightCounts counts = model::seeded_weight_counts(row.design);
    const auto f = features(row.design, &counts);
    out.a.emplace_back(f.begin(), f.end());
    out.y.push_back(row.*target);
  }
  return out;
}

// The signed-layer coefficients, fitted to what the unsigned coefficients leave of the signed rows (relative
// to each row's measurement, as the first stage): only the columns no unsigned row uses.
template <std::size_t K>
void fit_signed_columns(const FitRows& unsigned_rows, const FitRows& signed_rows, std::array<double, K>& x) {
  std::vector<std::size_t> columns;
  for (std::size_t k = 0; k < K; ++k) {
    const bool unused = std::all_of(unsigned_rows.a.begin(), unsigned_rows.a.end(),
                                    [k](const std::vector<double>& row) { return row[k] == 0.0; });
    if (unused) columns.push_back(k);
  }
  if (columns.empty()) return;
  std::vector<std::vector<double>> a;
  std::vector<double> residual;
  for (std::size_t r = 0; r < signed_rows.a.size(); ++r) {
    const double measured = std::max(1.0, signed_rows.y[r]);
    double left = signed_rows.y[r];
    for (std::size_t k = 0; k < K; ++k) left -= x[k] * signed_rows.a[r][k];
    auto& row = a.emplace_back();
    for (const std::size_t k : columns) row.push_back(signed_rows.a[r][k] / measured);
    residual.push_back(left / measured);  // <= 1: fit_nonnegative_relative keeps this scale
  }
  const std::vector<double> z = fit_nonnegative_relative(a, residual);
  for (std::size_t c = 0; c < columns.size(); ++c) x[columns[c]] = z[c];
}

// Two stages, so that signed layers do not move the unsigned model: every coefficient from the unsigned
// rows, then the signed-only features from the signed rows (docs/hardware.md, "Signed layers").
template <std::size_t K, typename FeatureFn>
std::array<double, K> fit_relative(const std::vector<Measurement>& rows, FeatureFn features,
                                   double Measurement::*target) {
  const FitRows unsigned_rows = fit_rows(rows, features, target, false);
  const FitRows signed_rows = fit_rows(rows, features, target, true);
  std::array<double, K> out{};
  if (!unsigned_rows.a.empty()) {
    const std::vector<double> x = fit_nonnegative_relative(unsigned_rows.a, unsigned_rows.y);
    std::copy(x.begin(), x.end(), out.begin());
  }
  if (!signed_rows.a.empty()) fit_signed_columns(unsigned_rows, signed_rows, out);
  return out;
}

}  // namespace

model::CalibratedModel fit_calibrated_model(const std::vector<Measurement>& measurements,
                                            const std::string& family, const std::string& source) {
  if (measurements.size() < model::kLutFeatureCount)
    throw core::InputError("calibration needs at least " + std::to_string(model::kLutFeatureCount) +
                           " measurements, got " + std::to_string(measurements.size()));
  model::CalibratedModel fitted;
  fitted.family = family;
  fitted.source = source;
  auto luts_of = [&](const model::LayerDesign& d, const model::WeightCounts* c) {
    return model::lut_features(d, family, c);
  };
  fitted.lut = fit_relative<model::kLutFeatureCount>(measurements, luts_of, &Measurement::luts);
  fitted.ff = fit_relative<model::kFfFeatureCount>(
      measurements,
      [](const model::LayerDesign& d, const model::WeightCounts* c) { return model::ff_features(d, c); },
      &Measurement::ffs);
  fitted.carry = fit_relative<model::kLutFeatureCount>(measurements, luts_of, &Measurement::carries);
  const bool packed = std::all_of(measurements.begin(), measurements.end(),
                                  [](const Measurement& m) { return m.logic_cells >= 0; });
  if (packed) {
    fitted.logic_unit = "ICESTORM_LC";
    fitted.has_cells = true;
    fitted.cells = fit_relative<model::kCellFeatureCount>(
        measurements,
        [&](const model::LayerDesign& d, const model::WeightCounts* c) {
          return model::cell_features(d, family, c);
        },
        &Measurement::logic_cells);
  }
  return fitted;
}

std::vector<Measurement> read_measurements_csv(const std::string& path) {
  const LayerRows table = read_layer_rows(path);
  const core::CsvHeader& header = table.header;
  const std::size_t c_luts = header.column("luts"), c_ffs = header.column("ffs");
  // Optional columns: absent from older sweeps and from the ECP5 rows.
  auto optional_number = [&](std::size_t row, const char* name, double absent) {
    return header.has(name) ? row_number(table, row, header.column(name)) : absent;
  };
  auto optional_text = [&](std::size_t row, const char* name) {
    return header.has(name) ? table.cells[row][header.column(name)] : std::string();
  };
  std::vector<Measurement> rows;
  for (std::size_t r = 0; r < table.cells.size(); ++r) {
    Measurement m;
    m.design = row_design(table, r);
    m.luts = row_number(table, r, c_luts);
    m.ffs = row_number(table, r, c_ffs);
    m.carries = optional_number(r, "carries", 0);
    m.logic_cells = optional_number(r, "logic_cells", -1);
    m.module = optional_text(r, "module");
    m.placed = optional_text(r, "placed");
    // Only a routed layer has an fmax; the column is empty otherwise.
    if (m.placed == "routed") m.fmax_mhz = optional_number(r, "fmax_mhz", -1);
    rows.push_back(m);
  }
  return rows;
}

std::string calibrated_models_cpp(const std::vector<model::CalibratedModel>& models,
                                  const std::string& command) {
  std::ostringstream out;
  out << "// Generated by `" << command << "`; do not edit.\n";
  out << "// Per family: LUT, FF and carry coefficients, the logic unit and its cell coefficients "
         "(model/cells.hpp).\n";
  auto list = [&](const auto& values) {
    out << " {";
    out << core::join(values, ", ", [](double v) { return core::py::float_repr(v); });
    out << "},\n";
  };
  for (const auto& model : models) {
    out << "{\"" << model.family << "\", \"" << model.source << "\",\n";
    list(model.lut);
    list(model.ff);
    list(model.carry);
    out << " \"" << model.logic_unit << "\",\n";
    list(model.cells);
    out << " " << (model.has_cells ? "true" : "false") << "},\n";
  }
  return out.str();
}

std::vector<Measurement> read_measurements_csvs(const std::vector<std::string>& paths) {
  std::vector<Measurement> rows;
  for (const auto& path : paths) {
    auto more = read_measurements_csv(path);
    rows.insert(rows.end(), more.begin(), more.end());
  }
  return rows;
}

namespace {

double max_of(const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); }

// The coefficients and the in-sample errors of one family's model.
void describe(std::ostream& out, const model::CalibratedModel& model, const std::vector<Measurement>& rows) {
  out << model.family << " (" << model.source << ")\n  LUT coefficients:";
  for (std::size_t k = 0; k < model::kLutFeatureCount; ++k)
    out << " " << model::lut_feature_names()[k] << "=" << core::py::fixed(model.lut[k], 4);
  out << "\n  FF coefficients:";
  for (std::size_t k = 0; k < model::kFfFeatureCount; ++k)
    out << " " << model::ff_feature_names()[k] << "=" << core::py::fixed(model.ff[k], 4);
  std::vector<double> lut_errors, ff_errors, cell_errors;
  for (const auto& row : rows) {
    const auto hw = model::estimate_layer_hardware(row.design, model);
    lut_errors.push_back(std::abs(static_cast<double>(hw.luts) - row.luts) / std::max(1.0, row.luts));
    ff_errors.push_back(std::abs(static_cast<double>(hw.ffs) - row.ffs) / std::max(1.0, row.ffs));
    if (model.has_cells)
      cell_errors.push_back(std::abs(static_cast<double>(hw.logic_cells) - row.logic_cells) /
                            std::max(1.0, row.logic_cells));
  }
  out << "\n  in-sample LUT error: median " << core::py::fixed(100 * median_of(lut_errors), 1) << "%, max "
      << core::py::fixed(100 * max_of(lut_errors), 1) << "%; FF error: median "
      << core::py::fixed(100 * median_of(ff_errors), 1) << "%, max "
      << core::py::fixed(100 * max_of(ff_errors), 1) << "%\n";
  if (!cell_errors.empty())
    out << "  in-sample " << model.logic_unit << " error: median "
        << core::py::fixed(100 * median_of(cell_errors), 1) << "%, max "
        << core::py::fixed(100 * max_of(cell_errors), 1) << "%\n";
}

}  // namespace

std::vector<model::CalibratedModel> fit_family_models(const std::vector<std::string>& ice40_csvs,
                                                      const std::string& ecp5_csv, const std::string& source,
                                                      std::ostream& report) {
  std::vector<model::CalibratedModel> models;
  for (const auto& [family, paths] : {std::pair{std::string("ice40"), ice40_csvs},
                                      std::pair{std::string("ecp5"), std::vector<std::string>{ecp5_csv}}}) {
    auto rows = read_measurements_csvs(paths);
    std::string described = source + " synth_" + family + ", " + std::to_string(rows.size()) + " layers";
    if (family == "ecp5") {
      // A CCU2C holds carry logic worth two LUT4s (docs/hardware.md): count it, or ECP5 undercounts.
      for (auto& row : rows) row.luts += 2 * row.carries;
      described += ", LUT4 + 2 x CCU2C";
    }
    models.push_back(fit_calibrated_model(rows, family, described));
    describe(report, models.back(), rows);
  }
  return models;
}

nlohmann::json predicted_rows(const std::string& measurements_csv) {
  const model::CalibratedModel& model = model::calibrated_model_for_family("ice40");
  const model::FmaxModel* fmax = model::fmax_model_for_family("ice40");
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : read_measurements_csv(measurements_csv)) {
    // The row's seeded weights, counted: what was synthesised.
    const model::WeightCounts counts = model::seeded_weight_counts(row.design);
    const model::LayerHardware hw = model::estimate_layer_hardware(row.design, model, &counts);
    rows.push_back(
        {{"module", row.module},
         {"luts", hw.luts},
         {"ffs", hw.ffs},
         {"carries", hw.carry_cells},
         {"logic_cells", hw.logic_cells},
         {"fmax_mhz", fmax ? model::predict_layer_fmax_mhz(row.design, hw.logic_cells, *fmax) : 0.0}});
  }
  return rows;
}

}  // namespace scn::calibration
