#include "sc_neurocore/model/activity.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <mutex>
#include <tuple>

#include "sc_neurocore/model/cells.hpp"
#include "sc_neurocore/sim/generators.hpp"
#include "sc_neurocore/sim/polynomial.hpp"

namespace scn::model {
namespace {

// The proxy: enough inputs, neurons and cycles for stable per-node rates, small enough that the planner can
// afford one simulation per grid point (8 x 4 synapses, at most 256 cycles: about 10 us).
constexpr int kProxyInputs = 8;
constexpr int kProxyNeurons = 4;
constexpr int kProxyCycles = 256;
constexpr std::uint64_t kProxyInputSeed = 0x5EEDu;

int bits_of(std::uint64_t value) { return std::popcount(value); }

// Per-unit rates of the proxy, independent of the layer's size.
struct Rates {
  double per_input = 0, per_weight_sng = 0, per_product = 0, per_pop_bit = 0;
  double per_chain_bit = 0;     // a comparator's carry-chain node (the prefix comparison of bits 0..k)
  double tree_per_product = 0;  // adder-tree partial-sum bits per product toggle
  double random_state = 0, counter = 0;
  double products_per_cycle_per_synapse = 0;  // mean product ones: the accumulator's increment per synapse
};

// Adder tree of each proxy neuron: pairwise partial sums of the 8 products (4 + 2 nodes below the root).
constexpr int kTreeNodes = kProxyInputs / 2 + kProxyInputs / 4;

// The proxy's fixed operands and the previous cycle's value of every node whose toggles are counted.
struct ProxyState {
  std::vector<std::uint32_t> weights, inputs;
  std::vector<std::uint32_t> distinct;  // the distinct non-zero weights: one weight SNG each
  double active = 0;                    // synapses with a non-zero weight
  std::vector<int> xs_prev, ws_prev, prod_prev;
  std::vector<std::uint32_t> pop_prev;
  std::vector<std::uint32_t> chain_prev;  // comparator chains of the input SNGs: carry k = (r[k:0] < x[k:0])
  std::vector<std::uint32_t> tree_prev;
  std::uint32_t r_in_prev = 0, r_w_prev = 0;
};

// Toggles summed over the proxy's cycles, per kind of node.
struct ProxyToggles {
  double inputs = 0, weight_sngs = 0, products = 0, pops = 0, random = 0, counter = 0, ones = 0, chains = 0,
         tree = 0;
};

hw::LayerDesign proxy_of(const hw::LayerDesign& d) {
  hw::LayerDesign proxy = d;
  proxy.n_inputs = kProxyInputs;
  proxy.n_neurons = kProxyNeurons;
  proxy.mode = sim::ComputeMode::kSc;  // the SC part streams; the exact part is costed from the full layer
  proxy.bitstream_length = std::min(d.bitstream_length, kProxyCycles);
  proxy.seed = 1;  // an estimate sees knobs, not weights: every layer with these knobs gets the same proxy
  // The proxy is a small spatial layer: a folded layer's switching per cell is taken to be its spatial twin's
  // (not yet measured on folded layers; their memory reads are not in it).
  proxy.fold = {};
  return proxy;
}

ProxyState initial_state(const hw::LayerDesign& proxy) {
  ProxyState s;
  s.weights = hw::make_layer_weights(proxy);
  s.inputs = sim::random_sequence(kProxyInputSeed, proxy.precision, kProxyInputs);
  for (const auto w : s.weights)
    if (w != 0) s.distinct.push_back(w);
  std::sort(s.distinct.begin(), s.distinct.end());
  s.distinct.erase(std::unique(s.distinct.begin(), s.distinct.end()), s.distinct.end());
  s.active = static_cast<double>(
      s.weights.size() - static_cast<std::size_t>(std::count(s.weights.begin(), s.weights.end(), 0u)));
  s.xs_prev.assign(kProxyInputs, 0);
  s.ws_prev.assign(s.distinct.size(), 0);
  s.prod_prev.assign(s.weights.size(), 0);
  s.pop_prev.assign(kProxyNeurons, 0);
  s.chain_prev.assign(kProxyInputs, 0);
  s.tree_prev.assign(static_cast<std::size_t>(kProxyNeurons * kTreeNodes), 0);
  return s;
}

void step_sources(ProxyState& s, ProxyToggles& t, int cycle, std::uint32_t r_in, std::uint32_t r_w) {
  if (cycle > 0) t.random += bits_of(r_in ^ s.r_in_prev) + bits_of(r_w ^ s.r_w_prev);
  s.r_in_prev = r_in;
  s.r_w_prev = r_w;
  t.counter += bits_of(static_cast<std::uint64_t>(cycle) ^ static_cast<std::uint64_t>(cycle + 1));
}

void step_input_sngs(ProxyState& s, ProxyToggles& t, std::uint32_t r_in, int b) {
  for (std::size_t i = 0; i < kProxyInputs; ++i) {
    std::uint32_t chain = 0;
    for (int k = 0; k < b; ++k) {
      const std::uint32_t mask = (std::uint32_t{2} << k) - 1;
      chain |= ((r_in & mask) < (s.inputs[i] & mask) ? 1u : 0u) << k;
    }
    t.chains += bits_of(chain ^ s.chain_prev[i]);
    s.chain_prev[i] = chain;
    const int xs = r_in < s.inputs[i] ? 1 : 0;
    t.inputs += xs != s.xs_prev[i];
    s.xs_prev[i] = xs;
  }
}

void step_weight_sngs(ProxyState& s, ProxyToggles& t, std::uint32_t r_w) {
  for (std::size_t k = 0; k < s.distinct.size(); ++k) {
    const int ws = r_w < s.distinct[k] ? 1 : 0;
    t.weight_sngs += ws != s.ws_prev[k];
    s.ws_prev[k] = ws;
  }
}

// Neuron j's products (AND of input and weight streams), its adder tree and its popcount.
void step_neuron(ProxyState& s, ProxyToggles& t, int j, std::uint32_t r_w) {
  std::uint32_t pop = 0;
  std::uint32_t leaf[kProxyInputs] = {};
  for (int i = 0; i < kProxyInputs; ++i) {
    const std::size_t k = static_cast<std::size_t>(i) * kProxyNeurons + static_cast<std::size_t>(j);
    const int p = s.weights[k] != 0 && s.xs_prev[static_cast<std::size_t>(i)] && r_w < s.weights[k] ? 1 : 0;
    t.products += p != s.prod_prev[k];
    s.prod_prev[k] = p;
    leaf[i] = static_cast<std::uint32_t>(p);
    pop += static_cast<std::uint32_t>(p);
  }
  std::uint32_t node[kTreeNodes];
  for (int k = 0; k < kProxyInputs / 2; ++k) node[k] = leaf[2 * k] + leaf[2 * k + 1];
  for (int k = 0; k < kProxyInputs / 4; ++k) node[kProxyInputs / 2 + k] = node[2 * k] + node[2 * k + 1];
  for (int k = 0; k < kTreeNodes; ++k) {
    auto& prev = s.tree_prev[static_cast<std::size_t>(j * kTreeNodes + k)];
    t.tree += bits_of(node[k] ^ prev);
    prev = node[k];
  }
  t.pops += bits_of(pop ^ s.pop_prev[static_cast<std::size_t>(j)]);
  s.pop_prev[static_cast<std::size_t>(j)] = pop;
  t.ones += pop;
}

Rates rates_of(const ProxyToggles& t, const ProxyState& s, const hw::LayerDesign& d, int length,
               const sim::Polynomial& polynomial) {
  const int b = d.precision;
  const double cycles = length;
  Rates r;
  r.per_input = t.inputs / (cycles * kProxyInputs);
  r.per_weight_sng =
      s.distinct.empty() ? 0.0 : t.weight_sngs / (cycles * static_cast<double>(s.distinct.size()));
  r.per_product = s.active > 0 ? t.products / (cycles * s.active) : 0.0;
  const double pop_bits = std::floor(std::log2(kProxyInputs)) + 1;
  r.per_pop_bit = t.pops / (cycles * kProxyNeurons * pop_bits);
  r.per_chain_bit = t.chains / (cycles * kProxyInputs * b);
  r.tree_per_product = t.products > 0 ? t.tree / t.products : 0.0;
  r.products_per_cycle_per_synapse = s.active > 0 ? t.ones / (cycles * s.active) : 0.0;
  // The b-bit windows above stand for the generator's registers: an LFSR of degree n shifts all n bits.
  const double register_bits = d.generator == sim::Generator::kLfsr ? 2.0 * polynomial.degree
                               : sim::uses_polynomial(d.generator)  ? polynomial.degree
                                                                    : 2.0 * b;
  r.random_state = t.random / std::max(1.0, cycles - 1) * register_bits / (2.0 * b);
  r.counter = t.counter / cycles;
  return r;
}

Rates simulate_rates(const hw::LayerDesign& d) {
  const hw::LayerDesign proxy = proxy_of(d);
  const int length = proxy.bitstream_length;
  const sim::Polynomial polynomial = sim::generator_polynomial(d.generator, d.polynomial);
  const auto seq = sim::operand_sequences(d.generator, polynomial, d.precision, length);
  ProxyState state = initial_state(proxy);
  ProxyToggles toggles;
  for (int t = 0; t < length; ++t) {
    const std::uint32_t r_in = seq.inputs[static_cast<std::size_t>(t)];
    const std::uint32_t r_w = seq.weights[static_cast<std::size_t>(t)];
    step_sources(state, toggles, t, r_in, r_w);
    step_input_sngs(state, toggles, r_in, d.precision);
    step_weight_sngs(state, toggles, r_w);
    for (int j = 0; j < kProxyNeurons; ++j) step_neuron(state, toggles, j, r_w);
  }
  return rates_of(toggles, state, d, length, polynomial);
}

using Key = std::tuple<int, std::string, int, int, int, double>;

const Rates& rates_for(const hw::LayerDesign& d) {
  static std::mutex mutex;
  static std::map<Key, Rates> memo;
  const Key key{static_cast<int>(d.generator),
                sim::uses_polynomial(d.generator) ? d.polynomial : "",
                d.precision,
                d.weight_bits,
                std::min(d.bitstream_length, kProxyCycles),
                d.sparsity};
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = memo.find(key);
  if (it == memo.end()) it = memo.emplace(key, simulate_rates(d)).first;
  return it->second;
}

// Mean bits that flip when a counter advances by `step` per cycle: the low bit_length(step) bits change
// about half the time, and the carry out of them ripples one more bit on average.
double counter_toggles(double step) {
  if (step <= 0) return 0.0;
  return 0.5 * (std::floor(std::log2(std::max(1.0, step))) + 1) + 1.0;
}

}  // namespace

LayerActivity layer_activity(const hw::LayerDesign& d) {
  if (d.fold.folded()) {
    // A folded layer switches like a spatial layer of its lanes: PE neurons of SIMD inputs each (its weight
    // memory's reads are not in it; not yet measured on folded layers).
    hw::LayerDesign lanes = d;
    lanes.n_inputs = std::min(d.n_inputs, d.fold.input_lanes);
    lanes.n_neurons = std::min(d.n_neurons, d.fold.neuron_lanes);
    lanes.fold = {};
    return layer_activity(lanes);
  }
  LayerActivity a;
  const int exact = hw::exact_inputs(d);
  const int sc_inputs = d.n_inputs - exact;
  const double m = d.n_neurons;
  if (sc_inputs > 0 && d.mode != sim::ComputeMode::kDeterministic) {
    const Rates& r = rates_for(d);
    const double active = static_cast<double>(hw::active_synapses(d));
    const double sc_synapses = active * sc_inputs / d.n_inputs;
    const double inputs_per_neuron = sc_synapses / m;
    const double distinct = expected_distinct_weights(sc_synapses, hw::effective_weight_bits(d));
    a.input_sngs = r.per_input * sc_inputs;
    a.weight_sngs = r.per_weight_sng * distinct;
    // Every comparator is a b-bit carry chain (input SNGs and weight SNGs alike compare a random number).
    a.comparator_chains = r.per_chain_bit * d.precision * (sc_inputs + distinct);
    a.products = r.per_product * sc_synapses;
    // A tree over k products has about k partial sums; its depth grows with log2(k), and so do their widths.
    const double levels = std::floor(std::log2(std::max(1.0, inputs_per_neuron))) + 1;
    a.adder_tree = a.products * r.tree_per_product * levels / 3.0;
    a.popcounts = r.per_pop_bit * m * levels;
    // Each accumulator and counter bit is one logic cell whose LUT (sum), carry and flip-flop all switch.
    a.accumulators = 3.0 * m * counter_toggles(r.products_per_cycle_per_synapse * inputs_per_neuron);
    a.random_state = r.random_state;
    a.counter = 3.0 * r.counter;
  }
  if (exact > 0) {
    // The exact products change when the inputs do: once per inference, about half their result bits.
    const double cycles = d.mode == sim::ComputeMode::kDeterministic ? 1.0 : d.bitstream_length + 2.0;
    a.exact = 0.5 * m * (2.0 * d.precision + std::log2(exact + 1.0)) / cycles;
  }
  return a;
}

}  // namespace scn::model
