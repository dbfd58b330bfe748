// Accuracy of an SC design point, measured by the bit-true simulator: the
// characterisation table (docs/characterisation.md), interpolated in log2 of
// the MAC count; uncharacterised points are simulated on first use.
#pragma once

#include <cstdint>
#include <string>

#include "sc_neurocore/sim/streams.hpp"

namespace scn {

struct AccuracyQuery {
  std::int64_t mac_count = 1;
  int bitstream_length = 256;
  sim::Generator generator = sim::Generator::kLfsr;
  std::string polynomial = "x16+x14+x13+x11+1";  // LFSR-based generators only
  int precision = 8;
  sim::ComputeMode mode = sim::ComputeMode::kSc;
};

// accuracy_score in [0, 1] (1 - RMSE / RMS of the exact dot product).
double characterised_accuracy(const AccuracyQuery& query);

}  // namespace scn
