#include "sc_neurocore/search/surrogate.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/search/default_planner.hpp"
#include "sc_neurocore/search/sc_optimizer.hpp"

namespace scn::search {
namespace {

// The surrogate module's own orders (docs/reference-behaviour.md §1.3.1): they differ from SCOptimizer's.
const std::vector<std::string>& surrogate_decorrelators() {
  static const std::vector<std::string> order{core::decorrelator::kNone, core::decorrelator::kLFSR,
                                              core::decorrelator::kSobol, core::decorrelator::kHalton,
                                              core::decorrelator::kSCC};
  return order;
}
const std::vector<std::string>& surrogate_modes() {
  static const std::vector<std::string> order{core::mode::kSC, core::mode::kHybrid,
                                              core::mode::kDeterministic};
  return order;
}

std::vector<std::int64_t> sorted_unique(std::vector<std::int64_t> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

double layer_weight(bool critical) { return critical ? 2.0 : 1.0; }

model::SurrogateCandidate candidate_of(const core::BenchmarkObservation& o) {
  return {o.mac_count, o.is_critical_path, o.bitstream_length, o.decorrelator,
          o.mode,      o.precision_bits,   o.lfsr_polynomial};
}

model::SurrogateLabel label_of(const core::BenchmarkObservation& o) {
  return {static_cast<double>(o.luts_used), o.power_mw, static_cast<double>(o.latency_cycles),
          o.accuracy_score};
}

}  // namespace

namespace detail {
// First observation matching a candidate exactly (all seven fields), as the published linear scan.
class ObservationIndex {
 public:
  explicit ObservationIndex(const std::vector<core::BenchmarkObservation>& observations) {
    for (const auto& o : observations) index_.try_emplace(key(candidate_of(o)), label_of(o));
  }
  const model::SurrogateLabel* find(const model::SurrogateCandidate& c) const {
    const auto it = index_.find(key(c));
    return it == index_.end() ? nullptr : &it->second;
  }

 private:
  using Key =
      std::tuple<std::int64_t, bool, std::int64_t, std::string, std::string, std::int64_t, std::string>;
  static Key key(const model::SurrogateCandidate& c) {
    return {c.mac_count, c.is_critical_path, c.bitstream_length, c.decorrelator,
            c.mode,      c.precision_bits,   c.lfsr_polynomial};
  }
  std::map<Key, model::SurrogateLabel> index_;
};
}  // namespace detail

namespace {

// Weighted mean accuracy over the layers of `network` that have a config (2:1 for critical layers).
double weighted_mean_accuracy(const core::SurrogateConfigMap& config,
                              const std::vector<core::LayerProfile>& network) {
  std::map<std::string, const core::SurrogateLayerConfig*> by_id;
  for (const auto& [id, c] : config) by_id[id] = &c;
  double total = 0.0;
  double weight_sum = 0.0;
  for (const auto& layer : network) {
    const auto it = by_id.find(layer.id);
    if (it == by_id.end()) continue;
    const double weight = layer_weight(layer.is_critical_path);
    total += it->second->accuracy_score * weight;
    weight_sum += weight;
  }
  return weight_sum > 0 ? total / weight_sum : 0.0;
}

std::int64_t sum_luts(const core::SurrogateConfigMap& config) {
  std::int64_t total = 0;
  for (const auto& [id, c] : config) total += c.luts_used;
  return total;
}

double sum_power(const core::SurrogateConfigMap& config) {
  double total = 0.0;
  for (const auto& [id, c] : config) total += c.power_used;
  return total;
}

}  // namespace

void RidgeSurrogate::fit(const Eigen::MatrixXd& features, const Eigen::MatrixXd& targets) {
  if (features.rows() != targets.rows()) throw core::InputError("surrogate fit: row count mismatch");
  fit_normal_equations(features.transpose() * features, features.transpose() * targets);
}

void RidgeSurrogate::fit_normal_equations(const Eigen::MatrixXd& gram, const Eigen::MatrixXd& cross) {
  if (gram.rows() != gram.cols() || cross.rows() != gram.rows()) {
    throw core::InputError("surrogate fit: row count mismatch");
  }
  const Eigen::MatrixXd regularised = gram + alpha_ * Eigen::MatrixXd::Identity(gram.rows(), gram.cols());
  coefficients_ = regularised.partialPivLu().solve(cross);
  fitted_ = true;
}

Eigen::MatrixXd RidgeSurrogate::predict(const Eigen::MatrixXd& features) const {
  if (!fitted_) throw core::StateError("surrogate is not fitted");
  return features * coefficients_;
}

Eigen::Matrix<double, 1, kSurrogateFeatureCount> surrogate_features(const model::SurrogateCandidate& c) {
  Eigen::Matrix<double, 1, kSurrogateFeatureCount> row =
      Eigen::Matrix<double, 1, kSurrogateFeatureCount>::Zero();
  row[0] = 1.0;
  row[1] = std::log2(static_cast<double>(std::max<std::int64_t>(1, c.mac_count)));
  row[2] = std::log2(static_cast<double>(std::max<std::int64_t>(1, c.bitstream_length)));
  row[3] = static_cast<double>(c.precision_bits) / 16.0;
  row[4] = c.is_critical_path ? 1.0 : 0.0;
  row[5] = c.lfsr_polynomial == "none" ? 0.0 : model::lfsr_polynomial_quality(c.lfsr_polynomial);
  const auto& decorrelators = surrogate_decorrelators();
  for (std::size_t k = 0; k < decorrelators.size(); ++k)
    if (c.decorrelator == decorrelators[k]) row[6 + static_cast<int>(k)] = 1.0;
  const auto& modes = surrogate_modes();
  for (std::size_t k = 0; k < modes.size(); ++k)
    if (c.mode == modes[k]) row[11 + static_cast<int>(k)] = 1.0;
  return row;
}

SurrogateSCOptimizer::SurrogateSCOptimizer(core::TargetHardwareProfile target, SurrogateOptions options)
    : target_(std::move(target)),
      options_(std::move(options)),
      observed_(std::make_shared<detail::ObservationIndex>(options_.observations)) {
  options_.bitstream_options = sorted_unique(options_.bitstream_options);
  options_.precision_options = sorted_unique(options_.precision_options);
  for (const auto length : options_.bitstream_options)
    if (length <= 0)
      throw core::InputError("bitstream_options must be positive integers, got " + std::to_string(length));
  const double us = target_.budget.max_latency_us;
  if (!std::isfinite(us) || us < 0)
    throw core::InputError("max_latency_us must be a finite non-negative number, got " +
                           core::py::float_repr(us));
  if (us > 0 && options_.profile != core::Profile::kDefault)
    throw core::InputError("max_latency_us needs the default profile: the " +
                           std::string(profile_name(options_.profile)) +
                           " profile plans no clock (use max_latency_cycles)");
}

SurrogateSCOptimizer::Divisors SurrogateSCOptimizer::divisors() const {
  const auto& budget = target_.budget;
  const std::int64_t latency_reference = budget.max_latency_cycles != 0 ? budget.max_latency_cycles : 2048;
  return {static_cast<double>(std::max<std::int64_t>(1, budget.max_luts)),
          std::max(1e-9, budget.max_power_mw),
          static_cast<double>(std::max<std::int64_t>(1, latency_reference))};
}

double SurrogateSCOptimizer::utility(const model::SurrogateLabel& label) const {
  const Divisors d = divisors();
  return target_.accuracy_weight * label.accuracy - target_.lut_weight * (label.luts / d.luts) -
         target_.power_weight * (label.power_mw / d.power) -
         target_.latency_weight * (label.latency_cycles / d.latency);
}

std::vector<model::SurrogateCandidate> SurrogateSCOptimizer::candidate_grid(
    const core::LayerProfile& layer) const {
  std::vector<model::SurrogateCandidate> grid;
  for (const auto& mode : surrogate_modes()) {
    if (mode == core::mode::kDeterministic) {
      grid.push_back(
          {layer.mac_count, layer.is_critical_path, 1, core::decorrelator::kNone, mode, 16, "none"});
      continue;
    }
    for (const auto length : options_.bitstream_options)
      for (const auto precision : options_.precision_options)
        for (const auto& decorr : surrogate_decorrelators()) {
          if (decorr == core::decorrelator::kLFSR) {
            for (const auto& polynomial : options_.lfsr_polynomials)
              grid.push_back(
                  {layer.mac_count, layer.is_critical_path, length, decorr, mode, precision, polynomial});
          } else {
            grid.push_back(
                {layer.mac_count, layer.is_critical_path, length, decorr, mode, precision, "none"});
          }
        }
  }
  return grid;
}

void SurrogateSCOptimizer::fit(const std::vector<core::LayerProfile>& network) {
  const Divisors d = divisors();
  constexpr int kF = kSurrogateFeatureCount;
  Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(kF, kF);
  Eigen::MatrixXd cross = Eigen::MatrixXd::Zero(kF, 4);
  const auto add_rows = [&](const std::vector<model::SurrogateCandidate>& rows,
                            const std::vector<model::SurrogateLabel>& labels, double multiplicity) {
    Eigen::MatrixXd x(static_cast<Eigen::Index>(rows.size()), kF);
    Eigen::MatrixXd y(static_cast<Eigen::Index>(rows.size()), 4);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const auto i = static_cast<Eigen::Index>(r);
      x.row(i) = surrogate_features(rows[r]);
      y.row(i) << labels[r].luts / d.luts, labels[r].power_mw / d.power, labels[r].latency_cycles / d.latency,
          labels[r].accuracy;
    }
    gram.noalias() += multiplicity * (x.transpose() * x);
    cross.noalias() += multiplicity * (x.transpose() * y);
  };

  // Layers with the same (mac_count, critical) contribute identical rows:
  // build each distinct grid once and weight it by how often it occurs.
  std::map<std::pair<std::int64_t, bool>, int> layer_counts;
  for (const auto& layer : network) ++layer_counts[{layer.mac_count, layer.is_critical_path}];
  std::int64_t rows = 0;
  for (const auto& [key, count] : layer_counts) {
    const auto grid = candidate_grid(core::LayerProfile{"", key.first, key.second});
    std::vector<model::SurrogateLabel> labels;
    labels.reserve(grid.size());
    for (const auto& candidate : grid) labels.push_back(model::analytical_label(candidate));
    add_rows(grid, labels, count);
    rows += static_cast<std::int64_t>(grid.size()) * count;
  }
  // Each observation counts 4 times (a weight of 4 in least squares).
  std::vector<model::SurrogateCandidate> observed;
  std::vector<model::SurrogateLabel> observed_labels;
  for (const auto& o : options_.observations) {
    observed.push_back(candidate_of(o));
    observed_labels.push_back(label_of(o));
  }
  if (!observed.empty()) add_rows(observed, observed_labels, 4.0);
  rows += 4 * static_cast<std::int64_t>(observed.size());

  surrogate_.fit_normal_equations(gram, cross);
  training_points_ = rows;
}

std::vector<SurrogateSCOptimizer::ScoredCandidate> SurrogateSCOptimizer::scored_candidates(
    const core::LayerProfile& layer) const {
  const Divisors d = divisors();
  const auto grid = candidate_grid(layer);
  Eigen::MatrixXd x(static_cast<Eigen::Index>(grid.size()), kSurrogateFeatureCount);
  for (std::size_t r = 0; r < grid.size(); ++r)
    x.row(static_cast<Eigen::Index>(r)) = surrogate_features(grid[r]);
  const Eigen::MatrixXd predictions = surrogate_.predict(x);

  std::vector<ScoredCandidate> scored;
  scored.reserve(grid.size());
  for (std::size_t r = 0; r < grid.size(); ++r) {
    const auto i = static_cast<Eigen::Index>(r);
    model::SurrogateLabel label{predictions(i, 0) * d.luts, predictions(i, 1) * d.power,
                                predictions(i, 2) * d.latency, predictions(i, 3)};
    if (const model::SurrogateLabel* measured = observed_->find(grid[r])) label = *measured;
    const auto& c = grid[r];
    // Reported values are clamped; the utility keeps the raw (possibly negative) prediction.
    scored.push_back(
        {label,
         {c.bitstream_length, c.decorrelator, c.mode, c.precision_bits, c.lfsr_polynomial,
          std::max<std::int64_t>(1, static_cast<std::int64_t>(core::py::round_half_even(label.luts))),
          std::max(0.0, label.power_mw),
          std::max<std::int64_t>(1,
                                 static_cast<std::int64_t>(core::py::round_half_even(label.latency_cycles))),
          std::min(1.0, std::max(0.0, label.accuracy)), utility(label)}});
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.config.utility_score > b.config.utility_score;
  });
  return scored;
}

bool SurrogateSCOptimizer::admits(const model::SurrogateLabel& label, double remaining_luts,
                                  double remaining_power) const {
  if (label.luts > remaining_luts || label.power_mw > remaining_power) return false;
  const std::int64_t latency_cap = target_.budget.max_latency_cycles;
  return latency_cap <= 0 || label.latency_cycles <= static_cast<double>(latency_cap);
}

std::vector<core::SurrogateLayerConfig> SurrogateSCOptimizer::rank_layer_candidates(
    const core::LayerProfile& layer, double remaining_luts, double remaining_power) const {
  // Filtering a utility-sorted list keeps it sorted: the same order as
  // filtering first and sorting after, as the published code does.
  std::vector<core::SurrogateLayerConfig> ranked;
  for (auto& scored : scored_candidates(layer))
    if (admits(scored.label, remaining_luts, remaining_power)) ranked.push_back(std::move(scored.config));
  return ranked;
}

namespace {

void require_default_profile_for_weights(core::Profile profile,
                                         const std::vector<model::LayerWeights>& weights) {
  if (profile != core::Profile::kDefault && !weights.empty())
    throw core::InputError("weights need the default profile: the " + std::string(profile_name(profile)) +
                           " profile costs layers by their MAC count only");
}

}  // namespace

NetworkFrontier SurrogateSCOptimizer::pareto_frontier(const std::vector<core::LayerProfile>& network,
                                                      std::size_t max_points,
                                                      const std::vector<model::LayerWeights>& weights) const {
  require_default_profile_for_weights(options_.profile, weights);
  return network_pareto_frontier(target_, options_, network, max_points, weights);
}

namespace {

// First pass order: critical layers first (stable), so they choose while the whole budget is left.
std::vector<const core::LayerProfile*> critical_layers_first(const std::vector<core::LayerProfile>& network) {
  std::vector<const core::LayerProfile*> order;
  for (const auto& layer : network)
    if (layer.is_critical_path) order.push_back(&layer);
  for (const auto& layer : network)
    if (!layer.is_critical_path) order.push_back(&layer);
  return order;
}

// The report's totals: LUTs and power add up, latency is the slowest layer's, accuracy the weighted mean.
void fill_totals(core::SurrogateOptimizerReport& report, const core::SurrogateConfigMap& config,
                 const std::vector<core::LayerProfile>& network) {
  for (const auto& [id, c] : config) {
    report.total_luts += c.luts_used;
    report.total_power_mw += c.power_used;
    report.total_latency_cycles = std::max(report.total_latency_cycles, c.latency_cycles);
  }
  report.mean_accuracy = weighted_mean_accuracy(config, network);
}

}  // namespace

// Scored grids depend only on (mac_count, critical): build each once.
struct SurrogateSCOptimizer::ScoredGrids {
  std::map<std::pair<std::int64_t, bool>, std::vector<ScoredCandidate>> by_kind;
};

const std::vector<SurrogateSCOptimizer::ScoredCandidate>& SurrogateSCOptimizer::scored_for(
    const core::LayerProfile& layer, ScoredGrids& grids) const {
  const auto key = std::make_pair(layer.mac_count, layer.is_critical_path);
  auto it = grids.by_kind.find(key);
  if (it == grids.by_kind.end()) it = grids.by_kind.emplace(key, scored_candidates(layer)).first;
  return it->second;
}

core::SurrogateConfigMap SurrogateSCOptimizer::take_best_admitted(
    const std::vector<const core::LayerProfile*>& order, ScoredGrids& grids,
    std::vector<std::string>& rejected) const {
  const auto& budget = target_.budget;
  core::SurrogateConfigMap config;
  for (const core::LayerProfile* layer : order) {
    const double remaining_luts = static_cast<double>(budget.max_luts - sum_luts(config));
    const double remaining_power = budget.max_power_mw - sum_power(config);
    const ScoredCandidate* top = nullptr;
    for (const auto& scored : scored_for(*layer, grids)) {
      if (admits(scored.label, remaining_luts, remaining_power)) {
        top = &scored;
        break;
      }
    }
    if (top == nullptr) {
      rejected.push_back(layer->id);
      continue;
    }
    config.emplace_back(layer->id, top->config);
  }
  return config;
}

// Apply the single best positive utility gain (x1.5 for critical layers) until none is left; each swap
// strictly raises a layer's utility over a finite set, so this terminates.
void SurrogateSCOptimizer::rebalance(const std::vector<core::LayerProfile>& network, ScoredGrids& grids,
                                     core::SurrogateConfigMap& config) const {
  const auto& budget = target_.budget;
  std::map<std::string, std::size_t> slot;
  for (std::size_t k = 0; k < config.size(); ++k) slot[config[k].first] = k;
  for (;;) {
    const std::int64_t total_luts = sum_luts(config);
    const double total_power = sum_power(config);
    double best_gain = 0.0;
    std::size_t best_slot = 0;
    const core::SurrogateLayerConfig* best = nullptr;
    for (const auto& layer : network) {
      const std::size_t k = slot.at(layer.id);
      const core::SurrogateLayerConfig& current = config[k].second;
      const double allowance_luts = static_cast<double>(budget.max_luts - total_luts + current.luts_used);
      const double allowance_power = budget.max_power_mw - total_power + current.power_used;
      // Candidates are sorted by utility, so the first admitted one that
      // differs from the current config carries this layer's largest gain.
      for (const auto& scored : scored_for(layer, grids)) {
        if (!admits(scored.label, allowance_luts, allowance_power) || scored.config == current) continue;
        double gain = scored.config.utility_score - current.utility_score;
        if (layer.is_critical_path) gain *= 1.5;
        if (gain > best_gain) {
          best_gain = gain;
          best_slot = k;
          best = &scored.config;
        }
        break;
      }
    }
    if (best == nullptr) return;
    config[best_slot].second = *best;
  }
}

core::SurrogateOptimizerReport SurrogateSCOptimizer::optimise(
    const std::vector<core::LayerProfile>& network, const std::vector<model::LayerWeights>& weights) {
  // The default profile plans exactly over the analytical costs; the ridge
  // surrogate below is the published (reference) behaviour.
  require_default_profile_for_weights(options_.profile, weights);
  if (options_.profile == core::Profile::kDefault)
    return plan_default_at_met_clock(target_, options_, network, {}, weights);
  require_unique_layer_ids(network);
  core::SurrogateOptimizerReport report;
  report.target_name = target_.name;
  report.profile = profile_name(options_.profile);
  if (network.empty()) return report;

  fit(network);
  ScoredGrids grids;
  core::SurrogateConfigMap config =
      take_best_admitted(critical_layers_first(network), grids, report.rejected_layers);
  // A plan with a rejected layer stays as the first pass left it (rebalancing needs every layer's slot).
  if (report.rejected_layers.empty()) rebalance(network, grids, config);

  report.training_points = training_points_;
  fill_totals(report, config, network);
  report.config = std::move(config);
  return report;
}

}  // namespace scn::search
