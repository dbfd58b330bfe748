// fit with the user's validation data (issue 30, item 5): a classifier trained on scikit-learn's 8x8 digits
// (data/calibration/trained/digits-16, scripts/trained-networks; intercepts dropped) fitted for the UP5K.
#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/io/weights.hpp"
#include "sc_neurocore/pipeline/plan_validation.hpp"
#include "test_util.hpp"

namespace scn::pipeline {
namespace {

const std::vector<model::LayerSize> kDigits = {{64, 16}, {16, 10}};
const std::string kTrained = SCN_TRAINED_DIR;

std::vector<core::WeightArray> digits_weights() {
  return io::load_weight_files({kTrained + "/digits-16.weights.json"});
}

ValidationData digits_test_split() {
  return load_validation_data({kTrained + "/digits.test-inputs.json", kTrained + "/digits.test-labels.json"},
                              std::nullopt);
}

compress::FitOptions up5k() {
  compress::FitOptions options;
  options.target = "ice40-up5k";
  options.min_accuracy = 0.0;
  options.folds = false;  // the task floor judges the lossy moves
  return options;
}

TEST(FitValidation, KeepsTheTaskAccuracyThatTheFitWithoutDataGivesAway) {
  compress::FitOptions options = up5k();
  options.validation = fit_validation(kDigits, options.knobs, digits_test_split());
  const compress::OptimizationResult fitted = fit_to_target(kDigits, digits_weights(), options);
  EXPECT_EQ(fitted.validation_metric, "task_accuracy");
  const double floor = fitted.min_task_accuracy.value();
  EXPECT_DOUBLE_EQ(floor, 0.95 * fitted.start_task_accuracy.value());
  EXPECT_GT(fitted.start_task_accuracy.value(), 0.9);  // 8-bit weights, L = 256, on 450 test vectors
  EXPECT_GE(fitted.final_task_accuracy.value(), floor);
  ASSERT_FALSE(fitted.steps.empty());
  for (const compress::OptimizationStep& step : fitted.steps)
    EXPECT_GE(step.task_accuracy_after.value(), floor) << step.action;
  // The same fit without the data walks on to fewer cells, and its design fails the task on the same data.
  const compress::OptimizationResult blind = fit_to_target(kDigits, digits_weights(), up5k());
  EXPECT_LT(blind.final_luts, fitted.final_luts);
  EXPECT_LT(options.validation->measure(blind), floor);
  // The measure is a pure function of the configuration: the fit's final one measures what the fit says.
  EXPECT_DOUBLE_EQ(options.validation->measure(fitted), fitted.final_task_accuracy.value());
}

TEST(FitValidation, ReferenceOutputsGiveTheEndToEndScoreAndInputsAloneAreRefused) {
  ValidationData data = digits_test_split();
  data.labels.reset();
  EXPECT_THROW_MESSAGE(fit_validation(kDigits, {}, data), core::InputError,
                       "digits.test-inputs.json: fit's validation needs class labels or reference outputs "
                       "beside the input vectors");
  // The float network's outputs as the reference: the SC design's end-to-end score against them.
  data.reference = nlohmann::json::array();
  const auto inputs = data.inputs;
  const auto weights = digits_weights();
  for (const auto& vector : inputs) {
    std::vector<double> hidden(16, 0.0), out(10, 0.0);
    for (std::size_t i = 0; i < 64; ++i)
      for (std::size_t j = 0; j < 16; ++j)
        hidden[j] += vector[i].get<double>() * weights[0].values[i * 16 + j];
    for (std::size_t j = 0; j < 16; ++j)
      for (std::size_t k = 0; k < 10; ++k) out[k] += std::max(0.0, hidden[j]) * weights[1].values[j * 10 + k];
    data.reference->push_back(out);
  }
  data.reference_source = "float outputs";
  const compress::FitValidation validation = fit_validation(kDigits, {}, data);
  EXPECT_EQ(validation.metric, "end_to_end_score");
  compress::FitOptions options = up5k();
  options.max_iterations = 0;  // the starting configuration only
  options.validation = validation;
  const compress::OptimizationResult start = fit_to_target(kDigits, weights, options);
  EXPECT_GT(start.start_task_accuracy.value(), 0.5);
  EXPECT_LT(start.start_task_accuracy.value(), 1.0);
}

}  // namespace
}  // namespace scn::pipeline
