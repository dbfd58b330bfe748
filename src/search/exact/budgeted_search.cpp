// The budgeted search: one knapsack per latency level (the max-latency term),
// the best plan over levels, and, when nothing fits, which budget binds and
// the smallest budgets that would admit a plan.
#include "sc_neurocore/search/exact/budgeted_search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace scn::search {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<std::int64_t> latency_levels(const BudgetedProblem& problem) {
  std::set<std::int64_t> levels;
  for (const auto& layer : problem.layers)
    for (const auto& c : layer) levels.insert(c.latency_cycles);
  return {levels.begin(), levels.end()};
}

// Items of each layer with latency <= level, valued by `value_of`.
template <typename ValueOf>
std::vector<std::vector<KnapsackItem>> items_up_to(const BudgetedProblem& problem, std::int64_t level,
                                                   ValueOf value_of) {
  std::vector<std::vector<KnapsackItem>> layers(problem.layers.size());
  for (std::size_t i = 0; i < problem.layers.size(); ++i) {
    const auto& candidates = problem.layers[i];
    layers[i].reserve(
        static_cast<std::size_t>(std::count_if(candidates.begin(), candidates.end(), [&](const Candidate& c) {
          return c.latency_cycles <= level;
        })));
    for (std::size_t j = 0; j < candidates.size(); ++j) {
      const Candidate& c = candidates[j];
      if (c.latency_cycles > level) continue;
      layers[i].push_back({value_of(c), static_cast<double>(c.luts), c.power_mw, static_cast<int>(j)});
    }
  }
  return layers;
}

bool every_layer_has_items(const std::vector<std::vector<KnapsackItem>>& layers) {
  return std::all_of(layers.begin(), layers.end(), [](const auto& items) { return !items.empty(); });
}

std::int64_t effective_cap(const BudgetedProblem& problem) {
  return problem.max_latency_cycles > 0 ? problem.max_latency_cycles
                                        : std::numeric_limits<std::int64_t>::max();
}

void fill_totals(const BudgetedProblem& problem, BudgetedSolution& solution) {
  solution.total_luts = 0;
  solution.total_power_mw = 0.0;
  solution.max_latency_cycles = 0;
  for (std::size_t i = 0; i < problem.layers.size(); ++i) {
    const Candidate& c = problem.layers[i][static_cast<std::size_t>(solution.choice[i])];
    solution.total_luts += c.luts;
    solution.total_power_mw += c.power_mw;
    solution.max_latency_cycles = std::max(solution.max_latency_cycles, c.latency_cycles);
  }
}

// Sum over layers of each layer's smallest value of `resource` among candidates within `level`.
template <typename Resource>
double cheapest_total(const BudgetedProblem& problem, std::int64_t level, Resource resource) {
  double total = 0.0;
  for (const auto& layer : problem.layers) {
    double cheapest = kInf;
    for (const Candidate& c : layer)
      if (c.latency_cycles <= level) cheapest = std::min(cheapest, resource(c));
    total += cheapest;
  }
  return total;
}

// A constraint binds when relaxing it alone admits a plan; when no single
// relaxation is enough, the constraints every plan violates are reported.
void diagnose(const BudgetedProblem& problem, const SearchLimits& limits, BudgetedSolution& solution) {
  Infeasibility& why = solution.infeasibility;
  const std::int64_t cap = effective_cap(problem);
  const auto within_cap = items_up_to(problem, cap, [](const Candidate&) { return 0.0; });
  if (every_layer_has_items(within_cap)) {
    // Smallest LUT total within the power budget and latency cap, and vice versa.
    const auto by_luts =
        items_up_to(problem, cap, [](const Candidate& c) { return -static_cast<double>(c.luts); });
    const KnapsackResult min_luts = solve_knapsack(by_luts, kInf, problem.max_power_mw, limits.max_nodes);
    if (min_luts.feasible) {
      why.min_luts_exists = true;
      why.min_luts = static_cast<std::int64_t>(std::llround(-min_luts.value));
    }
    const auto by_power = items_up_to(problem, cap, [](const Candidate& c) { return -c.power_mw; });
    const KnapsackResult min_power =
        solve_knapsack(by_power, static_cast<double>(problem.max_luts), kInf, limits.max_nodes);
    if (min_power.feasible) {
      why.min_power_exists = true;
      why.min_power_mw = 0.0;
      for (std::size_t i = 0; i < min_power.choice.size(); ++i)
        why.min_power_mw += problem.layers[i][static_cast<std::size_t>(min_power.choice[i])].power_mw;
    }
  }
  // Smallest latency cap (any level, also above the cap) at which a plan fits both budgets.
  for (const std::int64_t level : latency_levels(problem)) {
    const auto layers = items_up_to(problem, level, [](const Candidate&) { return 0.0; });
    if (!every_layer_has_items(layers)) continue;
    if (solve_knapsack(layers, static_cast<double>(problem.max_luts), problem.max_power_mw, limits.max_nodes)
            .feasible) {
      why.min_latency_exists = true;
      why.min_latency_cycles = level;
      break;
    }
  }
  if (why.min_luts_exists) why.binding.push_back("luts");
  if (why.min_power_exists) why.binding.push_back("power");
  if (why.min_latency_exists && problem.max_latency_cycles > 0) why.binding.push_back("latency");
  if (!why.binding.empty()) return;
  if (!every_layer_has_items(within_cap)) why.binding.push_back("latency");
  if (cheapest_total(problem, cap, [](const Candidate& c) { return static_cast<double>(c.luts); }) >
      static_cast<double>(problem.max_luts))
    why.binding.push_back("luts");
  if (cheapest_total(problem, cap, [](const Candidate& c) { return c.power_mw; }) > problem.max_power_mw)
    why.binding.push_back("power");
  if (why.binding.empty()) why.binding = {"luts", "power"};  // each fits alone, never both together
}

}  // namespace

double plan_objective(const BudgetedProblem& problem, const std::vector<int>& choice) {
  double value = 0.0;
  std::int64_t latency = 0;
  for (std::size_t i = 0; i < problem.layers.size(); ++i) {
    const Candidate& c = problem.layers[i][static_cast<std::size_t>(choice[i])];
    value += c.value;
    latency = std::max(latency, c.latency_cycles);
  }
  return value - problem.latency_weight * static_cast<double>(latency);
}

bool plan_fits(const BudgetedProblem& problem, const std::vector<int>& choice) {
  std::int64_t luts = 0;
  double power = 0.0;
  for (std::size_t i = 0; i < problem.layers.size(); ++i) {
    const Candidate& c = problem.layers[i][static_cast<std::size_t>(choice[i])];
    if (problem.max_latency_cycles > 0 && c.latency_cycles > problem.max_latency_cycles) return false;
    luts += c.luts;
    power += c.power_mw;
  }
  return luts <= problem.max_luts && power <= problem.max_power_mw;
}

BudgetedSolution solve_budgeted(const BudgetedProblem& problem, const SearchLimits& limits) {
  BudgetedSolution solution;
  const std::int64_t cap = effective_cap(problem);
  std::vector<std::int64_t> levels;
  for (const std::int64_t level : latency_levels(problem))
    if (level <= cap) levels.push_back(level);

  // The largest level first (every candidate): its bound caps every other level's.
  double bound_all = -kInf;
  bool proven = true;
  std::int64_t nodes_left = limits.max_nodes;
  std::vector<double> level_bounds;
  for (std::size_t pass = 0; pass < levels.size(); ++pass) {
    const std::size_t index = pass == 0 ? levels.size() - 1 : pass - 1;
    const std::int64_t level = levels[index];
    const double latency_cost = problem.latency_weight * static_cast<double>(level);
    if (pass > 0 && bound_all - latency_cost <= solution.objective) continue;  // cannot beat the incumbent
    const auto layers = items_up_to(problem, level, [](const Candidate& c) { return c.value; });
    if (!every_layer_has_items(layers)) continue;
    const double floor = std::isfinite(solution.objective) ? solution.objective + latency_cost : -kInf;
    const KnapsackResult result = solve_knapsack(layers, static_cast<double>(problem.max_luts),
                                                 problem.max_power_mw, nodes_left, floor);
    nodes_left -= result.nodes;
    solution.nodes += result.nodes;
    proven = proven && result.proven;
    if (pass == 0) bound_all = result.upper_bound;
    level_bounds.push_back(result.upper_bound - latency_cost);
    if (result.feasible) {
      const double objective = plan_objective(problem, result.choice);
      if (objective > solution.objective) {
        solution.objective = objective;
        solution.choice = result.choice;
        solution.feasible = true;
      }
    }
    if (nodes_left <= 0) {
      proven = false;
      break;
    }
  }

  if (solution.feasible) {
    fill_totals(problem, solution);
    solution.proven_optimal = proven;
    double bound = solution.objective;
    if (!proven) {
      // Unsolved levels are bounded by the all-candidate bound less their latency cost.
      bound = std::max(bound, bound_all - problem.latency_weight * static_cast<double>(levels.front()));
      for (const double b : level_bounds) bound = std::max(bound, b);
    }
    solution.upper_bound = bound;
    solution.relative_gap = (bound - solution.objective) / std::max(1.0, std::fabs(bound));
  } else {
    diagnose(problem, limits, solution);
  }
  return solution;
}

}  // namespace scn::search
