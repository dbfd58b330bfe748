// The published analytical SC cost model (docs/reference-behaviour.md §1.2.4) and the
// surrogate optimiser's per-candidate label built on it (docs/reference-behaviour.md §1.3.6). These are
// the reference profile's "physics"; every formula keeps Python's evaluation
// order and integer truncation so results match bit for bit.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace scn::model {

struct ResourceEstimate {
  std::int64_t luts = 0;
  double power_mw = 0.0;
  double accuracy = 0.0;
  std::int64_t latency_cycles = 0;
  bool operator==(const ResourceEstimate&) const = default;
};

// SCOptimizer._estimate_resources(mac_count, length, decorr, mode).
// Throws InputError when length <= 0 (Python raises a math domain error).
ResourceEstimate estimate_sc_resources(std::int64_t mac_count, std::int64_t bitstream_length,
                                       std::string_view decorrelator, std::string_view mode);

// LFSR polynomial "quality" bonus of the surrogate grid (docs/reference-behaviour.md §1.3.1); 0 for unknown
// strings.
double lfsr_polynomial_quality(std::string_view polynomial);

// A point of the surrogate's design grid (docs/reference-behaviour.md §1.3.2 internal candidate).
struct SurrogateCandidate {
  std::int64_t mac_count = 0;
  bool is_critical_path = false;
  std::int64_t bitstream_length = 0;
  std::string decorrelator;
  std::string mode;
  std::int64_t precision_bits = 0;
  std::string lfsr_polynomial;
  bool operator==(const SurrogateCandidate&) const = default;
};

// The surrogate's label (docs/reference-behaviour.md §1.3.2 internal label): all floats.
struct SurrogateLabel {
  double luts = 0.0;
  double power_mw = 0.0;
  double latency_cycles = 0.0;
  double accuracy = 0.0;
};

// Analytical label of a candidate (docs/reference-behaviour.md §1.3.6): precision scaling, precision
// penalty, polynomial bonus and the final clamps.
SurrogateLabel analytical_label(const SurrogateCandidate& candidate);

}  // namespace scn::model
