// SCOptimizer through the CLI: docs/reference-behaviour.md §1.2.4 (candidates), §1.2.7 (greedy), §6
// (annealing).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_util.hpp"

namespace scn::cli {
namespace {

using test::run_cli;
const std::string kData = SCN_TEST_DATA_DIR;

nlohmann::json run_json(const std::vector<std::string>& args) {
  const auto result = run_cli(args);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return nlohmann::json::parse(result.out);
}

TEST(CliCandidates, ReferenceTableForMac100) {
  const auto list = run_json({"candidates", "--mac-count", "100", "--json"});
  ASSERT_EQ(list.size(), 61u);
  // L = 256 is the third length: SC rows 10..14, Hybrid rows 41..45.
  const std::pair<int, std::int64_t> luts[] = {{10, 240},   {11, 256},  {12, 1740}, {13, 1440}, {14, 1040},
                                               {30, 12000}, {41, 3780}, {42, 3796}, {43, 4830}, {44, 3780}};
  for (const auto& [row, expected] : luts) EXPECT_EQ(list[row]["luts_used"], expected) << row;
  EXPECT_EQ(list[10]["accuracy_score"], 0.875);
  EXPECT_EQ(list[12]["accuracy_score"], 0.99609375);
  EXPECT_EQ(list[13]["accuracy_score"], 0.9953125);
  EXPECT_EQ(list[14]["accuracy_score"], 0.994140625);
  EXPECT_NEAR(list[41]["power_used"].get<double>(), 15.7, 1e-12);
  EXPECT_EQ(list[43]["accuracy_score"], 0.97);
  EXPECT_EQ(list[30]["power_used"], 50.0);
  EXPECT_EQ(list[30]["latency_cycles"], 1);
  EXPECT_EQ(list[1]["luts_used"], 246);   // LFSR at L = 64
  EXPECT_EQ(list[21]["luts_used"], 266);  // LFSR at L = 1024 (fifth length)
  EXPECT_EQ(list[21]["accuracy_score"], 0.96875);
}

TEST(CliExplore, GreedyReferenceValues) {
  const auto all_det = run_json({"explore", "--network", kData + "/five_layers_first_critical.json",
                                 "--max-luts", "500000", "--max-power-mw", "5000", "--json"});
  EXPECT_EQ(all_det["total_luts"], 60000);
  EXPECT_EQ(all_det["total_power_mw"], 250.0);
  EXPECT_EQ(all_det["total_latency_cycles"], 1);
  EXPECT_EQ(all_det["mean_accuracy"], 1.0);
  for (const auto& [id, config] : all_det["config"].items()) EXPECT_EQ(config["mode"], "Deterministic") << id;

  const auto mixed = run_json({"explore", "--network", kData + "/five_layers_200.json", "--max-luts", "50000",
                               "--max-power-mw", "500", "--json"});
  EXPECT_EQ(mixed["total_luts"], 37820);
  EXPECT_EQ(mixed["total_power_mw"], 164.0);
  EXPECT_EQ(mixed["total_latency_cycles"], 2048);
  EXPECT_NEAR(mixed["mean_accuracy"].get<double>(), 0.999609, 1e-6);
  EXPECT_EQ(mixed["config"]["L0"]["luts_used"], 24000);
  EXPECT_EQ(mixed["config"]["L3"]["luts_used"], 3455);
  EXPECT_EQ(mixed["config"]["L3"]["decorrelator"], "Sobol");
}

TEST(CliExplore, AnnealingReferenceValues) {
  const auto seed42 =
      run_json({"explore", "--network", kData + "/five_layers_first_critical.json", "--max-luts", "500000",
                "--max-power-mw", "5000", "--search", "annealing", "--max-iter", "200", "--json"});
  EXPECT_NEAR(seed42["mean_accuracy"].get<double>(), 0.99917806, 5e-9);
  EXPECT_EQ(seed42["accepted_moves"], 100);
  EXPECT_EQ(seed42["iterations"], 135);
  EXPECT_EQ(seed42["total_luts"], 7465);
  EXPECT_FALSE(seed42["pareto_frontier"].empty());
  const auto seed123 =
      run_json({"explore", "--network", kData + "/five_layers_first_critical.json", "--max-luts", "500000",
                "--max-power-mw", "5000", "--search", "annealing", "--seed", "123", "--json"});
  EXPECT_NEAR(seed123["mean_accuracy"].get<double>(), 0.99357585, 5e-9);
}

TEST(CliExplore, SummaryTextAndInfeasibleStart) {
  const auto text = run_cli({"explore", "--network", kData + "/five_layers_first_critical.json", "--max-luts",
                             "500000", "--max-power-mw", "5000"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_EQ(text.out.rfind("LUTs: 60000, Power: 250.00 mW, Latency: 1 cycles, Accuracy: 1.0000\n"
                           "  L0: N=1, decorr=None, mode=Deterministic, acc=1.0000\n",
                           0),
            0u)
      << text.out;
  const auto infeasible = run_cli(
      {"explore", "--network", kData + "/five_layers_200.json", "--max-luts", "10", "--max-power-mw", "500"});
  EXPECT_EQ(infeasible.exit_code, 2);
  EXPECT_NE(infeasible.err.find("five_layers_200.json: even the cheapest configuration exceeds the budget"),
            std::string::npos);
}

}  // namespace
}  // namespace scn::cli
