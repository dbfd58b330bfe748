// Worst inputs for the report parsers: units, scientific notation, repeated
// and truncated sections, wrong kinds, binary and empty files.
#include <gtest/gtest.h>

#include "dialect.hpp"
#include "report_text.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/evidence/reports/report.hpp"
#include "test_util.hpp"

namespace scn::evidence {
namespace {

std::string vivado_power(const std::string& total_row) {
  return "| Tool Version     : Vivado v.2023.1 (lin64) Build 3865809\n"
         "| Command          : report_power -file power.rpt\n"
         "| Device           : xc7a35tcpg236-1\n"
         "1. Summary\n"
         "----------\n"
         "+--------------------------+--------------+\n" +
         total_row +
         "| Dynamic (W)              | 0.005        |\n"
         "| Device Static (W)        | 0.072        |\n"
         "+--------------------------+--------------+\n";
}

const std::string kUtilHeader =
    "| Tool Version : Vivado v.2024.2 (lin64) Build 5239630\n"
    "| Command      : report_utilization -file util.rpt\n"
    "| Device       : xc7a35tcpg236-1\n"
    "1. Slice Logic\n";
const std::string kUtilTable =
    "+-------------------------+------+-------+------------+-----------+-------+\n"
    "|        Site Type        | Used | Fixed | Prohibited | Available | Util% |\n"
    "+-------------------------+------+-------+------------+-----------+-------+\n"
    "| Slice LUTs              |  420 |     0 |          0 |     20800 |  2.02 |\n"
    "| Slice Registers         |  300 |     0 |          0 |     41600 |  0.72 |\n"
    "+-------------------------+------+-------+------------+-----------+-------+\n";

TEST(PowerUnits, ConvertEveryUnitAndNeverReadMegawattsAsMilliwatts) {
  EXPECT_EQ(to_milliwatts(1.5, "W"), 1500.0);
  EXPECT_EQ(to_milliwatts(1.5, "mW"), 1.5);
  EXPECT_EQ(to_milliwatts(1500, "uW"), 1.5);
  EXPECT_EQ(to_milliwatts(1500, "\xC2\xB5W"), 1.5);
  EXPECT_EQ(to_milliwatts(2, "kW"), 2e6);
  EXPECT_EQ(to_milliwatts(2, "MW"), 2e9);
  EXPECT_FALSE(to_milliwatts(2, "mJ").has_value());
  EXPECT_EQ(parse_power("1.2e-01 W"), 120.0);
  EXPECT_EQ(parse_power("311.30 mW"), 311.3);
  EXPECT_FALSE(parse_power("311.30").has_value());
}

TEST(Numbers, ThousandsSeparatorsExponentsAndRejects) {
  EXPECT_EQ(parse_number("1,024"), 1024.0);
  EXPECT_EQ(parse_number(" -3.854 "), -3.854);
  EXPECT_EQ(parse_number("1.5e-3"), 0.0015);
  EXPECT_EQ(parse_number("+7"), 7.0);
  EXPECT_FALSE(parse_number("<0.001").has_value());
  EXPECT_FALSE(parse_number("1,2,").has_value());
  EXPECT_FALSE(parse_number("").has_value());
  EXPECT_FALSE(parse_number("inf").has_value());
  const auto usage = parse_used_of_available("16,433 / 22,320 ( 74 % )");
  ASSERT_TRUE(usage.has_value());
  EXPECT_EQ(usage->used, 16433);
  EXPECT_EQ(usage->available, 22320);
}

TEST(VivadoPower, ScientificNotationInTheTable) {
  const auto report = parse_report(vivado_power("| Total On-Chip Power (W)  | 1.2e-01      |\n"), "p.rpt");
  EXPECT_EQ(report.metrics.total_power_mw, 120.0);
  EXPECT_NEAR(*report.metrics.static_power_mw, 72.0, 1e-12);
  EXPECT_EQ(report.metrics.locations.at("total_power_mw").line, 7);
}

TEST(VivadoPower, UnitComesFromTheLabel) {
  const auto report = parse_report(vivado_power("| Total On-Chip Power (mW) | 77           |\n"), "p.rpt");
  EXPECT_EQ(report.metrics.total_power_mw, 77.0);
  EXPECT_THROW_MESSAGE(parse_report(vivado_power("| Total On-Chip Power (W)  | n/a          |\n"), "p.rpt"),
                       core::ReportParseError, "p.rpt: unreadable power 'n/a'");
}

TEST(QuartusPower, UnitsAfterTheNumber) {
  const std::string summary =
      "Power Analyzer Status : Successful\n"
      "Quartus Prime Version : 19.1.0 Build 670\n"
      "Family : MAX 10\n"
      "Device : 10M08SAU169C8G\n"
      "Total Thermal Power Dissipation : 2 MW\n"
      "Core Dynamic Thermal Power Dissipation : 150 uW\n"
      "Core Static Thermal Power Dissipation : 1.2e-01 W\n";
  const auto report = parse_report(summary, "q.pow.summary");
  EXPECT_EQ(report.metrics.total_power_mw, 2e9);  // megawatts, not milliwatts
  EXPECT_EQ(report.metrics.dynamic_power_mw, 0.15);
  EXPECT_EQ(report.metrics.static_power_mw, 120.0);
  EXPECT_EQ(report.device, "MAX 10 10M08SAU169C8G");
}

TEST(VivadoUtilization, RepeatedSectionsAgreeingAreFineDisagreeingAreRefused) {
  const auto report = parse_report(kUtilHeader + kUtilTable + "\n1. Slice Logic\n" + kUtilTable, "u.rpt");
  EXPECT_EQ(report.metrics.luts_used, 420);
  EXPECT_EQ(report.metrics.locations.at("luts_used").line, 8);  // the first occurrence
  std::string changed = kUtilTable;
  changed.replace(changed.find("|  420 |"), 8, "|  421 |");
  EXPECT_THROW_MESSAGE(parse_report(kUtilHeader + kUtilTable + changed, "u.rpt"), core::ReportParseError,
                       "u.rpt: repeated Slice LUTs rows disagree (lines 8 and 14)");
}

TEST(VivadoUtilization, TruncatedReportIsRefused) {
  EXPECT_THROW_MESSAGE(parse_report(kUtilHeader + "+------+\n| Site |\n", "cut.rpt"), core::ReportParseError,
                       "cut.rpt: no Slice LUTs / CLB LUTs row found");
}

TEST(VivadoUtilization, ColumnsAreFoundByHeaderName) {
  // No Prohibited column (older Vivado), Available in another position.
  const std::string table =
      "+-------------+-------+-----------+-------+-------+\n"
      "|  Site Type  |  Used | Available | Fixed | Util% |\n"
      "+-------------+-------+-----------+-------+-------+\n"
      "| CLB LUTs*   | 1,024 |     70560 |     0 |  1.45 |\n"
      "+-------------+-------+-----------+-------+-------+\n";
  const auto report = parse_report(kUtilHeader + table, "u.rpt");
  EXPECT_EQ(report.metrics.luts_used, 1024);
  EXPECT_EQ(report.metrics.luts_available, 70560);
  EXPECT_EQ(report.metrics.lut_unit, "LUT6");
  EXPECT_FALSE(report.metrics.ffs_used.has_value());
}

TEST(VivadoUtilization, HierarchicalReportUsesTheTopInstance) {
  const std::string hierarchical =
      "| Tool Version : Vivado v.2022.2 (lin64)\n"
      "| Command      : report_utilization -hierarchical -file hier.rpt\n"
      "| Device       : xc7z020clg400-1\n"
      "1. Utilization by Hierarchy\n"
      "+----------------+--------+------------+------------+------+\n"
      "|    Instance    | Module | Total LUTs | Logic LUTs | FFs  |\n"
      "+----------------+--------+------------+------------+------+\n"
      "| top            |  (top) |       5120 |       5000 | 4100 |\n"
      "|   (top)        |  (top) |         20 |         20 |   10 |\n"
      "|   core         |   core |       5100 |       4980 | 4090 |\n"
      "+----------------+--------+------------+------------+------+\n";
  const auto report = parse_report(hierarchical, "hier.rpt");
  EXPECT_EQ(report.kind, "utilization");
  EXPECT_EQ(report.metrics.luts_used, 5120);
  EXPECT_EQ(report.metrics.ffs_used, 4100);
}

TEST(Detection, UnknownTextListsTheKindsTried) {
  EXPECT_THROW_MESSAGE(
      parse_report("{\"layers\": []}\n", "net.json"), core::ReportParseError,
      "net.json: not a recognised report (tried: vivado utilization, vivado power, vivado timing, "
      "quartus fit, quartus power, quartus timing, yosys stat, yosys stat json, nextpnr log, nextpnr report "
      "json, "
      "icetime timing, lattice map, lattice trace, gowin report)");
  // A cycles line must not be mistaken for anything.
  EXPECT_THROW(parse_report("Clock cycles per sample 4 ns\nLatency = 5 cycles\n", "notes.txt"),
               core::ReportParseError);
}

TEST(Detection, ContentNotFileNameDecides) {
  const auto report = parse_report(vivado_power("| Total On-Chip Power (W)  | 0.077        |\n"), "util.rpt");
  EXPECT_EQ(report.kind, "power");
}

TEST(ReportFiles, EmptyBinaryMissingAndLatin1) {
  test::TempDir dir;
  test::write_text(dir.path() / "empty.rpt", "");
  EXPECT_THROW_MESSAGE(parse_report_file(dir.path() / "empty.rpt"), core::InputError,
                       "empty.rpt: file is empty");
  test::write_text(dir.path() / "blob.rpt", std::string("\x7f"
                                                        "ELF\x02\x01\x01\x00\x00",
                                                        9));
  EXPECT_THROW_MESSAGE(parse_report_file(dir.path() / "blob.rpt"), core::InputError, "blob.rpt: binary file");
  EXPECT_THROW_MESSAGE(parse_report_file(dir.path() / "gone.rpt"), core::FileError, "gone.rpt: no such file");
  // Quartus writes the degree sign as Latin-1 0xB0: still a readable report.
  test::write_text(
      dir.path() / "latin1.summary",
      "Fitter Status : Successful\nQuartus Prime Version : 17.1.0\nFamily : MAX 10\nDevice : 10M08\n"
      "Total logic elements : 41 / 8,064 ( < 1 % )\nLow Junction Temperature : 0 \xb0"
      "C\n");
  const auto report = parse_report_file(dir.path() / "latin1.summary");
  EXPECT_EQ(report.metrics.luts_used, 41);
  EXPECT_EQ(report.metrics.lut_unit, "LE");
}

TEST(ReportFiles, WrongKindsAndTruncations) {
  EXPECT_THROW_MESSAGE(parse_report("Fitter Status : Successful\nFamily : MAX 10\n", "f.summary"),
                       core::ReportParseError,
                       "f.summary: no 'Total logic elements' or 'Logic utilization (in ALMs)'");
  EXPECT_THROW_MESSAGE(parse_report("Info: Device utilisation:\nInfo: all cells placed\n", "pnr.log"),
                       core::ReportParseError,
                       "pnr.log: the last 'Device utilisation' block has no 'BEL: used/ available' row");
}

// Inputs the fuzzers found: each must end in ReportParseError, never a crash.
TEST(FuzzRegressions, ShortRowsAndMissingTitles) {
  const std::string sta =
      "Timing Analyzer report for top\n"
      "Quartus Prime Version 19.1.0 Build 670\n"
      "+------------------------------------+\n"
      "; Slow 1200mV 85C Model Fmax Summary ;\n"
      "+------------+-----------------+------------+\n"
      "; Fmax       ; Restricted Fmax ; Clock Name ;\n"
      "+------------+-----------------+------------+\n"
      "; 111.83 MHz ;\n"
      "+------------+-----------------+------------+\n";
  EXPECT_THROW_MESSAGE(parse_report(sta, "sta.rpt"), core::ReportParseError,
                       "sta.rpt: Fmax Summary row on line 8 has fewer columns than its header");
  const ReportText no_title("Device: LFE5U-25F\n", "trace.twr");
  EXPECT_THROW_MESSAGE(lattice_trace_dialect().parse(no_title), core::ReportParseError,
                       "trace.twr: no 'Lattice TRACE Report' title line");
  const ReportText timing_only_header(
      "| Tool Version : Vivado v.2014.2\nDesign Timing Summary\nWNS(ns)\n------\n", "t.rpt");
  EXPECT_THROW(vivado_timing_dialect().parse(timing_only_header), core::ReportParseError);
}

TEST(Json, MetricsKeysAreTheExpectedColumnsAndAbsentMeansAbsent) {
  const auto report = parse_report(vivado_power("| Total On-Chip Power (W)  | 0.077        |\n"), "p.rpt");
  const auto json = to_json(report);
  EXPECT_EQ(json["tool"], "vivado");
  EXPECT_EQ(json["tool_version"], "v.2023.1");
  EXPECT_EQ(json["metrics"].size(), 3u);
  EXPECT_FALSE(json["metrics"].contains("luts_used"));
  EXPECT_EQ(json["locations"]["total_power_mw"]["line"], 7);
}

}  // namespace
}  // namespace scn::evidence
