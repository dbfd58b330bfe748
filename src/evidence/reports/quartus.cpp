// Quartus fitter, power and timing reports, in both forms: the short
// "Key : Value" .summary files and the full ';'-table .rpt files.
#include <algorithm>
#include <limits>

#include "dialect.hpp"

namespace scn::evidence {
namespace {

struct KeyValue {
  std::string_view key;
  std::string_view value;
  Line line;
};

// The report's summary as key/value pairs: "Key : Value" lines of a
// .summary file, or the rows of the first "; <Title> Summary ;" table of an .rpt.
std::vector<KeyValue> summary_pairs(const ReportText& text, std::string_view table_title) {
  std::vector<KeyValue> pairs;
  const auto& lines = text.lines();
  const std::size_t title = text.find("; " + std::string(table_title));
  if (title != kNotFound && title > 0) {
    if (const auto table = read_bordered_table(text, title - 1, ';')) {
      for (std::size_t s = 1; s < table->segments.size(); ++s)
        for (const TableRow& row : table->segments[s])
          if (row.cells.size() >= 2)
            pairs.push_back({row.cells[0], row.cells[1], lines[static_cast<std::size_t>(row.line - 1)]});
    }
    return pairs;
  }
  for (const Line& line : lines) {
    const std::size_t colon = line.text.find(" : ");
    if (colon == std::string_view::npos) continue;
    pairs.push_back({trim(line.text.substr(0, colon)), trim(line.text.substr(colon + 3)), line});
  }
  return pairs;
}

const KeyValue* find_pair(const std::vector<KeyValue>& pairs, std::string_view key) {
  for (const auto& pair : pairs)
    if (pair.key == key) return &pair;
  return nullptr;
}

// "Quartus Prime Version : 19.1.0 Build ..." (.summary), "Quartus Prime Version 19.1.0 ..." (.rpt
// header), "Quartus II 64-Bit Version : 15.0.0 ..." and table cells "Version 16.1.2 ...".
std::string quartus_version(const ReportText& text) {
  for (std::size_t i = 0; i < text.lines().size() && i < 12; ++i) {
    const std::string_view line = trim(text.lines()[i].text);
    if (!starts_with(line, "Quartus")) continue;
    const std::size_t at = line.find("Version");
    if (at == std::string_view::npos) continue;
    std::string_view rest = trim(line.substr(at + 7));
    if (starts_with(rest, ":")) rest = trim(rest.substr(1));
    return std::string(rest);
  }
  return "";
}

ParsedReport quartus_header(const ReportText& text, const char* kind, const std::vector<KeyValue>& pairs) {
  ParsedReport report;
  report.file = text.source();
  report.tool = "quartus";
  report.kind = kind;
  report.tool_version = quartus_version(text);
  if (report.tool_version.empty()) {
    if (const KeyValue* version = find_pair(pairs, "Quartus Prime Version")) {
      std::string_view value = version->value;
      if (starts_with(value, "Version ")) value.remove_prefix(8);
      report.tool_version = std::string(value);
    }
  }
  const KeyValue* family = find_pair(pairs, "Family");
  if (family == nullptr) family = find_pair(pairs, "Device Family");
  const KeyValue* device = find_pair(pairs, "Device");
  if (device == nullptr) device = find_pair(pairs, "Device Name");
  if (family && device)
    report.device = std::string(family->value) + " " + std::string(device->value);
  else if (device)
    report.device = std::string(device->value);
  return report;
}

bool head_starts_with(const ReportText& text, std::string_view prefix, std::size_t limit = 5) {
  for (std::size_t i = 0; i < text.lines().size() && i < limit; ++i)
    if (starts_with(trim(text.lines()[i].text), prefix)) return true;
  return false;
}

// --- fitter -----------------------------------------------------------------

class QuartusFit final : public ReportDialect {
 public:
  std::string name() const override { return "quartus fit"; }
  bool detect(const ReportText& text) const override {
    return head_starts_with(text, "Fitter Status :") || head_starts_with(text, "Fitter report for");
  }
  ParsedReport parse(const ReportText& text) const override {
    const auto pairs = summary_pairs(text, "Fitter Summary");
    ParsedReport report = quartus_header(text, "fit", pairs);
    ReportMetrics& m = report.metrics;
    // LE devices (Cyclone II-IV, MAX 10) count logic elements; ALM devices
    // (Cyclone V, Arria, Stratix, Agilex) count ALMs. The unit says which.
    const KeyValue* logic = find_pair(pairs, "Total logic elements");
    m.lut_unit = "LE";
    if (logic == nullptr) {
      logic = find_pair(pairs, "Logic utilization (in ALMs)");
      m.lut_unit = "ALM";
    }
    if (logic == nullptr)
      fail(text, "no 'Total logic elements' or 'Logic utilization (in ALMs)' in the fitter summary");
    const auto logic_value = parse_used_of_available(logic->value);
    if (!logic_value) fail(text, "unreadable logic utilisation '" + std::string(logic->value) + "'");
    m.luts_used = logic_value->used;
    m.luts_available = logic_value->available;
    note_location(m, "luts_used", logic->line);
    if (m.luts_available) note_location(m, "luts_available", logic->line);
    if (const KeyValue* registers = find_pair(pairs, "Total registers")) {
      if (const auto value = parse_used_of_available(registers->value)) {
        m.ffs_used = value->used;
        note_location(m, "ffs_used", registers->line);
      }
    }
    for (const char* key : {"Total memory bits", "Total block memory bits"}) {
      if (const KeyValue* memory = find_pair(pairs, key)) {
        if (const auto value = parse_used_of_available(memory->value)) {
          m.memory_bits = value->used;
          note_location(m, "memory_bits", memory->line);
        }
      }
    }
    if (const KeyValue* dsp = find_pair(pairs, "Total DSP Blocks")) {
      if (const auto value = parse_used_of_available(dsp->value)) {
        m.dsp_blocks = value->used;
        note_location(m, "dsp_blocks", dsp->line);
      }
    }
    return report;
  }
};

// --- power ------------------------------------------------------------------

class QuartusPower final : public ReportDialect {
 public:
  std::string name() const override { return "quartus power"; }
  bool detect(const ReportText& text) const override {
    return head_starts_with(text, "Power Analyzer Status :") ||
           head_starts_with(text, "Power Analyzer report for") ||
           head_starts_with(text, "PowerPlay Power Analyzer Status :") ||
           head_starts_with(text, "PowerPlay Power Analyzer report for");
  }
  ParsedReport parse(const ReportText& text) const override {
    auto pairs = summary_pairs(text, "Power Analyzer Summary");
    if (pairs.empty()) pairs = summary_pairs(text, "PowerPlay Power Analyzer Summary");
    ParsedReport report = quartus_header(text, "power", pairs);
    const std::pair<const char*, std::optional<double> ReportMetrics::*> rows[] = {
        {"Total Thermal Power Dissipation", &ReportMetrics::total_power_mw},
        {"Core Dynamic Thermal Power Dissipation", &ReportMetrics::dynamic_power_mw},
        {"Core Static Thermal Power Dissipation", &ReportMetrics::static_power_mw}};
    const char* keys[] = {"total_power_mw", "dynamic_power_mw", "static_power_mw"};
    for (std::size_t r = 0; r < 3; ++r) {
      const KeyValue* pair = find_pair(pairs, rows[r].first);
      if (pair == nullptr) continue;
      const auto milliwatts = parse_power(pair->value);
      if (!milliwatts) {
        fail(text, "unreadable power '" + std::string(pair->value) + "' on line " +
                       std::to_string(pair->line.number));
      }
      report.metrics.*rows[r].second = milliwatts;
      note_location(report.metrics, keys[r], pair->line);
    }
    if (!report.metrics.total_power_mw) fail(text, "no Total Thermal Power Dissipation in the power summary");
    return report;
  }
};

// --- timing -----------------------------------------------------------------

class QuartusTiming final : public ReportDialect {
 public:
  std::string name() const override { return "quartus timing"; }
  bool detect(const ReportText& text) const override {
    return head_starts_with(text, "Timing Analyzer report for") ||
           head_starts_with(text, "TimeQuest Timing Analyzer report for") ||
           (text.head_contains("Timing Analyzer Summary", 4) && text.head_contains("Type  :", 12));
  }
  ParsedReport parse(const ReportText& text) const override {
    const bool full_report = head_starts_with(text, "Timing Analyzer report for") ||
                             head_starts_with(text, "TimeQuest Timing Analyzer report for");
    auto pairs = summary_pairs(text, "Timing Analyzer Summary");
    if (pairs.empty()) pairs = summary_pairs(text, "TimeQuest Timing Analyzer Summary");
    ParsedReport report = quartus_header(text, "sta", full_report ? pairs : std::vector<KeyValue>{});
    if (full_report) {
      read_fmax(text, report);
    } else {
      read_worst_setup_slack(text, report);
    }
    return report;
  }

 private:
  // The first "<slow model> Fmax Summary" table: Fmax (not Restricted Fmax) per clock.
  static void read_fmax(const ReportText& text, ParsedReport& report) {
    const auto& lines = text.lines();
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const std::string_view line = trim(lines[i].text);
      if (!starts_with(line, ";") || !contains(line, "Model Fmax Summary")) continue;
      const auto table = read_bordered_table(text, i - 1, ';');
      if (!table || table->segments.size() < 3 || table->segments[1].empty()) {
        fail(text, "the Fmax Summary table on line " + std::to_string(lines[i].number) + " is malformed");
      }
      const auto& header = table->segments[1][0].cells;
      const std::size_t fmax_col = column_of(header, "Fmax");
      const std::size_t clock_col = column_of(header, "Clock Name");
      if (fmax_col == kNotFound || clock_col == kNotFound)
        fail(text, "the Fmax Summary has no Fmax / Clock Name columns");
      for (const TableRow& row : table->segments[2]) {
        if (row.cells.size() <= std::max(fmax_col, clock_col)) {
          fail(text,
               "Fmax Summary row on line " + std::to_string(row.line) + " has fewer columns than its header");
        }
        std::string_view fmax = row.cells[fmax_col];
        if (ends_with(fmax, "MHz")) fmax.remove_suffix(3);
        const auto value = parse_number(fmax);
        if (!value)
          fail(text, "unreadable Fmax '" + std::string(row.cells[fmax_col]) + "' on line " +
                         std::to_string(row.line));
        const std::string clock(row.cells[clock_col]);
        report.metrics.fmax_mhz.emplace_back(clock, *value);
        note_location(report.metrics, "fmax_mhz." + clock, lines[static_cast<std::size_t>(row.line - 1)]);
      }
      return;
    }
  }

  // .sta.summary: "Type : <model> Setup '<clock>'" / "Slack : x" blocks; the
  // worst setup slack of the first (slow) model listed.
  static void read_worst_setup_slack(const ReportText& text, ParsedReport& report) {
    const auto& lines = text.lines();
    std::string_view model;
    std::optional<double> worst;
    Line worst_line;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
      const std::string_view line = trim(lines[i].text);
      if (!starts_with(line, "Type")) continue;
      const std::size_t colon = line.find(':');
      const std::size_t setup = line.find(" Setup '");
      if (colon == std::string_view::npos || setup == std::string_view::npos || setup <= colon) continue;
      const std::string_view this_model = trim(line.substr(colon + 1, setup - colon - 1));
      if (this_model.empty()) continue;  // newer summaries put the corner on its own line
      if (model.empty()) model = this_model;
      if (this_model != model) continue;
      const std::string_view slack_line = trim(lines[i + 1].text);
      if (!starts_with(slack_line, "Slack")) continue;
      const auto slack = parse_number(slack_line.substr(slack_line.find(':') + 1));
      if (!slack) fail(text, "unreadable slack on line " + std::to_string(lines[i + 1].number));
      if (!worst || *slack < *worst) {
        worst = slack;
        worst_line = lines[i + 1];
      }
    }
    if (worst) {
      report.metrics.wns_ns = worst;
      note_location(report.metrics, "wns_ns", worst_line);
    }
  }
};

}  // namespace

const ReportDialect& quartus_fit_dialect() {
  static const QuartusFit dialect;
  return dialect;
}
const ReportDialect& quartus_power_dialect() {
  static const QuartusPower dialect;
  return dialect;
}
const ReportDialect& quartus_timing_dialect() {
  static const QuartusTiming dialect;
  return dialect;
}

}  // namespace scn::evidence
