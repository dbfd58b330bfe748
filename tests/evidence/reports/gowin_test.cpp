// The Gowin EDA report parser on small texts laid out exactly as the IDE
// writes them (PnR .rpt.txt of v1.8 and v1.9, synthesis / power / timing HTML,
// the text .tr), on truncated and malformed ones, and on real corpus files.
#include <gtest/gtest.h>

#include <string>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/evidence/reports/report.hpp"
#include "test_util.hpp"

namespace scn::evidence {
namespace {

const std::string kReports = SCN_REPORTS_DIR;

// v1.8 PnR report: two-column table, "CFU Logics" with the LUT/ALU split in
// the cell, a GAO debug-core table after it that must not be read.
const std::string kPnr18 =
    "========Oooo=========================================Oooo========\n"
    "=     Copyright \xC2\xA9"
    "2014-2018 Gowin Semiconductor Corporation.     =\n"
    "========Oooo=========================================Oooo========\n"
    "\n"
    "1. PnR Messages\n"
    "\n"
    "  <Report Title>: Gowin PnR Report\n"
    "  <Series/Device/Package/Speed>: GW1N, GW1N-4, LQFP144, 6\n"
    "  <Design Name>: demo\n"
    "\n"
    "3. Resource Usage Summary\n"
    "\n"
    "  ----------------------------------------------------------\n"
    "  Resources            | Usage\n"
    "  ----------------------------------------------------------\n"
    "  CFU Logics           | 46(21 LUTs, 25 ALUs)/4608  1%\n"  // line 16
    "  Registers            | 30/3556  1%\n"
    "    --Logic Registers  | 30/3456  1%\n"
    "    --I/O Registers    | 0/100  0%\n"
    "  I/O Ports            | 6\n"
    "  BSRAMs               | 2/10  20%\n"
    "  DSP macros           | 1/(4*2)   12%\n"
    "  PLLs                 | 0/2  0%\n"
    "  ==========================================================\n"
    "\n"
    "4. GAO Resource Usage Summary\n"
    "\n"
    "  ----------------------------------------------------------\n"
    "  Resources            | Usage\n"
    "  ----------------------------------------------------------\n"
    "  CFU Logics           | 195(159 LUTs, 36 ALUs)\n"
    "  Registers            | 128\n"
    "  BSRAMs               | 1\n"
    "  ==========================================================\n";

// v1.9 PnR report: header fields apart, BSRAM and DSP as percentages with the
// blocks / primitives on indented sub-rows.
const std::string kPnr19Head =
    "//Copyright (C)2014-2023 Gowin Semiconductor Corporation.\n"
    "//All rights reserved.\n"
    "\n"
    "\n"
    "1. PnR Messages\n"
    "\n"
    "  <Report Title>: PnR Report\n"
    "  <Timing Constraints File>: ---\n"
    "  <PnR Version>: V1.9.8.11\n"
    "  <Part Number>: GW1N-UV9LQ144C6/I5\n"
    "  <Device>: GW1N-9\n"
    "  <Device Version>: C\n"
    "  <Created Time>:Sun Jul 09 22:51:27 2023\n"
    "\n"
    "\n";
const std::string kPnr19Table =
    "3. Resource Usage Summary\n"
    "\n"
    "  ----------------------------------------------------------\n"
    "  Resources                   | Usage\n"
    "  ----------------------------------------------------------\n"
    "  Logic                       | 543/8640  7%\n"  // line 21
    "    --LUT,ALU,ROM16           | 543(537 LUT, 6 ALU, 0 ROM16)\n"
    "    --SSRAM(RAM16)            | 0\n"
    "  Register                    | 813/6843  12%\n"
    "    --Logic Register as Latch | 2/6480  <1%\n"
    "    --Logic Register as FF    | 803/6480  13%\n"
    "  CLS                         | 596/4320  14%\n"
    "  IOLOGIC                     | 0%\n"
    "  BSRAM                       | 31%\n"  // line 29
    "    --SDPX9B                  | 6\n"
    "    --DPB                     | 2\n"
    "  DSP                         | 7%\n"
    "    --MULT18X18               | 1\n"
    "    --MULTADDALU18X18         | 1\n"
    "  PLL                         | 0/2  0%\n"
    "  ==========================================================\n"
    "\n";

TEST(GowinPnr, V18TwoColumnTableWithTheSplitInTheLogicCell) {
  const auto report = parse_report(kPnr18, "fpga_project.rpt.txt");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(report.tool, "gowin");
  EXPECT_EQ(report.kind, "report");
  EXPECT_EQ(report.tool_version, "");  // v1.8 PnR reports print no version
  EXPECT_EQ(report.device, "GW1N, GW1N-4, LQFP144, 6");
  EXPECT_EQ(m.lut_unit, "LUT4");
  EXPECT_EQ(m.luts_used, 46);  // LUT + ALU, not the GAO core's 195
  EXPECT_EQ(m.luts_available, 4608);
  EXPECT_EQ(m.carry_cells, 25);
  EXPECT_EQ(m.ffs_used, 30);
  EXPECT_EQ(m.bram_used, 2.0);
  EXPECT_EQ(m.dsp_used, 1);  // "1/(4*2)": the available figure is an expression
  EXPECT_EQ(m.units.at("carry_cells"), "ALU");
  EXPECT_EQ(m.units.at("bram_used"), "BSRAM");
  EXPECT_EQ(m.units.at("dsp_used"), "DSP");
  EXPECT_EQ(m.locations.at("luts_used").line, 16);
  EXPECT_EQ(m.locations.at("luts_used").text, "CFU Logics           | 46(21 LUTs, 25 ALUs)/4608  1%");
  EXPECT_EQ(m.locations.at("dsp_used").line, 22);
  EXPECT_TRUE(m.fmax_mhz.empty());
  EXPECT_FALSE(m.total_power_mw.has_value());
}

TEST(GowinPnr, V19BsramBlocksComeFromTheSubRowsDspPrimitivesDoNot) {
  const auto report = parse_report(kPnr19Head + kPnr19Table, "fpga_project.rpt.txt");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(report.tool_version, "V1.9.8.11");
  EXPECT_EQ(report.device, "GW1N-UV9LQ144C6/I5 (GW1N-9, ver C)");
  EXPECT_EQ(m.luts_used, 543);
  EXPECT_EQ(m.luts_available, 8640);
  EXPECT_EQ(m.carry_cells, 6);
  EXPECT_EQ(m.locations.at("carry_cells").line, 22);
  EXPECT_EQ(m.ffs_used, 813);   // the whole Register row: latches and I/O FFs included
  EXPECT_EQ(m.bram_used, 8.0);  // 6 SDPX9B + 2 DPB under "BSRAM | 31%"
  EXPECT_EQ(m.locations.at("bram_used").line, 29);
  EXPECT_FALSE(m.dsp_used.has_value());  // 7% of an unprinted total; MULT18X18 is not a DSP count
  EXPECT_EQ(m.units.count("dsp_used"), 0u);
}

TEST(GowinPnr, V1911ThreeColumnTableAndFractionalDsp) {
  std::string head = kPnr19Head;
  head.replace(head.find("<PnR Version>"), 13, "<Tool Version>");
  const std::string table =
      "3. Resource Usage Summary\n"
      "\n"
      "  --------------------------------------------------------------------------------\n"
      "  Resources                   | Usage                               | Utilization\n"
      "  --------------------------------------------------------------------------------\n"
      "  Logic                       | 8473/20736                          |  41%\n"
      "    --LUT,ALU,ROM16           | 7363(6235 LUT, 1128 ALU, 0 ROM16)   | -\n"
      "    --SSRAM(RAM16)            | 185                                 | -\n"
      "  Register                    | 4,406/15915                         |  28%\n"
      "  BSRAM                       | 28/46                               | 61%\n"
      "    --SDPB                    | 16\n"
      "    --DPB                     | 8\n"
      "  DSP                         | 15.25/24                            | 64%\n"
      "    --MULT9X9                 | 5\n"
      "  ================================================================================\n";
  const auto report = parse_report(head + table, "top.rpt.txt");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(report.tool_version, "V1.9.8.11");
  EXPECT_EQ(m.luts_used, 8473);  // the Logic row counts SSRAM too (7363 + 185 x 6)
  EXPECT_EQ(m.carry_cells, 1128);
  EXPECT_EQ(m.ffs_used, 4406);
  EXPECT_EQ(m.bram_used, 28.0);          // the row's own count wins over its sub-rows
  EXPECT_FALSE(m.dsp_used.has_value());  // 15.25 DSP blocks: not a whole count
}

TEST(GowinPnr, ZeroPercentIsZeroAndAMissingRowStaysAbsent) {
  const std::string table =
      "  Resources                   | Usage\n"
      "  ----------------------------------------------------------\n"
      "  Logic                       | 1/1152  <1%\n"
      "  Register                    | 3/957  <1%\n"
      "  BSRAM                       | 0%\n"
      "  PLL                         | 0/1  0%\n"
      "  ==========================================================\n";
  const auto report = parse_report(kPnr19Head + table, "tiny.rpt.txt");
  EXPECT_EQ(report.metrics.bram_used, 0.0);
  EXPECT_FALSE(report.metrics.dsp_used.has_value());  // no DSP row at all
  EXPECT_FALSE(report.metrics.carry_cells.has_value());
}

TEST(GowinPnr, NoResourceTableMeansNoMetrics) {
  const auto report = parse_report(kPnr19Head + "2. PnR Details\n\n  Running placement:\n", "early.rpt.txt");
  EXPECT_EQ(report.tool, "gowin");
  EXPECT_EQ(report.device, "GW1N-UV9LQ144C6/I5 (GW1N-9, ver C)");
  const auto json = to_json(report);
  EXPECT_TRUE(json["metrics"].empty());
  EXPECT_TRUE(json["locations"].empty());
}

TEST(GowinPnr, TruncatedTableIsRefused) {
  const std::string table = kPnr19Table.substr(0, kPnr19Table.find("  CLS"));
  EXPECT_THROW_MESSAGE(parse_report(kPnr19Head + table, "cut.rpt.txt"), core::ReportParseError,
                       "cut.rpt.txt: the resource table of line 19 is cut off; the report looks truncated");
}

TEST(GowinPnr, UnreadableLogicRowIsRefused) {
  std::string table = kPnr19Table;
  table.replace(table.find("543/8640"), 8, "n/a/8640");
  EXPECT_THROW_MESSAGE(parse_report(kPnr19Head + table, "bad.rpt.txt"), core::ReportParseError,
                       "bad.rpt.txt: unreadable Logic usage 'n/a/8640  7%' on line 21");
}

// The 1.9.9+ .rpt.html: label cells with "&nbsp" and no ';', the BSRAM blocks
// listed in one cell with <br/>, the DSP primitives likewise (no DSP count).
TEST(GowinPnr, HtmlResourceTableWithBrListsInACell) {
  const std::string html =
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n"
      "<html>\n<head>\n<title>PnR Analysis Report</title>\n</head>\n<body>\n"
      "<!--<li><a href=\"#Summary\">PnR Summaries</a></li>-->\n"
      "<h1><a name=\"Message\">PnR Messages</a></h1>\n"
      "<table class=\"summary_table\">\n"
      "<tr>\n<td class=\"label\">Report Title</td>\n<td>PnR Report</td>\n</tr>\n"
      "<tr>\n<td class=\"label\">Tool Version</td>\n<td>V1.9.12.01</td>\n</tr>\n"
      "<tr>\n<td class=\"label\">Part Number</td>\n<td>GW5AT-LV60PG484AC1/I0</td>\n</tr>\n"
      "<tr>\n<td class=\"label\">Device</td>\n<td>GW5AT-60</td>\n</tr>\n"
      "<tr>\n<td class=\"label\">Device Version</td>\n<td>B</td>\n</tr>\n"
      "<tr>\n<td class=\"label\">Legal Announcement</td>\n<td>Copyright (C)2014-2025 Gowin Semiconductor "
      "Corporation. All rights reserved.</td>\n</tr>\n"
      "</table>\n"
      "<h2><a name=\"Resource_Usage_Summary\">Resource Usage Summary:</a></h2>\n"
      "<table class=\"summary_table\">\n"
      "<tr>\n<td "
      "class=\"label\"><b>Resource</b></td>\n<td><b>Usage</b></td>\n<td><b>Utilization</b></td>\n</tr>\n"
      "<tr><td class=\"label\">Logic</td><td>24607/59904</td><td>42%</td></tr>\n"  // line 42
      "<tr>\n<td class=\"label\">&nbsp &nbsp --LUT,ALU,ROM16</td>\n"
      "<td>24607(22559 LUT, 2024 ALU, 24 ROM16)</td>\n<td>-</td>\n</tr>\n"
      "<tr>\n<td class=\"label\">Register</td>\n<td>27488/60780</td>\n<td>46%</td>\n</tr>\n"
      "<tr>\n<td class=\"label\">BSRAM</td>\n<td>2 SP<br/>68 SDPB<br/>29 DPB<br/>5 pROM<br/></td>\n"
      "<td>90%</td>\n</tr>\n"
      "<tr>\n<td class=\"label\">DSP</td>\n<td>8 MULT12X12<br/></td><td>4%</td>\n</tr>\n"
      "</table>\n"
      "</body>\n</html>\n";
  const auto report = parse_report(html, "a2mega.rpt.html");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(report.tool_version, "V1.9.12.01");
  EXPECT_EQ(report.device, "GW5AT-LV60PG484AC1/I0 (GW5AT-60, ver B)");
  EXPECT_EQ(m.luts_used, 24607);
  EXPECT_EQ(m.luts_available, 59904);
  EXPECT_EQ(m.locations.at("luts_used").line, 42);
  EXPECT_EQ(m.locations.at("luts_used").text,
            "<tr><td class=\"label\">Logic</td><td>24607/59904</td><td>42%</td></tr>");
  EXPECT_EQ(m.carry_cells, 2024);
  EXPECT_EQ(m.ffs_used, 27488);
  EXPECT_EQ(m.bram_used, 104.0);
  EXPECT_FALSE(m.dsp_used.has_value());  // 8 MULT12X12 = 4 DSP blocks, which only the .rpt.txt says
}

// _syn.rpt.html: a "Resource Usage Summary" of primitives (no Logic row) and
// the "Resource Utilization Summary" the metrics come from; Fmax per clock.
// The Logic value cell is on line 59, the Max Frequency Summary table opens on line 84.
const std::string kSynHtml =
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n"
    "<html>\n<head>\n<title>synthesis Report</title>\n</head>\n<body>\n"
    "<div id=\"catalog\"><ul><li><a href=\"#performance\">Max Frequency Summary</a></li></ul></div>\n"
    "<h1><a name=\"about\">Synthesis Messages</a></h1>\n"
    "<table class=\"summary_table\">\n"
    "<tr>\n<td class=\"label\">Report Title</td>\n<td>GowinSynthesis Report</td>\n</tr>\n"
    "<tr>\n<td class=\"label\">Version</td>\n<td>V1.9.8.11</td>\n</tr>\n"
    "<tr>\n<td class=\"label\">Part Number</td>\n<td>GW1N-UV9LQ144C6/I5</td>\n</tr>\n"
    "<tr>\n<td class=\"label\">Device</td>\n<td>GW1N-9</td>\n</tr>\n"
    "<tr>\n<td class=\"label\">Legal Announcement</td>\n"
    "<td>Copyright (C)2014-2023 Gowin Semiconductor Corporation. ALL rights reserved.</td>\n</tr>\n"
    "</table>\n"
    "<h2><a name=\"usage\">Resource Usage Summary</a></h2>\n"
    "<table class=\"summary_table\">\n"
    "<tr>\n<td class=\"label\"><b>Resource</b></td>\n<td><b>Usage</b></td>\n</tr>\n"
    "<tr>\n<td class=\"label\"><b>Register </b></td>\n<td>813</td>\n</tr>\n"
    "<tr>\n<td class=\"label\"><b>LUT </b></td>\n<td>536</td>\n</tr>\n"
    "<tr>\n<td class=\"label\"><b>ALU </b></td>\n<td>5</td>\n</tr>\n"
    "</table>\n"
    "<h2><a name=\"utilization\">Resource Utilization Summary</a></h2>\n"
    "<table class=\"summary_table\">\n"
    "<tr>\n<td class=\"label\"><b>Resource</b></td>\n<td><b>Usage</b></td>\n"
    "<td><b>Utilization</b></td>\n</tr>\n"
    "<tr>\n<td class=\"label\">Logic</td>\n<td>544(539 LUTs, 5 ALUs) / 8640</td>\n<td>7%</td>\n</tr>\n"
    "<tr>\n<td class=\"label\">Register</td>\n<td>813 / 6843</td>\n<td>12%</td>\n</tr>\n"
    "<tr>\n<td class=\"label\">&nbsp&nbsp--Register as Latch</td>\n<td>2 / 6843</td>\n<td><1%</td>\n</tr>\n"
    "<tr>\n<td class=\"label\">BSRAM</td>\n<td>6 / 26</td>\n<td>24%</td>\n</tr>\n"
    "</table>\n"
    "<h2><a name=\"clock\">Clock Summary:</a></h2>\n"
    "<table class=\"summary_table\">\n"
    "<tr><th>Clock Name</th><th>Type</th><th>Period</th><th>Frequency(MHz)</th></tr>\n"
    "<tr><td>CLK_inter</td><td>Base</td><td>20.000</td><td>50.0</td></tr>\n"
    "</table>\n"
    "<h2><a name=\"performance\">Max Frequency Summary:</a></h2>\n"
    "<table class=\"summary_table\">\n"
    "<tr>\n<th>No.</th>\n<th>Clock Name</th>\n<th>Constraint</th>\n<th>Actual Fmax</th>\n"
    "<th>Logic Level</th>\n<th>Entity</th>\n</tr>\n"
    "<tr>\n<td>1</td>\n<td>CLK_inter</td>\n<td>50.0(MHz)</td>\n<td>181.9(MHz)</td>\n<td>4</td>\n"
    "<td>TOP</td>\n</tr>\n"
    "</table>\n"
    "</body>\n</html>\n";

TEST(GowinSynthesis, UtilizationSummaryAndMaxFrequency) {
  const auto report = parse_report(kSynHtml, "fpga_project_syn.rpt.html");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(report.kind, "report");
  EXPECT_EQ(report.tool_version, "GowinSynthesis V1.9.8.11");  // the bare "V1.9.8.11" named after the title
  EXPECT_EQ(report.device, "GW1N-UV9LQ144C6/I5 (GW1N-9)");
  EXPECT_EQ(m.luts_used, 544);
  EXPECT_EQ(m.luts_available, 8640);
  EXPECT_EQ(m.locations.at("luts_used").line, 59);
  EXPECT_EQ(m.locations.at("luts_used").text, "<td>544(539 LUTs, 5 ALUs) / 8640</td>");
  EXPECT_EQ(m.carry_cells, 5);
  EXPECT_EQ(m.ffs_used, 813);
  EXPECT_EQ(m.bram_used, 6.0);
  EXPECT_FALSE(m.dsp_used.has_value());  // the synthesis summary has no DSP row here
  ASSERT_EQ(m.fmax_mhz.size(), 1u);
  EXPECT_EQ(m.fmax_mhz[0].first, "CLK_inter");
  EXPECT_EQ(m.fmax_mhz[0].second, 181.9);
  ASSERT_EQ(m.clock_constraints.size(), 1u);
  EXPECT_EQ(m.clock_constraints[0].constraint_mhz, 50.0);
  EXPECT_EQ(m.clock_constraints[0].met, true);
  EXPECT_EQ(m.timing_met, true);
  EXPECT_TRUE(m.locations.count("fmax_mhz.CLK_inter"));
}

TEST(GowinSynthesis, VersionAlreadyNamingTheToolIsKept) {
  std::string html = kSynHtml;
  html.replace(html.find("<td>V1.9.8.11</td>"), 18, "<td>GowinSynthesis V1.9.8.07 Education</td>");
  EXPECT_EQ(parse_report(html, "syn.rpt.html").tool_version, "GowinSynthesis V1.9.8.07 Education");
}

TEST(GowinSynthesis, TruncatedMaxFrequencyTableIsRefused) {
  const std::string cut = kSynHtml.substr(0, kSynHtml.find("<td>4</td>"));
  EXPECT_THROW_MESSAGE(
      parse_report(cut, "syn.rpt.html"), core::ReportParseError,
      "syn.rpt.html: the Max Frequency Summary of line 84 is cut off; the report looks truncated");
}

// v1.8 .power.html, with the tool's unclosed cells and a "Logic" row in the
// per-block table that is no resource count.
TEST(GowinPower, TotalDynamicAndQuiescentInMilliwatts) {
  const std::string html =
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//ENhttp://www.w3.org/TR/xhtml1/DTD/\">\n"
      "<html>\n<head>\n<title>Power Analysis Report</title>\n</head>\n<body>\n"
      "<h1><a name=\"Message\">Power Message</a></h1>\n"
      "<table class=\"summary_table\">\n"
      "<tr>\n<td class=\"label\">Report Title</td>\n<td>Gowin Power Analysis Report</td>\n</tr>\n"
      "<tr>\n<td class=\"label\">Tool Version</td>\n<td>v1.8.0.02Beta</td>\n</tr>\n"
      "<tr>\n<td class=\"label\">Series, Device, Package, Speed, Operating Condition, Process</td>\n"
      "<td>GW1N,GW1N-4,LQFP144,6,COMMERCIAL,TYPICAL</td>\n</tr>\n"
      "</table>\n"
      "<h2><a name=\"Power_Info\">Power Information:</a></h2>\n"
      "<table class=\"summary_table\">\n"
      "<tr>\n<td class=\"label\">Total Power (mW)</td>\n<td>5.031</td>\n</tr>\n"  // value on line 26
      "<tr>\n<td class=\"label\">Quiescent Power (mW)</td>\n<td>2.870</td>\n</tr>\n"
      "<tr>\n<td class=\"label\">Dynamic Power (W)</td>\n<td>0.002162</td>\n</tr>\n"
      "</table>\n"
      "<h2><a name=\"By_Block_Type\">Power By Block Type:</a></h2>\n"
      "<table class=\"detail_table\">\n"
      "<tr>\n<th class=\"label\">Block Type</th>\n<th class=\"label\">Total Power(mW)</th>\n</tr>\n"
      "<tr>\n<td>Logic</td>\n<td>0.624</td>\n<td>NA</td>\n</tr>\n"
      "<tr>\n<td>IO</td>\n<td>0.687\n<td>0.255\n</tr>\n"
      "</table>\n"
      "</body>\n</html>\n";
  const auto report = parse_report(html, "fpga_project.power.html");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(report.tool_version, "v1.8.0.02Beta");
  EXPECT_EQ(report.device, "GW1N,GW1N-4,LQFP144,6,COMMERCIAL,TYPICAL");
  EXPECT_EQ(m.total_power_mw, 5.031);
  EXPECT_EQ(m.static_power_mw, 2.870);
  EXPECT_NEAR(*m.dynamic_power_mw, 2.162, 1e-12);  // the unit comes from the label
  EXPECT_EQ(m.locations.at("total_power_mw").line, 26);
  EXPECT_EQ(m.locations.at("total_power_mw").text, "<td>5.031</td>");
  EXPECT_FALSE(m.luts_used.has_value());
  EXPECT_FALSE(m.lut_unit.has_value());
  std::string bad = html;
  bad.replace(bad.find("<td>5.031</td>"), 14, "<td>NA</td>");
  EXPECT_THROW_MESSAGE(parse_report(bad, "p.power.html"), core::ReportParseError,
                       "p.power.html: unreadable power 'NA' for 'Total Power (mW)' on line 26");
}

// _tr_content.html of 1.9.x: two clocks, several cells on one line, the
// Clock Summary's frequency cells left unclosed.
std::string timing_html(const std::string& fmax_rows) {
  return "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n"
         "<html>\n<head>\n<title>Timing Analysis Report</title>\n</head>\n<body>\n"
         "<h1><a name=\"Message\">Timing Messages</a></h1>\n"
         "<table class=\"summary_table\">\n"
         "<tr><td class=\"label\">Report Title</td><td>Timing Analysis Report</td></tr>\n"
         "<tr><td class=\"label\">Tool Version</td><td>V1.9.11.01 Education</td></tr>\n"
         "<tr><td class=\"label\">Part Number</td><td>GW2AR-LV18QN88C8/I7</td></tr>\n"
         "<tr><td class=\"label\">Device</td><td>GW2AR-18</td></tr>\n"
         "<tr><td class=\"label\">Device Version</td><td>C</td></tr>\n"
         "<tr><td class=\"label\">Legal Announcement</td><td>Copyright (C)2014-2025 Gowin Semiconductor "
         "Corporation. All rights reserved.</td></tr>\n"
         "</table>\n"
         "<h2><a name=\"Clock_Report\">Clock Summary:</a></h2>\n"
         "<table class=\"detail_table\">\n"
         "<tr><th class=\"label\">NO.</th><th class=\"label\">Clock Name</th><th class=\"label\">Type</th>"
         "<th class=\"label\">Period</th><th class=\"label\">Frequency(MHz)</th></tr>\n"
         "<tr><td>1</td><td>clk</td><td>Base</td><td>37.037</td><td>27.000<td>0.000</td></tr>\n"
         "<tr><td>2</td><td>clk_logic</td><td>Generated</td><td>18.518</td><td>54.000<td>0.000</td></tr>\n"
         "</table>\n"
         "<h2><a name=\"Max_Frequency_Report\">Max Frequency Summary:</a></h2>\n"
         "<table>\n"
         "<tr><th>NO.</th><th>Clock Name</th><th>Constraint</th><th>Actual Fmax</th><th>Logic Level</th>"
         "<th>Entity</th></tr>\n" +
         fmax_rows +
         "</table>\n"
         "<h4>No timing paths to get frequency of clk!</h4>\n"
         "</body>\n</html>\n";
}

TEST(GowinTiming, TwoClocksWithTheirConstraints) {
  const auto report = parse_report(
      timing_html("<tr><td>1</td><td>clk_logic</td><td>54.000(MHz)</td><td>78.165(MHz)</td><td>10</td>"
                  "<td>TOP</td></tr>\n"
                  "<tr><td>2</td><td>clk_pixel</td><td>27.000(MHz)</td><td>45.247(MHz)</td><td>13</td>"
                  "<td>TOP</td></tr>\n"),
      "top_tr_content.html");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(report.tool_version, "V1.9.11.01 Education");
  EXPECT_EQ(report.device, "GW2AR-LV18QN88C8/I7 (GW2AR-18, ver C)");
  ASSERT_EQ(m.fmax_mhz.size(), 2u);  // clk has no path: not listed
  EXPECT_EQ(m.fmax_mhz[0], (std::pair<std::string, double>{"clk_logic", 78.165}));
  EXPECT_EQ(m.fmax_mhz[1], (std::pair<std::string, double>{"clk_pixel", 45.247}));
  ASSERT_EQ(m.clock_constraints.size(), 2u);
  EXPECT_EQ(m.clock_constraints[1], (ClockConstraint{"clk_pixel", 27.0, true}));
  EXPECT_EQ(m.timing_met, true);
  EXPECT_EQ(m.locations.at("fmax_mhz.clk_pixel").line, 26);
  EXPECT_FALSE(m.wns_ns.has_value());
  EXPECT_FALSE(m.luts_used.has_value());
}

TEST(GowinTiming, AFailingClockFailsTheDesign) {
  const auto report = parse_report(
      timing_html("<tr><td>1</td><td>clock_27m</td><td>27.000(MHz)</td><td>62.897(MHz)</td><td>15</td>"
                  "<td>TOP</td></tr>\n"
                  "<tr><td>2</td><td>clock_54m</td><td>54.000(MHz)</td><td>53.798(MHz)</td><td>16</td>"
                  "<td>TOP</td></tr>\n"),
      "top_tr_content.html");
  const ReportMetrics& m = report.metrics;
  ASSERT_EQ(m.clock_constraints.size(), 2u);
  EXPECT_EQ(m.clock_constraints[0].met, true);
  EXPECT_EQ(m.clock_constraints[1], (ClockConstraint{"clock_54m", 54.0, false}));
  EXPECT_EQ(m.timing_met, false);
  EXPECT_EQ(m.locations.at("timing_met").line, 26);  // the failing clock's row
}

TEST(GowinTiming, V18HasNoConstraintColumnTheClockSummaryGivesIt) {
  const std::string html =
      "<html>\n<body>\n"
      "<table class=\"summary_table\">\n"
      "<tr>\n<td class=\"label\">Report Title</td>\n<td>Gowin Timing Analysis Report</td>\n</tr>\n"
      "<tr>\n<td class=\"label\">Tool Version</td>\n<td>v1.8.0.02Beta</td>\n</tr>\n"
      "<tr>\n<td class=\"label\">Series, Device, Package, Speed, Operating Conditions</td>\n"
      "<td>GW1N, GW1N-4, LQFP144, 6, COMMERCIAL</td>\n</tr>\n"
      "</table>\n"
      "<h2><a name=\"Clock_Report\">Clock Summary:</a></h2>\n"
      "<table class=\"detail_table\">\n"
      "<tr>\n<th class=\"label\">Clock Name</th>\n<th class=\"label\">Type</th>\n"
      "<th class=\"label\">Period</th>\n<th class=\"label\">Frequency(MHz)</th>\n</tr>\n"
      "<tr>\n<td>DEFAULT_CLK</td>\n<td>Base</td>\n<td>10.000</td>\n"
      "<td>100.000\n<td>0.000</td>\n</tr>\n"
      "</table>\n"
      "<h2><a name=\"Max_Frequency_Report\">Max Frequency Summary:</a></h2>\n"
      "<table>\n"
      "<tr>\n<th>NO.</th>\n<th>Clock Name</th>\n<th>Fmax</th>\n<th>Entity</th>\n</tr>\n"
      "<tr>\n<td>1</td>\n<td>DEFAULT_CLK</td>\n<td>119.802(MHz)</td>\n<td>TOP</td>\n</tr>\n"
      "</table>\n"
      "</body>\n</html>\n";
  const auto report = parse_report(html, "fpga_project_tr_content.html");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(report.device, "GW1N, GW1N-4, LQFP144, 6, COMMERCIAL");
  ASSERT_EQ(m.fmax_mhz.size(), 1u);
  EXPECT_EQ(m.fmax_mhz[0].second, 119.802);
  ASSERT_EQ(m.clock_constraints.size(), 1u);
  EXPECT_EQ(m.clock_constraints[0], (ClockConstraint{"DEFAULT_CLK", 100.0, true}));
  EXPECT_EQ(m.locations.at("fmax_constraint_mhz.DEFAULT_CLK").line, 29);  // the unclosed "<td>100.000"
  EXPECT_EQ(m.locations.at("fmax_constraint_mhz.DEFAULT_CLK").text, "<td>100.000");
}

// The text timing report (gen_text_timing_rpt): the titles appear in the
// table of contents too, without a table under them.
TEST(GowinTiming, TextTimingReport) {
  const std::string tr =
      "//Copyright (C)2014-2025 Gowin Semiconductor Corporation.\n"
      "//All rights reserved.\n"
      "1. Timing Messages\n"
      "2.2 Clock Summary\n"
      "2.3 Max Frequency Summary\n"
      "2.4 Total Negative Slack Summary\n"
      "\n"
      "  <Report Title>: Timing Analysis Report\n"
      "  <Tool Version>: V1.9.11.03 Education\n"
      "  <Part Number>: GW1NR-LV9QN88PC6/I5\n"
      "  <Device>: GW1NR-9C\n"
      "2.2 Clock Summary\n"
      "  NO.   Clock Name   Type   Period   Frequency   Rise    Fall \n"
      " ===== ============ ====== ======== =========== ======= ======\n"
      "  1     clk_50       Base   20.000   50.000MHz   0.000   10.000\n"
      "  2     clk_core     Base   20.000   50.000MHz   0.000   10.000\n"
      "\n"
      "2.3 Max Frequency Summary\n"
      "  NO.   Clock Name   Constraint    Actual Fmax   Level   Entity  \n"
      " ===== ============ ============= ============= ======= ======== \n"
      "  1     clk_50       50.000(MHz)   74.900(MHz)   8       TOP     \n"
      "  2     clk_core     50.000(MHz)   48.100(MHz)   21      TOP     \n"
      "No timing paths to get frequency of clk_tck!\n"
      "2.4 Total Negative Slack Summary\n";
  const auto report = parse_report(tr, "top.tr");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(report.tool_version, "V1.9.11.03 Education");
  EXPECT_EQ(report.device, "GW1NR-LV9QN88PC6/I5 (GW1NR-9C)");
  ASSERT_EQ(m.fmax_mhz.size(), 2u);
  EXPECT_EQ(m.fmax_mhz[1], (std::pair<std::string, double>{"clk_core", 48.1}));
  EXPECT_EQ(m.clock_constraints[1], (ClockConstraint{"clk_core", 50.0, false}));
  EXPECT_EQ(m.timing_met, false);
  EXPECT_EQ(m.locations.at("fmax_mhz.clk_50").line, 21);
}

TEST(GowinDetection, NeedsTheLayoutAndTheVendorsName) {
  std::string anonymous = kPnr19Head + kPnr19Table;
  anonymous.replace(anonymous.find("Gowin"), 5, "Acme.");
  EXPECT_THROW(parse_report(anonymous, "x.rpt.txt"), core::ReportParseError);
  EXPECT_THROW(parse_report("Gowin Semiconductor\nLogic | 5/10\n", "notes.txt"), core::ReportParseError);
}

// Inputs a fuzzer would try: unterminated tags and comments, cells outside
// tables, a Max Frequency header without columns. Each ends cleanly.
TEST(GowinFuzzRegressions, MalformedHtmlEndsInAResultOrAParseError) {
  const std::string head =
      "<html>\n<table><tr><td class=\"label\">Report Title</td><td>Gowin PnR Report</td>";
  EXPECT_NO_THROW(parse_report(head + "<!-- never closed\n<table><tr><td>Logic", "a.html"));
  EXPECT_NO_THROW(parse_report(head + "</table><td>Logic</td><td>5/10</td><tr><td", "b.html"));
  EXPECT_THROW_MESSAGE(
      parse_report(head + "</table><h2>Max Frequency Summary</h2><table><tr><th>x</th></tr></table>",
                   "c.html"),
      core::ReportParseError, "c.html: the Max Frequency Summary of line 2 has no Clock Name / Fmax columns");
  EXPECT_THROW_MESSAGE(
      parse_report(
          head +
              "</table><table><tr><td>Resource</td><td>Usage</td></tr><tr><td>Logic</td><td>(</td></table>",
          "d.html"),
      core::ReportParseError, "d.html: unreadable Logic usage '(' on line 2");
}

// --- real reports of the corpus (tests/data/reports/gowin) ---------------------------

TEST(GowinCorpus, HahaSramPnrCountsBsramFromItsSubRow) {
  const auto report = parse_report_file(kReports + "/gowin/hahasram_gowin_pnr.rpt.txt");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(report.tool_version, "V1.9.8.11");
  EXPECT_EQ(report.device, "GW1N-UV9LQ144C6/I5 (GW1N-9, ver C)");
  EXPECT_EQ(m.luts_used, 543);
  EXPECT_EQ(m.ffs_used, 813);
  EXPECT_EQ(m.bram_used, 6.0);
  EXPECT_EQ(m.dsp_used, 0);
  EXPECT_EQ(m.carry_cells, 6);
  EXPECT_EQ(m.locations.at("bram_used").text, "BSRAM                       | 24%");
}

TEST(GowinCorpus, BlinkTimingTakesTheConstraintFromTheClockSummary) {
  const auto report = parse_report_file(kReports + "/gowin/gowinblink_pnr_tr_content.html");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(report.tool_version, "v1.8.0.02Beta");
  ASSERT_EQ(m.fmax_mhz.size(), 1u);
  EXPECT_EQ(m.fmax_mhz[0], (std::pair<std::string, double>{"DEFAULT_CLK", 119.802}));
  ASSERT_EQ(m.clock_constraints.size(), 1u);
  EXPECT_EQ(m.clock_constraints[0], (ClockConstraint{"DEFAULT_CLK", 100.0, true}));
  EXPECT_EQ(m.timing_met, true);
  EXPECT_EQ(m.locations.at("fmax_mhz.DEFAULT_CLK").line, 133);
  EXPECT_EQ(m.locations.at("fmax_constraint_mhz.DEFAULT_CLK").line, 114);
}

TEST(GowinCorpus, Tn9kSynthesisReport) {
  const auto report = parse_report_file(kReports + "/gowin/tn9kriscv_gowin_syn.rpt.html");
  const ReportMetrics& m = report.metrics;
  EXPECT_EQ(report.tool_version, "GowinSynthesis V1.9.8.07 Education");
  EXPECT_EQ(report.device, "GW1NR-LV9QN88PC6/I5 (GW1NR-9C)");
  EXPECT_EQ(m.luts_used, 152);
  EXPECT_EQ(m.carry_cells, 29);
  EXPECT_EQ(m.ffs_used, 83);
  EXPECT_EQ(m.bram_used, 0.0);
  ASSERT_EQ(m.fmax_mhz.size(), 1u);
  EXPECT_EQ(m.fmax_mhz[0], (std::pair<std::string, double>{"clk_27mhz", 130.6}));
  EXPECT_EQ(m.clock_constraints[0].constraint_mhz, 50.0);
}

}  // namespace
}  // namespace scn::evidence
