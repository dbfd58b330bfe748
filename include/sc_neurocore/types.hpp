// Plain value types of the optimiser, mirroring the published package's
// dataclasses field for field (reference-behaviour §1.2.2, §1.3.2).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace scn {

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
  bool operator==(const HardwareBudget&) const = default;
};

struct LayerProfile {
  std::string id;
  std::int64_t mac_count = 0;
  bool is_critical_path = false;
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
  bool operator==(const SurrogateLayerConfig&) const = default;
};

using SurrogateConfigMap = std::vector<std::pair<std::string, SurrogateLayerConfig>>;

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
  // Whether every layer received a configuration.
  bool feasible() const { return rejected_layers.empty(); }
};

}  // namespace scn
