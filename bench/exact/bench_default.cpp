// The default profile's exact search against the reference surrogate at 512
// layers, and alone at 10,000 layers (default grid: 421 candidates per layer, spatial layers);
// the network Pareto frontier of a 196-64-32-10 classifier under a latency cap (spatial layers);
// and `sc-neurocore optimise` as a process planning a 784-64-10 classifier with its weights over every
// fold option on the UP5K (issue 31: <= 0.5 s).
// Run: build/bench/exact/bench_default --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

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
  options.folds = false;  // layers known by their MAC count: the spatial search the published API plans
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
  scn::search::SurrogateOptions options;
  options.folds = false;
  std::size_t points = 0;
  for (auto _ : state) {
    const auto frontier = scn::search::network_pareto_frontier(target, options, network);
    points = frontier.plans.size();
    benchmark::DoNotOptimize(frontier);
  }
  state.counters["points"] = static_cast<double>(points);
}

// A 784-64-10 classifier with normal weights (std 1/sqrt(fan-in), seeded) written as the user would hand
// them over: the network manifest and one JSON file of both matrices.
std::filesystem::path write_mnist_784_64_10() {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "scn-bench-784-64-10";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "network.json")
      << R"({"layers": [{"id": "l0", "mac_count": 50176, "n_inputs": 784, "n_neurons": 64},)"
      << R"( {"id": "l1", "mac_count": 640, "n_inputs": 64, "n_neurons": 10}]})";
  std::mt19937_64 rng(31);
  std::ofstream weights(dir / "weights.json");
  weights << "[";
  for (const auto& [n, m] : {std::pair{784, 64}, std::pair{64, 10}}) {
    std::normal_distribution<double> normal(0.0, 1.0 / std::sqrt(static_cast<double>(n)));
    weights << (n == 784 ? "[" : ",[");
    for (int i = 0; i < n; ++i) {
      weights << (i ? ",[" : "[");
      for (int j = 0; j < m; ++j) weights << (j ? "," : "") << normal(rng);
      weights << "]";
    }
    weights << "]";
  }
  weights << "]";
  return dir;
}

// `sc-neurocore optimise` of the 784-64-10 on the UP5K with `latency_flag` (its latency budget), timed per
// process.
void time_mnist_784_plan(benchmark::State& state, const std::string& latency_flag) {
  const std::filesystem::path dir = write_mnist_784_64_10();
  const std::string command = std::string(SCN_CLI_PATH) + " optimise --network " +
                              (dir / "network.json").string() + " --weights " +
                              (dir / "weights.json").string() + " --target-profile ice40-up5k " +
                              latency_flag + " --out " + (dir / "plan.json").string() + " > /dev/null";
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    if (std::system(command.c_str()) != 0) state.SkipWithError("sc-neurocore optimise failed");
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
}

void BM_PlanMnist784FoldedCli(benchmark::State& state) {
  time_mnist_784_plan(state, "--max-latency-cycles 100000");
  state.SetLabel(
      "784-64-10 on the UP5K within 100,000 cycles: 76 + 34 fold options x 3 memories per SC point, the "
      "first "
      "layer's with inputs in a register and in block RAM");
}

BENCHMARK(BM_PlanMnist784FoldedCli)->UseManualTime()->Unit(benchmark::kMillisecond);

// The same network within 5 ms per inference (--max-latency-us): one exact search per clock of the ladder
// (search::plan_at_clock_ladder, 12 clocks), each costing the network at its clock.
void BM_PlanMnist784TimeBudgetCli(benchmark::State& state) {
  time_mnist_784_plan(state, "--max-latency-us 5000");
  state.SetLabel("784-64-10 on the UP5K within 5 ms: 12 clocks, each rung an exact search");
}

BENCHMARK(BM_PlanMnist784TimeBudgetCli)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParetoFrontierCapped)->Arg(4096)->Arg(0)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DefaultOptimise)->Arg(512)->Arg(10000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReferenceOptimise)->Arg(512)->Unit(benchmark::kMillisecond);

}  // namespace
