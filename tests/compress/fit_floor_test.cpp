// The default profile's fit keeps an accuracy floor (issue 30, item 5): on the README's 64x32,32x16 example
// for the UP5K it used to say "fits" at 2-bit weights with an accuracy score of 0.14.
#include <gtest/gtest.h>

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
  EXPECT_NE(result.refused_step.find("below the floor 0.80 (--min-accuracy)"), std::string::npos)
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

TEST(FitFloor, OutsideZeroToOneIsRefused) {
  EXPECT_THROW_MESSAGE(fit_to_target(kLayers, example_weights(), up5k(1.5)), core::InputError,
                       "min_accuracy must be in [0, 1], got 1.5");
}

}  // namespace
}  // namespace scn::compress
