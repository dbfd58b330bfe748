// The default profile's fit keeps an accuracy floor (issue 30, item 5): on the README's 64x32,32x16 example
// for the UP5K it used to say "fits" at 2-bit weights with an accuracy score of 0.14.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sc_neurocore/compress/fit_to_target.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/io/weights.hpp"
#include "test_util.hpp"

namespace scn::compress {
namespace {

const std::vector<model::LayerSize> kLayers = {{64, 32}, {32, 16}};

std::vector<core::WeightArray> example_weights() {
  return io::load_weight_files({std::string(SCN_EXAMPLES_DIR) + "/weights_64x32_32x16.json"});
}

FitOptions up5k(double floor) {
  FitOptions options;
  options.target = "ice40-up5k";
  options.min_accuracy = floor;
  options.folds = false;  // the floors judge the lossy moves (folding loses nothing: fit_fold_test.cpp)
  return options;
}

TEST(FitFloor, StopsBeforeTheStepThatBreaksItAndSaysWhatItWouldHaveSaved) {
  const OptimizationResult result = fit_to_target(kLayers, example_weights(), up5k(kDefaultMinFitAccuracy));
  EXPECT_FALSE(result.fits);
  ASSERT_FALSE(result.steps.empty());
  for (const OptimizationStep& step : result.steps) EXPECT_GE(step.accuracy_after, 0.8) << step.action;
  EXPECT_GE(result.final_accuracy, 0.8);
  EXPECT_EQ(result.min_accuracy, 0.8);
  EXPECT_NE(result.refused_step.find("would save "), std::string::npos) << result.refused_step;
  EXPECT_NE(result.refused_step.find("below the floor 0.8000 (--min-accuracy)"), std::string::npos)
      << result.refused_step;
  EXPECT_NE(result.shortfall.find("(the next step breaks the accuracy floor)"), std::string::npos)
      << result.shortfall;
  const std::string text = io::summary(result);
  EXPECT_NE(text.find("  Stopped: "), std::string::npos) << text;
  EXPECT_NE(text.find("(floor 0.80: "), std::string::npos) << text;
}

TEST(FitFloor, ZeroTurnsItOffAndALowerFloorGoesFurther) {
  const OptimizationResult none = fit_to_target(kLayers, example_weights(), up5k(0.0));
  EXPECT_TRUE(none.fits);  // as before the floor: it fits, at an accuracy score no classifier survives
  EXPECT_LT(none.final_accuracy, 0.5);
  EXPECT_TRUE(none.refused_step.empty());
  const OptimizationResult floor = fit_to_target(kLayers, example_weights(), up5k(0.8));
  const OptimizationResult lower = fit_to_target(kLayers, example_weights(), up5k(0.5));
  EXPECT_LT(lower.final_luts, floor.final_luts);
  EXPECT_GE(lower.final_accuracy, 0.5);
}

// A stand-in for the simulation on the user's data: the task accuracy is a tenth per weight bit.
FitValidation by_weight_bits(int& calls) {
  return {"task_accuracy", [&calls](const OptimizationResult& r) {
            ++calls;
            return 0.1 * static_cast<double>(r.final_weight_bits);
          }};
}

TEST(FitTaskFloor, StopsBeforeTheStepThatTakesTheTaskAccuracyBelowItsFloor) {
  int calls = 0;
  FitOptions options = up5k(0.0);
  options.validation = by_weight_bits(calls);
  options.min_task_accuracy = 0.55;
  const OptimizationResult result = fit_to_target(kLayers, example_weights(), options);
  EXPECT_FALSE(result.fits);
  EXPECT_EQ(result.final_weight_bits, 6);  // 5-bit weights would measure 0.5
  EXPECT_EQ(result.validation_metric, "task_accuracy");
  EXPECT_DOUBLE_EQ(result.start_task_accuracy.value(), 0.8);
  EXPECT_DOUBLE_EQ(result.final_task_accuracy.value(), 0.6);
  EXPECT_DOUBLE_EQ(result.min_task_accuracy.value(), 0.55);
  ASSERT_FALSE(result.steps.empty());
  for (const OptimizationStep& step : result.steps) {
    ASSERT_TRUE(step.task_accuracy_after.has_value()) << step.action;
    EXPECT_GE(*step.task_accuracy_after, 0.55) << step.action;
  }
  EXPECT_EQ(result.refused_step.rfind("Quantize to 5-bit would save ", 0), 0u) << result.refused_step;
  EXPECT_NE(result.refused_step.find("but take the task accuracy on the validation data to 0.5000, below the "
                                     "floor 0.5500 (--min-task-accuracy)"),
            std::string::npos)
      << result.refused_step;
  // The start, every step taken, and each refused configuration were measured; nothing else.
  EXPECT_GE(calls, static_cast<int>(result.steps.size()) + 2);
  const std::string text = io::summary(result);
  EXPECT_NE(text.find("  Task accuracy on the validation data: 0.8000 -> 0.6000 (floor 0.5500)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(", task accuracy 0.6000\n"), std::string::npos) << text;
  const nlohmann::json json = io::to_json(result);
  EXPECT_EQ(
      json["validation"],
      (nlohmann::json{
          {"metric", "task_accuracy"}, {"start", 0.8}, {"final", 0.6000000000000001}, {"floor", 0.55}}));
}

TEST(FitTaskFloor, DefaultsToNinetyFivePercentOfTheStartingMeasure) {
  int calls = 0;
  FitOptions options = up5k(0.0);
  options.validation = by_weight_bits(calls);
  const OptimizationResult result = fit_to_target(kLayers, example_weights(), options);
  EXPECT_DOUBLE_EQ(result.min_task_accuracy.value(), 0.95 * 0.8);
  EXPECT_EQ(result.final_weight_bits, 8);  // 7-bit weights would measure 0.7 < 0.76
  EXPECT_EQ(result.refused_step.rfind("Quantize to 7-bit would save ", 0), 0u) << result.refused_step;
  // Without data nothing is measured and the JSON says so.
  const OptimizationResult plain = fit_to_target(kLayers, example_weights(), up5k(0.0));
  EXPECT_FALSE(plain.final_task_accuracy.has_value());
  EXPECT_TRUE(io::to_json(plain)["validation"].is_null());
}

TEST(FitFloor, OutsideZeroToOneIsRefused) {
  EXPECT_THROW_MESSAGE(fit_to_target(kLayers, example_weights(), up5k(1.5)), core::InputError,
                       "min_accuracy must be in [0, 1], got 1.5");
  FitOptions options = up5k(0.0);
  options.min_task_accuracy = -0.1;
  EXPECT_THROW_MESSAGE(fit_to_target(kLayers, example_weights(), options), core::InputError,
                       "min_task_accuracy must be in [0, 1], got -0.1");
}

}  // namespace
}  // namespace scn::compress
