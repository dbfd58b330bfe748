#include "sc_neurocore/sim/characterise.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/accuracy_model.hpp"

namespace scn::sim {
namespace {

const CharacterisationRow* find_row(int length, Generator generator, const std::string& polynomial,
                                    int precision, ComputeMode mode, int mac_count) {
  for (const auto& row : committed_characterisation())
    if (row.length == length && row.generator == generator && row.polynomial == polynomial &&
        row.precision == precision && row.mode == mode && row.mac_count == mac_count)
      return &row;
  return nullptr;
}

TEST(Characterisation, CommittedTableIsCompleteAndReproducible) {
  const auto& rows = committed_characterisation();
  // 3 M x (2 modes x 7 generator variants x 5 precisions x 6 lengths + 5 deterministic).
  ASSERT_EQ(rows.size(), 3u * (2 * 7 * 5 * 6 + 5));
  const CharacterisationSpec spec;
  for (const CharacterisationRow* row :
       {find_row(64, Generator::kSobol, "none", 8, ComputeMode::kSc, 16),
        find_row(2048, Generator::kLfsr, "x16+x12+x3+x1+1", 12, ComputeMode::kHybrid, 256),
        find_row(256, Generator::kScc, "x16+x14+x13+x11+1", 6, ComputeMode::kSc, 1),
        find_row(512, Generator::kHalton, "none", 16, ComputeMode::kSc, 16),
        find_row(1, Generator::kNone, "x16+x14+x13+x11+1", 4, ComputeMode::kDeterministic, 256)}) {
    ASSERT_NE(row, nullptr);
    const CharacterisationRow again =
        characterise_cell(row->length, row->generator, row->polynomial, row->precision, row->mode,
                          row->mac_count, spec.draws, spec.seed);
    EXPECT_EQ(again.rmse, row->rmse);  // bit for bit: the table is what the code measures
    EXPECT_EQ(again.accuracy, row->accuracy);
  }
}

TEST(Characterisation, MeasuredTrends) {
  // Sobol streams converge; one shared LFSR (no decorrelation) does not; precision bounds deterministic
  // error.
  const auto sobol = [](int length) {
    return find_row(length, Generator::kSobol, "none", 12, ComputeMode::kSc, 16)->accuracy;
  };
  EXPECT_LT(sobol(64), sobol(256));
  EXPECT_LT(sobol(256), sobol(2048));
  EXPECT_GT(sobol(2048), 0.995);
  EXPECT_LT(find_row(2048, Generator::kNone, "x16+x14+x13+x11+1", 12, ComputeMode::kSc, 16)->accuracy, 0.8);
  const auto exact = [](int bits) {
    return find_row(1, Generator::kNone, "x16+x14+x13+x11+1", bits, ComputeMode::kDeterministic, 16)
        ->accuracy;
  };
  EXPECT_LT(exact(4), exact(8));
  EXPECT_GT(exact(16), 0.9999);
}

TEST(AccuracyModel, TableValuesInterpolationAndOnDemandCells) {
  const CharacterisationRow* m16 = find_row(256, Generator::kSobol, "none", 8, ComputeMode::kSc, 16);
  const CharacterisationRow* m256 = find_row(256, Generator::kSobol, "none", 8, ComputeMode::kSc, 256);
  AccuracyQuery query{16, 256, Generator::kSobol, "none", 8, ComputeMode::kSc};
  EXPECT_EQ(characterised_accuracy(query), m16->accuracy);
  query.mac_count = 64;  // halfway in log2 between 16 and 256
  EXPECT_DOUBLE_EQ(characterised_accuracy(query), (m16->accuracy + m256->accuracy) / 2);
  query.mac_count = 4096;  // clamped to the largest characterised M
  EXPECT_EQ(characterised_accuracy(query), m256->accuracy);
  // A polynomial outside the table, and a length outside it, are simulated on first use.
  const AccuracyQuery custom{16, 256, Generator::kLfsr, "x16+x5+x3+x2+1", 8, ComputeMode::kSc};
  const CharacterisationSpec spec;
  EXPECT_EQ(characterised_accuracy(custom), characterise_cell(256, Generator::kLfsr, "x16+x5+x3+x2+1", 8,
                                                              ComputeMode::kSc, 16, spec.draws, spec.seed)
                                                .accuracy);
  const AccuracyQuery short_stream{16, 32, Generator::kSobol, "none", 8, ComputeMode::kSc};
  EXPECT_LT(characterised_accuracy(short_stream),
            characterised_accuracy({16, 64, Generator::kSobol, "none", 8, ComputeMode::kSc}));
}

TEST(Characterisation, CsvFormat) {
  const std::string csv =
      characterisation_csv({characterise_cell(64, Generator::kSobol, "none", 8, ComputeMode::kSc, 1, 8, 1)});
  EXPECT_EQ(csv.rfind("length,generator,polynomial,precision,mode,mac_count,draws,mae,rmse,bias,accuracy_"
                      "score\n64,sobol,none,8,sc,1,8,",
                      0),
            0u)
      << csv;
}

}  // namespace
}  // namespace scn::sim
