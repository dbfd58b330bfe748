// Characterisation: the error of an SC dot product of M MACs against the exact
// result, over many random input/weight draws (unipolar, fixed seed), for every
// (bitstream length, generator, polynomial, precision, mode). The committed
// table (data/characterisation.csv and the compiled-in
// src/sim/characterisation_table.inc) is what the default profile's accuracy
// comes from; `sc-neurocore characterise` regenerates it.
//
// Each cell is measured in two input domains from the same draws: real-valued
// operands in [0, 1) (the error against the float network, quantisation
// included) and operands on the b-bit grid k / 2^b (as the hardware receives
// them, so only the stream error remains).
//
// accuracy_score = clamp(1 - RMSE / std(exact), 0, 1): the RMS error of the
// normalised dot product sum(x w) / M relative to the spread of the exact
// values, so an output that ignores its inputs (a constant) scores 0
// (docs/characterisation.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sc_neurocore/sim/streams.hpp"

namespace scn::sim {

struct CharacterisationSpec {
  std::vector<int> lengths{64, 128, 256, 512, 1024, 2048};
  std::vector<Generator> generators{Generator::kNone, Generator::kLfsr, Generator::kSobol, Generator::kHalton,
                                    Generator::kScc};
  // LFSR-based generators: kLfsr runs once per polynomial; kNone and kScc use the first.
  std::vector<std::string> polynomials{kPublishedPolynomials.begin(), kPublishedPolynomials.end()};
  std::vector<int> precisions{4, 6, 8, 12, 16};
  std::vector<ComputeMode> modes{ComputeMode::kSc, ComputeMode::kHybrid};
  std::vector<int> mac_counts{1, 4, 16, 64, 256};
  int draws = 256;
  std::uint64_t seed = 2026;
  bool include_deterministic = true;  // plus one quantisation-only row per (precision, M)
};

// The error of `draws` estimates against their exact values.
struct ErrorStats {
  double mae = 0.0;
  double rmse = 0.0;
  double bias = 0.0;        // mean(estimate - exact): the systematic part
  double noise_rmse = 0.0;  // std(estimate - exact): the random part; rmse^2 = bias^2 + noise_rmse^2
  double exact_std = 0.0;   // std(exact): the spread of the signal
  double snr_db = 0.0;      // 10 log10(var(exact) / MSE), within [-300, 300] (300 for an exact result)
  double accuracy = 0.0;    // clamp(1 - rmse / exact_std, 0, 1)
};

struct CharacterisationRow {
  int length = 0;
  Generator generator = Generator::kNone;
  std::string polynomial;  // "none" for Sobol, Halton and deterministic rows
  int precision = 0;
  ComputeMode mode = ComputeMode::kSc;
  int mac_count = 0;
  int draws = 0;
  ErrorStats real;     // operands real-valued in [0, 1): against the float computation
  ErrorStats integer;  // the same draws floored to the b-bit grid: as the hardware receives them
  // After the per-neuron bias correction of the generated hardware (hw/network.hpp): kCorrectedNeurons
  // neurons of fixed weights see kCorrectedVectors input vectors each; each neuron's estimates lose the
  // rounded mean of their error in ones (the hardware's c_j, found on the grid operands), in both domains.
  ErrorStats corrected_real;
  ErrorStats corrected_integer;
};

// The corrected draws: neurons x vectors (in-sample: the same vectors find c_j and are scored, which
// understates the residual RMSE by 1 - sqrt(31/32), 1.6 %, against the hardware's 256 calibration vectors).
inline constexpr int kCorrectedNeurons = 8;
inline constexpr int kCorrectedVectors = 32;

// The statistics of paired estimates and exact values (equal, non-zero sizes).
ErrorStats error_stats(const std::vector<double>& estimates, const std::vector<double>& exact);

// snr_db and accuracy of `stats` from the mean squared error and the variance of the exact values.
void set_scores(ErrorStats& stats, double mse, double variance);

// One cell: `draws` dot products of `mac_count` MACs.
CharacterisationRow characterise_cell(int length, Generator generator, const std::string& polynomial,
                                      int precision, ComputeMode mode, int mac_count, int draws,
                                      std::uint64_t seed);

std::vector<CharacterisationRow> characterise(const CharacterisationSpec& spec);

std::string mode_text(ComputeMode mode);  // "sc", "hybrid", "deterministic"
ComputeMode parse_mode_text(const std::string& text);

// length,generator,polynomial,precision,mode,mac_count,draws, then mae,rmse,bias,noise_rmse,exact_std,snr_db,
// accuracy_score of the real domain, the same seven prefixed int_, cor_ (corrected, real) and int_cor_
// (corrected, grid) (shortest floats).
std::string characterisation_csv(const std::vector<CharacterisationRow>& rows);
// The same rows as C++ initialisers for src/sim/characterisation_table.inc.
std::string characterisation_cpp(const std::vector<CharacterisationRow>& rows);

// The committed table, compiled in.
const std::vector<CharacterisationRow>& committed_characterisation();

}  // namespace scn::sim
