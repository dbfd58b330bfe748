// Exact budgeted search for the default profile: choose one candidate per
// layer to maximise
//
//     sum_i value_i(x_i)  -  latency_weight * latency(x)
//
// subject to  sum_i luts_i <= max_luts,  sum_i power_i <= max_power_mw,
// sum_i blocks_i(m) <= max_memory_blocks(m) for each capped memory m (block RAM, SPRAM: the device's),
// and latency(x) <= max_latency_cycles when that cap is positive, where
// latency(x) = latency_overhead_cycles + sum_i latency_i(x_i): the emitted
// network runs its layers one after another (hw/network.hpp).
//
// This is a multiple-choice knapsack with three resource constraints; the
// latency term is separable, so it is folded into each candidate's value. It
// is solved by branch and bound with a Lagrangian bound (multipliers on LUTs
// and power from the dual, which equals the LP relaxation's bound without the
// latency and memory rows) and the cheapest completion of every budget checked per node.
// Results carry a proven upper bound and the relative gap; when the search
// completes the gap is 0.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace scn::search {

// The memories a plan's layers draw whole blocks from, each with its own budget.
inline constexpr std::size_t kMemoryKinds = 2;
inline constexpr std::array<const char*, kMemoryKinds> kMemoryNames = {"block_ram", "spram"};
using MemoryBlocks = std::array<std::int64_t, kMemoryKinds>;

struct Candidate {
  double value = 0.0;
  std::int64_t luts = 0;
  double power_mw = 0.0;
  std::int64_t latency_cycles = 0;
  MemoryBlocks memory_blocks{};
  double fmax_mhz = 0.0;  // predicted (0 = unknown: never left out by min_fmax_mhz)
};

struct BudgetedProblem {
  std::vector<std::vector<Candidate>> layers;
  std::int64_t max_luts = 0;
  double max_power_mw = 0.0;
  std::int64_t max_latency_cycles = 0;       // 0 = no cap
  double latency_weight = 0.0;               // objective weight of the plan's latency (per cycle)
  std::int64_t latency_overhead_cycles = 0;  // cycles every plan takes besides its layers (I/O words)
  MemoryBlocks max_memory_blocks{-1, -1};    // per memory, -1 = no cap
  double min_fmax_mhz = 0.0;                 // candidates predicted slower are left out (0 = none)
};

// Whether the search may choose `c`: its predicted fmax is unknown or at least the problem's floor.
inline bool allowed(const BudgetedProblem& problem, const Candidate& c) {
  return c.fmax_mhz <= 0 || c.fmax_mhz >= problem.min_fmax_mhz;
}

struct SearchLimits {
  std::int64_t max_nodes = 2'000'000;  // branch-and-bound nodes
};

// When no plan fits: which constraints bind and the smallest budgets that admit a plan.
struct Infeasibility {
  std::vector<std::string> binding;  // subset of {"luts", "power", "latency", "block_ram", "spram"}
  std::int64_t min_luts = 0;         // smallest LUT total of a plan within the power budget and latency cap
  double min_power_mw = 0.0;         // smallest power of a plan within the LUT budget and latency cap
  std::int64_t min_latency_cycles = 0;  // smallest plan latency within the LUT and power budgets
  bool min_luts_exists = false;         // false when even the power budget cannot be met
  bool min_power_exists = false;
  bool min_latency_exists = false;
};

struct BudgetedSolution {
  bool feasible = false;
  std::vector<int> choice;  // per layer, an index into that layer's candidate list
  double objective = -std::numeric_limits<double>::infinity();
  double upper_bound = std::numeric_limits<double>::infinity();
  double relative_gap = std::numeric_limits<double>::infinity();  // (bound - objective) / max(1, |bound|)
  bool proven_optimal = false;
  std::int64_t total_luts = 0;
  double total_power_mw = 0.0;
  std::int64_t total_latency_cycles = 0;  // latency_overhead_cycles + the chosen candidates' cycles
  MemoryBlocks total_memory_blocks{};
  std::int64_t nodes = 0;
  Infeasibility infeasibility;  // filled when !feasible
};

// The objective of a given plan, summed in layer order.
double plan_objective(const BudgetedProblem& problem, const std::vector<int>& choice);
// Whether a plan meets the budgets (power summed in layer order, compared exactly).
bool plan_fits(const BudgetedProblem& problem, const std::vector<int>& choice);

BudgetedSolution solve_budgeted(const BudgetedProblem& problem, const SearchLimits& limits = {});

// --- the knapsack core, exposed for tests ------------------------------------

struct KnapsackItem {
  double value = 0.0;
  double luts = 0.0;
  double power = 0.0;
  int index = 0;                              // position in the caller's list
  double latency = 0.0;                       // cycles, summed over the layers like LUTs and power
  std::array<double, kMemoryKinds> blocks{};  // memory blocks, summed likewise
};

using MemoryBudget = std::array<double, kMemoryKinds>;
inline constexpr MemoryBudget kNoMemoryCap = {std::numeric_limits<double>::infinity(),
                                              std::numeric_limits<double>::infinity()};

struct KnapsackResult {
  bool feasible = false;
  std::vector<int> choice;  // caller indices
  double value = -std::numeric_limits<double>::infinity();
  double upper_bound = std::numeric_limits<double>::infinity();
  bool proven = false;
  std::int64_t nodes = 0;
};

// Maximise sum value s.t. sum luts <= max_luts, sum power <= max_power, sum latency <= max_latency and the
// blocks of each memory within max_blocks (any may be +infinity). Prunes below `floor` (a known achievable
// value).
KnapsackResult solve_knapsack(const std::vector<std::vector<KnapsackItem>>& layers, double max_luts,
                              double max_power, std::int64_t max_nodes,
                              double floor = -std::numeric_limits<double>::infinity(),
                              double max_latency = std::numeric_limits<double>::infinity(),
                              const MemoryBudget& max_blocks = kNoMemoryCap);

// Removes items dominated in (luts <=, power <=, value >=, blocks of each memory <=, and with `by_latency`
// latency <=; one strict); of equal items the first stays. Latencies at or below `latency_floor` compare as
// equal: a caller for whom every completion of such an item meets its latency cap loses nothing by keeping
// only the cheaper of two of them.
std::vector<KnapsackItem> remove_dominated(std::vector<KnapsackItem> items, bool by_latency = false,
                                           double latency_floor = -std::numeric_limits<double>::infinity());

}  // namespace scn::search
