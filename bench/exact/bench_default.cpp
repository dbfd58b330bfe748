// The default profile's exact search against the reference surrogate at 512
// layers, and alone at 10,000 layers (default grid: 421 candidates per layer);
// the network Pareto frontier of a 196-64-32-10 classifier under a latency cap.
// Run: build/bench/exact/bench_default --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>

#include "sc_neurocore/search/default_planner.hpp"
#include "sc_neurocore/search/surrogate.hpp"

namespace {

// Mac counts 1-4096 (log-uniform, splitmix64-seeded), one layer in four critical;
// the budget binds: about 5 LUTs and 0.02 mW per MAC, latency cap 1024 cycles.
struct Instance {
  std::vector<scn::core::LayerProfile> network;
  scn::core::TargetHardwareProfile target;
};

Instance instance_of(std::int64_t layers) {
  std::uint64_t state = 2026;
  const auto next = [&] {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
  };
  Instance instance;
  std::int64_t macs = 0;
  for (std::int64_t i = 0; i < layers; ++i) {
    const auto mac_count = static_cast<std::int64_t>(std::llround(std::exp(next() * std::log(4096.0))));
    instance.network.push_back({"layer" + std::to_string(i), mac_count, i % 4 == 0});
    macs += mac_count;
  }
  instance.target = {"bench", {5 * macs, 0.02 * static_cast<double>(macs), 1024}};
  return instance;
}

void optimise(benchmark::State& state, scn::core::Profile profile) {
  const Instance instance = instance_of(state.range(0));
  scn::search::SurrogateOptions options;
  options.profile = profile;
  double gap = 0.0;
  for (auto _ : state) {
    scn::search::SurrogateSCOptimizer optimizer(instance.target, options);
    const auto report = optimizer.optimise(instance.network);
    if (report.search) gap = report.search->relative_gap;
    benchmark::DoNotOptimize(report);
  }
  state.counters["relative_gap"] = gap;
  state.SetLabel(std::to_string(state.range(0)) + " layers x 421 candidates");
}

void BM_DefaultOptimise(benchmark::State& state) { optimise(state, scn::core::Profile::kDefault); }
void BM_ReferenceOptimise(benchmark::State& state) { optimise(state, scn::core::Profile::kReference); }

// examples/network_196x64x32x10.json's shape on the ice40-low-power budget (cap 4,096 cycles): the cap
// binds only for slow plans, so most partial plans meet it whatever follows (the frontier's latency floor).
void BM_ParetoFrontierCapped(benchmark::State& state) {
  const std::vector<scn::core::LayerProfile> network = {
      {"fc1", 196 * 64, true, 196, 64}, {"fc2", 64 * 32, false, 64, 32}, {"fc3", 32 * 10, false, 32, 10}};
  const scn::core::TargetHardwareProfile target{"bench", {4096, 50.0, state.range(0)}};
  const scn::search::SurrogateOptions options;
  std::size_t points = 0;
  for (auto _ : state) {
    const auto frontier = scn::search::network_pareto_frontier(target, options, network);
    points = frontier.plans.size();
    benchmark::DoNotOptimize(frontier);
  }
  state.counters["points"] = static_cast<double>(points);
}

BENCHMARK(BM_ParetoFrontierCapped)->Arg(4096)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultOptimise)->Arg(512)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReferenceOptimise)->Arg(512)->Unit(benchmark::kMillisecond);

}  // namespace
