#include "sc_neurocore/search/exact/pareto_frontier.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include "sc_neurocore/search/exact/budgeted_search.hpp"

namespace scn::search {
namespace {

struct Partial {
  double luts = 0.0;
  double power = 0.0;
  double accuracy = 0.0;
  double latency = 0.0;
  std::array<double, kMemoryKinds> blocks{};  // of the capped memories (0 for the others)
  int parent = -1;                            // index into the previous level
  int item = -1;                              // item of this layer
};

constexpr double kNoFloor = -std::numeric_limits<double>::infinity();

// Non-dominated subset (min luts, min power, max accuracy, min blocks of each capped memory, and with
// `by_latency` min latency), via the knapsack's dominance filter; latencies at or below `latency_floor`
// compare as equal (under a cap they meet it whatever follows).
std::vector<Partial> non_dominated(const std::vector<Partial>& partials, bool by_latency,
                                   double latency_floor = kNoFloor) {
  std::vector<KnapsackItem> items;
  items.reserve(partials.size());
  for (std::size_t k = 0; k < partials.size(); ++k)
    items.push_back({partials[k].accuracy, partials[k].luts, partials[k].power, static_cast<int>(k),
                     partials[k].latency, partials[k].blocks});
  std::vector<Partial> kept;
  for (const KnapsackItem& item : remove_dominated(std::move(items), by_latency, latency_floor))
    kept.push_back(partials[item.index]);
  return kept;
}

bool within_memory(const Partial& partial, const MemoryBlocks& cap) {
  for (std::size_t m = 0; m < kMemoryKinds; ++m)
    if (cap[m] >= 0 && partial.blocks[m] > static_cast<double>(cap[m])) return false;
  return true;
}

// Per layer k, the fewest (slowest: the most) cycles layers k.. can still add.
std::vector<double> completions(const std::vector<std::vector<FrontierItem>>& layers, bool slowest) {
  std::vector<double> suffix(layers.size() + 1, 0.0);
  for (std::size_t k = layers.size(); k-- > 0;) {
    std::int64_t bound = slowest ? 0 : std::numeric_limits<std::int64_t>::max();
    for (const FrontierItem& item : layers[k])
      bound = slowest ? std::max(bound, item.latency_cycles) : std::min(bound, item.latency_cycles);
    suffix[k] = suffix[k + 1] + (layers[k].empty() ? 0.0 : static_cast<double>(bound));
  }
  return suffix;
}

// Keeps max_points evenly spread along the LUT axis (extremes included).
std::vector<Partial> thin(std::vector<Partial> partials, std::size_t max_points) {
  std::sort(partials.begin(), partials.end(),
            [](const Partial& a, const Partial& b) { return a.luts < b.luts; });
  std::vector<Partial> kept;
  kept.reserve(max_points);
  for (std::size_t k = 0; k < max_points; ++k)
    kept.push_back(partials[k * (partials.size() - 1) / (max_points - 1)]);
  return kept;
}

// A layer's items as partials (the blocks of the capped memories only), those beyond a memory cap left out.
std::vector<Partial> partials_of(const std::vector<FrontierItem>& items, const MemoryBlocks& memory_cap) {
  std::vector<Partial> own;
  for (std::size_t j = 0; j < items.size(); ++j) {
    Partial item{static_cast<double>(items[j].luts),
                 items[j].power_mw,
                 items[j].accuracy_share,
                 static_cast<double>(items[j].latency_cycles),
                 {},
                 -1,
                 static_cast<int>(j)};
    for (std::size_t m = 0; m < kMemoryKinds; ++m)
      if (memory_cap[m] >= 0) item.blocks[m] = static_cast<double>(items[j].memory_blocks[m]);
    if (within_memory(item, memory_cap)) own.push_back(item);
  }
  return own;
}

// The plan of the last level's partial k: its choices traced back through the levels, its totals summed in
// layer order, so they match a plan's own totals exactly.
FrontierPoint point_of(const std::vector<std::vector<FrontierItem>>& layers,
                       const std::vector<std::vector<Partial>>& levels, std::size_t k,
                       std::int64_t latency_overhead) {
  FrontierPoint point;
  point.choice.assign(layers.size(), -1);
  int index = static_cast<int>(k);
  for (std::size_t level = layers.size(); level > 0; --level) {
    const Partial& partial = levels[level][static_cast<std::size_t>(index)];
    point.choice[level - 1] = partial.item;
    index = partial.parent;
  }
  point.latency_cycles = latency_overhead;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const FrontierItem& item = layers[i][static_cast<std::size_t>(point.choice[i])];
    point.luts += item.luts;
    point.power_mw += item.power_mw;
    point.accuracy += item.accuracy_share;
    point.latency_cycles += item.latency_cycles;
    for (std::size_t m = 0; m < kMemoryKinds; ++m) point.memory_blocks[m] += item.memory_blocks[m];
  }
  return point;
}

}  // namespace

Frontier pareto_frontier(const std::vector<std::vector<FrontierItem>>& layers, std::int64_t latency_cap,
                         std::size_t max_points, std::int64_t latency_overhead,
                         const MemoryBlocks& memory_cap, bool latency_axis) {
  Frontier frontier;
  max_points = std::max<std::size_t>(max_points, 2);
  const bool capped = latency_cap > 0;
  const double cycles_left = capped ? static_cast<double>(latency_cap - latency_overhead) : 0.0;
  const std::vector<double> fastest = completions(layers, false), slowest = completions(layers, true);
  // Without the latency axis, latency only decides under a cap, and only up to the slack the cap leaves.
  const bool by_latency = latency_axis || capped;
  const auto floor_at = [&](double slack) { return latency_axis || !capped ? kNoFloor : slack; };
  std::vector<std::vector<Partial>> levels = {{Partial{}}};
  for (std::size_t k = 0; k < layers.size(); ++k) {
    const auto& items = layers[k];
    // This layer's own frontier first: a dominated item never helps a plan.
    std::vector<Partial> own = partials_of(items, memory_cap);
    // Under a cap, an item that meets it with the slowest choice of every other layer needs no faster twin.
    own =
        non_dominated(own, by_latency, floor_at(cycles_left - (slowest[0] - (slowest[k] - slowest[k + 1]))));
    std::vector<Partial> next;
    next.reserve(levels.back().size() * own.size());
    for (std::size_t p = 0; p < levels.back().size(); ++p) {
      const Partial& base = levels.back()[p];
      for (const Partial& item : own) {
        const double latency = base.latency + item.latency;
        if (capped && latency + fastest[k + 1] > cycles_left) continue;  // no completion meets the cap
        Partial sum{base.luts + item.luts,
                    base.power + item.power,
                    base.accuracy + item.accuracy,
                    latency,
                    base.blocks,
                    static_cast<int>(p),
                    item.item};
        for (std::size_t m = 0; m < kMemoryKinds; ++m) sum.blocks[m] += item.blocks[m];
        if (within_memory(sum, memory_cap)) next.push_back(sum);
      }
    }
    next = non_dominated(next, by_latency, floor_at(cycles_left - slowest[k + 1]));
    if (next.size() > max_points) {
      next = thin(std::move(next), max_points);
      frontier.approximate = true;
    }
    levels.push_back(std::move(next));
    if (levels.back().empty()) return frontier;  // no plan meets the cap
  }
  // Without the latency axis, latency only kept plans that meet the cap alive.
  if (capped && !latency_axis) levels.back() = non_dominated(levels.back(), false);

  for (std::size_t k = 0; k < levels.back().size(); ++k)
    frontier.points.push_back(point_of(layers, levels, k, latency_overhead));
  std::sort(frontier.points.begin(), frontier.points.end(),
            [](const FrontierPoint& a, const FrontierPoint& b) {
              if (a.luts != b.luts) return a.luts < b.luts;
              if (a.power_mw != b.power_mw) return a.power_mw < b.power_mw;
              return a.accuracy > b.accuracy;
            });
  return frontier;
}

}  // namespace scn::search
