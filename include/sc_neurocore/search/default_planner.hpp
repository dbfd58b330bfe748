// The default profile's planner: exact candidate costs from a CostModel
// (measured observations override the points they match), the network
// objective, and the exact budgeted search over it.
//
// Network objective (docs/default-profile.md):
//   J = a * sum_i(w_i acc_i) / sum_i(w_i)  -  l * sum_i(luts_i) / Dl  -  p * sum_i(power_i) / Dp
//       -  t * max_i(latency_i) / Dt
// with the target's weights a (accuracy), l (LUTs), p (power), t (latency), w_i = 2 for critical layers and 1
// otherwise, Dl = max(1, max_luts), Dp = max(1e-9, max_power_mw), Dt = max(1, latency cap or 2048).
// Subject to sum luts <= max_luts, sum power <= max_power_mw, latency_i <= cap (when cap > 0).
// With the grounded model luts_i include the layer's share of the network top's glue (model/glue.hpp): the
// first layer's its input shift register, the last layer's the controller and the output register.
#pragma once

#include <vector>

#include "sc_neurocore/core/types.hpp"
#include "sc_neurocore/model/design_space.hpp"
#include "sc_neurocore/model/grounded_model.hpp"
#include "sc_neurocore/model/layer_shapes.hpp"
#include "sc_neurocore/search/exact/budgeted_search.hpp"
#include "sc_neurocore/search/exact/pareto_frontier.hpp"
#include "sc_neurocore/search/surrogate.hpp"

namespace scn::search {

// Candidate costs per layer, computed once per distinct cost signature (MAC count, shape, weights, and
// whether the layer is the first or the last of the network).
struct CostedNetwork {
  model::DesignGrid grid;
  std::vector<std::vector<model::CandidateCost>> tables;  // [distinct signature][grid point]
  std::vector<std::size_t> table_of_layer;                // [layer] -> index into tables
  std::vector<model::LayerShape> shapes;                  // [layer] the shape costed
  std::int64_t observations_used = 0;                     // observations that matched a grid point
  // Layer i's candidate costs, in grid order.
  const std::vector<model::CandidateCost>& costs(std::size_t layer) const {
    return tables[table_of_layer[layer]];
  }
};

// `weights`: empty, or one matrix per layer (layer_shapes checks them) whose real counts the model costs.
// Measured observations override the grid points they match by MAC count, whatever the shape.
CostedNetwork cost_network(const std::vector<core::LayerProfile>& network, const SurrogateOptions& options,
                           const model::CostModel& model,
                           const std::vector<model::LayerWeights>& weights = {});

// The budgeted problem of a costed network for a target (values per the objective above).
// `memory_budget`: the blocks of each memory the device has (-1 = no cap); candidates predicted slower than
// `min_fmax_mhz` are left out (0 = none).
search::BudgetedProblem default_problem(const std::vector<core::LayerProfile>& network,
                                        const CostedNetwork& costed,
                                        const core::TargetHardwareProfile& target,
                                        const search::MemoryBlocks& memory_budget = {-1, -1},
                                        double min_fmax_mhz = 0.0);

// One plan of the network Pareto frontier.
struct FrontierPlan {
  std::int64_t total_luts = 0;
  double total_power_mw = 0.0;
  double mean_accuracy = 0.0;  // weighted, critical layers count twice
  std::int64_t total_latency_cycles = 0;
  std::int64_t bram_blocks = 0;     // within the device's (the frontier holds no plan beyond them)
  std::int64_t spram_blocks = 0;    // likewise
  bool within_budget = false;       // fits the target's LUT and power budgets
  core::SurrogateConfigMap config;  // network order
  // The planner's network objective of this plan (as the search scores it, SearchCertificate::objective).
  double objective = 0.0;
};

struct NetworkFrontier {
  std::string target_name;
  std::vector<FrontierPlan> plans;  // sorted by LUTs
  bool approximate = false;
  double fixed_power_mw = 0.0;  // static + clock tree, included in every plan's total_power_mw
};

// The target as the planner applies it on `model`'s device: the LUT budget in the device's logic unit capped
// at options.max_utilisation of its cells, and the power budget less the design's fixed (static + clock tree)
// power, and the latency cap in cycles (latency_cap_cycles at the model's clock). Fills `hardware` with what
// the plan was costed on.
// The latency cap in cycles at `clock_mhz`: max_latency_cycles, or the whole cycles within max_latency_us
// when that is set (the smaller when both are); 0 = none.
std::int64_t latency_cap_cycles(const core::HardwareBudget& budget, double clock_mhz);

core::TargetHardwareProfile planning_target(const core::TargetHardwareProfile& target,
                                            const SurrogateOptions& options,
                                            const model::GroundedCostModel& model,
                                            core::PlanHardware& hardware);

// Non-dominated whole-network plans over (total LUTs, total power, weighted
// accuracy) within the latency cap, whatever the LUT and power budgets.
NetworkFrontier network_pareto_frontier(const core::TargetHardwareProfile& target,
                                        const SurrogateOptions& options,
                                        const std::vector<core::LayerProfile>& network,
                                        std::size_t max_points = 20000,
                                        const std::vector<model::LayerWeights>& weights = {});

// The `count` best plans the planner could choose: the frontier's plans within the budget, by the planner's
// objective, highest first (ties keep the frontier's order, by LUTs). Every plan the budgeted search can
// return is on the frontier, so the first is the optimiser's plan unless another ties with it; the rest are
// the next-best non-dominated alternatives (a dominated plan is worse on every axis and never worth
// verifying).
std::vector<FrontierPlan> best_plans_within_budget(const NetworkFrontier& frontier, std::size_t count);

// The default profile's SurrogateSCOptimizer.optimise; `weights` as in cost_network.
core::SurrogateOptimizerReport plan_default(const core::TargetHardwareProfile& target,
                                            const SurrogateOptions& options,
                                            const std::vector<core::LayerProfile>& network,
                                            const search::SearchLimits& limits = {},
                                            const std::vector<model::LayerWeights>& weights = {});

// plan_default when no clock is requested: planned at the device's calibrated clock, then re-planned at
// model::kClockMargin x the plan's predicted fmax (never above that clock) until the plan meets its clock,
// which the plan states (clock_mhz, clock_basis) and synth builds at. With a requested clock, plan_default
// itself. Under a time budget (max_latency_us) without a requested clock: plan_at_clock_ladder.
// A time budget: the cycles a plan may take depend on its clock, and its clock on its slowest layer. Planned
// at each clock of a ladder (the device's calibrated clock x 0.9^k, k = 0..kClockLadderSteps - 1) with the
// layers that meet it (predicted fmax x kClockMargin >= the clock) and the cycles the budget allows at it;
// each rung's search is exact, and the plan with the best objective wins (the highest clock on ties). An
// infeasible result is the slowest rung's (the most layers allowed; its latency diagnosis at that clock).
inline constexpr int kClockLadderSteps = 12;
core::SurrogateOptimizerReport plan_at_clock_ladder(const core::TargetHardwareProfile& target,
                                                    const SurrogateOptions& options,
                                                    const std::vector<core::LayerProfile>& network,
                                                    const search::SearchLimits& limits = {},
                                                    const std::vector<model::LayerWeights>& weights = {});

core::SurrogateOptimizerReport plan_default_at_met_clock(
    const core::TargetHardwareProfile& target, const SurrogateOptions& options,
    const std::vector<core::LayerProfile>& network, const search::SearchLimits& limits = {},
    const std::vector<model::LayerWeights>& weights = {});

}  // namespace scn::search
