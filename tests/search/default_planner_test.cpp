// The default profile's planner: costs, observation overrides, reports.
#include "sc_neurocore/search/default_planner.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/error.hpp"
#include "test_util.hpp"

namespace scn {
namespace {

const std::vector<LayerProfile> kNetwork = {{"encoder", 256, true}, {"decoder", 192, false}};

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

TEST(DefaultPlanner, ObservationsOverrideMatchingPointsCaseInsensitively) {
  SurrogateOptions options;
  // A measured point far cheaper than the model says, named in lower case.
  options.observations = {{192, 64, "sobol", "sc", 16, "NONE", 100, 0.01, 64, 0.999, false}};
  const AnalyticalCostModel model;
  const CostedNetwork costed = cost_network(kNetwork, options, model);
  EXPECT_EQ(costed.observations_used, 1);
  int measured = 0;
  for (std::size_t k = 0; k < costed.grid.points.size(); ++k) {
    if (!costed.costs(1)[k].measured) continue;
    ++measured;
    EXPECT_EQ(costed.grid.points[k].decorrelator, DecorrelatorKind::kSobol);
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
  EXPECT_THROW_MESSAGE(plan_default({"t", {1000, 10.0, 0}}, options, kNetwork), InputError,
                       "unknown decorrelator 'gaussian'");
}

TEST(DefaultPlanner, EmptyNetwork) {
  const auto report = plan_default({"t", {1000, 10.0, 0}}, SurrogateOptions{}, {});
  EXPECT_TRUE(report.feasible());
  EXPECT_EQ(report.total_luts, 0);
}

}  // namespace
}  // namespace scn
