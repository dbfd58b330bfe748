// docs/reference-behaviour.md §2.5: the published package's report-text rules, kept for the reference
// profile.
#include "sc_neurocore/evidence/loader/reference_text.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/evidence/loader/synthesis.hpp"
#include "test_util.hpp"

namespace scn::evidence {
namespace {

using nlohmann::json;

std::optional<std::int64_t> luts(const std::string& text) { return reference_text_metrics(text).luts_used; }
std::optional<double> power(const std::string& text) { return reference_text_metrics(text).power_mw; }
std::optional<std::int64_t> latency(const std::string& text) {
  return reference_text_metrics(text).latency_cycles;
}

TEST(ReferenceText, LutPatternsInPriorityOrder) {
  EXPECT_EQ(luts("| CLB LUTs* | 1,024 | 10% |"), 1024);
  EXPECT_EQ(luts("| Slice LUTs | 2,345 | 0 | 20800 |"), 2345);
  EXPECT_EQ(luts("Logic LUTs : 77"), 77);
  EXPECT_EQ(luts("ALMs needed [=A-B+C] : 118"), 118);
  EXPECT_EQ(luts("ALM used 9"), 9);
  EXPECT_EQ(luts("Total combinational functions : 1,200 / 15,408 ( 8 % )"), 1200);
  // The first pattern with any match wins, wherever it is in the text.
  EXPECT_EQ(luts("Slice LUTs | 5\nCLB LUTs | 7"), 7);
  EXPECT_EQ(luts("clb   luts: 3"), 3);  // case-insensitive, any whitespace between the words
  EXPECT_EQ(luts("Logic utilization (in ALMs) : 118 / 32,070"), std::nullopt);
  EXPECT_EQ(luts("CLB LUTs\n1024"), std::nullopt);  // the number must be on the label's line
}

TEST(ReferenceText, PowerPatternsAndUnits) {
  EXPECT_DOUBLE_EQ(*power("Total On-Chip Power (W): 0.125"), 125.0);
  EXPECT_DOUBLE_EQ(*power("| Total On-Chip Power (W)  | 0.125 |"), 125.0);
  EXPECT_DOUBLE_EQ(*power("Total On-Chip Power (mW) | 42.5"), 42.5);
  EXPECT_DOUBLE_EQ(*power("Total On-Chip Power: 0.125 W"), 125.0);
  EXPECT_DOUBLE_EQ(*power("Total thermal power dissipation : 3.2 mW"), 3.2);
  EXPECT_DOUBLE_EQ(*power("Core Dynamic Thermal Power Dissipation : 10.5 mW"), 10.5);
  // Published pitfalls, kept number for number.
  EXPECT_DOUBLE_EQ(*power("Total On-Chip Power (W) : 1.2e-01"), 1200.0);
  EXPECT_EQ(power("Total On-Chip Power: 1.5e-3 W"), std::nullopt);
  EXPECT_DOUBLE_EQ(*power("Total On-Chip Power: 2 MW"), 2.0);
  EXPECT_THROW(power("Total On-Chip Power (W): ..."), core::InputError);
}

TEST(ReferenceText, LatencyPatterns) {
  EXPECT_EQ(latency("Latency (cycles): 96"), 96);
  EXPECT_EQ(latency("Latency cycles = 12"), 12);
  EXPECT_EQ(latency("Latency: 64 cycles"), 64);
  EXPECT_EQ(latency("cycles: 1,280"), 1280);
  EXPECT_EQ(latency("Clock cycles per sample 4 ns"), 4);
  EXPECT_EQ(latency("Latency = 5 cycles"), std::nullopt);
  EXPECT_EQ(latency("128 cycles"), std::nullopt);
}

const json kDesign = {{"mac_count", 256},         {"bitstream_length", 256},
                      {"decorrelator", "Sobol"},  {"mode", "SC"},
                      {"precision_bits", 8},      {"lfsr_polynomial", "x16+x14+x13+x11+1"},
                      {"is_critical_path", false}};

TEST(ReferenceText, ObservationFromExcerptsUnderTheReferenceProfile) {
  const std::vector<std::pair<std::string, std::string>> reports = {
      {"utilisation", "| CLB LUTs | 1,024 |"},
      {"power", "Total On-Chip Power (W): 0.125\nLatency: 64 cycles"}};
  const core::BenchmarkObservation obs = observation_from_synthesis_reports(
      reports, kDesign, 0.97, std::nullopt, "<synthesis-reports>", core::Profile::kReference);
  EXPECT_EQ(obs.luts_used, 1024);
  EXPECT_DOUBLE_EQ(obs.power_mw, 125.0);
  EXPECT_EQ(obs.latency_cycles, 64);
  EXPECT_DOUBLE_EQ(obs.accuracy_score, 0.97);
  // An explicit latency replaces the parsed one.
  EXPECT_EQ(observation_from_synthesis_reports(reports, kDesign, 0.97, 80, "s", core::Profile::kReference)
                .latency_cycles,
            80);
  // The default profile parses by structure and refuses such excerpts.
  EXPECT_THROW(observation_from_synthesis_reports(reports, kDesign, 0.97, 64), core::ReportParseError);
}

TEST(ReferenceText, MissingMetricsAndLatencyNameTheSource) {
  EXPECT_THROW_MESSAGE(observation_from_synthesis_reports({{"utilisation", "nothing here"}}, kDesign, 0.9,
                                                          std::nullopt, "src", core::Profile::kReference),
                       core::ObservationLoadError, "src: synthesis reports missing luts_used, power_mw");
  EXPECT_THROW_MESSAGE(
      observation_from_synthesis_reports({{"u", "ALMs needed : 118"}, {"p", "Thermal Power 3 mW"}}, kDesign,
                                         0.9, std::nullopt, "src", core::Profile::kReference),
      core::ObservationLoadError, "src observation 0: missing one of latency_cycles, cycles, latency");
}

TEST(ReferenceText, ParsedMetricsGoUnderTheDesignsNestedViews) {
  // The published record is the design with the metrics on top, validated with its views: a nested
  // "report" in the design wins over the parsed LUTs (the default profile does not let it).
  json design = kDesign;
  design["report"] = {{"luts_used", 5}};
  const auto obs =
      observation_from_synthesis_reports({{"u", "CLB LUTs | 1,024\nTotal On-Chip Power (W): 0.1"}}, design,
                                         0.9, 64, "s", core::Profile::kReference);
  EXPECT_EQ(obs.luts_used, 5);
}

}  // namespace
}  // namespace scn::evidence
