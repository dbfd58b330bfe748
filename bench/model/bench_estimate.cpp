// The default profile's whole-network estimate (cells, carries, FFs, fmax, activity-based power, accuracy)
// of the README's example network: it must stay far below a millisecond, at least 10,000x faster than the
// Yosys + nextpnr flow it predicts (about a minute for these two layers).
#include <benchmark/benchmark.h>

#include "sc_neurocore/model/energy.hpp"

namespace {

scn::model::EstimateOptions example_options() {
  scn::model::EstimateOptions options;
  options.profile = scn::core::Profile::kDefault;
  options.target = "ice40-hx8k";
  options.bitstream_length = 256;
  return options;
}

// Warm: the activity proxy of these knobs is simulated once per process and memoised.
void BM_DefaultEstimateExampleNetwork(benchmark::State& state) {
  const auto options = example_options();
  for (auto _ : state) benchmark::DoNotOptimize(scn::model::estimate({{64, 32}, {32, 16}}, options));
}
BENCHMARK(BM_DefaultEstimateExampleNetwork)->Unit(benchmark::kMicrosecond);

// Cold: a new precision each iteration, so every estimate simulates its activity proxy afresh.
void BM_DefaultEstimateExampleNetworkColdActivity(benchmark::State& state) {
  auto options = example_options();
  double sparsity = 0.0;
  for (auto _ : state) {
    sparsity = sparsity >= 0.89 ? 0.0 : sparsity + 0.001;  // a knob the memo has not seen
    options.knobs.sparsity = sparsity;
    benchmark::DoNotOptimize(scn::model::estimate({{64, 32}, {32, 16}}, options));
  }
}
BENCHMARK(BM_DefaultEstimateExampleNetworkColdActivity)->Unit(benchmark::kMicrosecond);

void BM_ReferenceEstimateExampleNetwork(benchmark::State& state) {
  scn::model::EstimateOptions options;
  for (auto _ : state) benchmark::DoNotOptimize(scn::model::estimate({{64, 32}, {32, 16}}, options));
}
BENCHMARK(BM_ReferenceEstimateExampleNetwork)->Unit(benchmark::kMicrosecond);

}  // namespace
