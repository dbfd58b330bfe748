// The network design: weight quantisation, the activation, the plan reader and
// the errors a user meets (a plan that does not match the network, bad weights).
#include "sc_neurocore/hw/network.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/hw/network_verilog.hpp"
#include "test_util.hpp"

namespace scn::hw {
namespace {

PlannedLayer planned(const std::string& id, std::int64_t length, const std::string& decorrelator, int bits,
                     const std::string& mode) {
  return {id, length, decorrelator, "none", bits, mode, std::nullopt, std::nullopt};
}

TEST(QuantiseLayerWeights, SignAndMagnitudeOfTheLargestWeight) {
  // max |w| = 2: 2 -> 15, -1 -> -8 (7.5 rounds to even), 0.1 -> 1 (0.75), 0.05 -> 0 (pruned) at 4 bits.
  const auto q = quantise_layer_weights(core::make_matrix(2, 2, {2.0, -1.0, 0.1, 0.05}), 4, 4, "w");
  EXPECT_EQ(q.values, (std::vector<std::int32_t>{15, -8, 1, 0}));
  EXPECT_DOUBLE_EQ(q.value_scale, 2.0 * 16.0 / 15.0);
  EXPECT_TRUE(has_negative(q));
  // Two weight bits of eight: the magnitudes sit at the top (W_q << 6).
  const auto coarse = quantise_layer_weights(core::make_matrix(1, 3, {1.0, 0.5, -0.2}), 8, 2, "w");
  EXPECT_EQ(coarse.values, (std::vector<std::int32_t>{3 << 6, 2 << 6, -(1 << 6)}));
}

TEST(QuantiseLayerWeights, RefusesNonFiniteValuesNamingTheElement) {
  EXPECT_THROW_MESSAGE(
      quantise_layer_weights(core::make_matrix(2, 2, {0.0, 1.0, std::nan(""), 0.0}), 8, 8, "w.json: layer 0"),
      core::InputError, "w.json: layer 0: weight [1][0] is not finite");
}

TEST(Activation, ReluClampsAndTheLastLayerKeepsItsSign) {
  NetworkLayerDesign relu;
  relu.relu = true;
  relu.out_bits = 4;
  relu.shift = 3;
  EXPECT_EQ(activation(relu, -100), 0);
  EXPECT_EQ(activation(relu, 7), 0);      // floor(7 / 8)
  EXPECT_EQ(activation(relu, 95), 11);    // floor(95 / 8)
  EXPECT_EQ(activation(relu, 1000), 15);  // saturates at 2^4 - 1
  NetworkLayerDesign linear = relu;
  linear.relu = false;
  EXPECT_EQ(activation(linear, -9), -2);  // floor(-9 / 8), an arithmetic shift
  EXPECT_EQ(activation(linear, -1000), -16);
  EXPECT_EQ(activation(linear, 1000), 15);
}

TEST(BuildNetwork, ChoosesTheShiftThatFitsTheCalibrationVectors) {
  // One 2x1 layer, weights 1 and 1 at 4 bits: W = 15 each; inputs (1, 1) -> x = 15; num = L * 15 * 15 * 2.
  const std::vector<ShapedLayer> shapes = {{"a", 2, 1}};
  const NetworkDesign d = build_network(shapes, {planned("a", 10, "LFSR", 4, "SC")},
                                        {core::make_matrix(2, 1, {1.0, 1.0})}, 1, "plan", "w", {{1.0, 1.0}});
  // Largest num 4500 must fit the last layer's 4 bits (|a| <= 15): 4500 >> 9 = 8, >> 8 = 17.
  EXPECT_EQ(d.layers[0].shift, 9);
  EXPECT_EQ(d.output_bits(), 5);
  EXPECT_FALSE(d.layers[0].relu);
  EXPECT_EQ(d.calibration, "given");
}

TEST(BuildNetwork, RefusesAPlanThatDoesNotMatchTheNetwork) {
  const std::vector<ShapedLayer> shapes = {{"a", 4, 3}, {"b", 3, 2}};
  const std::vector<PlannedLayer> plan = {planned("a", 64, "LFSR", 8, "SC"),
                                          planned("b", 64, "Sobol", 8, "SC")};
  EXPECT_THROW_MESSAGE(build_network(shapes, {plan[0]}, {}, 1, "p.json", ""), core::InputError,
                       "p.json: layer 'b' of the network is not planned");
  auto extra = plan;
  extra.push_back(planned("c", 64, "LFSR", 8, "SC"));
  EXPECT_THROW_MESSAGE(build_network(shapes, extra, {}, 1, "p.json", ""), core::InputError,
                       "p.json: layer 'c' is not a layer of the network");
  EXPECT_THROW_MESSAGE(build_network({{"a", 4, 3}, {"b", 2, 2}}, plan, {}, 1, "p.json", ""), core::InputError,
                       "layer 'b' has 2 inputs but layer 'a' before it has 3 neurons");
  auto bad = plan;
  bad[1].decorrelator = "Gauss";
  EXPECT_THROW_MESSAGE(build_network(shapes, bad, {}, 1, "p.json", ""), core::InputError,
                       "p.json: layer 'b' decorrelator 'Gauss' is not one of");
  bad = plan;
  bad[0].precision_bits = 20;
  EXPECT_THROW_MESSAGE(build_network(shapes, bad, {}, 1, "p.json", ""), core::InputError,
                       "p.json: layer 'a' precision_bits must be 1-16, got 20");
}

TEST(BuildNetwork, RefusesWeightsOfTheWrongShape) {
  const std::vector<ShapedLayer> shapes = {{"a", 4, 3}, {"b", 3, 2}};
  const std::vector<PlannedLayer> plan = {planned("a", 64, "LFSR", 8, "SC"),
                                          planned("b", 64, "Sobol", 8, "SC")};
  const std::vector<core::WeightArray> weights = {core::make_matrix(4, 3, std::vector<double>(12, 0.5)),
                                                  core::make_matrix(3, 3, std::vector<double>(9, 0.5))};
  EXPECT_THROW_MESSAGE(build_network(shapes, plan, weights, 1, "p.json", "w.json"), core::InputError,
                       "w.json: layer 1 ('b'): weights are 3x3, the network says 3x2");
  EXPECT_THROW_MESSAGE(build_network(shapes, plan, {weights[0]}, 1, "p.json", "w.json"), core::InputError,
                       "w.json: 1 weight matrices for 2 layers");
}

TEST(BuildNetwork, DeterministicLayersTakeOneCycleAndPinsStayWithin40) {
  const std::vector<ShapedLayer> shapes = {{"a", 3, 2}, {"b", 2, 2}};
  const NetworkDesign d = build_network(
      shapes, {planned("a", 512, "LFSR", 16, "Deterministic"), planned("b", 64, "Halton", 16, "SC")}, {}, 1,
      "p", "");
  EXPECT_EQ(d.layers[0].design.bitstream_length, 1);
  EXPECT_EQ(compute_cycles(d), (1 + 2) + (64 + 2));
  EXPECT_EQ(cycles_per_inference(d), 3 + 69 + 2);
  const auto manifest = network_manifest(d, "test");
  EXPECT_EQ(manifest.at("pins").get<int>(), 6 + 16 + 17);
  EXPECT_LE(manifest.at("pins").get<int>(), 40);
}

TEST(BuildNetwork, ZeroesTheNeuronsNoLaterLayerReadsFromTheLastLayerBack) {
  // c reads nothing of b's neuron 1 (row 1 of c is 0): b's column 1 is zeroed. That leaves b's row 2 (a's
  // neuron 2) read by nothing but b's neuron 1, so a's column 2 goes as well. c's neurons are outputs.
  const std::vector<ShapedLayer> shapes = {{"a", 2, 3}, {"b", 3, 2}, {"c", 2, 2}};
  const std::vector<PlannedLayer> plan = {planned("a", 64, "LFSR", 6, "SC"),
                                          planned("b", 64, "LFSR", 6, "SC"),
                                          planned("c", 64, "LFSR", 6, "SC")};
  const std::vector<core::WeightArray> weights = {core::make_matrix(2, 3, {0.9, 0.4, 0.5, -0.3, 0.6, 0.7}),
                                                  core::make_matrix(3, 2, {1.0, 0.2, 0.4, 0.8, 0.0, 0.5}),
                                                  core::make_matrix(2, 2, {0.7, -0.5, 0.0, 0.0})};
  const NetworkDesign d = build_network(shapes, plan, weights, 1, "p", "w");
  EXPECT_EQ(d.layers[0].dead_neurons, (std::vector<int>{2}));
  EXPECT_EQ(d.layers[1].dead_neurons, (std::vector<int>{1}));
  EXPECT_TRUE(d.layers[2].dead_neurons.empty());
  // 6-bit magnitudes of max |w| = 0.9 and 1.0, the zeroed columns 0.
  EXPECT_EQ(d.layers[0].weights.values, (std::vector<std::int32_t>{63, 28, 0, -21, 42, 0}));
  EXPECT_EQ(d.layers[1].weights.values, (std::vector<std::int32_t>{63, 0, 25, 0, 0, 0}));
  EXPECT_DOUBLE_EQ(d.layers[1].design.sparsity, 4.0 / 6.0);
  EXPECT_EQ(network_manifest(d, "test").at("layers").at(0).at("dead_neurons"), nlohmann::json::array({2}));
  // Nothing read the zeroed neurons: with their weights back (and the same shifts) the outputs are the same.
  NetworkDesign restored = d;
  restored.layers[0].weights.values[2] = 35;
  restored.layers[0].weights.values[5] = 49;
  restored.layers[1].weights.values[1] = 13;
  restored.layers[1].weights.values[3] = 50;
  restored.layers[1].weights.values[5] = 32;
  const NetworkSimulator pruned(d), full(restored);
  for (const auto& v : calibration_vectors(2, 3, 8)) {
    const auto x = quantise_inputs(v, 6);
    EXPECT_EQ(pruned.run(x).back().out, full.run(x).back().out);
    EXPECT_EQ(pruned.run_exact(x).back().out, full.run_exact(x).back().out);
  }
}

TEST(HexWords, TwoComplementDigitsOfTheWordWidth) {
  EXPECT_EQ(hex_word(-1, 6), "3f");
  EXPECT_EQ(hex_word(5, 9), "005");
  EXPECT_EQ(hex_line({1, -2, 10}, 5), "01 1e 0a");
}

// Bias correction (docs/network.md): c_j is the rounded mean SC error of neuron j over the calibration
// vectors; the hardware and the simulator subtract it, and a plan can turn it off.
TEST(BiasCorrection, RemovesEachNeuronsMeanErrorOnTheCalibrationVectors) {
  const std::vector<ShapedLayer> shapes = {{"a", 24, 12}};
  std::vector<PlannedLayer> plan = {planned("a", 512, "LFSR", 6, "SC")};
  const NetworkDesign d = build_network(shapes, plan, {}, 3, "p", "");
  const NetworkLayerDesign& layer = d.layers[0];
  ASSERT_EQ(layer.ones_offset.size(), 12u);
  // The shared LFSR overestimates every product: all offsets are positive ones to take away.
  for (const std::int64_t c : layer.ones_offset) EXPECT_GT(c, 0);
  // Recomputed here from the simulator's raw ones: what is left on the same vectors is under half a one.
  const NetworkSimulator simulator(d);
  std::vector<double> left(12, 0.0);
  const auto vectors = calibration_vectors(24, 3, kCalibrationVectors);
  for (const auto& v : vectors) {
    const auto x = quantise_inputs(v, 6);
    const auto ones = simulator.sc_ones(0, x);
    for (std::size_t j = 0; j < 12; ++j) {
      double exact = 0.0;
      for (std::size_t i = 0; i < 24; ++i)
        exact += static_cast<double>(x[i]) * layer.weights.values[i * 12 + j];
      left[j] += static_cast<double>(ones[j] - layer.ones_offset[j]) - exact * 512.0 / 4096.0;
    }
  }
  for (const double sum : left) EXPECT_LE(std::fabs(sum / vectors.size()), 0.5);
  // Turned off: no offsets, and the ones reach num untouched.
  plan[0].bias_correction = false;
  const NetworkDesign off = build_network(shapes, plan, {}, 3, "p", "");
  EXPECT_TRUE(off.layers[0].ones_offset.empty());
  EXPECT_EQ(off.layers[0].round_ones, 0);
  const auto x = quantise_inputs(vectors[0], 6);
  const auto ones = NetworkSimulator(off).sc_ones(0, x);
  const auto trace = NetworkSimulator(off).run(x);
  for (std::size_t j = 0; j < 12; ++j) EXPECT_EQ(trace[0].num[j], ones[j] * 4096);
}

}  // namespace
}  // namespace scn::hw
