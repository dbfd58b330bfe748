#include "sc_neurocore/model/folded_cells.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "sc_neurocore/core/bits.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/hw/folded_layer.hpp"
#include "sc_neurocore/hw/verilog.hpp"
#include "sc_neurocore/model/memory_blocks.hpp"
#include "sc_neurocore/sim/polynomial.hpp"

namespace scn::model {
namespace {

const std::vector<FoldedModel> kFoldedModels = {
#include "calibrated/folded.inc"
};

double dot(const FoldedFeatures& a, const FoldedFeatures& b) {
  double sum = 0.0;
  for (std::size_t k = 0; k < kFoldedFeatureCount; ++k) sum += a[k] * b[k];
  return sum;
}

std::int64_t count_of(double value) { return std::max<std::int64_t>(0, std::llround(value)); }

bool folded_signed(const LayerDesign& d, const WeightCounts* weights) {
  return weights ? weights->is_signed : hw::negative_synapses(d) > 0;
}

// The random source's cost: LFSR registers, Sobol's direction multiplexers, Halton's base-3 ROM when it stays
// in LUTs (as in the spatial layer; the folded layer restarts the same source with every chunk). The weights'
// random number is read on its top q bits only, so synthesis keeps only those of Sobol's r_w register and of
// the Halton ROM.
void random_source_features(FoldedFeatures& f, const LayerDesign& d, int degree, std::string_view family) {
  const double b = d.precision, q = effective_weight_bits(d);
  const double cw = hw::cycle_counter_width(d);
  if (sim::uses_polynomial(d.generator)) f[1] = degree * (d.generator == sim::Generator::kLfsr ? 2.0 : 1.0);
  if (d.generator == sim::Generator::kSobol) f[2] = (b + q) * cw;
  if (d.generator == sim::Generator::kHalton && rom_bram_bits(d, family) == 0)
    f[3] = q * d.bitstream_length / 16.0;
}

// The Halton ROM in block RAM (rom_bram_bits decides, as in the spatial layer): mapped at its b bits, of
// which the blocks holding the top q are kept.
std::int64_t halton_rom_bram_bits(const LayerDesign& d, std::string_view family) {
  if (rom_bram_bits(d, family) == 0) return 0;
  const Device& block = family_block_ram(family);
  const auto depth = static_cast<std::int64_t>(std::bit_ceil(static_cast<std::uint64_t>(d.bitstream_length)));
  const int q = effective_weight_bits(d);
  return blocks_holding_columns(block, d.precision, depth, d.precision - q, q) *
         static_cast<std::int64_t>(block.bram_block_kbits * 1024);
}

}  // namespace

const std::array<const char*, kFoldedFeatureCount>& folded_feature_names() {
  static const std::array<const char*, kFoldedFeatureCount> names = {"constant",
                                                                     "lfsr_bits",
                                                                     "sobol_bits",
                                                                     "halton_rom_bits",
                                                                     "counters",
                                                                     "input_comparators",
                                                                     "input_mux",
                                                                     "weight_compare",
                                                                     "products",
                                                                     "popcount_tree",
                                                                     "accumulators",
                                                                     "group_match",
                                                                     "logic_rom",
                                                                     "rom_register",
                                                                     "constant_weight_compare",
                                                                     "logic_weight_compare",
                                                                     "spram_weight_register",
                                                                     "spram_control",
                                                                     "input_memory_lanes",
                                                                     "spram_input_memory_lanes"};
  return names;
}

const FoldedModel* folded_model_for_family(std::string_view family) {
  for (const FoldedModel& m : kFoldedModels)
    if (m.family == family) return &m;
  return nullptr;
}

std::int64_t folded_memory_varying_bits(const LayerDesign& d, const WeightCounts* weights) {
  if (weights && weights->memory_varying_bits >= 0) return weights->memory_varying_bits;
  const hw::FoldShape s = hw::fold_shape(d, folded_signed(d, weights));
  return s.chunks > 1 ? s.word_bits : 0;
}

std::int64_t folded_memory_distinct_columns(const LayerDesign& d, const WeightCounts* weights) {
  if (weights && weights->memory_distinct_columns >= 0) return weights->memory_distinct_columns;
  const std::int64_t varying = folded_memory_varying_bits(d, weights);
  const int words = hw::fold_shape(d, folded_signed(d, weights)).chunks;
  return words >= 62 ? varying : std::min(varying, (std::int64_t{1} << words) - 2);
}

namespace {

// An SPRAM layer (hw/folded_layer.hpp, "Weights in SPRAM"): the weight register the fetch cycles fill (its
// word's bits, a flip-flop each), and the control a block-RAM layer does not have: the load row and block
// counters, the row address, the fetch row counter and flag, and the address multiplexer.
void spram_features(FoldedFeatures& f, const LayerDesign& d, const hw::FoldShape& s) {
  if (d.fold.memory != hw::WeightMemory::kSpram) return;
  const hw::SpramLayout l = hw::spram_layout(d);
  const auto width = [](std::int64_t v) { return core::register_width(static_cast<std::uint64_t>(v)); };
  f[16] = s.word_bits;
  f[17] = width(l.rows) + width(l.blocks - 1) + width(l.rows + 1) + width(l.rows_per_chunk - 1) + 1 +
          width(l.rows - 1);
}

}  // namespace

FoldedFeatures folded_features(const LayerDesign& d, int degree, std::string_view family,
                               const WeightCounts* weights) {
  const bool is_signed = folded_signed(d, weights);
  const hw::FoldShape s = hw::fold_shape(d, is_signed);
  const double b = d.precision, q = effective_weight_bits(d);
  const double pe = d.fold.neuron_lanes, simd = d.fold.input_lanes, lanes = pe * simd;
  const double sign = is_signed ? 2.0 : 1.0;
  const int sw = hw::sc_ones_width(d, is_signed || d.bias_corrected);
  const bool logic = d.fold.memory == hw::WeightMemory::kLogic;
  const int gw = core::register_width(static_cast<std::uint64_t>(s.neuron_groups));
  FoldedFeatures f{};
  f[0] = 1.0;
  random_source_features(f, d, degree, family);
  f[4] = hw::cycle_counter_width(d) + core::register_width(static_cast<std::uint64_t>(s.neuron_groups)) +
         core::register_width(static_cast<std::uint64_t>(s.input_slices - 1)) +
         core::register_width(static_cast<std::uint64_t>(s.chunks));
  f[5] = simd * b;
  // Inputs in block RAM (Fold::input_memory): no multiplexer; the memory's read address is the slice's next
  // value (a few LUTs); the staging register and its counters sit in the network's top (model/glue).
  f[6] = d.fold.input_memory ? 0.0 : simd * b * (s.input_slices - 1);
  // What the lanes' comparators read from the input memory instead (block RAM outputs do not pack with the
  // comparators' LUTs as a multiplexer's do), and its read address; an SPRAM layer's apart (its fetch cycles
  // leave the read address other logic to pack with), fitted with the SPRAM terms.
  const double input_memory_lanes =
      d.fold.input_memory ? simd * b + core::register_width(static_cast<std::uint64_t>(s.input_slices - 1))
                          : 0.0;
  f[d.fold.memory == hw::WeightMemory::kSpram ? 19 : 18] = input_memory_lanes;
  // The weight comparators: a single chunk's word is a constant, compared as the spatial layer compares its
  // constants; a logic ROM's few bits merge with the comparators.
  f[7] = s.chunks > 1 && !logic ? lanes * q : 0.0;
  f[14] = s.chunks > 1 ? 0.0 : lanes * q;
  f[15] = s.chunks > 1 && logic ? lanes * q : 0.0;
  f[8] = lanes * sign;
  // Each lane's popcount: Yosys chains SIMD - 1 adders of the popcount's width (per sign).
  f[9] = pe * (simd - 1) * core::register_width(static_cast<std::uint64_t>(d.fold.input_lanes)) * sign;
  f[10] = static_cast<double>(d.n_neurons) * sw;
  f[11] = static_cast<double>(d.n_neurons) * (s.neuron_groups > 1 ? gw : 0);  // each neuron's group match
  // A logic ROM: its functions per varying column, its output flip-flops per distinct column (identical ones
  // merge).
  f[12] = logic ? static_cast<double>(folded_memory_varying_bits(d, weights)) * s.chunks / 16.0 : 0.0;
  f[13] = logic ? static_cast<double>(folded_memory_distinct_columns(d, weights)) : 0.0;
  spram_features(f, d, s);
  return f;
}

const std::array<const char*, kFoldedFmaxFeatureCount>& folded_fmax_feature_names() {
  static const std::array<const char*, kFoldedFmaxFeatureCount> names = {
      "constant",         "input_mux_levels", "input_bits",       "weight_bits",
      "popcount_levels",  "accumulator_bits", "lane_fanout_log2", "group_fanout_log2",
      "sobol_index_bits", "halton_rom",       "logic_rom_levels", "log2_cells"};
  return names;
}

FoldedFmaxFeatures folded_fmax_features(const LayerDesign& d, std::int64_t logic_cells) {
  const hw::FoldShape s = hw::fold_shape(d, false);
  const auto log2_at_least_one = [](double v) { return std::log2(std::max(1.0, v)); };
  FoldedFmaxFeatures f{};
  f[0] = 1.0;
  // Inputs in block RAM arrive registered from the memory: no multiplexer on the lanes' path.
  f[1] = d.fold.input_memory ? 0.0 : std::ceil(log2_at_least_one(s.input_slices));
  f[2] = d.precision;
  f[3] = effective_weight_bits(d);
  f[4] = std::ceil(log2_at_least_one(d.fold.input_lanes + 1.0));
  f[5] = hw::sc_ones_width(d, true);
  f[6] = log2_at_least_one(d.fold.neuron_lanes);
  f[7] = log2_at_least_one(d.n_neurons);
  f[8] = d.generator == sim::Generator::kSobol ? hw::cycle_counter_width(d) : 0.0;
  f[9] = d.generator == sim::Generator::kHalton ? 1.0 : 0.0;
  f[10] = d.fold.memory == hw::WeightMemory::kLogic ? std::ceil(log2_at_least_one(s.chunks)) : 0.0;
  f[11] = log2_at_least_one(static_cast<double>(logic_cells));
  return f;
}

double folded_fmax_mhz(const FoldedModel& model, const LayerDesign& d, std::int64_t logic_cells) {
  const FoldedFmaxFeatures f = folded_fmax_features(d, logic_cells);
  double delay = 0.0;
  for (std::size_t k = 0; k < kFoldedFmaxFeatureCount; ++k) delay += model.delay_ns[k] * f[k];
  return delay > 0 ? 1000.0 / delay : 0.0;
}

double predict_folded_fmax_mhz(const LayerDesign& d, std::int64_t logic_cells, std::string_view family) {
  const FoldedModel* model = folded_model_for_family(family);
  return model ? folded_fmax_mhz(*model, d, logic_cells) : 0.0;
}

LayerHardware folded_layer_hardware(const FoldedModel& model, const LayerDesign& d, int degree,
                                    const WeightCounts* weights) {
  const FoldedFeatures f = folded_features(d, degree, model.family, weights);
  LayerHardware out;
  out.luts = count_of(dot(model.luts, f));
  out.ffs = count_of(dot(model.ffs, f));
  out.carry_cells = count_of(dot(model.carries, f));
  out.logic_cells = std::max({count_of(dot(model.cells, f)), out.luts, out.ffs});
  out.bram_bits = folded_bram_bits(d, model.family, weights);
  return out;
}

LayerHardware estimate_folded_layer_hardware(const LayerDesign& d, int degree, std::string_view family,
                                             const WeightCounts* weights) {
  const FoldedModel* model = folded_model_for_family(family);
  if (!model)
    throw core::InputError("no calibrated cost model of folded layers for device family '" +
                           std::string(family) + "' (there is one for ice40)");
  return folded_layer_hardware(*model, d, degree, weights);
}

std::int64_t folded_bram_bits(const LayerDesign& d, std::string_view family, const WeightCounts* weights) {
  std::int64_t bits = halton_rom_bram_bits(d, family);
  if (d.fold.memory == hw::WeightMemory::kBlockRam) {
    const Device& block = family_block_ram(family);
    const std::int64_t words = hw::fold_shape(d, folded_signed(d, weights)).chunks;
    bits += memory_blocks(block, folded_memory_varying_bits(d, weights), words) *
            static_cast<std::int64_t>(block.bram_block_kbits * 1024);
  }
  if (d.fold.input_memory) {
    // Every bit of the input memory varies: the inputs are written at run time.
    const Device& block = family_block_ram(family);
    bits += memory_blocks(block, static_cast<std::int64_t>(d.fold.input_lanes) * d.precision,
                          hw::fold_shape(d, false).input_slices) *
            static_cast<std::int64_t>(block.bram_block_kbits * 1024);
  }
  return bits;
}

}  // namespace scn::model
