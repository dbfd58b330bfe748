// The network Pareto frontier: whole-network plans that no other plan beats
// on all of total LUTs (lower), total power (lower), weighted accuracy
// (higher), each capped memory's blocks (lower) and, as asked, total latency
// (lower), built by merging per-layer frontiers with dominance pruning.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sc_neurocore/search/exact/budgeted_search.hpp"

namespace scn::search {

struct FrontierItem {
  std::int64_t luts = 0;
  double power_mw = 0.0;
  double accuracy_share = 0.0;  // this layer's weight / total weight * accuracy
  std::int64_t latency_cycles = 0;
  MemoryBlocks memory_blocks{};
};

struct FrontierPoint {
  std::int64_t luts = 0;
  double power_mw = 0.0;
  double accuracy = 0.0;            // weighted mean accuracy of the plan
  std::int64_t latency_cycles = 0;  // the overhead plus every layer's cycles (the layers run in turn)
  MemoryBlocks memory_blocks{};
  std::vector<int> choice;  // per layer, an index into that layer's items
};

struct Frontier {
  std::vector<FrontierPoint> points;  // sorted by LUTs, then power
  bool approximate = false;           // true when thinned to max_points along the way
};

// Plans whose latency (latency_overhead + the sum of the layers' cycles) is <= latency_cap (0 = no cap) and
// whose blocks of each memory are within memory_cap (-1 = no cap; a memory without a cap is no axis).
// `latency_axis`: latency is an axis of the frontier (a planner that folds layers trades cycles for cells);
// without it, total latency only decides which plans meet the cap. Exact while the intermediate frontiers
// stay within max_points; thinned (and flagged) beyond.
Frontier pareto_frontier(const std::vector<std::vector<FrontierItem>>& layers, std::int64_t latency_cap,
                         std::size_t max_points = 20000, std::int64_t latency_overhead = 0,
                         const MemoryBlocks& memory_cap = {-1, -1}, bool latency_axis = false);

}  // namespace scn::search
