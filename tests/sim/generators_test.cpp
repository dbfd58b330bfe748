#include "sc_neurocore/sim/generators.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::sim {
namespace {

TEST(Lfsr, FibonacciStepsAsDocumented) {
  // x16+x14+x13+x11+1 from 0xACE1: feedback = s ^ s>>2 ^ s>>3 ^ s>>5, shift right.
  Lfsr lfsr(parse_polynomial("x16+x14+x13+x11+1"), 0xACE1);
  lfsr.step();
  EXPECT_EQ(lfsr.state(), 0x5670u);
  lfsr.step();
  EXPECT_EQ(lfsr.state(), 0xAB38u);  // feedback 0 ^ 0 ^ 0 ^ 1 enters at the top
  EXPECT_EQ(lfsr.value(8), 0xABu);
}

TEST(Lfsr, GaloisFormAlsoRunsTheFullPeriod) {
  Lfsr lfsr(parse_polynomial("x16+x14+x13+x11+1"), 1, LfsrForm::kGalois);
  std::uint32_t steps = 0;
  do {
    lfsr.step();
    ++steps;
  } while (lfsr.state() != 1);
  EXPECT_EQ(steps, 65535u);
}

TEST(Lfsr, ZeroSeedIsRefused) {
  EXPECT_THROW_MESSAGE(Lfsr(parse_polynomial("x4+x+1"), 0x10), core::InputError, "seed must be non-zero");
}

TEST(Sobol, FirstPointsOfDimensionsOneAndTwo) {
  EXPECT_EQ(sobol_sequence(1, 8, 8), (std::vector<std::uint32_t>{0, 128, 192, 64, 96, 224, 160, 32}));
  EXPECT_EQ(sobol_sequence(2, 8, 8), (std::vector<std::uint32_t>{0, 128, 64, 192, 96, 224, 32, 160}));
  EXPECT_THROW(sobol_sequence(9, 8, 4), core::InputError);
}

TEST(Halton, RadicalInverseInIntegers) {
  EXPECT_EQ(halton_sequence(2, 8, 4), (std::vector<std::uint32_t>{0, 128, 64, 192}));
  // 0, 1/3, 2/3, 1/9, 4/9, 7/9, 2/9, 5/9 of 256, floored.
  EXPECT_EQ(halton_sequence(3, 8, 8), (std::vector<std::uint32_t>{0, 85, 170, 28, 113, 199, 56, 142}));
}

TEST(Sobol, EveryBBitValueOnceInTwoToTheBPoints) {
  for (int dimension = 1; dimension <= 8; ++dimension) {
    auto values = sobol_sequence(dimension, 8, 256);
    std::sort(values.begin(), values.end());
    for (std::uint32_t v = 0; v < 256; ++v) ASSERT_EQ(values[v], v) << "dimension " << dimension;
  }
}

TEST(OperandSequences, SharingAndIsolation) {
  const Polynomial p = parse_polynomial("x16+x14+x13+x11+1");
  const auto none = operand_sequences(Generator::kNone, p, 8, 100);
  EXPECT_EQ(none.inputs, none.weights);  // one shared LFSR
  const auto lfsr = operand_sequences(Generator::kLfsr, p, 8, 100);
  EXPECT_NE(lfsr.inputs, lfsr.weights);
  // The isolator: the low window now is the top window n - b = 8 cycles ago.
  const auto scc = operand_sequences(Generator::kScc, p, 8, 100);
  for (int t = 8; t < 100; ++t) EXPECT_EQ(scc.weights[t], scc.inputs[t - 8]) << t;
  EXPECT_EQ(parse_generator("halton"), Generator::kHalton);
  EXPECT_THROW_MESSAGE(parse_generator("gauss"), core::InputError, "unknown generator 'gauss'");
}

}  // namespace
}  // namespace scn::sim
