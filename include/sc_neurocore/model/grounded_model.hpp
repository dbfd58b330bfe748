// The default profile's cost model, grounded in measurement: LUTs, carries,
// flip-flops, packed logic cells and BRAM from the calibrated model of the
// generated layer (model/cells.hpp), fmax from its critical structure
// (model/fmax.hpp), power from its simulated switching activity
// (model/power.hpp), accuracy from the bit-true characterisation table
// (accuracy_model.hpp), latency and energy from the bitstream length and the
// clock (docs/default-profile.md). The device comes from the catalogue
// (model/devices.hpp).
#pragma once

#include <cstdint>
#include <string>

#include "sc_neurocore/model/accuracy_model.hpp"
#include "sc_neurocore/model/cells.hpp"
#include "sc_neurocore/model/design_space.hpp"
#include "sc_neurocore/model/devices.hpp"

namespace scn::model {

// The per-layer knobs an estimate or plan turns (beyond the bitstream length).
struct LayerKnobs {
  int precision = 8;
  int weight_bits = 0;  // 0 = precision
  std::string generator = "lfsr";
  std::string polynomial = sim::kDefaultPolynomial;
  std::string mode = "sc";
  double sparsity = 0.0;
  hw::Fold fold{};  // not folded by default (docs/hardware.md, "Folded layers")
  bool operator==(const LayerKnobs&) const = default;
};

// One latency convention for the whole default profile (estimator, planner, reports and the build's
// comparison alike): the cycles the emitted network takes for one inference. Its controller runs the layers
// one after another, so the latency is a cycle per input word, every layer's L + 2 cycles (restart pulse, L
// stream cycles, one for a deterministic layer, activation latch) and a cycle per output word
// (hw::cycles_per_inference; the Icarus tests measure it). Power is costed as if every layer switched all the
// time, so energy per inference = total power x that latency is an upper bound.
inline constexpr const char* kLatencyConvention = "sequential";
// That latency of a network whose layers have these designs (a deterministic layer's length is ignored).
std::int64_t network_latency_cycles(const std::vector<hw::LayerDesign>& layers);
// Toggle rate of SC logic (random streams: half the cycles).
inline constexpr double kScActivity = 0.5;

struct GroundedLayerCost {
  std::int64_t luts = 0;
  std::int64_t ffs = 0;
  std::int64_t carry_cells = 0;
  std::int64_t logic_cells = 0;  // in the device's logic unit: what decides fitting
  std::int64_t bram_bits = 0;
  double power_mw = 0.0;  // the layer's dynamic power at the clock
  std::int64_t latency_cycles = 0;
  double accuracy_score = 0.0;
  double fmax_mhz = 0.0;  // 0 when the family has no fmax calibration
  double toggles_per_cycle =
      0.0;  // simulated switching activity (model/activity.hpp), before netlist scaling
  std::string hardware_model;
};

// The layer design the knobs describe (validated; InputError names the knob).
hw::LayerDesign layer_design(std::int64_t n_inputs, std::int64_t n_neurons, std::int64_t bitstream_length,
                             const LayerKnobs& knobs);

// The characterisation query of a layer's knobs, as the planner judges it (real-valued operands, bias
// corrected); `simulate` sets hardware_inputs and the plan's bias correction on top.
AccuracyQuery accuracy_query_of(const hw::LayerDesign& d);

// `weights`: the counts of the layer's real weights (model/cells.hpp), else the knobs' expectation.
GroundedLayerCost grounded_layer_cost(const hw::LayerDesign& design, const Device& device, double clock_mhz,
                                      const WeightCounts* weights = nullptr);

// The clock an estimate or plan runs at when none is requested: the device family's calibrated clock (the
// median fmax of the placed calibration layers), else 100 MHz for a family without an fmax calibration.
double default_clock_mhz(const Device& device);
// Where `default_clock_mhz` comes from, for reports.
std::string clock_basis(const Device& device, bool requested);

// floor(max_utilisation x the device's logic cells); InputError unless 0 < max_utilisation <= 1.
std::int64_t logic_cell_ceiling(const Device& device, double max_utilisation);

// A layer known only by its MAC count M is costed as a square-ish dense layer:
// n_inputs = ceil(sqrt(M)), n_neurons = ceil(M / n_inputs).
std::pair<std::int64_t, std::int64_t> layer_shape_of_mac_count(std::int64_t mac_count);

// The layer design of a grid point at a shape (the planner's view of one candidate).
hw::LayerDesign point_design(std::int64_t n_inputs, std::int64_t n_neurons, const DesignPoint& point,
                             const DesignGrid& grid);

// The CostModel the default planner searches over. A candidate's cells include the layer's share of the
// network top's glue as a layer that is not the first (model/glue.hpp); the planner adds the first and the
// last layer's own shares (search/default_planner.hpp).
class GroundedCostModel final : public CostModel {
 public:
  // clock_mhz 0 = the device's default clock.
  explicit GroundedCostModel(std::string device_key = "ice40", double clock_mhz = 0.0);
  std::string name() const override { return "grounded"; }
  CandidateCost cost(std::int64_t mac_count, const DesignPoint& point, const DesignGrid& grid) const override;
  // Validates and looks up each grid point once, then costs every layer from plain numbers: its shape (the
  // square guess when the spec has none) and, with weights, their counts (model/cells.hpp WeightCounts:
  // quantised at each precision b with q = b weight bits, counted once per structure they depend on).
  std::vector<std::vector<CandidateCost>> cost_tables(const std::vector<LayerCostSpec>& layers,
                                                      const DesignGrid& grid) const override;
  const Device& device() const { return *device_; }
  double clock_mhz() const { return clock_mhz_; }

 private:
  const Device* device_;
  double clock_mhz_;
};

}  // namespace scn::model
