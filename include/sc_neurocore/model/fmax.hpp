// The clock a generated layer closes at after placement and routing: its
// critical-path delay as a non-negative combination of the structures on the
// path (SNG comparator carry chain, popcount adder-tree depth, accumulator
// carry chain, exact multiply-add, generator logic, spread over the die),
// fitted to nextpnr-ice40 placements of seeded layers behind a few-pin wrapper
// (scripts/calibrate synthesise --place; data/calibration/). fmax = 1000 / delay.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sc_neurocore/hw/layer_design.hpp"

namespace scn::model {

inline constexpr std::size_t kFmaxFeatureCount = 10;
using FmaxFeatures = std::array<double, kFmaxFeatureCount>;
const std::array<const char*, kFmaxFeatureCount>& fmax_feature_names();
// `logic_cells` is the layer's predicted (or measured) size: routes get longer as a design spreads.
FmaxFeatures fmax_features(const hw::LayerDesign& design, std::int64_t logic_cells);

// fmax of a series relative to the calibration device's: the median ratio of the same layers placed on both.
struct SeriesSpeed {
  std::string series;  // catalogue series: "HX", "LP", "UP"
  double scale = 1.0;
  int layers = 0;  // how many layers the ratio comes from (0: the calibration device's own series)
};

struct FmaxModel {
  std::string family;  // "ice40"
  std::string source;  // tool, device, flow, sample size
  std::string device;  // catalogue key of the device the placements ran on
  FmaxFeatures delay_ns{};
  double calibrated_clock_mhz = 0.0;  // median fmax of the calibration layers: the default clock
  std::vector<SeriesSpeed> speeds{};  // per series; a series not listed has no calibrated fmax

  // The scale of `series`, nullptr when not calibrated.
  const SeriesSpeed* speed(const std::string& series) const;
};

// The compiled-in models (src/model/calibrated/fmax.inc); nullptr for a family without one.
const FmaxModel* fmax_model_for_family(const std::string& family);

// Predicted fmax in MHz of one layer on the calibration device (multiply by the series' speed scale).
double predict_layer_fmax_mhz(const hw::LayerDesign& design, std::int64_t logic_cells,
                              const FmaxModel& model);

// How far below its predicted fmax a design is clocked by default (the fmax model's hold-out bound is 15 %).
inline constexpr double kClockMargin = 0.85;

// The default clock of a design whose slowest layer is predicted at `fmax` MHz: kClockMargin below it,
// rounded down to 0.1 MHz, never above `cap` (the device's calibrated clock); and the clock_basis saying so.
double met_clock_mhz(double fmax, double cap);
std::string met_clock_basis(double fmax, double cap, double clock);

}  // namespace scn::model
