#include "sc_neurocore/model/fmax.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "nnls.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/hw/verilog.hpp"
#include "sc_neurocore/model/cells.hpp"
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

FmaxModel fit_fmax_model(const std::vector<FmaxMeasurement>& rows, const std::string& family,
                         const std::string& device, const std::string& source) {
  if (rows.size() < 2 * kFmaxFeatureCount)
    throw core::InputError("the fmax fit needs at least " + std::to_string(2 * kFmaxFeatureCount) +
                           " placed layers, got " + std::to_string(rows.size()));
  std::vector<std::vector<double>> a;
  std::vector<double> delay;
  std::vector<double> fmax;
  for (const auto& row : rows) {
    const auto f = fmax_features(row.design, static_cast<std::int64_t>(row.logic_cells));
    a.emplace_back(f.begin(), f.end());
    delay.push_back(1000.0 / row.fmax_mhz);
    fmax.push_back(row.fmax_mhz);
  }
  const std::vector<double> x = fit_nonnegative_relative(a, delay);
  FmaxModel model;
  model.family = family;
  model.device = device;
  model.source = source;
  std::copy(x.begin(), x.end(), model.delay_ns.begin());
  std::sort(fmax.begin(), fmax.end());
  const std::size_t mid = fmax.size() / 2;
  const double median = fmax.size() % 2 ? fmax[mid] : 0.5 * (fmax[mid - 1] + fmax[mid]);
  model.calibrated_clock_mhz = std::floor(median);
  return model;
}

std::vector<FmaxMeasurement> read_fmax_measurements_csv(const std::string& path) {
  std::vector<FmaxMeasurement> out;
  for (const Measurement& m : read_measurements_csv(path)) {
    if (m.placed != "routed") continue;
    if (!(m.fmax_mhz > 0) || m.logic_cells < 0)
      throw core::InputError(path + ": routed layer " + m.module +
                             " needs a positive fmax_mhz and its logic_cells");
    out.push_back({m.design, m.logic_cells, m.fmax_mhz});
  }
  return out;
}

namespace {

// module -> fmax of the rows a measurements CSV says nextpnr routed.
std::map<std::string, double> routed_fmax_by_module(const std::string& path) {
  std::map<std::string, double> out;
  for (const Measurement& m : read_measurements_csv(path))
    if (m.placed == "routed") out[m.module] = m.fmax_mhz;
  return out;
}

}  // namespace

SeriesSpeed measure_series_speed(const std::string& series, const std::string& calibration_csv,
                                 const std::string& device_csv) {
  const auto base = routed_fmax_by_module(calibration_csv);
  std::vector<double> ratios;
  for (const auto& [module, fmax] : routed_fmax_by_module(device_csv))
    if (const auto it = base.find(module); it != base.end()) ratios.push_back(fmax / it->second);
  if (ratios.empty())
    throw core::InputError(device_csv + ": no routed layer matches one of " + calibration_csv);
  std::sort(ratios.begin(), ratios.end());
  const std::size_t mid = ratios.size() / 2;
  const double median = ratios.size() % 2 ? ratios[mid] : 0.5 * (ratios[mid - 1] + ratios[mid]);
  return {series, std::round(median * 1000) / 1000, static_cast<int>(ratios.size())};
}

std::string fmax_models_cpp(const std::vector<FmaxModel>& models, const std::string& command) {
  std::ostringstream out;
  out << "// Generated by `" << command << "`; do not edit.\n";
  out << "// Per family: source, device, delay coefficients in ns per feature (model/fmax.hpp), default "
         "clock,\n"
         "// fmax scale per series (series, scale, layers measured).\n";
  for (const auto& m : models) {
    out << "{\"" << m.family << "\", \"" << m.source << "\", \"" << m.device << "\",\n {";
    out << core::join(m.delay_ns, ", ", [](double v) { return core::py::float_repr(v); });
    out << "},\n " << core::py::float_repr(m.calibrated_clock_mhz) << ",\n {";
    for (std::size_t k = 0; k < m.speeds.size(); ++k)
      out << (k ? ", " : "") << "{\"" << m.speeds[k].series << "\", "
          << core::py::float_repr(m.speeds[k].scale) << ", " << m.speeds[k].layers << "}";
    out << "}},\n";
  }
  return out.str();
}

}  // namespace scn::model
