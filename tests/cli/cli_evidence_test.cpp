// parse-report, collect-synthesis, feedback and optimise --evidence through the binary.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_util.hpp"

namespace scn::cli {
namespace {
namespace fs = std::filesystem;

using test::run_cli;
const std::string kData = SCN_TEST_DATA_DIR;
const std::string kReports = SCN_REPORTS_DIR;
const std::string kUtil = kReports + "/vivado_util/vocos_post_place_util.rpt";
const std::string kPower = kReports + "/vivado_power/vocos_post_route_power.rpt";
const std::string kTiming = kReports + "/vivado_timing/vocos_post_route_timing_summary.rpt";
const std::string kDesign = kData + "/evidence/design_sc_layer.json";

void expect_one_line_error(const test::CliResult& result, const std::string& fragment) {
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(test::line_count(result.err), 1) << result.err;
  EXPECT_EQ(result.err.rfind("sc-neurocore: error: ", 0), 0u) << result.err;
  EXPECT_NE(result.err.find(fragment), std::string::npos) << result.err;
}

TEST(CliParseReport, JsonListWithMetricsAndLocations) {
  const auto result =
      run_cli({"parse-report", "--json", kUtil, kReports + "/nextpnr/project5_ice40_nextpnr.log"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto list = nlohmann::json::parse(result.out);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["tool"], "vivado");
  EXPECT_EQ(list[0]["kind"], "utilization");
  EXPECT_EQ(list[0]["metrics"]["luts_used"], 9);
  EXPECT_EQ(list[0]["metrics"]["lut_unit"], "LUT6");
  EXPECT_EQ(list[0]["locations"]["luts_used"]["line"], 35);
  EXPECT_EQ(list[1]["metrics"]["fmax_mhz"]["display.refresh_tick"], 131.94);
  const auto text = run_cli({"parse-report", kPower});
  EXPECT_NE(text.out.find("total_power_mw = 77.0 mW  (line 33)"), std::string::npos) << text.out;
}

TEST(CliParseReport, EveryCorpusFileParses) {
  std::vector<std::string> files = {"parse-report"};
  for (const auto& entry : fs::recursive_directory_iterator(kReports))
    if (entry.is_regular_file() && entry.path().extension() != ".tsv" &&
        entry.path().filename() != "README.md")
      files.push_back(entry.path().string());
  ASSERT_EQ(files.size(), 94u);  // the command and the 93 reports
  const auto result = run_cli(files);
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST(CliBadFiles, EmptyBinaryWrongKindTruncatedHugeAndMissing) {
  test::TempDir dir;
  const auto path = [&](const char* name) { return (dir.path() / name).string(); };
  test::write_text(path("empty.rpt"), "");
  test::write_text(path("binary.rpt"), std::string("\x7f"
                                                   "ELF\x02\x01\x01\x00\x00\x00",
                                                   10));
  test::write_text(path("truncated.rpt"), test::read_text(kUtil).substr(0, 1200));
  {
    std::ofstream huge(path("huge.rpt"), std::ios::binary);
    const std::string chunk(1 << 20, 'x');
    for (int i = 0; i < 100; ++i) huge << chunk;
  }
  const std::pair<std::string, std::string> cases[] = {
      {path("empty.rpt"), "empty.rpt: file is empty"},
      {path("binary.rpt"), "binary.rpt: binary file, not a text report"},
      {kDesign, "design_sc_layer.json: not a recognised report (tried: vivado utilization"},
      {path("truncated.rpt"), "truncated.rpt: no Slice LUTs / CLB LUTs row found"},
      {path("huge.rpt"), "huge.rpt: file is larger than 64 MiB"},
      {path("missing.rpt"), "missing.rpt: no such file"},
  };
  for (const auto& [file, message] : cases) {
    SCOPED_TRACE(file);
    expect_one_line_error(run_cli({"parse-report", file}), message);
    const std::string out = path("evidence.json");
    expect_one_line_error(run_cli({"collect-synthesis", "--design", kDesign, "--utilisation", file, "--power",
                                   kPower, "--accuracy-score", "0.9", "--out", out}),
                          message);
    EXPECT_FALSE(fs::exists(out));
    expect_one_line_error(
        run_cli({"collect-synthesis", "--design", kDesign, "--utilisation", kUtil, "--power", kPower,
                 "--timing", file, "--accuracy-score", "0.9", "--out", out}),
        message);
    EXPECT_FALSE(fs::exists(out));
  }
}

TEST(CliCollectSynthesis, ApiPageExampleOnARealVivadoTriple) {
  test::TempDir dir;
  const std::string out = (dir.path() / "build" / "synthesis_observations.json").string();
  const auto result = run_cli({"collect-synthesis", "--design", kDesign, "--utilisation", kUtil, "--power",
                               kPower, "--timing", kTiming, "--accuracy-score", "0.991", "--clock-mhz", "100",
                               "--inferences-per-run", "1", "--out", out});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "Evidence written: " + out + "\n");
  const std::string text = test::read_text(out);
  const auto payload = nlohmann::json::parse(text);
  EXPECT_EQ(text.rfind("{\n  \"energy\": {\n    \"clock_mhz\": 100.0,", 0), 0u) << text;
  EXPECT_EQ(payload["observations"][0]["luts_used"], 9);
  EXPECT_EQ(payload["observations"][0]["power_mw"], 77.0);
  EXPECT_EQ(payload["observations"][0]["accuracy_score"], 0.991);
  EXPECT_EQ(payload["energy"]["latency_seconds"], 1.28e-06);
  EXPECT_EQ(payload["source_reports"]["timing"], kTiming);
  EXPECT_EQ(payload["provenance"]["power"]["sha256"],
            "f4f6e9deba3a3079325a9a83911f7139620ca43b2f0e1cf297a3de444dc6b42d");
  // Same input, same bytes; --utilization is the same flag.
  const std::string again = (dir.path() / "again.json").string();
  ASSERT_EQ(run_cli({"collect-synthesis", "--design", kDesign, "--utilization", kUtil, "--power", kPower,
                     "--timing", kTiming, "--accuracy-score", "0.991", "--clock-mhz", "100",
                     "--inferences-per-run", "1", "--out", again})
                .exit_code,
            0);
  EXPECT_EQ(test::read_text(again), text);
  // Without --out the JSON goes to stdout.
  const auto stdout_run = run_cli({"collect-synthesis", "--design", kDesign, "--utilisation", kUtil,
                                   "--power", kPower, "--accuracy-score", "0.991"});
  EXPECT_EQ(nlohmann::json::parse(stdout_run.out)["observations"][0]["luts_used"], 9);
}

TEST(CliCollectSynthesis, YosysAndNextpnrWithoutPowerReportAreEvidenceWithPowerMissing) {
  test::TempDir dir;
  const std::string out = (dir.path() / "ev.json").string();
  const auto result =
      run_cli({"collect-synthesis", "--design", kDesign, "--utilisation",
               kReports + "/yosys/hub75_ecp5_yosys0.33.log", "--timing",
               kReports + "/nextpnr/hub75_ecp5_nextpnr.log", "--accuracy-score", "0.95", "--out", out});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto payload = nlohmann::json::parse(test::read_text(out));
  EXPECT_EQ(payload["measurements"]["luts_used"], 53);
  EXPECT_EQ(payload["measurements"]["ffs_used"], 18);
  EXPECT_EQ(payload["measurements"]["carry_cells"], 6);
  EXPECT_EQ(payload["measurements"]["fmax_mhz"]["$glbnet$clk$TRELLIS_IO_IN"], 273.75);
  EXPECT_EQ(payload["missing"], nlohmann::json::array({"power_mw"}));
  EXPECT_TRUE(payload["observations"].empty());
  // optimise accepts it, says why it is not used, and plans as without it.
  const std::string network = kData + "/evidence/single_layer_64.json";
  const auto with =
      run_cli({"optimise", "--network", network, "--target-profile", "ice40-low-power", "--evidence", out});
  ASSERT_EQ(with.exit_code, 0) << with.err;
  EXPECT_NE(with.err.find("holds measurements but no observation"), std::string::npos) << with.err;
  const auto without = run_cli({"optimise", "--network", network, "--target-profile", "ice40-low-power"});
  EXPECT_EQ(with.out, without.out);
}

TEST(CliCollectSynthesis, FlagAndValueErrors) {
  expect_one_line_error(run_cli({"collect-synthesis", "--design", kDesign, "--power", kPower}),
                        "collect-synthesis requires --utilisation, --accuracy-score");
  expect_one_line_error(run_cli({"collect-synthesis", "--design", kDesign, "--utilisation", kUtil, "--power",
                                 kPower, "--accuracy-score", "0.9", "--clock-mhz", "100"}),
                        "energy requires both --clock-mhz and --inferences-per-run");
  expect_one_line_error(
      run_cli({"collect-synthesis", "--design", kDesign, "--utilisation", kUtil, "--power", kPower,
               "--accuracy-score", "0.9", "--clock-mhz", "-5", "--inferences-per-run", "1"}),
      "clock_mhz must be positive");
  expect_one_line_error(run_cli({"collect-synthesis", "--design", kDesign, "--utilisation", kUtil, "--power",
                                 kPower, "--accuracy-score", "high"}),
                        "--accuracy-score");
  // The power slot given a utilisation report: no power in any report.
  expect_one_line_error(run_cli({"collect-synthesis", "--design", kDesign, "--utilisation", kUtil, "--power",
                                 kUtil, "--accuracy-score", "0.9"}),
                        "synthesis reports missing power_mw");
}

TEST(CliOptimiseEvidence, CasesBCDAndTrainingPoints) {
  const std::string layer = kData + "/evidence/single_layer_64.json";
  const auto case_b = nlohmann::json::parse(
      run_cli({"optimise", "--network", layer, "--max-luts", "20000", "--max-power-mw", "200",
               "--max-latency-cycles", "512", "--bitstream-lengths", "64,128", "--precisions", "4,8",
               "--evidence", kData + "/evidence/case_b_observation.json", "--profile", "reference"})
          .out);
  EXPECT_EQ(case_b["layers"][0]["luts_used"], 300);
  EXPECT_EQ(case_b["layers"][0]["power_used"], 1.2);
  EXPECT_EQ(case_b["layers"][0]["lfsr_polynomial"], "x16+x15+x13+x4+1");
  EXPECT_NEAR(case_b["layers"][0]["utility_score"].get<double>(), 0.94165, 1e-12);
  EXPECT_EQ(case_b["training_points"], 61);

  const auto case_c = nlohmann::json::parse(
      run_cli({"optimise", "--network", layer, "--max-luts", "10000", "--max-power-mw", "100",
               "--max-latency-cycles", "256", "--bitstream-lengths", "64,128", "--precisions", "4,8",
               "--evidence", kData + "/evidence/case_c_loader_feed.json", "--profile", "reference"})
          .out);
  EXPECT_NEAR(case_c["layers"][0]["utility_score"].get<double>(), 0.88605, 1e-12);
  EXPECT_EQ(case_c["layers"][0]["bitstream_length"], 128);

  const auto case_d = nlohmann::json::parse(
      run_cli({"optimise", "--network", kData + "/evidence/dense0_network.json", "--max-luts", "10000",
               "--max-power-mw", "100", "--max-latency-cycles", "512", "--evidence",
               kData + "/evidence/case_d_feedback.json", "--profile", "reference"})
          .out);
  EXPECT_EQ(case_d["layers"][0]["luts_used"], 825);
  EXPECT_EQ(case_d["layers"][0]["lfsr_polynomial"], "x16+x14+x13+x11+1");
  EXPECT_NEAR(case_d["layers"][0]["accuracy_score"].get<double>(), 0.9425, 5e-5);
  EXPECT_EQ(case_d["training_points"], 425);

  // The published optimise tool's test: 2 layers and 1 observation -> 846 rows.
  const auto tool = nlohmann::json::parse(
      run_cli({"optimise", "--network", kData + "/case_a_network.json", "--max-luts", "200000",
               "--max-power-mw", "800", "--max-latency-cycles", "512", "--evidence",
               kData + "/evidence/case_d_feedback.json", "--profile", "reference"})
          .out);
  EXPECT_EQ(tool["training_points"], 846);
}

TEST(CliOptimiseEvidence, BadEvidenceFiles) {
  test::TempDir dir;
  const std::string layer = kData + "/evidence/single_layer_64.json";
  test::write_text(dir.path() / "bad.json", R"({"observations": [{"mac_count": 64, "luts_used": true}]})");
  const std::string out = (dir.path() / "plan.json").string();
  expect_one_line_error(run_cli({"optimise", "--network", layer, "--target-profile", "ice40-low-power",
                                 "--evidence", (dir.path() / "bad.json").string(), "--out", out}),
                        "bad.json observation 0: missing bitstream_length");
  EXPECT_FALSE(fs::exists(out));
  expect_one_line_error(run_cli({"optimise", "--network", layer, "--target-profile", "ice40-low-power",
                                 "--evidence", (dir.path() / "none.json").string()}),
                        "none.json: no such file");
}

TEST(CliFeedback, WritesEvidenceAndPlan) {
  test::TempDir dir;
  const std::string evidence = (dir.path() / "evidence.json").string();
  const std::string plan = (dir.path() / "plan.json").string();
  const auto result = run_cli({"feedback",
                               "--network",
                               kData + "/evidence/dense0_network.json",
                               "--max-luts",
                               "10000",
                               "--max-power-mw",
                               "100",
                               "--max-latency-cycles",
                               "512",
                               "--design",
                               kDesign,
                               "--utilisation",
                               kUtil,
                               "--power",
                               kPower,
                               "--timing",
                               kTiming,
                               "--accuracy-score",
                               "0.991",
                               "--profile",
                               "reference",
                               "--out",
                               evidence,
                               "--plan-out",
                               plan});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "Evidence written: " + evidence + "\nPlan written: " + plan + "\n");
  EXPECT_EQ(nlohmann::json::parse(test::read_text(evidence))["observations"][0]["luts_used"], 9);
  const auto plan_json = nlohmann::json::parse(test::read_text(plan));
  EXPECT_EQ(plan_json["training_points"], 425);
  EXPECT_EQ(plan_json["profile"], "reference");
}

}  // namespace
}  // namespace scn::cli
