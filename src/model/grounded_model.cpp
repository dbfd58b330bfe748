#include "sc_neurocore/model/grounded_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/hw/folded_layer.hpp"
#include "sc_neurocore/hw/network.hpp"
#include "sc_neurocore/hw/weights.hpp"
#include "sc_neurocore/model/accuracy_model.hpp"
#include "sc_neurocore/model/activity.hpp"
#include "sc_neurocore/model/fmax.hpp"
#include "sc_neurocore/model/folded_cells.hpp"
#include "sc_neurocore/model/glue.hpp"
#include "sc_neurocore/model/memory_blocks.hpp"
#include "sc_neurocore/model/power.hpp"
#include "sc_neurocore/sim/characterise.hpp"

namespace scn::model {

AccuracyQuery accuracy_query_of(const hw::LayerDesign& d) {
  AccuracyQuery query;
  query.mac_count = d.n_inputs;
  query.bitstream_length = d.bitstream_length;
  query.generator = d.generator;
  query.polynomial = d.polynomial;
  query.precision = d.precision;
  query.mode = d.mode;
  return query;
}

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
    throw core::InputError(std::string(what) + " must be 1-16777216, got " + std::to_string(value));
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
  d.fold = knobs.fold;
  hw::validate(d);
  return d;
}

std::int64_t network_latency_cycles(const std::vector<hw::LayerDesign>& layers) {
  if (layers.empty()) return 0;
  std::int64_t cycles = hw::io_cycles(layers.front().n_inputs, layers.back().n_neurons);
  for (const hw::LayerDesign& d : layers) cycles += hw::layer_cycles(d);
  return cycles;
}

namespace {

// The layer's cycles in the emitted network (restart, stream, latch).
std::int64_t layer_latency_cycles(const hw::LayerDesign& d) { return hw::layer_cycles(d); }

// Each neuron computes a dot product of n_inputs MACs.
double layer_accuracy(const hw::LayerDesign& d) { return characterised_accuracy(accuracy_query_of(d)); }

}  // namespace

namespace {

// The device's fmax model and its series' scale; {nullptr, 0} when the family or series is not calibrated.
struct DeviceFmax {
  const FmaxModel* model = nullptr;
  double scale = 0.0;
};

DeviceFmax device_fmax(const Device& device) {
  const FmaxModel* model = fmax_model_for_family(device.family);
  if (model == nullptr) return {};
  const SeriesSpeed* speed = model->speed(device.series);
  return speed ? DeviceFmax{model, speed->scale} : DeviceFmax{};
}

}  // namespace

GroundedLayerCost grounded_layer_cost(const hw::LayerDesign& d, const Device& device, double clock_mhz,
                                      const WeightCounts* weights) {
  const LayerHardware hardware =
      estimate_layer_hardware(d, calibrated_model_for_family(device.family), weights);
  GroundedLayerCost cost;
  cost.luts = hardware.luts;
  cost.ffs = hardware.ffs;
  cost.carry_cells = hardware.carry_cells;
  cost.logic_cells = hardware.logic_cells;
  cost.bram_bits = hardware.bram_bits;
  cost.hardware_model = hardware.model;
  const LayerActivity activity = layer_activity(d);
  cost.toggles_per_cycle = activity.total();
  cost.power_mw =
      layer_dynamic_power_mw(power_model_for(device), device, activity, cost.luts, cost.ffs, clock_mhz);
  cost.latency_cycles = layer_latency_cycles(d);
  cost.accuracy_score = layer_accuracy(d);
  if (const DeviceFmax fmax = device_fmax(device); fmax.model)
    cost.fmax_mhz = fmax.scale * predict_layer_fmax_mhz(d, cost.logic_cells, *fmax.model);
  return cost;
}

double default_clock_mhz(const Device& device) {
  const DeviceFmax fmax = device_fmax(device);
  return fmax.model ? std::floor(fmax.model->calibrated_clock_mhz * fmax.scale) : 100.0;
}

std::string clock_basis(const Device& device, bool requested) {
  if (requested) return "requested";
  const DeviceFmax fmax = device_fmax(device);
  if (!fmax.model) return "default 100 MHz: no fmax calibration for " + device.family + " " + device.series;
  return "default: median placed fmax of the calibration layers (" + fmax.model->source + ")" +
         (fmax.scale != 1.0 ? " x " + core::py::fixed(fmax.scale, 3) + " for " + device.series : "");
}

std::int64_t logic_cell_ceiling(const Device& device, double max_utilisation) {
  if (!(max_utilisation > 0.0 && max_utilisation <= 1.0))
    throw core::InputError("max_utilisation must be in (0, 1], got " + core::py::float_repr(max_utilisation));
  return static_cast<std::int64_t>(
      std::floor(max_utilisation * static_cast<double>(device.logic_cells) + 1e-9));
}

std::pair<std::int64_t, std::int64_t> layer_shape_of_mac_count(std::int64_t mac_count) {
  const std::int64_t m = std::max<std::int64_t>(1, mac_count);
  auto n_inputs = static_cast<std::int64_t>(std::ceil(std::sqrt(static_cast<double>(m))));
  while (n_inputs * n_inputs < m) ++n_inputs;
  while (n_inputs > 1 && (n_inputs - 1) * (n_inputs - 1) >= m) --n_inputs;
  return {n_inputs, (m + n_inputs - 1) / n_inputs};
}

GroundedCostModel::GroundedCostModel(std::string device_key, double clock_mhz)
    : device_(&model::device(device_key)),
      clock_mhz_(clock_mhz > 0 ? clock_mhz : default_clock_mhz(*device_)) {}

namespace {

// The weight memories a folded layer may use on `device`: a logic ROM always, block RAM and SPRAM when it has
// some.
std::vector<hw::WeightMemory> weight_memories_of(const Device& device) {
  std::vector<hw::WeightMemory> memories;
  if (device.bram_blocks > 0) memories.push_back(hw::WeightMemory::kBlockRam);
  if (device.spram_blocks() > 0) memories.push_back(hw::WeightMemory::kSpram);
  memories.push_back(hw::WeightMemory::kLogic);
  return memories;
}

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

hw::LayerDesign point_design(std::int64_t n_inputs, std::int64_t n_neurons, const DesignPoint& point,
                             const DesignGrid& grid) {
  return layer_design(n_inputs, n_neurons, point.bitstream_length, knobs_of(point, grid));
}

CandidateCost GroundedCostModel::cost(std::int64_t mac_count, const DesignPoint& point,
                                      const DesignGrid& grid) const {
  const auto [n_inputs, n_neurons] = layer_shape_of_mac_count(mac_count);
  const hw::LayerDesign design =
      layer_design(n_inputs, n_neurons, point.bitstream_length, knobs_of(point, grid));
  const GroundedLayerCost c = grounded_layer_cost(design, *device_, clock_mhz_);
  // The layer's share of the network top (not knowing whether it is the first: default_planner.cpp).
  const LayerHardware glue = layer_glue(design, false, device_->family);
  const double glue_mw =
      layer_dynamic_power_mw(power_model_for(*device_), *device_, {}, glue.luts, glue.ffs, clock_mhz_);
  return {c.logic_cells + glue.logic_cells,
          c.power_mw + glue_mw,
          c.latency_cycles,
          c.accuracy_score,
          false,
          c.fmax_mhz};
}

namespace {

// A grid point validated once: the design (sizes filled in per layer), its LFSR degree and an accuracy memo
// per dot-product length (layers share few distinct input counts).
struct PreparedPoint {
  hw::LayerDesign design;
  int degree = 0;
  std::map<std::int64_t, double> accuracy;
};

// One layer's real weights, quantised once per precision and counted once per structure the counts depend
// on (precision, exact inputs, compared weight bits) rather than per grid point.
class WeightCounter {
 public:
  explicit WeightCounter(const core::WeightArray& weights) : weights_(weights) {}
  // A folded layer's counts are its spatial twin's and its memory's varying bits, which depend on the lanes
  // (not the memory kind), and a logic ROM's distinct columns.
  const WeightCounts& counts(const hw::LayerDesign& d) {
    const bool logic = d.fold.folded() && d.fold.memory == hw::WeightMemory::kLogic;
    const auto key = std::make_tuple(d.precision, hw::exact_inputs(d), compared_weight_bits(d),
                                     d.fold.neuron_lanes, d.fold.input_lanes, logic);
    auto [it, missing] = counts_.try_emplace(key);
    if (!missing) return it->second;
    if (!d.fold.folded()) {
      it->second = count_weights(d, quantised(d.precision));
    } else if (logic) {  // the same fold in block RAM, and the ROM's distinct columns
      hw::LayerDesign in_ram = d;
      in_ram.fold.memory = hw::WeightMemory::kBlockRam;
      WeightCounts rom = counts(in_ram);
      rom.memory_distinct_columns = folded_distinct_columns(d, quantised(d.precision).values);
      counts_[key] = rom;  // `it` may not survive the recursive insertion
    } else {
      hw::LayerDesign spatial = d;
      spatial.fold = {};
      WeightCounts folded = counts(spatial);
      folded.memory_varying_bits = column_counter(d).varying_columns(d.fold.input_lanes);
      counts_[key] = folded;
    }
    return counts_.at(key);
  }

 private:
  const hw::SignedLayerWeights& quantised(int precision) {
    auto [it, missing] = quantised_.try_emplace(precision);
    // Plans have no weight-bit knob: the weights keep the precision's bits.
    if (missing) it->second = hw::quantise_layer_weights(weights_, precision, precision, "weights");
    return it->second;
  }
  // The memory's varying columns of every input-lane count, per precision, weight bits and neuron lanes.
  const FoldedColumnCounter& column_counter(const hw::LayerDesign& d) {
    const auto key = std::make_tuple(d.precision, hw::effective_weight_bits(d), d.fold.neuron_lanes);
    auto it = columns_.find(key);
    if (it == columns_.end())
      it = columns_.emplace(key, FoldedColumnCounter(d, quantised(d.precision).values)).first;
    return it->second;
  }
  const core::WeightArray& weights_;
  std::map<std::tuple<int, int, int>, FoldedColumnCounter> columns_;
  std::map<int, hw::SignedLayerWeights> quantised_;
  std::map<std::tuple<int, int, int, int, int, bool>, WeightCounts> counts_;
};

struct TableContext {
  const Device& device;
  double clock_mhz;
  const CalibratedModel& hardware;
  const PowerModel& power;
  DeviceFmax fmax;
  bool folds = false;                      // add the folded candidates
  std::vector<hw::WeightMemory> memories;  // the weight memories the device offers
};

// Whole blocks of the device's block RAM for `bits` (bits the model counts in whole blocks already).
std::int64_t blocks_of(std::int64_t bits, const Device& device) {
  const auto block = static_cast<std::int64_t>(std::llround(device.bram_block_kbits * 1024));
  return block > 0 ? (bits + block - 1) / block : 0;
}

// One candidate: the layer with its share of the network top, as if it were not the first
// (default_planner.cpp adds the first layer's difference to the fixed part); fmax stays the layer's own.
CandidateCost candidate_cost(const hw::LayerDesign& d, const PreparedPoint& p, double accuracy,
                             const LayerActivity& activity, const WeightCounts* counts,
                             const TableContext& c) {
  const LayerHardware h = estimate_validated_layer_hardware(d, p.degree, c.hardware, counts);
  const LayerHardware glue = layer_glue(d, false, c.device.family, counts);
  const double dynamic_mw =
      layer_dynamic_power_mw(c.power, c.device, activity, h.luts + glue.luts, h.ffs + glue.ffs, c.clock_mhz);
  const double fmax_mhz =
      c.fmax.model ? c.fmax.scale * predict_layer_fmax_mhz(d, h.logic_cells, *c.fmax.model) : 0.0;
  CandidateCost cost{
      h.logic_cells + glue.logic_cells, dynamic_mw, layer_latency_cycles(d), accuracy, false, fmax_mhz};
  cost.bram_blocks = blocks_of(h.bram_bits, c.device);
  cost.spram_blocks = spram_blocks(d);
  cost.fold = d.fold;
  return cost;
}

// Whether the layer's chunks fit one SPRAM depth with the blocks side by side (hw::spram_layout).
bool holds_in_spram(const hw::LayerDesign& d) {
  try {
    hw::spram_layout(d);
    return true;
  } catch (const core::InputError&) {
    return false;
  }
}

// A layer's fold options; the network's first layer has each with more than one input slice twice: with its
// inputs in a register and in block RAM.
std::vector<hw::Fold> layer_fold_options(const hw::LayerDesign& shape, bool first_layer,
                                         const std::vector<hw::WeightMemory>& memories) {
  std::vector<hw::Fold> options = fold_options(shape.n_inputs, shape.n_neurons, memories);
  if (!first_layer) return options;
  const std::size_t count = options.size();
  for (std::size_t k = 0; k < count; ++k)
    if (options[k].input_lanes < shape.n_inputs) {
      hw::Fold in_memory = options[k];
      in_memory.input_memory = true;
      options.push_back(in_memory);
    }
  return options;
}

// The folded candidates of a layer: every SC point on every fold option, after the grid's points.
void add_folded_candidates(std::vector<CandidateCost>& table, std::vector<PreparedPoint>& points,
                           std::optional<WeightCounter>& counter, bool first_layer, const TableContext& c) {
  if (points.empty()) return;
  const hw::LayerDesign& shape = points.front().design;
  const std::vector<hw::Fold> options = layer_fold_options(shape, first_layer, c.memories);
  for (const hw::Fold& fold : options)
    for (std::size_t k = 0; k < points.size(); ++k) {
      if (points[k].design.mode != sim::ComputeMode::kSc) continue;
      hw::LayerDesign d = points[k].design;
      d.fold = fold;
      if (fold.memory == hw::WeightMemory::kSpram && !holds_in_spram(d)) continue;
      const WeightCounts* counts = counter ? &counter->counts(d) : nullptr;
      CandidateCost cost = candidate_cost(d, points[k], table[k].accuracy, layer_activity(d), counts, c);
      cost.point = static_cast<int>(k);
      table.push_back(cost);
    }
}

std::vector<CandidateCost> layer_cost_table(const LayerCostSpec& layer, std::vector<PreparedPoint>& points,
                                            const TableContext& c) {
  std::int64_t n_inputs = layer.n_inputs, n_neurons = layer.n_neurons;
  if (n_inputs <= 0 || n_neurons <= 0)
    std::tie(n_inputs, n_neurons) = layer_shape_of_mac_count(layer.mac_count);
  const int inputs = checked_int(n_inputs, "n_inputs");
  const int neurons = checked_int(n_neurons, "n_neurons");
  std::optional<WeightCounter> counter;
  if (layer.weights) counter.emplace(*layer.weights);
  std::vector<CandidateCost> table;
  table.reserve(points.size());
  for (PreparedPoint& p : points) {
    p.design.n_inputs = inputs;
    p.design.n_neurons = neurons;
    const WeightCounts* counts = counter ? &counter->counts(p.design) : nullptr;
    auto [it, missing] = p.accuracy.try_emplace(n_inputs, 0.0);
    if (missing) it->second = layer_accuracy(p.design);
    table.push_back(candidate_cost(p.design, p, it->second, layer_activity(p.design), counts, c));
  }
  if (c.folds) add_folded_candidates(table, points, counter, layer.first_layer, c);
  return table;
}

}  // namespace

std::vector<std::vector<CandidateCost>> GroundedCostModel::cost_tables(
    const std::vector<LayerCostSpec>& layers, const DesignGrid& grid) const {
  std::vector<PreparedPoint> prepared;
  prepared.reserve(grid.points.size());
  for (const DesignPoint& point : grid.points) {
    PreparedPoint p;
    p.design = layer_design(1, 1, point.bitstream_length, knobs_of(point, grid));
    p.degree = sim::parse_polynomial(p.design.polynomial).degree;
    prepared.push_back(std::move(p));
  }
  const TableContext context{*device_,
                             clock_mhz_,
                             calibrated_model_for_family(device_->family),
                             power_model_for(*device_),
                             device_fmax(*device_),
                             grid.folds && folded_model_for_family(device_->family) != nullptr,
                             weight_memories_of(*device_)};
  std::vector<std::vector<CandidateCost>> tables;
  tables.reserve(layers.size());
  for (const LayerCostSpec& layer : layers) tables.push_back(layer_cost_table(layer, prepared, context));
  return tables;
}

}  // namespace scn::model
