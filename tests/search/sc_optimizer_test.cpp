// docs/reference-behaviour.md §1.2.5–1.2.9 and §6 (SCOptimizer).
#include "sc_neurocore/search/sc_optimizer.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::search {
namespace {

// The published tests' make_network(): five layers, the first on the critical path.
std::vector<core::LayerProfile> make_network(std::int64_t mac_count, bool first_critical = true) {
  std::vector<core::LayerProfile> network;
  for (int i = 0; i < 5; ++i)
    network.push_back({"L" + std::to_string(i), mac_count, first_critical && i == 0});
  return network;
}

TEST(Candidates, SixtyOneInPublishedOrder) {
  const SCOptimizer optimizer({100000, 1000.0});
  const auto candidates = optimizer.generate_candidates({"l", 100});
  ASSERT_EQ(candidates.size(), 61u);
  for (int i = 0; i < 30; ++i) EXPECT_EQ(candidates[i].mode, "SC");
  EXPECT_EQ(candidates[30].mode, "Deterministic");
  EXPECT_EQ(candidates[30].bitstream_length, 1);
  EXPECT_EQ(candidates[30].decorrelator, "None");
  for (int i = 31; i < 61; ++i) EXPECT_EQ(candidates[i].mode, "Hybrid");
  // Lengths outer, decorrelators inner.
  EXPECT_EQ(candidates[0].bitstream_length, 64);
  EXPECT_EQ(candidates[0].decorrelator, "None");
  EXPECT_EQ(candidates[4].decorrelator, "SCC_Decorrelator");
  EXPECT_EQ(candidates[5].bitstream_length, 128);
  EXPECT_EQ(candidates[5].decorrelator, "None");
  EXPECT_EQ(candidates[29].bitstream_length, 2048);
  EXPECT_EQ(candidates[2].luts_used, 2 * 100 + 6 * 5 + 15 * 100);
  EXPECT_EQ(optimizer.bitstream_options(), (std::vector<std::int64_t>{64, 128, 256, 512, 1024, 2048}));
  EXPECT_EQ(optimizer.modes(), (std::vector<std::string>{"SC", "Deterministic", "Hybrid"}));
}

TEST(Greedy, GenerousBudgetEndsAllDeterministic) {
  const auto report = SCOptimizer({500000, 5000.0}).optimize(make_network(100));
  ASSERT_TRUE(report.has_value());
  for (const auto& [id, config] : report->config) EXPECT_EQ(config.mode, "Deterministic") << id;
  EXPECT_EQ(report->total_luts, 60000);
  EXPECT_DOUBLE_EQ(report->total_power_mw, 250.0);
  EXPECT_EQ(report->total_latency_cycles, 1);
  EXPECT_DOUBLE_EQ(report->mean_accuracy, 1.0);
  EXPECT_TRUE(report->pareto_frontier.empty());
}

TEST(Greedy, TightBudgetMixesDeterministicAndLongSobol) {
  // No critical layer here: the published mean 0.999609 is the plain mean (1 + 4(1 - 1/2048)) / 5.
  const auto report = SCOptimizer({50000, 500.0}).optimize(make_network(200, /*first_critical=*/false));
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(report->config[0].second.mode, "Deterministic");
  EXPECT_EQ(report->config[0].second.luts_used, 24000);
  for (int i = 1; i < 5; ++i) {
    const auto& c = report->config[i].second;
    EXPECT_EQ(c.mode, "SC");
    EXPECT_EQ(c.decorrelator, "Sobol");
    EXPECT_EQ(c.bitstream_length, 2048);
    EXPECT_EQ(c.luts_used, 3455);
    EXPECT_DOUBLE_EQ(c.power_used, 16.0);
  }
  EXPECT_EQ(report->total_luts, 37820);
  EXPECT_DOUBLE_EQ(report->total_power_mw, 164.0);
  EXPECT_EQ(report->total_latency_cycles, 2048);
  EXPECT_DOUBLE_EQ(report->mean_accuracy, 0.999609375);
}

TEST(Greedy, InfeasibleStartReturnsNothing) {
  EXPECT_FALSE(SCOptimizer({10, 1000.0}).optimize(make_network(100)).has_value());
}

TEST(Greedy, CheapestStartDependsOnMacCount) {
  // M = 1..3: Hybrid/None/64 is cheaper than SC because int(0.3*M) = 0.
  const auto small = SCOptimizer({31, 1000.0, 64}).optimize({{"tiny", 1}});
  ASSERT_TRUE(small.has_value());
  EXPECT_EQ(small->config[0].second.mode, "Hybrid");
  EXPECT_EQ(small->config[0].second.luts_used, 30);
  const auto none = SCOptimizer({0, 0.0}).optimize({{"empty", 0}});
  ASSERT_TRUE(none.has_value());
  EXPECT_EQ(none->config[0].second.mode, "Deterministic");
}

TEST(Greedy, DuplicateLayerIdsAreRejected) {
  EXPECT_THROW_MESSAGE(SCOptimizer({100000, 100.0}).optimize({{"a", 4}, {"a", 5}}), core::InputError,
                       "layer 1 has duplicate id 'a'");
}

TEST(Annealing, Seed42MatchesThePublishedPythonPath) {
  AnnealingOptions options;
  options.max_iter = 200;
  AnnealingTrace trace;
  const auto report = SCOptimizer({500000, 5000.0}).optimize_annealing(make_network(100), options, &trace);
  ASSERT_TRUE(report.has_value());
  EXPECT_NEAR(report->mean_accuracy, 0.99917806, 5e-9);
  EXPECT_EQ(trace.accepted_points.size(), 100u);
  EXPECT_EQ(report->total_luts, 7465);
  EXPECT_EQ(trace.iterations, 135);
  // The temperature schedule ends the loop first: more iterations change nothing.
  for (std::int64_t max_iter : {300, 500, 2000}) {
    options.max_iter = max_iter;
    const auto again = SCOptimizer({500000, 5000.0}).optimize_annealing(make_network(100), options);
    EXPECT_EQ(again->mean_accuracy, report->mean_accuracy);
    EXPECT_EQ(again->config, report->config);
  }
}

TEST(Annealing, Seed123) {
  AnnealingOptions options;
  options.seed = 123;
  const auto report = SCOptimizer({500000, 5000.0}).optimize_annealing(make_network(100), options);
  ASSERT_TRUE(report.has_value());
  EXPECT_NEAR(report->mean_accuracy, 0.99357585, 5e-9);
}

// Only the start candidate (SC/None/64, 130 LUTs) fits a 130-LUT cap; every
// other proposal is infeasible and only cools the temperature. The spec's run
// accepted two re-selections of the start; its seed is not recorded: with
// CPython's stream, seed 7 re-selects twice in the 135 iterations, seed 42 once.
TEST(Annealing, InfeasibleTrialsKeepTheStart) {
  AnnealingTrace trace;
  AnnealingOptions options;
  options.seed = 7;
  const auto report = SCOptimizer({130, 1000.0}).optimize_annealing({{"only", 50}}, options, &trace);
  ASSERT_TRUE(report.has_value());
  const auto& c = report->config[0].second;
  EXPECT_EQ(c.mode, "SC");
  EXPECT_EQ(c.decorrelator, "None");
  EXPECT_EQ(c.bitstream_length, 64);
  EXPECT_DOUBLE_EQ(c.accuracy_score, 0.75);
  ASSERT_EQ(trace.accepted_points.size(), 2u);
  EXPECT_EQ(trace.accepted_points[0], trace.accepted_points[1]);
  EXPECT_EQ(trace.accepted_points[0], (core::ParetoPoint{130, 0.125, 0.75}));
  EXPECT_EQ(report->pareto_frontier.size(), 1u);  // the two equal points de-duplicate

  AnnealingTrace seed42;
  SCOptimizer({130, 1000.0}).optimize_annealing({{"only", 50}}, {}, &seed42);
  EXPECT_EQ(seed42.accepted_points.size(), 1u);
  EXPECT_EQ(seed42.iterations, 135);
}

TEST(Annealing, SameSeedSameResult) {
  AnnealingOptions options;
  options.seed = 7;
  const SCOptimizer optimizer({40000, 400.0, 1024});
  const auto a = optimizer.optimize_annealing(make_network(150), options);
  const auto b = optimizer.optimize_annealing(make_network(150), options);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->config, b->config);
  EXPECT_EQ(a->pareto_frontier, b->pareto_frontier);
}

TEST(Pareto, KeepsNonDominatedAndAllEqualDuplicates) {
  const std::vector<core::ParetoPoint> points = {{100, 1.0, 0.9}, {100, 1.0, 0.9},  {120, 1.0, 0.9},
                                                 {90, 2.0, 0.8},  {150, 0.5, 0.95}, {150, 0.6, 0.95}};
  const auto frontier = SCOptimizer::extract_pareto(points);
  EXPECT_EQ(frontier, (std::vector<core::ParetoPoint>{
                          {100, 1.0, 0.9}, {100, 1.0, 0.9}, {90, 2.0, 0.8}, {150, 0.5, 0.95}}));
  EXPECT_TRUE(SCOptimizer::extract_pareto({}).empty());
}

TEST(Pareto, SortAndDeduplicateByRoundedKey) {
  const std::vector<core::ParetoPoint> points = {
      {200, 1.00001, 0.5}, {100, 2.0, 0.9}, {200, 1.00002, 0.50001}, {100, 2.0, 0.9}, {150, 1.5, 0.7}};
  const auto unique = SCOptimizer::sort_and_deduplicate(points);
  EXPECT_EQ(unique, (std::vector<core::ParetoPoint>{{100, 2.0, 0.9}, {150, 1.5, 0.7}, {200, 1.00001, 0.5}}));
}

}  // namespace
}  // namespace scn::search
