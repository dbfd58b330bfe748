// The planner folds layers (issue 31): a trained 64-32-10 digits classifier that no spatial plan fits on the
// UP5K plans onto it with folded layers within the device's block RAM; the folded plan's latency is the
// built network's cycle count and its outputs are the spatial twin's, word for word.
#include <gtest/gtest.h>

#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/hw/network.hpp"
#include "sc_neurocore/io/network.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/io/weights.hpp"
#include "sc_neurocore/model/grounded_model.hpp"
#include "sc_neurocore/model/targets.hpp"
#include "sc_neurocore/pipeline/network_job.hpp"
#include "sc_neurocore/pipeline/plan_validation.hpp"
#include "sc_neurocore/search/default_planner.hpp"
#include "sc_neurocore/search/surrogate.hpp"
#include "test_util.hpp"

namespace scn::pipeline {
namespace {

const std::string kTrained = SCN_TRAINED_DIR;
const std::string kNetwork = kTrained + "/digits-32.network.json";
const std::string kWeights = kTrained + "/digits-32.weights.json";

core::SurrogateOptimizerReport plan_up5k(bool folds) {
  search::SurrogateOptions options;
  options.device = "ice40-up5k";
  options.folds = folds;
  std::vector<model::LayerWeights> weights;
  for (auto& matrix : io::load_weight_files({kWeights})) weights.push_back({std::move(matrix), kWeights});
  return search::SurrogateSCOptimizer(model::builtin_target_profile("ice40-up5k"), options)
      .optimise(io::layer_profiles(io::load_network(kNetwork)), weights);
}

NetworkInputs inputs_of(const nlohmann::json& plan) {
  NetworkInputs inputs;
  inputs.network = core::parse_json(test::read_text(kNetwork), kNetwork);
  inputs.plan = plan;
  inputs.weights = io::load_weight_files({kWeights});
  return inputs;
}

TEST(FoldedPlan, TrainedDigits32FitsTheUp5kOnlyFolded) {
  const auto spatial = plan_up5k(false);
  EXPECT_EQ(spatial.rejected_layers.size(), 2u);  // 6,683 cells at least: more than the UP5K has
  ASSERT_TRUE(spatial.search.has_value());
  EXPECT_GT(spatial.search->min_luts.value_or(0), 4488);

  const auto folded = plan_up5k(true);
  ASSERT_TRUE(folded.rejected_layers.empty());
  ASSERT_TRUE(folded.hardware.has_value());
  EXPECT_LE(folded.total_luts, folded.hardware->logic_cell_budget);
  EXPECT_LE(folded.hardware->bram_blocks, 30);  // the UP5K's 30 SB_RAM40_4K
  EXPECT_EQ(folded.hardware->device_bram_blocks, 30);
  std::int64_t blocks = 0;
  bool any_folded = false;
  for (const auto& [id, c] : folded.config) {
    blocks += c.bram_blocks;
    any_folded = any_folded || c.neuron_lanes > 0;
  }
  EXPECT_TRUE(any_folded);
  EXPECT_EQ(blocks, folded.hardware->bram_blocks);
  EXPECT_TRUE(folded.search->proven_optimal);

  // The plan's latency is the built network's, and the folded network computes its spatial twin's words.
  const nlohmann::json plan = io::plan_json(folded);
  const hw::NetworkDesign design = network_design(inputs_of(plan));
  EXPECT_EQ(folded.total_latency_cycles, hw::cycles_per_inference(design));
  nlohmann::json twin = plan;
  for (auto& layer : twin["layers"]) layer.erase("fold");
  const auto vectors = input_vectors_from_json(
      core::parse_json(test::read_text(kTrained + "/digits.test-inputs.json"), "inputs"), "inputs", 64);
  const std::vector<std::vector<double>> some(vectors.begin(), vectors.begin() + 40);
  EXPECT_EQ(simulate_network(design, some).raw, simulate_network(network_design(inputs_of(twin)), some).raw);
}

// A network whose spatial plan fits is planned spatial (the fewest cycles, the best-checked model); asked to
// fold whenever the objective prefers it, the search over every candidate scores at least as well.
TEST(FoldedPlan, SpatialFirstFoldAlwaysOnRequest) {
  const std::string examples = SCN_EXAMPLES_DIR;
  std::vector<model::LayerWeights> weights;
  for (auto& m : io::load_weight_files({examples + "/network_weights.json"}))
    weights.push_back({std::move(m), "network_weights.json"});
  const auto network = io::layer_profiles(io::load_network(examples + "/network.json"));
  const auto target = model::builtin_target_profile("ice40-hx8k");
  search::SurrogateOptions options;
  options.device = "ice40-hx8k";
  const auto spatial = search::SurrogateSCOptimizer(target, options).optimise(network, weights);
  ASSERT_TRUE(spatial.feasible());
  for (const auto& [id, c] : spatial.config) EXPECT_EQ(c.neuron_lanes, 0) << id;
  options.fold_always = true;
  const auto any = search::SurrogateSCOptimizer(target, options).optimise(network, weights);
  ASSERT_TRUE(any.feasible());
  EXPECT_GE(any.search->objective, spatial.search->objective - 1e-12);
}

// A 784-64-10 classifier: nothing fits the UP5K with its 784 input words in a register; with a latency cap
// the planner folds the hidden layer into SPRAM with its inputs in block RAM, within the device's memories,
// and only the first layer's candidates keep inputs in memory.
TEST(FoldedPlan, Wide784InputsGoToBlockRamOnTheUp5k) {
  const std::string examples = SCN_EXAMPLES_DIR;
  const auto network = io::layer_profiles(io::load_network(examples + "/network_784x64x10.json"));
  auto target = model::builtin_target_profile("ice40-up5k");
  target.budget.max_latency_cycles = 100000;
  search::SurrogateOptions options;
  options.device = "ice40-up5k";
  const auto plan = search::SurrogateSCOptimizer(target, options).optimise(network, {});
  ASSERT_TRUE(plan.feasible());
  const core::SurrogateLayerConfig& hidden = plan.config.at(0).second;
  EXPECT_EQ(plan.config.at(0).first, "hidden");
  EXPECT_TRUE(hidden.input_memory);
  EXPECT_EQ(hidden.weight_memory, "spram");
  EXPECT_FALSE(plan.config.at(1).second.input_memory);
  EXPECT_LE(plan.total_latency_cycles, 100000);
  EXPECT_LE(plan.hardware->bram_blocks, 30);
  EXPECT_LE(plan.hardware->spram_blocks, 4);
  const model::GroundedCostModel model("ice40-up5k");
  const search::CostedNetwork costed = search::cost_network(network, options, model, {});
  for (const model::CandidateCost& c : costed.costs(1)) EXPECT_FALSE(c.fold.input_memory);
}

// SPRAM is a fold choice where the device has it: the UP5K's candidates include layers folded into SPRAM,
// each costed with the SB_SPRAM256KA blocks of its layout; the HX8K (no SPRAM) has none.
TEST(FoldedPlan, SpramIsAFoldChoiceOnlyWhereTheDeviceHasIt) {
  std::vector<model::LayerWeights> weights;
  for (auto& matrix : io::load_weight_files({kWeights})) weights.push_back({std::move(matrix), kWeights});
  const auto network = io::layer_profiles(io::load_network(kNetwork));
  search::SurrogateOptions options;
  options.bitstream_options = {64};
  options.precision_options = {8};
  for (const std::string device : {"ice40-up5k", "ice40-hx8k"}) {
    options.device = device;
    const model::GroundedCostModel model(device);
    const search::CostedNetwork costed = search::cost_network(network, options, model, weights);
    std::size_t spram = 0;
    for (const model::CandidateCost& c : costed.costs(0)) {
      if (c.fold.memory != hw::WeightMemory::kSpram || !c.fold.folded()) {
        EXPECT_EQ(c.spram_blocks, 0);
        continue;
      }
      ++spram;
      EXPECT_GE(c.spram_blocks, 1);
      EXPECT_LE(c.spram_blocks, 4);
      // The weights are in SPRAM (and no Halton ROM goes to block RAM at L = 64): block RAM only for the
      // inputs of a first layer that keeps them there.
      if (c.fold.input_memory)
        EXPECT_GE(c.bram_blocks, 1);
      else
        EXPECT_EQ(c.bram_blocks, 0);
    }
    EXPECT_EQ(spram > 0, device == "ice40-up5k") << device;
  }
}

}  // namespace
}  // namespace scn::pipeline
