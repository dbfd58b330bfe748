// docs/reference-behaviour.md §2.5 and §3 with structured report parsing.
#include "sc_neurocore/evidence/loader/synthesis.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/evidence/loader/observations.hpp"
#include "test_util.hpp"

namespace scn::evidence {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::string kReports = SCN_REPORTS_DIR;
const std::string kDesign = std::string(SCN_TEST_DATA_DIR) + "/evidence/design_sc_layer.json";
const std::string kUtil = kReports + "/vivado_util/vocos_post_place_util.rpt";
const std::string kPower = kReports + "/vivado_power/vocos_post_route_power.rpt";
const std::string kTiming = kReports + "/vivado_timing/vocos_post_route_timing_summary.rpt";

BuildPayloadOptions vocos_triple() {
  BuildPayloadOptions options;
  options.design_path = kDesign;
  options.utilisation_path = kUtil;
  options.power_path = kPower;
  options.timing_path = kTiming;
  options.accuracy_score = 0.991;
  return options;
}

TEST(EnergyPayload, PublishedExample) {
  core::BenchmarkObservation observation;
  observation.latency_cycles = 128;
  observation.power_mw = 125.0;
  const auto energy = energy_payload(observation, 100.0, 2);
  ASSERT_TRUE(energy.has_value());
  EXPECT_EQ((*energy)["latency_seconds"].get<double>(), 1.28e-06);
  EXPECT_EQ((*energy)["total_energy_uj"].get<double>(), 0.16);
  EXPECT_EQ((*energy)["energy_uj_per_inference"].get<double>(), 0.08);
  EXPECT_EQ(
      payload_text({{"energy", *energy}}),
      "{\n  \"energy\": {\n    \"clock_mhz\": 100.0,\n    \"energy_uj_per_inference\": 0.08,\n"
      "    \"inferences_per_run\": 2,\n    \"latency_seconds\": 1.28e-06,\n    \"total_energy_uj\": 0.16\n"
      "  }\n}\n");
}

TEST(EnergyPayload, NeedsBothPositiveFiniteValues) {
  core::BenchmarkObservation observation;
  observation.latency_cycles = 128;
  observation.power_mw = 125.0;
  EXPECT_FALSE(energy_payload(observation, std::nullopt, std::nullopt).has_value());
  EXPECT_THROW_MESSAGE(energy_payload(observation, 100.0, std::nullopt), core::InputError,
                       "energy requires both --clock-mhz and --inferences-per-run");
  EXPECT_THROW_MESSAGE(energy_payload(observation, std::nullopt, 1), core::InputError,
                       "energy requires both");
  EXPECT_THROW_MESSAGE(energy_payload(observation, 0.0, 1), core::InputError, "clock_mhz must be positive");
  EXPECT_THROW_MESSAGE(energy_payload(observation, std::nan(""), 1), core::InputError,
                       "clock_mhz must be positive and finite");
  EXPECT_THROW_MESSAGE(energy_payload(observation, 100.0, 0), core::InputError,
                       "inferences_per_run must be positive");
}

TEST(BuildPayload, VivadoTripleWithDesign) {
  BuildPayloadOptions options = vocos_triple();
  options.clock_mhz = 100.0;
  options.inferences_per_run = 1;
  const json payload = build_payload_from_reports(options);
  const json& observation = payload["observations"].at(0);
  EXPECT_EQ(observation["luts_used"], 9);
  EXPECT_EQ(observation["power_mw"], 77.0);
  EXPECT_EQ(observation["latency_cycles"], 128);
  EXPECT_EQ(observation["accuracy_score"], 0.991);
  EXPECT_EQ(observation["decorrelator"], "SCC_Decorrelator");
  EXPECT_EQ(observation["is_critical_path"], true);
  EXPECT_EQ(observation.size(), 11u);
  EXPECT_EQ(payload["source_reports"],
            json({{"utilisation", kUtil}, {"power", kPower}, {"timing", kTiming}}));
  EXPECT_EQ(payload["energy"]["latency_seconds"], 1.28e-06);
  EXPECT_NEAR(payload["energy"]["total_energy_uj"].get<double>(), 0.09856, 1e-15);
  // sha256sum of the corpus files.
  EXPECT_EQ(payload["provenance"]["utilisation"]["sha256"],
            "d73ee586571223a34ffe9e7f74cb38844579881d6bd999ae622205fc276241fe");
  EXPECT_EQ(payload["provenance"]["power"]["sha256"],
            "f4f6e9deba3a3079325a9a83911f7139620ca43b2f0e1cf297a3de444dc6b42d");
  EXPECT_EQ(payload["provenance"]["timing"]["sha256"],
            "fa713c9f5a314065fba2a105e4f7b08929b5258e125a0de102227882e602d8f9");
  EXPECT_EQ(payload["provenance"]["utilisation"]["tool"], "vivado");
  EXPECT_EQ(payload["provenance"]["utilisation"]["tool_version"], "v.2023.1");
  EXPECT_EQ(payload["provenance"]["utilisation"]["device"], "xc7s50csga324-1");
  EXPECT_EQ(payload["provenance"]["utilisation"]["lut_unit"], "LUT6");
  EXPECT_FALSE(payload.contains("warnings"));  // WNS +7.862 ns
}

TEST(BuildPayload, EnergyOnlyWithBothFlags) {
  EXPECT_FALSE(build_payload_from_reports(vocos_triple()).contains("energy"));
  BuildPayloadOptions options = vocos_triple();
  options.clock_mhz = 100.0;
  EXPECT_THROW_MESSAGE(build_payload_from_reports(options), core::InputError, "energy requires both");
}

TEST(BuildPayload, TimingThatMissesTheClockIsWarnedAbout) {
  BuildPayloadOptions options = vocos_triple();
  options.timing_path = kReports + "/nextpnr/nndigits_ecp5_nextpnr_pnr.log";  // 15.05 MHz achieved
  options.clock_mhz = 25.0;
  options.inferences_per_run = 1;
  const json payload = build_payload_from_reports(options);
  ASSERT_TRUE(payload.contains("warnings"));
  ASSERT_EQ(payload["warnings"].size(), 2u);
  // nextpnr's own verdict first ("FAIL at 25.00 MHz"), then the energy clock.
  EXPECT_NE(payload["warnings"][0].get<std::string>().find(
                "clock $glbnet$clk_25mhz$TRELLIS_IO_IN fails its 25.0 MHz constraint (reaches 15.05 MHz)"),
            std::string::npos);
  EXPECT_NE(
      payload["warnings"][1].get<std::string>().find("reaches 15.05 MHz, below the --clock-mhz 25.0 MHz"),
      std::string::npos);
  options.timing_path = kReports + "/quartus_sta/ptmch_max10_q23.1.sta.summary";  // WNS -3.854 ns
  const json negative = build_payload_from_reports(options);
  EXPECT_NE(negative["warnings"][0].get<std::string>().find("negative worst negative slack (-3.854 ns)"),
            std::string::npos);
}

TEST(BuildPayload, YosysAndNextpnrGiveMeasurementsAndSayPowerIsMissing) {
  BuildPayloadOptions options = vocos_triple();
  options.utilisation_path = kReports + "/yosys/nndigits_ecp5_yosys0.33.log";
  options.power_path.reset();
  options.timing_path = kReports + "/nextpnr/nndigits_ecp5_nextpnr_pnr.log";
  const json payload = build_payload_from_reports(options);
  const json& measured = payload["measurements"];
  EXPECT_EQ(measured["luts_used"], 2866);  // the first report with LUTs: Yosys
  EXPECT_EQ(measured["lut_unit"], "LUT4");
  EXPECT_FALSE(
      measured.contains("luts_available"));  // Yosys knows no device; nextpnr's size is for its own count
  EXPECT_EQ(measured["ffs_used"], 2122);
  EXPECT_EQ(measured["carry_cells"], 258);
  EXPECT_EQ(measured["bram_used"], 49.0);
  EXPECT_EQ(measured["fmax_mhz"]["$glbnet$clk_25mhz$TRELLIS_IO_IN"], 15.05);
  EXPECT_EQ(measured["timing_met"], false);
  EXPECT_EQ(measured["sources"]["fmax_mhz"], "timing");
  EXPECT_FALSE(measured.contains("total_power_mw"));
  EXPECT_EQ(payload["missing"], json::array({"power_mw"}));
  EXPECT_EQ(payload["observations"], json::array());
  EXPECT_FALSE(payload.contains("energy"));
  // The loader accepts it and learns nothing from it yet.
  EXPECT_TRUE(observations_from_payload(payload, "ev.json").empty());
  // Without the "missing" statement an empty payload is still an error.
  json bare = payload;
  bare.erase("missing");
  EXPECT_THROW_MESSAGE(observations_from_payload(bare, "ev.json"), core::ObservationLoadError,
                       "ev.json contains no observation records");
}

TEST(BuildPayload, NoReportWithLutsIsStillAnError) {
  BuildPayloadOptions options = vocos_triple();
  options.utilisation_path = kReports + "/lattice/hlssdr_ecp5_diamond.twr";
  options.power_path.reset();
  options.timing_path.reset();
  EXPECT_THROW_MESSAGE(build_payload_from_reports(options), core::ObservationLoadError,
                       "synthesis reports missing luts_used");
}

TEST(SynthesisObservation, MeasuredValuesBeatDesignMetadata) {
  json design = load_design(kDesign);
  design["luts_used"] = 7;
  design["report"] = {{"luts_used", 5}, {"power_mw", 1.0}};
  const auto observation =
      load_synthesis_observation({{"utilisation", kUtil}, {"power", kPower}}, design, 0.9);
  EXPECT_EQ(observation.luts_used, 9);
  EXPECT_EQ(observation.power_mw, 77.0);
}

TEST(SynthesisObservation, ExplicitLatencyReplacesTheDesigns) {
  const json design = load_design(kDesign);
  EXPECT_EQ(load_synthesis_observation({{"u", kUtil}, {"p", kPower}}, design, 0.9, 96).latency_cycles, 96);
  json no_latency = design;
  no_latency.erase("latency_cycles");
  EXPECT_THROW_MESSAGE(load_synthesis_observation({{"u", kUtil}, {"p", kPower}}, no_latency, 0.9),
                       core::ObservationLoadError,
                       kUtil + ", " + kPower + " observation 0: missing one of latency_cycles");
}

TEST(SynthesisObservation, MissingMetricsAreNamed) {
  const json design = load_design(kDesign);
  EXPECT_THROW_MESSAGE(load_synthesis_observation({{"u", kUtil}, {"t", kTiming}}, design, 0.9),
                       core::ObservationLoadError, ": synthesis reports missing power_mw");
  EXPECT_THROW_MESSAGE(load_synthesis_observation({{"t", kTiming}}, design, 0.9), core::ObservationLoadError,
                       kTiming + ": synthesis reports missing luts_used, power_mw");
  // Quartus ALMs count as the LUT figure of the design, with their unit in the provenance.
  const auto quartus =
      load_synthesis_observation({{"fit", kReports + "/quartus_fit/supercpu_cyclonev_q18.1.fit.summary"},
                                  {"power", kReports + "/quartus_power/supercpu_cyclonev_q18.1.pow.summary"}},
                                 design, 0.9);
  EXPECT_EQ(quartus.luts_used, 1);
  EXPECT_DOUBLE_EQ(quartus.power_mw, 419.41);
}

TEST(SynthesisObservation, FromTextsAndUnrecognisedText) {
  const json design = load_design(kDesign);
  const auto observation = observation_from_synthesis_reports(
      {{"util.rpt", test::read_text(kUtil)}, {"power.rpt", test::read_text(kPower)}}, design, 0.95,
      std::nullopt);
  EXPECT_EQ(observation.luts_used, 9);
  EXPECT_THROW_MESSAGE(observation_from_synthesis_reports({{"note.txt", "Total On-Chip Power: 1.5e-3 W\n"}},
                                                          design, 0.9, std::nullopt),
                       core::ReportParseError, "note.txt: not a recognised report");
}

TEST(Design, MustBeAnObject) {
  test::TempDir dir;
  test::write_text(dir.path() / "list.json", "[1, 2]");
  EXPECT_THROW_MESSAGE(load_design(dir.path() / "list.json"), core::InputError,
                       "list.json: design metadata must be a JSON object");
}

TEST(WritePayload, SortedIndentedAtomicWithParents) {
  test::TempDir dir;
  const fs::path out = dir.path() / "build" / "evidence" / "obs.json";
  write_payload({{"b", 1}, {"a", {{"y", 1.5}, {"x", true}}}}, out);
  EXPECT_EQ(test::read_text(out), "{\n  \"a\": {\n    \"x\": true,\n    \"y\": 1.5\n  },\n  \"b\": 1\n}\n");
}

TEST(FeedbackLoop, CaseDThroughAnEvidencePayload) {
  const json payload = {{"observations", json::array({{{"mac_count", 128},
                                                       {"bitstream_length", 64},
                                                       {"decorrelator", "SCC_Decorrelator"},
                                                       {"mode", "SC"},
                                                       {"precision_bits", 16},
                                                       {"lfsr_polynomial", "none"},
                                                       {"luts_used", 1024},
                                                       {"power_mw", 1.2},
                                                       {"latency_cycles", 64},
                                                       {"accuracy_score", 0.991},
                                                       {"is_critical_path", true}}})}};
  const auto result = optimise_from_evidence_payload({{"dense0", 128, true}}, {"d", {10000, 100.0, 512}},
                                                     payload, core::Profile::kReference);
  ASSERT_EQ(result.observations.size(), 1u);
  EXPECT_EQ(result.report.training_points, 425);
  const auto& config = result.report.config.at(0).second;
  EXPECT_EQ(config.decorrelator, "LFSR");
  EXPECT_EQ(config.luts_used, 825);
  EXPECT_EQ(result.evidence_payload, payload);
}

TEST(FeedbackLoop, FromReportsEndToEnd) {
  BuildPayloadOptions options = vocos_triple();
  const auto result = optimise_from_synthesis_reports({{"dense0", 128, true}}, {"d", {10000, 100.0, 512}},
                                                      options, core::Profile::kReference);
  EXPECT_EQ(result.observations.at(0).luts_used, 9);
  EXPECT_EQ(result.report.training_points, 425);
  EXPECT_TRUE(result.report.feasible());
}

}  // namespace
}  // namespace scn::evidence
