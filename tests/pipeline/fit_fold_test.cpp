// fit_to_target folds before it quantises (issue 31): the trained 64-16-10 digits classifier (README's fit
// example) is 6,684 cells at 8-bit weights, over the HX8K's margin; folding its first layer onto block RAM
// costs no accuracy, so the fit folds until it fits and keeps every weight bit; the plan it writes builds a
// network whose outputs are the spatial network's.
#include <gtest/gtest.h>

#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/hw/network.hpp"
#include "sc_neurocore/io/plan.hpp"
#include "sc_neurocore/io/weights.hpp"
#include "sc_neurocore/pipeline/network_job.hpp"
#include "sc_neurocore/pipeline/plan_validation.hpp"
#include "test_util.hpp"

namespace scn::pipeline {
namespace {

const std::string kTrained = SCN_TRAINED_DIR;
const std::vector<model::LayerSize> kDigits = {{64, 16}, {16, 10}};

TEST(FitFold, FoldsBeforeItQuantisesAndKeepsTheTaskAccuracy) {
  const auto weights = io::load_weight_files({kTrained + "/digits-16.weights.json"});
  compress::FitOptions options;
  options.target = "ice40-hx8k";
  options.validation = fit_validation(
      kDigits, options.knobs,
      load_validation_data({kTrained + "/digits.test-inputs.json", kTrained + "/digits.test-labels.json"},
                           std::nullopt));
  const compress::OptimizationResult fitted = compress::fit_to_target(kDigits, weights, options);
  ASSERT_TRUE(fitted.fits);
  EXPECT_EQ(fitted.final_weight_bits, 8);  // no bit given up
  ASSERT_FALSE(fitted.steps.empty());
  for (const auto& step : fitted.steps) {
    EXPECT_EQ(step.action.rfind("Fold layer 0 onto ", 0), 0u) << step.action;
    EXPECT_LT(step.luts_after, step.luts_before);
    EXPECT_EQ(step.accuracy_after, step.accuracy_before);
  }
  EXPECT_EQ(fitted.final_task_accuracy, fitted.start_task_accuracy);  // bit for bit the spatial network
  ASSERT_EQ(fitted.final_folds.size(), 2u);
  EXPECT_TRUE(fitted.final_folds[0].folded());
  EXPECT_LE(fitted.final_estimate.total_bram_kb, 16.0);  // the HX8K's 32 blocks of 4 kbit

  // The written plan carries the fold; its network is the fold's latency and the spatial network's outputs.
  NetworkInputs inputs;
  inputs.network = io::fit_network_json(kDigits);
  inputs.plan = io::fit_plan_json(fitted, kDigits, options.knobs);
  inputs.weights = fitted.optimized_weights;
  ASSERT_TRUE(inputs.plan["layers"][0].contains("fold"));
  const hw::NetworkDesign folded = network_design(inputs);
  EXPECT_EQ(hw::cycles_per_inference(folded), fitted.final_estimate.total_latency_cycles);
  inputs.plan["layers"][0].erase("fold");
  const auto vectors = input_vectors_from_json(
      core::parse_json(test::read_text(kTrained + "/digits.test-inputs.json"), "inputs"), "inputs", 64);
  const std::vector<std::vector<double>> some(vectors.begin(), vectors.begin() + 30);
  EXPECT_EQ(simulate_network(folded, some).raw, simulate_network(network_design(inputs), some).raw);
}

}  // namespace
}  // namespace scn::pipeline
