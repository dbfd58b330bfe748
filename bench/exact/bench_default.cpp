// The default profile's exact search against the reference surrogate at 512
// layers, and alone at 10,000 layers (default grid: 421 candidates per layer).
// Run: build/bench/exact/bench_default --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>

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

BENCHMARK(BM_DefaultOptimise)->Arg(512)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReferenceOptimise)->Arg(512)->Unit(benchmark::kMillisecond);

}  // namespace
