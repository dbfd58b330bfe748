// The network job over a built design: input vectors, the bit-true simulation and what bias correction buys
// on held-out vectors.
#include "sc_neurocore/pipeline/network_job.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/hw/network.hpp"
#include "sc_neurocore/hw/network_verilog.hpp"
#include "test_util.hpp"

namespace scn::pipeline {
namespace {

hw::PlannedLayer planned(const std::string& id, std::int64_t length, const std::string& decorrelator,
                         int bits, const std::string& mode) {
  return {id, length, decorrelator, "none", bits, mode, std::nullopt, std::nullopt};
}

TEST(InputVectors, RefuseValuesOutsideTheUnitIntervalAndWrongLengths) {
  EXPECT_THROW_MESSAGE(
      input_vectors_from_json(nlohmann::json::parse("[[0.1, 0.2], [0.5, 1.5]]"), "x.json", 2),
      core::InputError, "x.json: vector 1 element 1 = 1.5 is outside [0, 1]");
  EXPECT_THROW_MESSAGE(input_vectors_from_json(nlohmann::json::parse("[[0.1, 0.2, 0.3]]"), "x.json", 2),
                       core::InputError, "x.json: vector 0 has 3 values, the first layer has 2 inputs");
}

TEST(Simulation, AnExactLayerHasNoErrorAndSeededWeightsAreReproducible) {
  const std::vector<hw::ShapedLayer> shapes = {{"a", 5, 4}, {"b", 4, 3}};
  const std::vector<hw::PlannedLayer> plan = {planned("a", 1, "LFSR", 8, "Deterministic"),
                                              planned("b", 256, "LFSR", 8, "SC")};
  const hw::NetworkDesign d = hw::build_network(shapes, plan, {}, 9, "p", "");
  const auto inputs = hw::calibration_vectors(5, 2, 16);
  const NetworkSimulation s = simulate_network(d, inputs);
  EXPECT_DOUBLE_EQ(s.layers[0].measured_score, 1.0);
  EXPECT_DOUBLE_EQ(s.layers[0].rmse, 0.0);
  EXPECT_GT(s.layers[1].measured_score, 0.8);
  EXPECT_LT(s.layers[1].measured_score, 1.0);
  EXPECT_EQ(simulate_network(hw::build_network(shapes, plan, {}, 9, "p", ""), inputs).raw, s.raw);
  EXPECT_NE(simulate_network(hw::build_network(shapes, plan, {}, 10, "p", ""), inputs).raw, s.raw);
}

TEST(BiasCorrection, ScoresHigherOnHeldOutVectorsAndTheActivationRounds) {
  const std::vector<hw::ShapedLayer> shapes = {{"a", 64, 8}, {"b", 8, 4}};
  std::vector<hw::PlannedLayer> plan = {planned("a", 256, "LFSR", 8, "SC"),
                                        planned("b", 256, "SCC", 8, "SC")};
  const auto held_out = hw::calibration_vectors(64, 77, 128);  // not the calibration seed (3)
  const hw::NetworkDesign on = hw::build_network(shapes, plan, {}, 3, "p", "");
  plan[0].bias_correction = plan[1].bias_correction = false;
  const hw::NetworkDesign off = hw::build_network(shapes, plan, {}, 3, "p", "");
  const NetworkSimulation corrected = simulate_network(on, held_out);
  const NetworkSimulation raw = simulate_network(off, held_out);
  EXPECT_GT(corrected.layers[0].measured_score, 0.93);
  EXPECT_LT(raw.layers[0].measured_score, 0.82);
  EXPECT_GT(corrected.layers[1].measured_score, raw.layers[1].measured_score + 0.1);
  // The model's prediction follows the switch.
  EXPECT_GT(corrected.layers[0].predicted_score, raw.layers[0].predicted_score + 0.1);
  // Half an output step in ones, added before the shift: a num of exactly half a step rounds up.
  const hw::NetworkLayerDesign& a = on.layers[0];
  ASSERT_GE(a.shift - 1, 2 * a.design.precision);
  EXPECT_EQ(a.round_ones, std::int64_t{1} << (a.shift - 1 - 2 * a.design.precision));
  EXPECT_EQ(hw::activation(a, std::int64_t{1} << (a.shift - 1)), 1);
  EXPECT_EQ(hw::activation(off.layers[0], std::int64_t{1} << (off.layers[0].shift - 1)), 0);
  // The manifest says what was folded in.
  const nlohmann::json manifest = hw::network_manifest(on, "test");
  EXPECT_EQ(manifest["layers"][0]["bias_correction"]["enabled"], true);
  EXPECT_EQ(manifest["layers"][0]["bias_correction"]["ones_offset"].size(), 8u);
  EXPECT_EQ(manifest["layers"][0]["bias_correction"]["rounding_ones"], a.round_ones);
  EXPECT_EQ(hw::network_manifest(off, "test")["layers"][0]["bias_correction"]["ones_offset"].size(), 0u);
}

}  // namespace
}  // namespace scn::pipeline
