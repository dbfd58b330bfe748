// The published summary texts and our JSON documents.
#include "sc_neurocore/io/views.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "sc_neurocore/search/sc_optimizer.hpp"
#include "sc_neurocore/search/surrogate.hpp"

namespace scn::io {
namespace {

TEST(Views, EnergySummaryMatchesThePublishedFormat) {
  model::EstimateOptions options;
  const model::EnergyReport report = estimate({{784, 128}, {128, 10}}, options);
  EXPECT_EQ(summary(report),
            "SC-NeuroCore Energy Estimate \xE2\x80\x94 ice40\n"
            "=======================================================\n"
            "\n"
            "  layer_0: 784->128 (100352 syn, L=256) -> 148224 LUTs, 53.36 mW\n"
            "  layer_1: 128->10 (1280 syn, L=256) -> 7670 LUTs, 2.76 mW\n"
            "\n"
            "  Infrastructure: 200 LUTs\n"
            "\n"
            "  Total LUTs:     156,094\n"
            "  Total FFs:      21,216\n"
            "  Total BRAM:     198.5 KB\n"
            "  Dynamic power:  56.12 mW\n"
            "  Latency:        516 cycles\n"
            "  Energy/inf:     289.59 nJ\n"
            "  Clock:          100 MHz\n"
            "  Utilization:    2032.5%\n"
            "  Fits on target: NO \xE2\x80\x94 exceeds LUT budget");
}

TEST(Views, OptimizerReportSummary) {
  std::vector<core::LayerProfile> network;
  for (int i = 0; i < 2; ++i) network.push_back({"L" + std::to_string(i), 100, i == 0});
  const auto report = search::SCOptimizer({500000, 5000.0}).optimize(network);
  ASSERT_TRUE(report.has_value());
  EXPECT_EQ(summary(*report),
            "LUTs: 24000, Power: 100.00 mW, Latency: 1 cycles, Accuracy: 1.0000\n"
            "  L0: N=1, decorr=None, mode=Deterministic, acc=1.0000\n"
            "  L1: N=1, decorr=None, mode=Deterministic, acc=1.0000");
}

TEST(Views, PlanJsonSortsLayersByIdAndRecordsProfile) {
  search::SurrogateOptions options;
  options.profile = core::Profile::kReference;
  const auto report = search::SurrogateSCOptimizer({"default", {200000, 800.0, 512}}, options)
                          .optimise({{"encoder", 256, true}, {"decoder", 192}});
  const nlohmann::json plan = plan_json(report);
  EXPECT_EQ(plan["layers"][0]["id"], "decoder");
  EXPECT_EQ(plan["layers"][1]["id"], "encoder");
  EXPECT_EQ(plan["profile"], "reference");
  EXPECT_EQ(plan["feasible"], true);
  EXPECT_EQ(plan["training_points"], 842);
  EXPECT_EQ(plan["layers"][1]["luts_used"], 4550);
  EXPECT_EQ(plan.size(), 10u);
  EXPECT_EQ(plan["layers"][0].size(), 11u);
  const std::string text = json_document(plan);
  EXPECT_EQ(text.back(), '\n');
  EXPECT_NE(text.find("\"rejected_layers\": [],\n"), std::string::npos);
}

TEST(Views, EstimateJsonHasEveryField) {
  const nlohmann::json json = to_json(model::estimate({{4, 2}}), "reference");
  for (const char* key : {"total_luts", "total_ffs", "utilization_pct", "fits_on_target",
                          "energy_per_inference_nj", "layers", "total_bram_kb", "total_dynamic_power_mw",
                          "total_latency_cycles", "infra_luts", "clock_freq_mhz", "target", "profile"})
    EXPECT_TRUE(json.contains(key)) << key;
  EXPECT_EQ(json["total_luts"], 612);
  EXPECT_EQ(json["layers"][0]["luts"], 412);
}

TEST(Views, TargetsTableListsDevicesAndProfiles) {
  const std::string table = targets_table();
  EXPECT_NE(table.find("ice40    ice40_hx8k   ice40      7680       128     0      1.20         150.0"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("ice40-low-power"), std::string::npos);
  EXPECT_EQ(targets_json()["targets"].size(), 4u);
}

}  // namespace
}  // namespace scn::io

namespace scn::io {
namespace {

// Issue 30: a plan that does not fit says how close it is and what would hold it.
TEST(Views, NoPlanFitsSaysHowFarAndWhatWouldHoldIt) {
  core::SurrogateOptimizerReport report;
  report.profile = "default";
  report.rejected_layers = {"a"};
  core::SearchCertificate certificate;
  certificate.solver = "branch-and-bound";
  certificate.binding = {"luts"};
  certificate.min_luts = 6125;
  report.search = certificate;
  core::PlanHardware hardware;
  hardware.device = "ice40-up5k";
  hardware.lut_unit = "ICESTORM_LC";
  hardware.device_logic_cells = 5280;
  hardware.max_utilisation = 0.85;
  hardware.logic_cell_budget = 4488;
  report.hardware = hardware;
  const nlohmann::json plan = plan_json(report);
  const nlohmann::json& room = plan.at("search").at("room");
  EXPECT_EQ(room.at("logic_cells"), 6125);
  EXPECT_DOUBLE_EQ(room.at("utilisation_needed").get<double>(), 6125.0 / 5280.0);
  // The HX8K (7,680 cells, 6,528 at 85 %) holds it; the HX1K does not.
  const auto devices = room.at("larger_devices").get<std::vector<std::string>>();
  EXPECT_NE(std::find(devices.begin(), devices.end(), "ice40-hx8k"), devices.end());
  EXPECT_EQ(std::find(devices.begin(), devices.end(), "ice40-hx1k"), devices.end());
  const std::string text = plan_table(report, {{"a", 100, false}});
  EXPECT_NE(text.find("the budget is 4,488 ICESTORM_LC (85% of the ice40-up5k's 5,280)"), std::string::npos)
      << text;
  EXPECT_NE(text.find("it needs more cells than the device has"), std::string::npos) << text;
  EXPECT_NE(text.find("devices whose budget holds it: "), std::string::npos) << text;

  report.search->min_luts = 4700;  // above the 85 % budget, below the device
  const std::string closer = plan_table(report, {{"a", 100, false}});
  EXPECT_NE(closer.find("it would fit at 89.0% utilisation (--max-utilisation 0.891)"), std::string::npos)
      << closer;
}

}  // namespace
}  // namespace scn::io
