#include <gtest/gtest.h>

#include "instances.hpp"
#include "sc_neurocore/search/exact/budgeted_search.hpp"

namespace scn::search {
namespace {

TEST(RemoveDominated, KeepsTheStaircaseAndTheFirstOfEquals) {
  const std::vector<KnapsackItem> items = {
      {1.0, 10, 1.0, 0},  // kept
      {0.9, 12, 1.0, 1},  // dominated by 0 (more LUTs, same power, less value)
      {1.5, 20, 0.5, 2},  // kept: more LUTs but less power
      {1.0, 10, 1.0, 3},  // exact duplicate of 0: the first stays
      {2.0, 30, 2.0, 4},  // kept: the most value
      {0.5, 5, 0.5, 5},   // kept: cheapest
      {0.4, 5, 0.6, 6},   // dominated by 5
  };
  const auto kept = remove_dominated(items);
  std::vector<int> indices;
  for (const auto& item : kept) indices.push_back(item.index);
  EXPECT_EQ(indices, (std::vector<int>{0, 2, 4, 5}));
}

TEST(RemoveDominated, ByLatencyKeepsAFasterItemThatIsWorseOtherwise) {
  const std::vector<KnapsackItem> items = {
      {1.0, 10, 1.0, 0, 64},  // kept
      {0.9, 12, 1.0, 1, 16},  // kept with latency: slower on LUTs and value, but faster
      {0.8, 12, 1.0, 2, 64},  // dominated by 0 either way
      {1.0, 10, 1.0, 3, 64},  // duplicate of 0: the first stays
  };
  std::vector<int> indices;
  for (const auto& item : remove_dominated(items, true)) indices.push_back(item.index);
  EXPECT_EQ(indices, (std::vector<int>{0, 1}));
  indices.clear();
  for (const auto& item : remove_dominated(items)) indices.push_back(item.index);
  EXPECT_EQ(indices, (std::vector<int>{0}));  // without a latency budget only 0 matters
}

TEST(RemoveDominated, LatenciesUnderTheFloorCompareAsEqual) {
  const std::vector<KnapsackItem> items = {
      {1.0, 10, 1.0, 0, 64},   // kept
      {0.9, 12, 1.0, 1, 16},   // faster than 0, but both are under the floor of 100: dominated by 0
      {0.9, 12, 1.0, 2, 150},  // slower than 0 above the floor: dominated
      {1.2, 14, 1.0, 3, 200},  // kept: the most value
      {0.5, 20, 1.0, 4, 120},  // dominated by 0 (more LUTs, slower, less value)
  };
  std::vector<int> indices;
  for (const auto& item : remove_dominated(items, true, 100.0)) indices.push_back(item.index);
  EXPECT_EQ(indices, (std::vector<int>{0, 3}));
  indices.clear();
  for (const auto& item : remove_dominated(items, true)) indices.push_back(item.index);
  EXPECT_EQ(indices, (std::vector<int>{0, 1, 3}));  // without a floor the faster item 1 stays
}

TEST(Knapsack, MatchesBruteForceOnTinyInstances) {
  int feasible = 0;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    SCOPED_TRACE(seed);
    BudgetedProblem problem = test::tiny_instance(seed, 5, 6);
    problem.max_latency_cycles = 0;
    problem.latency_weight = 0.0;
    std::vector<std::vector<KnapsackItem>> layers;
    for (const auto& candidates : problem.layers) {
      layers.emplace_back();
      for (std::size_t j = 0; j < candidates.size(); ++j)
        layers.back().push_back({candidates[j].value, static_cast<double>(candidates[j].luts),
                                 candidates[j].power_mw, static_cast<int>(j)});
    }
    const KnapsackResult result =
        solve_knapsack(layers, static_cast<double>(problem.max_luts), problem.max_power_mw, 1'000'000);
    const test::BruteForce expected = test::brute_force(problem);
    ASSERT_EQ(result.feasible, expected.feasible);
    EXPECT_TRUE(result.proven);
    if (!expected.feasible) continue;
    ++feasible;
    EXPECT_TRUE(plan_fits(problem, result.choice));
    EXPECT_NEAR(result.value, expected.objective, 1e-12);
    EXPECT_NEAR(result.upper_bound, expected.objective, 1e-12);
  }
  EXPECT_GT(feasible, 100);  // the generator covers both outcomes
  EXPECT_LT(feasible, 400);
}

}  // namespace
}  // namespace scn::search
