// Seeded test instances: networks of 1-64 layers with mac counts 1-4096 and
// budgets from impossible to generous, costed with the real default-profile
// cost model; plus tiny synthetic instances for brute force.
#pragma once

#include <cstdint>
#include <vector>

#include "sc_neurocore/core/types.hpp"
#include "sc_neurocore/search/exact/budgeted_search.hpp"

namespace scn::test {

// splitmix64: a small portable generator, so instances are the same everywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  double uniform();                                        // [0, 1)
  std::int64_t integer(std::int64_t lo, std::int64_t hi);  // [lo, hi]
  double log_uniform(double lo, double hi);

 private:
  std::uint64_t state_;
};

struct NetworkInstance {
  std::vector<core::LayerProfile> network;
  core::TargetHardwareProfile target;
};

NetworkInstance network_instance(std::uint64_t seed);

// <= max_layers layers of <= max_candidates random candidates, random budgets.
search::BudgetedProblem tiny_instance(std::uint64_t seed, int max_layers, int max_candidates);

// Every plan of a tiny problem: the best objective among plans that fit, or nullopt.
struct BruteForce {
  bool feasible = false;
  double objective = 0.0;
};
BruteForce brute_force(const search::BudgetedProblem& problem);

}  // namespace scn::test
