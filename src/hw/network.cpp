#include "sc_neurocore/hw/network.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "sc_neurocore/core/bits.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/hw/folded_layer.hpp"
#include "sc_neurocore/hw/verilog.hpp"
#include "sc_neurocore/sim/polynomial.hpp"

namespace scn::hw {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

sim::Generator generator_of_decorrelator(const std::string& name, const std::string& where) {
  static const std::map<std::string, sim::Generator> kNames = {{"none", sim::Generator::kNone},
                                                               {"lfsr", sim::Generator::kLfsr},
                                                               {"sobol", sim::Generator::kSobol},
                                                               {"halton", sim::Generator::kHalton},
                                                               {"scc_decorrelator", sim::Generator::kScc},
                                                               {"scc", sim::Generator::kScc}};
  const auto found = kNames.find(lower(name));
  if (found == kNames.end())
    throw core::InputError(where + " decorrelator '" + name +
                           "' is not one of None, LFSR, Sobol, Halton, SCC_Decorrelator");
  return found->second;
}

sim::ComputeMode mode_of_name(const std::string& name, const std::string& where) {
  const std::string key = lower(name);
  if (key == "sc") return sim::ComputeMode::kSc;
  if (key == "hybrid") return sim::ComputeMode::kHybrid;
  if (key == "deterministic") return sim::ComputeMode::kDeterministic;
  throw core::InputError(where + " mode '" + name + "' is not one of SC, Hybrid, Deterministic");
}

// L of the datapath: a deterministic layer computes in one cycle.
std::int64_t stream_length(const LayerDesign& d) { return d.bitstream_length; }

// k: the smallest shift for which `largest` fits `bits` unsigned bits.
int fitting_shift(std::uint64_t largest, int bits) {
  const std::uint64_t top = (std::uint64_t{1} << bits) - 1;
  int k = 0;
  while ((largest >> k) > top) ++k;
  return k;
}

// num_j of every synapse without stochastic error: L * sum x * w.
std::vector<std::int64_t> exact_num(const NetworkLayerDesign& layer, const std::vector<std::uint32_t>& x,
                                    std::size_t upto) {
  const auto m = static_cast<std::size_t>(layer.design.n_neurons);
  std::vector<std::int64_t> num(m, 0);
  for (std::size_t i = 0; i < upto; ++i) {
    if (x[i] == 0) continue;
    const std::int32_t* row = layer.weights.values.data() + i * m;
    for (std::size_t j = 0; j < m; ++j) num[j] += static_cast<std::int64_t>(x[i]) * row[j];
  }
  for (auto& v : num) v *= stream_length(layer.design);
  return num;
}

// The shift k of a layer (unless the plan fixed it): the smallest for which the largest exact num over the
// calibration vectors fits the activation's range. Returns the layer's activations of those vectors.
std::vector<std::vector<std::uint32_t>> calibrate_shift(
    NetworkLayerDesign& layer, const std::vector<std::vector<std::uint32_t>>& inputs) {
  std::vector<std::vector<std::int64_t>> nums;
  nums.reserve(inputs.size());
  std::uint64_t largest = 0;
  for (const auto& x : inputs) {
    nums.push_back(exact_num(layer, x, x.size()));
    for (const std::int64_t v : nums.back())
      largest = std::max(largest,
                         static_cast<std::uint64_t>(layer.relu ? std::max<std::int64_t>(v, 0) : std::abs(v)));
  }
  if (layer.shift < 0) layer.shift = fitting_shift(largest, layer.out_bits);
  const LayerDesign& d = layer.design;
  if (layer.plan.bias_correction && exact_inputs(d) < d.n_inputs && layer.shift - 1 >= 2 * d.precision)
    layer.round_ones = std::int64_t{1} << (layer.shift - 1 - 2 * d.precision);
  std::vector<std::vector<std::uint32_t>> next;
  if (!layer.relu) return next;
  for (const auto& num : nums) {
    auto& a = next.emplace_back();
    for (const std::int64_t v : num) a.push_back(static_cast<std::uint32_t>(activation(layer, v)));
  }
  return next;
}

// The two's complement width of num: every value the datapath can produce (SC ones at most L per synapse,
// sign, the sum of both parts), the ports' widths shifted into place, and room above the shift for the
// clamp's overflow test.
void fill_num_bits(NetworkLayerDesign& layer) {
  const LayerDesign& d = layer.design;
  const auto n = static_cast<std::size_t>(d.n_inputs);
  const auto m = static_cast<std::size_t>(d.n_neurons);
  const auto exact = static_cast<std::size_t>(exact_inputs(d));
  const std::uint64_t top_input = (std::uint64_t{1} << d.precision) - 1;
  const auto length = static_cast<std::uint64_t>(stream_length(d));
  std::uint64_t bound = 0;
  for (std::size_t j = 0; j < m; ++j) {
    std::uint64_t sc_synapses = 0, exact_magnitude = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::int32_t w = layer.weights.values[i * m + j];
      if (w != 0 && i >= exact) ++sc_synapses;
      if (i < exact) exact_magnitude += static_cast<std::uint64_t>(std::abs(w)) * top_input * length;
    }
    const std::uint64_t offset = static_cast<std::uint64_t>(
        std::llabs((layer.ones_offset.empty() ? 0 : layer.ones_offset[j]) - layer.round_ones));
    bound = std::max(
        bound, (sc_synapses * length + offset) * (std::uint64_t{1} << (2 * d.precision)) + exact_magnitude);
  }
  const int sw = layer.ones_width();
  const int ew = exact_sum_width(d, layer.is_signed);
  layer.num_bits = std::max({core::bit_length(bound) + 2, sw + 2 * d.precision + 1,
                             ew + core::bit_length(length) + 1, layer.shift + layer.out_bits + 2});
  if (layer.num_bits > 62)
    throw core::InputError("layer '" + layer.id + "': its datapath needs " + std::to_string(layer.num_bits) +
                           " bits, more than 62; shorten the bitstream or lower the precision");
}

// c_j of every layer that corrects its bias: the rounded mean of ones_j - L * sum x * w / 4^b over the
// layer's calibration inputs (its SC synapses only; the exact ones have no error).
void calibrate_offsets(NetworkDesign& network,
                       const std::vector<std::vector<std::vector<std::uint32_t>>>& layer_inputs) {
  const NetworkSimulator simulator(network);
  for (std::size_t l = 0; l < network.layers.size(); ++l) {
    NetworkLayerDesign& layer = network.layers[l];
    const LayerDesign& d = layer.design;
    const auto exact = static_cast<std::size_t>(exact_inputs(d));
    if (!layer.plan.bias_correction || exact >= static_cast<std::size_t>(d.n_inputs) ||
        layer_inputs[l].empty())
      continue;
    const auto m = static_cast<std::size_t>(d.n_neurons);
    std::vector<double> error_sum(m, 0.0);
    const double per_product = static_cast<double>(d.bitstream_length) / std::ldexp(1.0, 2 * d.precision);
    for (const auto& x : layer_inputs[l]) {
      const std::vector<std::int64_t> ones = simulator.sc_ones(l, x);
      std::vector<std::int64_t> products(m, 0);  // sum over SC synapses of x * w
      for (std::size_t i = exact; i < x.size(); ++i) {
        if (x[i] == 0) continue;
        const std::int32_t* row = layer.weights.values.data() + i * m;
        for (std::size_t j = 0; j < m; ++j) products[j] += static_cast<std::int64_t>(x[i]) * row[j];
      }
      for (std::size_t j = 0; j < m; ++j)
        error_sum[j] += static_cast<double>(ones[j]) - static_cast<double>(products[j]) * per_product;
    }
    layer.ones_offset.assign(m, 0);
    const double count = static_cast<double>(layer_inputs[l].size());
    for (std::size_t j = 0; j < m; ++j) layer.ones_offset[j] = std::llround(error_sum[j] / count);
    if (largest_magnitude(layer.ones_offset) == 0) layer.ones_offset.clear();
  }
}

std::vector<ShapedLayer>::const_iterator find_shape(const std::vector<ShapedLayer>& shapes,
                                                    const std::string& id) {
  return std::find_if(shapes.begin(), shapes.end(), [&](const ShapedLayer& s) { return s.id == id; });
}

// build_network's arguments, handed whole to its stages.
struct NetworkSpec {
  const std::vector<ShapedLayer>& shapes;
  const std::vector<PlannedLayer>& plan;
  const std::vector<core::WeightArray>& weights;
  std::uint64_t seed;
  const std::string& plan_source;
  const std::string& weights_source;
  const std::vector<std::vector<double>>& calibration;
};

// The plan must name layers of the network, each once, and given weights must come one matrix per layer:
// checked before any layer is designed, so the error names the document at fault.
void check_plan_and_weight_count(const NetworkSpec& spec) {
  if (spec.shapes.empty()) throw core::InputError(spec.plan_source + ": the network has no layers");
  std::set<std::string> planned;
  for (const PlannedLayer& p : spec.plan) {
    if (!planned.insert(p.id).second)
      throw core::InputError(spec.plan_source + ": layer '" + p.id + "' is planned twice");
    if (find_shape(spec.shapes, p.id) == spec.shapes.end())
      throw core::InputError(spec.plan_source + ": layer '" + p.id + "' is not a layer of the network");
  }
  if (!spec.weights.empty() && spec.weights.size() != spec.shapes.size())
    throw core::InputError(spec.weights_source + ": " + std::to_string(spec.weights.size()) +
                           " weight matrices for " + std::to_string(spec.shapes.size()) + " layers");
}

// Layer i's weights at its precision and weight bits: the given matrix quantised (once its shape matches the
// network's), or without one the layer's seeded draw.
void set_layer_weights(NetworkLayerDesign& layer, const NetworkSpec& spec, std::size_t i) {
  const ShapedLayer& shape = spec.shapes[i];
  const int b = layer.design.precision;
  const int q = effective_weight_bits(layer.design);
  if (spec.weights.empty()) {
    layer.weights = signed_weights(make_layer_weights(layer.design), shape.n_inputs, shape.n_neurons, b, q);
    return;
  }
  const core::WeightArray& w = spec.weights[i];
  const std::string wwhere = spec.weights_source + ": layer " + std::to_string(i) + " ('" + shape.id + "')";
  if (w.shape.size() != 2 || w.shape[0] != static_cast<std::size_t>(shape.n_inputs) ||
      w.shape[1] != static_cast<std::size_t>(shape.n_neurons)) {
    const std::string given = core::join(w.shape, "x", [](std::size_t n) { return std::to_string(n); });
    throw core::InputError(wwhere + ": weights are " + given + ", the network says " +
                           std::to_string(shape.n_inputs) + "x" + std::to_string(shape.n_neurons));
  }
  layer.weights = quantise_layer_weights(w, b, q, wwhere);
  layer.weights_given = true;
}

// Layer i as its plan entry describes it; the plan must cover it and its inputs must be the previous layer's
// neurons. Every hidden layer is ReLU, the last one linear.
NetworkLayerDesign design_layer(const NetworkSpec& spec, std::size_t i) {
  const std::vector<ShapedLayer>& shapes = spec.shapes;
  const ShapedLayer& shape = shapes[i];
  const auto p = std::find_if(spec.plan.begin(), spec.plan.end(),
                              [&](const PlannedLayer& l) { return l.id == shape.id; });
  if (p == spec.plan.end())
    throw core::InputError(spec.plan_source + ": layer '" + shape.id + "' of the network is not planned");
  if (i > 0 && shapes[i - 1].n_neurons != shape.n_inputs)
    throw core::InputError("layer '" + shape.id + "' has " + std::to_string(shape.n_inputs) +
                           " inputs but layer '" + shapes[i - 1].id + "' before it has " +
                           std::to_string(shapes[i - 1].n_neurons) + " neurons");
  const std::string where = spec.plan_source + ": layer '" + shape.id + "'";
  // Only the network's input words arrive a word at a time, as the input memory is written; a later layer's
  // inputs are the previous layer's activations, all at once.
  if (i > 0 && p->fold.input_memory)
    throw core::InputError(where + " fold: input_memory is for the network's first layer only");
  NetworkLayerDesign layer;
  layer.id = shape.id;
  layer.plan = *p;
  layer.design = planned_layer_design(*p, shape.n_inputs, shape.n_neurons, where);
  layer.design.seed = spec.seed + i;
  set_layer_weights(layer, spec, i);
  layer.relu = i + 1 < shapes.size();
  layer.shift = p->activation_shift.value_or(-1);
  if (layer.shift < -1 || layer.shift > 62) throw core::InputError(where + " activation_shift must be 0-62");
  return layer;
}

// After pruning (which zeroes weights): each layer's sign, and the sparsity of the given layers.
void record_signs_and_sparsity(std::vector<NetworkLayerDesign>& layers) {
  for (NetworkLayerDesign& layer : layers) {
    layer.is_signed = has_negative(layer.weights);
    // Seeded layers keep the sparsity knob their seed draws with; given ones count their zeros.
    if (!layer.weights_given) continue;
    const auto zeros = std::count(layer.weights.values.begin(), layer.weights.values.end(), 0);
    layer.design.sparsity = static_cast<double>(zeros) / static_cast<double>(layer.weights.values.size());
    if (layer.design.sparsity >= 1.0) layer.design.sparsity = 0.999999;
  }
}

// The calibration vectors (given, or kCalibrationVectors seeded ones) quantised to the first layer's
// precision; the network records how many there were and where they came from.
std::vector<std::vector<std::uint32_t>> calibration_inputs(NetworkDesign& network, const NetworkSpec& spec) {
  const int n_inputs = spec.shapes.front().n_inputs;
  const std::vector<std::vector<double>> vectors =
      spec.calibration.empty() ? calibration_vectors(n_inputs, spec.seed, kCalibrationVectors)
                               : spec.calibration;
  std::vector<std::vector<std::uint32_t>> x;
  for (const auto& v : vectors) {
    if (v.size() != static_cast<std::size_t>(n_inputs))
      throw core::InputError("calibration vector of " + std::to_string(v.size()) +
                             " values, the first layer has " + std::to_string(n_inputs) + " inputs");
    x.push_back(quantise_inputs(v, network.layers.front().design.precision));
  }
  network.calibration_vectors = static_cast<int>(vectors.size());
  network.calibration = spec.calibration.empty() ? "seeded" : "given";
  return x;
}

// Each layer's shift and output unit, first to last: a layer calibrates on the activations the previous one
// computes from the calibration inputs. Returns each layer's calibration inputs for the offset calibration.
std::vector<std::vector<std::vector<std::uint32_t>>> calibrate_shifts(
    NetworkDesign& network, std::vector<std::vector<std::uint32_t>> x) {
  double input_scale = 1.0;
  std::vector<std::vector<std::vector<std::uint32_t>>> layer_inputs;  // per layer, its calibration inputs
  for (std::size_t i = 0; i < network.layers.size(); ++i) {
    NetworkLayerDesign& layer = network.layers[i];
    const LayerDesign& d = layer.design;
    layer.out_bits = layer.relu ? network.layers[i + 1].design.precision : d.precision;
    layer_inputs.push_back(x);
    x = calibrate_shift(layer, x);
    layer.input_scale = input_scale;
    layer.output_unit = std::ldexp(1.0, layer.shift - 2 * d.precision) /
                        static_cast<double>(stream_length(d)) * layer.weights.value_scale * input_scale;
    input_scale = layer.output_unit * std::ldexp(1.0, layer.out_bits);
  }
  return layer_inputs;
}

// Last, because both depend on the calibrated offsets: each layer's signedness as costed, and its num width.
void size_datapaths(NetworkDesign& network) {
  for (NetworkLayerDesign& layer : network.layers) {
    // What the cost models see: accumulators that start at an offset are two's complement.
    layer.design.bias_corrected = largest_magnitude(layer.accumulator_offsets()) > 0;
    fill_num_bits(layer);
  }
}

}  // namespace

std::string plan_decorrelator_name(sim::Generator generator) {
  switch (generator) {
    case sim::Generator::kLfsr:
      return "LFSR";
    case sim::Generator::kSobol:
      return "Sobol";
    case sim::Generator::kHalton:
      return "Halton";
    case sim::Generator::kScc:
      return "SCC_Decorrelator";
    case sim::Generator::kNone:
    case sim::Generator::kRandom:
      break;
  }
  return "None";
}

std::string plan_mode_name(sim::ComputeMode mode) {
  switch (mode) {
    case sim::ComputeMode::kHybrid:
      return "Hybrid";
    case sim::ComputeMode::kDeterministic:
      return "Deterministic";
    case sim::ComputeMode::kSc:
      break;
  }
  return "SC";
}

LayerDesign planned_layer_design(const PlannedLayer& layer, int n_inputs, int n_neurons,
                                 const std::string& where) {
  LayerDesign d;
  d.n_inputs = n_inputs;
  d.n_neurons = n_neurons;
  if (layer.bitstream_length < 1 || layer.bitstream_length > (1 << 24))
    throw core::InputError(where + " bitstream_length must be 1-16777216, got " +
                           std::to_string(layer.bitstream_length));
  if (layer.precision_bits < 1 || layer.precision_bits > 16)
    throw core::InputError(where + " precision_bits must be 1-16, got " +
                           std::to_string(layer.precision_bits));
  d.bitstream_length = static_cast<int>(layer.bitstream_length);
  d.precision = static_cast<int>(layer.precision_bits);
  d.generator = generator_of_decorrelator(layer.decorrelator, where);
  d.mode = mode_of_name(layer.mode, where);
  if (layer.weight_bits && (*layer.weight_bits < 1 || *layer.weight_bits > d.precision))
    throw core::InputError(where + " weight_bits must be 1-" + std::to_string(d.precision) +
                           " (precision_bits), got " + std::to_string(*layer.weight_bits));
  d.weight_bits = layer.weight_bits.value_or(0);
  const std::string polynomial = lower(layer.lfsr_polynomial);
  if (sim::uses_polynomial(d.generator) && !polynomial.empty() && polynomial != "none") {
    try {
      d.polynomial = sim::polynomial_text(sim::parse_polynomial(layer.lfsr_polynomial));
    } catch (const core::InputError& e) {
      throw core::InputError(where + " lfsr_polynomial: " + e.what());
    }
  }
  if (d.mode == sim::ComputeMode::kDeterministic) d.bitstream_length = 1;
  d.bias_corrected = layer.bias_correction && d.mode != sim::ComputeMode::kDeterministic;
  d.fold = layer.fold;
  try {
    validate(d);
  } catch (const core::InputError& e) {
    throw core::InputError(where + ": " + e.what());
  }
  return d;
}

int prune_dead_neurons(std::vector<NetworkLayerDesign>& layers) {
  int pruned = 0;
  for (std::size_t i = layers.size(); i-- > 1;) {
    const SignedLayerWeights& next = layers[i].weights;
    SignedLayerWeights& own = layers[i - 1].weights;
    layers[i - 1].dead_neurons = zero_unread_neurons(own.values, static_cast<std::size_t>(own.n_inputs),
                                                     next.values, static_cast<std::size_t>(next.n_neurons));
    pruned += static_cast<int>(layers[i - 1].dead_neurons.size());
  }
  return pruned;
}

std::vector<std::vector<double>> calibration_vectors(int n_inputs, std::uint64_t seed, int count) {
  std::uint64_t state = seed ^ 0x5ca1ab1eULL;
  auto next = [&state]() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
  };
  std::vector<std::vector<double>> vectors(static_cast<std::size_t>(count));
  for (auto& v : vectors)
    for (int i = 0; i < n_inputs; ++i) v.push_back(next());
  return vectors;
}

NetworkDesign build_network(const std::vector<ShapedLayer>& shapes, const std::vector<PlannedLayer>& plan,
                            const std::vector<core::WeightArray>& weights, std::uint64_t seed,
                            const std::string& plan_source, const std::string& weights_source,
                            const std::vector<std::vector<double>>& calibration) {
  const NetworkSpec spec{shapes, plan, weights, seed, plan_source, weights_source, calibration};
  check_plan_and_weight_count(spec);
  NetworkDesign network;
  network.seed = seed;
  for (std::size_t i = 0; i < shapes.size(); ++i) network.layers.push_back(design_layer(spec, i));
  prune_dead_neurons(network.layers);
  record_signs_and_sparsity(network.layers);
  const auto layer_inputs = calibrate_shifts(network, calibration_inputs(network, spec));
  calibrate_offsets(network, layer_inputs);
  size_datapaths(network);
  return network;
}

std::vector<std::uint32_t> quantise_inputs(const std::vector<double>& inputs, int bits) {
  std::vector<std::uint32_t> out;
  out.reserve(inputs.size());
  const std::uint32_t top = (std::uint32_t{1} << bits) - 1;
  for (const double v : inputs)
    out.push_back(std::min(
        top, static_cast<std::uint32_t>(std::nearbyint(std::clamp(v, 0.0, 1.0) * std::ldexp(1.0, bits)))));
  return out;
}

std::vector<std::int64_t> NetworkLayerDesign::accumulator_offsets() const {
  if (ones_offset.empty() && round_ones == 0) return {};
  std::vector<std::int64_t> offsets(static_cast<std::size_t>(design.n_neurons), -round_ones);
  for (std::size_t j = 0; j < ones_offset.size(); ++j) offsets[j] += ones_offset[j];
  return offsets;
}

std::int64_t activation(const NetworkLayerDesign& layer, std::int64_t num) {
  // floor division by 2^k: an arithmetic shift, as the hardware's bit selection of a two's complement value.
  const std::int64_t rounding = layer.round_ones << (2 * layer.design.precision);
  const std::int64_t shifted = (num + rounding) >> layer.shift;
  const std::int64_t high = (std::int64_t{1} << layer.out_bits) - 1;
  const std::int64_t low = layer.relu ? 0 : -(std::int64_t{1} << layer.out_bits);
  return std::clamp(shifted, low, high);
}

double decode_output(const NetworkLayerDesign& layer, std::int64_t out) {
  return static_cast<double>(out) * layer.output_unit;
}

std::int64_t layer_cycles(const LayerDesign& design) {
  if (design.fold.folded()) return folded_stream_cycles(design) + 2;
  return (design.mode == sim::ComputeMode::kDeterministic ? 1 : design.bitstream_length) + 2;
}

std::vector<std::size_t> spram_layers(const NetworkDesign& design) {
  std::vector<std::size_t> layers;
  for (std::size_t i = 0; i < design.layers.size(); ++i) {
    const Fold& f = design.layers[i].design.fold;
    if (f.folded() && f.memory == WeightMemory::kSpram) layers.push_back(i);
  }
  return layers;
}

std::vector<std::uint16_t> layer_load_words(const NetworkLayerDesign& layer) {
  return spram_load_words(layer.design, weight_memory_entries(layer.design, layer.weights.values));
}

std::vector<std::uint16_t> network_load_image(const NetworkDesign& design) {
  std::vector<std::uint16_t> image;
  for (const std::size_t i : spram_layers(design)) {
    const std::vector<std::uint16_t> words = layer_load_words(design.layers[i]);
    image.insert(image.end(), words.begin(), words.end());
  }
  return image;
}

std::int64_t io_cycles(std::int64_t input_words, std::int64_t output_words) {
  return input_words + output_words;
}

std::int64_t compute_cycles(const NetworkDesign& design) {
  std::int64_t cycles = 0;
  for (const auto& layer : design.layers) cycles += layer_cycles(layer.design);
  return cycles;
}

std::int64_t cycles_per_inference(const NetworkDesign& design) {
  return io_cycles(design.layers.front().design.n_inputs, design.layers.back().design.n_neurons) +
         compute_cycles(design);
}

// Per layer, prepared once: the random planes, one encoded stream per distinct weight magnitude, and each
// neuron's SC synapses as (input, weight stream, sign).
struct NetworkSimulator::Prepared {
  std::optional<sim::RandomPlanes> input_planes;
  std::size_t words = 0;
  std::vector<std::uint64_t> weight_streams;  // [stream * words + w]
  struct Synapse {
    std::uint32_t input;
    std::uint32_t stream;
    bool negative;
  };
  std::vector<std::vector<Synapse>> synapses;  // per neuron
  std::vector<std::uint32_t> sc_inputs;        // inputs with at least one SC synapse
};

namespace {

// A layer's SC synapses in the order its hardware reads them: the spatial layer's constants neuron by
// neuron, or a folded layer's memory words decoded chunk by chunk (so the simulator reads the very contents
// the Verilog initialises its memory with).
std::vector<LaneWeight> sc_synapses_as_built(const NetworkLayerDesign& layer) {
  const LayerDesign& d = layer.design;
  // SPRAM: the entries the load image (network_load_image) writes into the blocks.
  if (d.fold.folded() && d.fold.memory == WeightMemory::kSpram)
    return decode_weight_memory(d, spram_entries(d, layer_load_words(layer)), layer.is_signed);
  if (d.fold.folded())
    return decode_weight_memory(d, weight_memory_entries(d, layer.weights.values), layer.is_signed);
  std::vector<LaneWeight> synapses;
  const auto m = static_cast<std::size_t>(d.n_neurons);
  for (int j = 0; j < d.n_neurons; ++j)
    for (int i = exact_inputs(d); i < d.n_inputs; ++i) {
      const std::int32_t w =
          layer.weights.values[static_cast<std::size_t>(i) * m + static_cast<std::size_t>(j)];
      if (w != 0) synapses.push_back({j, i, static_cast<std::uint32_t>(std::abs(w)), w < 0});
    }
  return synapses;
}

}  // namespace

NetworkSimulator::NetworkSimulator(const NetworkDesign& design) : design_(design) {
  for (const NetworkLayerDesign& layer : design_.layers) {
    const LayerDesign& d = layer.design;
    auto prepared = std::make_unique<Prepared>();
    const auto n = static_cast<std::size_t>(d.n_inputs);
    prepared->synapses.resize(static_cast<std::size_t>(d.n_neurons));
    if (static_cast<std::size_t>(exact_inputs(d)) < n) {
      const sim::Polynomial polynomial = sim::generator_polynomial(d.generator, d.polynomial);
      const auto seq = sim::operand_sequences(d.generator, polynomial, d.precision, d.bitstream_length);
      prepared->input_planes.emplace(seq.inputs, d.precision);
      const sim::RandomPlanes weight_planes(seq.weights, d.precision);
      prepared->words = weight_planes.words();
      std::map<std::uint32_t, std::uint32_t> stream_of;
      std::vector<bool> used(n, false);
      for (const LaneWeight& s : sc_synapses_as_built(layer)) {
        auto [it, added] = stream_of.try_emplace(s.magnitude, static_cast<std::uint32_t>(stream_of.size()));
        if (added) {
          prepared->weight_streams.resize(prepared->weight_streams.size() + prepared->words);
          weight_planes.encode_words(s.magnitude,
                                     prepared->weight_streams.data() + it->second * prepared->words);
        }
        prepared->synapses[static_cast<std::size_t>(s.neuron)].push_back(
            {static_cast<std::uint32_t>(s.input), it->second, s.negative});
        used[static_cast<std::size_t>(s.input)] = true;
      }
      for (std::size_t i = 0; i < n; ++i)
        if (used[i]) prepared->sc_inputs.push_back(static_cast<std::uint32_t>(i));
    }
    prepared_.push_back(std::move(prepared));
  }
}

NetworkSimulator::~NetworkSimulator() = default;

namespace {

void check_inputs(const NetworkLayerDesign& layer, const std::vector<std::uint32_t>& inputs) {
  if (inputs.size() != static_cast<std::size_t>(layer.design.n_inputs))
    throw core::InputError("layer '" + layer.id + "': " + std::to_string(inputs.size()) +
                           " inputs, expected " + std::to_string(layer.design.n_inputs));
  const std::uint32_t limit = std::uint32_t{1} << layer.design.precision;
  for (std::size_t i = 0; i < inputs.size(); ++i)
    if (inputs[i] >= limit)
      throw core::InputError("layer '" + layer.id + "': input " + std::to_string(i) + " = " +
                             std::to_string(inputs[i]) + " exceeds " +
                             std::to_string(layer.design.precision) + " bits");
}

// num_j of the exact synapses and, with `all_exact`, of every synapse: L * sum x * w.
std::vector<std::int64_t> exact_part(const NetworkLayerDesign& layer, const std::vector<std::uint32_t>& x,
                                     bool all_exact) {
  return exact_num(layer, x, all_exact ? x.size() : static_cast<std::size_t>(exact_inputs(layer.design)));
}

}  // namespace

std::vector<std::int64_t> NetworkSimulator::sc_ones(std::size_t l,
                                                    const std::vector<std::uint32_t>& x) const {
  const NetworkLayerDesign& layer = design_.layers.at(l);
  const Prepared& p = *prepared_[l];
  check_inputs(layer, x);
  std::vector<std::int64_t> ones(static_cast<std::size_t>(layer.design.n_neurons), 0);
  if (!p.input_planes) return ones;
  const std::size_t words = p.words;
  std::vector<std::uint64_t> input_streams(static_cast<std::size_t>(layer.design.n_inputs) * words, 0);
  for (const std::uint32_t i : p.sc_inputs)
    p.input_planes->encode_words(x[i], input_streams.data() + i * words);
  for (std::size_t j = 0; j < p.synapses.size(); ++j)
    for (const Prepared::Synapse& s : p.synapses[j]) {
      const std::uint64_t* a = input_streams.data() + s.input * words;
      const std::uint64_t* b = p.weight_streams.data() + s.stream * words;
      std::int64_t count = 0;
      for (std::size_t w = 0; w < words; ++w) count += std::popcount(a[w] & b[w]);
      ones[j] += s.negative ? -count : count;
    }
  return ones;
}

namespace {

// The layer's outputs, and the next layer's inputs: a ReLU layer passes its activations on, the last layer
// none. `x` holds this layer's inputs on entry; they move into the trace.
void activate_and_pass_on(const NetworkLayerDesign& layer, LayerTrace& trace, std::vector<std::uint32_t>& x) {
  trace.out.reserve(trace.num.size());
  for (const std::int64_t v : trace.num) trace.out.push_back(activation(layer, v));
  trace.inputs = std::move(x);
  x.clear();
  if (layer.relu)
    for (const std::int64_t a : trace.out) x.push_back(static_cast<std::uint32_t>(a));
}

}  // namespace

std::vector<LayerTrace> NetworkSimulator::run(const std::vector<std::uint32_t>& inputs) const {
  std::vector<LayerTrace> traces;
  traces.reserve(design_.layers.size());
  std::vector<std::uint32_t> x = inputs;
  for (std::size_t l = 0; l < design_.layers.size(); ++l) {
    const NetworkLayerDesign& layer = design_.layers[l];
    const Prepared& p = *prepared_[l];
    check_inputs(layer, x);
    LayerTrace trace;
    trace.num = exact_part(layer, x, false);
    if (p.input_planes) {
      const std::vector<std::int64_t> ones = sc_ones(l, x);
      const std::int64_t unit = std::int64_t{1} << (2 * layer.design.precision);
      for (std::size_t j = 0; j < ones.size(); ++j)
        trace.num[j] += (ones[j] - (layer.ones_offset.empty() ? 0 : layer.ones_offset[j])) * unit;
    }
    trace.exact_num = exact_part(layer, x, true);
    activate_and_pass_on(layer, trace, x);
    traces.push_back(std::move(trace));
  }
  return traces;
}

std::vector<LayerTrace> NetworkSimulator::run_exact(const std::vector<std::uint32_t>& inputs) const {
  std::vector<LayerTrace> traces;
  std::vector<std::uint32_t> x = inputs;
  for (const NetworkLayerDesign& layer : design_.layers) {
    check_inputs(layer, x);
    LayerTrace trace;
    trace.num = exact_part(layer, x, true);
    trace.exact_num = trace.num;
    activate_and_pass_on(layer, trace, x);
    traces.push_back(std::move(trace));
  }
  return traces;
}

std::int64_t NetworkSimulator::synapse_bit_ops() const {
  std::int64_t ops = 0;
  for (std::size_t l = 0; l < prepared_.size(); ++l) {
    std::int64_t synapses = 0;
    for (const auto& neuron : prepared_[l]->synapses) synapses += static_cast<std::int64_t>(neuron.size());
    ops += synapses * design_.layers[l].design.bitstream_length;
  }
  return ops;
}

}  // namespace scn::hw
