// The fit of the layer cost model (model/cells.hpp): reading the measurement CSVs of scripts/calibrate
// synthesise, non-negative least squares on relative error, the fit's report and the generated
// src/model/calibrated/cells.inc. The estimator itself only reads the compiled-in coefficients.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "sc_neurocore/model/cells.hpp"

namespace scn::calibration {

// One synthesised configuration: its knobs and what Yosys reported.
struct Measurement {
  model::LayerDesign design;
  double luts = 0;
  double ffs = 0;
  double carries = 0;       // SB_CARRY / CCU2C cells (column optional)
  double logic_cells = -1;  // ICESTORM_LC after nextpnr-ice40 --pack-only (column optional; -1 = absent)
  std::string module;       // the generated module (column optional)
  std::string placed;       // "routed", "too_big", "timeout_300s", ... (column optional; empty = not placed)
  double fmax_mhz = -1;     // after placement, when placed == "routed" (-1 = absent)
};

// Fits the coefficients by non-negative least squares on relative error
// (each row scaled by 1 / measured), so small and large layers count alike.
// The logic-cell model is fitted when every row has a logic_cells figure.
model::CalibratedModel fit_calibrated_model(const std::vector<Measurement>& measurements,
                                            const std::string& family, const std::string& source);

// Reads a measurements CSV of scripts/calibrate (header names the columns);
// InputError naming the file, the row and the field.
std::vector<Measurement> read_measurements_csv(const std::string& path);

// The rows of every file, in order.
std::vector<Measurement> read_measurements_csvs(const std::vector<std::string>& paths);

// The coefficients as the C++ initialiser of src/model/calibrated/cells.inc.
std::string calibrated_models_cpp(const std::vector<model::CalibratedModel>& models,
                                  const std::string& command);

// `calibrate --ice40 ... --ecp5 ...`: the iCE40 model of the iCE40 files together and the ECP5 model of the
// ECP5 file (its CCU2C counted as two LUT4s), each followed by its in-sample errors on `report`.
std::vector<model::CalibratedModel> fit_family_models(const std::vector<std::string>& ice40_csvs,
                                                      const std::string& ecp5_csv, const std::string& source,
                                                      std::ostream& report);

// `calibrate --predict`: per row of a measurements CSV, the module and the iCE40 LUTs, flip-flops, carries,
// logic cells and HX fmax the compiled-in models predict from the row's knobs and seeded weights (for
// scripts/calibrate holdout).
nlohmann::json predicted_rows(const std::string& measurements_csv);

}  // namespace scn::calibration
