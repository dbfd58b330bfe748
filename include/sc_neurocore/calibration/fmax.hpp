// The fit of the fmax model (model/fmax.hpp) to nextpnr-ice40 placements: the routed rows of the
// measurement CSVs, the delay coefficients, the per-series speed scales, the fit's report and the generated
// src/model/calibrated/fmax.inc.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "sc_neurocore/model/fmax.hpp"

namespace scn::calibration {

// The median of fmax_on_device / fmax_on_calibration_device over the layers (matched by module) both CSVs
// routed; InputError when none match.
model::SeriesSpeed measure_series_speed(const std::string& series, const std::string& calibration_csv,
                                        const std::string& device_csv);

struct FmaxMeasurement {
  hw::LayerDesign design;
  double logic_cells = 0;
  double fmax_mhz = 0;
};

model::FmaxModel fit_fmax_model(const std::vector<FmaxMeasurement>& rows, const std::string& family,
                                const std::string& device, const std::string& source);
// Rows of a measurements CSV whose `placed` column says "routed" (scripts/calibrate synthesise --place).
std::vector<FmaxMeasurement> read_fmax_measurements_csv(const std::string& path);
// The C++ initialiser of src/model/calibrated/fmax.inc.
std::string fmax_models_cpp(const std::vector<model::FmaxModel>& models, const std::string& command);

// A series measured on another device: the same layers placed there (`--series-speed SERIES=CSV`).
struct SeriesCsv {
  std::string series;
  std::string csv;
};

// `calibrate --fmax-cpp-out`: the iCE40 model of the routed rows of `ice40_csvs` placed on `device`, its
// own series at scale 1 and each of `series` against the first file's layers, with its report on `report`.
model::FmaxModel fit_ice40_fmax(const std::vector<std::string>& ice40_csvs, const std::string& device,
                                const std::string& source, const std::vector<SeriesCsv>& series,
                                std::ostream& report);

}  // namespace scn::calibration
