#include "sc_neurocore/model/sc_cost_model.hpp"

#include <algorithm>
#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/core/types.hpp"
#include "sc_neurocore/sim/polynomial.hpp"

namespace scn::model {
namespace {

using core::py::truncate_to_int;

ResourceEstimate deterministic_estimate(std::int64_t mac_count) {
  const auto m = static_cast<double>(mac_count);
  return {120 * mac_count, 0.5 * m, 1.0, 1};
}

// 70 % of the MACs in SC, 30 % deterministic.
ResourceEstimate hybrid_estimate(std::int64_t mac_count, std::int64_t length, std::int64_t log2_length,
                                 std::string_view decorrelator) {
  const auto m = static_cast<double>(mac_count);
  const auto l = static_cast<double>(length);
  const std::int64_t sc_luts = truncate_to_int(0.7 * m) * 2 + log2_length * 5;
  const std::int64_t det_luts = truncate_to_int(0.3 * m) * 120;
  ResourceEstimate estimate{sc_luts + det_luts, 0.7 * m * 0.01 * (l / 256) + 0.3 * m * 0.5, 0.95, length};
  if (decorrelator == core::decorrelator::kSobol) {
    estimate.luts += truncate_to_int(0.7 * m * 15);
    estimate.accuracy = 0.97;
  } else if (decorrelator == core::decorrelator::kLFSR) {
    estimate.luts += 16;
    estimate.accuracy = 0.96;
  }
  estimate.accuracy = std::min(estimate.accuracy, 1.0);
  return estimate;
}

ResourceEstimate sc_estimate(std::int64_t mac_count, std::int64_t length, std::int64_t log2_length,
                             std::string_view decorrelator) {
  const auto m = static_cast<double>(mac_count);
  const auto l = static_cast<double>(length);
  ResourceEstimate estimate{2 * mac_count + log2_length * 5, 0.01 * m * (l / 256), 0.0, length};
  if (decorrelator == core::decorrelator::kSobol) {
    estimate.luts += 15 * mac_count;
    estimate.accuracy = 1.0 - 1.0 / l;
  } else if (decorrelator == core::decorrelator::kHalton) {
    estimate.luts += 12 * mac_count;
    estimate.accuracy = 1.0 - 1.2 / l;
  } else if (decorrelator == core::decorrelator::kSCC) {
    estimate.luts += 8 * mac_count;
    estimate.accuracy = 1.0 - 1.5 / l;
  } else if (decorrelator == core::decorrelator::kLFSR) {
    estimate.luts += 16;
    estimate.accuracy = 1.0 - 1.0 / std::sqrt(l);
  } else {
    estimate.accuracy = 1.0 - 2.0 / std::sqrt(l);
  }
  estimate.accuracy = std::max(0.1, std::min(1.0, estimate.accuracy));
  return estimate;
}

}  // namespace

ResourceEstimate estimate_sc_resources(std::int64_t mac_count, std::int64_t bitstream_length,
                                       std::string_view decorrelator, std::string_view mode) {
  if (bitstream_length <= 0) {
    throw core::InputError("bitstream length must be positive, got " + std::to_string(bitstream_length));
  }
  const std::int64_t log2_length = truncate_to_int(std::log2(static_cast<double>(bitstream_length)));
  if (mode == core::mode::kDeterministic) return deterministic_estimate(mac_count);
  if (mode == core::mode::kHybrid)
    return hybrid_estimate(mac_count, bitstream_length, log2_length, decorrelator);
  // Any other mode string falls through to SC, as in the published code.
  return sc_estimate(mac_count, bitstream_length, log2_length, decorrelator);
}

double lfsr_polynomial_quality(std::string_view polynomial) {
  if (polynomial == sim::kPublishedPolynomials[0]) return 0.006;
  if (polynomial == sim::kPublishedPolynomials[1]) return 0.003;
  if (polynomial == sim::kPublishedPolynomials[2]) return 0.001;
  return 0.0;
}

SurrogateLabel analytical_label(const SurrogateCandidate& candidate) {
  const ResourceEstimate base = estimate_sc_resources(candidate.mac_count, candidate.bitstream_length,
                                                      candidate.decorrelator, candidate.mode);
  auto luts = static_cast<double>(base.luts);
  double power = base.power_mw;
  double accuracy = base.accuracy;
  if (candidate.mode != core::mode::kDeterministic) {
    const double scale = static_cast<double>(candidate.precision_bits) / 16;
    luts = static_cast<double>(truncate_to_int(luts * (0.70 + 0.30 * scale)));
    power = power * (0.60 + 0.40 * scale);
    accuracy -= std::max(0.0, static_cast<double>(8 - candidate.precision_bits) * 0.012);
    accuracy += lfsr_polynomial_quality(candidate.lfsr_polynomial);
  }
  return {std::max(1.0, luts), std::max(1e-9, power),
          static_cast<double>(std::max<std::int64_t>(1, base.latency_cycles)),
          std::min(1.0, std::max(0.1, accuracy))};
}

}  // namespace scn::model
