#include "sc_neurocore/sim/characterise.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/model/accuracy_model.hpp"

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
  // 5 M x (2 modes x 7 generator variants x 5 precisions x 6 lengths + 5 deterministic).
  ASSERT_EQ(rows.size(), 5u * (2 * 7 * 5 * 6 + 5));
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
    EXPECT_EQ(again.real.rmse, row->real.rmse);  // bit for bit: the table is what the code measures
    EXPECT_EQ(again.real.accuracy, row->real.accuracy);
    EXPECT_EQ(again.integer.bias, row->integer.bias);
    EXPECT_EQ(again.integer.accuracy, row->integer.accuracy);
    EXPECT_EQ(again.corrected_real.rmse, row->corrected_real.rmse);
    EXPECT_EQ(again.corrected_integer.bias, row->corrected_integer.bias);
  }
}

TEST(Characterisation, TheBiasCorrectionLeavesLessThanHalfAOnePerNeuron) {
  int improved = 0, rows = 0;
  for (const auto& row : committed_characterisation()) {
    if (row.mode == ComputeMode::kDeterministic) continue;
    ++rows;
    // Each neuron loses its mean error rounded to whole ones, so what bias is left is under half a one.
    const double one = 1.0 / (static_cast<double>(row.length) * row.mac_count);
    EXPECT_LE(std::fabs(row.corrected_integer.bias), 0.5 * one + 1e-15)
        << row.length << " " << row.mac_count << " " << row.precision;
    if (row.corrected_integer.rmse < row.integer.rmse) ++improved;
  }
  EXPECT_GT(improved, rows * 9 / 10);
}

TEST(Characterisation, BiasAndNoiseSplitTheMeanSquaredError) {
  for (const auto& row : committed_characterisation()) {
    for (const ErrorStats* s : {&row.real, &row.integer, &row.corrected_real, &row.corrected_integer}) {
      const double mse = s->rmse * s->rmse;
      EXPECT_NEAR(s->bias * s->bias + s->noise_rmse * s->noise_rmse, mse, 1e-12 + 1e-9 * mse);
      EXPECT_LE(std::fabs(s->bias), s->mae + 1e-15);
      EXPECT_LE(s->mae, s->rmse + 1e-15);
    }
  }
}

TEST(ErrorStats, AConstantOutputScoresZeroAndAnExactOneScoresOne) {
  const std::vector<double> exact{0.1, 0.3, 0.2, 0.4};
  const ErrorStats constant = error_stats({0.25, 0.25, 0.25, 0.25}, exact);  // the mean of exact
  EXPECT_DOUBLE_EQ(constant.rmse, constant.exact_std);
  EXPECT_DOUBLE_EQ(constant.accuracy, 0.0);
  EXPECT_NEAR(constant.snr_db, 0.0, 1e-12);
  EXPECT_NEAR(constant.bias, 0.0, 1e-15);
  const ErrorStats exact_copy = error_stats(exact, exact);
  EXPECT_EQ(exact_copy.accuracy, 1.0);
  EXPECT_EQ(exact_copy.snr_db, 300.0);
  // A pure offset of 0.05: all bias, no noise, score 1 - 0.05 / std.
  const ErrorStats offset = error_stats({0.15, 0.35, 0.25, 0.45}, exact);
  EXPECT_NEAR(offset.bias, 0.05, 1e-15);
  EXPECT_NEAR(offset.noise_rmse, 0.0, 1e-15);
  EXPECT_NEAR(offset.exact_std, std::sqrt(0.0125), 1e-15);
  EXPECT_NEAR(offset.accuracy, 1.0 - 0.05 / std::sqrt(0.0125), 1e-12);
  EXPECT_NEAR(offset.snr_db, 10.0 * std::log10(0.0125 / 0.0025), 1e-9);
  EXPECT_THROW(error_stats({0.1}, exact), core::InputError);
}

TEST(Characterisation, OnTheHardwaresGridExactArithmeticHasNoError) {
  for (const int bits : {4, 8, 12, 16}) {
    const CharacterisationRow* row =
        find_row(1, Generator::kNone, "x16+x14+x13+x11+1", bits, ComputeMode::kDeterministic, 16);
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(row->integer.rmse, 0.0);
    EXPECT_EQ(row->integer.accuracy, 1.0);
    EXPECT_EQ(row->integer.snr_db, 300.0);
    EXPECT_GT(row->real.rmse, 0.0);  // real operands are rounded to b bits
  }
}

TEST(Characterisation, MeasuredTrends) {
  // Sobol streams converge; one shared LFSR (no decorrelation) does not; precision bounds deterministic
  // error.
  const auto sobol = [](int length) {
    return find_row(length, Generator::kSobol, "none", 12, ComputeMode::kSc, 16)->real.accuracy;
  };
  EXPECT_LT(sobol(64), sobol(256));
  EXPECT_LT(sobol(256), sobol(2048));
  EXPECT_GT(sobol(2048), 0.99);
  // One shared LFSR for inputs and weights: worse than a constant output, so it scores 0.
  const CharacterisationRow* none =
      find_row(2048, Generator::kNone, "x16+x14+x13+x11+1", 12, ComputeMode::kSc, 16);
  EXPECT_EQ(none->real.accuracy, 0.0);
  EXPECT_GT(none->real.rmse, none->real.exact_std);
  EXPECT_GT(none->real.bias * none->real.bias, 0.9 * none->real.rmse * none->real.rmse);  // almost all bias
  const auto exact = [](int bits) {
    return find_row(1, Generator::kNone, "x16+x14+x13+x11+1", bits, ComputeMode::kDeterministic, 16)
        ->real.accuracy;
  };
  EXPECT_LT(exact(4), exact(8));
  EXPECT_LT(exact(8), exact(12));
  EXPECT_GT(exact(16), 0.999);
}

TEST(AccuracyModel, TableValuesInterpolationAndOnDemandCells) {
  const CharacterisationRow* m16 = find_row(256, Generator::kSobol, "none", 8, ComputeMode::kSc, 16);
  const CharacterisationRow* m64 = find_row(256, Generator::kSobol, "none", 8, ComputeMode::kSc, 64);
  const CharacterisationRow* m256 = find_row(256, Generator::kSobol, "none", 8, ComputeMode::kSc, 256);
  model::AccuracyQuery query{16, 256, Generator::kSobol, "none", 8, ComputeMode::kSc};
  // Plans correct their bias by default, so the corrected columns are what the model reads.
  EXPECT_EQ(characterised_accuracy(query), m16->corrected_real.accuracy);
  query.hardware_inputs = true;
  EXPECT_EQ(characterised_accuracy(query), m16->corrected_integer.accuracy);
  EXPECT_EQ(characterised_error(query).bias, m16->corrected_integer.bias);
  query.bias_corrected = false;
  EXPECT_EQ(characterised_accuracy(query), m16->integer.accuracy);
  EXPECT_EQ(characterised_error(query).bias, m16->integer.bias);
  query.hardware_inputs = false;
  query.mac_count = 32;  // halfway in log2 between 16 and 64: spreads geometric, bias linear
  const ErrorStats mid = characterised_error(query);
  EXPECT_DOUBLE_EQ(mid.rmse, std::sqrt(m16->real.rmse * m64->real.rmse));
  EXPECT_DOUBLE_EQ(mid.exact_std, std::sqrt(m16->real.exact_std * m64->real.exact_std));
  EXPECT_DOUBLE_EQ(mid.bias, (m16->real.bias + m64->real.bias) / 2);
  EXPECT_DOUBLE_EQ(mid.accuracy, 1.0 - mid.rmse / mid.exact_std);
  EXPECT_DOUBLE_EQ(characterised_accuracy(query), mid.accuracy);
  query.mac_count = 4096;  // clamped to the largest characterised M
  EXPECT_EQ(characterised_accuracy(query), m256->real.accuracy);
  // A polynomial outside the table, and a length outside it, are simulated on first use.
  const model::AccuracyQuery custom{16, 256, Generator::kLfsr, "x16+x5+x3+x2+1", 8, ComputeMode::kSc};
  const CharacterisationSpec spec;
  EXPECT_EQ(characterised_accuracy(custom), characterise_cell(256, Generator::kLfsr, "x16+x5+x3+x2+1", 8,
                                                              ComputeMode::kSc, 16, spec.draws, spec.seed)
                                                .corrected_real.accuracy);
  const model::AccuracyQuery short_stream{16, 32, Generator::kSobol, "none", 8, ComputeMode::kSc};
  EXPECT_LT(characterised_accuracy(short_stream),
            model::characterised_accuracy({16, 64, Generator::kSobol, "none", 8, ComputeMode::kSc}));
}

TEST(Characterisation, CsvFormat) {
  const std::string csv =
      characterisation_csv({characterise_cell(64, Generator::kSobol, "none", 8, ComputeMode::kSc, 1, 8, 1)});
  EXPECT_EQ(
      csv.rfind("length,generator,polynomial,precision,mode,mac_count,draws,mae,rmse,bias,noise_rmse,"
                "exact_std,snr_db,accuracy_score,int_mae,int_rmse,int_bias,int_noise_rmse,int_exact_std,"
                "int_snr_db,int_accuracy_score,cor_mae,cor_rmse,cor_bias,cor_noise_rmse,cor_exact_std,"
                "cor_snr_db,cor_accuracy_score,int_cor_mae,int_cor_rmse,int_cor_bias,int_cor_noise_rmse,"
                "int_cor_exact_std,int_cor_snr_db,int_cor_accuracy_score\n64,sobol,none,8,sc,1,8,",
                0),
      0u)
      << csv;
  EXPECT_THROW(characterise_cell(64, Generator::kSobol, "none", 8, ComputeMode::kSc, 1, 1, 1),
               core::InputError);
}

}  // namespace
}  // namespace scn::sim
