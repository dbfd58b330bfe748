#include "sc_neurocore/grounded_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "sc_neurocore/accuracy_model.hpp"
#include "sc_neurocore/error.hpp"
#include "sc_neurocore/sim/characterise.hpp"

namespace scn {
namespace {

sim::Generator generator_of(DecorrelatorKind kind) {
  switch (kind) {
    case DecorrelatorKind::kNone:
      return sim::Generator::kNone;
    case DecorrelatorKind::kLFSR:
      return sim::Generator::kLfsr;
    case DecorrelatorKind::kSobol:
      return sim::Generator::kSobol;
    case DecorrelatorKind::kHalton:
      return sim::Generator::kHalton;
    case DecorrelatorKind::kSCC:
      return sim::Generator::kScc;
  }
  return sim::Generator::kLfsr;
}

sim::ComputeMode mode_of(ModeKind kind) {
  switch (kind) {
    case ModeKind::kSC:
      return sim::ComputeMode::kSc;
    case ModeKind::kHybrid:
      return sim::ComputeMode::kHybrid;
    case ModeKind::kDeterministic:
      return sim::ComputeMode::kDeterministic;
  }
  return sim::ComputeMode::kSc;
}

int checked_int(std::int64_t value, const char* what) {
  if (value < 1 || value > (std::int64_t{1} << 24))
    throw InputError(std::string(what) + " must be 1-16777216, got " + std::to_string(value));
  return static_cast<int>(value);
}

}  // namespace

hw::LayerDesign layer_design(std::int64_t n_inputs, std::int64_t n_neurons, std::int64_t bitstream_length,
                             const LayerKnobs& knobs) {
  hw::LayerDesign d;
  d.n_inputs = checked_int(n_inputs, "n_inputs");
  d.n_neurons = checked_int(n_neurons, "n_neurons");
  d.bitstream_length = checked_int(bitstream_length, "bitstream length");
  d.precision = knobs.precision;
  d.weight_bits = knobs.weight_bits;
  d.generator = sim::parse_generator(knobs.generator);
  d.polynomial = knobs.polynomial;
  d.mode = sim::parse_mode_text(knobs.mode);
  d.sparsity = knobs.sparsity;
  hw::validate(d);
  return d;
}

namespace {

// P = C_eff V^2 f (switched cells) alpha, C_eff per LUT or FF from the target catalogue (fF); in mW.
double switched_power_mw(const FpgaTarget& target, double clock_mhz, std::int64_t cells) {
  return target.c_eff_per_lut_ff * 1e-15 * target.voltage * target.voltage * clock_mhz * 1e6 *
         static_cast<double>(cells) * kScActivity * 1e3;
}

// Reset/load, the stream cycles (one for an exact layer), the output register.
std::int64_t layer_latency_cycles(const hw::LayerDesign& d) {
  return (d.mode == sim::ComputeMode::kDeterministic ? 1 : d.bitstream_length) + 2;
}

// Each neuron computes a dot product of n_inputs MACs.
double layer_accuracy(const hw::LayerDesign& d) {
  AccuracyQuery query;
  query.mac_count = d.n_inputs;
  query.bitstream_length = d.bitstream_length;
  query.generator = d.generator;
  query.polynomial = d.polynomial;
  query.precision = d.precision;
  query.mode = d.mode;
  return characterised_accuracy(query);
}

}  // namespace

GroundedLayerCost grounded_layer_cost(const hw::LayerDesign& d, const FpgaTarget& target, double clock_mhz) {
  const hw::LayerHardware hardware =
      hw::estimate_layer_hardware(d, hw::calibrated_model_for_target(target.key));
  GroundedLayerCost cost;
  cost.luts = hardware.luts;
  cost.ffs = hardware.ffs;
  cost.bram_bits = hardware.bram_bits;
  cost.hardware_model = hardware.model;
  cost.power_mw = switched_power_mw(target, clock_mhz, cost.luts + cost.ffs);
  cost.latency_cycles = layer_latency_cycles(d);
  cost.accuracy_score = layer_accuracy(d);
  return cost;
}

std::pair<std::int64_t, std::int64_t> layer_shape_of_mac_count(std::int64_t mac_count) {
  const std::int64_t m = std::max<std::int64_t>(1, mac_count);
  auto n_inputs = static_cast<std::int64_t>(std::ceil(std::sqrt(static_cast<double>(m))));
  while (n_inputs * n_inputs < m) ++n_inputs;
  while (n_inputs > 1 && (n_inputs - 1) * (n_inputs - 1) >= m) --n_inputs;
  return {n_inputs, (m + n_inputs - 1) / n_inputs};
}

GroundedCostModel::GroundedCostModel(std::string target_key, double clock_mhz)
    : target_(&fpga_target(target_key)), clock_mhz_(clock_mhz) {}

namespace {

LayerKnobs knobs_of(const DesignPoint& point, const DesignGrid& grid) {
  LayerKnobs knobs;
  knobs.precision = static_cast<int>(std::clamp<std::int64_t>(point.precision_bits, 1, 16));
  knobs.generator = sim::generator_name(generator_of(point.decorrelator));
  knobs.mode = sim::mode_text(mode_of(point.mode));
  if (point.decorrelator == DecorrelatorKind::kLFSR && point.polynomial >= 0)
    knobs.polynomial = grid.polynomial_name(point);
  return knobs;
}

}  // namespace

CandidateCost GroundedCostModel::cost(std::int64_t mac_count, const DesignPoint& point,
                                      const DesignGrid& grid) const {
  const auto [n_inputs, n_neurons] = layer_shape_of_mac_count(mac_count);
  const hw::LayerDesign design =
      layer_design(n_inputs, n_neurons, point.bitstream_length, knobs_of(point, grid));
  const GroundedLayerCost c = grounded_layer_cost(design, *target_, clock_mhz_);
  return {c.luts, c.power_mw, c.latency_cycles, c.accuracy_score, false};
}

std::vector<std::vector<CandidateCost>> GroundedCostModel::cost_tables(
    const std::vector<std::int64_t>& mac_counts, const DesignGrid& grid) const {
  // Per grid point, once: the validated design (sizes filled in per MAC count), its LFSR degree and an
  // accuracy memo per dot-product length (layers share few distinct input counts).
  struct Prepared {
    hw::LayerDesign design;
    int degree = 0;
    std::map<std::int64_t, double> accuracy;
  };
  std::vector<Prepared> prepared;
  prepared.reserve(grid.points.size());
  for (const DesignPoint& point : grid.points) {
    Prepared p;
    p.design = layer_design(1, 1, point.bitstream_length, knobs_of(point, grid));
    p.degree = sim::parse_polynomial(p.design.polynomial).degree;
    prepared.push_back(std::move(p));
  }
  const hw::CalibratedModel& hardware = hw::calibrated_model_for_target(target_->key);
  std::vector<std::vector<CandidateCost>> tables;
  tables.reserve(mac_counts.size());
  for (const std::int64_t mac_count : mac_counts) {
    const auto [n_inputs, n_neurons] = layer_shape_of_mac_count(mac_count);
    const int inputs = checked_int(n_inputs, "n_inputs");
    const int neurons = checked_int(n_neurons, "n_neurons");
    auto& table = tables.emplace_back();
    table.reserve(grid.points.size());
    for (Prepared& p : prepared) {
      p.design.n_inputs = inputs;
      p.design.n_neurons = neurons;
      const hw::LayerHardware h = hw::estimate_validated_layer_hardware(p.design, p.degree, hardware);
      auto [it, missing] = p.accuracy.try_emplace(n_inputs, 0.0);
      if (missing) it->second = layer_accuracy(p.design);
      table.push_back({h.luts, switched_power_mw(*target_, clock_mhz_, h.luts + h.ffs),
                       layer_latency_cycles(p.design), it->second, false});
    }
  }
  return tables;
}

}  // namespace scn
