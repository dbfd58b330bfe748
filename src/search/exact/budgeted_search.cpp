// The budgeted search: one knapsack with LUTs, power and the summed latency as its resources (the latency
// term of the objective folded into each candidate's value), and, when nothing fits, which budget binds and
// the smallest budgets that would admit a plan.
#include "sc_neurocore/search/exact/budgeted_search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace scn::search {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Each layer's candidates as knapsack items valued by `value_of`.
template <typename ValueOf>
std::vector<std::vector<KnapsackItem>> items_of(const BudgetedProblem& problem, ValueOf value_of) {
  std::vector<std::vector<KnapsackItem>> layers(problem.layers.size());
  for (std::size_t i = 0; i < problem.layers.size(); ++i) {
    const auto& candidates = problem.layers[i];
    layers[i].reserve(candidates.size());
    for (std::size_t j = 0; j < candidates.size(); ++j) {
      const Candidate& c = candidates[j];
      if (!allowed(problem, c)) continue;
      KnapsackItem item{value_of(c), static_cast<double>(c.luts), c.power_mw, static_cast<int>(j),
                        static_cast<double>(c.latency_cycles)};
      for (std::size_t m = 0; m < kMemoryKinds; ++m) item.blocks[m] = static_cast<double>(c.memory_blocks[m]);
      layers[i].push_back(item);
    }
  }
  return layers;
}

// The cycles the layers' candidates may add up to: the cap less the fixed cycles (+infinity without a cap).
double latency_budget(const BudgetedProblem& problem) {
  return problem.max_latency_cycles > 0
             ? static_cast<double>(problem.max_latency_cycles - problem.latency_overhead_cycles)
             : kInf;
}

// Each memory's block budget (+infinity where the problem sets no cap).
MemoryBudget memory_budget(const BudgetedProblem& problem) {
  MemoryBudget budget = kNoMemoryCap;
  for (std::size_t m = 0; m < kMemoryKinds; ++m)
    if (problem.max_memory_blocks[m] >= 0) budget[m] = static_cast<double>(problem.max_memory_blocks[m]);
  return budget;
}

MemoryBlocks plan_memory(const BudgetedProblem& problem, const std::vector<int>& choice) {
  MemoryBlocks total{};
  for (std::size_t i = 0; i < problem.layers.size(); ++i)
    for (std::size_t m = 0; m < kMemoryKinds; ++m)
      total[m] += problem.layers[i][static_cast<std::size_t>(choice[i])].memory_blocks[m];
  return total;
}

bool memory_fits(const BudgetedProblem& problem, const MemoryBlocks& blocks) {
  for (std::size_t m = 0; m < kMemoryKinds; ++m)
    if (problem.max_memory_blocks[m] >= 0 && blocks[m] > problem.max_memory_blocks[m]) return false;
  return true;
}

std::int64_t plan_latency(const BudgetedProblem& problem, const std::vector<int>& choice) {
  std::int64_t latency = problem.latency_overhead_cycles;
  for (std::size_t i = 0; i < problem.layers.size(); ++i)
    latency += problem.layers[i][static_cast<std::size_t>(choice[i])].latency_cycles;
  return latency;
}

void fill_totals(const BudgetedProblem& problem, BudgetedSolution& solution) {
  solution.total_luts = 0;
  solution.total_power_mw = 0.0;
  for (std::size_t i = 0; i < problem.layers.size(); ++i) {
    const Candidate& c = problem.layers[i][static_cast<std::size_t>(solution.choice[i])];
    solution.total_luts += c.luts;
    solution.total_power_mw += c.power_mw;
  }
  solution.total_latency_cycles = plan_latency(problem, solution.choice);
  solution.total_memory_blocks = plan_memory(problem, solution.choice);
}

// The smallest total of one resource (the negated value of `cost`) within the other budgets.
KnapsackResult cheapest(const BudgetedProblem& problem, const SearchLimits& limits,
                        double (*cost)(const Candidate&), double max_luts, double max_power,
                        double max_latency, const MemoryBudget& max_blocks) {
  const auto layers = items_of(problem, [cost](const Candidate& c) { return -cost(c); });
  return solve_knapsack(layers, max_luts, max_power, limits.max_nodes, -kInf, max_latency, max_blocks);
}

// Sum over layers of each layer's smallest `resource`.
double cheapest_total(const BudgetedProblem& problem, double (*resource)(const Candidate&)) {
  double total = 0.0;
  for (const auto& layer : problem.layers) {
    double least = kInf;
    for (const Candidate& c : layer)
      if (allowed(problem, c)) least = std::min(least, resource(c));
    total += least;
  }
  return total;
}

double luts_of(const Candidate& c) { return static_cast<double>(c.luts); }
double power_of(const Candidate& c) { return c.power_mw; }
double latency_of(const Candidate& c) { return static_cast<double>(c.latency_cycles); }

// A memory binds when no plan within the LUT, power and latency budgets meets its block budget.
void diagnose_memory(const BudgetedProblem& problem, const SearchLimits& limits, Infeasibility& why) {
  const MemoryBudget blocks = memory_budget(problem);
  for (std::size_t m = 0; m < kMemoryKinds; ++m) {
    if (problem.max_memory_blocks[m] < 0) continue;
    MemoryBudget others = blocks;
    others[m] = kInf;
    const auto layers =
        items_of(problem, [m](const Candidate& c) { return -static_cast<double>(c.memory_blocks[m]); });
    const KnapsackResult least =
        solve_knapsack(layers, static_cast<double>(problem.max_luts), problem.max_power_mw, limits.max_nodes,
                       -kInf, latency_budget(problem), others);
    if (least.feasible && -least.value > static_cast<double>(problem.max_memory_blocks[m]))
      why.binding.push_back(kMemoryNames[m]);
  }
}

// A budget binds when the smallest total of its resource that the other budgets admit is above it; when
// each fits alone but never all together, every budget is reported.
void diagnose(const BudgetedProblem& problem, const SearchLimits& limits, BudgetedSolution& solution) {
  Infeasibility& why = solution.infeasibility;
  const double luts = static_cast<double>(problem.max_luts);
  const double latency = latency_budget(problem);
  const MemoryBudget blocks = memory_budget(problem);
  const KnapsackResult min_luts =
      cheapest(problem, limits, luts_of, kInf, problem.max_power_mw, latency, blocks);
  if (min_luts.feasible) {
    why.min_luts_exists = true;
    why.min_luts = static_cast<std::int64_t>(std::llround(-min_luts.value));
  }
  const KnapsackResult min_power = cheapest(problem, limits, power_of, luts, kInf, latency, blocks);
  if (min_power.feasible) {
    why.min_power_exists = true;
    why.min_power_mw = 0.0;
    for (std::size_t i = 0; i < min_power.choice.size(); ++i)
      why.min_power_mw += problem.layers[i][static_cast<std::size_t>(min_power.choice[i])].power_mw;
  }
  const KnapsackResult min_latency =
      cheapest(problem, limits, latency_of, luts, problem.max_power_mw, kInf, blocks);
  if (min_latency.feasible) {
    why.min_latency_exists = true;
    why.min_latency_cycles = plan_latency(problem, min_latency.choice);
  }
  if (why.min_luts_exists) why.binding.push_back("luts");
  if (why.min_power_exists) why.binding.push_back("power");
  if (why.min_latency_exists && problem.max_latency_cycles > 0) why.binding.push_back("latency");
  diagnose_memory(problem, limits, why);
  if (!why.binding.empty()) return;
  // No single relaxation is enough: the budgets that even each layer's cheapest candidate breaks.
  if (cheapest_total(problem, luts_of) > luts) why.binding.push_back("luts");
  if (cheapest_total(problem, power_of) > problem.max_power_mw) why.binding.push_back("power");
  if (cheapest_total(problem, latency_of) > latency) why.binding.push_back("latency");
  if (why.binding.empty()) why.binding = {"luts", "power"};  // each fits alone, never together
}

}  // namespace

double plan_objective(const BudgetedProblem& problem, const std::vector<int>& choice) {
  double value = 0.0;
  for (std::size_t i = 0; i < problem.layers.size(); ++i)
    value += problem.layers[i][static_cast<std::size_t>(choice[i])].value;
  return value - problem.latency_weight * static_cast<double>(plan_latency(problem, choice));
}

bool plan_fits(const BudgetedProblem& problem, const std::vector<int>& choice) {
  std::int64_t luts = 0;
  double power = 0.0;
  for (std::size_t i = 0; i < problem.layers.size(); ++i) {
    const Candidate& c = problem.layers[i][static_cast<std::size_t>(choice[i])];
    luts += c.luts;
    power += c.power_mw;
  }
  const bool in_time =
      problem.max_latency_cycles <= 0 || plan_latency(problem, choice) <= problem.max_latency_cycles;
  return luts <= problem.max_luts && power <= problem.max_power_mw && in_time &&
         memory_fits(problem, plan_memory(problem, choice));
}

BudgetedSolution solve_budgeted(const BudgetedProblem& problem, const SearchLimits& limits) {
  BudgetedSolution solution;
  // The latency term is a sum like the resources: each candidate pays its own cycles.
  const double fixed = problem.latency_weight * static_cast<double>(problem.latency_overhead_cycles);
  const auto layers = items_of(problem, [&](const Candidate& c) {
    return c.value - problem.latency_weight * static_cast<double>(c.latency_cycles);
  });
  const KnapsackResult result =
      solve_knapsack(layers, static_cast<double>(problem.max_luts), problem.max_power_mw, limits.max_nodes,
                     -kInf, latency_budget(problem), memory_budget(problem));
  solution.nodes = result.nodes;
  if (!result.feasible) {
    diagnose(problem, limits, solution);
    return solution;
  }
  solution.feasible = true;
  solution.choice = result.choice;
  solution.objective = plan_objective(problem, solution.choice);
  fill_totals(problem, solution);
  solution.proven_optimal = result.proven;
  const double bound =
      result.proven ? solution.objective : std::max(solution.objective, result.upper_bound - fixed);
  solution.upper_bound = bound;
  solution.relative_gap = (bound - solution.objective) / std::max(1.0, std::fabs(bound));
  return solution;
}

}  // namespace scn::search
