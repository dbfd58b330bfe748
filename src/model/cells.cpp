#include "sc_neurocore/model/cells.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "linear_model.hpp"
#include "sc_neurocore/core/bits.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/hw/folded_layer.hpp"
#include "sc_neurocore/hw/verilog.hpp"
#include "sc_neurocore/model/folded_cells.hpp"
#include "sc_neurocore/model/memory_blocks.hpp"
#include "sc_neurocore/sim/characterise.hpp"
#include "sc_neurocore/sim/polynomial.hpp"

namespace scn::model {
using namespace scn::hw;  // the layer's structure (exact_inputs, active_synapses, widths)
namespace {

// Inputs of the LUT of every calibrated family (iCE40 SB_LUT4, ECP5 LUT4).
constexpr int kLutInputs = 4;

int lfsr_registers(sim::Generator g) {
  switch (g) {
    case sim::Generator::kNone:
    case sim::Generator::kScc:
      return 1;
    case sim::Generator::kLfsr:
      return 2;
    default:
      return 0;
  }
}

int polynomial_degree(const LayerDesign& d) {
  return lfsr_registers(d.generator) > 0 ? sim::parse_polynomial(d.polynomial).degree : 0;
}

struct Shape {
  double sc_inputs, exact, sc_synapses, exact_synapses, cycle_bits;
};

Shape shape(const LayerDesign& d) {
  const double n = d.n_inputs;
  const double exact = exact_inputs(d);
  const double active = static_cast<double>(active_synapses(d));
  return {n - exact, exact, active_sc_synapses(d), active * exact / n,
          core::real_register_width(static_cast<double>(d.bitstream_length))};
}

// The compiled-in coefficients (generated; see the file's header).
const std::vector<CalibratedModel> kModels = {
#include "calibrated/cells.inc"
};

}  // namespace

const std::array<const char*, kLutFeatureCount>& lut_feature_names() {
  static const std::array<const char*, kLutFeatureCount> names = {
      "constant",           "weight_comparator_bits", "input_comparator_bits",
      "sc_synapses",        "accumulator_bits",       "exact_multiplier_bits",
      "exact_sum_bits",     "cycle_counter_bits",     "lfsr_state_bits",
      "sobol_bits",         "halton_rom_bits",        "popcount_bits",
      "weight_comparators", "subtractor_bits",        "negative_sc_synapses",
      "signed_exact_bits",  "lut_weight_comparators"};
  return names;
}

const std::array<const char*, kFfFeatureCount>& ff_feature_names() {
  static const std::array<const char*, kFfFeatureCount> names = {
      "constant", "cycle_counter_bits", "random_state_bits", "accumulator_bits", "exact_sum_bits"};
  return names;
}

double expected_distinct_weights(double draws, int weight_bits) {
  const double values = std::ldexp(1.0, weight_bits) - 1;
  if (draws <= 0 || values <= 0) return 0.0;
  return values * (1.0 - std::pow(1.0 - 1.0 / values, draws));
}

int compared_weight_bits(const LayerDesign& d) {
  const int q = effective_weight_bits(d);
  if (d.generator != sim::Generator::kSobol) return q;
  return std::min(q, static_cast<int>(core::real_register_width(static_cast<double>(d.bitstream_length))));
}

WeightCounts count_weights(const LayerDesign& d, const hw::SignedLayerWeights& weights) {
  const std::size_t n = static_cast<std::size_t>(d.n_inputs), m = static_cast<std::size_t>(d.n_neurons);
  if (weights.n_inputs != d.n_inputs || weights.n_neurons != d.n_neurons || weights.values.size() != n * m ||
      weights.precision != d.precision)
    throw core::InputError("weights are " + std::to_string(weights.n_inputs) + "x" +
                           std::to_string(weights.n_neurons) + " at " + std::to_string(weights.precision) +
                           " bits, the layer " + std::to_string(d.n_inputs) + "x" +
                           std::to_string(d.n_neurons) + " at " + std::to_string(d.precision));
  const std::size_t exact = static_cast<std::size_t>(exact_inputs(d));
  // Comparators see only the compared top bits of a weight: weights equal there share one.
  const int shift = d.precision - compared_weight_bits(d);
  std::vector<bool> seen(std::size_t{1} << compared_weight_bits(d), false);
  WeightCounts c;
  std::int64_t set_bits = 0;
  std::vector<bool> negative(m, false), positive(m, false), exact_kept(m, false);
  for (std::size_t i = 0; i < n; ++i) {
    bool used = false;
    bool read = false;
    for (std::size_t j = 0; j < m; ++j) {
      const auto magnitude = static_cast<std::uint32_t>(std::abs(weights.values[i * m + j]));
      if (magnitude == 0) continue;
      read = true;
      if (i < exact) {
        ++c.exact_synapses;
        exact_kept[j] = true;
        set_bits += std::popcount(magnitude);
        continue;
      }
      ++c.sc_synapses;
      used = true;
      const bool is_negative = weights.values[i * m + j] < 0;
      (is_negative ? negative : positive)[j] = true;
      c.negative_sc_synapses += is_negative ? 1 : 0;
      if (!seen[magnitude >> shift]) {
        seen[magnitude >> shift] = true;
        ++c.distinct_sc_weights;
      }
    }
    if (used) ++c.sc_inputs_used;
    if (read) ++c.inputs_used;
  }
  c.exact_set_bits = c.exact_synapses > 0 ? static_cast<double>(set_bits) / c.exact_synapses : 0.0;
  c.is_signed = hw::has_negative(weights);
  for (std::size_t j = 0; j < m; ++j) {
    c.mixed_sign_neurons += negative[j] && positive[j] ? 1 : 0;
    c.live_neurons += negative[j] || positive[j] || exact_kept[j] ? 1 : 0;
  }
  if (d.fold.folded()) c.memory_varying_bits = folded_varying_columns(d, weights.values);
  if (d.fold.folded() && d.fold.memory == hw::WeightMemory::kLogic)
    c.memory_distinct_columns = folded_distinct_columns(d, weights.values);
  return c;
}

WeightCounts seeded_weight_counts(const LayerDesign& d) {
  hw::SignedLayerWeights w;
  w.n_inputs = d.n_inputs;
  w.n_neurons = d.n_neurons;
  w.precision = d.precision;
  w.weight_bits = effective_weight_bits(d);
  w.values = make_signed_layer_weights(d);
  return count_weights(d, w);
}

bool is_signed_layer(const LayerDesign& d, const WeightCounts* weights) {
  return weights ? weights->is_signed : hw::negative_synapses(d) > 0;
}

std::int64_t rom_bram_bits(const LayerDesign& d, std::string_view family) {
  if (family != "ice40" || d.generator != sim::Generator::kHalton || exact_inputs(d) == d.n_inputs) return 0;
  // Yosys 0.23 (memory_libmap) keeps the base-3 ROM, L words of b bits, in LUTs while its power-of-two
  // depth D holds at most 1,024 bits, and otherwise maps it to SB_RAM40_4K blocks of 4,096 bits, each as
  // wide as the depth allows (256 x 16 at most): ceil(b / (4096 / max(D, 256))) blocks. Measured on every L
  // of 32-4096 and b of 3-16 (docs/hardware.md, "Halton ROM").
  const std::int64_t depth =
      static_cast<std::int64_t>(std::bit_ceil(static_cast<std::uint64_t>(d.bitstream_length)));
  if (depth * d.precision <= kIce40RomLutMaxBits) return 0;
  const std::int64_t block_depth = std::max<std::int64_t>(depth, kIce40BramMinDepth);
  const std::int64_t blocks = (d.precision * block_depth + kIce40BramBits - 1) / kIce40BramBits;
  return blocks * kIce40BramBits;
}

namespace {

// The weight-dependent quantities of the features: expectations over random weights at the design's
// sparsity, or the counts of real weights.
struct Synapses {
  double distinct = 0;          // weight comparators
  double sc = 0;                // kept SC synapses
  double exact = 0;             // kept exact synapses
  double exact_per_neuron = 0;  // kept exact synapses of one neuron
  double sc_inputs_used = 0;    // SC inputs that keep a synapse
  double set_bits = 0;          // mean set bits of an exact synapse's weight
  double sign_bit = 0;          // 1 when the accumulators are signed
  double mixed_sign = 0;        // neurons with both signs: acc + pos - neg
  double negative_sc = 0;       // kept SC synapses with a negative weight
};

// Without weights a layer is signed when its design negates some kept synapse (negative_fraction). Each SC
// input of a neuron keeps a synapse with probability 1 - sparsity, negative with negative_fraction of that:
// the expected neurons with both signs, and the expected negative SC synapses.
void expect_signs(const LayerDesign& d, const Shape& s, Synapses& out) {
  if (!is_signed_layer(d, nullptr)) return;
  out.sign_bit = 1.0;
  const double keep = 1.0 - d.sparsity;
  const double no_negative = std::pow(1.0 - keep * d.negative_fraction, s.sc_inputs);
  const double no_positive = std::pow(1.0 - keep * (1.0 - d.negative_fraction), s.sc_inputs);
  const double none = std::pow(1.0 - keep, s.sc_inputs);
  out.mixed_sign = d.n_neurons * std::max(0.0, 1.0 - no_negative - no_positive + none);
  out.negative_sc = s.sc_synapses * d.negative_fraction;
}

Synapses expected_synapses(const LayerDesign& d, const Shape& s) {
  const int q = effective_weight_bits(d);
  Synapses out;
  out.distinct = s.sc_inputs > 0 ? expected_distinct_weights(s.sc_synapses, compared_weight_bits(d)) : 0.0;
  out.sc = s.sc_synapses;
  out.exact = s.exact_synapses;
  out.exact_per_neuron = s.exact * (1.0 - d.sparsity);
  // Synthesis removes an input's comparator when every synapse of the input is pruned.
  out.sc_inputs_used = s.sc_inputs * (1.0 - std::pow(d.sparsity, static_cast<double>(d.n_neurons)));
  // Adders of a constant multiplication: one per set weight bit after the first.
  out.set_bits = q * std::ldexp(1.0, q - 1) / (std::ldexp(1.0, q) - 1);
  expect_signs(d, s, out);
  return out;
}

Synapses counted_synapses(const LayerDesign& d, const WeightCounts& c) {
  Synapses out;
  out.distinct = static_cast<double>(c.distinct_sc_weights);
  out.sc = static_cast<double>(c.sc_synapses);
  out.exact = static_cast<double>(c.exact_synapses);
  out.exact_per_neuron = out.exact / d.n_neurons;
  out.sc_inputs_used = static_cast<double>(c.sc_inputs_used);
  out.set_bits = c.exact_set_bits;
  out.sign_bit = c.is_signed ? 1.0 : 0.0;
  out.mixed_sign = static_cast<double>(c.mixed_sign_neurons);
  out.negative_sc = static_cast<double>(c.negative_sc_synapses);
  return out;
}

Synapses synapses_of(const LayerDesign& d, const Shape& s, const WeightCounts* weights) {
  return weights ? counted_synapses(d, *weights) : expected_synapses(d, s);
}

// A neuron's popcount of k products is, after Yosys, a compressor tree whose cost grows with k (the
// sc_synapses feature) ending in one adder of bit_length(k) bits: popcount_bits sums those adders' widths. A
// signed neuron has two trees, one per sign (pos_j and neg_j in the Verilog), each as wide as its share.
// (k x bit_length(k) per neuron, the earlier feature, over-predicted the 64-input layers of trained
// networks by up to 17 %: docs/hardware.md, "Trained networks".)
double popcount_bits(const Synapses& syn, double neurons) {
  auto tree = [neurons](double synapses) {
    return synapses > 0 ? neurons * core::real_register_width(synapses / neurons) : 0.0;
  };
  return tree(syn.sc - syn.negative_sc) + tree(syn.negative_sc);
}

LutFeatures lut_features_of(const LayerDesign& d, std::string_view family, int degree,
                            const WeightCounts* weights) {
  const Shape s = shape(d);
  const Synapses syn = synapses_of(d, s, weights);
  const double b = d.precision;
  const int q = effective_weight_bits(d);
  const double m = d.n_neurons;
  const bool sc = s.sc_inputs > 0;
  // A Sobol point of an L-point stream varies in its top bit_length(L) bits only (its direction numbers
  // fill one more bit each): synthesis trims every comparator to those bits, and weights that agree in them
  // share one comparator.
  const bool sobol = d.generator == sim::Generator::kSobol;
  const double compared_bits = sobol ? std::min(b, s.cycle_bits) : b;
  LutFeatures f{};
  f[0] = 1.0;
  // A comparator of the random word against a constant on at most 4 bits is a function of 4 bits, a LUT4
  // (measured: 15 of them take 8 LUTs and no carry): lut_weight_comparators; a wider one is a carry chain
  // (weight_comparators, weight_comparator_bits). The width is the random word's: a 4-bit weight at 6-bit
  // precision is a 6-bit constant with two zero bits, and Yosys still chains it (docs/hardware.md, "Trained
  // networks").
  const bool chained = compared_bits > kLutInputs;
  f[1] = chained ? syn.distinct * compared_weight_bits(d) : 0.0;
  f[2] = syn.sc_inputs_used * compared_bits;
  f[3] = syn.sc;
  // A bias-corrected layer's accumulators are signed whatever its weights (the offset in the reset value).
  f[4] = sc ? m * (sc_ones_width(d) + std::max(syn.sign_bit, d.bias_corrected ? 1.0 : 0.0)) : 0.0;
  // Adder widths: a product of a b-bit input and a q-bit weight needs b + q bits, a sum of E of them
  // b + q + bits(E) (synthesis trims the declared exact_sum width to what the operands reach).
  f[5] = syn.exact * std::max(0.0, syn.set_bits - 1.0) * (b + q);
  f[6] = m * std::max(0.0, syn.exact_per_neuron - 1.0) * (b + q + core::real_register_width(s.exact));
  f[7] = s.cycle_bits;
  f[8] = sc ? static_cast<double>(degree * lfsr_registers(d.generator)) : 0.0;
  f[9] = sc && d.generator == sim::Generator::kSobol ? b * s.cycle_bits : 0.0;
  f[10] = sc && d.generator == sim::Generator::kHalton && rom_bram_bits(d, family) == 0
              ? b * d.bitstream_length
              : 0.0;
  f[11] = sc ? popcount_bits(syn, m) : 0.0;
  f[12] = chained ? syn.distinct : 0.0;
  f[16] = chained ? 0.0 : syn.distinct;
  // Signed neurons (0 for unsigned layers), measured on signed sweeps against the same layers unsigned
  // (docs/hardware.md, "Signed layers"): a neuron with both signs no longer merges acc + pos - neg into one
  // adder tree with its accumulator, which costs about a cell per (signed) accumulator bit (acc - neg alone
  // does merge: 2x16 all-negative layers cost what unsigned ones do), and each negated product about a cell
  // of the tree; a signed exact sum runs every adder at the full signed width instead of trimming it.
  f[13] = sc ? syn.mixed_sign * (sc_ones_width(d) + 1) : 0.0;
  f[14] = sc ? syn.negative_sc : 0.0;
  f[15] = syn.sign_bit > 0 ? syn.exact * (exact_sum_width(d) + 1) : 0.0;
  return f;
}

FfFeatures ff_features_of(const LayerDesign& d, int degree, const WeightCounts* weights) {
  const Shape s = shape(d);
  const double m = d.n_neurons;
  const bool sc = s.sc_inputs > 0;
  const double sign_bit = is_signed_layer(d, weights) ? 1.0 : 0.0;
  double random_bits = degree * lfsr_registers(d.generator);
  if (d.generator == sim::Generator::kSobol) random_bits = 2.0 * d.precision;
  FfFeatures f{};
  f[0] = 1.0;
  f[1] = s.cycle_bits;
  f[2] = sc ? random_bits : 0.0;
  f[3] = sc ? m * (sc_ones_width(d) + std::max(sign_bit, d.bias_corrected ? 1.0 : 0.0)) : 0.0;
  f[4] = s.exact > 0 ? m * (exact_sum_width(d) + sign_bit) : 0.0;  // both registers widen when signed
  return f;
}

CellFeatures cell_features_of(const LayerDesign& d, std::string_view family, int degree,
                              const WeightCounts* weights) {
  const LutFeatures lf = lut_features_of(d, family, degree, weights);
  const FfFeatures ff = ff_features_of(d, degree, weights);
  CellFeatures f{};
  std::copy(lf.begin(), lf.end(), f.begin());
  std::copy(ff.begin(), ff.end(), f.begin() + kLutFeatureCount);
  return f;
}

}  // namespace

CellFeatures cell_features(const LayerDesign& d, std::string_view family, const WeightCounts* weights) {
  validate(d);
  return cell_features_of(d, family, polynomial_degree(d), weights);
}

LutFeatures lut_features(const LayerDesign& d, std::string_view family, const WeightCounts* weights) {
  validate(d);
  return lut_features_of(d, family, polynomial_degree(d), weights);
}

FfFeatures ff_features(const LayerDesign& d, const WeightCounts* weights) {
  validate(d);
  return ff_features_of(d, polynomial_degree(d), weights);
}

const std::vector<CalibratedModel>& calibrated_models() { return kModels; }

const CalibratedModel& calibrated_model_for_family(std::string_view family) {
  // The LUT6 families have no calibration of their own yet: they are costed with ECP5's LUT4 model.
  const std::string_view calibrated = family == "ice40" ? "ice40" : "ecp5";
  for (const auto& model : kModels)
    if (model.family == calibrated) return model;
  throw core::StateError("no calibrated hardware model for family " + std::string(calibrated));
}

LayerHardware estimate_validated_layer_hardware(const LayerDesign& d, int degree,
                                                const CalibratedModel& model, const WeightCounts* weights) {
  if (d.fold.folded()) return estimate_folded_layer_hardware(d, degree, model.family, weights);
  const CellFeatures f = cell_features_of(d, model.family, degree, weights);
  LutFeatures lf{};
  FfFeatures ff{};
  std::copy(f.begin(), f.begin() + kLutFeatureCount, lf.begin());
  std::copy(f.begin() + kLutFeatureCount, f.end(), ff.begin());
  LayerHardware out;
  out.luts = count_of(dot(model.lut, lf));
  out.ffs = count_of(dot(model.ff, ff));
  out.carry_cells = count_of(dot(model.carry, lf));
  // A packed design needs at least a cell per LUT and per flip-flop the LUTs cannot absorb.
  out.logic_cells = model.has_cells ? std::max({count_of(dot(model.cells, f)), out.luts, out.ffs}) : out.luts;
  out.bram_bits = rom_bram_bits(d, model.family);
  return out;
}

LayerHardware estimate_layer_hardware(const LayerDesign& d, const CalibratedModel& model,
                                      const WeightCounts* weights) {
  validate(d);
  LayerHardware out = estimate_validated_layer_hardware(d, polynomial_degree(d), model, weights);
  out.model = model.family + " (" + model.source + ")";
  return out;
}

}  // namespace scn::model
