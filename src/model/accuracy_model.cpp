#include "sc_neurocore/accuracy_model.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <tuple>

#include "sc_neurocore/sim/characterise.hpp"

namespace scn {
namespace {

using Key = std::tuple<int, sim::Generator, std::string, int, sim::ComputeMode>;
using Curve = std::map<int, double>;  // mac count -> accuracy

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
          row.accuracy;
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
      curve[m] = sim::characterise_cell(std::get<0>(key), q.generator,
                                        sim::uses_polynomial(q.generator) ? polynomial : "x16+x14+x13+x11+1",
                                        q.precision, q.mode, m, spec.draws, spec.seed)
                     .accuracy;
    }
    return curves_.emplace(key, std::move(curve)).first->second;
  }

 private:
  std::mutex mutex_;
  std::map<Key, Curve> curves_;
};

double interpolate(const Curve& curve, double mac_count) {
  const double x = std::log2(std::max(1.0, mac_count));
  auto upper = curve.lower_bound(static_cast<int>(std::ceil(mac_count)));
  if (upper == curve.begin()) return upper->second;
  if (upper == curve.end()) return std::prev(upper)->second;
  const auto lower = std::prev(upper);
  if (upper->first == lower->first) return upper->second;
  const double x0 = std::log2(static_cast<double>(lower->first));
  const double x1 = std::log2(static_cast<double>(upper->first));
  const double t = std::clamp((x - x0) / (x1 - x0), 0.0, 1.0);
  return lower->second + (upper->second - lower->second) * t;
}

}  // namespace

double characterised_accuracy(const AccuracyQuery& query) {
  static AccuracyTable table;
  const std::string polynomial = sim::uses_polynomial(query.generator)
                                     ? sim::polynomial_text(sim::parse_polynomial(query.polynomial))
                                     : "none";
  return interpolate(table.curve(query, polynomial), static_cast<double>(query.mac_count));
}

}  // namespace scn
