// Every report of the corpus (tests/data/reports, copied byte for byte from
// ../shared/data/reports) against its checked ground truth in EXPECTED.tsv.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "sc_neurocore/evidence/reports/report.hpp"

namespace scn::evidence {
namespace {

const std::string kReports = SCN_REPORTS_DIR;

using Row = std::map<std::string, std::string>;

std::vector<Row> read_tsv(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> columns;
  std::stringstream header(line);
  for (std::string cell; std::getline(header, cell, '\t');) columns.push_back(cell);
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    Row row;
    std::size_t start = 0;
    for (const auto& column : columns) {
      const std::size_t tab = line.find('\t', start);
      row[column] = line.substr(start, tab == std::string::npos ? std::string::npos : tab - start);
      start = tab == std::string::npos ? line.size() : tab + 1;
    }
    rows.push_back(row);
  }
  return rows;
}

std::map<std::string, std::string> source_notes() {
  std::map<std::string, std::string> notes;
  for (auto& row : read_tsv(kReports + "/SOURCES.tsv")) notes[row["local_file"]] = row["notes"];
  return notes;
}

std::optional<double> metric(const nlohmann::json& metrics, const std::string& key) {
  if (!metrics.contains(key)) return std::nullopt;
  return metrics[key].get<double>();
}

void expect_number(const std::string& expected, std::optional<double> actual, const std::string& what) {
  ASSERT_TRUE(actual.has_value()) << what << " missing, expected " << expected;
  const double value = std::stod(expected);
  EXPECT_NEAR(*actual, value, 1e-9 * std::max(1.0, std::fabs(value))) << what;
}

// The device as the file can carry it: EXPECTED adds what was inferred or
// looked up in parentheses ("iCE40 UP5K (nextpnr-ice40; inferred from 5280
// LCs)", "target: synth_ecp5 (Colorlight i5 board, ...)"), so rows compare
// the part before " (" when the parser's device is not the whole string.
std::string device_core(const std::string& device) { return device.substr(0, device.find(" (")); }

const std::vector<Row>& expected_rows() {
  static const std::vector<Row> rows = read_tsv(kReports + "/EXPECTED.tsv");
  return rows;
}

std::vector<std::string> expected_files() {
  std::vector<std::string> files;
  for (const Row& row : expected_rows()) files.push_back(row.at("file"));
  return files;
}

TEST(ExpectedCorpus, HasEveryReportOfTheSharedCorpus) { ASSERT_EQ(expected_rows().size(), 93u); }

class ExpectedRow : public ::testing::TestWithParam<std::string> {};

TEST_P(ExpectedRow, MatchesItsGroundTruth) {
  static const auto notes = source_notes();
  const std::string& file = GetParam();
  const Row& row = *std::find_if(expected_rows().begin(), expected_rows().end(),
                                 [&](const Row& r) { return r.at("file") == file; });
  const char* numeric[] = {"luts_used",      "luts_available",   "ffs_used",        "bram_used", "dsp_used",
                           "total_power_mw", "dynamic_power_mw", "static_power_mw", "wns_ns",    "tns_ns",
                           "whs_ns"};
  const ParsedReport report = parse_report_file(kReports + "/" + file);
  const nlohmann::json json = to_json(report);
  const nlohmann::json& metrics = json["metrics"];
  EXPECT_EQ(report.tool, row.at("tool"));
  EXPECT_EQ(report.kind, row.at("kind"));
  // Where SOURCES.tsv says a field is not printed in the file (EXPECTED took
  // it from a sibling report of the same run), the parser must not invent it.
  const std::string& note = notes.at(file);
  const bool version_elsewhere = note.find("version not printed in this file") != std::string::npos ||
                                 note.find("version/device not printed in this file") != std::string::npos ||
                                 note.find("no tool version in this file") != std::string::npos;
  const bool device_elsewhere = note.find("version/device not printed in this file") != std::string::npos ||
                                row.at("device").find("(see ") != std::string::npos;
  EXPECT_EQ(report.tool_version, version_elsewhere ? "" : row.at("tool_version"));
  if (device_elsewhere) {
    EXPECT_EQ(report.device, "");
  } else if (report.device != row.at("device")) {
    EXPECT_EQ(device_core(report.device), device_core(row.at("device")));
  }

  if (row.at("lut_unit").empty()) {
    EXPECT_FALSE(metrics.contains("lut_unit"));
  } else {
    EXPECT_EQ(metrics.value("lut_unit", ""), row.at("lut_unit"));
  }
  for (const char* key : numeric) {
    const std::string& expected = row.at(key);
    if (expected.empty()) {
      EXPECT_FALSE(metrics.contains(key)) << key << " reported but the report does not carry it";
    } else {
      expect_number(expected, metric(metrics, key), key);
    }
  }
  const std::string& fmax = row.at("fmax_mhz");
  if (fmax.empty()) {
    EXPECT_FALSE(metrics.contains("fmax_mhz"));
  } else {
    std::size_t expected_clocks = 0;
    std::stringstream pairs(fmax);
    for (std::string pair; std::getline(pairs, pair, ';'); ++expected_clocks) {
      const std::size_t eq = pair.rfind('=');
      const std::string clock = pair.substr(0, eq);
      ASSERT_TRUE(metrics["fmax_mhz"].contains(clock)) << clock;
      expect_number(pair.substr(eq + 1), metrics["fmax_mhz"][clock].get<double>(), "fmax " + clock);
      EXPECT_TRUE(json["locations"].contains("fmax_mhz." + clock)) << clock;
    }
    EXPECT_EQ(metrics["fmax_mhz"].size(), expected_clocks);
  }
  // Every metric says where it came from and, when it has one, in which unit.
  for (const auto& [key, value] : metrics.items()) {
    if (key == "lut_unit" || key == "logic_bel" || key == "timing_met" || key == "bel_utilisation" ||
        key.find("fmax") == 0 || key == "clock_timing_met")
      continue;
    EXPECT_TRUE(json["locations"].contains(key)) << key;
  }
  for (const char* key : {"luts_used", "ffs_used", "bram_used", "total_power_mw", "wns_ns", "fmax_mhz"})
    if (metrics.contains(key)) {
      EXPECT_TRUE(json["units"].contains(key)) << key;
    }
}

// "nextpnr/comp300p5_ice40_nextpnr.log" -> "nextpnr_comp300p5_ice40_nextpnr_log".
std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, ExpectedRow, ::testing::ValuesIn(expected_files()), test_name);

}  // namespace
}  // namespace scn::evidence
