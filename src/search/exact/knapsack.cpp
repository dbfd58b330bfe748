// Multiple-choice knapsack with resource constraints summed over the layers (LUTs and power, and the side
// resources: latency and the blocks of each memory): dominance pruning, a Lagrangian dual bound on LUTs and
// power (dropping the side constraints keeps it an upper bound), a multiplier-driven incumbent, and
// depth-first branch and bound on that bound with every budget's cheapest completion checked at each node.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "sc_neurocore/search/exact/budgeted_search.hpp"

namespace scn::search {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The side resources, checked by completion only: latency, then each memory's blocks.
constexpr std::size_t kSides = 1 + kMemoryKinds;
using Sides = std::array<double, kSides>;

Sides sides_of(const KnapsackItem& item) {
  Sides s{item.latency};
  for (std::size_t m = 0; m < kMemoryKinds; ++m) s[m + 1] = item.blocks[m];
  return s;
}

void add_to(Sides& total, const Sides& more) {
  for (std::size_t r = 0; r < kSides; ++r) total[r] += more[r];
}

bool within(const Sides& total, const Sides& limit) {
  for (std::size_t r = 0; r < kSides; ++r)
    if (total[r] > limit[r]) return false;
  return true;
}

Sides side_limits(double max_latency, const MemoryBudget& max_blocks) {
  Sides limit{max_latency};
  for (std::size_t m = 0; m < kMemoryKinds; ++m) limit[m + 1] = max_blocks[m];
  return limit;
}

bool has_blocks(const KnapsackItem& item) {
  return std::any_of(item.blocks.begin(), item.blocks.end(), [](double b) { return b != 0.0; });
}

// Resources scaled so both multipliers live on the same scale.
struct Scaled {
  double luts_scale = 1.0;
  double power_scale = 1.0;
  double luts_budget = kInf;  // in scaled units
  double power_budget = kInf;
};

struct DualPoint {
  double lambda = 0.0;  // per scaled LUT
  double mu = 0.0;      // per scaled mW
  double bound = kInf;
};

class Knapsack {
 public:
  Knapsack(const std::vector<std::vector<KnapsackItem>>& layers, double max_luts, double max_power,
           double max_latency, const MemoryBudget& max_blocks)
      : max_luts_(max_luts), max_power_(max_power), max_sides_(side_limits(max_latency, max_blocks)) {
    scaled_.luts_scale = std::isfinite(max_luts) ? std::max(max_luts, 1.0) : 1.0;
    scaled_.power_scale = std::isfinite(max_power) ? std::max(max_power, 1e-9) : 1.0;
    scaled_.luts_budget = std::isfinite(max_luts) ? max_luts / scaled_.luts_scale : kInf;
    scaled_.power_budget = std::isfinite(max_power) ? max_power / scaled_.power_scale : kInf;
    layers_.reserve(layers.size());
    for (auto layer : layers) {
      // A memory without a budget constrains nothing: its blocks must not keep dominated items alive.
      for (std::size_t m = 0; m < kMemoryKinds; ++m)
        if (!std::isfinite(max_blocks[m]))
          for (auto& item : layer) item.blocks[m] = 0.0;
      layers_.push_back(remove_dominated(std::move(layer), std::isfinite(max_latency)));
    }
  }

  KnapsackResult solve(std::int64_t max_nodes, double floor) {
    KnapsackResult result;
    if (!resources_can_fit()) {
      result.proven = true;
      result.upper_bound = -kInf;
      return result;
    }
    const DualPoint dual = minimise_dual();
    result.upper_bound = dual.bound;
    best_value_ = floor;
    incumbent_from_multipliers(dual);
    branch_and_bound(dual, max_nodes);
    result.nodes = nodes_;
    result.proven = nodes_ <= max_nodes;
    if (!best_choice_.empty()) {
      result.feasible = true;
      result.value = best_value_;
      result.choice.resize(layers_.size());
      for (std::size_t i = 0; i < layers_.size(); ++i) result.choice[i] = layers_[i][best_choice_[i]].index;
    }
    if (result.proven) result.upper_bound = result.feasible ? std::max(result.value, floor) : floor;
    return result;
  }

 private:
  double scaled_luts(const KnapsackItem& item) const { return item.luts / scaled_.luts_scale; }
  double scaled_power(const KnapsackItem& item) const { return item.power / scaled_.power_scale; }
  double reduced(const KnapsackItem& item, double lambda, double mu) const {
    return item.value - (std::isfinite(scaled_.luts_budget) ? lambda * scaled_luts(item) : 0.0) -
           (std::isfinite(scaled_.power_budget) ? mu * scaled_power(item) : 0.0);
  }

  // Each resource's smallest value in a layer.
  struct Least {
    double luts = kInf, power = kInf, value = -kInf;  // value: the largest
    Sides sides{kInf, kInf, kInf};
  };
  static Least least_of(const std::vector<KnapsackItem>& layer) {
    Least least;
    for (const auto& item : layer) {
      least.luts = std::min(least.luts, item.luts);
      least.power = std::min(least.power, item.power);
      least.value = std::max(least.value, item.value);
      const Sides s = sides_of(item);
      for (std::size_t r = 0; r < kSides; ++r) least.sides[r] = std::min(least.sides[r], s[r]);
    }
    return least;
  }

  bool resources_can_fit() const {
    double luts = 0.0;
    double power = 0.0;
    Sides sides{};
    for (const auto& layer : layers_) {
      if (layer.empty()) return false;
      const Least least = least_of(layer);
      luts += least.luts;
      power += least.power;
      add_to(sides, least.sides);
    }
    return luts <= max_luts_ && power <= max_power_ * (1 + 1e-12) && within(sides, max_sides_);
  }

  // L(lambda, mu) and the resources of its maximisers (a subgradient).
  struct Evaluation {
    double value;
    double luts;
    double power;
  };
  Evaluation evaluate(double lambda, double mu) const {
    Evaluation e{0.0, 0.0, 0.0};
    for (const auto& layer : layers_) {
      const KnapsackItem* best = nullptr;
      double best_reduced = -kInf;
      for (const auto& item : layer) {
        const double r = reduced(item, lambda, mu);
        // Ties go to the cheaper item, which keeps subgradients honest near zero slack.
        if (r > best_reduced ||
            (r == best_reduced && best != nullptr && item.luts + item.power < best->luts + best->power)) {
          best_reduced = r;
          best = &item;
        }
      }
      e.value += best_reduced;
      e.luts += scaled_luts(*best);
      e.power += scaled_power(*best);
    }
    if (std::isfinite(scaled_.luts_budget)) e.value += lambda * scaled_.luts_budget;
    if (std::isfinite(scaled_.power_budget)) e.value += mu * scaled_.power_budget;
    return e;
  }

  // Minimises the convex dual in mu for a fixed lambda by bisection on the subgradient.
  DualPoint minimise_over_mu(double lambda) const {
    DualPoint point{lambda, 0.0, kInf};
    Evaluation at_zero = evaluate(lambda, 0.0);
    point.bound = at_zero.value;
    if (!std::isfinite(scaled_.power_budget) || at_zero.power <= scaled_.power_budget) return point;
    double low = 0.0;
    double high = 1.0;
    for (int i = 0; i < 80 && evaluate(lambda, high).power > scaled_.power_budget; ++i) high *= 2;
    for (int i = 0; i < 50; ++i) {
      const double mid = 0.5 * (low + high);
      const Evaluation e = evaluate(lambda, mid);
      if (e.value < point.bound) point = {lambda, mid, e.value};
      if (e.power > scaled_.power_budget)
        low = mid;
      else
        high = mid;
    }
    const Evaluation end = evaluate(lambda, high);
    if (end.value < point.bound) point = {lambda, high, end.value};
    return point;
  }

  DualPoint minimise_dual() const {
    DualPoint best = minimise_over_mu(0.0);
    if (!std::isfinite(scaled_.luts_budget)) return best;
    const auto luts_at = [&](const DualPoint& p) { return evaluate(p.lambda, p.mu).luts; };
    if (luts_at(best) <= scaled_.luts_budget) return best;
    double low = 0.0;
    double high = 1.0;
    DualPoint at_high = minimise_over_mu(high);
    for (int i = 0; i < 80 && luts_at(at_high) > scaled_.luts_budget; ++i) {
      high *= 2;
      at_high = minimise_over_mu(high);
    }
    if (at_high.bound < best.bound) best = at_high;
    for (int i = 0; i < 50; ++i) {
      const double mid = 0.5 * (low + high);
      const DualPoint p = minimise_over_mu(mid);
      if (p.bound < best.bound) best = p;
      if (luts_at(p) > scaled_.luts_budget)
        low = mid;
      else
        high = mid;
    }
    return best;
  }

  double plan_value(const std::vector<int>& choice) const {
    double value = 0.0;
    for (std::size_t i = 0; i < layers_.size(); ++i) value += layers_[i][choice[i]].value;
    return value;
  }

  bool plan_fits(const std::vector<int>& choice) const {
    double luts = 0.0;
    double power = 0.0;
    Sides sides{};
    for (std::size_t i = 0; i < layers_.size(); ++i) {
      luts += layers_[i][choice[i]].luts;
      power += layers_[i][choice[i]].power;
      add_to(sides, sides_of(layers_[i][choice[i]]));
    }
    return luts <= max_luts_ && power <= max_power_ && within(sides, max_sides_);
  }

  void offer(const std::vector<int>& choice) {
    if (!plan_fits(choice)) return;
    const double value = plan_value(choice);
    if (best_choice_.empty() ? value >= best_value_ : value > best_value_) {
      best_value_ = value;
      best_choice_ = choice;
    }
  }

  std::vector<int> argmax(double lambda, double mu) const {
    std::vector<int> choice(layers_.size(), 0);
    for (std::size_t i = 0; i < layers_.size(); ++i) {
      double best = -kInf;
      for (std::size_t j = 0; j < layers_[i].size(); ++j) {
        const double r = reduced(layers_[i][j], lambda, mu);
        if (r > best) {
          best = r;
          choice[i] = static_cast<int>(j);
        }
      }
    }
    return choice;
  }

  // Raise the multipliers until their maximiser fits, then spend leftover
  // budget on the best upgrades: a good first incumbent for the search.
  void incumbent_from_multipliers(const DualPoint& dual) {
    double lambda = std::max(dual.lambda, 1e-6);
    double mu = std::max(dual.mu, 1e-6);
    std::vector<int> choice = argmax(dual.lambda, dual.mu);
    for (int i = 0; i < 60 && !plan_fits(choice); ++i) {
      lambda *= 1.5;
      mu *= 1.5;
      choice = argmax(lambda, mu);
    }
    if (!plan_fits(choice)) return;
    fill_slack(choice);
    offer(choice);
  }

  // Upgrades one layer at a time while a better item fits the plan's slack.
  void fill_slack(std::vector<int>& choice) const {
    bool improved = true;
    while (improved) {
      improved = false;
      for (std::size_t i = 0; i < layers_.size(); ++i) {
        for (std::size_t j = 0; j < layers_[i].size(); ++j) {
          if (layers_[i][j].value <= layers_[i][choice[i]].value) continue;
          const int before = choice[i];
          choice[i] = static_cast<int>(j);
          if (plan_fits(choice))
            improved = true;
          else
            choice[i] = before;
        }
      }
    }
  }

  // The search's fixed plan: layers by decreasing reduced-value spread (the most decisive choices first),
  // each layer's items by decreasing reduced value, and per depth the best any completion below it can still
  // add.
  struct SearchPlan {
    std::vector<std::size_t> order;        // depth k -> layer
    std::vector<std::vector<int>> items;   // per layer, its items best reduced value first
    std::vector<double> best_reduced;      // per layer, its best reduced value
    std::vector<double> suffix_reduced;    // per depth, the sum of best_reduced below it
    std::vector<double> suffix_min_luts;   // ... the cheapest completion's LUTs
    std::vector<double> suffix_min_power;  // ... the cheapest completion's power
    std::vector<Sides> suffix_min_sides;   // ... the fastest, smallest-memory completion's side resources
    std::vector<double> suffix_max_value;  // ... the largest completion's value
    double constant = 0.0;                 // the dual's budget term
    double luts_limit = kInf;
    double power_limit = kInf;  // with rounding room, as resources_can_fit
  };

  // Sorting by reduced value makes the Lagrangian bound fail monotonically along a layer's items.
  void order_layers_and_items(const DualPoint& dual, SearchPlan& plan) const {
    const std::size_t n = layers_.size();
    plan.order.resize(n);
    std::iota(plan.order.begin(), plan.order.end(), 0);
    plan.items.assign(n, {});
    plan.best_reduced.assign(n, -kInf);
    std::vector<double> spread(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<int>& items = plan.items[i];
      items.resize(layers_[i].size());
      std::iota(items.begin(), items.end(), 0);
      std::stable_sort(items.begin(), items.end(), [&](int a, int b) {
        return reduced(layers_[i][a], dual.lambda, dual.mu) > reduced(layers_[i][b], dual.lambda, dual.mu);
      });
      plan.best_reduced[i] = reduced(layers_[i][items.front()], dual.lambda, dual.mu);
      spread[i] = plan.best_reduced[i] - reduced(layers_[i][items.back()], dual.lambda, dual.mu);
    }
    std::stable_sort(plan.order.begin(), plan.order.end(),
                     [&](std::size_t a, std::size_t b) { return spread[a] > spread[b]; });
  }

  // Suffix sums over the search order, so a node's bounds cost O(1) each.
  void sum_completion_bounds(const DualPoint& dual, SearchPlan& plan) const {
    const std::size_t n = layers_.size();
    plan.suffix_reduced.assign(n + 1, 0.0);
    plan.suffix_min_luts.assign(n + 1, 0.0);
    plan.suffix_min_power.assign(n + 1, 0.0);
    plan.suffix_min_sides.assign(n + 1, Sides{});
    plan.suffix_max_value.assign(n + 1, 0.0);
    for (std::size_t k = n; k-- > 0;) {
      const Least least = least_of(layers_[plan.order[k]]);
      plan.suffix_reduced[k] = plan.suffix_reduced[k + 1] + plan.best_reduced[plan.order[k]];
      plan.suffix_min_luts[k] = plan.suffix_min_luts[k + 1] + least.luts;
      plan.suffix_min_power[k] = plan.suffix_min_power[k + 1] + least.power;
      plan.suffix_min_sides[k] = plan.suffix_min_sides[k + 1];
      add_to(plan.suffix_min_sides[k], least.sides);
      plan.suffix_max_value[k] = plan.suffix_max_value[k + 1] + least.value;
    }
    plan.constant = (std::isfinite(scaled_.luts_budget) ? dual.lambda * scaled_.luts_budget : 0.0) +
                    (std::isfinite(scaled_.power_budget) ? dual.mu * scaled_.power_budget : 0.0);
    plan.luts_limit = max_luts_;
    plan.power_limit = std::isfinite(max_power_) ? max_power_ * (1 + 1e-12) + 1e-12 : kInf;
  }

  // True when `bound` cannot beat the incumbent (or the floor) by more than rounding.
  bool cannot_beat(double bound) const {
    return std::isfinite(best_value_) && bound <= best_value_ + 1e-12 * (1.0 + std::fabs(best_value_));
  }

  // The explicit stack of the depth-first search: per depth, the index (into the layer's sorted items) tried
  // next, and the value, resources and reduced value of the items chosen above it.
  struct SearchPath {
    explicit SearchPath(std::size_t n)
        : next(n + 1, 0),
          choice(n, 0),
          value(n + 1, 0.0),
          luts(n + 1, 0.0),
          power(n + 1, 0.0),
          sides(n + 1, Sides{}),
          red(n + 1, 0.0) {}
    std::vector<int> next;
    std::vector<int> choice;  // per layer, the item chosen
    std::vector<double> value, luts, power;
    std::vector<Sides> sides;
    std::vector<double> red;
  };

  // Tries the remaining items of depth k's layer in order; descends (k + 1) into the first whose bounds
  // survive and returns true, or exhausts the layer and returns false.
  bool descend(const SearchPlan& plan, const DualPoint& dual, SearchPath& path, std::size_t& k) {
    const std::size_t layer = plan.order[k];
    const std::vector<int>& items = plan.items[layer];
    while (path.next[k] < static_cast<int>(items.size())) {
      const int j = items[path.next[k]++];
      const KnapsackItem& item = layers_[layer][j];
      const double new_red = path.red[k] + reduced(item, dual.lambda, dual.mu);
      // Items are sorted by reduced value: once the bound fails it fails for the rest.
      if (cannot_beat(new_red + plan.suffix_reduced[k + 1] + plan.constant)) {
        path.next[k] = static_cast<int>(items.size());
        return false;
      }
      if (cannot_beat(path.value[k] + item.value + plan.suffix_max_value[k + 1])) continue;
      if (path.luts[k] + item.luts + plan.suffix_min_luts[k + 1] > plan.luts_limit) continue;
      if (path.power[k] + item.power + plan.suffix_min_power[k + 1] > plan.power_limit) continue;
      Sides sides = path.sides[k];
      add_to(sides, sides_of(item));
      Sides completed = sides;
      add_to(completed, plan.suffix_min_sides[k + 1]);
      if (!within(completed, max_sides_)) continue;
      ++nodes_;
      path.choice[layer] = j;
      path.value[k + 1] = path.value[k] + item.value;
      path.luts[k + 1] = path.luts[k] + item.luts;
      path.power[k + 1] = path.power[k] + item.power;
      path.sides[k + 1] = sides;
      path.red[k + 1] = new_red;
      ++k;
      path.next[k] = 0;
      return true;
    }
    return false;
  }

  // Depth-first search over layers (largest reduced-value spread first), items
  // in decreasing reduced value; a node is cut when its Lagrangian bound cannot
  // beat the incumbent or when even the cheapest completion breaks a budget.
  void branch_and_bound(const DualPoint& dual, std::int64_t max_nodes) {
    const std::size_t n = layers_.size();
    SearchPlan plan;
    order_layers_and_items(dual, plan);
    sum_completion_bounds(dual, plan);
    SearchPath path(n);
    std::size_t k = 0;
    while (true) {
      if (nodes_ > max_nodes) return;
      if (k == n) {
        offer(path.choice);
        --k;
        continue;
      }
      if (descend(plan, dual, path, k)) continue;
      if (k == 0) return;
      --k;
    }
  }

  std::vector<std::vector<KnapsackItem>> layers_;
  double max_luts_;
  double max_power_;
  Sides max_sides_;
  Scaled scaled_;
  double best_value_ = -kInf;
  std::vector<int> best_choice_;
  std::int64_t nodes_ = 0;
};

}  // namespace

namespace {

// Kept (power, value) pairs of items seen so far, power ascending and value ascending: an item is dominated
// when a step at or below its power has at least its value.
class Staircase {
 public:
  bool dominates(double power, double value) const {
    auto it = std::upper_bound(steps_.begin(), steps_.end(), power,
                               [](double p, const auto& step) { return p < step.first; });
    return it != steps_.begin() && std::prev(it)->second >= value;
  }

  // Adds a step and drops those it makes useless (power >= its power, value <= its value); a step a kept one
  // already covers is not added (a Fenwick node gathers items no query of theirs compared).
  void add(double power, double value) {
    if (dominates(power, value)) return;
    auto first = std::lower_bound(steps_.begin(), steps_.end(), power,
                                  [](const auto& step, double p) { return step.first < p; });
    auto last = first;
    while (last != steps_.end() && last->second <= value) ++last;
    first = steps_.erase(first, last);
    steps_.insert(first, {power, value});
  }

 private:
  std::vector<std::pair<double, double>> steps_;
};

std::vector<KnapsackItem> in_index_order(std::vector<KnapsackItem> kept) {
  std::sort(kept.begin(), kept.end(),
            [](const KnapsackItem& a, const KnapsackItem& b) { return a.index < b.index; });
  return kept;
}

// Staircases over latency ranks as a Fenwick tree: whether a kept item with latency rank <= r dominates
// (power, value), in O(log ranks) staircase queries.
class LatencyStaircases {
 public:
  explicit LatencyStaircases(std::size_t ranks) : nodes_(ranks + 1) {}
  bool dominates(std::size_t rank, double power, double value) const {
    for (std::size_t i = rank + 1; i > 0; i -= i & (~i + 1))
      if (nodes_[i].dominates(power, value)) return true;
    return false;
  }
  void add(std::size_t rank, double power, double value) {
    for (std::size_t i = rank + 1; i < nodes_.size(); i += i & (~i + 1)) nodes_[i].add(power, value);
  }

 private:
  std::vector<Staircase> nodes_;
};

// Sorted by LUTs first, so an item can only be dominated by one kept before it. Kept items are grouped by
// their memory blocks (few distinct), each group's staircases indexed by (floored) latency rank, so a query
// looks at the groups with no more blocks in any memory, and in each at O(log) staircases.
std::vector<KnapsackItem> remove_dominated_by_sides(std::vector<KnapsackItem> items, bool by_latency,
                                                    double latency_floor) {
  auto latency_of = [&](const KnapsackItem& item) {
    return by_latency ? std::max(item.latency, latency_floor) : 0.0;
  };
  std::vector<double> latencies;
  for (const KnapsackItem& item : items) latencies.push_back(latency_of(item));
  std::sort(latencies.begin(), latencies.end());
  latencies.erase(std::unique(latencies.begin(), latencies.end()), latencies.end());
  auto rank_of = [&](const KnapsackItem& item) {
    return static_cast<std::size_t>(std::lower_bound(latencies.begin(), latencies.end(), latency_of(item)) -
                                    latencies.begin());
  };
  std::stable_sort(items.begin(), items.end(), [&](const KnapsackItem& a, const KnapsackItem& b) {
    if (a.luts != b.luts) return a.luts < b.luts;
    if (a.power != b.power) return a.power < b.power;
    if (latency_of(a) != latency_of(b)) return latency_of(a) < latency_of(b);
    if (a.blocks != b.blocks) return a.blocks < b.blocks;
    return a.value > b.value;
  });
  std::map<std::array<double, kMemoryKinds>, LatencyStaircases> by_blocks;
  std::vector<KnapsackItem> kept;
  for (const KnapsackItem& item : items) {
    const std::size_t rank = rank_of(item);
    const bool dominated = std::any_of(by_blocks.begin(), by_blocks.end(), [&](const auto& group) {
      for (std::size_t m = 0; m < kMemoryKinds; ++m)
        if (group.first[m] > item.blocks[m]) return false;
      return group.second.dominates(rank, item.power, item.value);
    });
    if (dominated) continue;
    kept.push_back(item);
    by_blocks.try_emplace(item.blocks, latencies.size()).first->second.add(rank, item.power, item.value);
  }
  return in_index_order(std::move(kept));
}

}  // namespace

std::vector<KnapsackItem> remove_dominated(std::vector<KnapsackItem> items, bool by_latency,
                                           double latency_floor) {
  if (by_latency || std::any_of(items.begin(), items.end(), has_blocks))
    return remove_dominated_by_sides(std::move(items), by_latency, latency_floor);
  std::stable_sort(items.begin(), items.end(), [](const KnapsackItem& a, const KnapsackItem& b) {
    if (a.luts != b.luts) return a.luts < b.luts;
    if (a.power != b.power) return a.power < b.power;
    return a.value > b.value;
  });
  Staircase staircase;
  std::vector<KnapsackItem> kept;
  for (const KnapsackItem& item : items) {
    if (staircase.dominates(item.power, item.value)) continue;
    kept.push_back(item);
    staircase.add(item.power, item.value);
  }
  return in_index_order(std::move(kept));
}

KnapsackResult solve_knapsack(const std::vector<std::vector<KnapsackItem>>& layers, double max_luts,
                              double max_power, std::int64_t max_nodes, double floor, double max_latency,
                              const MemoryBudget& max_blocks) {
  return Knapsack(layers, max_luts, max_power, max_latency, max_blocks).solve(max_nodes, floor);
}

}  // namespace scn::search
