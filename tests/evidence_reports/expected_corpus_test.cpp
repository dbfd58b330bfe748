// Every report of the corpus (tests/data/reports, copied byte for byte from
// ../shared/data/reports) against its checked ground truth in EXPECTED.tsv.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "sc_neurocore/evidence/report.hpp"

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

TEST(ExpectedCorpus, EveryFileMatchesItsGroundTruth) {
  const auto notes = source_notes();
  const auto rows = read_tsv(kReports + "/EXPECTED.tsv");
  ASSERT_EQ(rows.size(), 68u);
  const char* numeric[] = {"luts_used",      "luts_available",   "ffs_used",        "bram_used", "dsp_used",
                           "total_power_mw", "dynamic_power_mw", "static_power_mw", "wns_ns",    "tns_ns",
                           "whs_ns"};
  for (const Row& row : rows) {
    const std::string& file = row.at("file");
    SCOPED_TRACE(file);
    const ParsedReport report = parse_report_file(kReports + "/" + file);
    const nlohmann::json json = to_json(report);
    const nlohmann::json& metrics = json["metrics"];
    EXPECT_EQ(report.tool, row.at("tool"));
    EXPECT_EQ(report.kind, row.at("kind"));
    // Where SOURCES.tsv says a field is not printed in the file (EXPECTED took
    // it from a sibling report of the same run), the parser must not invent it.
    const std::string& note = notes.at(file);
    const bool version_elsewhere = note.find("version not printed in this file") != std::string::npos ||
                                   note.find("version/device not printed in this file") != std::string::npos;
    const bool device_elsewhere = note.find("version/device not printed in this file") != std::string::npos ||
                                  row.at("device").find("(see ") != std::string::npos;
    EXPECT_EQ(report.tool_version, version_elsewhere ? "" : row.at("tool_version"));
    EXPECT_EQ(report.device, device_elsewhere ? "" : row.at("device"));

    if (row.at("lut_unit").empty())
      EXPECT_FALSE(metrics.contains("lut_unit"));
    else
      EXPECT_EQ(metrics.value("lut_unit", ""), row.at("lut_unit"));
    for (const char* key : numeric) {
      const std::string& expected = row.at(key);
      // README: "Yosys flip-flop counts are not filled yet" - we report them, they are not checked.
      if (expected.empty() && report.tool == "yosys" && std::string(key) == "ffs_used") continue;
      if (expected.empty())
        EXPECT_FALSE(metrics.contains(key)) << key << " reported but the report does not carry it";
      else
        expect_number(expected, metric(metrics, key), key);
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
      }
      EXPECT_EQ(metrics["fmax_mhz"].size(), expected_clocks);
    }
    // Every metric says where it came from.
    for (const auto& [key, value] : metrics.items()) {
      if (key == "lut_unit" || key == "fmax_mhz") continue;
      EXPECT_TRUE(json["locations"].contains(key)) << key;
    }
  }
}

}  // namespace
}  // namespace scn::evidence
