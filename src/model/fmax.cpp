#include "sc_neurocore/model/fmax.hpp"

#include <algorithm>
#include <cmath>

#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/hw/verilog.hpp"
#include "sc_neurocore/model/cells.hpp"
#include "sc_neurocore/model/folded_cells.hpp"
#include "sc_neurocore/sim/characterise.hpp"

namespace scn::model {
namespace {

const std::vector<FmaxModel> kFmaxModels = {
#include "calibrated/fmax.inc"
};

double log2_at_least_one(double value) { return std::log2(std::max(1.0, value)); }

}  // namespace

const std::array<const char*, kFmaxFeatureCount>& fmax_feature_names() {
  static const std::array<const char*, kFmaxFeatureCount> names = {
      "constant",       "comparator_bits",  "popcount_levels", "accumulator_bits", "exact_product_bits",
      "exact_sum_bits", "sobol_index_bits", "halton_rom",      "log2_cells",       "stream_fanout_log2"};
  return names;
}

FmaxFeatures fmax_features(const hw::LayerDesign& d, std::int64_t logic_cells) {
  const int exact = hw::exact_inputs(d);
  const int sc_inputs = d.n_inputs - exact;
  const bool sc = sc_inputs > 0;
  const double keep = 1.0 - d.sparsity;
  const double cycle_bits = std::floor(std::log2(std::max(1, d.bitstream_length))) + 1;
  FmaxFeatures f{};
  f[0] = 1.0;
  f[1] = sc ? d.precision : 0.0;
  // The adder tree sums the kept SC synapses of a neuron: one level per doubling.
  f[2] = sc ? std::ceil(log2_at_least_one(sc_inputs * keep + 1)) : 0.0;
  f[3] = sc ? hw::sc_ones_width(d) : 0.0;
  f[4] = exact > 0 ? d.precision + effective_weight_bits(d) : 0.0;
  f[5] = exact > 0 ? hw::exact_sum_width(d) : 0.0;
  f[6] = sc && d.generator == sim::Generator::kSobol ? cycle_bits : 0.0;
  f[7] = sc && d.generator == sim::Generator::kHalton ? 1.0 : 0.0;
  f[8] = log2_at_least_one(static_cast<double>(logic_cells));
  // Each input stream drives one AND per neuron.
  f[9] = sc ? log2_at_least_one(d.n_neurons) : 0.0;
  return f;
}

const FmaxModel* fmax_model_for_family(const std::string& family) {
  for (const auto& m : kFmaxModels)
    if (m.family == family) return &m;
  return nullptr;
}

double predict_layer_fmax_mhz(const hw::LayerDesign& d, std::int64_t logic_cells, const FmaxModel& model) {
  if (d.fold.folded()) return predict_folded_fmax_mhz(d, logic_cells, model.family);
  const FmaxFeatures f = fmax_features(d, logic_cells);
  double delay = 0.0;
  for (std::size_t k = 0; k < kFmaxFeatureCount; ++k) delay += model.delay_ns[k] * f[k];
  return delay > 0 ? 1000.0 / delay : 0.0;
}

const SeriesSpeed* FmaxModel::speed(const std::string& series) const {
  for (const auto& s : speeds)
    if (s.series == series) return &s;
  return nullptr;
}

double met_clock_mhz(double fmax, double cap) {
  return std::min(cap, std::floor(kClockMargin * fmax * 10.0) / 10.0);
}

std::string met_clock_basis(double fmax, double cap, double clock) {
  return "planned: " + core::py::fixed(kClockMargin, 2) + " x the predicted fmax " +
         core::py::fixed(fmax, 1) + " MHz" +
         (clock >= cap ? ", capped at the device's calibrated " + core::py::fixed(cap, 1) + " MHz" : "");
}

}  // namespace scn::model
