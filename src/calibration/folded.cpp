#include "sc_neurocore/calibration/folded.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

#include "nnls.hpp"
#include "sc_neurocore/calibration/layer_rows.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/model/fmax.hpp"
#include "sc_neurocore/model/memory_blocks.hpp"
#include "sc_neurocore/sim/polynomial.hpp"

namespace scn::calibration {
namespace {

// Bits of one block of the family's block RAM (the measurements record whole blocks as bits).
double block_bits(std::string_view family) { return model::family_block_ram(family).bram_block_kbits * 1024; }

int degree_of(const hw::LayerDesign& d) {
  return sim::uses_polynomial(d.generator) ? sim::parse_polynomial(d.polynomial).degree : 0;
}

std::vector<double> features_row(const FoldedMeasurement& r, const std::string& family) {
  const model::FoldedFeatures f = model::folded_features(r.design, r.degree, family, &r.counts);
  return {f.begin(), f.end()};
}

// The SPRAM terms (model::folded_features 16, 17 and 19: the weight register, the SPRAM control, an SPRAM
// layer's input memory) fitted to what the other features leave of the SPRAM rows: min sum ((base + a . x -
// m) / m)^2 over x >= 0 (each row already divided by its measurement, so fit_nonnegative_relative's own
// scaling is 1). The other coefficients come from the block-RAM and logic-ROM rows alone, so adding SPRAM
// rows leaves every other layer's figures as they were.
void fit_spram_terms(model::FoldedFeatures& coefficients, const std::vector<FoldedMeasurement>& rows,
                     const std::string& family, double FoldedMeasurement::*measured) {
  constexpr std::size_t kTerms[] = {16, 17, 19};
  std::vector<std::vector<double>> a;
  std::vector<double> y;
  for (const FoldedMeasurement& r : rows) {
    const model::FoldedFeatures f = model::folded_features(r.design, r.degree, family, &r.counts);
    double base = 0;
    for (std::size_t k = 0; k < model::kFoldedFeatureCount; ++k)
      if (std::find(std::begin(kTerms), std::end(kTerms), k) == std::end(kTerms))
        base += coefficients[k] * f[k];
    const double m = std::max(1.0, r.*measured);
    std::vector<double>& row = a.emplace_back();
    for (const std::size_t k : kTerms) row.push_back(f[k] / m);
    y.push_back((r.*measured - base) / m);
  }
  const std::vector<double> x = fit_nonnegative_relative(a, y);
  for (std::size_t t = 0; t < std::size(kTerms); ++t) coefficients[kTerms[t]] = x[t];
}

model::FoldedFeatures fit_quantity(const std::vector<FoldedMeasurement>& rows, const std::string& family,
                                   double FoldedMeasurement::*measured) {
  std::vector<std::vector<double>> a;
  std::vector<double> y;
  for (const FoldedMeasurement& r : rows) {
    a.push_back(features_row(r, family));
    y.push_back(r.*measured);
  }
  const std::vector<double> x = fit_nonnegative_relative(a, y);
  model::FoldedFeatures out{};
  std::copy(x.begin(), x.end(), out.begin());
  return out;
}

// The critical path's delay, 1000 / fmax, of the routed rows at their measured cells.
model::FoldedFmaxFeatures fit_delay(const std::vector<FoldedMeasurement>& rows) {
  std::vector<std::vector<double>> a;
  std::vector<double> y;
  for (const FoldedMeasurement& r : rows) {
    if (r.fmax_mhz <= 0) continue;
    const model::FoldedFmaxFeatures f =
        model::folded_fmax_features(r.design, static_cast<std::int64_t>(std::llround(r.logic_cells)));
    a.emplace_back(f.begin(), f.end());
    y.push_back(1000.0 / r.fmax_mhz);
  }
  model::FoldedFmaxFeatures out{};
  if (a.empty()) return out;
  const std::vector<double> x = fit_nonnegative_relative(a, y);
  std::copy(x.begin(), x.end(), out.begin());
  return out;
}

}  // namespace

namespace {

// The speed of the series a row was placed on (its device column, "up5k:sg48": series UP) relative to the
// HX8K the folded fmax model is fitted on (model/fmax.hpp's series scales, which plans multiply by); 1 for
// the HX8K, a row without the column or a series without a scale.
double series_speed(const LayerRows& rows, std::size_t r) {
  if (!rows.header.has("device")) return 1.0;
  std::string series;
  for (const char c : rows.cells[r][rows.header.column("device")]) {
    if (std::isalpha(static_cast<unsigned char>(c)) == 0) break;
    series += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  const model::FmaxModel* fmax = model::fmax_model_for_family("ice40");
  const model::SeriesSpeed* speed = fmax ? fmax->speed(series) : nullptr;
  return speed && speed->scale > 0 ? speed->scale : 1.0;
}

}  // namespace

std::vector<FoldedMeasurement> read_folded_measurements(const std::string& path) {
  const LayerRows rows = read_layer_rows(path);
  if (!rows.header.has("neuron_lanes"))
    throw core::InputError(path + ": no neuron_lanes column: not a measurement of folded layers");
  const auto bram_bits = rows.header.column("bram_bits");
  std::vector<FoldedMeasurement> out;
  for (std::size_t r = 0; r < rows.cells.size(); ++r) {
    FoldedMeasurement m;
    m.design = row_design(rows, r);
    if (!m.design.fold.folded()) continue;
    m.counts = model::seeded_weight_counts(m.design);
    m.degree = degree_of(m.design);
    m.luts = row_number(rows, r, rows.header.column("luts"));
    m.ffs = row_number(rows, r, rows.header.column("ffs"));
    m.carries = row_number(rows, r, rows.header.column("carries"));
    m.logic_cells = row_number(rows, r, rows.header.column("logic_cells"));
    m.bram_blocks = row_number(rows, r, bram_bits) / block_bits("ice40");
    m.module = rows.cells[r][rows.header.column("module")];
    if (rows.header.has("placed") && rows.cells[r][rows.header.column("placed")] == "routed")
      m.fmax_mhz = row_number(rows, r, rows.header.column("fmax_mhz")) / series_speed(rows, r);
    out.push_back(std::move(m));
  }
  if (out.empty()) throw core::InputError(path + ": no folded layer (neuron_lanes > 0) measured");
  return out;
}

model::FoldedModel fit_folded_model(const std::vector<FoldedMeasurement>& rows, const std::string& family,
                                    const std::string& source) {
  model::FoldedModel m;
  m.family = family;
  m.source = source + ", " + std::to_string(rows.size()) + " folded layers";
  // Block-RAM and logic-ROM rows fit the shared features and the delay; SPRAM rows only their own terms.
  std::vector<FoldedMeasurement> base, spram;
  for (const FoldedMeasurement& r : rows)
    (r.design.fold.memory == hw::WeightMemory::kSpram ? spram : base).push_back(r);
  const std::pair<model::FoldedFeatures*, double FoldedMeasurement::*> quantities[] = {
      {&m.luts, &FoldedMeasurement::luts},
      {&m.ffs, &FoldedMeasurement::ffs},
      {&m.carries, &FoldedMeasurement::carries},
      {&m.cells, &FoldedMeasurement::logic_cells}};
  for (const auto& [coefficients, measured] : quantities) {
    *coefficients = fit_quantity(base, family, measured);
    if (!spram.empty()) fit_spram_terms(*coefficients, spram, family, measured);
  }
  m.delay_ns = fit_delay(base);
  return m;
}

std::string folded_model_cpp(const model::FoldedModel& model, const std::string& command) {
  std::ostringstream out;
  out << "// Generated by `" << command << "`; do not edit.\n";
  out << "// Per family: source, then LUT, FF, carry and logic-cell coefficients of the folded-layer "
         "features "
         "and the fmax delay coefficients (model/folded_cells.hpp).\n";
  out << "{\"" << model.family << "\", \"" << model.source << "\",\n";
  const auto repr = [](double v) { return core::py::float_repr(v); };
  for (const model::FoldedFeatures* values : {&model.luts, &model.ffs, &model.carries, &model.cells})
    out << " {" << core::join(*values, ", ", repr) << "},\n";
  out << " {" << core::join(model.delay_ns, ", ", repr) << "},\n";
  out << "},\n";
  return out.str();
}

FoldedCheck check_folded_model(const model::FoldedModel& model, const std::vector<FoldedMeasurement>& rows,
                               std::ostream& report) {
  FoldedCheck check;
  check.rows = rows.size();
  std::vector<double> cells, luts, ffs, fmax;
  std::vector<std::pair<double, std::string>> worst;
  for (const FoldedMeasurement& r : rows) {
    const model::LayerHardware h = model::folded_layer_hardware(model, r.design, r.degree, &r.counts);
    const auto c = static_cast<double>(h.logic_cells);
    cells.push_back(std::fabs(c - r.logic_cells) / std::max(1.0, r.logic_cells));
    worst.emplace_back(cells.back(), r.module + ": " + core::py::fixed(c, 0) + " cells predicted, " +
                                         core::py::fixed(r.logic_cells, 0) + " measured");
    luts.push_back(std::fabs(static_cast<double>(h.luts) - r.luts) / std::max(1.0, r.luts));
    ffs.push_back(std::fabs(static_cast<double>(h.ffs) - r.ffs) / std::max(1.0, r.ffs));
    if (r.fmax_mhz > 0) {
      const double predicted =
          model::folded_fmax_mhz(model, r.design, static_cast<std::int64_t>(std::llround(r.logic_cells)));
      fmax.push_back(std::fabs(predicted - r.fmax_mhz) / r.fmax_mhz);
    }
    const double blocks = static_cast<double>(h.bram_bits) / block_bits(model.family);
    if (blocks != r.bram_blocks) {
      ++check.bram_mismatches;
      report << "  block RAM: " << r.module << " predicted " << blocks << ", measured " << r.bram_blocks
             << "\n";
    }
  }
  std::sort(worst.begin(), worst.end(), std::greater<>());
  for (std::size_t k = 0; k < worst.size() && k < 5; ++k) report << "  " << worst[k].second << "\n";
  check.cells_median = median_of(cells);
  check.cells_max = cells.empty() ? 0.0 : *std::max_element(cells.begin(), cells.end());
  check.luts_median = median_of(luts);
  check.ffs_median = median_of(ffs);
  check.routed = fmax.size();
  check.fmax_median = median_of(fmax);
  check.fmax_max = fmax.empty() ? 0.0 : *std::max_element(fmax.begin(), fmax.end());
  report << "  " << check.rows << " folded layers: cells median "
         << core::py::fixed(100 * check.cells_median, 1) << " %, max "
         << core::py::fixed(100 * check.cells_max, 1) << " %; LUTs median "
         << core::py::fixed(100 * check.luts_median, 1) << " %; FFs median "
         << core::py::fixed(100 * check.ffs_median, 1) << " %; block RAM wrong on " << check.bram_mismatches
         << "\n";
  report << "  fmax (" << check.routed << " routed): median " << core::py::fixed(100 * check.fmax_median, 1)
         << " %, max " << core::py::fixed(100 * check.fmax_max, 1) << " %\n";
  return check;
}

}  // namespace scn::calibration
