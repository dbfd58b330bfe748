#include "instances.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sc_neurocore/model/design_space.hpp"
#include "sc_neurocore/search/surrogate.hpp"

namespace scn::test {

std::uint64_t Rng::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
std::int64_t Rng::integer(std::int64_t lo, std::int64_t hi) {
  return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
}
double Rng::log_uniform(double lo, double hi) {
  return std::exp(std::log(lo) + uniform() * (std::log(hi) - std::log(lo)));
}

NetworkInstance network_instance(std::uint64_t seed) {
  Rng rng(seed);
  NetworkInstance instance;
  const std::int64_t layers = rng.integer(1, 24);  // networks that can fit the ECP5-85F
  std::int64_t macs = 0;
  for (std::int64_t i = 0; i < layers; ++i) {
    const auto mac_count = static_cast<std::int64_t>(std::llround(rng.log_uniform(1, 4096)));
    instance.network.push_back({"l" + std::to_string(i), mac_count, rng.uniform() < 0.25});
    macs += mac_count;
  }
  // Budgets relative to the cheapest SC design on the ECP5-85F (about 4 LUT4, CCU2C counted as two, and
  // 0.002 mW per MAC): from a tenth of it (impossible) to many times it (generous).
  // Latency caps on the whole inference (every layer's stream in turn plus the I/O words).
  const std::int64_t caps[] = {0, 0, 512, 2048, 4096, 16384, 65536};
  instance.target.name = "instance-" + std::to_string(seed);
  instance.target.budget.max_luts =
      static_cast<std::int64_t>(std::llround(4.0 * static_cast<double>(macs) * rng.log_uniform(0.1, 60)));
  instance.target.budget.max_power_mw = 0.002 * static_cast<double>(macs) * rng.log_uniform(0.1, 300);
  instance.target.budget.max_latency_cycles = caps[rng.integer(0, 6)];
  return instance;
}

search::BudgetedProblem tiny_instance(std::uint64_t seed, int max_layers, int max_candidates) {
  Rng rng(seed);
  search::BudgetedProblem problem;
  const int layers = static_cast<int>(rng.integer(1, max_layers));
  std::int64_t luts = 0;
  double power = 0.0;
  for (int i = 0; i < layers; ++i) {
    std::vector<search::Candidate> candidates;
    const int count = static_cast<int>(rng.integer(1, max_candidates));
    for (int j = 0; j < count; ++j) {
      // Small integer costs so ties and exact fits happen.
      candidates.push_back({rng.uniform() * 2 - 0.5, rng.integer(0, 20),
                            static_cast<double>(rng.integer(0, 10)) * 0.25, rng.integer(1, 4) * 64});
      luts += candidates.back().luts;
      power += candidates.back().power_mw;
    }
    problem.layers.push_back(std::move(candidates));
  }
  const double scale = static_cast<double>(layers) / std::max<double>(1, layers * max_candidates / 2.0);
  problem.max_luts =
      static_cast<std::int64_t>(std::llround(static_cast<double>(luts) * scale * rng.uniform()));
  problem.max_power_mw = std::round(power * scale * rng.uniform() * 4) / 4;
  // The latency is summed over the layers (plus the I/O words): caps from below the fastest plan to above
  // the slowest.
  problem.latency_overhead_cycles = rng.uniform() < 0.5 ? 0 : rng.integer(1, 40);
  problem.max_latency_cycles =
      rng.uniform() < 0.5 ? 0 : problem.latency_overhead_cycles + rng.integer(layers, 4 * layers) * 64;
  problem.latency_weight = rng.uniform() < 0.3 ? 0.0 : rng.uniform() * 0.002;
  return problem;
}

BruteForce brute_force(const search::BudgetedProblem& problem) {
  BruteForce best;
  std::vector<int> choice(problem.layers.size(), 0);
  while (true) {
    if (search::plan_fits(problem, choice)) {
      const double objective = search::plan_objective(problem, choice);
      if (!best.feasible || objective > best.objective) best = {true, objective};
    }
    std::size_t i = 0;
    while (i < choice.size() && ++choice[i] == static_cast<int>(problem.layers[i].size())) choice[i++] = 0;
    if (i == choice.size()) break;
  }
  return best;
}

}  // namespace scn::test
