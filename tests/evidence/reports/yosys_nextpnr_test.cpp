// Yosys `stat` (both layouts, hierarchies, every FPGA family, `stat -json`)
// and nextpnr (every architecture's BEL names, the `--report` JSON), on
// texts laid out exactly as the tools print them (Yosys passes/cmds/stat.cc,
// nextpnr common/kernel/design_utils.cc, timing_log.cc and report.cc).
#include <gtest/gtest.h>

#include "dialect.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/evidence/reports/report.hpp"
#include "test_util.hpp"

namespace scn::evidence {
namespace {

std::string yosys_log(const std::string& pass, const std::string& statistics) {
  return "Yosys 0.60+12 (git sha1 0123456, clang++ 18.1.8 -fPIC -O3)\n\n"
         "2. Executing " +
         pass +
         " pass.\n\n"
         "2.50. Printing statistics.\n\n" +
         statistics +
         "\n2.51. Executing CHECK pass (checking for obvious problems).\n"
         "End of script.\nYosys 0.60+12 (git sha1 0123456, clang++ 18.1.8 -fPIC -O3)\n";
}

// Count-first (Yosys 0.57 on), one module, no area.
const std::string kCountFirstEcp5 =
    "=== top ===\n\n"
    "        +----------Local Count, excluding submodules.\n"
    "        | \n"
    "      120 wires\n"
    "       95 cells\n"
    "       12   CCU2C\n"
    "        2   DP16KD\n"
    "      215   LUT4\n"
    "        3   MULT18X18D\n"
    "       40   TRELLIS_FF\n"
    "        4   TRELLIS_IO\n";

TEST(YosysStat, CountFirstLayoutReadsEveryCellMetric) {
  const auto report = parse_report(yosys_log("SYNTH_ECP5", kCountFirstEcp5), "synth.log");
  EXPECT_EQ(report.tool, "yosys");
  EXPECT_EQ(report.tool_version, "Yosys 0.60+12");
  EXPECT_EQ(report.device, "target: synth_ecp5");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(m.lut_unit, "LUT4");
  EXPECT_EQ(m.luts_used, 215);
  EXPECT_EQ(m.ffs_used, 40);
  EXPECT_EQ(m.carry_cells, 12);
  EXPECT_EQ(m.bram_used, 2.0);
  EXPECT_EQ(m.dsp_used, 3);
  EXPECT_EQ(m.units.at("carry_cells"), "CCU2C");
  EXPECT_EQ(m.units.at("bram_used"), "DP16KD");
  EXPECT_EQ(m.locations.at("luts_used").text, "215   LUT4");
  EXPECT_FALSE(m.luts_available.has_value());  // synthesis knows no device size
}

TEST(YosysStat, HierarchicalColumnsAndDesignTotalsCountSubmodulesIn) {
  // `stat -hier` style: per-module sections with global and local columns, then
  // the design hierarchy totals, whose first column includes the submodules.
  const std::string statistics =
      "=== sub ===\n\n"
      "        +----------Count including submodules.\n"
      "        |        +----------Local count, excluding submodules.\n"
      "        |        | \n"
      "       10       10 cells\n"
      "        8        8   SB_LUT4\n"
      "        2        2   SB_DFF\n\n"
      "=== top ===\n\n"
      "        +----------Count including submodules.\n"
      "        |        +----------Local count, excluding submodules.\n"
      "        |        | \n"
      "       25        5 cells\n"
      "       21        5   SB_LUT4\n"
      "        4        -   SB_DFF\n"
      "        2        2 submodules\n"
      "        2        2   sub\n\n"
      "=== design hierarchy ===\n\n"
      "        +----------Count including submodules.\n"
      "        | \n"
      "       25 top\n"
      "        2   sub\n\n"
      "        +----------Count including submodules.\n"
      "        | \n"
      "       25 cells\n"
      "       21   SB_LUT4\n"
      "        4   SB_DFF\n";
  const auto report = parse_report(yosys_log("SYNTH_ICE40", statistics), "hier.log");
  EXPECT_EQ(report.metrics.luts_used, 21);
  EXPECT_EQ(report.metrics.ffs_used, 4);
  EXPECT_FALSE(report.metrics.carry_cells.has_value());
}

TEST(YosysStat, CountFirstWithAreaColumns) {
  const std::string statistics =
      "=== top ===\n\n"
      "        +----------Local Count, excluding submodules.\n"
      "        |        +-Local Area, excluding submodules.\n"
      "        |        | \n"
      "       31   412.5 cells\n"
      "       30     300   LUT4\n"
      "        1   112.5   DFF\n";
  const auto report = parse_report(yosys_log("SYNTH_GOWIN", statistics), "area.log");
  EXPECT_EQ(report.metrics.luts_used, 30);
  EXPECT_EQ(report.metrics.ffs_used, 1);
}

TEST(YosysStat, NamedTopWinsOverOtherModulesWithoutHierarchyTotals) {
  const std::string statistics =
      "=== helper ===\n\n"
      "   Number of cells:                 7\n"
      "     SB_LUT4                        7\n\n"
      "=== chip ===\n\n"
      "   Number of cells:                12\n"
      "     SB_LUT4                       11\n"
      "     SB_DFFE                        1\n";
  auto log = yosys_log("SYNTH_ICE40", statistics);
  // Without a "Top module:" line both modules are roots: the last one printed is taken.
  EXPECT_EQ(parse_report(log, "two.log").metrics.luts_used, 11);
  log.insert(log.find("2.50."), "Top module:  \\helper\n");
  EXPECT_EQ(parse_report(log, "two.log").metrics.luts_used, 7);
}

TEST(YosysStat, XilinxSumsLut1ToLut6AsLut6Sites) {
  const std::string statistics =
      "=== top ===\n\n"
      "   Number of cells:                 30\n"
      "     CARRY4                          2\n"
      "     FDRE                           10\n"
      "     FDSE                            1\n"
      "     LUT2                            4\n"
      "     LUT4                            3\n"
      "     LUT6                            5\n"
      "     RAMB18E1                        1\n"
      "     RAMB36E1                        2\n"
      "     DSP48E1                         1\n";
  const auto m = parse_report(yosys_log("SYNTH_XILINX", statistics), "x.log").metrics;
  EXPECT_EQ(m.lut_unit, "LUT6");
  EXPECT_EQ(m.luts_used, 12);
  EXPECT_EQ(m.ffs_used, 11);
  EXPECT_EQ(m.carry_cells, 2);
  EXPECT_EQ(m.bram_used, 2.5);  // a RAMB18 is half a 36 Kbit tile, as Vivado counts
  EXPECT_EQ(m.dsp_used, 1);
}

TEST(YosysStat, GowinLut1ToLut4AreLut4AndAlusAreCarries) {
  const std::string statistics =
      "=== top ===\n\n"
      "   Number of cells:                 20\n"
      "     ALU                             6\n"
      "     DFFR                            3\n"
      "     DFFE                            2\n"
      "     LUT1                            1\n"
      "     LUT3                            2\n"
      "     LUT4                            4\n"
      "     SDPB                            1\n";
  const auto m = parse_report(yosys_log("SYNTH_GOWIN", statistics), "g.log").metrics;
  EXPECT_EQ(m.lut_unit, "LUT4");
  EXPECT_EQ(m.luts_used, 7);
  EXPECT_EQ(m.ffs_used, 5);
  EXPECT_EQ(m.carry_cells, 6);
  EXPECT_EQ(m.bram_used, 1.0);
  EXPECT_EQ(m.units.at("bram_used"), "BSRAM");
}

TEST(YosysStat, GateMateCountsLutTreesInCpes) {
  const std::string statistics =
      "=== top ===\n\n"
      "   Number of cells:                 16\n"
      "     CC_ADDF                         4\n"
      "     CC_BRAM_20K                     1\n"
      "     CC_DFF                          5\n"
      "     CC_L2T4                         3\n"
      "     CC_LUT2                         2\n"
      "     CC_MX4                          1\n";
  const auto m = parse_report(yosys_log("SYNTH_GATEMATE", statistics), "gm.log").metrics;
  EXPECT_EQ(m.lut_unit, "CPE");
  EXPECT_EQ(m.luts_used, 6);
  EXPECT_EQ(m.ffs_used, 5);
  EXPECT_EQ(m.carry_cells, 4);
  EXPECT_EQ(m.bram_used, 1.0);
}

TEST(YosysStat, SynthLatticeFamilyComesFromTheCells) {
  const std::string nexus =
      "=== top ===\n\n"
      "       10 cells\n"
      "        2   CCU2\n"
      "        5   FD1P3DX\n"
      "        3   LUT4\n";
  const auto m = parse_report(yosys_log("SYNTH_LATTICE", nexus), "nx.log").metrics;
  EXPECT_EQ(m.luts_used, 3);
  EXPECT_EQ(m.ffs_used, 5);
  EXPECT_EQ(m.carry_cells, 2);
}

TEST(YosysStat, ALogWithoutLutCellsIsStillRecognised) {
  const std::string statistics =
      "=== top ===\n\n"
      "        3 cells\n"
      "        1   BUFG\n"
      "        1   IBUF\n"
      "        1   OBUF\n";
  const auto report = parse_report(yosys_log("SYNTH_XILINX", statistics), "io.log");
  EXPECT_EQ(report.kind, "synth_stat");
  EXPECT_EQ(report.device, "target: synth_xilinx");
  EXPECT_FALSE(report.metrics.luts_used.has_value());
  EXPECT_FALSE(report.metrics.lut_unit.has_value());
  EXPECT_FALSE(report.metrics.ffs_used.has_value());
}

// What the fuzzer found: the dialect's parser called on a text its detection refuses.
TEST(YosysStat, ParsingATextWithoutStatisticsIsAnErrorNotACrash) {
  const ReportDialect* yosys = nullptr;
  for (const ReportDialect* dialect : report_dialects())
    if (dialect->name() == "yosys stat") yosys = dialect;
  ASSERT_NE(yosys, nullptr);
  for (const std::string text : {"", "Yosys 0.9\n", "=== top ===\n   Number of cells: 3\n     SB_LUT4 3\n"}) {
    const ReportText report(text, "f.log");
    EXPECT_THROW_MESSAGE(yosys->parse(report), core::ReportParseError,
                         "f.log: no 'Printing statistics.' section");
  }
}

TEST(YosysStatJson, FlatCountsAndObjectCountsReadAlike) {
  const std::string flat =
      "{\n   \"creator\": \"Yosys 0.21 (git sha1 e6d2a900a)\",\n   \"modules\": {\n"
      "      \"\\\\top\": {\n         \"num_cells\": 9,\n         \"num_cells_by_type\": {\n"
      "            \"SB_CARRY\": 2,\n            \"SB_DFF\": 3,\n            \"SB_LUT4\": 4\n"
      "         }\n      }\n   }\n}\n";
  const auto a = parse_report(flat, "stat.json");
  EXPECT_EQ(a.kind, "synth_stat_json");
  EXPECT_EQ(a.tool_version, "Yosys 0.21");
  EXPECT_EQ(a.metrics.luts_used, 4);
  EXPECT_EQ(a.metrics.ffs_used, 3);
  EXPECT_EQ(a.metrics.carry_cells, 2);
  EXPECT_EQ(a.metrics.locations.at("luts_used").line, 9);
  // Yosys 0.5x -hierarchy: counts are objects whose count is a string; "design" holds the totals.
  const std::string objects =
      "{\n   \"creator\": \"Yosys 0.58 (git sha1 1234567)\",\n   \"modules\": {\n"
      "      \"\\\\sub\": {\"num_cells_by_type\": {\"LUT4\": { \"count\": \"5\", \"area\": \"0\" }}},\n"
      "      \"\\\\top\": {\"num_cells_by_type\": {\"LUT4\": { \"count\": \"2\", \"area\": \"0\" },\n"
      "                   \"sub\": { \"count\": \"2\", \"area\": \"0\" }}}\n   },\n"
      "   \"design\": {\"num_cells_by_type\": {\"LUT4\": { \"count\": \"12\", \"area\": \"0\" },\n"
      "                \"TRELLIS_FF\": { \"count\": 7, \"area\": \"0\" }}}\n}\n";
  const auto b = parse_report(objects, "hier.json");
  EXPECT_EQ(b.metrics.luts_used, 12);
  EXPECT_EQ(b.metrics.ffs_used, 7);
}

TEST(YosysStatJson, TopIsTheModuleNobodyInstantiates) {
  const std::string modules =
      "{\"creator\": \"Yosys 0.40\", \"modules\": {\n"
      "\"\\\\leaf\": {\"num_cells_by_type\": {\"SB_LUT4\": 3}},\n"
      "\"\\\\chip\": {\"num_cells_by_type\": {\"SB_LUT4\": 1, \"leaf\": 2}}}}\n";
  EXPECT_EQ(parse_report(modules, "m.json").metrics.luts_used, 1);
  EXPECT_THROW_MESSAGE(
      parse_report("{\"creator\": \"Yosys 0.40\", \"num_cells_by_type\": 1, \"modules\": [", "t.json"),
      core::ReportParseError, "t.json: not a JSON object");
  EXPECT_THROW_MESSAGE(
      parse_report(
          "{\"creator\": \"Yosys\", \"modules\": {\"\\\\a\": {\"num_cells_by_type\": {\"LUT4\": \"x\"}}}}",
          "bad.json"),
      core::ReportParseError, "bad.json: num_cells_by_type.LUT4 is not a cell count");
}

std::string nextpnr_log(const std::string& rows, const std::string& fmax) {
  return "Info: Packing constants..\n\nInfo: Device utilisation:\n" + rows + "\n" + fmax +
         "\nInfo: Program finished normally.\n";
}

TEST(NextpnrLog, GateMateCountsCpeLtSitesAndRamHalves) {
  const std::string rows =
      "Info: \t            USR_RSTN:       0/      1     0%\n"
      "Info: \t               IOSEL:      12/    162     7%\n"
      "Info: \t              CPE_LT:    1696/  40960     4%\n"
      "Info: \t              CPE_FF:      88/  40960     0%\n"
      "Info: \t           CPE_RAMIO:     258/  40960     0%\n"
      "Info: \t            RAM_HALF:       3/     64     4%\n";
  const auto report = parse_report(
      nextpnr_log(rows, "Info: Max frequency for clock 'clk': 48.31 MHz (PASS at 10.00 MHz)\n"), "gm.log");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(report.device, "GateMate CCGM1A1 (nextpnr-himbaechel gatemate)");
  EXPECT_EQ(m.logic_bel, "CPE_LT");
  EXPECT_EQ(m.luts_used, 1696);
  EXPECT_EQ(m.luts_available, 40960);
  EXPECT_EQ(m.ffs_used, 88);
  EXPECT_EQ(m.bram_used, 3.0);
  ASSERT_EQ(m.bel_utilisation.size(), 6u);
  EXPECT_EQ(m.bel_utilisation[1], (BelUsage{"IOSEL", 12, 162}));
  EXPECT_EQ(m.fmax_mhz.at(0).second, 48.31);
  EXPECT_EQ(m.timing_met, true);
}

TEST(NextpnrLog, GowinNexusAndMachxo2UseTheirOwnLogicBels) {
  const auto gowin = parse_report(nextpnr_log("Info: \t                LUT4:    120/   8640     1%\n"
                                              "Info: \t                 DFF:     80/   6480     1%\n"
                                              "Info: \t                 ALU:     12/   6480     0%\n"
                                              "Info: \t               BSRAM:      2/     26     7%\n",
                                              ""),
                                  "gowin.log");
  EXPECT_EQ(gowin.metrics.logic_bel, "LUT4");
  EXPECT_EQ(gowin.metrics.luts_used, 120);
  EXPECT_EQ(gowin.metrics.ffs_used, 80);
  EXPECT_EQ(gowin.metrics.bram_used, 2.0);
  EXPECT_TRUE(gowin.metrics.fmax_mhz.empty());
  const auto nexus = parse_report(nextpnr_log("Info: \t          OXIDE_COMB:    300/  38400     0%\n"
                                              "Info: \t            OXIDE_FF:    200/  38400     0%\n"
                                              "Info: \t           OXIDE_EBR:      4/     84     4%\n",
                                              ""),
                                  "nexus.log");
  EXPECT_EQ(nexus.device, "Nexus (nextpnr-nexus)");
  EXPECT_EQ(nexus.metrics.luts_used, 300);
  EXPECT_EQ(nexus.metrics.ffs_used, 200);
  EXPECT_EQ(nexus.metrics.bram_used, 4.0);
  const auto xo2 = parse_report(nextpnr_log("Info: \t       TRELLIS_SLICE:     50/    640     7%\n"
                                            "Info: \t               DP8KC:      1/      7    14%\n",
                                            ""),
                                "xo2.log");
  EXPECT_EQ(xo2.device, "MachXO2 (nextpnr-machxo2)");
  EXPECT_EQ(xo2.metrics.luts_used, 100);  // two LUT4s per slice
  EXPECT_EQ(xo2.metrics.luts_available, 1280);
}

TEST(NextpnrLog, UnknownArchitectureKeepsItsBelTableAndFmax) {
  const auto report =
      parse_report(nextpnr_log("Info: \t          SLICE_LUTX:    410/  41000     1%\n"
                               "Info: \t           SLICE_FFX:    200/  82000     0%\n",
                               "Warning: Max frequency for clock 'sys': 88.20 MHz (FAIL at 100.00 MHz)\n"),
                   "xc7.log");
  EXPECT_EQ(report.device, "");
  EXPECT_FALSE(report.metrics.luts_used.has_value());
  EXPECT_FALSE(report.metrics.lut_unit.has_value());
  ASSERT_EQ(report.metrics.bel_utilisation.size(), 2u);
  EXPECT_EQ(report.metrics.bel_utilisation[0].used, 410);
  EXPECT_EQ(report.metrics.fmax_mhz.at(0).second, 88.2);
  EXPECT_EQ(report.metrics.clock_constraints.at(0).constraint_mhz, 100.0);
  EXPECT_EQ(report.metrics.timing_met, false);
}

TEST(NextpnrLog, LastFigurePerClockWithPaddedNamesAndErrorLines) {
  const std::string fmax =
      "Info: Max frequency for clock        'cpu': 40.00 MHz (PASS at 25.00 MHz)\n"
      "Info: Max frequency for clock 'pixel_clk': 90.00 MHz (PASS at 74.25 MHz)\n"
      "Info: Max frequency for clk -> pixel_clk: 12.00 MHz (FAIL at 25.00 MHz)\n"
      "ERROR: Max frequency for clock        'cpu': 21.50 MHz (FAIL at 25.00 MHz)\n"
      "Info: Max frequency for clock 'pixel_clk': 80.10 MHz (PASS at 74.25 MHz)\n";
  const auto m =
      parse_report(nextpnr_log("Info: \t         ICESTORM_LC:   100/ 7680     1%\n", fmax), "f.log").metrics;
  ASSERT_EQ(m.fmax_mhz.size(), 2u);
  EXPECT_EQ(m.fmax_mhz[0], (std::pair<std::string, double>{"cpu", 21.5}));
  EXPECT_EQ(m.fmax_mhz[1], (std::pair<std::string, double>{"pixel_clk", 80.1}));
  EXPECT_EQ(m.clock_constraints[0].met, false);
  EXPECT_EQ(m.clock_constraints[1].met, true);
  EXPECT_EQ(m.timing_met, false);
  EXPECT_EQ(m.locations.at("fmax_mhz.cpu").line, 9);
}

TEST(NextpnrReportJson, UtilisationFmaxConstraintsAndVerdict) {
  const std::string report_json =
      "{\"critical_paths\": [], \"fmax\": {\"clk\": {\"achieved\": 42.123456, \"constraint\": 48.0},"
      " \"slow\": {\"achieved\": 12.5, \"constraint\": 6.0}},"
      " \"utilization\": {\"ICESTORM_LC\": {\"available\": 7680, \"used\": 5003},"
      " \"ICESTORM_RAM\": {\"available\": 32, \"used\": 6}, \"SB_IO\": {\"available\": 206, \"used\": 9}}}";
  const auto report = parse_report(report_json, "hardware.pnr");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(report.kind, "pnr_report_json");
  EXPECT_EQ(report.device, "iCE40 HX8K (nextpnr-ice40)");
  EXPECT_EQ(m.luts_used, 5003);
  EXPECT_EQ(m.luts_available, 7680);
  EXPECT_EQ(m.bram_used, 6.0);
  EXPECT_FALSE(m.dsp_used.has_value());  // an HX device has no ICESTORM_DSP
  EXPECT_EQ(m.fmax_mhz.at(0).second, 42.12);
  EXPECT_EQ(m.clock_constraints.at(0).constraint_mhz, 48.0);
  EXPECT_EQ(m.clock_constraints.at(0).met, false);
  EXPECT_EQ(m.clock_constraints.at(1).met, true);
  EXPECT_EQ(m.timing_met, false);
  EXPECT_EQ(m.locations.at("luts_used").text, "utilization.ICESTORM_LC: used 5003, available 7680");
  const auto json = to_json(report);
  EXPECT_EQ(json["metrics"]["fmax_constraint_mhz"]["clk"], 48.0);
  EXPECT_EQ(json["metrics"]["clock_timing_met"]["slow"], true);
  EXPECT_EQ(json["metrics"]["bel_utilisation"]["SB_IO"]["used"], 9);
  EXPECT_EQ(json["units"]["luts_used"], "LUT4");
  EXPECT_EQ(json["units"]["bram_used"], "ICESTORM_RAM");
  EXPECT_EQ(json["units"]["fmax_mhz"], "MHz");
  EXPECT_THROW_MESSAGE(
      parse_report("{\"utilization\": {\"ICESTORM_LC\": {\"used\": -1}}, \"fmax\": {}}", "neg.pnr"),
      core::ReportParseError, "neg.pnr: utilization.ICESTORM_LC.used is not a count");
}

}  // namespace
}  // namespace scn::evidence

namespace scn::evidence {
namespace {

// Shapes from real logs outside the corpus (BlindQlouder/nextpnr-pcsclkdiv-issue top.tim,
// lushaylabs/tangnano9k-series-examples nextpnr-uart.log, niklasnisbeth/ice40-litedram top.rpt).
TEST(NextpnrLog, OldEcp5SliceLogTakesTheExactCellTotalsAndAFailedRouteHasNoVerdict) {
  const std::string log =
      "\n\nInfo: Logic utilisation before packing:\n"
      "Info:     Total LUT4s:        26/83640     0%\n"
      "Info:         logic LUTs:      0/83640     0%\n"
      "Info:         carry LUTs:     26/83640     0%\n"
      "\n"
      "Info:      Total DFFs:        52/83640     0%\n\n"
      "Info: Packing IOs..\n"
      "Info: Device utilisation:\n"
      "Info: \t          TRELLIS_IO:     1/  365     0%\n"
      "Info: \t              DP16KD:     0/  208     0%\n"
      "Info: \t       TRELLIS_SLICE:    17/41820     0%\n"
      "Info: Max frequency for clock '$glbnet$tx_clk_div': 504.80 MHz (PASS at 12.00 MHz)\n"
      "ERROR: Routing design failed.\n";
  const auto m = parse_report(log, "top.tim").metrics;
  EXPECT_EQ(m.logic_bel, "TRELLIS_SLICE");
  EXPECT_EQ(m.luts_used, 26);  // not 2 x 17 slices
  EXPECT_EQ(m.luts_available, 83640);
  EXPECT_EQ(m.ffs_used, 52);
  EXPECT_EQ(m.locations.at("ffs_used").line, 8);
  EXPECT_EQ(m.fmax_mhz.at(0).second, 504.8);
  EXPECT_EQ(m.clock_constraints.at(0).constraint_mhz, 12.0);
  EXPECT_FALSE(m.clock_constraints.at(0).met.has_value());
  EXPECT_FALSE(m.timing_met.has_value());
}

TEST(NextpnrLog, OldNextpnrGowinNamesItsDevice) {
  const std::string log =
      "Info: Series:GW1N-9C Device:GW1NR-9C Package:QFN88P Speed:C6/I5\n"
      "Info: Device utilisation:\n"
      "Info: \t                 IOB:    10/  274     3%\n"
      "Info: \t               SLICE:   229/ 8640     2%\n"
      "Info: Max frequency for clock 'clk_IBUF_I_O': 126.61 MHz (PASS at 27.00 MHz)\n";
  const auto report = parse_report(log, "nextpnr-uart.log");
  EXPECT_EQ(report.device, "Gowin GW1NR-9C (nextpnr-gowin)");
  EXPECT_EQ(report.metrics.luts_used, 229);
  EXPECT_EQ(report.metrics.timing_met, true);
}

TEST(Detection, LogsThatStoppedEarlySayWhatTheyLack) {
  EXPECT_THROW_MESSAGE(
      parse_report("Yosys 0.9+932 (git sha1 00000000, gcc 8.3.0 -fPIC -Os)\n"
                   "2.3. Executing PROC pass.\nERROR: Conflicting init values\n",
                   "top.rpt"),
      core::ReportParseError,
      "gowin report); it looks like a Yosys log without a complete 'Printing statistics.' section");
  EXPECT_THROW_MESSAGE(parse_report("Info: Packing constants..\nERROR: Unable to place cell\n", "pnr.log"),
                       core::ReportParseError,
                       "it looks like a nextpnr log without a 'Device utilisation' block");
}

}  // namespace
}  // namespace scn::evidence
