#include "sc_neurocore/sim/characterise.hpp"

#include <algorithm>
#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"

namespace scn::sim {
namespace {

// Deterministic draws in [0, 1): splitmix64, 53 bits.
class Draws {
 public:
  explicit Draws(std::uint64_t seed) : state_(seed) {}
  double next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return static_cast<double>((z ^ (z >> 31)) >> 11) * 0x1.0p-53;
  }

 private:
  std::uint64_t state_;
};

const char* generator_cpp(Generator g) {
  switch (g) {
    case Generator::kNone:
      return "Generator::kNone";
    case Generator::kLfsr:
      return "Generator::kLfsr";
    case Generator::kSobol:
      return "Generator::kSobol";
    case Generator::kHalton:
      return "Generator::kHalton";
    case Generator::kScc:
      return "Generator::kScc";
    case Generator::kRandom:
      return "Generator::kRandom";
  }
  return "Generator::kNone";
}

const char* mode_cpp(ComputeMode m) {
  switch (m) {
    case ComputeMode::kSc:
      return "ComputeMode::kSc";
    case ComputeMode::kHybrid:
      return "ComputeMode::kHybrid";
    case ComputeMode::kDeterministic:
      return "ComputeMode::kDeterministic";
  }
  return "ComputeMode::kSc";
}

// What every draw of one cell reads: its operand streams, its mode, and the b-bit grid the integer-domain
// operands are rounded down to.
struct CellStreams {
  const RandomPlanes& inputs;
  const RandomPlanes& weights;
  ComputeMode mode;
  double grid;    // 2^precision
  int mac_count;  // products per dot product
  double on_grid(double u) const { return std::floor(u * grid) / grid; }
  double estimate(const std::vector<double>& x, const std::vector<double>& w) const {
    return sc_dot_product(x, w, inputs, weights, mode);
  }
};

// Estimates and the exact values they estimate, one pair per dot product.
struct Samples {
  std::vector<double> estimate, exact;
};

// The uncorrected columns: `draws` dot products of fresh uniform operands, each once as drawn (real domain)
// and once rounded to the grid (integer domain).
void draw_uncorrected(const CellStreams& cell, int draws, std::uint64_t seed, Samples& real,
                      Samples& integer) {
  // The same draws for every cell of a mac count, so cells compare on equal terms.
  Draws random(seed ^ (static_cast<std::uint64_t>(cell.mac_count) * 0x100000001b3ULL));
  const std::size_t m = static_cast<std::size_t>(cell.mac_count);
  std::vector<double> x(m), w(m), xi(m), wi(m);
  for (int d = 0; d < draws; ++d) {
    double exact = 0.0, exact_int = 0.0;
    for (std::size_t k = 0; k < m; ++k) {
      x[k] = random.next();
      w[k] = random.next();
      xi[k] = cell.on_grid(x[k]);
      wi[k] = cell.on_grid(w[k]);
      exact += x[k] * w[k];
      exact_int += xi[k] * wi[k];
    }
    real.exact.push_back(exact / cell.mac_count);
    real.estimate.push_back(cell.estimate(x, w));
    integer.exact.push_back(exact_int / cell.mac_count);
    integer.estimate.push_back(cell.estimate(xi, wi));
  }
}

// One neuron of fixed weights over kCorrectedVectors input vectors: its estimates (real and integer domain)
// and their exact values; returns its mean integer-domain error, the bias the hardware would calibrate.
double draw_neuron(const CellStreams& cell, Draws& neurons, const std::vector<double>& w,
                   const std::vector<double>& wi, Samples& real, Samples& integer) {
  const std::size_t m = w.size();
  std::vector<double> x(m), xi(m);
  double error_sum = 0.0;
  for (int v = 0; v < kCorrectedVectors; ++v) {
    double exact = 0.0, exact_int = 0.0;
    for (std::size_t k = 0; k < m; ++k) {
      x[k] = neurons.next();
      xi[k] = cell.on_grid(x[k]);
      exact += x[k] * w[k];
      exact_int += xi[k] * wi[k];
    }
    const auto at = static_cast<std::size_t>(v);
    real.exact[at] = exact / cell.mac_count;
    real.estimate[at] = cell.estimate(x, w);
    integer.exact[at] = exact_int / cell.mac_count;
    integer.estimate[at] = cell.estimate(xi, wi);
    error_sum += integer.estimate[at] - integer.exact[at];
  }
  return error_sum / kCorrectedVectors;
}

// The corrected columns: kCorrectedNeurons neurons, each losing its own calibrated bias, rounded to whole
// ones as the hardware subtracts it (the bias of the integer domain, which is what the hardware sees).
void draw_bias_corrected(const CellStreams& cell, int length, std::uint64_t seed, Samples& real,
                         Samples& integer) {
  // From their own stream, so the uncorrected columns stay as they were.
  Draws neurons(seed ^ 0xb1a5c0eULL ^ (static_cast<std::uint64_t>(cell.mac_count) * 0x100000001b3ULL));
  const double ones_per_unit = static_cast<double>(length) * static_cast<double>(cell.mac_count);
  const std::size_t m = static_cast<std::size_t>(cell.mac_count);
  std::vector<double> w(m), wi(m);
  Samples neuron_real{std::vector<double>(kCorrectedVectors), std::vector<double>(kCorrectedVectors)};
  Samples neuron_int{std::vector<double>(kCorrectedVectors), std::vector<double>(kCorrectedVectors)};
  for (int g = 0; g < kCorrectedNeurons; ++g) {
    for (std::size_t k = 0; k < m; ++k) {
      w[k] = neurons.next();
      wi[k] = cell.on_grid(w[k]);
    }
    const double bias = draw_neuron(cell, neurons, w, wi, neuron_real, neuron_int);
    // c_j in ones, as the hardware subtracts it.
    const double offset = static_cast<double>(std::llround(bias * ones_per_unit)) / ones_per_unit;
    for (std::size_t v = 0; v < neuron_real.estimate.size(); ++v) {
      real.estimate.push_back(neuron_real.estimate[v] - offset);
      real.exact.push_back(neuron_real.exact[v]);
      integer.estimate.push_back(neuron_int.estimate[v] - offset);
      integer.exact.push_back(neuron_int.exact[v]);
    }
  }
}

}  // namespace

std::string mode_text(ComputeMode mode) {
  switch (mode) {
    case ComputeMode::kSc:
      return "sc";
    case ComputeMode::kHybrid:
      return "hybrid";
    case ComputeMode::kDeterministic:
      return "deterministic";
  }
  return "sc";
}

ComputeMode parse_mode_text(const std::string& text) {
  if (text == "sc") return ComputeMode::kSc;
  if (text == "hybrid") return ComputeMode::kHybrid;
  if (text == "deterministic") return ComputeMode::kDeterministic;
  throw core::InputError("unknown mode '" + text + "'; valid: sc, hybrid, deterministic");
}

void set_scores(ErrorStats& stats, double mse, double variance) {
  // An exact result has no finite SNR, a constant signal none either: cap both ends so the table stays
  // numeric.
  if (mse == 0.0)
    stats.snr_db = 300.0;
  else if (variance == 0.0)
    stats.snr_db = -300.0;
  else
    stats.snr_db = std::clamp(10.0 * std::log10(variance / mse), -300.0, 300.0);
  if (variance > 0.0)
    stats.accuracy = std::clamp(1.0 - std::sqrt(mse) / std::sqrt(variance), 0.0, 1.0);
  else
    stats.accuracy = mse == 0.0 ? 1.0 : 0.0;
}

ErrorStats error_stats(const std::vector<double>& estimates, const std::vector<double>& exact) {
  if (estimates.size() != exact.size() || exact.empty())
    throw core::InputError("error statistics need equal non-empty samples");
  const double n = static_cast<double>(exact.size());
  double abs_sum = 0.0, square_sum = 0.0, bias_sum = 0.0, exact_sum = 0.0;
  for (std::size_t i = 0; i < exact.size(); ++i) {
    const double error = estimates[i] - exact[i];
    abs_sum += std::fabs(error);
    square_sum += error * error;
    bias_sum += error;
    exact_sum += exact[i];
  }
  const double exact_mean = exact_sum / n;
  double spread_sum = 0.0, noise_sum = 0.0;
  for (std::size_t i = 0; i < exact.size(); ++i) {
    spread_sum += (exact[i] - exact_mean) * (exact[i] - exact_mean);
    const double centred = estimates[i] - exact[i] - bias_sum / n;
    noise_sum += centred * centred;
  }
  ErrorStats s;
  s.mae = abs_sum / n;
  s.rmse = std::sqrt(square_sum / n);
  s.bias = bias_sum / n;
  s.noise_rmse = std::sqrt(noise_sum / n);
  s.exact_std = std::sqrt(spread_sum / n);
  set_scores(s, square_sum / n, spread_sum / n);
  return s;
}

CharacterisationRow characterise_cell(int length, Generator generator, const std::string& polynomial,
                                      int precision, ComputeMode mode, int mac_count, int draws,
                                      std::uint64_t seed) {
  if (draws < 2)
    throw core::InputError("characterisation needs at least 2 draws per cell, got " + std::to_string(draws));
  const Polynomial p = generator_polynomial(generator, polynomial);
  const auto sequences = operand_sequences(generator, p, precision, length);
  const RandomPlanes inputs(sequences.inputs, precision), weights(sequences.weights, precision);
  const CellStreams cell{inputs, weights, mode, std::ldexp(1.0, precision), mac_count};
  Samples real, integer, corrected_real, corrected_integer;
  draw_uncorrected(cell, draws, seed, real, integer);
  draw_bias_corrected(cell, length, seed, corrected_real, corrected_integer);
  CharacterisationRow row;
  row.length = length;
  row.generator = generator;
  row.polynomial = uses_polynomial(generator) ? polynomial_text(p) : "none";
  row.precision = precision;
  row.mode = mode;
  row.mac_count = mac_count;
  row.draws = draws;
  row.real = error_stats(real.estimate, real.exact);
  row.integer = error_stats(integer.estimate, integer.exact);
  row.corrected_real = error_stats(corrected_real.estimate, corrected_real.exact);
  row.corrected_integer = error_stats(corrected_integer.estimate, corrected_integer.exact);
  return row;
}

std::vector<CharacterisationRow> characterise(const CharacterisationSpec& spec) {
  std::vector<CharacterisationRow> rows;
  for (const int m : spec.mac_counts) {
    for (const ComputeMode mode : spec.modes)
      for (const Generator generator : spec.generators)
        for (std::size_t p = 0; p < (generator == Generator::kLfsr ? spec.polynomials.size() : 1); ++p)
          for (const int precision : spec.precisions)
            for (const int length : spec.lengths)
              rows.push_back(characterise_cell(length, generator, spec.polynomials.at(p), precision, mode, m,
                                               spec.draws, spec.seed));
    if (spec.include_deterministic) {
      // Quantisation only: no streams, so one row per precision (length 1).
      for (const int precision : spec.precisions)
        rows.push_back(characterise_cell(1, Generator::kNone, spec.polynomials.front(), precision,
                                         ComputeMode::kDeterministic, m, spec.draws, spec.seed));
    }
  }
  return rows;
}

namespace {

constexpr const char* kStatNames[] = {"mae",       "rmse",   "bias",          "noise_rmse",
                                      "exact_std", "snr_db", "accuracy_score"};

std::vector<double> stat_values(const ErrorStats& s) {
  return {s.mae, s.rmse, s.bias, s.noise_rmse, s.exact_std, s.snr_db, s.accuracy};
}

std::string joined(const std::vector<double>& values, const char* separator) {
  std::string out;
  for (const double v : values) out += separator + core::py::float_repr(v);
  return out;
}

std::string cpp_stats(const ErrorStats& s) {
  std::string out = "{";
  for (const double v : stat_values(s)) out += (out.size() > 1 ? ", " : "") + core::py::float_repr(v);
  return out + "}";
}

}  // namespace

std::string characterisation_csv(const std::vector<CharacterisationRow>& rows) {
  std::string csv = "length,generator,polynomial,precision,mode,mac_count,draws";
  for (const char* name : kStatNames) csv += std::string(",") + name;
  for (const char* prefix : {"int_", "cor_", "int_cor_"})
    for (const char* name : kStatNames) csv += std::string(",") + prefix + name;
  csv += "\n";
  for (const auto& r : rows) {
    csv += std::to_string(r.length) + "," + generator_name(r.generator) + "," + r.polynomial + "," +
           std::to_string(r.precision) + "," + mode_text(r.mode) + "," + std::to_string(r.mac_count) + "," +
           std::to_string(r.draws) + joined(stat_values(r.real), ",") + joined(stat_values(r.integer), ",") +
           joined(stat_values(r.corrected_real), ",") + joined(stat_values(r.corrected_integer), ",") + "\n";
  }
  return csv;
}

std::string characterisation_cpp(const std::vector<CharacterisationRow>& rows) {
  std::string out =
      "// Generated by `sc-neurocore characterise --cpp-out src/sim/characterisation_table.inc`; do not "
      "edit.\n"
      "// {length, generator, polynomial, precision, mode, mac_count, draws, real {mae, rmse, bias, "
      "noise_rmse, "
      "exact_std, snr_db, accuracy_score}, integer, corrected_real, corrected_integer {the same}}\n";
  for (const auto& r : rows) {
    out += "{" + std::to_string(r.length) + ", " + generator_cpp(r.generator) + ", \"" + r.polynomial +
           "\", " + std::to_string(r.precision) + ", " + mode_cpp(r.mode) + ", " +
           std::to_string(r.mac_count) + ", " + std::to_string(r.draws) + ", " + cpp_stats(r.real) + ", " +
           cpp_stats(r.integer) + ", " + cpp_stats(r.corrected_real) + ", " + cpp_stats(r.corrected_integer) +
           "},\n";
  }
  return out;
}

const std::vector<CharacterisationRow>& committed_characterisation() {
  static const std::vector<CharacterisationRow> rows = {
#include "characterisation_table.inc"
  };
  return rows;
}

}  // namespace scn::sim
