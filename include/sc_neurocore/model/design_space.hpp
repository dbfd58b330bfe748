// The SC design space in compact form: decorrelator and mode kinds, the
// published candidate grid (docs/reference-behaviour.md §1.3.5) as plain knob tuples,
// and the cost-model interface the default profile searches over.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sc_neurocore/core/weight_array.hpp"
#include "sc_neurocore/hw/layer_design.hpp"

namespace scn::model {

enum class DecorrelatorKind : std::uint8_t { kNone, kLFSR, kSobol, kHalton, kSCC };
enum class ModeKind : std::uint8_t { kSC, kHybrid, kDeterministic };

// The published spellings: "None", "LFSR", "Sobol", "Halton", "SCC_Decorrelator"; "SC", "Hybrid",
// "Deterministic".
const char* decorrelator_name(DecorrelatorKind kind);
const char* mode_name(ModeKind kind);

// Case-insensitive and validated (default profile): "sobol", "SOBOL" -> kSobol; "scc" and
// "scc_decorrelator" -> kSCC; "none" -> kNone. Throws InputError listing the valid names otherwise.
DecorrelatorKind parse_decorrelator(std::string_view name);
ModeKind parse_mode(std::string_view name);

// One point of the grid: every knob except the layer's MAC count.
struct DesignPoint {
  std::int64_t bitstream_length = 0;
  std::int64_t precision_bits = 0;
  DecorrelatorKind decorrelator = DecorrelatorKind::kNone;
  ModeKind mode = ModeKind::kSC;
  int polynomial = -1;  // index into DesignGrid::polynomials; -1 = "none"
  bool operator==(const DesignPoint&) const = default;
};

struct DesignGrid {
  std::vector<DesignPoint> points;       // the published order
  std::vector<std::string> polynomials;  // as configured (order and duplicates kept)
  // The default profile also folds every SC point onto the fold options of each layer (fold_options): a
  // layer's table then holds the grid's points in order, then its folded candidates.
  bool folds = false;
  const std::string& polynomial_name(const DesignPoint& point) const;
};

// SC then Hybrid: lengths (ascending) x precisions (ascending) x decorrelators,
// LFSR once per polynomial; then one Deterministic point (length 1, precision 16).
DesignGrid make_design_grid(const std::vector<std::int64_t>& bitstream_lengths,
                            const std::vector<std::int64_t>& precisions,
                            const std::vector<std::string>& polynomials);

// What a candidate costs. Costs are never negative.
struct CandidateCost {
  std::int64_t luts = 0;
  double power_mw = 0.0;
  std::int64_t latency_cycles = 0;
  double accuracy = 0.0;
  bool measured = false;          // true when a measured observation supplied it
  double fmax_mhz = 0.0;          // predicted after placement (default profile; 0 = unknown)
  std::int64_t bram_blocks = 0;   // whole blocks of the device's block RAM
  std::int64_t spram_blocks = 0;  // SB_SPRAM256KA of a layer folded into SPRAM
  hw::Fold fold{};                // not folded: the grid point's spatial layer
  int point = -1;                 // a folded candidate's grid point; -1: the table position is the point
  bool operator==(const CandidateCost&) const = default;
};

// The fold options the default planner costs for a layer (docs/hardware.md, "Folded layers"): neuron lanes
// and input lanes each a power of two below the layer's size or the size itself, fewer lanes than synapses,
// on each of `memories`.
std::vector<hw::Fold> fold_options(std::int64_t n_inputs, std::int64_t n_neurons,
                                   const std::vector<hw::WeightMemory>& memories);

// What a layer's candidate costs may depend on besides the grid point: a model uses the shape and the
// weights, or only the MAC count (the analytical label). Layers with equal specs share one cost table.
struct LayerCostSpec {
  std::int64_t mac_count = 0;
  std::int64_t n_inputs = 0;  // the shape to cost; 0 = the model's guess from mac_count
  std::int64_t n_neurons = 0;
  const core::WeightArray* weights = nullptr;  // n_inputs x n_neurons trained weights; nullptr = none
  // The network's first layer: its folds may also keep the inputs in block RAM (hw::Fold::input_memory).
  bool first_layer = false;
  bool operator==(const LayerCostSpec&) const = default;
};

// A cost model of the default profile: the grounded model (grounded_model.hpp)
// or the published analytical formulas, behind one interface.
class CostModel {
 public:
  virtual ~CostModel() = default;
  virtual std::string name() const = 0;
  virtual CandidateCost cost(std::int64_t mac_count, const DesignPoint& point,
                             const DesignGrid& grid) const = 0;
  // Every grid point for every layer: tables[k][p] = the cost of layers[k] at grid.points[p]; by default
  // cost(layers[k].mac_count, grid.points[p]). Models with per-point set-up, or that see shapes and weights,
  // override it.
  virtual std::vector<std::vector<CandidateCost>> cost_tables(const std::vector<LayerCostSpec>& layers,
                                                              const DesignGrid& grid) const;
};

// The published analytical label (docs/reference-behaviour.md §1.3.6) used as a
// model: exact, cheap and never negative, unlike the ridge surrogate fitted to it.
class AnalyticalCostModel final : public CostModel {
 public:
  std::string name() const override { return "analytical"; }
  CandidateCost cost(std::int64_t mac_count, const DesignPoint& point, const DesignGrid& grid) const override;
};

}  // namespace scn::model
