// The network Pareto frontier against brute force on a 3-layer network.
#include <gtest/gtest.h>

#include <algorithm>

#include "sc_neurocore/model/grounded_model.hpp"
#include "sc_neurocore/search/default_planner.hpp"

namespace scn::search {
namespace {

struct Triple {
  std::int64_t luts;
  double power;
  double accuracy;
};

bool dominates(const Triple& a, const Triple& b) {
  return a.luts <= b.luts && a.power <= b.power && a.accuracy >= b.accuracy &&
         (a.luts < b.luts || a.power < b.power || a.accuracy > b.accuracy);
}

TEST(ParetoFrontier, ThreeLayersAgainstEveryPlan) {
  const std::vector<core::LayerProfile> network = {{"a", 96, true}, {"b", 300}, {"c", 17}};
  SurrogateOptions options;
  options.bitstream_options = {64, 256};
  options.precision_options = {8, 16};  // 57 candidates per layer, 185,193 plans
  options.folds = false;                // spatial layers: latency only decides under the cap
  const core::TargetHardwareProfile target{"t", {5000, 20.0, 256}};
  const NetworkFrontier frontier = network_pareto_frontier(target, options, network);
  ASSERT_FALSE(frontier.approximate);
  ASSERT_GT(frontier.plans.size(), 10u);

  const model::GroundedCostModel model;
  const CostedNetwork costed = cost_network(network, options, model);
  const double w[] = {2.0 / 4, 1.0 / 4, 1.0 / 4};
  // The cap bounds the whole inference: the I/O words and the three layers in turn.
  const std::int64_t io = costed.shapes.front().n_inputs + costed.shapes.back().n_neurons;
  std::vector<Triple> plans;
  const std::size_t n = costed.grid.points.size();
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j)
      for (std::size_t k = 0; k < n; ++k) {
        const model::CandidateCost* c[] = {&costed.costs(0)[i], &costed.costs(1)[j], &costed.costs(2)[k]};
        if (io + c[0]->latency_cycles + c[1]->latency_cycles + c[2]->latency_cycles > 256) continue;
        Triple t{0, 0.0, 0.0};
        for (int l = 0; l < 3; ++l) {
          t.luts += c[l]->luts;
          t.power += c[l]->power_mw;
          t.accuracy += w[l] * c[l]->accuracy;
        }
        plans.push_back(t);
      }

  std::vector<Triple> points;
  for (const FrontierPlan& plan : frontier.plans) {
    // Each point is a real plan whose totals are its own budget.
    Triple t{0, 0.0, 0.0};
    std::int64_t latency = io;
    for (std::size_t l = 0; l < 3; ++l) {
      const auto& config = plan.config[l].second;
      t.luts += config.luts_used;
      t.power += config.power_used;
      t.accuracy += w[l] * config.accuracy_score;
      latency += config.latency_cycles;
    }
    EXPECT_EQ(plan.total_latency_cycles, latency);
    EXPECT_LE(latency, 256);
    EXPECT_EQ(t.luts, plan.total_luts);
    EXPECT_DOUBLE_EQ(t.power + frontier.fixed_power_mw, plan.total_power_mw);
    EXPECT_EQ(t.accuracy, plan.mean_accuracy);
    EXPECT_EQ(plan.within_budget, t.luts <= 5000 && t.power + frontier.fixed_power_mw <= 20.0);
    points.push_back(t);
  }
  for (std::size_t p = 1; p < points.size(); ++p)
    EXPECT_LE(points[p - 1].luts, points[p].luts);  // sorted by LUTs
  for (const Triple& point : points)
    for (const Triple& plan : plans) ASSERT_FALSE(dominates(plan, point));  // nothing beats a frontier point
  for (const Triple& plan : plans) {
    bool covered = false;  // every plan is matched or beaten by a frontier point
    for (const Triple& point : points)
      if (dominates(point, plan) ||
          (point.luts == plan.luts && point.power == plan.power && point.accuracy == plan.accuracy)) {
        covered = true;
        break;
      }
    ASSERT_TRUE(covered);
  }
}

TEST(ParetoFrontier, ThinnedWhenTooLargeAndSaysSo) {
  std::vector<core::LayerProfile> network;
  for (int i = 0; i < 12; ++i) network.push_back({"l" + std::to_string(i), 20 + 37 * i});
  const NetworkFrontier frontier =
      network_pareto_frontier({"t", {1000000, 1000.0, 0}}, SurrogateOptions{}, network, /*max_points=*/200);
  EXPECT_TRUE(frontier.approximate);
  EXPECT_LE(frontier.plans.size(), 200u);
  EXPECT_GE(frontier.plans.size(), 2u);
}

// With folded layers, latency and block RAM are axes: a plan is on the frontier unless another plan is no
// worse in cells, power, accuracy, latency and blocks (and better in one); plans over the device's blocks are
// never on it.
struct Plan5 {
  std::int64_t luts;
  double power;
  double accuracy;
  std::int64_t latency;
  std::int64_t blocks;
  bool operator==(const Plan5&) const = default;
};

// a is no worse than b on every axis (power and accuracy to rounding: sums in another order may differ in the
// last bits), and, with `strictly`, better on one.
bool no_worse(const Plan5& a, const Plan5& b) {
  return a.luts <= b.luts && a.latency <= b.latency && a.blocks <= b.blocks && a.power <= b.power + 1e-9 &&
         a.accuracy >= b.accuracy - 1e-12;
}
bool dominates5(const Plan5& a, const Plan5& b) {
  return no_worse(a, b) && (a.luts < b.luts || a.latency < b.latency || a.blocks < b.blocks ||
                            a.power < b.power - 1e-9 || a.accuracy > b.accuracy + 1e-12);
}

TEST(ParetoFrontier, FoldedLayersAddLatencyAndBlockRamAxes) {
  std::vector<core::LayerProfile> network = {{"a", 64, true}, {"b", 32}};
  network[0].n_inputs = 16;
  network[0].n_neurons = 4;
  network[1].n_inputs = 4;
  network[1].n_neurons = 8;
  SurrogateOptions options;
  options.device = "ice40-hx1k";  // 16 blocks of block RAM: some plans exceed them
  options.bitstream_options = {64};
  options.precision_options = {8};
  options.lfsr_polynomials = {options.lfsr_polynomials.front()};
  const core::TargetHardwareProfile target{"t", {1000, 20.0, 0}};
  const NetworkFrontier frontier = network_pareto_frontier(target, options, network);
  ASSERT_FALSE(frontier.approximate);

  const model::GroundedCostModel model(options.device);
  const CostedNetwork costed = cost_network(network, options, model);
  ASSERT_GT(costed.costs(0).size(), costed.grid.points.size());  // folded candidates are costed
  const std::int64_t io = costed.shapes.front().n_inputs + costed.shapes.back().n_neurons;
  std::vector<Plan5> plans;
  for (const auto& x : costed.costs(0))
    for (const auto& y : costed.costs(1)) {
      const Plan5 plan{x.luts + y.luts, x.power_mw + y.power_mw, (2.0 * x.accuracy + y.accuracy) / 3.0,
                       io + x.latency_cycles + y.latency_cycles, x.bram_blocks + y.bram_blocks};
      if (plan.blocks <= 16) plans.push_back(plan);
    }
  std::vector<Plan5> points;
  bool folded = false;
  for (const FrontierPlan& plan : frontier.plans) {
    Plan5 point{plan.total_luts, plan.total_power_mw - frontier.fixed_power_mw, plan.mean_accuracy,
                plan.total_latency_cycles, plan.bram_blocks};
    EXPECT_LE(point.blocks, 16);
    for (const auto& [id, config] : plan.config) folded = folded || config.neuron_lanes > 0;
    points.push_back(point);
  }
  EXPECT_TRUE(folded);
  EXPECT_GT(plans.size(), 1000u) << "plans";
  EXPECT_GT(points.size(), 5u) << "points";
  EXPECT_LT(plans.size(), costed.costs(0).size() * costed.costs(1).size()) << "some plans exceed the blocks";
  for (const Plan5& point : points)
    for (const Plan5& plan : plans) ASSERT_FALSE(dominates5(plan, point));  // nothing beats a frontier point
  for (const Plan5& plan : plans)  // every plan is matched or beaten by a frontier point
    ASSERT_TRUE(
        std::any_of(points.begin(), points.end(), [&](const Plan5& point) { return no_worse(point, plan); }));
}

}  // namespace
}  // namespace scn::search
