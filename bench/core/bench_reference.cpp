// Reference profile speed: the surrogate optimiser at 2, 32 and 512 layers,
// fit_to_target on the MNIST-sized 784x128,128x10 network, and the greedy
// SCOptimizer. Run: build/bench/core/bench_reference --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include "sc_neurocore/compress/fit_to_target.hpp"
#include "sc_neurocore/io/weights.hpp"
#include "sc_neurocore/search/sc_optimizer.hpp"
#include "sc_neurocore/search/surrogate.hpp"

namespace {

// Layers with mac counts 16..4096 spread deterministically, every fourth critical.
std::vector<scn::core::LayerProfile> network_of(std::int64_t layers) {
  std::vector<scn::core::LayerProfile> network;
  for (std::int64_t i = 0; i < layers; ++i) {
    network.push_back({"layer" + std::to_string(i), 16 + (i * 97) % 4081, i % 4 == 0});
  }
  return network;
}

void BM_ReferenceSurrogateOptimise(benchmark::State& state) {
  const auto network = network_of(state.range(0));
  // A budget that fits roughly 60 LUTs per MAC over the network.
  std::int64_t macs = 0;
  for (const auto& layer : network) macs += layer.mac_count;
  const scn::core::TargetHardwareProfile target{"bench", {macs * 20, static_cast<double>(macs), 2048}};
  scn::search::SurrogateOptions options;
  options.profile = scn::core::Profile::kReference;
  for (auto _ : state) {
    scn::search::SurrogateSCOptimizer optimizer(target, options);
    benchmark::DoNotOptimize(optimizer.optimise(network));
  }
  state.SetLabel(std::to_string(state.range(0)) + " layers x 421 candidates");
}
BENCHMARK(BM_ReferenceSurrogateOptimise)->Arg(2)->Arg(32)->Arg(512)->Unit(benchmark::kMillisecond);

void BM_ReferenceFitToTarget(benchmark::State& state) {
  const std::vector<scn::model::LayerSize> sizes = {{784, 128}, {128, 10}};
  const auto weights = scn::io::random_weights(sizes, 1);
  scn::compress::FitOptions options;
  options.profile = scn::core::Profile::kReference;
  for (auto _ : state) benchmark::DoNotOptimize(scn::compress::fit_to_target(sizes, weights, options));
  state.SetLabel("784x128,128x10 on ice40, 10 iterations");
}
BENCHMARK(BM_ReferenceFitToTarget)->Unit(benchmark::kMillisecond);

void BM_ReferenceGreedy(benchmark::State& state) {
  const auto network = network_of(state.range(0));
  std::int64_t macs = 0;
  for (const auto& layer : network) macs += layer.mac_count;
  const scn::search::SCOptimizer optimizer({macs * 20, static_cast<double>(macs), 0});
  for (auto _ : state) benchmark::DoNotOptimize(optimizer.optimize(network));
}
BENCHMARK(BM_ReferenceGreedy)->Arg(5)->Arg(64)->Unit(benchmark::kMillisecond);

}  // namespace
