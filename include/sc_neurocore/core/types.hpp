// Plain value types of the optimiser, mirroring the published package's
// dataclasses field for field (docs/reference-behaviour.md §1.2.2, §1.3.2).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace scn::core {

// Compute modes and decorrelators travel as the published package's strings.
namespace mode {
inline constexpr const char* kSC = "SC";
inline constexpr const char* kDeterministic = "Deterministic";
inline constexpr const char* kHybrid = "Hybrid";
}  // namespace mode
namespace decorrelator {
inline constexpr const char* kNone = "None";
inline constexpr const char* kLFSR = "LFSR";
inline constexpr const char* kSobol = "Sobol";
inline constexpr const char* kHalton = "Halton";
inline constexpr const char* kSCC = "SCC_Decorrelator";
}  // namespace decorrelator

struct HardwareBudget {
  std::int64_t max_luts = 0;
  double max_power_mw = 0.0;
  std::int64_t max_latency_cycles = 0;  // 0 = no latency cap
  // A cap on the latency in microseconds at the plan's clock (0 = none). The default profile turns it into
  // cycles at the clock it plans at; the reference profile has no clock and refuses it.
  double max_latency_us = 0.0;
  bool operator==(const HardwareBudget&) const = default;
};

struct LayerProfile {
  std::string id;
  std::int64_t mac_count = 0;
  bool is_critical_path = false;
  // The layer's shape when known (both or neither; mac_count = n_inputs x n_neurons). The default profile
  // costs exactly this shape; without it, a square guess from mac_count. The reference profile ignores it.
  std::optional<std::int64_t> n_inputs{};
  std::optional<std::int64_t> n_neurons{};
  bool operator==(const LayerProfile&) const = default;
};

struct LayerConfig {
  std::int64_t bitstream_length = 0;
  std::string decorrelator;
  std::string mode;
  std::int64_t luts_used = 0;
  double power_used = 0.0;
  double accuracy_score = 0.0;
  std::int64_t latency_cycles = 0;
  bool operator==(const LayerConfig&) const = default;
};

struct ParetoPoint {
  std::int64_t luts = 0;
  double power_mw = 0.0;
  double score = 0.0;
  bool operator==(const ParetoPoint&) const = default;
};

// Per-layer configuration in network order (a Python dict id -> LayerConfig).
using LayerConfigMap = std::vector<std::pair<std::string, LayerConfig>>;

struct OptimizerReport {
  LayerConfigMap config;
  std::int64_t total_luts = 0;
  double total_power_mw = 0.0;
  std::int64_t total_latency_cycles = 0;
  double mean_accuracy = 0.0;
  std::vector<ParetoPoint> pareto_frontier;
};

struct TargetHardwareProfile {
  std::string name;
  HardwareBudget budget;
  double lut_weight = 0.35;
  double power_weight = 0.35;
  double latency_weight = 0.20;
  double accuracy_weight = 1.0;
  bool operator==(const TargetHardwareProfile&) const = default;
};

// A measured design point (benchmark or synthesis). Only real measurements belong here.
struct BenchmarkObservation {
  std::int64_t mac_count = 0;
  std::int64_t bitstream_length = 0;
  std::string decorrelator;
  std::string mode;
  std::int64_t precision_bits = 0;
  std::string lfsr_polynomial;
  std::int64_t luts_used = 0;
  double power_mw = 0.0;
  std::int64_t latency_cycles = 0;
  double accuracy_score = 0.0;
  bool is_critical_path = false;
  bool operator==(const BenchmarkObservation&) const = default;
};

struct SurrogateLayerConfig {
  std::int64_t bitstream_length = 0;
  std::string decorrelator;
  std::string mode;
  std::int64_t precision_bits = 0;
  std::string lfsr_polynomial;
  std::int64_t luts_used = 0;
  double power_used = 0.0;
  std::int64_t latency_cycles = 0;
  double accuracy_score = 0.0;
  double utility_score = 0.0;
  double fmax_mhz = 0.0;  // default profile: predicted after placement (0 = unknown)
  // Default profile: the shape the layer was costed as, "given" (by the network or its weights) or
  // "assumed" (the square guess from mac_count); empty in the reference profile.
  std::int64_t n_inputs = 0;
  std::int64_t n_neurons = 0;
  std::string shape{};
  // Default profile: where the chosen configuration's cost comes from: "measured" (an observation matched it,
  // e.g. from `synth`) or "model".
  std::string costs{};
  // Default profile: the layer's fold (docs/hardware.md, "Folded layers"): neuron_lanes 0 = spatial; and the
  // blocks of the device's block RAM the layer takes.
  std::int64_t neuron_lanes = 0;
  std::int64_t input_lanes = 0;
  std::string weight_memory{};
  bool input_memory = false;  // the first layer's inputs in block RAM (hw::Fold::input_memory)
  std::int64_t bram_blocks = 0;
  std::int64_t spram_blocks = 0;  // SB_SPRAM256KA of a layer folded into SPRAM
  bool operator==(const SurrogateLayerConfig&) const = default;
};

using SurrogateConfigMap = std::vector<std::pair<std::string, SurrogateLayerConfig>>;

// The default utilisation ceiling of the default profile: nextpnr-ice40 stops placing the generated designs
// before 100 % of the logic cells (docs/hardware.md, "Routable margin"); estimates, plans and fits keep this
// fraction of the device.
inline constexpr double kDefaultMaxUtilisation = 0.85;

// What a default-profile plan was costed on: the device, the unit and margin of its cell budget, the
// clock, and where the power figure comes from.
struct PlanHardware {
  std::string device;
  std::string lut_unit;  // the unit of luts_used / total_luts: ICESTORM_LC, LUT4, ...
  std::int64_t device_logic_cells = 0;
  double max_utilisation = 0.0;
  std::int64_t logic_cell_budget = 0;  // min(the target's LUT budget, max_utilisation x device cells)
  double clock_mhz = 0.0;
  std::string clock_basis;
  double fmax_mhz = 0.0;        // the slowest planned layer's predicted fmax (0 = not calibrated)
  double fixed_power_mw = 0.0;  // static + clock tree, included in total_power_mw
  std::string power_basis;
  double power_uncertainty_factor = 0.0;
  std::vector<std::string> warnings;
  std::int64_t bram_blocks = 0;         // the plan's block RAM, in whole blocks
  std::int64_t device_bram_blocks = 0;  // the device's, the plan's budget
  std::int64_t spram_blocks = 0;        // the plan's SPRAM blocks
  std::int64_t device_spram_blocks = 0;
  std::int64_t latency_cap_cycles = 0;  // the cap the plan was searched under, at clock_mhz (0 = none)
  double latency_cap_us = 0.0;          // the time budget it came from (0 = none given)
  bool operator==(const PlanHardware&) const = default;
};

// How good a default-profile plan is, and why there is none when nothing fits.
struct SearchCertificate {
  std::string solver;         // "branch-and-bound" or "cbc"
  double objective = 0.0;     // the network objective of the plan (docs/default-profile.md)
  double upper_bound = 0.0;   // no plan within the budget scores higher
  double relative_gap = 0.0;  // (upper_bound - objective) / max(1, |upper_bound|); 0 = proven optimal
  bool proven_optimal = false;
  std::int64_t nodes = 0;
  // When no plan fits: binding constraints and the smallest budgets that admit a plan.
  std::vector<std::string> binding;
  std::optional<std::int64_t> min_luts;
  std::optional<double> min_power_mw;
  std::optional<std::int64_t> min_latency_cycles;
};

struct SurrogateOptimizerReport {
  SurrogateConfigMap config;  // insertion order: critical layers first, then the rest
  std::int64_t total_luts = 0;
  double total_power_mw = 0.0;
  std::int64_t total_latency_cycles = 0;
  double mean_accuracy = 0.0;
  std::int64_t training_points = 0;
  std::string target_name;
  std::vector<std::string> rejected_layers;
  std::string profile = "reference";        // the profile that produced the report
  std::optional<SearchCertificate> search;  // default profile only
  std::optional<PlanHardware> hardware;     // default profile only
  // Whether every layer received a configuration.
  bool feasible() const { return rejected_layers.empty(); }
};

}  // namespace scn::core
