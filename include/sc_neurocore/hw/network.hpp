// A whole planned network as hardware: one SC layer module per layer
// (hw/layer_design.hpp) with its planned knobs and its weights, the activation
// between layers, and the bit-true simulator of the generated Verilog
// (docs/network.md).
//
// The activation. A layer's neuron j produces exact_sum_j (exact synapses,
// sum of x * W) and sc_ones_j (SC synapses, ones over L cycles); both are
// signed when a weight is negative. They meet in one integer
//   num_j = exact_sum_j * L + sc_ones_j * 4^b      (= L * 4^b * dot_j)
// (L = 1 for a deterministic layer), and the next layer's b'-bit input is
//   a_j = clamp(floor(num_j / 2^k), 0, 2^b' - 1)   (ReLU, then a power-of-two rescale)
// with k the smallest shift for which the largest exact num over calibration
// vectors (the user's, else 256 seeded uniform vectors in [0, 1]) fits b'
// bits, unless the plan fixes `activation_shift`. Before the activation, each
// neuron's SC ones lose its calibrated bias: sc_ones_j = ones_j - c_j with
// c_j = round(mean over the calibration vectors of ones_j - L * sum x * w / 4^b)
// (the layer's inputs being the exact activations of the layer before), folded
// into the accumulator's reset value; a plan layer with "bias_correction": false
// keeps c_j = 0. Such a layer also rounds: a_j = clamp(floor((num_j + 2^(k-1)) /
// 2^k), ...) when 2^(k-1) is a whole number of ones (round_ones). ReLU because it is what
// trained networks use between layers and it costs a sign test; a
// power-of-two rescale because it is a wire selection, no multiplier; the
// calibration because a bound over every possible input wastes most of the
// b' bits on outputs that never occur (signed weights cancel). The last
// layer is linear: a_j = clamp(floor(num_j / 2^k), -2^b, 2^b - 1), presented
// as b + 1 bits two's complement, so a classifier's negative logits survive.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sc_neurocore/core/weight_array.hpp"
#include "sc_neurocore/hw/layer_design.hpp"
#include "sc_neurocore/hw/verilog.hpp"
#include "sc_neurocore/hw/weights.hpp"

namespace scn::hw {

// One layer's planned knobs, as a plan JSON names them (io/plan.hpp).
struct PlannedLayer {
  std::string id;
  std::int64_t bitstream_length = 0;
  std::string decorrelator;     // None, LFSR, Sobol, Halton, SCC_Decorrelator
  std::string lfsr_polynomial;  // a polynomial, or "none" (the default polynomial for LFSR-based sources)
  std::int64_t precision_bits = 0;
  std::string mode;                     // SC, Hybrid, Deterministic
  std::optional<int> weight_bits;       // q <= precision_bits (default: precision_bits)
  std::optional<int> activation_shift;  // overrides the fitting rule when given
  bool bias_correction = true;          // subtract each neuron's calibrated SC bias (ones_offset)
  Fold fold = {};                       // the plan's "fold" object; not folded when absent
};

// A layer of the network manifest with the shape the hardware is built for.
struct ShapedLayer {
  std::string id;
  int n_inputs = 0;
  int n_neurons = 0;
};

struct NetworkLayerDesign {
  std::string id;
  PlannedLayer plan;   // the knobs as planned (a deterministic layer's planned L, for evidence matching)
  LayerDesign design;  // shape and knobs; a deterministic layer has L = 1
  SignedLayerWeights weights;
  bool weights_given = false;  // false: make_layer_weights(design), seed in design.seed
  bool is_signed = false;      // some weight is negative
  // Neurons whose output no synapse of the next layer reads (its input row is all zero): their weights are
  // zeroed, so the layer module has the logic the whole design keeps (prune_dead_neurons).
  std::vector<int> dead_neurons;
  bool relu = true;  // every layer but the last
  int out_bits = 8;  // b of the next layer; the last layer's own b (+1 sign bit on the port)
  int shift = 0;     // k
  int num_bits = 0;  // two's complement width that holds every num_j
  // Per neuron, the mean SC error of its ones over the calibration vectors, rounded (empty: not corrected).
  // The accumulator starts at -ones_offset[j], so sc_ones_j = ones - offset: the systematic part of the
  // stochastic error (correlated or biased random sources) is gone at no logic cost.
  std::vector<std::int64_t> ones_offset;
  // 2^(k-1-2b) when the layer has SC synapses, corrects its bias and k > 2b: half an output step, in ones,
  // added before the shift so that the activation rounds to nearest instead of flooring (a floor is a bias
  // of half a step); folded into the same reset value. 0 otherwise (a layer without SC synapses would need
  // an adder, and with k <= 2b an SC-only num has no bits below the step).
  std::int64_t round_ones = 0;
  double input_scale = 1.0;  // real value of this layer's input fraction 1.0 (layer 0: 1)
  double output_unit = 1.0;  // real value of one step of a_j
  // The accumulators' reset offsets: ones_offset[j] - round_ones (empty when all are 0).
  std::vector<std::int64_t> accumulator_offsets() const;
  bool ones_signed() const { return is_signed || largest_magnitude(accumulator_offsets()) > 0; }
  int ones_width() const {
    return sc_ones_width(design, ones_signed(), largest_magnitude(accumulator_offsets()));
  }
};

inline constexpr int kCalibrationVectors = 256;

struct NetworkDesign {
  std::vector<NetworkLayerDesign> layers;
  std::uint64_t seed = 1;
  std::string calibration = "seeded";  // where the shifts' calibration vectors came from: seeded, given
  int calibration_vectors = 0;
  int input_bits() const { return layers.front().design.precision; }
  int output_bits() const { return layers.back().out_bits + 1; }
};

// Builds the design. InputError (one line, naming `plan_source` / `weights_source`, the layer and the field)
// when the plan's layers do not match the network's ids, a knob is invalid, consecutive shapes do not chain,
// or a weight matrix has the wrong shape or a non-finite value. weights empty = seeded weights
// (make_layer_weights with seed + layer index). calibration empty = kCalibrationVectors seeded uniform
// vectors (calibration_vectors(n_inputs, seed)).
NetworkDesign build_network(const std::vector<ShapedLayer>& shapes, const std::vector<PlannedLayer>& plan,
                            const std::vector<core::WeightArray>& weights, std::uint64_t seed,
                            const std::string& plan_source, const std::string& weights_source,
                            const std::vector<std::vector<double>>& calibration = {});

// Zeroes the weights of every neuron no next-layer synapse reads, from the last layer back (a zeroed
// neuron can leave a row of its own layer all zero, and so kill a neuron before it), and lists them in
// dead_neurons. Synthesis removes such a neuron from the whole design but not from its layer module built
// alone; after this both agree, and the network's outputs are unchanged (nothing read the neuron). The
// last layer's neurons are the outputs: never dead. Returns the neurons zeroed.
int prune_dead_neurons(std::vector<NetworkLayerDesign>& layers);

// `count` vectors of n_inputs reals in [0, 1): splitmix64 of the seed, the same on every machine.
std::vector<std::vector<double>> calibration_vectors(int n_inputs, std::uint64_t seed, int count);

// The names plans and evidence records use: None, LFSR, Sobol, Halton, SCC_Decorrelator; SC, Hybrid,
// Deterministic.
std::string plan_decorrelator_name(sim::Generator generator);
std::string plan_mode_name(sim::ComputeMode mode);

// The knobs of a plan layer as a LayerDesign (InputError naming `where` and the field).
LayerDesign planned_layer_design(const PlannedLayer& layer, int n_inputs, int n_neurons,
                                 const std::string& where);

// Layer 0's b-bit input integers of reals in [0, 1]: min(2^b - 1, round(v * 2^b)).
std::vector<std::uint32_t> quantise_inputs(const std::vector<double>& inputs, int bits);

// Per layer of one inference: the integers the datapath computes.
struct LayerTrace {
  std::vector<std::uint32_t> inputs;    // the layer's b-bit inputs
  std::vector<std::int64_t> num;        // num_j
  std::vector<std::int64_t> exact_num;  // num_j of the same inputs without stochastic error
  std::vector<std::int64_t> out;        // a_j
};

// Bit-true simulation of the generated network: a reusable engine (streams of the weights prepared once).
class NetworkSimulator {
 public:
  explicit NetworkSimulator(const NetworkDesign& design);
  ~NetworkSimulator();
  NetworkSimulator(const NetworkSimulator&) = delete;
  NetworkSimulator& operator=(const NetworkSimulator&) = delete;
  // The SC network on layer-0 integers; one trace per layer.
  std::vector<LayerTrace> run(const std::vector<std::uint32_t>& inputs) const;
  // Layer `layer`'s SC ones per neuron of its b-bit inputs, before the offset (signed: positive minus
  // negative synapses).
  std::vector<std::int64_t> sc_ones(std::size_t layer, const std::vector<std::uint32_t>& inputs) const;
  // The same network without stochastic error (exact dot products, same activation).
  std::vector<LayerTrace> run_exact(const std::vector<std::uint32_t>& inputs) const;
  // Synapse-bit operations of one inference (active SC synapses x L, summed over layers).
  std::int64_t synapse_bit_ops() const;

 private:
  struct Prepared;
  NetworkDesign design_;
  std::vector<std::unique_ptr<Prepared>> prepared_;
};

// The activation of a layer: a_j of num_j.
std::int64_t activation(const NetworkLayerDesign& layer, std::int64_t num);
// The real value of an a_j.
double decode_output(const NetworkLayerDesign& layer, std::int64_t out);

// The network's SPRAM layers (weight_memory spram) in network order, and the words its weight-load port
// takes after reset: layer after layer, each layer's spram_load_words (hw/folded_layer.hpp). Empty when no
// layer keeps its weights in SPRAM. The simulator reads its SPRAM layers' weights back from this image.
std::vector<std::size_t> spram_layers(const NetworkDesign& design);
std::vector<std::uint16_t> layer_load_words(const NetworkLayerDesign& layer);
std::vector<std::uint16_t> network_load_image(const NetworkDesign& design);

// Cycles of one inference in the generated top, which runs its layers one after another: a cycle per input
// word loaded, per layer its restart pulse, its stream (L cycles; one for a deterministic layer) and the
// cycle that latches its activations, a cycle per output word read. The plans' latency is this count
// (model/grounded_model.hpp), and the Icarus tests measure it.
std::int64_t layer_cycles(const LayerDesign& design);
std::int64_t io_cycles(std::int64_t input_words, std::int64_t output_words);
std::int64_t compute_cycles(const NetworkDesign& design);
std::int64_t cycles_per_inference(const NetworkDesign& design);

}  // namespace scn::hw
