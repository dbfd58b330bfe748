// One SC layer datapath as the Verilog generator builds it, and its bit-true
// reference model. The hardware (docs/hardware.md):
//
// - one random source pair shared by the whole layer (sim::operand_sequences:
//   `none` = one LFSR for inputs and weights, `lfsr` = two LFSRs, `scc` = one
//   LFSR whose low window feeds the weights, `sobol` = dimensions 1 and 2,
//   `halton` = bases 2 and 3);
// - one comparator SNG per input (random < x_i), one per synapse against a
//   constant weight (random < W_ij); pruned synapses (W = 0) have no logic;
// - per neuron, the AND products of its inputs summed by a popcount and
//   accumulated over L cycles (`sc_ones`); in hybrid mode the first
//   int(0.3 n_inputs) synapses are exact constant multiplications summed once
//   (`exact_sum`); deterministic mode computes every synapse exactly.
// The neuron's dot product is exact_sum / 4^b + sc_ones / L.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sc_neurocore/sim/generators.hpp"
#include "sc_neurocore/sim/streams.hpp"

namespace scn::hw {

// Where a folded layer keeps its weights (hw/folded_layer.hpp): iCE40 EBR / ECP5 block RAM inferred by the
// synthesis tool, a ROM in logic (LUTs), or the iCE40UP5K's single-port SPRAM (SB_SPRAM256KA), which has no
// initial contents: the network loads it through its weight-load port after reset.
enum class WeightMemory { kBlockRam, kLogic, kSpram };

// One SB_SPRAM256KA: 16,384 rows of 16 bits.
inline constexpr int kSpramDepth = 16384;
inline constexpr int kSpramWidth = 16;

// How a layer is folded onto its lanes (docs/hardware.md, "Folded layers"). neuron_lanes = 0: not folded,
// today's spatial design (every synapse its own logic, weights as constants). Otherwise neuron_lanes x
// input_lanes synapses compute at once, the weights streaming from `memory`, and the layer takes
// ceil(n_neurons / neuron_lanes) x ceil(n_inputs / input_lanes) x L cycles.
struct Fold {
  int neuron_lanes = 0;  // PE: neurons computed at once, 1-n_neurons
  int input_lanes = 0;   // SIMD: inputs read at once, 1-n_inputs
  WeightMemory memory = WeightMemory::kBlockRam;
  // The layer's inputs sit in a block RAM of input_slices words of input_lanes x b bits (written a word per
  // slice by the network, read a slice per chunk) instead of a register of every input and a multiplexer per
  // lane: what a wide first layer needs (784 x 8 input bits are more flip-flops than an iCE40UP5K has).
  // Needs at least two input slices; the network's first layer only (hw/network.hpp).
  bool input_memory = false;
  bool folded() const { return neuron_lanes > 0; }
  int lanes() const { return neuron_lanes * input_lanes; }
  bool operator==(const Fold&) const = default;
};

struct LayerDesign {
  int n_inputs = 8;
  int n_neurons = 4;
  int bitstream_length = 256;
  int precision = 8;    // b: comparator width, inputs and weights are b-bit fractions
  int weight_bits = 0;  // q <= b significant weight bits (W = w << (b - q)); 0 = b
  sim::Generator generator = sim::Generator::kLfsr;
  std::string polynomial = sim::kDefaultPolynomial;  // LFSR-based generators (none, lfsr, scc)
  sim::ComputeMode mode = sim::ComputeMode::kSc;
  double sparsity = 0.0;   // fraction of synapses pruned to zero
  std::uint64_t seed = 1;  // of the generated weights
  // Fraction of the kept synapses whose weight is negative (make_signed_layer_weights). Any negative weight
  // makes the neurons signed: split popcounts and acc + pos - neg (docs/hardware.md, "Signed layers").
  double negative_fraction = 0.0;
  // The accumulators start at a per-neuron offset (the network's bias correction, hw/network.hpp), so they
  // are two's complement even with non-negative weights: one bit wider. What plans build by default; false
  // for measured layers built without it (the calibration data).
  bool bias_corrected = false;
  Fold fold = {};  // not folded by default
};

// "block_ram", "logic", "spram": the names plans and manifests use.
std::string weight_memory_name(WeightMemory memory);
// The memory of a name; InputError naming `where` and the names there are.
WeightMemory weight_memory_of_name(const std::string& name, const std::string& where);

// Throws InputError naming the field: sizes >= 1, length >= 1, precision 1-16,
// weight_bits 0-precision, sparsity in [0, 1), negative_fraction in [0, 1], polynomial degree >= precision
// for LFSR-based generators, no `random` generator (not hardware); a folded layer: SC mode, lanes 1-n_neurons
// and 1-n_inputs, and in SPRAM at most one SPRAM depth (16,384) of chunks.
void validate(const LayerDesign& design);
int effective_weight_bits(const LayerDesign& design);
// Synapses left after pruning: n_inputs * n_neurons - round(sparsity * n_inputs * n_neurons).
std::int64_t active_synapses(const LayerDesign& design);
// Synapses computed exactly per neuron: sim::exact_macs(mode, n_inputs).
int exact_inputs(const LayerDesign& design);
// The kept synapses' SC share: active_synapses x (n_inputs - exact_inputs) / n_inputs (pruning spread
// evenly).
double active_sc_synapses(const LayerDesign& design);

// weights[i * n_neurons + j] = W_ij, a b-bit integer; exactly
// n*m - active_synapses(design) of them are zero (chosen by the seed), the
// others are uniform non-zero q-bit values shifted to the top of b bits.
std::vector<std::uint32_t> make_layer_weights(const LayerDesign& design);
// The same magnitudes and pruning as make_layer_weights, then exactly round(negative_fraction * kept) of the
// kept synapses negated (chosen by the seed, independently of the magnitudes' draws).
std::vector<std::int32_t> make_signed_layer_weights(const LayerDesign& design);
// Kept synapses negated by make_signed_layer_weights: round(negative_fraction * active_synapses).
std::int64_t negative_synapses(const LayerDesign& design);

struct LayerResult {
  std::vector<std::int64_t> sc_ones;    // per neuron: ones of the SC synapses over L cycles
  std::vector<std::int64_t> exact_sum;  // per neuron: sum of x_i * W_ij over the exact synapses
  bool operator==(const LayerResult&) const = default;
};

// The bit-true model of the generated Verilog for inputs x_i (b-bit integers).
LayerResult simulate_layer(const LayerDesign& design, const std::vector<std::uint32_t>& weights,
                           const std::vector<std::uint32_t>& inputs);
// Signed weights (hw/weights.hpp: sign * W, |W| < 2^b): a negative synapse's ones and exact product count
// negatively, so sc_ones and exact_sum are signed.
LayerResult simulate_layer(const LayerDesign& design, const std::vector<std::int32_t>& signed_weights,
                           const std::vector<std::uint32_t>& inputs);

// The module name: sc_layer_<n>x<m>_l<L>_p<b>_q<q>_<generator>_<mode>_s<permille>, and _n<permille> of
// negative_fraction when it is above 0 (so unsigned names stay as they were), and
// _f<neuron lanes>x<input lanes><b|l|s> (block RAM, logic, SPRAM) when folded.
std::string module_name(const LayerDesign& design);

}  // namespace scn::hw
