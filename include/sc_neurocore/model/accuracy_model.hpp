// Accuracy of an SC design point, measured by the bit-true simulator: the
// characterisation table (docs/characterisation.md), interpolated in log2 of
// the MAC count; uncharacterised points are simulated on first use.
#pragma once

#include <cstdint>
#include <string>

#include "sc_neurocore/sim/characterise.hpp"
#include "sc_neurocore/sim/streams.hpp"

namespace scn::model {

struct AccuracyQuery {
  std::int64_t mac_count = 1;
  int bitstream_length = 256;
  sim::Generator generator = sim::Generator::kLfsr;
  std::string polynomial = sim::kDefaultPolynomial;  // LFSR-based generators only
  int precision = 8;
  sim::ComputeMode mode = sim::ComputeMode::kSc;
  // false: operands real-valued (the error against the float network, quantisation included; what the
  // planner judges a design by); true: operands already on the b-bit grid, as the generated hardware
  // receives them (the error against the exact integer computation; what `simulate` measures).
  bool hardware_inputs = false;
  // true: after the generated hardware's per-neuron bias correction (the default of every plan layer).
  bool bias_corrected = true;
};

// accuracy_score in [0, 1]: 1 - RMSE / std(exact dot product), so a constant output scores 0.
double characterised_accuracy(const AccuracyQuery& query);

// All the characterised statistics of the query's domain, interpolated like the score.
sim::ErrorStats characterised_error(const AccuracyQuery& query);

}  // namespace scn::model
