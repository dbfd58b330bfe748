// The default profile's cost model, grounded in measurement: LUTs, flip-flops
// and BRAM from the synthesis-calibrated model of the generated layer
// (hw/cost_model.hpp), accuracy from the bit-true characterisation table
// (accuracy_model.hpp), power from the switched cells, latency and energy
// from the bitstream length and clock (docs/default-profile.md).
#pragma once

#include <cstdint>
#include <string>

#include "sc_neurocore/design_space.hpp"
#include "sc_neurocore/hw/cost_model.hpp"
#include "sc_neurocore/targets.hpp"

namespace scn {

// The per-layer knobs an estimate or plan turns (beyond the bitstream length).
struct LayerKnobs {
  int precision = 8;
  int weight_bits = 0;  // 0 = precision
  std::string generator = "lfsr";
  std::string polynomial = hw::kDefaultPolynomial;
  std::string mode = "sc";
  double sparsity = 0.0;
  bool operator==(const LayerKnobs&) const = default;
};

// One latency convention for the whole default profile (estimator and
// planner alike): layers are pipelined. Each layer takes L + 2 cycles (reset/
// load, L stream cycles, output register) and works on the next inference
// while the following layer works on this one, so the network's latency
// figure (its initiation interval) is the maximum over layers, every layer
// switches in every interval, and energy per inference = total power x that
// interval. One inference's end-to-end delay, the sum, is reported beside it.
inline constexpr const char* kLatencyConvention = "pipelined";
// Toggle rate of SC logic (random streams: half the cycles).
inline constexpr double kScActivity = 0.5;

struct GroundedLayerCost {
  std::int64_t luts = 0;
  std::int64_t ffs = 0;
  std::int64_t bram_bits = 0;
  double power_mw = 0.0;
  std::int64_t latency_cycles = 0;
  double accuracy_score = 0.0;
  std::string hardware_model;
};

// The layer design the knobs describe (validated; InputError names the knob).
hw::LayerDesign layer_design(std::int64_t n_inputs, std::int64_t n_neurons, std::int64_t bitstream_length,
                             const LayerKnobs& knobs);

GroundedLayerCost grounded_layer_cost(const hw::LayerDesign& design, const FpgaTarget& target,
                                      double clock_mhz);

// A layer known only by its MAC count M is costed as a square-ish dense layer:
// n_inputs = ceil(sqrt(M)), n_neurons = ceil(M / n_inputs).
std::pair<std::int64_t, std::int64_t> layer_shape_of_mac_count(std::int64_t mac_count);

// The CostModel the default planner searches over.
class GroundedCostModel final : public CostModel {
 public:
  explicit GroundedCostModel(std::string target_key = "ice40", double clock_mhz = 100.0);
  std::string name() const override { return "grounded"; }
  CandidateCost cost(std::int64_t mac_count, const DesignPoint& point, const DesignGrid& grid) const override;
  // Validates and looks up each grid point once, then costs every MAC count from plain numbers.
  std::vector<std::vector<CandidateCost>> cost_tables(const std::vector<std::int64_t>& mac_counts,
                                                      const DesignGrid& grid) const override;

 private:
  const FpgaTarget* target_;
  double clock_mhz_;
};

}  // namespace scn
