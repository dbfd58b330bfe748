// The pure parts of the sweep engine (flow/sweep.hpp) with concrete values: the evenly spaced selection of
// --max-points, a result row read from a real build's comparison.json and evidence.json, the summary, the
// progress line and the table `sc-neurocore sweep` prints.
#include <gtest/gtest.h>

#include <filesystem>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/flow/sweep.hpp"
#include "test_util.hpp"

namespace scn::flow {
namespace {
namespace fs = std::filesystem;

using Indices = std::vector<std::size_t>;

TEST(SweepEvenlySpaced, KeepsBothEndsAndRoundsTheMiddleToTheNearest) {
  EXPECT_EQ(evenly_spaced(7, 3), (Indices{0, 3, 6}));
  EXPECT_EQ(evenly_spaced(5, 3), (Indices{0, 2, 4}));
  EXPECT_EQ(evenly_spaced(10, 4), (Indices{0, 3, 6, 9}));
  EXPECT_EQ(evenly_spaced(6, 2), (Indices{0, 5}));
  EXPECT_EQ(evenly_spaced(4, 1), (Indices{0}));
}

TEST(SweepEvenlySpaced, ZeroOrTooManyMeansAll) {
  EXPECT_EQ(evenly_spaced(3, 0), (Indices{0, 1, 2}));
  EXPECT_EQ(evenly_spaced(3, 3), (Indices{0, 1, 2}));
  EXPECT_EQ(evenly_spaced(3, 5), (Indices{0, 1, 2}));
  EXPECT_EQ(evenly_spaced(0, 2), (Indices{}));
}

const fs::path kBuild = fs::path(SCN_TEST_DATA_DIR) / "sweep" / "point_000";  // a real build's two JSON files

TEST(SweepPlanResult, ReadsARealBuildsComparisonAndEvidence) {
  const nlohmann::json r =
      plan_result({"point_000", "SWEEP/plans/point_000.json"}, kBuild, "SWEEP/point_000.log", 0, 200.24);
  EXPECT_EQ(r.at("name"), "point_000");
  EXPECT_EQ(r.at("plan"), "SWEEP/plans/point_000.json");
  EXPECT_EQ(r.at("build"), kBuild.string());
  EXPECT_EQ(r.at("status"), "built");
  EXPECT_EQ(r.at("fits"), true);
  EXPECT_DOUBLE_EQ(r.at("seconds").get<double>(), 200.2);
  EXPECT_EQ(r.at("unit"), "ICESTORM_LC");
  EXPECT_EQ(
      r.at("logic_cells"),
      (nlohmann::json{{"predicted", 1686.0}, {"measured", 1553.0}, {"relative_error", 0.08564069542820348}}));
  EXPECT_EQ(r.at("fmax_mhz"), (nlohmann::json{{"predicted", 69.97323709978609},
                                              {"measured", 73.86},
                                              {"relative_error", -0.052623380723177765}}));
  EXPECT_EQ(r.at("timing_met"), true);
  EXPECT_EQ(r.at("placed"), true);
  EXPECT_EQ(r.at("warnings"), nlohmann::json::array());
  EXPECT_TRUE(r.at("message").is_null());
  EXPECT_EQ(sweep_progress_text(r),
            "point_000: built in 200.2 s; 1,553 ICESTORM_LC (predicted 1,686, error 8.6 %), fmax 73.9 MHz "
            "(predicted 70.0, error -5.3 %), timing met");
}

TEST(SweepPlanResult, AFailedBuildKeepsItsLogsErrorLineAndNoMeasurements) {
  test::TempDir dir;
  test::write_text(dir.path() / "p.log", "$ sc-neurocore synth ...\nsc-neurocore: error: bad plan\n\n");
  const nlohmann::json r = plan_result({"p", "p.json"}, kBuild, dir.path() / "p.log", 2, 0.04);
  EXPECT_EQ(r.at("status"), "input_error");
  EXPECT_TRUE(r.at("fits").is_null());
  EXPECT_TRUE(r.at("build").is_null());  // a build folder of an earlier sweep is not read
  EXPECT_TRUE(r.at("logic_cells").at("measured").is_null());
  EXPECT_EQ(r.at("message"), "sc-neurocore: error: bad plan");
  EXPECT_EQ(sweep_progress_text(r), "p: input_error (exit 2) in 0.0 s: sc-neurocore: error: bad plan (log " +
                                        (dir.path() / "p.log").string() + ")");
}

nlohmann::json row(const std::string& name, int code, nlohmann::json cells_error, nlohmann::json fmax_error,
                   nlohmann::json timing_met) {
  nlohmann::json r = plan_result({name, name + ".json"}, "/nonexistent", "/nonexistent.log", code, 1.0);
  r["logic_cells"] = {{"predicted", 110.0}, {"measured", 100}, {"relative_error", cells_error}};
  r["fmax_mhz"]["relative_error"] = fmax_error;
  r["timing_met"] = timing_met;
  return r;
}

TEST(SweepSummary, CountsOutcomesAndTakesTheMedianOfTheAbsoluteErrors) {
  const nlohmann::json rows = {row("a", 0, -0.1, 0.25, true), row("b", 0, 0.3, nullptr, false),
                               row("c", 3, 0.2, nullptr, nullptr), row("d", 1, nullptr, nullptr, nullptr)};
  const nlohmann::json s = sweep_summary(rows);
  EXPECT_EQ(s.at("count"), 4);
  EXPECT_EQ(s.at("built"), 2);
  EXPECT_EQ(s.at("does_not_fit"), 1);
  EXPECT_EQ(s.at("failed"), 1);
  EXPECT_EQ(s.at("timing_met"), 1);
  EXPECT_EQ(s.at("logic_cells").at("compared"), 3);
  EXPECT_DOUBLE_EQ(s.at("logic_cells").at("median_abs_relative_error").get<double>(), 0.2);
  EXPECT_DOUBLE_EQ(s.at("logic_cells").at("max_abs_relative_error").get<double>(), 0.3);
  EXPECT_EQ(s.at("fmax_mhz").at("compared"), 1);
  EXPECT_DOUBLE_EQ(s.at("fmax_mhz").at("median_abs_relative_error").get<double>(), 0.25);
  const nlohmann::json two = sweep_summary(nlohmann::json{rows[0], rows[1]});
  EXPECT_DOUBLE_EQ(two.at("logic_cells").at("median_abs_relative_error").get<double>(), 0.2);  // (0.1+0.3)/2
  EXPECT_TRUE(
      sweep_summary(nlohmann::json::array()).at("logic_cells").at("median_abs_relative_error").is_null());
}

TEST(SweepTable, OneLinePerPlanThenTheSummary) {
  const nlohmann::json rows = {row("a", 0, -0.1, 0.25, true), row("d", 1, nullptr, nullptr, nullptr)};
  const nlohmann::json sweep = {{"results", rows}, {"summary", sweep_summary(rows)}};
  EXPECT_EQ(
      sweep_table(sweep),
      "plan             exit fits   cells pred  cells meas     error fmax pred fmax meas     error timing\n"
      "a                   0 yes           110         100   -10.0 %         -         -    25.0 % met\n"
      "d                   1 -             110         100         -         -         -         - -\n"
      "2 plans: 1 built, 0 do not fit, 1 failed, timing met by 1\n"
      "|relative error| of logic_cells: median 10.0 %, max 10.0 % over 1 build(s)\n"
      "|relative error| of fmax_mhz: median 25.0 %, max 25.0 % over 1 build(s)\n");
}

TEST(SweepJobs, APlanFolderWithoutPlansIsOneInputError) {
  test::TempDir dir;
  test::write_text(dir.path() / "notes.txt", "not a plan\n");
  SweepOptions options;
  options.plans = dir.path();
  options.out = dir.path() / "out";
  EXPECT_THROW_MESSAGE(sweep_jobs(options), core::InputError, "no *.json plan in the folder");
}

TEST(SweepJobs, MaxPointsPicksEvenlySpacedFrontierPointsAndWritesThemAsPlans) {
  test::TempDir dir;
  nlohmann::json points = nlohmann::json::array();
  for (int i = 0; i < 7; ++i) points.push_back({{"layers", nlohmann::json::array()}, {"total_luts", 10 * i}});
  test::write_text(dir.path() / "frontier.json",
                   nlohmann::json{{"target_name", "t"}, {"points", points}}.dump());
  SweepOptions options;
  options.pareto = dir.path() / "frontier.json";
  options.out = dir.path() / "out";
  options.max_points = 3;
  const std::vector<SweepJob> jobs = sweep_jobs(options);
  ASSERT_EQ(jobs.size(), 3u);
  EXPECT_EQ(jobs[1].name, "point_003");
  EXPECT_EQ(jobs[1].plan, dir.path() / "out" / "plans" / "point_003.json");
  const nlohmann::json plan = nlohmann::json::parse(test::read_text(jobs[1].plan));
  EXPECT_EQ(plan.at("total_luts"), 30);
  EXPECT_EQ(plan.at("source"), (nlohmann::json{{"pareto", options.pareto.string()}, {"point", 3}}));
  EXPECT_EQ(
      sweep_source(options),
      (nlohmann::json{{"pareto", options.pareto.string()}, {"max_points", 3}, {"within_budget", false}}));
}

}  // namespace
}  // namespace scn::flow
