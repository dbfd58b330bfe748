// Lawson-Hanson non-negative least squares on relative error (src/calibration/nnls.hpp), on problems small
// enough to solve by hand.
#include "nnls.hpp"

#include <gtest/gtest.h>

namespace scn::calibration {
namespace {

TEST(Nnls, AConsistentNonNegativeSystemIsSolvedExactly) {
  const std::vector<double> x = fit_nonnegative_relative({{1, 0}, {0, 1}, {1, 1}}, {2, 3, 5});
  ASSERT_EQ(x.size(), 2u);
  EXPECT_NEAR(x[0], 2.0, 1e-12);
  EXPECT_NEAR(x[1], 3.0, 1e-12);
}

TEST(Nnls, ANegativeSlopeIsClampedAndTheConstantWeighsRowsByOneOverMeasured) {
  // y = 4 - t unconstrained; with the slope held at 0 the constant c minimises sum ((c - y) / y)^2:
  // c = sum(1 / y) / sum(1 / y^2) = (11 / 6) / (49 / 36) = 66 / 49.
  const std::vector<double> x = fit_nonnegative_relative({{1, 1}, {1, 2}, {1, 3}}, {3, 2, 1});
  EXPECT_NEAR(x[0], 66.0 / 49.0, 1e-12);
  EXPECT_EQ(x[1], 0.0);
}

TEST(Nnls, RowsBelowOneAreNotScaledUp) {
  // max(1, y): a target of 0.5 counts its absolute error, so x fits the rows as plain least squares.
  const std::vector<double> x = fit_nonnegative_relative({{1}, {1}}, {0.5, 0.7});
  EXPECT_NEAR(x[0], 0.6, 1e-12);
}

}  // namespace
}  // namespace scn::calibration
