// The synthesis-calibrated hardware cost of one SC layer datapath: LUTs,
// flip-flops and carry cells as a non-negative combination of structural
// features of the generated Verilog (hw/layer_design.hpp), fitted to Yosys
// measurements, and on iCE40 the logic cells (ICESTORM_LC: one LUT4 + carry +
// flip-flop) after nextpnr-ice40 packing, fitted to nextpnr's pack report.
// Coefficients: data/calibration/, scripts/regenerate-calibration, compiled in
// from src/model/calibrated/cells.inc.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sc_neurocore/hw/layer_design.hpp"
#include "sc_neurocore/hw/weights.hpp"

namespace scn::model {
using hw::LayerDesign;

// Expected-value features: an estimate sees knobs, not the weights, so the
// number of distinct weight comparators is its expectation over random weights.
inline constexpr std::size_t kLutFeatureCount = 17;
inline constexpr std::size_t kFfFeatureCount = 5;
using LutFeatures = std::array<double, kLutFeatureCount>;
using FfFeatures = std::array<double, kFfFeatureCount>;
// Packing: a logic cell holds one LUT, one carry and one flip-flop, so the cells a structure takes depend on
// which of its LUTs, carries and flip-flops pair up. The cell model sees every LUT and FF feature (each
// structure's own cost per unit) plus the structures whose carries or flip-flops stand alone.
inline constexpr std::size_t kCellFeatureCount = kLutFeatureCount + kFfFeatureCount;
using CellFeatures = std::array<double, kCellFeatureCount>;

const std::array<const char*, kLutFeatureCount>& lut_feature_names();
const std::array<const char*, kFfFeatureCount>& ff_feature_names();

// What real weights make of a layer, for the features to count instead of expecting: synapses with a zero
// weight have no logic, synapses with equal weights share a comparator.
struct WeightCounts {
  std::int64_t distinct_sc_weights = 0;  // distinct comparators: non-zero magnitudes of the SC synapses,
                                         // on the compared bits (compared_weight_bits)
  std::int64_t sc_synapses = 0;          // non-zero SC synapses (inputs i >= exact_inputs)
  std::int64_t exact_synapses = 0;       // non-zero exact synapses (inputs i < exact_inputs)
  std::int64_t sc_inputs_used = 0;       // SC inputs with at least one non-zero synapse
  double exact_set_bits = 0.0;           // mean set bits of the exact synapses' weights (0 when none)
  // Some weight is negative: every accumulator is one bit wider, and a neuron with a negative SC synapse
  // accumulates acc + pos - neg (docs/hardware.md, "Signed layers").
  bool is_signed = false;
  std::int64_t mixed_sign_neurons = 0;    // neurons with a positive and a negative SC synapse (pos - neg)
  std::int64_t negative_sc_synapses = 0;  // non-zero SC synapses with a negative weight
  // What the network's top removes with the zero weights (model/glue.hpp): the register of an input no
  // synapse reads, the activation of a neuron without a synapse.
  std::int64_t inputs_used = 0;   // inputs with at least one non-zero synapse
  std::int64_t live_neurons = 0;  // neurons with at least one non-zero synapse
  // A folded layer's weight memory: its bit columns that differ between words (Yosys drops the constant
  // ones, model/memory_blocks.hpp); -1 for a spatial layer.
  std::int64_t memory_varying_bits = -1;
  // Of those, a logic ROM's distinct ones (model/memory_blocks.hpp, distinct_varying_columns); -1 when not
  // counted (not a logic ROM, or a memory above kDistinctColumnsLimit bits).
  std::int64_t memory_distinct_columns = -1;
  bool operator==(const WeightCounts&) const = default;
};

// The weight bits a comparator SNG compares: q, or for Sobol the min(q, bit_length(L)) top bits its stream
// varies in (docs/hardware.md).
int compared_weight_bits(const LayerDesign& design);
// The counts of `weights` (quantised at the design's precision and weight bits, n_inputs x n_neurons) in
// `design`'s split of exact and SC synapses. InputError when the sizes differ.
WeightCounts count_weights(const LayerDesign& design, const hw::SignedLayerWeights& weights);

// The counts of the weights emit-verilog generates for `design` (hw::make_signed_layer_weights: its seed,
// sparsity and negative_fraction): what a calibration row synthesised.
WeightCounts seeded_weight_counts(const LayerDesign& design);

// Whether the layer's neurons are signed: real weights say so; without them, the design's negative_fraction
// does (a negated synapse: hw::negative_synapses > 0).
bool is_signed_layer(const LayerDesign& design, const WeightCounts* weights = nullptr);

// `family` matters where synthesis maps differently: on iCE40 a Halton base-3 ROM of more than 1,024 bits
// (rom_bram_bits) goes to block RAM instead of LUTs. Without `weights` the weight-dependent features are
// expectations over random weights.
LutFeatures lut_features(const LayerDesign& design, std::string_view family,
                         const WeightCounts* weights = nullptr);
FfFeatures ff_features(const LayerDesign& design, const WeightCounts* weights = nullptr);
CellFeatures cell_features(const LayerDesign& design, std::string_view family,
                           const WeightCounts* weights = nullptr);

// How synthesis maps the iCE40 Halton ROM (rom_bram_bits): in LUTs up to this many bits of its power-of-two
// depth, else in SB_RAM40_4K blocks of kIce40BramBits bits and at least kIce40BramMinDepth words deep.
inline constexpr std::int64_t kIce40RomLutMaxBits = 1024;
inline constexpr std::int64_t kIce40BramBits = 4096;
inline constexpr std::int64_t kIce40BramMinDepth = 256;
// Block-RAM bits of the layer on `family`: whole SB_RAM40_4K blocks of the iCE40 Halton ROM, 0 elsewhere.
std::int64_t rom_bram_bits(const LayerDesign& design, std::string_view family);

// Expected distinct non-zero values among `draws` uniform draws from 2^q - 1 values.
double expected_distinct_weights(double draws, int weight_bits);

struct CalibratedModel {
  std::string family;  // "ice40", "ecp5"
  std::string source;  // tool, flow and sample size the coefficients came from
  LutFeatures lut{};
  FfFeatures ff{};
  LutFeatures carry{};  // SB_CARRY (iCE40) / CCU2C (ECP5) cells
  // Logic cells after packing, in `logic_unit`; empty when the unit is the LUT itself (ECP5: LUT4 + 2 x
  // CCU2C).
  std::string logic_unit;
  CellFeatures cells{};
  bool has_cells = false;
};

// The compiled-in models; the device family picks one ("ice40" -> ice40, "ecp5" -> ecp5, the LUT6 families
// fall back to ecp5's LUT4 model, stated in the report).
const std::vector<CalibratedModel>& calibrated_models();
const CalibratedModel& calibrated_model_for_family(std::string_view family);

struct LayerHardware {
  std::int64_t luts = 0;
  std::int64_t ffs = 0;
  std::int64_t carry_cells = 0;
  std::int64_t logic_cells = 0;  // the unit that decides fitting (model.logic_unit, else luts)
  std::int64_t bram_bits = 0;    // ROM bits of the Halton base-3 table when the family maps it to RAM
  std::string model;             // the calibration that produced the figures
};

LayerHardware estimate_layer_hardware(const LayerDesign& design, const CalibratedModel& model,
                                      const WeightCounts* weights = nullptr);

// The hot path of the planner: `design` has passed validate() and `polynomial_degree` is the degree of its
// LFSR polynomial (any value for Sobol and Halton). No parsing, no allocation beyond the result's model name
// (left empty).
LayerHardware estimate_validated_layer_hardware(const LayerDesign& design, int polynomial_degree,
                                                const CalibratedModel& model,
                                                const WeightCounts* weights = nullptr);

}  // namespace scn::model
