// The synthesis-calibrated hardware cost of one SC layer datapath: LUTs and
// flip-flops as a non-negative combination of structural features of the
// generated Verilog (hw/layer_design.hpp), with coefficients fitted to Yosys
// measurements (data/calibration/, scripts/regenerate-calibration) and
// compiled in (src/hw/calibrated_model.inc).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sc_neurocore/hw/layer_design.hpp"

namespace scn::hw {

// Expected-value features: an estimate sees knobs, not the weights, so the
// number of distinct weight comparators is its expectation over random weights.
inline constexpr std::size_t kLutFeatureCount = 13;
inline constexpr std::size_t kFfFeatureCount = 5;
using LutFeatures = std::array<double, kLutFeatureCount>;
using FfFeatures = std::array<double, kFfFeatureCount>;

const std::array<const char*, kLutFeatureCount>& lut_feature_names();
const std::array<const char*, kFfFeatureCount>& ff_feature_names();
// `family` matters where synthesis maps differently: on iCE40 the Halton
// base-3 ROM of L >= 64 points goes to block RAM instead of LUTs.
LutFeatures lut_features(const LayerDesign& design, std::string_view family);
FfFeatures ff_features(const LayerDesign& design);

inline constexpr int kIce40RomBramMinDepth = 64;
// Block-RAM bits of the layer on `family`: whole SB_RAM40_4K blocks of the
// iCE40 Halton ROM (measured: ceil(L * b / 4096) blocks), 0 elsewhere.
std::int64_t rom_bram_bits(const LayerDesign& design, std::string_view family);

// Expected distinct non-zero values among `draws` uniform draws from 2^q - 1 values.
double expected_distinct_weights(double draws, int weight_bits);

struct CalibratedModel {
  std::string family;  // "ice40", "ecp5"
  std::string source;  // tool, flow and sample size the coefficients came from
  LutFeatures lut{};
  FfFeatures ff{};
};

// The compiled-in models; the FPGA target's family picks one ("ice40" -> ice40,
// "ecp5" -> ecp5, the LUT6 families fall back to ecp5's LUT4 model, stated in the report).
const std::vector<CalibratedModel>& calibrated_models();
const CalibratedModel& calibrated_model_for_target(std::string_view target_key);

struct LayerHardware {
  std::int64_t luts = 0;
  std::int64_t ffs = 0;
  std::int64_t bram_bits = 0;  // ROM bits of the Halton base-3 table when the family maps it to RAM
  std::string model;           // the calibration that produced the figures
};

LayerHardware estimate_layer_hardware(const LayerDesign& design, const CalibratedModel& model);

// The hot path of the planner: `design` has passed validate() and `polynomial_degree` is the degree of its
// LFSR polynomial (any value for Sobol and Halton). No parsing, no allocation beyond the result's model name
// (left empty).
LayerHardware estimate_validated_layer_hardware(const LayerDesign& design, int polynomial_degree,
                                                const CalibratedModel& model);

// One synthesised configuration: its knobs and what Yosys reported.
struct Measurement {
  LayerDesign design;
  double luts = 0;
  double ffs = 0;
  double carries = 0;  // SB_CARRY / CCU2C cells (column optional)
};

// Fits the coefficients by non-negative least squares on relative error
// (each row scaled by 1 / measured), so small and large layers count alike.
CalibratedModel fit_calibrated_model(const std::vector<Measurement>& measurements, const std::string& family,
                                     const std::string& source);

// Reads a measurements CSV of scripts/calibrate (header names the columns);
// InputError naming the file, the row and the field.
std::vector<Measurement> read_measurements_csv(const std::string& path);

// The coefficients as the C++ initialiser of src/hw/calibrated_model.inc.
std::string calibrated_models_cpp(const std::vector<CalibratedModel>& models, const std::string& command);

}  // namespace scn::hw
