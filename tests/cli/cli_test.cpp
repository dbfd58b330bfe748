// The sc-neurocore CLI end to end: the reference values through the binary.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "sc_neurocore/compress/compress.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/io/weights.hpp"
#include "test_util.hpp"

namespace scn::cli {
namespace {

using test::run_cli;

const std::string kData = SCN_TEST_DATA_DIR;
const std::string kExamples = SCN_EXAMPLES_DIR;

nlohmann::json run_json(const std::vector<std::string>& args) {
  const auto result = run_cli(args);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  return nlohmann::json::parse(result.out);
}

TEST(CliEstimate, SmallLayerJson) {
  const auto json = run_json({"estimate", "--layers", "4x2", "--target", "ice40", "--json"});
  EXPECT_EQ(json["total_luts"], 612);
  EXPECT_EQ(json["total_ffs"], 160);
  EXPECT_NEAR(json["utilization_pct"].get<double>(), 7.96875, 1e-9);
  EXPECT_EQ(json["fits_on_target"], true);
  EXPECT_NEAR(json["energy_per_inference_nj"].get<double>(), 0.3826656, 1e-12);
  EXPECT_NEAR(json["total_dynamic_power_mw"].get<double>(), 0.14832, 1e-12);
  EXPECT_EQ(json["total_latency_cycles"], 258);
  EXPECT_EQ(json["layers"][0]["luts"], 412);
}

TEST(CliEstimate, MnistNetworkDoesNotFit) {
  const auto json = run_json({"estimate", "--layers", "784x128,128x10", "--json"});
  EXPECT_EQ(json["total_luts"], 156094);
  EXPECT_EQ(json["fits_on_target"], false);
  EXPECT_DOUBLE_EQ(json["total_bram_kb"].get<double>(), 198.5);
  const auto text = run_cli({"estimate", "--layers", "784x128,128x10"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("  Total LUTs:     156,094\n"), std::string::npos);
  EXPECT_NE(text.out.find("  Fits on target: NO \xE2\x80\x94 exceeds LUT budget\n"), std::string::npos);
}

TEST(CliEstimate, OtherReferenceRows) {
  EXPECT_NEAR(
      run_json({"estimate", "--layers", "4x2", "--target", "artix7", "--json"})["total_dynamic_power_mw"]
          .get<double>(),
      0.0721, 1e-12);
  EXPECT_EQ(run_json({"estimate", "--layers", "100x100", "--json"})["total_luts"], 26800);
  EXPECT_EQ(run_json({"estimate", "--layers", "16x8", "--json"})["total_luts"], 1960);
  const auto event = run_json({"estimate", "--layers", "16x8", "--event-driven", "--json"});
  EXPECT_EQ(event["total_luts"], 1840);
  EXPECT_NEAR(event["total_dynamic_power_mw"].get<double>(), 0.10656, 1e-12);
  EXPECT_EQ(run_json({"estimate", "--layers", "4x2", "--no-infra", "--json"})["total_luts"], 412);
  EXPECT_NEAR(
      run_json({"estimate", "--layers", "16x8", "--clock-mhz", "50", "--json"})["total_dynamic_power_mw"]
          .get<double>(),
      0.3168, 1e-12);
}

TEST(CliTargets, TableAndJson) {
  const auto table = run_cli({"targets"});
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("zynq_7020"), std::string::npos);
  const auto json = run_json({"targets", "--json"});
  EXPECT_EQ(json["targets"][1]["total_luts"], 83640);
  EXPECT_EQ(json["target_profiles"][0]["name"], "ice40-low-power");
}

TEST(CliOptimise, CaseAPlanIsExactAndByteIdenticalAcrossRuns) {
  test::TempDir dir;
  const auto run = [&](const std::string& name) {
    const auto out = (dir.path() / name).string();
    const auto result = run_cli({"optimise", "--network", kData + "/case_a_network.json", "--max-luts",
                                 "200000", "--max-power-mw", "800", "--max-latency-cycles", "512",
                                 "--profile", "reference", "--out", out});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "Plan written: " + out + "\n");
    return test::read_text(out);
  };
  const std::string first = run("plan1.json");
  EXPECT_EQ(first, run("plan2.json"));
  EXPECT_EQ(first, test::read_text(kData + "/case_a_plan.json"));
  const auto plan = nlohmann::json::parse(first);
  EXPECT_EQ(plan["target_name"], "generic-fpga");
  EXPECT_EQ(plan["profile"], "reference");
  EXPECT_EQ(plan["training_points"], 842);
  EXPECT_EQ(plan["feasible"], true);
  const auto& decoder = plan["layers"][0];
  const auto& encoder = plan["layers"][1];
  EXPECT_EQ(encoder["id"], "encoder");
  EXPECT_EQ(encoder["luts_used"], 4550);
  EXPECT_NEAR(encoder["power_used"].get<double>(), 5.531, 5e-4);
  EXPECT_NEAR(encoder["accuracy_score"].get<double>(), 0.9699821, 5e-8);
  EXPECT_EQ(decoder["luts_used"], 3264);
  EXPECT_NEAR(decoder["power_used"].get<double>(), 0.298, 5e-4);
  EXPECT_NEAR(decoder["accuracy_score"].get<double>(), 0.9699818, 5e-8);
  for (const auto& layer : plan["layers"]) {
    EXPECT_EQ(layer["mode"], "SC");
    EXPECT_EQ(layer["decorrelator"], "Sobol");
    EXPECT_EQ(layer["bitstream_length"], 64);
    EXPECT_EQ(layer["precision_bits"], 16);
    EXPECT_EQ(layer["lfsr_polynomial"], "none");
    EXPECT_EQ(layer["latency_cycles"], 1);
  }
  EXPECT_EQ(first.back(), '\n');
}

// --max-latency-cycles replaces a target profile's cap (4,096 cycles): the 784-64-10 example fits the UP5K
// only with more cycles, folded with its inputs in block RAM.
TEST(CliOptimise, LatencyCapReplacesTheProfilesCap) {
  const std::vector<std::string> base = {"optimise", "--network", kExamples + "/network_784x64x10.json",
                                         "--target-profile", "ice40-up5k"};
  const auto capped = run_json(base);
  EXPECT_EQ(capped["feasible"], false);
  auto args = base;
  args.insert(args.end(), {"--max-latency-cycles", "100000"});
  const auto plan = run_json(args);
  EXPECT_EQ(plan["feasible"], true);
  EXPECT_LE(plan["total_latency_cycles"].get<std::int64_t>(), 100000);
  EXPECT_GT(plan["total_latency_cycles"].get<std::int64_t>(), 4096);
  bool inputs_in_memory = false;
  for (const auto& layer : plan["layers"])
    if (layer["id"] == "hidden") inputs_in_memory = layer["fold"].value("input_memory", false);
  EXPECT_TRUE(inputs_in_memory);
  args.back() = "-5";
  const auto negative = run_cli(args);
  EXPECT_EQ(negative.exit_code, 2);
  EXPECT_EQ(negative.err, "sc-neurocore: error: --max-latency-cycles must be non-negative, got -5\n");
}

// --max-latency-us binds at the plan's clock: the trained digits 64-32-10 on the UP5K within 200 us takes at
// most 200 us at its clock, every layer is predicted to meet that clock, and the cap in cycles is the time at
// it; 60 us does not fit (at least 1,166 cycles at any clock the layers meet), and the reason says so in us.
TEST(CliOptimise, TimeBudgetBindsAtThePlannedClock) {
  const std::string trained = std::string(SCN_TRAINED_DIR) + "/digits-32";
  const std::vector<std::string> base = {
      "optimise",         "--network",  trained + ".network.json", "--weights", trained + ".weights.json",
      "--target-profile", "ice40-up5k", "--max-latency-us"};
  auto args = base;
  args.push_back("200");
  const auto plan = run_json(args);
  ASSERT_EQ(plan["feasible"], true);
  const double clock = plan["clock_mhz"].get<double>();
  EXPECT_EQ(plan["latency_cap_us"], 200.0);
  EXPECT_EQ(plan["latency_cap_cycles"], static_cast<std::int64_t>(std::floor(200.0 * clock * (1 + 1e-12))));
  EXPECT_LE(plan["latency_us"].get<double>(), 200.0);
  EXPECT_GT(plan["total_latency_cycles"].get<std::int64_t>(), 2048);  // folded: beyond the profile's cap
  for (const auto& layer : plan["layers"]) EXPECT_GE(layer["fmax_mhz"].get<double>() * 0.85, clock);
  args.back() = "60";
  args.insert(args.end(), {"--format", "table"});
  const auto tight = run_cli(args);
  EXPECT_EQ(tight.exit_code, 0) << tight.err;
  EXPECT_NE(tight.out.find("Feasible: no"), std::string::npos) << tight.out;
  EXPECT_NE(tight.out.find("the budget is 60.0 us = "), std::string::npos) << tight.out;
  args = base;
  args.push_back("0");
  const auto zero = run_cli(args);
  EXPECT_EQ(zero.exit_code, 2);
  EXPECT_EQ(zero.err,
            "sc-neurocore: error: --max-latency-us must be a positive number of microseconds, got 0.0\n");
  args.back() = "100";
  args.insert(args.end(), {"--profile", "reference"});
  const auto reference = run_cli(args);
  EXPECT_EQ(reference.exit_code, 2);
  EXPECT_NE(reference.err.find("max_latency_us needs the default profile"), std::string::npos)
      << reference.err;
}

TEST(CliOptimise, TightBudgetThroughTheCli) {
  const auto plan =
      run_json({"optimise", "--network", kData + "/case_a_network.json", "--max-luts", "8", "--max-power-mw",
                "0.001", "--max-latency-cycles", "512", "--profile", "reference"});
  EXPECT_EQ(plan["feasible"], false);
  EXPECT_EQ(plan["rejected_layers"], nlohmann::json::array({"encoder"}));
  EXPECT_EQ(plan["layers"][0]["luts_used"], 1);
  EXPECT_EQ(plan["layers"][0]["power_used"], 0.0);
  EXPECT_EQ(plan["total_luts"], 1);
}

TEST(CliOptimise, TargetProfileAndTable) {
  const auto result = run_cli({"optimise", "--network", kExamples + "/network.json", "--target-profile",
                               "ice40-low-power", "--format", "table"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.rfind("Plan for ice40-low-power (profile default)\n", 0), 0u) << result.out;
  EXPECT_NE(result.out.find("\nencoder yes  SC"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Feasible: yes"), std::string::npos);
  const auto plan = run_json({"optimize", "--network", kExamples + "/network.json", "--target-profile",
                              "ice40-low-power", "--profile", "reference"});
  EXPECT_EQ(plan["target_name"], "ice40-low-power");
  EXPECT_EQ(plan["layers"][0]["id"], "decoder");
  EXPECT_EQ(plan["layers"][0]["luts_used"], 1);  // the published surrogate's clamped negative prediction
}

TEST(CliFit, PublishedExampleStepsThroughTheCli) {
  const auto json = run_json(
      {"fit", "--layers", "64x32,32x16", "--random-weights", "0", "--profile", "reference", "--json"});
  EXPECT_EQ(json["fits"], false);
  EXPECT_EQ(json["final_luts"], 12632);
  EXPECT_EQ(json["final_bitstream_length"], 32);
  ASSERT_EQ(json["steps"].size(), 16u);
  EXPECT_EQ(json["steps"][0]["action"], "Reduce L to 128");
  EXPECT_EQ(json["steps"][15]["action"], "Prune threshold=2.187");
  EXPECT_EQ(json["steps"][15]["luts_before"], 12632);
  EXPECT_EQ(json["steps"][15]["luts_after"], 12632);
  EXPECT_NEAR(json["final_sparsity"].get<double>(), 0.957, 0.02);
}

TEST(CliFit, WeightFilesAndWeightsOut) {
  test::TempDir dir;
  io::save_npy(dir.path() / "a.npy",
               make_matrix(32, 16, std::vector<double>(512, 1.0), core::DType::kFloat32));
  const auto out_dir = dir.path() / "out";
  const auto result = run_cli({"fit", "--layers", "32x16", "--weights", (dir.path() / "a.npy").string(),
                               "--weights-out", out_dir.string(), "--no-fold"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  // Cells in the device's unit against the routable budget (90 % of the HX8K's 7,680), the clock with its
  // basis, power with its basis and uncertainty.
  EXPECT_EQ(result.out.rfind("Resource Optimization: ice40\n  Fits: YES\n  Logic cells: ", 0), 0u)
      << result.out;
  EXPECT_NE(result.out.find(" ICESTORM_LC / 6,528 (85% of 7,680; "), std::string::npos) << result.out;
  EXPECT_NE(
      result.out.find(
          "  Bitstream length: 256\n  Sparsity: 0.0%\n  Steps taken: 0\n  Weight bits: 8\n"
          "  Latency: 306 cycles (7.3 us), block RAM 0.0 KB\n"  // 32 + 16 I/O words, L + 2
          "  Accuracy score: 0.9595 (floor 0.80: the layers' signal scores x the share of the trained "
          "weights kept; not task accuracy)\n  Clock: 42.1 MHz (planned: 0.85 x the predicted fmax 49.5 "
          "MHz), predicted fmax 49.5 MHz\n"),
      std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find(" mW within x1.60 (activity: "), std::string::npos) << result.out;
  const core::WeightArray written = io::load_npy(out_dir / "layer_0.npy");
  EXPECT_EQ(written.dtype, core::DType::kFloat32);
  EXPECT_EQ(written.shape, (std::vector<std::size_t>{32, 16}));
}

// Issue 6: the default profile's estimator sees the knobs, so the loop converges on the API page's network
// (without the accuracy floor, which stops it earlier: tests/compress/fit_floor_test.cpp).
TEST(CliFit, DefaultProfileConvergesOnTheTwoLayerNetworkWithFallingLuts) {
  const auto json =
      run_json({"fit", "--layers", "64x32,32x16", "--weights", kExamples + "/weights_64x32_32x16.json",
                "--target", "ice40", "--min-accuracy", "0", "--json"});
  EXPECT_EQ(json["profile"], "default");
  EXPECT_EQ(json["fits"], true);
  EXPECT_LE(json["final_luts"].get<int>(), 7680);
  ASSERT_GE(json["steps"].size(), 1u);
  std::int64_t previous = json["steps"][0]["luts_before"].get<std::int64_t>();
  EXPECT_GT(previous, 7680);  // it did not fit before the first step
  for (const auto& step : json["steps"]) {
    EXPECT_EQ(step["luts_before"].get<std::int64_t>(), previous);
    EXPECT_LT(step["luts_after"].get<std::int64_t>(), step["luts_before"].get<std::int64_t>());
    EXPECT_LE(step["accuracy_after"].get<double>(), step["accuracy_before"].get<double>());
    EXPECT_GT(step["accuracy_after"].get<double>(), 0.4);  // 1 - RMSE/std(y): a constant output scores 0
    previous = step["luts_after"].get<std::int64_t>();
  }
  EXPECT_EQ(json["final_luts"].get<std::int64_t>(), previous);
  EXPECT_TRUE(json["shortfall"].is_null());
}

TEST(CliFit, DefaultProfileSaysByHowMuchANetworkThatCannotFitFallsShort) {
  const auto json = run_json({"fit", "--layers", "784x128,128x10", "--random-weights", "1", "--target",
                              "ice40", "--max-iterations", "40", "--min-accuracy", "0", "--json"});
  EXPECT_EQ(json["fits"], false);
  EXPECT_EQ(json["final_bitstream_length"], 32);
  EXPECT_EQ(json["final_weight_bits"], 2);
  const std::string shortfall = json["shortfall"].get<std::string>();
  const std::int64_t needs = json["final_luts"].get<std::int64_t>();
  const std::int64_t short_by = needs - 6528;  // the budget: 85 % of the HX8K's 7,680 cells
  EXPECT_GT(short_by, 0);
  EXPECT_EQ(json["target_luts"], 6528);
  EXPECT_EQ(json["lut_unit"], "ICESTORM_LC");
  EXPECT_NE(shortfall.find("(no further step saves cells): ICESTORM_LC short by " +
                           core::py::thousands(short_by) + " (needs " + core::py::thousands(needs) +
                           ", ice40-hx8k has 7,680, 6,528 within 85% utilisation)"),
            std::string::npos)
      << shortfall;
}

TEST(CliGlobal, VersionAndHelp) {
  const auto version = run_cli({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("sc-neurocore ", 0), 0u);
  for (const char* command : {"targets", "estimate", "fit", "optimise"}) {
    const auto help = run_cli({command, "--help"});
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << command;
  }
}

}  // namespace
}  // namespace scn::cli

namespace scn::cli {
namespace {

// Issue 10: plans count the device's logic cells within the routable margin, at a stated clock and power
// basis.
TEST(CliOptimise, PlansCountLogicCellsWithinTheRoutableMargin) {
  const auto plan =
      run_json({"optimise", "--network", kExamples + "/network.json", "--target-profile", "ice40-low-power"});
  EXPECT_EQ(plan["lut_unit"], "ICESTORM_LC");
  EXPECT_EQ(plan["device"], "ice40-hx8k");
  EXPECT_EQ(plan["max_utilisation"], 0.85);
  EXPECT_EQ(plan["logic_cell_budget"], 6528);
  EXPECT_LE(plan["total_luts"].get<std::int64_t>(), 6528);
  EXPECT_GT(plan["fixed_power_mw"].get<double>(), 0.0);
  EXPECT_NE(plan["power_basis"].get<std::string>().find("activity"), std::string::npos);
  EXPECT_GT(plan["fmax_mhz"].get<double>(), 0.0);
  for (const auto& layer : plan["layers"]) EXPECT_GT(layer["fmax_mhz"].get<double>(), 0.0);

  const auto tight = run_json({"optimise", "--network", kExamples + "/network.json", "--target-profile",
                               "ice40-low-power", "--max-utilisation", "0.5", "--clock-mhz", "30"});
  EXPECT_EQ(tight["logic_cell_budget"], 3840);
  EXPECT_LE(tight["total_luts"].get<std::int64_t>(), 3840);
  EXPECT_EQ(tight["clock_mhz"], 30.0);
  EXPECT_EQ(tight["clock_basis"], "requested");

  const auto up5k =
      run_json({"optimise", "--network", kExamples + "/network.json", "--target-profile", "ice40-up5k"});
  EXPECT_EQ(up5k["device"], "ice40-up5k");
  EXPECT_EQ(up5k["logic_cell_budget"], 4488);
}

TEST(CliOptimise, BadUtilisationIsAUsageError) {
  const auto result = run_cli({"optimise", "--network", kExamples + "/network.json", "--target-profile",
                               "ice40-low-power", "--max-utilisation", "0"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("max_utilisation must be in (0, 1], got 0.0"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace scn::cli
