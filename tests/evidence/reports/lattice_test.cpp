// Lattice Diamond / Radiant map (.mrp) and timing (.twr) reports: small texts
// laid out exactly like the real ones (page breaks, wrapped rows, the hold
// summary after the setup one), then a few real reports of the corpus.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "dialect.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/evidence/reports/report.hpp"
#include "test_util.hpp"

namespace scn::evidence {
namespace {

const std::string kReports = SCN_REPORTS_DIR;

std::string read_corpus(const std::string& file) {
  std::ifstream in(kReports + "/" + file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

double fmax(const ParsedReport& report, const std::string& clock) {
  for (const auto& [name, mhz] : report.metrics.fmax_mhz)
    if (name == clock) return mhz;
  ADD_FAILURE() << "no Fmax for " << clock;
  return 0.0;
}

const ClockConstraint& constraint(const ParsedReport& report, const std::string& clock) {
  for (const ClockConstraint& c : report.metrics.clock_constraints)
    if (c.clock == clock) return c;
  throw std::runtime_error("no constraint for " + clock);
}

// --- map --------------------------------------------------------------------

// Diamond 3.x ECP5: the DSP table starts on page 1 and continues on page 2.
const std::string kDiamondEcp5Map =
    "\n"
    "          Lattice Mapping Report File for Design Module 'top'\n"  // 2
    "\n"                                                               // 3
    "Design Information\n"                                             // 4
    "------------------\n"                                             // 5
    "\n"                                                               // 6
    "Command line:   map -a ECP5U -p LFE5U-25F -t CABGA256 -s 6 -oc Industrial\n"
    "Target Vendor:  LATTICE\n"                                    // 8
    "Target Device:  LFE5U-25FCABGA256\n"                          // 9
    "Target Performance:   6\n"                                    // 10
    "Mapper:  sa5p00,  version:  Diamond (64-bit) 3.11.0.396.4\n"  // 11
    "Mapped on:  06/18/20  21:57:34\n"                             // 12
    "\n"                                                           // 13
    "Design Summary\n"                                             // 14
    "--------------\n"                                             // 15
    "\n"                                                           // 16
    "   Number of registers:    344 out of 24879 (1%)\n"           // 17
    "      PFU registers:          340 out of 24288 (1%)\n"        // 18
    "      PIO registers:            4 out of   591 (1%)\n"        // 19
    "   Number of SLICEs:      1071 out of 12144 (9%)\n"           // 20
    "   Number of LUT4s:        1975 out of 24288 (8%)\n"          // 21
    "      Number used as logic LUTs:        1601\n"               // 22
    "      Number used as ripple logic:      374\n"                // 23
    "   Number of block RAMs:  3 out of 56 (5%)\n"                 // 24
    "   Number of PLLs:  1 out of 2 (50%)\n"                       // 25
    "\n"                                                           // 26
    "        Number Of Mapped DSP Components:\n"                   // 27
    "   --------------------------------\n"                        // 28
    "\n"                                                           // 29
    "                                    Page 1\n"                 // 30
    "\n"                                                           // 31
    "Design:  top                                           Date:  06/18/20  21:57:34\n"
    "\n"                                                        // 33
    "Design Summary (cont)\n"                                   // 34
    "---------------------\n"                                   // 35
    "   MULT18X18D          6\n"                                // 36
    "   MULT9X9D            0\n"                                // 37
    "   ALU54B              3\n"                                // 38
    "   --------------------------------\n"                     // 39
    "   Number of Used DSP MULT Sites:  12 out of 56 (21 %)\n"  // 40
    "   Number of clocks:  1\n"                                 // 41
    "\n"                                                        // 42
    "Design Errors/Warnings\n"                                  // 43
    "----------------------\n"                                  // 44
    "\n"
    "DSP Component Details\n"
    "---------------------\n"
    "   MULT18X18D          9\n"
    "   Number of block RAMs:  7 out of 56 (12%)\n";

TEST(LatticeMap, DiamondDesignSummaryAcrossThePageBreak) {
  const auto report = parse_report(kDiamondEcp5Map, "top.mrp");
  EXPECT_EQ(report.tool, "diamond");
  EXPECT_EQ(report.kind, "map");
  EXPECT_EQ(report.tool_version, "Diamond (64-bit) 3.11.0.396.4");
  EXPECT_EQ(report.device, "LFE5U-25FCABGA256");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(m.lut_unit, "LUT4");
  EXPECT_EQ(m.luts_used, 1975);
  EXPECT_EQ(m.luts_available, 24288);
  EXPECT_EQ(m.ffs_used, 344);  // PFU + PIO: the total
  EXPECT_EQ(m.bram_used, 3.0);
  EXPECT_EQ(m.dsp_used, 6);  // MULT18X18D only, not ALU54B; not the later sections' rows
  EXPECT_EQ(m.units.at("bram_used"), "EBR");
  EXPECT_EQ(m.units.at("dsp_used"), "MULT18X18D");
  EXPECT_EQ(m.locations.at("luts_used").line, 21);
  EXPECT_EQ(m.locations.at("luts_available").line, 21);
  EXPECT_EQ(m.locations.at("ffs_used").line, 17);
  EXPECT_EQ(m.locations.at("bram_used").line, 24);
  EXPECT_EQ(m.locations.at("dsp_used").line, 36);
  EXPECT_EQ(m.locations.at("dsp_used").text, "MULT18X18D          6");
  EXPECT_FALSE(m.total_power_mw.has_value());
  EXPECT_TRUE(m.fmax_mhz.empty());
}

// Diamond 1.3 MachXO2: no "out of" for LUT4s and registers, no DSP section.
TEST(LatticeMap, Diamond13LayoutHasNoAvailableLuts) {
  const std::string map =
      "       Lattice Mapping Report File for Design Module 'control_soc_demo'\n"
      "\n"
      "Target Vendor:  LATTICE\n"
      "Target Device:  LCMXO2-1200HCCSBGA132\n"
      "Mapper:  xo2c00,  version:  Diamond_1.3_Production (92)\n"
      "\n"
      "Design Summary\n"
      "--------------\n"
      "\n"
      "   Number of registers:    466\n"  // 10
      "      PFU registers:    460\n"
      "      PIO registers:    6\n"
      "   Number of SLICEs:           473 out of   640 (74%)\n"
      "   Number of logic LUT4s:     659\n"
      "   Number of distributed RAM:  45 (90 LUT4s)\n"
      "   Number of ripple logic:     92 (184 LUT4s)\n"
      "   Total number of LUT4s:     933\n"           // 17
      "   Number of block RAMs:  3 out of 7 (43%)\n"  // 18
      "   Number of GSRs:  1 out of 1 (100%)\n";
  const auto report = parse_report(map, "soc.mrp");
  EXPECT_EQ(report.tool_version, "Diamond_1.3_Production (92)");
  EXPECT_EQ(report.device, "LCMXO2-1200HCCSBGA132");
  EXPECT_EQ(report.metrics.luts_used, 933);
  EXPECT_FALSE(report.metrics.luts_available.has_value());
  EXPECT_FALSE(report.metrics.locations.count("luts_available"));
  EXPECT_EQ(report.metrics.locations.at("luts_used").line, 17);
  EXPECT_EQ(report.metrics.ffs_used, 466);
  EXPECT_EQ(report.metrics.bram_used, 3.0);
  EXPECT_FALSE(report.metrics.dsp_used.has_value());
  EXPECT_FALSE(report.metrics.units.count("dsp_used"));
  const auto json = to_json(report);
  EXPECT_FALSE(json["metrics"].contains("dsp_used"));
  EXPECT_FALSE(json["metrics"].contains("luts_available"));
}

// Radiant 2024 iCE40UP: slice and I/O registers apart, EBRs, DSPs, SPRAM apart.
const std::string kRadiantMap =
    "\n"
    "                         Lattice Mapping Report File\n"  // 2
    "\n"
    "Design:  aes\n"  // 4
    "Family:  iCE40UP\n"
    "Device:  iCE40UP5K\n"  // 6
    "Package: SG48\n"
    "Performance Grade:  High-Performance_1.2V\n"
    "\n"
    "Mapper:    version Radiant Software (64-bit) 2024.1.0.34.2\n"  // 10
    "Mapped on: Wed Nov  6 14:57:48 2024\n"
    "\n"
    "Design Summary\n"  // 13
    "--------------\n"
    "\n"
    "   Number of slice registers:  912 out of  5280 (17%)\n"  // 16
    "   Number of I/O registers:      7 out of   117 (6%)\n"
    "   Number of LUT4s:           2021 out of  5280 (38%)\n"  // 18
    "      Number of logic LUT4s:             1821\n"
    "      Number of ripple logic:              100 (200 LUT4s)\n"
    "   Number of DSPs:             3 out of 8 (38%)\n"  // 21
    "   Number of SRAMs:            4 out of 4 (100%)\n"
    "   Number of EBRs:             12 out of 30 (40%)\n"  // 23
    "   Number of Clocks:  1\n"
    "\n"
    "                                    Page 1\n"
    "\n"
    "Design Summary (cont)\n"
    "---------------------\n"
    "      Net core.n551: 5 loads\n"
    "\n"
    "Design Errors/Criticals/Warnings\n"
    "--------------------------------\n";

TEST(LatticeMap, RadiantSliceRegistersEbrsAndDsps) {
  const auto report = parse_report(kRadiantMap, "lab.mrp");
  EXPECT_EQ(report.tool, "radiant");
  EXPECT_EQ(report.tool_version, "Radiant Software (64-bit) 2024.1.0.34.2");
  EXPECT_EQ(report.device, "iCE40UP5K");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(m.luts_used, 2021);
  EXPECT_EQ(m.luts_available, 5280);
  EXPECT_EQ(m.ffs_used, 912);    // I/O registers are not added
  EXPECT_EQ(m.bram_used, 12.0);  // EBRs; the 4 SPRAMs are not block RAM
  EXPECT_EQ(m.dsp_used, 3);
  EXPECT_EQ(m.units.at("dsp_used"), "DSP");
  EXPECT_EQ(m.units.at("bram_used"), "EBR");
  EXPECT_EQ(m.locations.at("ffs_used").line, 16);
  EXPECT_EQ(m.locations.at("luts_used").line, 18);
  EXPECT_EQ(m.locations.at("dsp_used").line, 21);
  EXPECT_EQ(m.locations.at("bram_used").line, 23);
}

TEST(LatticeMap, TruncatedOrUnreadableSummaryIsRefused) {
  // Cut after the registers: no LUT4 row, nothing to trust.
  const std::string cut = kDiamondEcp5Map.substr(0, kDiamondEcp5Map.find("   Number of SLICEs"));
  EXPECT_THROW_MESSAGE(parse_report(cut, "cut.mrp"), core::ReportParseError,
                       "cut.mrp: no 'Number of LUT4s' row in the Design Summary; the report looks truncated");
  // Cut before the Design Summary.
  const std::string header = kDiamondEcp5Map.substr(0, kDiamondEcp5Map.find("Design Summary"));
  EXPECT_THROW(parse_report(header, "head.mrp"), core::ReportParseError);
  std::string garbled = kDiamondEcp5Map;
  garbled.replace(garbled.find("1975 out of"), 4, "n/a ");
  EXPECT_THROW_MESSAGE(parse_report(garbled, "bad.mrp"), core::ReportParseError,
                       "bad.mrp: unreadable 'Number of LUT4s' value 'n/a  out of 24288 (8%)' on line 21");
}

// --- Diamond TRACE ----------------------------------------------------------

std::string trace(const std::string& setup_rows, const std::string& verdict) {
  return "\n"
         "Loading design for application trce from file top.ncd.\n"  // 2
         "Design name: top\n"
         "NCD version: 3.3\n"
         "Vendor:      LATTICE\n"
         "Device:      LFE5U-25F\n"  // 6
         "Package:     CABGA256\n"
         "Performance: 6\n"
         "Setup and Hold Report\n"
         "\n"
         "--------------------------------------------------------------------------------\n"
         "Lattice TRACE Report - Setup, Version Diamond (64-bit) 3.11.0.396.4\n"  // 12
         "Thu Jun 18 22:00:16 2020\n"
         "\n"
         "Report Summary\n"  // 15
         "--------------\n"
         "----------------------------------------------------------------------------\n"
         "Preference                              |   Constraint|       Actual|Levels\n"
         "----------------------------------------------------------------------------\n"
         "                                        |             |             |\n" +  // 20
         setup_rows +
         "----------------------------------------------------------------------------\n"
         "\n"
         "\n" +
         verdict +
         "\n"
         "--------------------------------------------------------------------------------\n"
         "Lattice TRACE Report - Hold, Version Diamond (64-bit) 3.11.0.396.4\n"
         "\n"
         "Report Summary\n"
         "--------------\n"
         "----------------------------------------------------------------------------\n"
         "Preference(MIN Delays)                  |   Constraint|       Actual|Levels\n"
         "----------------------------------------------------------------------------\n"
         "                                        |             |             |\n"
         "FREQUENCY NET \"clk\" 100.000000 MHz ;    |     0.000 ns|     0.166 ns|   2\n"
         "                                        |             |             |\n"
         "----------------------------------------------------------------------------\n";
}

// A wrapped row, a period-only preference, an Actual of '-', a failing '*' row
// and a non-clock preference.
const std::string kMixedRows =
    "FREQUENCY NET \"pll_clko\" 64.000000 MHz  |             |             |\n"      // 21
    ";                                       |   64.000 MHz|   31.217 MHz|  17 *\n"  // 22
    "                                        |             |             |\n"
    "FREQUENCY NET \"my_pll_instance/CLKIt\"   |             |             |\n"
    "32.000000 MHz ;                         |            -|            -|   0  \n"  // 25
    "                                        |             |             |\n"
    "PERIOD PORT \"top_clk\" 31.250000 ns ;    |    31.250 ns|    19.718 ns|  27  \n"  // 27
    "                                        |             |             |\n"
    "INPUT_SETUP ALLPORTS 5.000000 ns CLKNET |             |             |\n"
    "\"clk\" ;                                 |     5.000 ns|     3.100 ns|   2  \n"
    "                                        |             |             |\n";

TEST(LatticeTrace, FirstSetupSummaryWrappedRowsPeriodsDashesAndFailures) {
  const auto report =
      parse_report(trace(kMixedRows, "1 preference(marked by \"*\" above) not met.\n"), "t.twr");
  EXPECT_EQ(report.tool, "diamond");
  EXPECT_EQ(report.kind, "timing");
  EXPECT_EQ(report.tool_version, "Diamond (64-bit) 3.11.0.396.4");
  EXPECT_EQ(report.device, "LFE5U-25F");
  const ReportMetrics& m = report.metrics;
  ASSERT_EQ(m.fmax_mhz.size(), 2u);  // CLKIt scored nothing; INPUT_SETUP is no clock
  EXPECT_EQ(m.fmax_mhz[0].first, "pll_clko");
  EXPECT_EQ(m.fmax_mhz[0].second, 31.217);
  EXPECT_EQ(m.fmax_mhz[1].first, "top_clk");
  EXPECT_EQ(m.fmax_mhz[1].second, 50.715);  // 1000 / 19.718, 3 decimals
  EXPECT_EQ(m.locations.at("fmax_mhz.pll_clko").line, 22);
  EXPECT_EQ(m.locations.at("fmax_mhz.top_clk").line, 27);
  ASSERT_EQ(m.clock_constraints.size(), 2u);
  EXPECT_EQ(constraint(report, "pll_clko").constraint_mhz, 64.0);
  EXPECT_EQ(constraint(report, "pll_clko").met, false);
  EXPECT_EQ(constraint(report, "top_clk").constraint_mhz, 32.0);
  EXPECT_EQ(constraint(report, "top_clk").met, true);
  EXPECT_EQ(m.timing_met, false);
  EXPECT_EQ(m.locations.at("timing_met").line, 22);
  EXPECT_FALSE(m.luts_used.has_value());
  const auto json = to_json(report);
  for (const char* key : {"fmax_constraint_mhz", "clock_timing_met", "timing_met"})
    EXPECT_TRUE(json["locations"].contains(key)) << key;
  EXPECT_EQ(json["metrics"]["clock_timing_met"]["pll_clko"], false);
}

TEST(LatticeTrace, AllMetAndAWordCutAtTheColumnEdge) {
  // A net name wider than the 40-character column is cut mid-word.
  const std::string rows =
      "FREQUENCY NET \"u_core/u_clockgen/pll_out|             |             |\n"
      "_c\" 50.000000 MHz ;                     |   50.000 MHz|  123.457 MHz|   5  \n"  // 22
      "                                        |             |             |\n";
  const auto report = parse_report(trace(rows, "All preferences were met.\n"), "t.twr");
  ASSERT_EQ(report.metrics.fmax_mhz.size(), 1u);
  EXPECT_EQ(report.metrics.fmax_mhz[0].first, "u_core/u_clockgen/pll_out_c");
  EXPECT_EQ(fmax(report, "u_core/u_clockgen/pll_out_c"), 123.457);
  EXPECT_EQ(report.metrics.timing_met, true);
  EXPECT_EQ(report.metrics.locations.at("timing_met").text, "All preferences were met.");
}

TEST(LatticeTrace, NoSummaryOrOnlyAHoldSummaryMeansNoFmax) {
  // Header only (no preferences were analysed): read what is there, nothing else.
  const std::string header = trace(kMixedRows, "").substr(0, trace(kMixedRows, "").find("Report Summary"));
  const auto report = parse_report(header, "h.twr");
  EXPECT_EQ(report.tool_version, "Diamond (64-bit) 3.11.0.396.4");
  EXPECT_EQ(report.device, "LFE5U-25F");
  EXPECT_TRUE(report.metrics.fmax_mhz.empty());
  EXPECT_TRUE(report.metrics.clock_constraints.empty());
  EXPECT_FALSE(report.metrics.timing_met.has_value());
  EXPECT_TRUE(to_json(report)["metrics"].empty());
  // A hold-only report: its summary is "Preference(MIN Delays)".
  const std::string full = trace(kMixedRows, "");
  const std::string hold_only = header + full.substr(full.find("Lattice TRACE Report - Hold"));
  EXPECT_TRUE(parse_report(hold_only, "hold.twr").metrics.fmax_mhz.empty());
}

TEST(LatticeTrace, TruncatedInsideTheSummaryKeepsTheCompleteRows) {
  const std::string full = trace(kMixedRows, "");
  // Cut after the first line of the CLKIt row: that row and the ones after it are lost.
  const std::string cut = full.substr(0, full.find("32.000000 MHz ;"));
  const auto report = parse_report(cut, "cut.twr");
  ASSERT_EQ(report.metrics.fmax_mhz.size(), 1u);
  EXPECT_EQ(fmax(report, "pll_clko"), 31.217);
  EXPECT_EQ(report.metrics.timing_met, false);
  // Cut in the middle of a value: that row gives nothing, the rest stays.
  const std::string mid = full.substr(0, full.find("31.217 MHz") + 3);
  EXPECT_TRUE(parse_report(mid, "mid.twr").metrics.fmax_mhz.empty());
}

// --- Radiant timing ---------------------------------------------------------

const std::string kRadiantTiming =
    "Lattice Timing Report -  Setup  and Hold, Version Radiant Software (64-bit) 2024.2.0.3.0\n"  // 1
    "\n"
    "-----------------------------------------\n"
    "Design:          top\n"
    "Family:          LIFCL\n"
    "Device:          LIFCL-40\n"  // 6
    "Package:         CABGA256\n"
    "-----------------------------------------\n"
    "\n"
    "    1  Timing Overview\n"  // 10
    "    2  Setup at Speed Grade 7_High-Performance_1.0V Corner at 85 Degrees\n"
    "        2.1  Clock Summary\n"
    "\n"
    "2  Setup at Speed Grade 7_High-Performance_1.0V Corner at 85 Degrees\n"  // 14
    "===============================================================\n"
    "\n"
    "2.1  Clock Summary\n"
    "=======================\n"
    "\n"
    "2.1.1 Clock \"clk\"\n"  // 20
    "=======================\n"
    "create_clock -name {clk} -period 10 [get_ports clk]\n"
    "\n"
    "Single Clock Domain\n"
    "----------------------------------------------------------------------------------------------------"
    "---\n"
    "               Clock clk               |                    |       Period       |     Frequency    "
    "  \n"
    "----------------------------------------------------------------------------------------------------"
    "---\n"
    " From clk                              |             Target |          10.000 ns |        100.000 "
    "MHz \n"  // 28
    "                                       | Actual (all paths) |          12.500 ns |         80.000 "
    "MHz \n"  // 29
    "clk_pad.bb_inst/B (MPW)                |   (50% duty cycle) |           5.000 ns |        200.000 "
    "MHz \n"
    "----------------------------------------------------------------------------------------------------"
    "---\n"
    "\n"
    "Clock Domain Crossing\n"
    "----------------------------------------------------------------------------------------------------"
    "---\n"
    " From slow                             |             Target |           1.000 ns |       1000.000 "
    "MHz \n"
    "                                       | Actual (all paths) |           0.500 ns |       2000.000 "
    "MHz \n"
    "\n"
    "2.1.2 Clock \"slow\"\n"  // 38
    "=======================\n"
    "create_clock -name {slow} -period 40 [get_ports slow]\n"
    "\n"
    "Single Clock Domain\n"
    "----------------------------------------------------------------------------------------------------"
    "---\n"
    " From slow                             |             Target |          40.000 ns |         25.000 "
    "MHz \n"  // 44
    "                                       | Actual (all paths) |          20.000 ns |         50.000 "
    "MHz \n"  // 45
    "----------------------------------------------------------------------------------------------------"
    "---\n"
    "\n"
    "2.1.3 Clock \"gen\"\n"
    "Single Clock Domain\n"
    " From gen                              |             Target |          20.000 ns |         50.000 "
    "MHz \n"
    "                                       | Actual (all paths) |               ---- |               "
    "---- \n"
    "Clock Domain Crossing\n"
    " From clk                              |             Target |          10.000 ns |        100.000 "
    "MHz \n"
    "                                       | Actual (all paths) |           4.000 ns |        250.000 "
    "MHz \n"
    "\n"
    "2.2  Endpoint slacks\n"
    "=======================\n"
    "3  Setup at Speed Grade 7_High-Performance_1.0V Corner at 0 Degrees\n"  // 58
    "===============================================================\n"
    "3.1  Clock Summary\n"
    "3.1.1 Clock \"clk\"\n"
    " From clk                              |             Target |          10.000 ns |        100.000 "
    "MHz \n"
    "                                       | Actual (all paths) |          12.000 ns |         83.333 "
    "MHz \n"
    "3.1.2 Clock \"slow\"\n"
    " From slow                             |             Target |          40.000 ns |         25.000 "
    "MHz \n"
    "                                       | Actual (all paths) |          25.000 ns |         40.000 "
    "MHz \n"  // 66
    "4  Hold at Speed Grade m Corner at 0 Degrees\n"
    "4.1.1 Clock \"slow\"\n"
    "                                       | Actual (all paths) |          80.000 ns |         12.500 "
    "MHz \n";

TEST(RadiantTiming, ClockSummaryPerClockWorstSetupCorner) {
  const auto report = parse_report(kRadiantTiming, "r.twr");
  EXPECT_EQ(report.tool, "radiant");
  EXPECT_EQ(report.kind, "timing");
  EXPECT_EQ(report.tool_version, "Radiant Software (64-bit) 2024.2.0.3.0");
  EXPECT_EQ(report.device, "LIFCL-40");
  const ReportMetrics& m = report.metrics;
  // The crossing tables, the MPW row, a clock without paths ("gen") and the hold section add nothing.
  ASSERT_EQ(m.fmax_mhz.size(), 2u);
  EXPECT_EQ(m.fmax_mhz[0].first, "clk");
  EXPECT_EQ(m.fmax_mhz[0].second, 80.0);  // 85 degrees is the worse corner for clk...
  EXPECT_EQ(m.fmax_mhz[1].first, "slow");
  EXPECT_EQ(m.fmax_mhz[1].second, 40.0);  // ...0 degrees for slow
  EXPECT_EQ(m.locations.at("fmax_mhz.clk").line, 29);
  EXPECT_EQ(m.locations.at("fmax_mhz.slow").line, 66);
  EXPECT_EQ(constraint(report, "clk").constraint_mhz, 100.0);
  EXPECT_EQ(constraint(report, "clk").met, false);
  EXPECT_EQ(constraint(report, "slow").constraint_mhz, 25.0);
  EXPECT_EQ(constraint(report, "slow").met, true);
  EXPECT_EQ(m.locations.at("fmax_constraint_mhz.clk").line, 28);
  EXPECT_EQ(m.timing_met, false);
}

TEST(RadiantTiming, NoClockSummaryMeansNoFmax) {
  const std::string header = kRadiantTiming.substr(0, kRadiantTiming.find("2.1.1 Clock"));
  const auto report = parse_report(header, "r.twr");
  EXPECT_EQ(report.device, "LIFCL-40");
  EXPECT_TRUE(report.metrics.fmax_mhz.empty());
  EXPECT_FALSE(report.metrics.timing_met.has_value());
  // Cut between the Target and the Actual row: the constraint alone is no Fmax.
  const std::string cut =
      kRadiantTiming.substr(0, kRadiantTiming.find("| Actual (all paths) |          12.500"));
  EXPECT_TRUE(parse_report(cut, "cut.twr").metrics.fmax_mhz.empty());
}

// Radiant 1.x prints one "Setup Summary Report" table per setup corner instead.
TEST(RadiantTiming, SetupSummaryReportTable) {
  const std::string report_text =
      "Lattice Timing Report -  Setup  and Hold, Version Radiant Software (64-bit) 1.1.0.165.1\n"
      "Device:          iCE40UP5K\n"
      "1  Setup at Speed Grade High-Performance_1.2V Corner at 85 Degrees\n"
      "==================================================================\n"
      "1.1  Setup Summary Report\n"
      "==================================================================\n"
      "-----------------------------------------------------------------------------------------------\n"
      "SDC Constraint                          |   Target |      Slack |  Levels |       Frequency\n"
      "-----------------------------------------------------------------------------------------------\n"
      "create_clock -name {clk} -period 83.333 [get_ports clk]\n"
      "                                        | 83.333 ns|  41.220 ns|       12|     23.745 MHz\n"  // 11
      "create_clock -period 10 [get_ports {fast}]\n"
      "                                        | 10.000 ns|  -2.500 ns|        9|     80.000 MHz\n"  // 13
      "\n"
      "2  Hold at Speed Grade m Corner at -40 Degrees\n";
  const auto report = parse_report(report_text, "old.twr");
  EXPECT_EQ(report.tool, "radiant");
  ASSERT_EQ(report.metrics.fmax_mhz.size(), 2u);
  EXPECT_EQ(fmax(report, "clk"), 23.745);
  EXPECT_EQ(fmax(report, "fast"), 80.0);
  EXPECT_EQ(report.metrics.locations.at("fmax_mhz.fast").line, 13);
  EXPECT_EQ(constraint(report, "clk").constraint_mhz, 12.0);
  EXPECT_EQ(constraint(report, "clk").met, true);
  EXPECT_EQ(constraint(report, "fast").met, false);  // negative slack
  EXPECT_EQ(report.metrics.timing_met, false);
}

TEST(LatticeTrace, NeitherTitleIsRefused) {
  const ReportText text("Device: LFE5U-25F\nReport Summary\n", "x.twr");
  EXPECT_THROW_MESSAGE(lattice_trace_dialect().parse(text), core::ReportParseError,
                       "x.twr: no 'Lattice TRACE Report' title line");
}

// Trimmed from Cassie70/Arqui2 implAluFetch/alu_fetch_implAluFetch_lse.twr
// (Diamond 3.13 LSE, MachXO2): the header, the first constraint sections, the
// summary and the end of the file, byte for byte.
const std::string kAluFetchLseExcerpt =
    "--------------------------------------------------------------------------------\n"
    "Lattice Synthesis Timing Report, Version  \n"  // 2 (line 2 of the file)
    "Thu Apr 11 03:25:12 2024\n"
    "\n"
    "Copyright (c) 1991-1994 by NeoCAD Inc. All rights reserved.\n"
    "Copyright (c) 1995 AT&T Corp.   All rights reserved.\n"
    "Copyright (c) 1995-2001 Lucent Technologies Inc.  All rights reserved.\n"
    "Copyright (c) 2001 Agere Systems   All rights reserved.\n"
    "Copyright (c) 2002-2023 Lattice Semiconductor Corporation,  All rights reserved.\n"
    "\n"
    "Report Information\n"
    "------------------\n"
    "Design:     alu_fetch\n"
    "Constraint file:  \n"
    "Report level:    verbose report, limited to 3 items per constraint\n"
    "--------------------------------------------------------------------------------\n"
    "\n"
    "\n"
    "\n"
    "================================================================================\n"
    "Constraint: create_clock -period 5.000000 -name clk3 [get_nets substract_N_990]\n"
    "            0 items scored, 0 timing errors detected.\n"
    "--------------------------------------------------------------------------------\n"
    "\n"
    "\n"
    "================================================================================\n"
    "Constraint: create_clock -period 5.000000 -name clk2 [get_nets A_temp_11__N_976]\n"
    "            0 items scored, 0 timing errors detected.\n"
    "--------------------------------------------------------------------------------\n"
    "\n"
    "\n"
    "================================================================================\n"
    "Constraint: create_clock -period 5.000000 -name clk1 [get_nets clk]\n"
    "            427 items scored, 190 timing errors detected.\n"
    "\n"  // 35 (line 138 of the file)
    "Warning: 8.630 ns is the maximum delay for this constraint.\n"
    "\n"
    "\n"
    "\n"
    "================================================================================\n"
    "Constraint: create_clock -period 5.000000 -name clk0 [get_nets clk_0]\n"
    "            4096 items scored, 4096 timing errors detected.\n"
    "--------------------------------------------------------------------------------\n"
    "Warning: 40.962 ns is the maximum delay for this constraint.\n"  // 44 (line 382 of the file)
    "\n"
    "\n"
    "Timing Report Summary\n"
    "--------------\n"
    "--------------------------------------------------------------------------------\n"
    "Constraint                              |   Constraint|       Actual|Levels\n"
    "--------------------------------------------------------------------------------\n"
    "                                        |             |             |\n"
    "create_clock -period 5.000000 -name     |             |             |\n"
    "clk3 [get_nets substract_N_990]         |            -|            -|     0  \n"
    "                                        |             |             |\n"
    "create_clock -period 5.000000 -name     |             |             |\n"
    "clk2 [get_nets A_temp_11__N_976]        |            -|            -|     0  \n"
    "                                        |             |             |\n"
    "create_clock -period 5.000000 -name     |             |             |\n"
    "clk1 [get_nets clk]                     |     5.000 ns|     8.630 ns|     6 *\n"  // 60 (line 398 of the
                                                                                       // file)
    "                                        |             |             |\n"
    "create_clock -period 5.000000 -name     |             |             |\n"
    "clk0 [get_nets clk_0]                   |     5.000 ns|    40.962 ns|    28 *\n"  // 63 (line 401 of the
                                                                                       // file)
    "                                        |             |             |\n"
    "--------------------------------------------------------------------------------\n"
    "\n"
    "\n"  // 67 (line 405 of the file)
    "2 constraints not met.\n"
    "\n"
    "--------------------------------------------------------------------------------\n"
    "Critical Nets                           |   Loads|  Errors| % of total\n"
    "--------------------------------------------------------------------------------\n"
    "n18732                                  |       9|    4008|     93.51%\n"
    "                                        |        |        |\n"
    "n2543                                   |       9|    3937|     91.86%\n"
    "                                        |        |        |\n"
    "\\imp_binBCD/n18771                      |       4|     518|     12.09%\n"
    "                                        |        |        |\n"
    "--------------------------------------------------------------------------------\n"
    "\n"
    "\n"
    "Timing summary:\n"
    "---------------\n"
    "\n"
    "Timing errors: 4286  Score: 140408105\n"
    "\n"
    "Constraints cover  483578533 paths, 953 nets, and 2990 connections (79.0% coverage)\n"
    "\n"
    "\n"
    "Peak memory: 141058048 bytes, TRCE: 2502656 bytes, DLYMAN: 0 bytes\n"
    "CPU_TIME_REPORT: 0 secs \n";

TEST(LatticeLse, RealAluFetchMachXO2Excerpt) {
  const auto report = parse_report(kAluFetchLseExcerpt, "alu_fetch_implAluFetch_lse.twr");
  EXPECT_EQ(report.tool, "diamond");
  EXPECT_EQ(report.kind, "timing");
  EXPECT_EQ(report.tool_version, "");
  EXPECT_EQ(report.device, "");  // LSE prints no device; the TRACE report of the run says LCMXO2-7000HE
  const ReportMetrics& m = report.metrics;
  ASSERT_EQ(m.fmax_mhz.size(), 2u);  // clk3 and clk2 scored nothing ('-')
  EXPECT_EQ(m.fmax_mhz[0].first, "clk1");
  EXPECT_EQ(m.fmax_mhz[0].second, 115.875);  // 1000 / 8.630
  EXPECT_EQ(m.fmax_mhz[1].first, "clk0");
  EXPECT_EQ(m.fmax_mhz[1].second, 24.413);  // 1000 / 40.962
  EXPECT_EQ(m.locations.at("fmax_mhz.clk1").line, 60);
  EXPECT_EQ(m.locations.at("fmax_mhz.clk0").line, 63);
  EXPECT_EQ(m.locations.at("fmax_mhz.clk0").text,
            "clk0 [get_nets clk_0]                   |     5.000 ns|    40.962 ns|    28 *");
  ASSERT_EQ(m.clock_constraints.size(), 2u);
  EXPECT_EQ(constraint(report, "clk1").constraint_mhz, 200.0);
  EXPECT_EQ(constraint(report, "clk1").met, false);
  EXPECT_EQ(constraint(report, "clk0").constraint_mhz, 200.0);
  EXPECT_EQ(constraint(report, "clk0").met, false);
  EXPECT_EQ(m.timing_met, false);
  EXPECT_EQ(m.locations.at("timing_met").line, 60);
}

// --- LSE timing -------------------------------------------------------------

// A Lattice Synthesis Engine timing report (*_lse.twr) as Diamond 3.13 writes
// it: the TRACE summary layout, one row per SDC clock, wrapped over lines,
// with the first column headed "Constraint" too.
std::string lse(const std::string& summary_rows, const std::string& verdict,
                const std::string& title = "Lattice Synthesis Timing Report, Version  ") {
  return "--------------------------------------------------------------------------------\n" +  // 1
         title +                                                                                 // 2
         "\n"
         "Thu Apr 11 03:25:12 2024\n"
         "\n"
         "Report Information\n"  // 5
         "------------------\n"
         "Design:     top\n"
         "Constraint file:  \n"
         "Report level:    verbose report, limited to 3 items per constraint\n"
         "--------------------------------------------------------------------------------\n"  // 10
         "\n"
         "================================================================================\n"
         "Constraint: create_clock -period 5.000000 -name fast_c [get_nets clk]\n"  // 13
         "            427 items scored, 190 timing errors detected.\n"
         "--------------------------------------------------------------------------------\n"
         "Warning: 8.630 ns is the maximum delay for this constraint.\n"
         "\n"
         "Timing Report Summary\n"  // 18
         "--------------\n"
         "--------------------------------------------------------------------------------\n"
         "Constraint                              |   Constraint|       Actual|Levels\n"  // 21
         "--------------------------------------------------------------------------------\n"
         "                                        |             |             |\n" +  // 23
         summary_rows +
         "--------------------------------------------------------------------------------\n"
         "\n"
         "\n" +
         verdict +
         "\n"
         "--------------------------------------------------------------------------------\n"
         "Critical Nets                           |   Loads|  Errors| % of total\n"
         "--------------------------------------------------------------------------------\n"
         "n18732                                  |       9|    4008|     93.51%\n"
         "                                        |        |        |\n"
         "--------------------------------------------------------------------------------\n";
}

// A failing clock, a clock that scored nothing ('-'), a clock name cut mid-word
// at the column edge, generated clocks (named, and named after their object,
// not their -source) and a constraint that is no clock.
const std::string kLseRows =
    "create_clock -period 5.000000 -name     |             |             |\n"          // 24
    "fast_c [get_nets clk]                   |     5.000 ns|     8.630 ns|     6 *\n"  // 25
    "                                        |             |             |\n"
    "create_clock -period 5.000000 -name     |             |             |\n"
    "clk3 [get_nets substract_N_990]         |            -|            -|     0  \n"  // 28
    "                                        |             |             |\n"
    "create_clock -period 20.000000 -name clk|             |             |\n"          // 30
    "_slow [get_ports osc]                   |    20.000 ns|    12.500 ns|     3  \n"  // 31
    "                                        |             |             |\n"
    "create_generated_clock -name pll_out    |             |             |\n"
    "-source [get_ports osc] -multiply_by 2  |             |             |\n"
    "[get_pins pll/CLKOP]                    |    10.000 ns|     4.000 ns|     2  \n"  // 35
    "                                        |             |             |\n"
    "create_generated_clock -source          |             |             |\n"
    "[get_pins pll/CLKOP] -divide_by 4       |             |             |\n"
    "[get_nets clk_div]                      |            -|    25.000 ns|     9  \n"  // 39
    "                                        |             |             |\n"
    "set_max_delay -from [get_ports a] -to   |             |             |\n"
    "[get_ports b] 3.000000                  |     3.000 ns|     2.000 ns|     1  \n"
    "                                        |             |             |\n";

TEST(LatticeLse, SummaryRowsWrappedCutDashedGeneratedAndFailing) {
  const auto report = parse_report(lse(kLseRows, "1 constraint not met.\n"), "top_lse.twr");
  EXPECT_EQ(report.tool, "diamond");
  EXPECT_EQ(report.kind, "timing");
  EXPECT_EQ(report.tool_version, "");  // "Version " and nothing after it
  EXPECT_EQ(report.device, "");
  const ReportMetrics& m = report.metrics;
  ASSERT_EQ(m.fmax_mhz.size(), 4u);  // clk3 scored nothing; set_max_delay is no clock
  EXPECT_EQ(m.fmax_mhz[0].first, "fast_c");
  EXPECT_EQ(m.fmax_mhz[0].second, 115.875);  // 1000 / 8.630, 3 decimals
  EXPECT_EQ(m.fmax_mhz[1].first, "clk_slow");
  EXPECT_EQ(m.fmax_mhz[1].second, 80.0);
  EXPECT_EQ(m.fmax_mhz[2].first, "pll_out");
  EXPECT_EQ(m.fmax_mhz[2].second, 250.0);
  EXPECT_EQ(m.fmax_mhz[3].first, "clk_div");
  EXPECT_EQ(m.fmax_mhz[3].second, 40.0);
  EXPECT_EQ(m.locations.at("fmax_mhz.fast_c").line, 25);
  EXPECT_EQ(m.locations.at("fmax_mhz.clk_slow").line, 31);
  EXPECT_EQ(m.locations.at("fmax_mhz.pll_out").line, 35);
  EXPECT_EQ(m.locations.at("fmax_mhz.clk_div").line, 39);
  EXPECT_EQ(m.locations.count("fmax_mhz.clk3"), 0u);
  ASSERT_EQ(m.clock_constraints.size(), 4u);
  EXPECT_EQ(constraint(report, "fast_c").constraint_mhz, 200.0);
  EXPECT_EQ(constraint(report, "fast_c").met, false);
  EXPECT_EQ(constraint(report, "clk_slow").constraint_mhz, 50.0);
  EXPECT_EQ(constraint(report, "clk_slow").met, true);
  EXPECT_EQ(constraint(report, "pll_out").constraint_mhz, 100.0);
  EXPECT_EQ(constraint(report, "pll_out").met, true);
  EXPECT_FALSE(constraint(report, "clk_div").constraint_mhz.has_value());
  EXPECT_EQ(constraint(report, "clk_div").met, true);
  EXPECT_EQ(m.locations.at("fmax_constraint_mhz.fast_c").line, 25);
  EXPECT_EQ(m.locations.count("fmax_constraint_mhz.clk_div"), 0u);
  EXPECT_EQ(m.timing_met, false);
  EXPECT_EQ(m.locations.at("timing_met").line, 25);
  EXPECT_FALSE(m.luts_used.has_value());
  EXPECT_EQ(to_json(report)["metrics"]["clock_timing_met"]["fast_c"], false);
}

TEST(LatticeLse, AllMetRadiantTitleBracedNameAndPeriodWithoutConstraintCell) {
  const std::string rows =
      "create_clock -name {sys_clk} -period    |             |             |\n"
      "10.000000 [get_ports clk_in]            |    10.000 ns|     7.812 ns|     4  \n"  // 25
      "                                        |             |             |\n"
      "create_clock -period 8.000000 -name aux |             |             |\n"
      "[get_nets aux_c]                        |            -|     5.000 ns|     2  \n"  // 28
      "                                        |             |             |\n";
  const auto report = parse_report(
      lse(rows, "", "Lattice Synthesis Timing Report, Version Radiant Software (64-bit) 2023.1.0.43.3"),
      "r_lse.twr");
  EXPECT_EQ(report.tool, "radiant");
  EXPECT_EQ(report.tool_version, "Radiant Software (64-bit) 2023.1.0.43.3");
  const ReportMetrics& m = report.metrics;
  ASSERT_EQ(m.fmax_mhz.size(), 2u);
  EXPECT_EQ(fmax(report, "sys_clk"), 128.008);  // 1000 / 7.812
  EXPECT_EQ(fmax(report, "aux"), 200.0);
  EXPECT_EQ(constraint(report, "sys_clk").constraint_mhz, 100.0);
  EXPECT_EQ(constraint(report, "aux").constraint_mhz, 125.0);  // from -period 8
  EXPECT_EQ(constraint(report, "aux").met, true);
  EXPECT_EQ(m.timing_met, true);
  EXPECT_EQ(m.locations.at("timing_met").line, 28);  // no verdict line: the last clock's row
}

TEST(LatticeLse, NoSummaryOrATruncatedOneKeepsWhatIsComplete) {
  const std::string full = lse(kLseRows, "1 constraint not met.\n");
  const auto header = parse_report(full.substr(0, full.find("Timing Report Summary")), "h_lse.twr");
  EXPECT_EQ(header.tool, "diamond");
  EXPECT_EQ(header.kind, "timing");
  EXPECT_TRUE(header.metrics.fmax_mhz.empty());
  EXPECT_TRUE(header.metrics.clock_constraints.empty());
  EXPECT_FALSE(header.metrics.timing_met.has_value());
  EXPECT_TRUE(to_json(header)["metrics"].empty());
  // The title alone, and a summary header without rows.
  EXPECT_TRUE(parse_report("Lattice Synthesis Timing Report, Version\n", "t.twr").metrics.fmax_mhz.empty());
  const std::string no_rows = full.substr(0, full.find("create_clock -period 5.000000 -name     |"));
  EXPECT_TRUE(parse_report(no_rows, "n_lse.twr").metrics.fmax_mhz.empty());
  // Cut inside the wrapped clk_slow row: fast_c alone stays.
  const auto cut = parse_report(full.substr(0, full.find("_slow [get_ports")), "c_lse.twr");
  ASSERT_EQ(cut.metrics.fmax_mhz.size(), 1u);
  EXPECT_EQ(fmax(cut, "fast_c"), 115.875);
  EXPECT_EQ(cut.metrics.timing_met, false);
}

TEST(LatticeLse, OnlyTheLatticeTraceDialectDetectsIt) {
  const std::string content = lse(kLseRows, "");  // ReportText views it: it must outlive the text
  const ReportText text(content, "top_lse.twr");
  for (const ReportDialect* dialect : report_dialects())
    EXPECT_EQ(dialect->detect(text), dialect->name() == "lattice trace") << dialect->name();
}

TEST(LatticeLse, EveryTruncationOrDamageEndsInAReportOrAParseError) {
  const std::string text = lse(kLseRows, "") + kAluFetchLseExcerpt;
  for (std::size_t cut = 0; cut < text.size(); ++cut) {
    std::string damaged = text;
    damaged[cut] = static_cast<char>(damaged[cut] ^ (cut % 2 ? '|' : '\x80'));
    for (const std::string& variant : {text.substr(0, cut), damaged}) {
      try {
        (void)to_json(parse_report(variant, "d_lse.twr"));
      } catch (const core::ReportParseError&) {
      }
    }
  }
}

// --- the corpus -------------------------------------------------------------

TEST(LatticeCorpus, DiamondTraceWithWrappedPeriodAndDashRows) {
  const auto report =
      parse_report(read_corpus("lattice/loratx_ecp5_diamond3.11.twr"), "loratx_ecp5_diamond3.11.twr");
  ASSERT_EQ(report.metrics.fmax_mhz.size(), 2u);
  EXPECT_EQ(fmax(report, "pll_clko"), 31.217);
  EXPECT_EQ(fmax(report, "top_clk"), 50.715);
  EXPECT_EQ(report.metrics.locations.at("fmax_mhz.pll_clko").line, 2012);
  EXPECT_EQ(constraint(report, "pll_clko").met, false);
  EXPECT_EQ(constraint(report, "top_clk").constraint_mhz, 32.0);
  EXPECT_EQ(report.metrics.timing_met, false);
}

TEST(LatticeCorpus, Diamond13MachXO2Map) {
  const auto report = parse_report(read_corpus("lattice/controlsoc_machxo2_diamond1.3.mrp"),
                                   "controlsoc_machxo2_diamond1.3.mrp");
  EXPECT_EQ(report.metrics.luts_used, 933);
  EXPECT_FALSE(report.metrics.luts_available.has_value());
  EXPECT_EQ(report.metrics.ffs_used, 466);
  EXPECT_EQ(report.metrics.bram_used, 3.0);
  EXPECT_FALSE(report.metrics.dsp_used.has_value());
  EXPECT_EQ(report.metrics.locations.at("luts_used").line, 32);
}

TEST(LatticeCorpus, RadiantMapAndTiming) {
  const auto map = parse_report(read_corpus("lattice/e155lab7_ice40up5k_radiant2024.1.mrp"), "e155lab7.mrp");
  EXPECT_EQ(map.metrics.luts_used, 21);
  EXPECT_EQ(map.metrics.luts_available, 5280);
  EXPECT_EQ(map.metrics.ffs_used, 9);
  EXPECT_EQ(map.metrics.bram_used, 0.0);
  EXPECT_EQ(map.metrics.dsp_used, 0);
  const auto timing = parse_report(read_corpus("lattice/e155lab3_ice40up_radiant.twr"), "e155lab3.twr");
  EXPECT_EQ(timing.device, "iCE40UP5K");
  ASSERT_EQ(timing.metrics.fmax_mhz.size(), 1u);
  EXPECT_EQ(fmax(timing, "int_osc"), 31.281);  // not the 48.095 MHz MPW limit
  EXPECT_EQ(constraint(timing, "int_osc").constraint_mhz, 24.0);
  EXPECT_EQ(timing.metrics.timing_met, true);
}

// Every prefix of the real reports (a truncated copy) parses or is refused
// with ReportParseError; nothing else escapes.
TEST(LatticeCorpus, EveryTruncationEndsInAReportOrAParseError) {
  for (const char* file : {"lattice/loratx_ecp5_diamond3.11.twr", "lattice/hlssdr_ecp5_diamond.twr",
                           "lattice/e155lab3_ice40up_radiant.twr", "lattice/loratx_ecp5_diamond3.11.mrp",
                           "lattice/e155lab7_ice40up5k_radiant2024.1.mrp"}) {
    const std::string text = read_corpus(file);
    ASSERT_FALSE(text.empty()) << file;
    for (std::size_t cut = 0; cut < text.size(); cut += 1 + text.size() / 97) {
      try {
        (void)to_json(parse_report(text.substr(0, cut), file));
      } catch (const core::ReportParseError&) {
      }
    }
  }
}

}  // namespace
}  // namespace scn::evidence
