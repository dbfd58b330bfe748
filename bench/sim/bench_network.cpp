// The bit-true network simulator of `sc-neurocore simulate`: synapse-bit operations per second (one AND and
// one popcount step of one synapse's streams per bitstream cycle) on 3-layer networks, single-threaded.
// Target: at least 1e9 per core, so a thousand vectors through a small network take well under a second.
#include <benchmark/benchmark.h>

#include <random>

#include "sc_neurocore/hw/network.hpp"

namespace {

scn::hw::PlannedLayer planned(const std::string& id, std::int64_t length, const std::string& decorrelator,
                              int bits, const std::string& mode) {
  return {id, length, decorrelator, "none", bits, mode, std::nullopt, std::nullopt};
}

// A 3-layer network n0 x n1 x n2 x n3 with signed normal weights (30 % pruned); folded: every layer on 8 x 2
// lanes with its weights in block RAM (the simulator then reads the memory words, hw/folded_layer.hpp).
scn::hw::NetworkDesign network(int n0, int n1, int n2, int n3, std::int64_t length, bool folded = false) {
  const std::vector<scn::hw::ShapedLayer> shapes = {{"a", n0, n1}, {"b", n1, n2}, {"c", n2, n3}};
  std::mt19937 rng(1);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<scn::core::WeightArray> weights;
  for (const auto& s : shapes) {
    std::vector<double> values;
    for (int k = 0; k < s.n_inputs * s.n_neurons; ++k) values.push_back(k % 10 < 3 ? 0.0 : normal(rng));
    weights.push_back(scn::core::make_matrix(static_cast<std::size_t>(s.n_inputs),
                                             static_cast<std::size_t>(s.n_neurons), std::move(values)));
  }
  std::vector<scn::hw::PlannedLayer> plan = {planned("a", length, "LFSR", 8, "SC"),
                                             planned("b", length, "Sobol", 8, "SC"),
                                             planned("c", length, "Halton", 8, "SC")};
  if (folded)
    for (auto& layer : plan) layer.fold = {8, 2, scn::hw::WeightMemory::kBlockRam};
  return scn::hw::build_network(shapes, plan, weights, 1, "bench", "bench");
}

void run(benchmark::State& state, const scn::hw::NetworkDesign& design) {
  const scn::hw::NetworkSimulator simulator(design);
  const auto vectors = scn::hw::calibration_vectors(design.layers.front().design.n_inputs, 7, 64);
  std::vector<std::vector<std::uint32_t>> inputs;
  for (const auto& v : vectors) inputs.push_back(scn::hw::quantise_inputs(v, design.input_bits()));
  std::size_t k = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(simulator.run(inputs[k]));
    k = (k + 1) % inputs.size();
  }
  state.counters["synapse_bit_ops_per_s"] = benchmark::Counter(
      static_cast<double>(simulator.synapse_bit_ops()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}

// The README's example network shapes, three layers: 16 x 16 x 8 x 4, L = 256.
void BM_SimulateSmall3Layer(benchmark::State& state) { run(state, network(16, 16, 8, 4, 256)); }
BENCHMARK(BM_SimulateSmall3Layer)->Unit(benchmark::kMicrosecond);

// An MNIST-sized network: 784 x 128 x 64 x 10, L = 256.
void BM_SimulateMnist3Layer(benchmark::State& state) { run(state, network(784, 128, 64, 10, 256)); }
BENCHMARK(BM_SimulateMnist3Layer)->Unit(benchmark::kMillisecond);

// The MNIST-sized network folded (issue 31's target: at least 1e9 synapse-bit operations per second).
void BM_SimulateMnist3LayerFolded(benchmark::State& state) {
  run(state, network(784, 128, 64, 10, 256, true));
}
BENCHMARK(BM_SimulateMnist3LayerFolded)->Unit(benchmark::kMillisecond);

// Short streams (L = 64: one machine word per stream) stress the per-synapse overhead.
void BM_SimulateShortStreams(benchmark::State& state) { run(state, network(64, 32, 16, 10, 64)); }
BENCHMARK(BM_SimulateShortStreams)->Unit(benchmark::kMicrosecond);

}  // namespace
