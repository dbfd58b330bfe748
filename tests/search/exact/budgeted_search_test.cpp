#include "sc_neurocore/search/exact/budgeted_search.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "instances.hpp"

namespace scn::search {
namespace {

TEST(BudgetedSearch, MatchesBruteForceWithLatencyTermAndCap) {
  int feasible = 0;
  for (std::uint64_t seed = 1000; seed < 1600; ++seed) {
    SCOPED_TRACE(seed);
    const BudgetedProblem problem = test::tiny_instance(seed, 5, 5);
    const BudgetedSolution solution = solve_budgeted(problem);
    const test::BruteForce expected = test::brute_force(problem);
    ASSERT_EQ(solution.feasible, expected.feasible);
    if (!expected.feasible) {
      EXPECT_FALSE(solution.infeasibility.binding.empty());
      continue;
    }
    ++feasible;
    EXPECT_TRUE(plan_fits(problem, solution.choice));
    EXPECT_NEAR(solution.objective, expected.objective, 1e-12);
    EXPECT_EQ(solution.objective, plan_objective(problem, solution.choice));
    EXPECT_TRUE(solution.proven_optimal);
    EXPECT_EQ(solution.relative_gap, 0.0);
  }
  EXPECT_GT(feasible, 100);  // both outcomes are covered
}

// Block RAM and SPRAM as budgets: random blocks on the candidates (many take none, as spatial layers do),
// caps from none to tight; the search agrees with every plan, and a memory that alone rules out every plan is
// named as binding.
TEST(BudgetedSearch, MatchesBruteForceWithMemoryBudgets) {
  int feasible = 0, memory_bound = 0;
  for (std::uint64_t seed = 7000; seed < 7600; ++seed) {
    SCOPED_TRACE(seed);
    BudgetedProblem problem = test::tiny_instance(seed, 4, 6);
    test::Rng rng(seed * 31 + 7);
    for (auto& layer : problem.layers)
      for (Candidate& c : layer)
        for (auto& blocks : c.memory_blocks) blocks = rng.uniform() < 0.5 ? 0 : rng.integer(1, 12);
    for (auto& cap : problem.max_memory_blocks) cap = rng.uniform() < 0.2 ? -1 : rng.integer(0, 20);
    const BudgetedSolution solution = solve_budgeted(problem);
    const test::BruteForce expected = test::brute_force(problem);
    ASSERT_EQ(solution.feasible, expected.feasible);
    if (!expected.feasible) {
      EXPECT_FALSE(solution.infeasibility.binding.empty());
      const auto& binding = solution.infeasibility.binding;
      memory_bound += std::find(binding.begin(), binding.end(), std::string("block_ram")) != binding.end() ||
                      std::find(binding.begin(), binding.end(), std::string("spram")) != binding.end();
      continue;
    }
    ++feasible;
    EXPECT_TRUE(plan_fits(problem, solution.choice));
    for (std::size_t m = 0; m < kMemoryKinds; ++m) {
      std::int64_t total = 0;
      for (std::size_t i = 0; i < problem.layers.size(); ++i)
        total += problem.layers[i][static_cast<std::size_t>(solution.choice[i])].memory_blocks[m];
      EXPECT_EQ(solution.total_memory_blocks[m], total);
      if (problem.max_memory_blocks[m] >= 0) {
        EXPECT_LE(total, problem.max_memory_blocks[m]);
      }
    }
    EXPECT_NEAR(solution.objective, expected.objective, 1e-12);
    EXPECT_TRUE(solution.proven_optimal);
  }
  EXPECT_GT(feasible, 100);
  EXPECT_GT(memory_bound, 10);
}

BudgetedProblem two_layers() {
  BudgetedProblem problem;
  // Layer 0: cheap-slow or costly-fast; layer 1 likewise.
  problem.layers = {{{1.0, 100, 1.0, 64}, {1.2, 300, 2.0, 16}}, {{1.0, 50, 0.5, 64}, {1.1, 200, 3.0, 16}}};
  problem.max_luts = 1000;
  problem.max_power_mw = 10.0;
  return problem;
}

TEST(BudgetedSearch, PicksTheBestPlanAndReportsTotals) {
  BudgetedProblem problem = two_layers();
  const BudgetedSolution all_fast = solve_budgeted(problem);
  EXPECT_EQ(all_fast.choice, (std::vector<int>{1, 1}));
  EXPECT_EQ(all_fast.total_luts, 500);
  EXPECT_DOUBLE_EQ(all_fast.total_power_mw, 5.0);
  EXPECT_EQ(all_fast.total_latency_cycles, 32);  // the layers run in turn: 16 + 16
  EXPECT_DOUBLE_EQ(all_fast.objective, 2.3);
  // A strong latency weight makes no difference here (fast is also best), a LUT cap does.
  problem.max_luts = 400;
  const BudgetedSolution capped = solve_budgeted(problem);
  EXPECT_EQ(capped.choice, (std::vector<int>{1, 0}));
  EXPECT_DOUBLE_EQ(capped.objective, 2.2);
  // The latency term: 16 + 64 cycles cost 80 * w, and the I/O words every plan pays count too.
  problem.latency_weight = 0.001;
  const BudgetedSolution weighted = solve_budgeted(problem);
  EXPECT_EQ(weighted.choice, (std::vector<int>{1, 0}));
  EXPECT_DOUBLE_EQ(weighted.objective, 2.2 - 0.080);
  problem.latency_overhead_cycles = 20;
  EXPECT_DOUBLE_EQ(solve_budgeted(problem).objective, 2.2 - 0.100);
  EXPECT_EQ(solve_budgeted(problem).total_latency_cycles, 100);
}

TEST(BudgetedSearch, InfeasibilitySaysWhatBindsAndByHowMuch) {
  BudgetedProblem problem = two_layers();
  problem.max_luts = 120;  // the cheapest plan needs 150 LUTs
  BudgetedSolution solution = solve_budgeted(problem);
  ASSERT_FALSE(solution.feasible);
  EXPECT_EQ(solution.infeasibility.binding, std::vector<std::string>{"luts"});
  EXPECT_TRUE(solution.infeasibility.min_luts_exists);
  EXPECT_EQ(solution.infeasibility.min_luts, 150);

  problem = two_layers();
  problem.max_power_mw = 1.0;  // the lowest-power plan needs 1.5 mW
  solution = solve_budgeted(problem);
  ASSERT_FALSE(solution.feasible);
  EXPECT_EQ(solution.infeasibility.binding, std::vector<std::string>{"power"});
  EXPECT_DOUBLE_EQ(solution.infeasibility.min_power_mw, 1.5);

  problem = two_layers();
  problem.max_latency_cycles = 32;  // only both fast candidates (16 + 16) are left: 500 LUTs, 5 mW
  problem.max_luts = 450;
  solution = solve_budgeted(problem);
  ASSERT_FALSE(solution.feasible);
  EXPECT_EQ(solution.infeasibility.binding, (std::vector<std::string>{"luts", "latency"}));
  EXPECT_EQ(solution.infeasibility.min_luts, 500);
  EXPECT_EQ(solution.infeasibility.min_latency_cycles, 80);  // one fast layer within 450 LUTs

  problem = two_layers();
  problem.max_luts = 120;
  problem.max_power_mw = 1.0;  // both budgets short: relaxing one alone does not help
  solution = solve_budgeted(problem);
  EXPECT_EQ(solution.infeasibility.binding, (std::vector<std::string>{"luts", "power"}));
  EXPECT_FALSE(solution.infeasibility.min_luts_exists);
  EXPECT_FALSE(solution.infeasibility.min_power_exists);
}

TEST(BudgetedSearch, NodeLimitGivesAPlanWithAnHonestGap) {
  const auto instance = test::tiny_instance(77, 5, 5);
  SearchLimits limits;
  limits.max_nodes = 0;
  const BudgetedSolution limited = solve_budgeted(instance, limits);
  const BudgetedSolution full = solve_budgeted(instance);
  if (limited.feasible) {
    EXPECT_GE(limited.upper_bound, full.objective - 1e-12);
    EXPECT_LE(limited.objective, full.objective + 1e-12);
    EXPECT_GE(limited.relative_gap, 0.0);
  }
}

}  // namespace
}  // namespace scn::search
