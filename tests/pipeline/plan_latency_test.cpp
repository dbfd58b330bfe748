// The latency a default plan states is the cycle count of the network emit-network builds from it (which the
// Icarus tests measure): for every built-in target, and under a latency cap.
#include <gtest/gtest.h>

#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/hw/network.hpp"
#include "sc_neurocore/io/network.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/model/targets.hpp"
#include "sc_neurocore/pipeline/network_job.hpp"
#include "sc_neurocore/search/surrogate.hpp"
#include "test_util.hpp"

namespace scn::pipeline {
namespace {

const std::string kNetwork = std::string(SCN_EXAMPLES_DIR) + "/network.json";

std::int64_t built_cycles(const core::SurrogateOptimizerReport& report) {
  NetworkInputs inputs;
  inputs.network = core::parse_json(test::read_text(kNetwork), kNetwork);
  inputs.plan = io::plan_json(report);
  return hw::cycles_per_inference(network_design(inputs));
}

core::SurrogateOptimizerReport plan(const core::TargetHardwareProfile& target, const std::string& device,
                                    search::SurrogateOptions options = {}) {
  options.device = device;
  return search::SurrogateSCOptimizer(target, options)
      .optimise(io::layer_profiles(io::load_network(kNetwork)));
}

TEST(PlanLatency, IsTheEmittedNetworksCyclesPerInferenceForEveryTarget) {
  for (const auto& builtin : model::builtin_target_profiles()) {
    const auto report = plan(builtin.profile, builtin.device_key);
    if (!report.rejected_layers.empty()) continue;
    EXPECT_EQ(report.total_latency_cycles, built_cycles(report)) << builtin.profile.name;
    // 16 input words, 8 output words and each layer's chunks x L + 2 (one chunk when it is not folded).
    std::int64_t expected = 16 + 8;
    for (const auto& [id, config] : report.config) {
      std::int64_t chunks = 1;
      if (config.neuron_lanes > 0)
        chunks = (config.n_neurons + config.neuron_lanes - 1) / config.neuron_lanes *
                 ((config.n_inputs + config.input_lanes - 1) / config.input_lanes);
      expected += (config.mode == "Deterministic" ? 1 : chunks * config.bitstream_length) + 2;
    }
    EXPECT_EQ(report.total_latency_cycles, expected) << builtin.profile.name;
  }
}

TEST(PlanLatency, ACapBoundsTheWholeInference) {
  core::TargetHardwareProfile target = model::builtin_target_profile("ice40-hx8k");
  target.budget.max_latency_cycles = 24 + 2 * (128 + 2);  // I/O words and two layers of L = 128
  const auto report = plan(target, "ice40-hx8k");
  ASSERT_TRUE(report.rejected_layers.empty());
  EXPECT_LE(report.total_latency_cycles, target.budget.max_latency_cycles);
  EXPECT_EQ(report.total_latency_cycles, built_cycles(report));
  target.budget.max_latency_cycles = 24 + 2 * (64 + 2) - 1;  // below the shortest streams: nothing fits
  const auto none = plan(target, "ice40-hx8k");
  EXPECT_EQ(none.rejected_layers.size(), 2u);
  ASSERT_TRUE(none.search.has_value());
  EXPECT_EQ(none.search->min_latency_cycles.value_or(0), 24 + 2 * (64 + 2));
}

}  // namespace
}  // namespace scn::pipeline
