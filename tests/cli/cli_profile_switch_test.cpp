// The migration switch (issue 13): SC_NEUROCORE_PROFILE=reference makes every command that is given no
// --profile behave as the published package; an explicit --profile wins; another value is an input error
// naming the variable.
#include <gtest/gtest.h>

#include <cstdlib>

#include "test_util.hpp"

namespace scn::cli {
namespace {

const std::string kData = SCN_TEST_DATA_DIR;
const std::string kExamples = SCN_EXAMPLES_DIR;

// Sets the variable for this test process (each test runs in its own) and restores it.
class ScopedProfileVariable {
 public:
  explicit ScopedProfileVariable(const char* value) {
    if (const char* old = std::getenv("SC_NEUROCORE_PROFILE")) old_ = old;
    setenv("SC_NEUROCORE_PROFILE", value, 1);
  }
  ~ScopedProfileVariable() {
    if (old_.empty())
      unsetenv("SC_NEUROCORE_PROFILE");
    else
      setenv("SC_NEUROCORE_PROFILE", old_.c_str(), 1);
  }
  ScopedProfileVariable(const ScopedProfileVariable&) = delete;
  ScopedProfileVariable& operator=(const ScopedProfileVariable&) = delete;

 private:
  std::string old_;
};

std::string plan_of(std::vector<std::string> extra) {
  std::vector<std::string> args = {
      "optimise",       "--network", kData + "/case_a_network.json", "--max-luts", "200000",
      "--max-power-mw", "800",       "--max-latency-cycles",         "512"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto result = test::run_cli(args);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return result.out;
}

TEST(ProfileSwitch, TheVariableMakesOptimiseThePublishedPlannerAndAnExplicitProfileWins) {
  const std::string reference = plan_of({"--profile", "reference"});
  const std::string ours = plan_of({"--profile", "default"});
  ASSERT_NE(reference, ours);
  EXPECT_EQ(plan_of({}), ours);
  ScopedProfileVariable variable("reference");
  EXPECT_EQ(plan_of({}), reference);
  EXPECT_EQ(reference.find("\"search\""), std::string::npos);  // the published plan has no certificate
  EXPECT_EQ(plan_of({"--profile", "default"}), ours);
}

TEST(ProfileSwitch, EstimateKeepsThePublishedEstimatorUnlessTheVariableSaysDefault) {
  const std::vector<std::string> args = {"estimate", "--layers", "16x8", "--target", "ice40", "--json"};
  const auto published = test::run_cli(args);
  ASSERT_EQ(published.exit_code, 0) << published.err;
  EXPECT_EQ(published.out.find("total_logic_cells"), std::string::npos);
  ScopedProfileVariable variable("default");
  const auto grounded = test::run_cli(args);
  ASSERT_EQ(grounded.exit_code, 0) << grounded.err;
  EXPECT_NE(grounded.out.find("total_logic_cells"), std::string::npos);
  auto explicit_reference = args;
  explicit_reference.insert(explicit_reference.end(), {"--profile", "reference"});
  EXPECT_EQ(test::run_cli(explicit_reference).out, published.out);
}

TEST(ProfileSwitch, AnUnknownValueIsAnInputErrorNamingTheVariable) {
  ScopedProfileVariable variable("fast");
  const auto result = test::run_cli(
      {"optimise", "--network", kExamples + "/network.json", "--target-profile", "ice40-low-power"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(test::line_count(result.err), 1) << result.err;
  EXPECT_NE(
      result.err.find("SC_NEUROCORE_PROFILE='fast': unknown profile; valid profiles: reference, default"),
      std::string::npos)
      << result.err;
  // An explicit --profile does not read the variable.
  EXPECT_EQ(test::run_cli({"optimise", "--network", kExamples + "/network.json", "--target-profile",
                           "ice40-low-power", "--profile", "default"})
                .exit_code,
            0);
}

// Scripts written against the published command test its exit code 1 and "Error: ..." on stdout.
TEST(ProfileSwitch, CollectSynthesisUnderTheVariableFollowsThePublishedConventions) {
  ScopedProfileVariable variable("reference");
  const auto missing = test::run_cli({"collect-synthesis", "--design", kData + "/reports/none.rpt"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.out, "Error: collect-synthesis requires --utilisation, --power, --accuracy-score\n");
  EXPECT_EQ(missing.err, "");
  const auto unreadable = test::run_cli({"collect-synthesis", "--design", kData + "/no-such-design.rpt",
                                         "--utilisation", kData + "/no-such-util.rpt", "--power",
                                         kData + "/no-such-power.rpt", "--accuracy-score", "0.9"});
  EXPECT_EQ(unreadable.exit_code, 1);
  EXPECT_EQ(unreadable.out.rfind("Error: ", 0), 0u) << unreadable.out;
  EXPECT_NE(unreadable.out.find("no-such-design.rpt"), std::string::npos) << unreadable.out;
  // The default profile keeps our conventions: usage errors exit 2 on stderr.
  const auto ours = test::run_cli({"collect-synthesis", "--profile", "default", "--design", "x.rpt"});
  EXPECT_EQ(ours.exit_code, 2);
  EXPECT_EQ(ours.out, "");
}

}  // namespace
}  // namespace scn::cli
