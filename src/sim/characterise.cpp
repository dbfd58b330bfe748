#include "sc_neurocore/sim/characterise.hpp"

#include <algorithm>
#include <cmath>

#include "sc_neurocore/error.hpp"
#include "sc_neurocore/pyformat.hpp"

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
  throw InputError("unknown mode '" + text + "'; valid: sc, hybrid, deterministic");
}

CharacterisationRow characterise_cell(int length, Generator generator, const std::string& polynomial,
                                      int precision, ComputeMode mode, int mac_count, int draws,
                                      std::uint64_t seed) {
  const Polynomial p = parse_polynomial(uses_polynomial(generator) ? polynomial : "x16+x14+x13+x11+1");
  const auto sequences = operand_sequences(generator, p, precision, length);
  const RandomPlanes inputs(sequences.inputs, precision), weights(sequences.weights, precision);
  // The same draws for every cell of a mac count, so cells compare on equal terms.
  Draws random(seed ^ (static_cast<std::uint64_t>(mac_count) * 0x100000001b3ULL));
  std::vector<double> x(static_cast<std::size_t>(mac_count)), w(static_cast<std::size_t>(mac_count));
  double abs_sum = 0.0, square_sum = 0.0, bias_sum = 0.0, exact_square_sum = 0.0;
  for (int d = 0; d < draws; ++d) {
    double exact = 0.0;
    for (int k = 0; k < mac_count; ++k) {
      x[k] = random.next();
      w[k] = random.next();
      exact += x[k] * w[k];
    }
    exact /= mac_count;
    const double error = sc_dot_product(x, w, inputs, weights, mode) - exact;
    abs_sum += std::fabs(error);
    square_sum += error * error;
    bias_sum += error;
    exact_square_sum += exact * exact;
  }
  CharacterisationRow row;
  row.length = length;
  row.generator = generator;
  row.polynomial = uses_polynomial(generator) ? polynomial_text(p) : "none";
  row.precision = precision;
  row.mode = mode;
  row.mac_count = mac_count;
  row.draws = draws;
  row.mae = abs_sum / draws;
  row.rmse = std::sqrt(square_sum / draws);
  row.bias = bias_sum / draws;
  row.accuracy = std::clamp(1.0 - row.rmse / std::sqrt(exact_square_sum / draws), 0.0, 1.0);
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

std::string characterisation_csv(const std::vector<CharacterisationRow>& rows) {
  std::string csv =
      "length,generator,polynomial,precision,mode,mac_count,draws,mae,rmse,bias,accuracy_score\n";
  for (const auto& r : rows) {
    csv += std::to_string(r.length) + "," + generator_name(r.generator) + "," + r.polynomial + "," +
           std::to_string(r.precision) + "," + mode_text(r.mode) + "," + std::to_string(r.mac_count) + "," +
           std::to_string(r.draws) + "," + py::float_repr(r.mae) + "," + py::float_repr(r.rmse) + "," +
           py::float_repr(r.bias) + "," + py::float_repr(r.accuracy) + "\n";
  }
  return csv;
}

std::string characterisation_cpp(const std::vector<CharacterisationRow>& rows) {
  std::string out =
      "// Generated by `sc-neurocore characterise --cpp-out src/sim/characterisation_table.inc`; do not "
      "edit.\n"
      "// {length, generator, polynomial, precision, mode, mac_count, draws, mae, rmse, bias, "
      "accuracy_score}\n";
  for (const auto& r : rows) {
    out += "{" + std::to_string(r.length) + ", " + generator_cpp(r.generator) + ", \"" + r.polynomial +
           "\", " + std::to_string(r.precision) + ", " + mode_cpp(r.mode) + ", " +
           std::to_string(r.mac_count) + ", " + std::to_string(r.draws) + ", " + py::float_repr(r.mae) +
           ", " + py::float_repr(r.rmse) + ", " + py::float_repr(r.bias) + ", " + py::float_repr(r.accuracy) +
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
