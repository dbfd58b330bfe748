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

Rates simulate_rates(const hw::LayerDesign& d) {
  hw::LayerDesign proxy = d;
  proxy.n_inputs = kProxyInputs;
  proxy.n_neurons = kProxyNeurons;
  proxy.mode = sim::ComputeMode::kSc;  // the SC part streams; the exact part is costed from the full layer
  proxy.bitstream_length = std::min(d.bitstream_length, kProxyCycles);
  proxy.seed = 1;  // an estimate sees knobs, not weights: every layer with these knobs gets the same proxy
  const int b = d.precision;
  const int length = proxy.bitstream_length;
  const std::vector<std::uint32_t> weights = hw::make_layer_weights(proxy);
  const std::vector<std::uint32_t> inputs = sim::random_sequence(kProxyInputSeed, b, kProxyInputs);
  const sim::Polynomial polynomial = sim::generator_polynomial(d.generator, d.polynomial);
  const auto seq = sim::operand_sequences(d.generator, polynomial, b, length);

  std::vector<std::uint32_t> distinct;
  for (const auto w : weights)
    if (w != 0) distinct.push_back(w);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  const auto active = static_cast<double>(
      weights.size() - static_cast<std::size_t>(std::count(weights.begin(), weights.end(), 0u)));

  std::vector<int> xs_prev(kProxyInputs, 0), ws_prev(distinct.size(), 0), prod_prev(weights.size(), 0);
  std::vector<std::uint32_t> pop_prev(kProxyNeurons, 0);
  // Comparator chains of the input SNGs: carry k = (r[k:0] < x[k:0]).
  std::vector<std::uint32_t> chain_prev(kProxyInputs, 0);
  // Adder tree of each neuron: pairwise partial sums of the 8 products (4 + 2 nodes below the root).
  constexpr int kTreeNodes = kProxyInputs / 2 + kProxyInputs / 4;
  std::vector<std::uint32_t> tree_prev(static_cast<std::size_t>(kProxyNeurons * kTreeNodes), 0);
  double t_in = 0, t_w = 0, t_prod = 0, t_pop = 0, t_rand = 0, t_count = 0, ones = 0, t_chain = 0, t_tree = 0;
  std::uint32_t r_in_prev = 0, r_w_prev = 0;
  for (int t = 0; t < length; ++t) {
    const std::uint32_t r_in = seq.inputs[static_cast<std::size_t>(t)];
    const std::uint32_t r_w = seq.weights[static_cast<std::size_t>(t)];
    if (t > 0) t_rand += bits_of(r_in ^ r_in_prev) + bits_of(r_w ^ r_w_prev);
    r_in_prev = r_in;
    r_w_prev = r_w;
    t_count += bits_of(static_cast<std::uint64_t>(t) ^ static_cast<std::uint64_t>(t + 1));
    for (int i = 0; i < kProxyInputs; ++i) {
      std::uint32_t chain = 0;
      for (int k = 0; k < b; ++k) {
        const std::uint32_t mask = (std::uint32_t{2} << k) - 1;
        chain |= ((r_in & mask) < (inputs[static_cast<std::size_t>(i)] & mask) ? 1u : 0u) << k;
      }
      t_chain += bits_of(chain ^ chain_prev[static_cast<std::size_t>(i)]);
      chain_prev[static_cast<std::size_t>(i)] = chain;
      const int xs = r_in < inputs[static_cast<std::size_t>(i)] ? 1 : 0;
      t_in += xs != xs_prev[static_cast<std::size_t>(i)];
      xs_prev[static_cast<std::size_t>(i)] = xs;
    }
    for (std::size_t k = 0; k < distinct.size(); ++k) {
      const int ws = r_w < distinct[k] ? 1 : 0;
      t_w += ws != ws_prev[k];
      ws_prev[k] = ws;
    }
    for (int j = 0; j < kProxyNeurons; ++j) {
      std::uint32_t pop = 0;
      std::uint32_t leaf[kProxyInputs] = {};
      for (int i = 0; i < kProxyInputs; ++i) {
        const std::size_t s = static_cast<std::size_t>(i) * kProxyNeurons + static_cast<std::size_t>(j);
        const int p = weights[s] != 0 && xs_prev[static_cast<std::size_t>(i)] && r_w < weights[s] ? 1 : 0;
        t_prod += p != prod_prev[s];
        prod_prev[s] = p;
        leaf[i] = static_cast<std::uint32_t>(p);
        pop += static_cast<std::uint32_t>(p);
      }
      std::uint32_t node[kTreeNodes];
      for (int k = 0; k < kProxyInputs / 2; ++k) node[k] = leaf[2 * k] + leaf[2 * k + 1];
      for (int k = 0; k < kProxyInputs / 4; ++k) node[kProxyInputs / 2 + k] = node[2 * k] + node[2 * k + 1];
      for (int k = 0; k < kTreeNodes; ++k) {
        auto& prev = tree_prev[static_cast<std::size_t>(j * kTreeNodes + k)];
        t_tree += bits_of(node[k] ^ prev);
        prev = node[k];
      }
      t_pop += bits_of(pop ^ pop_prev[static_cast<std::size_t>(j)]);
      pop_prev[static_cast<std::size_t>(j)] = pop;
      ones += pop;
    }
  }
  const double cycles = length;
  Rates r;
  r.per_input = t_in / (cycles * kProxyInputs);
  r.per_weight_sng = distinct.empty() ? 0.0 : t_w / (cycles * static_cast<double>(distinct.size()));
  r.per_product = active > 0 ? t_prod / (cycles * active) : 0.0;
  const double pop_bits = std::floor(std::log2(kProxyInputs)) + 1;
  r.per_pop_bit = t_pop / (cycles * kProxyNeurons * pop_bits);
  r.per_chain_bit = t_chain / (cycles * kProxyInputs * b);
  r.tree_per_product = t_prod > 0 ? t_tree / t_prod : 0.0;
  r.products_per_cycle_per_synapse = active > 0 ? ones / (cycles * active) : 0.0;
  // The b-bit windows above stand for the generator's registers: an LFSR of degree n shifts all n bits.
  const double register_bits = d.generator == sim::Generator::kLfsr ? 2.0 * polynomial.degree
                               : sim::uses_polynomial(d.generator)  ? polynomial.degree
                                                                    : 2.0 * b;
  r.random_state = t_rand / std::max(1.0, cycles - 1) * register_bits / (2.0 * b);
  r.counter = t_count / cycles;
  return r;
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
