// The iCE40 power fit (calibration/power.hpp): the Python script's rounding helpers, and the fit of the
// committed bench tables, which must reproduce data/power/ice40-coefficients.json byte for byte.
#include "sc_neurocore/calibration/power.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "test_util.hpp"

namespace scn::calibration {
namespace {

const std::string kPowerDir = std::string(SCN_EXAMPLES_DIR) + "/../data/power/";

PowerInputs committed_inputs() {
  return {kPowerDir + "ice40up5k-tinyvision.csv", kPowerDir + "fixture-activity.csv",
          kPowerDir + "layer-activity.csv"};
}

TEST(PowerRounding, SignificantKeepsSixDigitsAndPassesZeroAndNonFiniteValues) {
  EXPECT_EQ(significant(0.30116612345), 0.301166);
  EXPECT_EQ(significant(123456789.0), 123457000.0);
  EXPECT_EQ(significant(-85.313349), -85.3133);
  EXPECT_EQ(significant(2.5e-7), 2.5e-7);
  EXPECT_EQ(significant(1.0159549, 3), 1.02);
  EXPECT_EQ(significant(0.0), 0.0);
  EXPECT_FALSE(std::signbit(significant(-0.0)));  // Python's `0.0 if value == 0.0`
  EXPECT_EQ(significant(std::numeric_limits<double>::infinity()), std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(significant(std::nan(""))));
}

TEST(PowerRounding, RoundUpGoesToTheNextMultipleOfTheStepAndKeepsExactMultiples) {
  EXPECT_EQ(round_up(1.0), 1.0);
  EXPECT_EQ(round_up(1.45), 1.45);  // 1.45 / 0.05 is 28.999999999999996: the inner rounding makes it 29
  EXPECT_EQ(round_up(1.4500001), 1.5);
  EXPECT_EQ(round_up(1.0001), 1.05);
  EXPECT_EQ(round_up(1.092), 1.1);
  EXPECT_EQ(round_up(1.1 * 1.45), 1.6);
  EXPECT_EQ(round_up(0.0), 0.0);
  EXPECT_EQ(round_up(0.31, 0.1), 0.4);
}

TEST(PowerFit, TheCommittedTablesReproduceTheCommittedCoefficientsJson) {
  const PowerFit fit = fit_power(committed_inputs());
  EXPECT_EQ(power_coefficients_json(fit), core::read_file(kPowerDir + "ice40-coefficients.json"));
  EXPECT_EQ(fit.coefficients[0], 85.3133);   // static_ua
  EXPECT_EQ(fit.coefficients[4], 0.0);       // pll_ua_per_mhz: held at zero by the constraint
  EXPECT_EQ(fit.coefficients[7], 0.301166);  // toggle_ua_per_mhz
  EXPECT_EQ(fit.fit_rows, (std::vector<int>{3, 4, 7, 8, 11, 12, 14, 15, 17, 19}));
  EXPECT_EQ(fit.netlist_toggles_per_simulated, 1.01595);
  EXPECT_EQ(fit.activity_uncertainty_factor, 1.45);
  EXPECT_EQ(fit.uncertainty_factor, 1.1);
  EXPECT_EQ(fit.combined_uncertainty_factor, 1.6);
  ASSERT_EQ(fit.excluded.size(), 2u);
  EXPECT_EQ(fit.excluded[1].description, "Reset");
}

TEST(PowerFit, CheckPassesOnTheCommittedJsonAndFailsOnAStaleOne) {
  const PowerFit fit = fit_power(committed_inputs());
  std::ostringstream out, err;
  EXPECT_EQ(check_power_fit(fit, kPowerDir + "ice40-coefficients.json", "committed.json", out, err), 0);
  EXPECT_EQ(err.str(), "");
  EXPECT_NE(out.str().find("power-calibrate check: 7 hold-out rows within 25 %, 12 layers within x1.45 of "
                           "kappa 1.01595, coefficients reproduce\n"),
            std::string::npos);
  test::TempDir dir;
  test::write_text(dir.path() / "stale.json", "{}\n");
  std::ostringstream out2, err2;
  EXPECT_EQ(check_power_fit(fit, (dir.path() / "stale.json").string(), "stale.json", out2, err2), 1);
  EXPECT_EQ(
      err2.str(),
      "FAIL: stale.json differs from the fit of the committed CSVs (rerun `scripts/power-calibrate fit`)\n");
}

TEST(PowerFit, ABadClockSourceNamesTheFileAndTheRow) {
  test::TempDir dir;
  const auto path = dir.path() / "bench.csv";
  test::write_text(path,
                   "row,description,clock_source,clock_mhz,design,core_ua,use\n3,x,sundial,1,blank,85,fit\n");
  PowerInputs inputs = committed_inputs();
  inputs.measurements = path.string();
  EXPECT_THROW_MESSAGE(fit_power(inputs), core::InputError,
                       "bench.csv: row 3: unknown clock_source 'sundial'");
}

}  // namespace
}  // namespace scn::calibration
