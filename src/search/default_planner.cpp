#include "sc_neurocore/search/default_planner.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/hw/layer_design.hpp"
#include "sc_neurocore/hw/network.hpp"
#include "sc_neurocore/hw/weights.hpp"
#include "sc_neurocore/model/devices.hpp"
#include "sc_neurocore/model/fmax.hpp"
#include "sc_neurocore/model/glue.hpp"
#include "sc_neurocore/model/grounded_model.hpp"
#include "sc_neurocore/model/power.hpp"
#include "sc_neurocore/search/sc_optimizer.hpp"

namespace scn::search {
namespace {

struct Divisors {
  double luts;
  double power;
  double latency;
};

Divisors divisors_of(const core::HardwareBudget& budget) {
  const std::int64_t latency_reference = budget.max_latency_cycles != 0 ? budget.max_latency_cycles : 2048;
  return {static_cast<double>(std::max<std::int64_t>(1, budget.max_luts)),
          std::max(1e-9, budget.max_power_mw),
          static_cast<double>(std::max<std::int64_t>(1, latency_reference))};
}

// "X16 + x14+x13+x11+1" and "x16+x14+x13+x11+1" name the same polynomial; "None" = "none".
std::string polynomial_key(std::string_view polynomial) {
  std::string key;
  for (const char c : polynomial)
    if (c != ' ') key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

using PointKey = std::tuple<std::int64_t, std::int64_t, model::DecorrelatorKind, model::ModeKind,
                            std::int64_t, std::string>;

PointKey key_of(std::int64_t mac_count, const model::DesignPoint& point, const model::DesignGrid& grid) {
  return {mac_count,  point.bitstream_length, point.decorrelator,
          point.mode, point.precision_bits,   polynomial_key(grid.polynomial_name(point))};
}

// The report entry of grid point `k` of layer `i`, with the published per-layer utility.
core::SurrogateLayerConfig layer_config(const CostedNetwork& costed, std::size_t i, std::size_t k,
                                        const core::TargetHardwareProfile& target) {
  const Divisors d = divisors_of(target.budget);
  const model::CandidateCost& cost = costed.costs(i)[k];
  const model::DesignPoint& p =
      costed.grid.points[cost.point >= 0 ? static_cast<std::size_t>(cost.point) : k];
  const double utility = target.accuracy_weight * cost.accuracy -
                         target.lut_weight * (static_cast<double>(cost.luts) / d.luts) -
                         target.power_weight * (cost.power_mw / d.power) -
                         target.latency_weight * (static_cast<double>(cost.latency_cycles) / d.latency);
  return {p.bitstream_length,
          decorrelator_name(p.decorrelator),
          mode_name(p.mode),
          p.precision_bits,
          costed.grid.polynomial_name(p),
          cost.luts,
          cost.power_mw,
          cost.latency_cycles,
          cost.accuracy,
          utility,
          cost.fmax_mhz,
          costed.shapes[i].n_inputs,
          costed.shapes[i].n_neurons,
          costed.shapes[i].given ? "given" : "assumed",
          cost.measured ? "measured" : "model",
          cost.fold.neuron_lanes,
          cost.fold.input_lanes,
          cost.fold.folded() ? hw::weight_memory_name(cost.fold.memory) : "",
          cost.fold.input_memory,
          cost.bram_blocks,
          cost.spram_blocks};
}

}  // namespace

std::int64_t latency_cap_cycles(const core::HardwareBudget& budget, double clock_mhz) {
  if (budget.max_latency_us <= 0) return budget.max_latency_cycles;
  // Whole cycles within the time at this clock; at least 1, so that a cap stays a cap.
  const auto cycles = std::max<std::int64_t>(
      1, static_cast<std::int64_t>(std::floor(budget.max_latency_us * clock_mhz * (1 + 1e-12))));
  return budget.max_latency_cycles > 0 ? std::min(budget.max_latency_cycles, cycles) : cycles;
}

core::TargetHardwareProfile planning_target(const core::TargetHardwareProfile& target,
                                            const SurrogateOptions& options,
                                            const model::GroundedCostModel& model,
                                            core::PlanHardware& hardware) {
  const model::Device& device = model.device();
  const model::PowerModel& power = model::power_model_for(device);
  hardware.device = device.key;
  hardware.lut_unit = device.logic_unit;
  hardware.device_logic_cells = device.logic_cells;
  hardware.max_utilisation = options.max_utilisation;
  hardware.logic_cell_budget =
      std::min(target.budget.max_luts, logic_cell_ceiling(device, options.max_utilisation));
  hardware.clock_mhz = model.clock_mhz();
  hardware.clock_basis = clock_basis(device, options.clock_mhz > 0);
  hardware.fixed_power_mw = model::fixed_power_mw(power, device, model.clock_mhz());
  hardware.power_basis = power.basis;
  hardware.power_uncertainty_factor = power.uncertainty_factor;
  hardware.device_bram_blocks = device.bram_blocks;
  hardware.device_spram_blocks = device.spram_blocks();
  core::TargetHardwareProfile effective = target;
  effective.budget.max_luts = hardware.logic_cell_budget;
  effective.budget.max_power_mw = std::max(0.0, target.budget.max_power_mw - hardware.fixed_power_mw);
  effective.budget.max_latency_cycles = latency_cap_cycles(target.budget, model.clock_mhz());
  hardware.latency_cap_cycles = effective.budget.max_latency_cycles;
  hardware.latency_cap_us = target.budget.max_latency_us;
  return effective;
}

namespace {

// The device's memories as the plan's budgets.
search::MemoryBlocks memory_budget_of(const core::PlanHardware& hardware) {
  return {hardware.device_bram_blocks, hardware.device_spram_blocks};
}

// Where a layer sits in the network: the first and the last carry shares of the top's glue the others do not.
enum Position : int { kMiddle = 0, kFirst = 1, kLast = 2 };

int position_of(std::size_t layer, std::size_t layers) {
  return (layer == 0 ? kFirst : kMiddle) | (layer + 1 == layers ? kLast : kMiddle);
}

// Layers with the same MAC count, shape, weights (none, or the same matrix) and position cost the same: one
// table each. Returns each table's position.
std::vector<int> share_cost_tables(const std::vector<core::LayerProfile>& network,
                                   const std::vector<model::LayerWeights>& weights, CostedNetwork& costed,
                                   std::vector<model::LayerCostSpec>& specs) {
  using Signature = std::tuple<std::int64_t, std::int64_t, std::int64_t, std::size_t, int>;
  std::map<Signature, std::size_t> table_of_signature;
  std::vector<int> positions;
  costed.table_of_layer.reserve(network.size());
  for (std::size_t i = 0; i < network.size(); ++i) {
    const model::LayerShape& shape = costed.shapes[i];
    const int position = position_of(i, network.size());
    const Signature signature{network[i].mac_count, shape.n_inputs, shape.n_neurons,
                              weights.empty() ? network.size() : i, position};
    const auto [it, added] = table_of_signature.try_emplace(signature, specs.size());
    if (added) {
      specs.push_back({network[i].mac_count, shape.n_inputs, shape.n_neurons,
                       weights.empty() ? nullptr : &weights[i].matrix, (position & kFirst) != 0});
      positions.push_back(position);
    }
    costed.table_of_layer.push_back(it->second);
  }
  return positions;
}

// The network top's glue (model/glue.hpp) beyond the share every candidate of the grounded model carries
// (layer_glue as a layer that is not the first): the first layer's candidates add what its input shift
// register costs more, the last layer's the controller and the output register of its neurons
// (network_glue_fixed at the candidate's precision). The controller is the same for every candidate, so
// carrying it in one layer plans exactly as taking it off the budget would, and a plan's total stays the sum
// of its layers; the shares that depend on a precision are exact for the candidate that chooses it.
void add_glue_shares(CostedNetwork& costed, const std::vector<int>& positions, const model::Device& device) {
  const auto layers = costed.shapes.size();
  for (std::size_t t = 0; t < costed.tables.size(); ++t) {
    if (positions[t] == kMiddle) continue;
    const model::LayerShape& shape = costed.shapes[positions[t] & kFirst ? 0 : layers - 1];
    for (model::CandidateCost& cost : costed.tables[t]) {
      const std::size_t p =
          cost.point >= 0 ? static_cast<std::size_t>(cost.point) : &cost - &costed.tables[t][0];
      hw::LayerDesign d = point_design(shape.n_inputs, shape.n_neurons, costed.grid.points[p], costed.grid);
      d.fold = cost.fold;
      std::int64_t& cells = cost.luts;
      if (positions[t] & kFirst)
        cells += model::layer_glue(d, true, device.family).logic_cells -
                 model::layer_glue(d, false, device.family).logic_cells;
      if (positions[t] & kLast)
        cells += model::network_glue_fixed(layers, d.n_neurons, d.precision, device.family).logic_cells;
    }
  }
}

// The weights as build_network emits them: a neuron whose row in the next layer is all exactly zero (zero at
// every precision) is read by nothing, and synthesis removes it with its synapses (hw::prune_dead_neurons).
std::vector<model::LayerWeights> without_unread_neurons(std::vector<model::LayerWeights> weights) {
  for (std::size_t i = weights.size(); i-- > 1;) {
    core::WeightArray& own = weights[i - 1].matrix;
    const core::WeightArray& next = weights[i].matrix;
    if (own.shape.size() == 2 && next.shape.size() == 2 && own.shape[1] == next.shape[0])
      hw::zero_unread_neurons(own.values, own.shape[0], next.values, next.shape[1]);
  }
  return weights;
}

}  // namespace

CostedNetwork cost_network(const std::vector<core::LayerProfile>& network, const SurrogateOptions& options,
                           const model::CostModel& model, const std::vector<model::LayerWeights>& weights) {
  CostedNetwork costed;
  costed.shapes = layer_shapes(network, weights);
  std::vector<std::int64_t> lengths = options.bitstream_options;
  std::vector<std::int64_t> precisions = options.precision_options;
  std::sort(lengths.begin(), lengths.end());
  lengths.erase(std::unique(lengths.begin(), lengths.end()), lengths.end());
  std::sort(precisions.begin(), precisions.end());
  precisions.erase(std::unique(precisions.begin(), precisions.end()), precisions.end());
  costed.grid = model::make_design_grid(lengths, precisions, options.lfsr_polynomials);
  costed.grid.folds = options.folds;

  // Measured points, matched case-insensitively; the first observation of a point wins.
  std::map<PointKey, model::CandidateCost> measured;
  for (std::size_t k = 0; k < options.observations.size(); ++k) {
    const core::BenchmarkObservation& o = options.observations[k];
    const model::DesignPoint point{o.bitstream_length, o.precision_bits,
                                   model::parse_decorrelator(o.decorrelator), model::parse_mode(o.mode), -1};
    const PointKey key{o.mac_count, point.bitstream_length, point.decorrelator,
                       point.mode,  point.precision_bits,   polynomial_key(o.lfsr_polynomial)};
    measured.try_emplace(
        key, model::CandidateCost{o.luts_used, o.power_mw, std::max<std::int64_t>(1, o.latency_cycles),
                                  o.accuracy_score, true});
  }

  // Model costs once per distinct signature (in first-seen order), then the measured overrides.
  std::vector<model::LayerCostSpec> specs;
  const std::vector<model::LayerWeights> emitted = without_unread_neurons(weights);
  const std::vector<int> positions = share_cost_tables(network, emitted, costed, specs);
  costed.tables = model.cost_tables(specs, costed.grid);
  if (const auto* grounded = dynamic_cast<const model::GroundedCostModel*>(&model))
    add_glue_shares(costed, positions, grounded->device());
  auto& tables = costed.tables;
  std::set<PointKey> matched;
  for (std::size_t k = 0; k < specs.size() && !measured.empty(); ++k) {
    for (std::size_t p = 0; p < costed.grid.points.size(); ++p) {
      const PointKey key = key_of(specs[k].mac_count, costed.grid.points[p], costed.grid);
      if (const auto found = measured.find(key); found != measured.end()) {
        tables[k][p] = found->second;
        matched.insert(key);
      }
    }
  }
  costed.observations_used = static_cast<std::int64_t>(matched.size());
  return costed;
}

// The cycles the emitted network spends on its input and output words (hw/network.hpp).
std::int64_t io_cycles_of(const CostedNetwork& costed) {
  if (costed.shapes.empty()) return 0;
  return hw::io_cycles(costed.shapes.front().n_inputs, costed.shapes.back().n_neurons);
}

search::BudgetedProblem default_problem(const std::vector<core::LayerProfile>& network,
                                        const CostedNetwork& costed,
                                        const core::TargetHardwareProfile& target,
                                        const search::MemoryBlocks& memory_budget, double min_fmax_mhz) {
  const Divisors d = divisors_of(target.budget);
  double weight_sum = 0.0;
  for (const auto& layer : network) weight_sum += layer.is_critical_path ? 2.0 : 1.0;
  search::BudgetedProblem problem;
  problem.max_luts = target.budget.max_luts;
  problem.max_power_mw = target.budget.max_power_mw;
  problem.max_latency_cycles = target.budget.max_latency_cycles;
  problem.latency_weight = target.latency_weight / d.latency;
  problem.latency_overhead_cycles = io_cycles_of(costed);
  problem.max_memory_blocks = memory_budget;
  problem.min_fmax_mhz = min_fmax_mhz;
  // Layers with the same cost table and criticality get the same items: build each such list once.
  std::map<std::pair<std::size_t, bool>, std::vector<search::Candidate>> built;
  problem.layers.reserve(network.size());
  for (std::size_t i = 0; i < network.size(); ++i) {
    const bool critical = network[i].is_critical_path;
    auto [it, missing] = built.try_emplace({costed.table_of_layer[i], critical});
    if (missing) {
      const double share = (critical ? 2.0 : 1.0) / weight_sum;
      it->second.reserve(costed.costs(i).size());
      for (const model::CandidateCost& cost : costed.costs(i)) {
        const double value = target.accuracy_weight * share * cost.accuracy -
                             target.lut_weight * static_cast<double>(cost.luts) / d.luts -
                             target.power_weight * cost.power_mw / d.power;
        it->second.push_back({value,
                              cost.luts,
                              cost.power_mw,
                              cost.latency_cycles,
                              {cost.bram_blocks, cost.spram_blocks},
                              cost.fmax_mhz});
      }
    }
    problem.layers.push_back(it->second);
  }
  return problem;
}

namespace {

NetworkFrontier frontier_over(const core::TargetHardwareProfile& target, const SurrogateOptions& options,
                              const std::vector<core::LayerProfile>& network, std::size_t max_points,
                              const std::vector<model::LayerWeights>& weights);

}  // namespace

// The planner's rule (plan_default): spatial plans when one meets the budgets, else folded ones too.
NetworkFrontier network_pareto_frontier(const core::TargetHardwareProfile& target,
                                        const SurrogateOptions& options,
                                        const std::vector<core::LayerProfile>& network,
                                        std::size_t max_points,
                                        const std::vector<model::LayerWeights>& weights) {
  if (options.folds && !options.fold_always) {
    SurrogateOptions spatial = options;
    spatial.folds = false;
    NetworkFrontier frontier = frontier_over(target, spatial, network, max_points, weights);
    if (std::any_of(frontier.plans.begin(), frontier.plans.end(),
                    [](const FrontierPlan& plan) { return plan.within_budget; }))
      return frontier;
  }
  return frontier_over(target, options, network, max_points, weights);
}

namespace {

NetworkFrontier frontier_over(const core::TargetHardwareProfile& target, const SurrogateOptions& options,
                              const std::vector<core::LayerProfile>& network, std::size_t max_points,
                              const std::vector<model::LayerWeights>& weights) {
  require_unique_layer_ids(network);
  const model::GroundedCostModel model(options.device, options.clock_mhz);
  const CostedNetwork costed = cost_network(network, options, model, weights);
  core::PlanHardware hardware;
  const core::TargetHardwareProfile budgeted = planning_target(target, options, model, hardware);
  double weight_sum = 0.0;
  for (const auto& layer : network) weight_sum += layer.is_critical_path ? 2.0 : 1.0;
  std::vector<std::vector<search::FrontierItem>> layers(network.size());
  for (std::size_t i = 0; i < network.size(); ++i) {
    const double share = (network[i].is_critical_path ? 2.0 : 1.0) / weight_sum;
    for (const model::CandidateCost& cost : costed.costs(i))
      layers[i].push_back({cost.luts,
                           cost.power_mw,
                           share * cost.accuracy,
                           cost.latency_cycles,
                           {cost.bram_blocks, cost.spram_blocks}});
  }
  const search::Frontier frontier =
      search::pareto_frontier(layers, budgeted.budget.max_latency_cycles, max_points, io_cycles_of(costed),
                              memory_budget_of(hardware), options.folds);
  const search::BudgetedProblem problem =
      default_problem(network, costed, budgeted, memory_budget_of(hardware), 0.0);
  NetworkFrontier result;
  result.target_name = target.name;
  result.approximate = frontier.approximate;
  result.fixed_power_mw = hardware.fixed_power_mw;
  for (const search::FrontierPoint& point : frontier.points) {
    FrontierPlan plan;
    plan.total_luts = point.luts;
    plan.total_power_mw = point.power_mw + hardware.fixed_power_mw;
    plan.mean_accuracy = point.accuracy;
    plan.total_latency_cycles = point.latency_cycles;
    plan.bram_blocks = point.memory_blocks[0];
    plan.spram_blocks = point.memory_blocks[1];
    plan.within_budget =
        point.luts <= budgeted.budget.max_luts && plan.total_power_mw <= target.budget.max_power_mw;
    plan.objective = search::plan_objective(problem, point.choice);
    for (std::size_t i = 0; i < network.size(); ++i)
      plan.config.emplace_back(network[i].id,
                               layer_config(costed, i, static_cast<std::size_t>(point.choice[i]), budgeted));
    result.plans.push_back(std::move(plan));
  }
  return result;
}

}  // namespace

std::vector<FrontierPlan> best_plans_within_budget(const NetworkFrontier& frontier, std::size_t count) {
  std::vector<FrontierPlan> plans;
  for (const FrontierPlan& plan : frontier.plans)
    if (plan.within_budget) plans.push_back(plan);
  std::stable_sort(plans.begin(), plans.end(),
                   [](const FrontierPlan& a, const FrontierPlan& b) { return a.objective > b.objective; });
  if (plans.size() > count) plans.resize(count);
  return plans;
}

namespace {

core::SurrogateOptimizerReport plan_over(const core::TargetHardwareProfile& target,
                                         const SurrogateOptions& options,
                                         const std::vector<core::LayerProfile>& network,
                                         const search::SearchLimits& limits,
                                         const std::vector<model::LayerWeights>& weights);

}  // namespace

// Spatial layers first: they take the fewest cycles and their cost model is the one checked on the most
// builds; folded layers when no spatial plan meets the budgets (or always, when asked).
core::SurrogateOptimizerReport plan_default(const core::TargetHardwareProfile& target,
                                            const SurrogateOptions& options,
                                            const std::vector<core::LayerProfile>& network,
                                            const search::SearchLimits& limits,
                                            const std::vector<model::LayerWeights>& weights) {
  if (options.folds && !options.fold_always) {
    SurrogateOptions spatial = options;
    spatial.folds = false;
    core::SurrogateOptimizerReport report = plan_over(target, spatial, network, limits, weights);
    if (report.feasible()) return report;
  }
  return plan_over(target, options, network, limits, weights);
}

namespace {

core::SurrogateOptimizerReport plan_over(const core::TargetHardwareProfile& target,
                                         const SurrogateOptions& options,
                                         const std::vector<core::LayerProfile>& network,
                                         const search::SearchLimits& limits,
                                         const std::vector<model::LayerWeights>& weights) {
  require_unique_layer_ids(network);
  core::SurrogateOptimizerReport report;
  report.target_name = target.name;
  report.profile = profile_name(core::Profile::kDefault);
  const model::GroundedCostModel model(options.device, options.clock_mhz);
  const CostedNetwork costed = cost_network(network, options, model, weights);
  report.training_points = costed.observations_used;
  core::PlanHardware hardware;
  const core::TargetHardwareProfile budgeted = planning_target(target, options, model, hardware);
  report.hardware = hardware;
  if (network.empty()) return report;

  const search::BudgetedProblem problem =
      default_problem(network, costed, budgeted, memory_budget_of(hardware), options.min_layer_fmax_mhz);
  const search::BudgetedSolution solution = search::solve_budgeted(problem, limits);
  core::SearchCertificate certificate;
  certificate.solver = "branch-and-bound";
  certificate.nodes = solution.nodes;
  if (!solution.feasible) {
    for (const auto& layer : network) report.rejected_layers.push_back(layer.id);
    const auto& why = solution.infeasibility;
    certificate.binding = why.binding;
    if (why.min_luts_exists) certificate.min_luts = why.min_luts;
    if (why.min_power_exists) certificate.min_power_mw = why.min_power_mw;
    if (why.min_latency_exists) certificate.min_latency_cycles = why.min_latency_cycles;
    report.search = certificate;
    return report;
  }

  double weighted_accuracy = 0.0;
  double weight_sum = 0.0;
  for (std::size_t i = 0; i < network.size(); ++i) {
    const core::SurrogateLayerConfig config =
        layer_config(costed, i, static_cast<std::size_t>(solution.choice[i]), budgeted);
    report.total_luts += config.luts_used;
    report.total_power_mw += config.power_used;
    if (config.fmax_mhz > 0 && (hardware.fmax_mhz == 0 || config.fmax_mhz < hardware.fmax_mhz))
      hardware.fmax_mhz = config.fmax_mhz;
    report.total_latency_cycles += config.latency_cycles;
    hardware.bram_blocks += config.bram_blocks;
    hardware.spram_blocks += config.spram_blocks;
    const double weight = network[i].is_critical_path ? 2.0 : 1.0;
    weighted_accuracy += weight * config.accuracy_score;
    weight_sum += weight;
    report.config.emplace_back(network[i].id, config);
  }
  report.mean_accuracy = weighted_accuracy / weight_sum;
  report.total_latency_cycles += io_cycles_of(costed);  // the layers run one after another
  report.total_power_mw += hardware.fixed_power_mw;
  if (hardware.fmax_mhz > 0 && hardware.clock_mhz > hardware.fmax_mhz)
    hardware.warnings.push_back(std::string(options.clock_mhz > 0 ? "requested" : "default") + " clock " +
                                core::py::fixed(hardware.clock_mhz, 1) + " MHz is above the predicted fmax " +
                                core::py::fixed(hardware.fmax_mhz, 1) +
                                " MHz of the slowest planned layer (set --clock-mhz)");
  report.hardware = hardware;
  certificate.objective = solution.objective;
  certificate.upper_bound = solution.upper_bound;
  certificate.relative_gap = solution.relative_gap;
  certificate.proven_optimal = solution.proven_optimal;
  report.search = certificate;
  return report;
}

}  // namespace

core::SurrogateOptimizerReport plan_at_clock_ladder(const core::TargetHardwareProfile& target,
                                                    const SurrogateOptions& options,
                                                    const std::vector<core::LayerProfile>& network,
                                                    const search::SearchLimits& limits,
                                                    const std::vector<model::LayerWeights>& weights) {
  const double cap = model::default_clock_mhz(model::device(options.device));
  std::optional<core::SurrogateOptimizerReport> best, slowest;
  for (int k = 0; k < kClockLadderSteps; ++k) {
    SurrogateOptions at = options;
    at.clock_mhz = std::floor(cap * std::pow(0.9, k) * 10.0) / 10.0;
    at.min_layer_fmax_mhz = at.clock_mhz / model::kClockMargin;
    core::SurrogateOptimizerReport report = plan_default(target, at, network, limits, weights);
    if (report.hardware)
      report.hardware->clock_basis = "time budget: the best of " + std::to_string(kClockLadderSteps) +
                                     " clocks from the device's " + core::py::fixed(cap, 1) +
                                     " MHz down by 0.9x, each with layers predicted to meet it (fmax x " +
                                     core::py::fixed(model::kClockMargin, 2) + ")";
    if (report.feasible() && (!best || report.search->objective > best->search->objective)) best = report;
    slowest = std::move(report);
  }
  return best ? *best : *slowest;
}

core::SurrogateOptimizerReport plan_default_at_met_clock(const core::TargetHardwareProfile& target,
                                                         const SurrogateOptions& options,
                                                         const std::vector<core::LayerProfile>& network,
                                                         const search::SearchLimits& limits,
                                                         const std::vector<model::LayerWeights>& weights) {
  if (target.budget.max_latency_us > 0 && options.clock_mhz <= 0)
    return plan_at_clock_ladder(target, options, network, limits, weights);
  core::SurrogateOptimizerReport report = plan_default(target, options, network, limits, weights);
  if (options.clock_mhz > 0 || !report.hardware || report.hardware->fmax_mhz <= 0) return report;
  const double cap = report.hardware->clock_mhz;  // the device's calibrated clock
  // A slower clock costs less power, so the next plan may pick slower layers: re-plan until the plan meets
  // its clock (the clock only goes down, so this ends; four rounds are plenty in practice).
  for (int round = 0; round < 4 && report.hardware->fmax_mhz > 0; ++round) {
    const double fmax = report.hardware->fmax_mhz;
    const double clock = model::met_clock_mhz(fmax, cap);
    if (clock >= report.hardware->clock_mhz) {  // the plan meets its clock
      if (round == 0) report.hardware->clock_basis = model::met_clock_basis(fmax, cap, clock);
      break;
    }
    SurrogateOptions at = options;
    at.clock_mhz = clock;
    core::SurrogateOptimizerReport next = plan_default(target, at, network, limits, weights);
    if (!next.hardware) break;
    next.hardware->clock_basis = model::met_clock_basis(fmax, cap, clock);
    std::erase_if(next.hardware->warnings,
                  [](const std::string& w) { return w.starts_with("requested clock"); });
    report = std::move(next);
  }
  const core::PlanHardware& h = *report.hardware;
  if (h.fmax_mhz > 0 && h.clock_mhz > h.fmax_mhz)
    report.hardware->warnings.push_back("planned clock " + core::py::fixed(h.clock_mhz, 1) +
                                        " MHz is above the predicted fmax " + core::py::fixed(h.fmax_mhz, 1) +
                                        " MHz (set --clock-mhz)");
  return report;
}

}  // namespace scn::search
