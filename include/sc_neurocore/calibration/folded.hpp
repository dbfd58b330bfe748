// The fit of the folded-layer cost model (model/folded_cells.hpp) to measured folded layers
// (scripts/calibrate folded-sample, then synthesise): reading the CSVs, the fit, its report, the generated
// src/model/calibrated/folded.inc, and the held-out check of the compiled-in model.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "sc_neurocore/hw/layer_design.hpp"
#include "sc_neurocore/model/folded_cells.hpp"

namespace scn::calibration {

// One measured folded layer: its design, what its seeded weights make of it, and the tools' figures.
struct FoldedMeasurement {
  hw::LayerDesign design;
  model::WeightCounts counts;
  int degree = 0;  // of the LFSR polynomial
  double luts = 0, ffs = 0, carries = 0, logic_cells = 0, bram_blocks = 0;
  double fmax_mhz = 0;  // 0: not routed; in HX8K units (a UP5K row's fmax over the UP series' speed scale)
  std::string module;
};

// The folded rows of a measurements CSV (rows with neuron_lanes > 0); InputError naming the file, the row and
// the field.
std::vector<FoldedMeasurement> read_folded_measurements(const std::string& path);

// Non-negative least squares on relative error, per quantity, for `family`.
model::FoldedModel fit_folded_model(const std::vector<FoldedMeasurement>& rows, const std::string& family,
                                    const std::string& source);

// The coefficients as one initialiser of src/model/calibrated/folded.inc.
std::string folded_model_cpp(const model::FoldedModel& model, const std::string& command);

// How a model predicts measured rows: per quantity the median and largest |relative error| of the cells, and
// the rows whose block RAM count differs.
struct FoldedCheck {
  std::size_t rows = 0;
  double cells_median = 0, cells_max = 0, luts_median = 0, ffs_median = 0;
  // Of the routed rows: |relative error| of the model's fmax at the measured cells.
  double fmax_median = 0, fmax_max = 0;
  std::size_t routed = 0;
  std::size_t bram_mismatches = 0;
};
FoldedCheck check_folded_model(const model::FoldedModel& model, const std::vector<FoldedMeasurement>& rows,
                               std::ostream& report);

}  // namespace scn::calibration
