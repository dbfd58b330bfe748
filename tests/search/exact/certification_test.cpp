// 200 seeded instances costed with the real default-profile model: the exact
// search must agree with CBC, and the reference (ridge surrogate) plans are
// re-costed with the true analytical model to see what they really cost.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "cbc_solver.hpp"
#include "instances.hpp"
#include "sc_neurocore/model/grounded_model.hpp"
#include "sc_neurocore/search/default_planner.hpp"

namespace scn::search {
namespace {

constexpr int kInstances = 200;

int grid_index(const model::DesignGrid& grid, const core::SurrogateLayerConfig& config) {
  for (std::size_t k = 0; k < grid.points.size(); ++k) {
    const model::DesignPoint& p = grid.points[k];
    if (p.bitstream_length == config.bitstream_length && p.precision_bits == config.precision_bits &&
        decorrelator_name(p.decorrelator) == config.decorrelator && mode_name(p.mode) == config.mode &&
        grid.polynomial_name(p) == config.lfsr_polynomial)
      return static_cast<int>(k);
  }
  return -1;
}

// The budget check of a reference plan, whole or partial (rejected layers left out).
bool reference_within_budget(const search::BudgetedProblem& problem, const std::vector<int>& choice) {
  std::int64_t luts = 0;
  double power = 0.0;
  std::int64_t latency = problem.latency_overhead_cycles;  // the layers run in turn
  for (std::size_t i = 0; i < choice.size(); ++i) {
    if (choice[i] < 0) continue;
    const auto& c = problem.layers[i][static_cast<std::size_t>(choice[i])];
    luts += c.luts;
    power += c.power_mw;
    latency += c.latency_cycles;
  }
  const bool in_time = problem.max_latency_cycles <= 0 || latency <= problem.max_latency_cycles;
  return luts <= problem.max_luts && power <= problem.max_power_mw && in_time;
}

TEST(Certification, ExactSearchAgreesWithCbcOn200Instances) {
  // The instances' budgets reach far past an iCE40: they are costed on the ECP5-85F (83,640 LUT4, no fixed
  // power in its uncalibrated model), whose LUT figures are on the scale the budgets were drawn for.
  const model::GroundedCostModel model("ecp5-85f");
  int feasible = 0;
  int reference_over_budget = 0;         // re-costed, the plan (or its accepted part) breaks the budget
  int reference_rejects_needlessly = 0;  // layers rejected although a plan fits
  int reference_claims_fit = 0;          // no plan fits, yet the reference reports feasible
  int reference_complete_within = 0;
  double reference_loss = 0.0;
  double reference_worst_loss = 0.0;
  for (int seed = 1; seed <= kInstances; ++seed) {
    SCOPED_TRACE(seed);
    const test::NetworkInstance instance = test::network_instance(static_cast<std::uint64_t>(seed));
    SurrogateOptions options;
    options.device = "ecp5-85f";
    const CostedNetwork costed = cost_network(instance.network, options, model);
    core::PlanHardware hardware;
    const core::TargetHardwareProfile budgeted = planning_target(instance.target, options, model, hardware);
    const search::BudgetedProblem problem = default_problem(instance.network, costed, budgeted);

    const core::SurrogateOptimizerReport ours = plan_default(instance.target, options, instance.network);
    const test::CbcSolution cbc = test::solve_with_cbc(problem);
    ASSERT_TRUE(cbc.proven);
    ASSERT_EQ(ours.feasible(), cbc.feasible);
    ASSERT_TRUE(ours.search.has_value());
    if (cbc.feasible) {
      ++feasible;
      EXPECT_NEAR(ours.search->objective, cbc.objective, 1e-9 * std::max(1.0, std::fabs(cbc.objective)));
      EXPECT_TRUE(ours.search->proven_optimal);
      EXPECT_EQ(ours.search->relative_gap, 0.0);
      EXPECT_LE(ours.total_luts, instance.target.budget.max_luts);
      EXPECT_LE(ours.total_power_mw, instance.target.budget.max_power_mw);
    } else {
      EXPECT_FALSE(ours.search->binding.empty());
    }

    // The reference plan, re-costed with the analytical model it imitates.
    SurrogateOptions reference = options;
    reference.profile = core::Profile::kReference;
    const core::SurrogateOptimizerReport theirs =
        SurrogateSCOptimizer(instance.target, reference).optimise(instance.network);
    std::vector<int> choice(instance.network.size(), -1);
    for (const auto& [id, config] : theirs.config) {
      std::size_t layer = 0;
      while (instance.network[layer].id != id) ++layer;
      choice[layer] = grid_index(costed.grid, config);
      ASSERT_GE(choice[layer], 0);
    }
    if (!reference_within_budget(problem, choice)) ++reference_over_budget;
    if (cbc.feasible && !theirs.feasible()) ++reference_rejects_needlessly;
    if (!cbc.feasible && theirs.feasible()) ++reference_claims_fit;
    if (cbc.feasible && theirs.feasible() && search::plan_fits(problem, choice)) {
      const double loss = ours.search->objective - search::plan_objective(problem, choice);
      EXPECT_GE(loss, -1e-9);  // nothing within the budget beats the exact plan
      ++reference_complete_within;
      reference_loss += loss;
      reference_worst_loss = std::max(reference_worst_loss, loss);
    }
  }
  EXPECT_GE(feasible, 60);
  EXPECT_LE(feasible, 190);
  std::printf(
      "[certification] %d instances, %d feasible, CBC agrees on all. Reference profile, re-costed with the "
      "true "
      "analytical model: %d plans over budget, %d reported feasible although nothing fits, %d rejected "
      "layers "
      "although a plan fits; on the %d complete plans within budget it loses %.6f objective on average "
      "(worst %.6f)\n",
      kInstances, feasible, reference_over_budget, reference_claims_fit, reference_rejects_needlessly,
      reference_complete_within, reference_complete_within ? reference_loss / reference_complete_within : 0.0,
      reference_worst_loss);
  RecordProperty("reference_over_budget", reference_over_budget);
  RecordProperty("reference_rejects_needlessly", reference_rejects_needlessly);
}

}  // namespace
}  // namespace scn::search
