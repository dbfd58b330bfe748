// Characterisation: the error of an SC dot product of M MACs against the exact
// result, over many random input/weight draws (unipolar, uniform in [0, 1),
// fixed seed), for every (bitstream length, generator, polynomial, precision,
// mode). The committed table (data/characterisation.csv and the compiled-in
// src/sim/characterisation_table.inc) is what the default profile's accuracy
// comes from; `sc-neurocore characterise` regenerates it.
//
// accuracy_score = clamp(1 - RMSE / RMS(exact), 0, 1): one minus the RMS error
// of the normalised dot product sum(x w) / M relative to the RMS of the exact
// values (docs/characterisation.md).
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
  std::vector<std::string> polynomials{"x16+x14+x13+x11+1", "x16+x15+x13+x4+1", "x16+x12+x3+x1+1"};
  std::vector<int> precisions{4, 6, 8, 12, 16};
  std::vector<ComputeMode> modes{ComputeMode::kSc, ComputeMode::kHybrid};
  std::vector<int> mac_counts{1, 16, 256};
  int draws = 256;
  std::uint64_t seed = 2026;
  bool include_deterministic = true;  // plus one quantisation-only row per (precision, M)
};

struct CharacterisationRow {
  int length = 0;
  Generator generator = Generator::kNone;
  std::string polynomial;  // "none" for Sobol, Halton and deterministic rows
  int precision = 0;
  ComputeMode mode = ComputeMode::kSc;
  int mac_count = 0;
  int draws = 0;
  double mae = 0.0;
  double rmse = 0.0;
  double bias = 0.0;  // mean(estimate - exact)
  double accuracy = 0.0;
};

// One cell: `draws` dot products of `mac_count` MACs.
CharacterisationRow characterise_cell(int length, Generator generator, const std::string& polynomial,
                                      int precision, ComputeMode mode, int mac_count, int draws,
                                      std::uint64_t seed);

std::vector<CharacterisationRow> characterise(const CharacterisationSpec& spec);

std::string mode_text(ComputeMode mode);  // "sc", "hybrid", "deterministic"
ComputeMode parse_mode_text(const std::string& text);

// length,generator,polynomial,precision,mode,mac_count,draws,mae,rmse,bias,accuracy_score (shortest floats).
std::string characterisation_csv(const std::vector<CharacterisationRow>& rows);
// The same rows as C++ initialisers for src/sim/characterisation_table.inc.
std::string characterisation_cpp(const std::vector<CharacterisationRow>& rows);

// The committed table, compiled in.
const std::vector<CharacterisationRow>& committed_characterisation();

}  // namespace scn::sim
