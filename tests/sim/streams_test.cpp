// Bit-level operations and SC multiplication error against length.
#include "sc_neurocore/sim/streams.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace scn::sim {
namespace {

Bitstream stream_of(const std::vector<int>& bits) {
  Bitstream s{static_cast<int>(bits.size()), std::vector<std::uint64_t>((bits.size() + 63) / 64)};
  for (std::size_t t = 0; t < bits.size(); ++t)
    if (bits[t]) s.words[t / 64] |= std::uint64_t{1} << (t % 64);
  return s;
}

TEST(Bitstreams, AndXnorMuxPopcount) {
  const Bitstream a = stream_of({1, 1, 0, 0, 1, 0, 1, 1});
  const Bitstream b = stream_of({1, 0, 1, 0, 1, 1, 0, 1});
  EXPECT_EQ(bitwise_and(a, b), stream_of({1, 0, 0, 0, 1, 0, 0, 1}));
  EXPECT_EQ(bitwise_xnor(a, b), stream_of({1, 0, 0, 1, 1, 0, 0, 1}));
  EXPECT_EQ(mux(stream_of({0, 1, 0, 1, 0, 1, 0, 1}), a, b), stream_of({1, 0, 0, 0, 1, 1, 1, 1}));
  EXPECT_EQ(popcount(a), 5);
}

TEST(Bitstreams, BipolarXnorMultipliesSignedValues) {
  // Sobol streams: p = 0.75 (+0.5 bipolar) and p = 0.25 (-0.5): product -0.25 -> p = 0.375.
  const auto seq = operand_sequences(Generator::kSobol, parse_polynomial("x4+x+1"), 8, 256);
  const RandomPlanes x(seq.inputs, 8), w(seq.weights, 8);
  const Bitstream product = bitwise_xnor(x.encode(192), w.encode(64));
  EXPECT_NEAR(static_cast<double>(popcount(product)) / 256, 0.375, 1.0 / 256);
}

TEST(Bitstreams, ComparatorEncodesExactlyOnAFullPeriod) {
  // 2^b Sobol points hold every b-bit value once: the stream has exactly value ones.
  const auto seq = sobol_sequence(1, 8, 256);
  const RandomPlanes planes(seq, 8);
  for (std::uint32_t value : {0u, 1u, 77u, 128u, 255u, 256u})
    EXPECT_EQ(popcount(planes.encode(value)), value);
  EXPECT_EQ(quantize_probability(0.5, 8), 128u);
  EXPECT_EQ(quantize_probability(1.5, 8), 256u);
}

TEST(Bitstreams, LengthsThatAreNotMultiplesOf64) {
  const auto seq = random_sequence(5, 8, 100);
  const RandomPlanes planes(seq, 8);
  const Bitstream all = planes.encode(256);
  EXPECT_EQ(all.length, 100);
  EXPECT_EQ(popcount(all), 100);
  EXPECT_EQ(planes.and_count(256, planes, 256), 100);
}

// RMSE of the unipolar AND product over 300 random (a, b) pairs, 16-bit comparators.
double product_rmse(Generator generator, int length) {
  const auto pairs = random_sequence(99, 16, 600);
  const auto seq = operand_sequences(generator, parse_polynomial("x16+x14+x13+x11+1"), 16, length);
  const RandomPlanes x(seq.inputs, 16), w(seq.weights, 16);
  double squared = 0.0;
  for (int i = 0; i < 300; ++i) {
    const double a = pairs[2 * i] / 65536.0;
    const double b = pairs[2 * i + 1] / 65536.0;
    const double estimate =
        static_cast<double>(x.and_count(quantize_probability(a, 16), w, quantize_probability(b, 16))) /
        length;
    squared += (estimate - a * b) * (estimate - a * b);
  }
  return std::sqrt(squared / 300);
}

// Least-squares slope of log(RMSE) against log(L) over L = 64..4096.
double slope(Generator generator) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int n = 0;
  for (int length = 64; length <= 4096; length *= 4) {
    const double x = std::log(static_cast<double>(length));
    const double y = std::log(product_rmse(generator, length));
    sx += x, sy += y, sxx += x * x, sxy += x * y, ++n;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

TEST(MultiplicationError, LowDiscrepancySourcesFallCloseToOneOverL) {
  // Field notes: Sobol 0.047 / 0.012 / 0.0032 / 0.0009 / 0.0002 at L = 16 ... 4096.
  EXPECT_NEAR(product_rmse(Generator::kSobol, 16), 0.047, 0.01);
  EXPECT_NEAR(product_rmse(Generator::kSobol, 4096), 0.0002, 0.0001);
  EXPECT_GT(slope(Generator::kSobol), -1.2);
  EXPECT_LT(slope(Generator::kSobol), -0.8);
  EXPECT_GT(slope(Generator::kHalton), -1.2);
  EXPECT_LT(slope(Generator::kHalton), -0.75);
}

TEST(MultiplicationError, RandomBitsFallAsOneOverSqrtL) {
  EXPECT_GT(slope(Generator::kRandom), -0.7);
  EXPECT_LT(slope(Generator::kRandom), -0.3);
}

TEST(MultiplicationError, LfsrPairsImproveWithLengthButIrregularly) {
  EXPECT_LT(product_rmse(Generator::kLfsr, 4096), product_rmse(Generator::kLfsr, 16) / 10);
}

TEST(MultiplicationError, SharingOneGeneratorLeavesAConstantError) {
  // Both operands from one LFSR: the AND gives min(a, b), an error that does not shrink (field notes:
  // ~0.094).
  const double long_error = product_rmse(Generator::kNone, 4096);
  EXPECT_GT(long_error, 0.07);
  EXPECT_NEAR(product_rmse(Generator::kNone, 1024), long_error, 0.01);
}

TEST(DotProduct, ModesAndExactness) {
  const std::vector<double> x = {0.25, 0.5, 0.75, 1.0};
  const std::vector<double> w = {0.5, 0.5, 0.5, 0.25};
  const double exact = (0.125 + 0.25 + 0.375 + 0.25) / 4;
  const auto seq = operand_sequences(Generator::kSobol, parse_polynomial("x4+x+1"), 8, 256);
  const RandomPlanes xp(seq.inputs, 8), wp(seq.weights, 8);
  EXPECT_DOUBLE_EQ(sc_dot_product(x, w, xp, wp, ComputeMode::kDeterministic), exact);
  EXPECT_NEAR(sc_dot_product(x, w, xp, wp, ComputeMode::kSc), exact, 0.01);
  EXPECT_NEAR(sc_dot_product(x, w, xp, wp, ComputeMode::kHybrid), exact, 0.01);
  EXPECT_EQ(exact_macs(ComputeMode::kHybrid, 10), 3);
  EXPECT_EQ(exact_macs(ComputeMode::kHybrid, 3), 0);
}

}  // namespace
}  // namespace scn::sim
