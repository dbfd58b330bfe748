// SCOptimizer: the published analytical design-space optimiser
// (docs/reference-behaviour.md §1.2.3–1.2.9): 61 candidates per layer, greedy
// "knapsack" upgrades, simulated annealing, Pareto extraction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sc_neurocore/core/types.hpp"
#include "sc_neurocore/model/sc_cost_model.hpp"

namespace scn::search {

// What one annealing run did, for diagnostics and tests.
struct AnnealingTrace {
  std::int64_t iterations = 0;
  std::vector<core::ParetoPoint> accepted_points;  // (total LUTs, total power, score) after each acceptance
};

struct AnnealingOptions {
  double t_init = 1.0;
  double t_min = 0.001;
  double alpha = 0.95;
  std::int64_t max_iter = 2000;
  std::int64_t seed = 42;
};

class SCOptimizer {
 public:
  explicit SCOptimizer(core::HardwareBudget budget);

  const core::HardwareBudget& budget() const { return budget_; }
  const std::vector<std::int64_t>& bitstream_options() const { return bitstream_options_; }
  const std::vector<std::string>& decorrelators() const { return decorrelators_; }
  const std::vector<std::string>& modes() const { return modes_; }

  model::ResourceEstimate estimate_resources(std::int64_t mac_count, std::int64_t length,
                                             const std::string& decorrelator, const std::string& mode) const;
  // 30 SC, 1 Deterministic, 30 Hybrid candidates, in that order.
  std::vector<core::LayerConfig> generate_candidates(const core::LayerProfile& layer) const;

  // Sum LUTs <= max_luts, sum power <= max_power_mw, max latency <= cap (when cap > 0).
  bool is_feasible(const core::LayerConfigMap& config) const;
  // Weighted mean accuracy over `network` (critical layers weight 2).
  static double score(const core::LayerConfigMap& config, const std::vector<core::LayerProfile>& network);

  // Greedy upgrades by accuracy gain per LUT; nullopt when even the cheapest start is infeasible.
  std::optional<core::OptimizerReport> optimize(const std::vector<core::LayerProfile>& network) const;
  // Simulated annealing with CPython's RNG (same seed -> same draws as the Python path).
  std::optional<core::OptimizerReport> optimize_annealing(const std::vector<core::LayerProfile>& network,
                                                          const AnnealingOptions& options = {},
                                                          AnnealingTrace* trace = nullptr) const;

  // Non-dominated points (min LUTs, min power, max score); duplicates never dominate each other.
  static std::vector<core::ParetoPoint> extract_pareto(const std::vector<core::ParetoPoint>& points);
  // Stable sort by LUTs, then drop points whose (luts, power~4dp, score~4dp) key was already seen.
  static std::vector<core::ParetoPoint> sort_and_deduplicate(const std::vector<core::ParetoPoint>& points);

 private:
  core::HardwareBudget budget_;
  std::vector<std::int64_t> bitstream_options_;
  std::vector<std::string> decorrelators_;
  std::vector<std::string> modes_;
};

// Report built from a per-layer configuration: sums, max latency, weighted score.
core::OptimizerReport build_optimizer_report(const core::LayerConfigMap& config,
                                             const std::vector<core::LayerProfile>& network);

// Throws InputError when two layers share an id (a dict keyed by id cannot hold both).
void require_unique_layer_ids(const std::vector<core::LayerProfile>& network);

}  // namespace scn::search
