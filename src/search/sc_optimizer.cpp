#include "sc_neurocore/search/sc_optimizer.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <set>
#include <tuple>
#include <unordered_set>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/core/python_random.hpp"

namespace scn::search {
namespace {

double layer_weight(const core::LayerProfile& layer) { return layer.is_critical_path ? 2.0 : 1.0; }

// Python's sum() over the config values, in order, with one entry replaced.
double ordered_power_sum(const core::LayerConfigMap& config, std::size_t replaced, double replacement_power) {
  double total = 0.0;
  for (std::size_t i = 0; i < config.size(); ++i)
    total += i == replaced ? replacement_power : config[i].second.power_used;
  return total;
}

std::vector<std::vector<core::LayerConfig>> candidates_per_layer(
    const SCOptimizer& optimizer, const std::vector<core::LayerProfile>& network) {
  std::vector<std::vector<core::LayerConfig>> candidates;
  candidates.reserve(network.size());
  for (const auto& layer : network) candidates.push_back(optimizer.generate_candidates(layer));
  return candidates;
}

// Each layer at its minimum-LUT candidate (first in candidate order on ties).
core::LayerConfigMap cheapest_configuration(const std::vector<core::LayerProfile>& network,
                                            const std::vector<std::vector<core::LayerConfig>>& candidates) {
  core::LayerConfigMap config;
  config.reserve(network.size());
  for (std::size_t i = 0; i < network.size(); ++i) {
    const auto& options = candidates[i];
    const auto cheapest = std::min_element(options.begin(), options.end(), [](const auto& a, const auto& b) {
      return a.luts_used < b.luts_used;
    });
    config.emplace_back(network[i].id, *cheapest);
  }
  return config;
}

// Totals of the current configuration, kept per greedy sweep so that each
// trial substitution is checked in O(1) instead of re-summing every layer.
struct SweepTotals {
  std::int64_t luts = 0;
  double power = 0.0;
  double power_magnitude = 0.0;                     // sum of |power|, for the rounding bound
  std::vector<std::int64_t> latency_max_excluding;  // max latency over the other layers
};

SweepTotals sweep_totals(const core::LayerConfigMap& config) {
  SweepTotals totals;
  const std::size_t n = config.size();
  std::vector<std::int64_t> prefix(n + 1, std::numeric_limits<std::int64_t>::min());
  std::vector<std::int64_t> suffix(n + 1, std::numeric_limits<std::int64_t>::min());
  for (std::size_t i = 0; i < n; ++i) {
    const auto& c = config[i].second;
    totals.luts += c.luts_used;
    totals.power += c.power_used;
    totals.power_magnitude += std::fabs(c.power_used);
    prefix[i + 1] = std::max(prefix[i], c.latency_cycles);
  }
  for (std::size_t i = n; i-- > 0;) suffix[i] = std::max(suffix[i + 1], config[i].second.latency_cycles);
  totals.latency_max_excluding.resize(n);
  for (std::size_t i = 0; i < n; ++i) totals.latency_max_excluding[i] = std::max(prefix[i], suffix[i + 1]);
  return totals;
}

}  // namespace

void require_unique_layer_ids(const std::vector<core::LayerProfile>& network) {
  std::unordered_set<std::string> seen;
  for (std::size_t i = 0; i < network.size(); ++i) {
    if (!seen.insert(network[i].id).second) {
      throw core::InputError("layer " + std::to_string(i) + " has duplicate id '" + network[i].id + "'");
    }
  }
}

SCOptimizer::SCOptimizer(core::HardwareBudget budget)
    : budget_(budget),
      bitstream_options_{64, 128, 256, 512, 1024, 2048},
      decorrelators_{core::decorrelator::kNone, core::decorrelator::kLFSR, core::decorrelator::kSobol,
                     core::decorrelator::kHalton, core::decorrelator::kSCC},
      modes_{core::mode::kSC, core::mode::kDeterministic, core::mode::kHybrid} {
  if (budget_.max_latency_us != 0)
    throw core::InputError(
        "max_latency_us needs the default profile (SurrogateSCOptimizer): SCOptimizer plans no clock (use "
        "max_latency_cycles)");
}

model::ResourceEstimate SCOptimizer::estimate_resources(std::int64_t mac_count, std::int64_t length,
                                                        const std::string& decorrelator,
                                                        const std::string& mode) const {
  return model::estimate_sc_resources(mac_count, length, decorrelator, mode);
}

std::vector<core::LayerConfig> SCOptimizer::generate_candidates(const core::LayerProfile& layer) const {
  std::vector<core::LayerConfig> candidates;
  for (const auto& mode : modes_) {
    if (mode == core::mode::kDeterministic) {
      const auto e = estimate_resources(layer.mac_count, 1, core::decorrelator::kNone, mode);
      candidates.push_back(
          {1, core::decorrelator::kNone, mode, e.luts, e.power_mw, e.accuracy, e.latency_cycles});
      continue;
    }
    for (const std::int64_t length : bitstream_options_) {
      for (const auto& decorr : decorrelators_) {
        const auto e = estimate_resources(layer.mac_count, length, decorr, mode);
        candidates.push_back({length, decorr, mode, e.luts, e.power_mw, e.accuracy, e.latency_cycles});
      }
    }
  }
  return candidates;
}

bool SCOptimizer::is_feasible(const core::LayerConfigMap& config) const {
  std::int64_t luts = 0;
  double power = 0.0;
  std::int64_t latency = 0;
  for (const auto& [id, c] : config) {
    luts += c.luts_used;
    power += c.power_used;
    latency = std::max(latency, c.latency_cycles);
  }
  if (luts > budget_.max_luts) return false;
  if (power > budget_.max_power_mw) return false;
  if (budget_.max_latency_cycles > 0 && !config.empty() && latency > budget_.max_latency_cycles) return false;
  return true;
}

double SCOptimizer::score(const core::LayerConfigMap& config,
                          const std::vector<core::LayerProfile>& network) {
  double total = 0.0;
  double weight_sum = 0.0;
  for (std::size_t i = 0; i < network.size(); ++i) {
    const double weight = layer_weight(network[i]);
    total += config[i].second.accuracy_score * weight;
    weight_sum += weight;
  }
  return weight_sum > 0 ? total / weight_sum : 0.0;
}

core::OptimizerReport build_optimizer_report(const core::LayerConfigMap& config,
                                             const std::vector<core::LayerProfile>& network) {
  core::OptimizerReport report;
  report.config = config;
  for (const auto& [id, c] : config) {
    report.total_luts += c.luts_used;
    report.total_power_mw += c.power_used;
    report.total_latency_cycles = std::max(report.total_latency_cycles, c.latency_cycles);
  }
  report.mean_accuracy = SCOptimizer::score(config, network);
  return report;
}

std::optional<core::OptimizerReport> SCOptimizer::optimize(
    const std::vector<core::LayerProfile>& network) const {
  require_unique_layer_ids(network);
  const auto candidates = candidates_per_layer(*this, network);
  core::LayerConfigMap current = cheapest_configuration(network, candidates);
  if (!is_feasible(current)) return std::nullopt;

  for (;;) {
    const SweepTotals totals = sweep_totals(current);
    // Bound on how far an O(1) updated power sum can drift from Python's
    // in-order sum; inside it we recompute the exact in-order sum.
    const double rounding_margin =
        4.0 * static_cast<double>(current.size() + 2) * DBL_EPSILON * (totals.power_magnitude + 1.0);
    double best_efficiency = 0.0;
    std::size_t best_layer = 0;
    const core::LayerConfig* best_candidate = nullptr;
    for (std::size_t i = 0; i < network.size(); ++i) {
      const core::LayerConfig& now = current[i].second;
      for (const core::LayerConfig& candidate : candidates[i]) {
        if (candidate.accuracy_score <= now.accuracy_score) continue;
        if (totals.luts - now.luts_used + candidate.luts_used > budget_.max_luts) continue;
        if (budget_.max_latency_cycles > 0 &&
            std::max(totals.latency_max_excluding[i], candidate.latency_cycles) > budget_.max_latency_cycles)
          continue;
        double power = totals.power - now.power_used + candidate.power_used;
        if (std::fabs(power - budget_.max_power_mw) <=
            rounding_margin + std::fabs(candidate.power_used) * DBL_EPSILON)
          power = ordered_power_sum(current, i, candidate.power_used);
        if (power > budget_.max_power_mw) continue;

        double gain = candidate.accuracy_score - now.accuracy_score;
        if (network[i].is_critical_path) gain *= 2;
        const std::int64_t lut_cost = candidate.luts_used - now.luts_used;
        const double efficiency =
            lut_cost > 0 ? gain / static_cast<double>(lut_cost) : std::numeric_limits<double>::infinity();
        if (efficiency > best_efficiency) {
          best_efficiency = efficiency;
          best_layer = i;
          best_candidate = &candidate;
        }
      }
    }
    if (best_candidate == nullptr) break;
    current[best_layer].second = *best_candidate;
  }
  return build_optimizer_report(current, network);
}

std::optional<core::OptimizerReport> SCOptimizer::optimize_annealing(
    const std::vector<core::LayerProfile>& network, const AnnealingOptions& options,
    AnnealingTrace* trace) const {
  require_unique_layer_ids(network);
  core::PythonRandom rng(options.seed);
  const auto candidates = candidates_per_layer(*this, network);
  core::LayerConfigMap current = cheapest_configuration(network, candidates);
  if (!is_feasible(current)) return std::nullopt;

  core::LayerConfigMap best = current;
  double current_score = score(current, network);
  double best_score = current_score;
  double temperature = options.t_init;
  std::int64_t remaining = options.max_iter;
  std::vector<core::ParetoPoint> points;

  while (temperature > options.t_min && remaining > 0) {
    --remaining;
    const std::size_t layer = rng.choice_index(network.size());
    const core::LayerConfig& proposal = candidates[layer][rng.choice_index(candidates[layer].size())];
    core::LayerConfigMap trial = current;
    trial[layer].second = proposal;
    if (!is_feasible(trial)) {
      temperature *= options.alpha;
      continue;
    }
    const double trial_score = score(trial, network);
    const double delta = trial_score - current_score;
    if (delta > 0 || rng.random() < std::exp(delta / temperature)) {
      current = std::move(trial);
      current_score = trial_score;
      if (current_score > best_score) {
        best = current;
        best_score = current_score;
      }
      const core::OptimizerReport totals = build_optimizer_report(current, network);
      points.push_back({totals.total_luts, totals.total_power_mw, current_score});
    }
    temperature *= options.alpha;
  }

  if (trace != nullptr) {
    trace->iterations = options.max_iter - remaining;
    trace->accepted_points = points;
  }
  core::OptimizerReport report = build_optimizer_report(best, network);
  report.pareto_frontier = sort_and_deduplicate(extract_pareto(points));
  return report;
}

std::vector<core::ParetoPoint> SCOptimizer::extract_pareto(const std::vector<core::ParetoPoint>& points) {
  // Sort by (luts, power, -score) so a dominating point always precedes the
  // points it dominates; then one pass against the kept set. Equal-valued
  // duplicates never dominate each other and are all kept, in input order.
  std::vector<std::size_t> order(points.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& p = points[a];
    const auto& q = points[b];
    return std::tie(p.luts, p.power_mw) < std::tie(q.luts, q.power_mw) ||
           (p.luts == q.luts && p.power_mw == q.power_mw && p.score > q.score);
  });
  std::vector<bool> dominated(points.size(), false);
  std::vector<std::size_t> kept;
  for (const std::size_t index : order) {
    const auto& p = points[index];
    for (const std::size_t k : kept) {
      const auto& q = points[k];
      if (q.luts <= p.luts && q.power_mw <= p.power_mw && q.score >= p.score &&
          (q.luts < p.luts || q.power_mw < p.power_mw || q.score > p.score)) {
        dominated[index] = true;
        break;
      }
    }
    if (!dominated[index]) kept.push_back(index);
  }
  std::vector<core::ParetoPoint> frontier;
  for (std::size_t i = 0; i < points.size(); ++i)
    if (!dominated[i]) frontier.push_back(points[i]);
  return frontier;
}

std::vector<core::ParetoPoint> SCOptimizer::sort_and_deduplicate(
    const std::vector<core::ParetoPoint>& points) {
  std::vector<core::ParetoPoint> sorted = points;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.luts < b.luts; });
  std::set<std::tuple<std::int64_t, double, double>> seen;
  std::vector<core::ParetoPoint> unique;
  for (const auto& point : sorted) {
    const auto key = std::make_tuple(point.luts, core::py::round_ndigits(point.power_mw, 4),
                                     core::py::round_ndigits(point.score, 4));
    if (seen.insert(key).second) unique.push_back(point);
  }
  return unique;
}

}  // namespace scn::search
