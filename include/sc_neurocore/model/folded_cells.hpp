// The synthesis-calibrated cost of a folded SC layer (hw/folded_layer.hpp): LUTs, flip-flops, carry cells and
// packed logic cells as a non-negative combination of the structures the folded module is made of (its
// random source, counters, input and weight lanes, accumulators and, for a logic ROM, the ROM), fitted to
// Yosys + nextpnr-ice40 measurements of folded layers (src/calibration/folded.cpp; coefficients generated
// into src/model/calibrated/folded.inc); and its block RAM, counted the way Yosys maps the weight memory
// (model/memory_blocks.hpp).
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "sc_neurocore/model/cells.hpp"

namespace scn::model {

inline constexpr std::size_t kFoldedFeatureCount = 20;
using FoldedFeatures = std::array<double, kFoldedFeatureCount>;
const std::array<const char*, kFoldedFeatureCount>& folded_feature_names();

// The clock after placement: the critical path's delay (ns) as a non-negative combination of the structures
// on the lanes' paths (input multiplexer levels, comparators, popcount levels, accumulator carry chain,
// fan-outs, random source), fitted to folded layers placed behind the two-pin wrapper. fmax = 1000 / delay.
inline constexpr std::size_t kFoldedFmaxFeatureCount = 12;
using FoldedFmaxFeatures = std::array<double, kFoldedFmaxFeatureCount>;
const std::array<const char*, kFoldedFmaxFeatureCount>& folded_fmax_feature_names();
FoldedFmaxFeatures folded_fmax_features(const LayerDesign& design, std::int64_t logic_cells);

struct FoldedModel {
  std::string family;
  std::string source;  // tools and sample the coefficients came from
  FoldedFeatures luts{}, ffs{}, carries{}, cells{};
  FoldedFmaxFeatures delay_ns{};  // all 0: no routed layers fitted
};

// The compiled-in models (one per family measured); nullptr when the family has none.
const FoldedModel* folded_model_for_family(std::string_view family);

// `polynomial_degree`: of the design's LFSR polynomial (any value for Sobol and Halton). `weights`: the
// memory's varying bits and the signs from the real weights; without them every bit of the memory's words
// varies and the design's negative_fraction says whether it is signed.
FoldedFeatures folded_features(const LayerDesign& design, int polynomial_degree, std::string_view family,
                               const WeightCounts* weights = nullptr);

// fmax in MHz of a folded layer on the model's calibration device, at `logic_cells`.
double folded_fmax_mhz(const FoldedModel& model, const LayerDesign& design, std::int64_t logic_cells);
// The same with the family's compiled-in model; 0 when the family has none.
double predict_folded_fmax_mhz(const LayerDesign& design, std::int64_t logic_cells, std::string_view family);

// The weight memory's bit columns that differ between words, of the real weights or (without) all of them.
std::int64_t folded_memory_varying_bits(const LayerDesign& design, const WeightCounts* weights);
// Of those, the distinct ones (a logic ROM's), of the real weights or (without) at most 2^words - 2.
std::int64_t folded_memory_distinct_columns(const LayerDesign& design, const WeightCounts* weights);

// Block-RAM bits of a folded layer (whole blocks of the family's block RAM): the weight memory in block RAM,
// counted as Yosys maps it, a Halton ROM that goes to block RAM as in the spatial layer, and the input memory
// (Fold::input_memory).
std::int64_t folded_bram_bits(const LayerDesign& design, std::string_view family,
                              const WeightCounts* weights = nullptr);

// Cells, LUTs, FFs, carries and block-RAM bits of a folded layer by `model` (the fit checks its own this
// way).
LayerHardware folded_layer_hardware(const FoldedModel& model, const LayerDesign& design,
                                    int polynomial_degree, const WeightCounts* weights = nullptr);

// Cells, LUTs, FFs, carries and block-RAM bits (whole blocks of the family's block RAM) of a folded layer.
// InputError when the family has no folded model.
LayerHardware estimate_folded_layer_hardware(const LayerDesign& design, int polynomial_degree,
                                             std::string_view family, const WeightCounts* weights = nullptr);

}  // namespace scn::model
