// The default profile's planner: costs, observation overrides, reports.
#include "sc_neurocore/search/default_planner.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::search {
namespace {

const std::vector<core::LayerProfile> kNetwork = {{"encoder", 256, true}, {"decoder", 192, false}};

TEST(DefaultPlanner, NeverReportsNegativeOrClampedCosts) {
  // The budget that makes the reference profile report 1 LUT and 0 mW.
  const auto report = plan_default({"tight", {8, 0.001, 512}}, SurrogateOptions{}, kNetwork);
  EXPECT_FALSE(report.feasible());
  EXPECT_TRUE(report.config.empty());
  EXPECT_EQ(report.rejected_layers, (std::vector<std::string>{"encoder", "decoder"}));
  ASSERT_TRUE(report.search.has_value());
  EXPECT_EQ(report.search->binding, (std::vector<std::string>{"luts", "power"}));
}

TEST(DefaultPlanner, CaseAPlanIsOptimalAndWithinBudget) {
  const auto report = plan_default({"default", {200000, 800.0, 512}}, SurrogateOptions{}, kNetwork);
  ASSERT_TRUE(report.feasible());
  EXPECT_EQ(report.profile, "default");
  EXPECT_TRUE(report.search->proven_optimal);
  EXPECT_EQ(report.config[0].first, "encoder");  // network order
  for (const auto& [id, c] : report.config) {
    EXPECT_GE(c.luts_used, 1);
    EXPECT_GT(c.power_used, 0.0);
    EXPECT_LE(c.latency_cycles, 512);
  }
  EXPECT_NEAR(report.search->objective, report.search->upper_bound, 1e-12);
}

// optimise --verify-top's ranking: the frontier's plans within the budget by the planner's objective, the
// first of them the search's optimum.
TEST(DefaultPlanner, BestPlansWithinBudgetFollowTheObjectiveFromTheOptimum) {
  const core::TargetHardwareProfile target{"tight", {3000, 800.0, 512}};
  const auto report = plan_default(target, SurrogateOptions{}, kNetwork);
  ASSERT_TRUE(report.feasible());
  const NetworkFrontier frontier = network_pareto_frontier(target, SurrogateOptions{}, kNetwork);
  std::size_t within = 0, outside = 0;
  double best_objective = -1e300;
  for (const FrontierPlan& plan : frontier.plans) {
    (plan.within_budget ? within : outside) += 1;
    if (plan.within_budget) best_objective = std::max(best_objective, plan.objective);
  }
  ASSERT_GT(within, 5u);
  ASSERT_GT(outside, 0u);
  EXPECT_NEAR(best_objective, report.search->objective, 1e-12);
  const auto best = best_plans_within_budget(frontier, 5);
  ASSERT_EQ(best.size(), 5u);
  EXPECT_NEAR(best.front().objective, report.search->objective, 1e-12);
  for (std::size_t r = 0; r < best.size(); ++r) {
    EXPECT_TRUE(best[r].within_budget);
    EXPECT_LE(best[r].total_luts, 3000);
    if (r > 0) {
      EXPECT_LE(best[r].objective, best[r - 1].objective);
    }
  }
  // Nothing left out scores above the last one kept.
  std::size_t above = 0;
  for (const FrontierPlan& plan : frontier.plans)
    above += plan.within_budget && plan.objective > best.back().objective;
  EXPECT_LE(above, 4u);
  // Worst inputs: none asked for, more asked for than fit, nothing fits.
  EXPECT_TRUE(best_plans_within_budget(frontier, 0).empty());
  EXPECT_EQ(best_plans_within_budget(frontier, 100000).size(), within);
  const core::TargetHardwareProfile impossible{"tight", {8, 0.001, 512}};
  EXPECT_TRUE(
      best_plans_within_budget(network_pareto_frontier(impossible, SurrogateOptions{}, kNetwork), 3).empty());
}

TEST(DefaultPlanner, ObservationsOverrideMatchingPointsCaseInsensitively) {
  SurrogateOptions options;
  // A measured point far cheaper than the model says, named in lower case.
  options.observations = {{192, 64, "sobol", "sc", 16, "NONE", 100, 0.01, 64, 0.999, false}};
  const model::AnalyticalCostModel model;
  const CostedNetwork costed = cost_network(kNetwork, options, model);
  EXPECT_EQ(costed.observations_used, 1);
  int measured = 0;
  for (std::size_t k = 0; k < costed.grid.points.size(); ++k) {
    if (!costed.costs(1)[k].measured) continue;
    ++measured;
    EXPECT_EQ(costed.grid.points[k].decorrelator, model::DecorrelatorKind::kSobol);
    EXPECT_EQ(costed.costs(1)[k].luts, 100);
  }
  EXPECT_EQ(measured, 1);
  for (const auto& cost : costed.costs(0)) EXPECT_FALSE(cost.measured);  // the 256-MAC layer is not matched
  const auto report = plan_default({"t", {200000, 800.0, 512}}, options, kNetwork);
  EXPECT_EQ(report.training_points, 1);
  EXPECT_EQ(report.config[1].second.luts_used, 100);  // the measured point wins for the decoder
}

TEST(DefaultPlanner, UnknownNamesInObservationsAreRefused) {
  SurrogateOptions options;
  options.observations = {{192, 64, "gaussian", "SC", 16, "none", 100, 0.01, 64, 0.999, false}};
  EXPECT_THROW_MESSAGE(plan_default({"t", {1000, 10.0, 0}}, options, kNetwork), core::InputError,
                       "unknown decorrelator 'gaussian'");
}

TEST(DefaultPlanner, EmptyNetwork) {
  const auto report = plan_default({"t", {1000, 10.0, 0}}, SurrogateOptions{}, {});
  EXPECT_TRUE(report.feasible());
  EXPECT_EQ(report.total_luts, 0);
}

}  // namespace
}  // namespace scn::search
