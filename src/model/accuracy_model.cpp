#include "sc_neurocore/model/accuracy_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <tuple>

#include "sc_neurocore/sim/characterise.hpp"

namespace scn::model {
namespace {

using Key = std::tuple<int, sim::Generator, std::string, int, sim::ComputeMode>;
using Curve = std::map<int, sim::CharacterisationRow>;  // mac count -> row

// Deterministic rows ignore length, generator and polynomial.
Key key_of(int length, sim::Generator generator, const std::string& polynomial, int precision,
           sim::ComputeMode mode) {
  if (mode == sim::ComputeMode::kDeterministic) return {1, sim::Generator::kNone, "", precision, mode};
  return {length, generator, sim::uses_polynomial(generator) ? polynomial : "none", precision, mode};
}

class AccuracyTable {
 public:
  AccuracyTable() {
    for (const auto& row : sim::committed_characterisation())
      curves_[key_of(row.length, row.generator, row.polynomial, row.precision, row.mode)][row.mac_count] =
          row;
  }

  const Curve& curve(const AccuracyQuery& q, const std::string& polynomial) {
    const Key key = key_of(q.bitstream_length, q.generator, polynomial, q.precision, q.mode);
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = curves_.find(key);
    if (it != curves_.end()) return it->second;
    // Not in the committed table: simulate the same cells now (same definition, draws and seed).
    const sim::CharacterisationSpec spec;
    Curve curve;
    for (const int m : spec.mac_counts) {
      curve[m] =
          sim::characterise_cell(std::get<0>(key), q.generator,
                                 sim::uses_polynomial(q.generator) ? polynomial : sim::kDefaultPolynomial,
                                 q.precision, q.mode, m, spec.draws, spec.seed);
    }
    return curves_.emplace(key, std::move(curve)).first->second;
  }

 private:
  std::mutex mutex_;
  std::map<Key, Curve> curves_;
};

struct Domain {
  bool hardware_inputs;
  bool bias_corrected;
};

const sim::ErrorStats& stats_of(const sim::CharacterisationRow& row, Domain d) {
  if (d.bias_corrected) return d.hardware_inputs ? row.corrected_integer : row.corrected_real;
  return d.hardware_inputs ? row.integer : row.real;
}

// Between two characterised mac counts: the spreads (which fall like 1/sqrt(M)) geometrically, the bias
// linearly, and the score and SNR from the blended RMSE and spread, so the curve follows the error's
// structure instead of a straight line through two scores.
sim::ErrorStats blend(const sim::ErrorStats& a, const sim::ErrorStats& b, double t) {
  const auto linear = [t](double x, double y) { return x + (y - x) * t; };
  const auto geometric = [&](double x, double y) {
    return x > 0.0 && y > 0.0 ? std::exp(linear(std::log(x), std::log(y))) : linear(x, y);
  };
  sim::ErrorStats s;
  s.mae = geometric(a.mae, b.mae);
  s.rmse = geometric(a.rmse, b.rmse);
  s.bias = linear(a.bias, b.bias);
  s.noise_rmse = geometric(a.noise_rmse, b.noise_rmse);
  s.exact_std = geometric(a.exact_std, b.exact_std);
  sim::set_scores(s, s.rmse * s.rmse, s.exact_std * s.exact_std);
  return s;
}

// Blended in log2(M) between the characterised mac counts, constant beyond them.
sim::ErrorStats interpolate(const Curve& curve, double mac_count, Domain domain) {
  const double x = std::log2(std::max(1.0, mac_count));
  auto upper = curve.lower_bound(static_cast<int>(std::ceil(mac_count)));
  if (upper == curve.begin()) return stats_of(upper->second, domain);
  if (upper == curve.end()) return stats_of(std::prev(upper)->second, domain);
  const auto lower = std::prev(upper);
  const double x0 = std::log2(static_cast<double>(lower->first));
  const double x1 = std::log2(static_cast<double>(upper->first));
  const double t = std::clamp((x - x0) / (x1 - x0), 0.0, 1.0);
  return blend(stats_of(lower->second, domain), stats_of(upper->second, domain), t);
}

}  // namespace

sim::ErrorStats characterised_error(const AccuracyQuery& query) {
  static AccuracyTable table;
  const std::string polynomial = sim::uses_polynomial(query.generator)
                                     ? sim::polynomial_text(sim::parse_polynomial(query.polynomial))
                                     : "none";
  // A deterministic layer has no stream error to correct.
  const bool corrected = query.bias_corrected && query.mode != sim::ComputeMode::kDeterministic;
  return interpolate(table.curve(query, polynomial), static_cast<double>(query.mac_count),
                     Domain{query.hardware_inputs, corrected});
}

double characterised_accuracy(const AccuracyQuery& query) { return characterised_error(query).accuracy; }

}  // namespace scn::model
