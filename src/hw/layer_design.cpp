#include "sc_neurocore/hw/layer_design.hpp"

#include <cmath>
#include <cstdlib>
#include <numeric>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/sim/polynomial.hpp"

namespace scn::hw {
namespace {

// splitmix64: the weights of a seed are the same on every machine.
class SplitMix {
 public:
  explicit SplitMix(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }

 private:
  std::uint64_t state_;
};

void fail(const std::string& field, const std::string& why) {
  throw core::InputError("layer design: " + field + " " + why);
}

// Folded layers compute every synapse stochastically (an exact synapse would need a multiplier per lane).
void validate_fold(const LayerDesign& d) {
  const Fold& f = d.fold;
  if (f.neuron_lanes < 1 || f.neuron_lanes > d.n_neurons)
    fail("neuron_lanes", "must be 1-" + std::to_string(d.n_neurons) + " (the layer's neurons), got " +
                             std::to_string(f.neuron_lanes));
  if (f.input_lanes < 1 || f.input_lanes > d.n_inputs)
    fail("input_lanes", "must be 1-" + std::to_string(d.n_inputs) + " (the layer's inputs), got " +
                            std::to_string(f.input_lanes));
  if (d.mode != sim::ComputeMode::kSc)
    fail("mode", "of a folded layer must be SC (its lanes have no multipliers for exact synapses)");
  // An SPRAM layer reads a chunk's rows from one address range: its chunks must fit one block's depth
  // (hw/folded_layer.hpp, spram_layout).
  const std::int64_t chunks = static_cast<std::int64_t>((d.n_neurons + f.neuron_lanes - 1) / f.neuron_lanes) *
                              ((d.n_inputs + f.input_lanes - 1) / f.input_lanes);
  if (f.input_memory && f.input_lanes >= d.n_inputs)
    fail("input_memory", "needs at least two input slices (input_lanes below the layer's " +
                             std::to_string(d.n_inputs) + " inputs), got input_lanes " +
                             std::to_string(f.input_lanes));
  if (f.memory == WeightMemory::kSpram && chunks > kSpramDepth)
    fail("fold", "in SPRAM holds at most " + std::to_string(kSpramDepth) + " chunks (one SPRAM depth), got " +
                     std::to_string(chunks) + ": use more lanes");
}

}  // namespace

std::string weight_memory_name(WeightMemory memory) {
  switch (memory) {
    case WeightMemory::kLogic:
      return "logic";
    case WeightMemory::kSpram:
      return "spram";
    case WeightMemory::kBlockRam:
      break;
  }
  return "block_ram";
}

WeightMemory weight_memory_of_name(const std::string& name, const std::string& where) {
  if (name == "block_ram") return WeightMemory::kBlockRam;
  if (name == "logic") return WeightMemory::kLogic;
  if (name == "spram") return WeightMemory::kSpram;
  throw core::InputError(where + " weight_memory must be block_ram, logic or spram, got '" + name + "'");
}

void validate(const LayerDesign& d) {
  if (d.n_inputs < 1) fail("n_inputs", "must be at least 1, got " + std::to_string(d.n_inputs));
  if (d.n_neurons < 1) fail("n_neurons", "must be at least 1, got " + std::to_string(d.n_neurons));
  if (d.bitstream_length < 1 || d.bitstream_length > (1 << 24))
    fail("bitstream_length", "must be 1-16777216, got " + std::to_string(d.bitstream_length));
  if (d.precision < 1 || d.precision > 16)
    fail("precision", "must be 1-16 bits, got " + std::to_string(d.precision));
  if (d.weight_bits < 0 || d.weight_bits > d.precision)
    fail("weight_bits", "must be 0-" + std::to_string(d.precision) + " (the precision), got " +
                            std::to_string(d.weight_bits));
  if (!(d.sparsity >= 0.0 && d.sparsity < 1.0))
    fail("sparsity", "must be in [0, 1), got " + std::to_string(d.sparsity));
  if (!(d.negative_fraction >= 0.0 && d.negative_fraction <= 1.0))
    fail("negative_fraction", "must be in [0, 1], got " + std::to_string(d.negative_fraction));
  if (d.generator == sim::Generator::kRandom) fail("generator", "'random' is not a hardware generator");
  if (d.fold.folded()) validate_fold(d);
  if (sim::uses_polynomial(d.generator)) {
    const sim::Polynomial p = sim::parse_polynomial(d.polynomial);
    if (p.degree < d.precision)
      fail("polynomial", "'" + d.polynomial + "' has degree " + std::to_string(p.degree) +
                             ", below the precision " + std::to_string(d.precision));
  }
}

int effective_weight_bits(const LayerDesign& d) { return d.weight_bits == 0 ? d.precision : d.weight_bits; }

double active_sc_synapses(const LayerDesign& d) {
  return static_cast<double>(active_synapses(d)) * (d.n_inputs - exact_inputs(d)) / d.n_inputs;
}

std::int64_t active_synapses(const LayerDesign& d) {
  const std::int64_t total = static_cast<std::int64_t>(d.n_inputs) * d.n_neurons;
  return total - static_cast<std::int64_t>(std::nearbyint(d.sparsity * static_cast<double>(total)));
}

int exact_inputs(const LayerDesign& d) { return sim::exact_macs(d.mode, d.n_inputs); }

std::vector<std::uint32_t> make_layer_weights(const LayerDesign& d) {
  validate(d);
  const int q = effective_weight_bits(d);
  const std::size_t total = static_cast<std::size_t>(d.n_inputs) * static_cast<std::size_t>(d.n_neurons);
  const auto pruned = static_cast<std::size_t>(static_cast<std::int64_t>(total) - active_synapses(d));
  SplitMix rng(d.seed);
  // Partial Fisher-Yates: the first `pruned` entries of the permutation are zero.
  std::vector<std::size_t> order(total);
  std::iota(order.begin(), order.end(), std::size_t{0});
  for (std::size_t k = 0; k < pruned; ++k) std::swap(order[k], order[k + rng.below(total - k)]);
  std::vector<std::uint32_t> weights(total, 0);
  const std::uint64_t levels = (std::uint64_t{1} << q) - 1;  // non-zero q-bit values 1 .. 2^q - 1
  for (std::size_t k = pruned; k < total; ++k) {
    const auto w = static_cast<std::uint32_t>(1 + rng.below(levels));
    weights[order[k]] = w << (d.precision - q);
  }
  return weights;
}

std::int64_t negative_synapses(const LayerDesign& d) {
  return static_cast<std::int64_t>(
      std::nearbyint(d.negative_fraction * static_cast<double>(active_synapses(d))));
}

std::vector<std::int32_t> make_signed_layer_weights(const LayerDesign& d) {
  const std::vector<std::uint32_t> magnitudes = make_layer_weights(d);
  std::vector<std::int32_t> weights(magnitudes.begin(), magnitudes.end());
  std::vector<std::size_t> kept;
  for (std::size_t k = 0; k < weights.size(); ++k)
    if (weights[k] != 0) kept.push_back(k);
  // A stream of its own, so that the magnitudes stay those of make_layer_weights for the same seed.
  SplitMix rng(d.seed ^ 0x6e65676174697665ULL);
  const auto negative = static_cast<std::size_t>(negative_synapses(d));
  for (std::size_t k = 0; k < negative; ++k) {
    std::swap(kept[k], kept[k + rng.below(kept.size() - k)]);
    weights[kept[k]] = -weights[kept[k]];
  }
  return weights;
}

LayerResult simulate_layer(const LayerDesign& d, const std::vector<std::uint32_t>& weights,
                           const std::vector<std::uint32_t>& inputs) {
  return simulate_layer(d, std::vector<std::int32_t>(weights.begin(), weights.end()), inputs);
}

LayerResult simulate_layer(const LayerDesign& d, const std::vector<std::int32_t>& weights,
                           const std::vector<std::uint32_t>& inputs) {
  validate(d);
  const auto n = static_cast<std::size_t>(d.n_inputs);
  const auto m = static_cast<std::size_t>(d.n_neurons);
  if (weights.size() != n * m)
    throw core::InputError("simulate_layer: " + std::to_string(weights.size()) + " weights for " +
                           std::to_string(n) + "x" + std::to_string(m) + " synapses");
  if (inputs.size() != n)
    throw core::InputError("simulate_layer: " + std::to_string(inputs.size()) + " inputs for n_inputs " +
                           std::to_string(n));
  const std::uint32_t limit = std::uint32_t{1} << d.precision;
  for (std::size_t i = 0; i < n; ++i)
    if (inputs[i] >= limit)
      throw core::InputError("simulate_layer: input " + std::to_string(i) + " exceeds b bits");
  for (std::size_t k = 0; k < weights.size(); ++k)
    if (static_cast<std::uint32_t>(std::abs(weights[k])) >= limit)
      throw core::InputError("simulate_layer: weight " + std::to_string(k) + " exceeds b bits");
  const auto exact = static_cast<std::size_t>(exact_inputs(d));
  LayerResult result{std::vector<std::int64_t>(m, 0), std::vector<std::int64_t>(m, 0)};
  if (exact < n) {
    const sim::Polynomial polynomial = sim::generator_polynomial(d.generator, d.polynomial);
    const auto seq = sim::operand_sequences(d.generator, polynomial, d.precision, d.bitstream_length);
    const sim::RandomPlanes input_planes(seq.inputs, d.precision);
    const sim::RandomPlanes weight_planes(seq.weights, d.precision);
    for (std::size_t j = 0; j < m; ++j)
      for (std::size_t i = exact; i < n; ++i) {
        const std::int32_t w = weights[i * m + j];
        const std::int64_t ones =
            input_planes.and_count(inputs[i], weight_planes, static_cast<std::uint32_t>(std::abs(w)));
        result.sc_ones[j] += w < 0 ? -ones : ones;
      }
  }
  for (std::size_t j = 0; j < m; ++j)
    for (std::size_t i = 0; i < exact; ++i)
      result.exact_sum[j] += static_cast<std::int64_t>(inputs[i]) * weights[i * m + j];
  return result;
}

std::string module_name(const LayerDesign& d) {
  const long permille = std::lround(d.sparsity * 1000.0);
  const char* mode = d.mode == sim::ComputeMode::kSc       ? "sc"
                     : d.mode == sim::ComputeMode::kHybrid ? "hybrid"
                                                           : "det";
  return "sc_layer_" + std::to_string(d.n_inputs) + "x" + std::to_string(d.n_neurons) + "_l" +
         std::to_string(d.bitstream_length) + "_p" + std::to_string(d.precision) + "_q" +
         std::to_string(effective_weight_bits(d)) + "_" + sim::generator_name(d.generator) + "_" + mode +
         "_s" + std::to_string(permille) +
         (d.negative_fraction > 0 ? "_n" + std::to_string(std::lround(d.negative_fraction * 1000.0)) : "") +
         (d.fold.folded()
              ? "_f" + std::to_string(d.fold.neuron_lanes) + "x" + std::to_string(d.fold.input_lanes) +
                    (d.fold.memory == WeightMemory::kLogic   ? "l"
                     : d.fold.memory == WeightMemory::kSpram ? "s"
                                                             : "b") +
                    (d.fold.input_memory ? "i" : "")
              : "");
}

}  // namespace scn::hw
