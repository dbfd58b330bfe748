#include "sc_neurocore/hw/layer_design.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::hw {
namespace {

TEST(LayerWeights, PrunesExactlyTheSparsityFractionAndKeepsTheRestNonZero) {
  LayerDesign d;
  d.n_inputs = 8;
  d.n_neurons = 4;
  d.sparsity = 0.25;
  const auto w = make_layer_weights(d);
  ASSERT_EQ(w.size(), 32u);
  EXPECT_EQ(std::count(w.begin(), w.end(), 0u), 8);
  EXPECT_EQ(active_synapses(d), 24);
  EXPECT_TRUE(std::all_of(w.begin(), w.end(), [](std::uint32_t v) { return v < 256u; }));
}

TEST(LayerWeights, QuantisedWeightsUseOnlyTheTopBits) {
  LayerDesign d;
  d.n_inputs = 16;
  d.n_neurons = 8;
  d.precision = 8;
  d.weight_bits = 3;
  for (const std::uint32_t v : make_layer_weights(d)) {
    EXPECT_EQ(v % 32u, 0u) << v;  // low 5 bits clear
    EXPECT_GE(v, 32u);            // non-zero q-bit value
  }
}

TEST(LayerWeights, SameSeedSameWeightsOtherSeedOtherWeights) {
  LayerDesign d;
  const auto a = make_layer_weights(d);
  EXPECT_EQ(a, make_layer_weights(d));
  d.seed = 2;
  EXPECT_NE(a, make_layer_weights(d));
}

TEST(SimulateLayer, ScOnesEqualTheSimulatorsDotProductTimesLengthAndInputs) {
  LayerDesign d;
  d.n_inputs = 6;
  d.n_neurons = 2;
  d.bitstream_length = 200;
  d.precision = 8;
  d.generator = sim::Generator::kSobol;
  const auto w = make_layer_weights(d);
  const std::vector<std::uint32_t> x = {3, 250, 128, 77, 0, 200};
  const LayerResult r = simulate_layer(d, w, x);
  const auto seq =
      sim::operand_sequences(d.generator, sim::parse_polynomial(sim::kDefaultPolynomial), 8, 200);
  const sim::RandomPlanes pin(seq.inputs, 8), pw(seq.weights, 8);
  for (int j = 0; j < 2; ++j) {
    std::vector<double> xs, ws;
    for (int i = 0; i < 6; ++i) {
      xs.push_back(x[i] / 256.0);
      ws.push_back(w[i * 2 + j] / 256.0);
    }
    const double dot = sim::sc_dot_product(xs, ws, pin, pw, sim::ComputeMode::kSc);
    EXPECT_EQ(r.sc_ones[j], std::llround(dot * 6 * 200));
    EXPECT_EQ(r.exact_sum[j], 0);
  }
}

TEST(SimulateLayer, DeterministicModeSumsTheExactProducts) {
  LayerDesign d;
  d.n_inputs = 3;
  d.n_neurons = 1;
  d.precision = 4;
  d.mode = sim::ComputeMode::kDeterministic;
  const std::vector<std::uint32_t> w = {1, 15, 7};
  const LayerResult r = simulate_layer(d, w, {2, 3, 15});
  EXPECT_EQ(r.exact_sum[0], 2 * 1 + 3 * 15 + 15 * 7);
  EXPECT_EQ(r.sc_ones[0], 0);
}

TEST(SimulateLayer, HybridComputesTheFirstThirtyPercentExactly) {
  LayerDesign d;
  d.n_inputs = 10;  // int(0.3 * 10) = 3 exact synapses
  d.n_neurons = 1;
  d.precision = 4;
  d.mode = sim::ComputeMode::kHybrid;
  EXPECT_EQ(exact_inputs(d), 3);
  std::vector<std::uint32_t> w(10, 15), x(10, 0);
  x[0] = 1;
  x[2] = 2;
  const LayerResult r = simulate_layer(d, w, x);  // the SC inputs are all zero
  EXPECT_EQ(r.exact_sum[0], 45);
  EXPECT_EQ(r.sc_ones[0], 0);
}

TEST(LayerDesignValidation, NamesTheField) {
  LayerDesign d;
  d.precision = 17;
  EXPECT_THROW_MESSAGE(validate(d), core::InputError, "precision must be 1-16 bits, got 17");
  d = LayerDesign{};
  d.polynomial = "x4+x3+1";
  EXPECT_THROW_MESSAGE(validate(d), core::InputError,
                       "polynomial 'x4+x3+1' has degree 4, below the precision 8");
  d = LayerDesign{};
  d.sparsity = 1.0;
  EXPECT_THROW_MESSAGE(validate(d), core::InputError, "sparsity must be in [0, 1), got 1.0");
  d = LayerDesign{};
  d.generator = sim::Generator::kRandom;
  EXPECT_THROW_MESSAGE(validate(d), core::InputError, "'random' is not a hardware generator");
  d = LayerDesign{};
  d.weight_bits = 9;
  EXPECT_THROW_MESSAGE(validate(d), core::InputError, "weight_bits must be 0-8");
}

TEST(LayerDesign, ModuleNameSaysEveryKnob) {
  LayerDesign d;
  d.n_inputs = 64;
  d.n_neurons = 32;
  d.sparsity = 0.5;
  d.weight_bits = 4;
  d.generator = sim::Generator::kScc;
  d.mode = sim::ComputeMode::kHybrid;
  EXPECT_EQ(module_name(d), "sc_layer_64x32_l256_p8_q4_scc_hybrid_s500");
}

}  // namespace
}  // namespace scn::hw
