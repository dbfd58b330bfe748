// Vivado report_utilization, report_power and report_timing_summary.
#include <map>

#include "dialect.hpp"
#include "sc_neurocore/core/error.hpp"

namespace scn::evidence {
namespace {

// "| Tool Version : Vivado v.2023.1 (lin64) Build ..." -> "v.2023.1"; "| Device : xc7s50..." -> "xc7s50...".
std::string header_value(const ReportText& text, std::string_view key) {
  for (std::size_t i = 0; i < text.lines().size() && i < 30; ++i) {
    std::string_view line = trim(text.lines()[i].text);
    if (!starts_with(line, "|")) continue;
    line = trim(line.substr(1));
    if (!starts_with(line, key)) continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || trim(line.substr(key.size(), colon - key.size())) != "") continue;
    return std::string(trim(line.substr(colon + 1)));
  }
  return "";
}

ParsedReport vivado_header(const ReportText& text, const char* kind) {
  ParsedReport report;
  report.file = text.source();
  report.tool = "vivado";
  report.kind = kind;
  const std::string tool_version = header_value(text, "Tool Version");
  // "Vivado v.2023.1 (lin64) Build 3865809 ..." -> "v.2023.1"
  const std::size_t v = tool_version.find("v.");
  if (v != std::string::npos) report.tool_version = tool_version.substr(v, tool_version.find(' ', v) - v);
  report.device = header_value(text, "Device");
  return report;
}

bool is_vivado_report(const ReportText& text, std::string_view command, std::string_view title) {
  if (!text.head_contains("Vivado")) return false;
  return text.head_contains(command) || text.head_contains(title);
}

// --- utilization ------------------------------------------------------------

struct SiteRow {
  std::int64_t used = 0;
  std::optional<std::int64_t> available;
  double used_value = 0.0;
  Line line;
};

// Row labels of the first summary tables: 7-series and UltraScale spellings.
std::string_view canonical_site(std::string_view label) {
  if (ends_with(label, "*")) label.remove_suffix(1);
  label = trim(label);
  if (label == "Slice LUTs" || label == "CLB LUTs") return "luts";
  if (label == "Slice Registers" || label == "CLB Registers") return "ffs";
  if (label == "Block RAM Tile") return "bram";
  if (label == "DSPs") return "dsp";
  return "";
}

class VivadoUtilization final : public ReportDialect {
 public:
  std::string name() const override { return "vivado utilization"; }
  bool detect(const ReportText& text) const override {
    return is_vivado_report(text, "report_utilization", "Utilization Design Information");
  }
  ParsedReport parse(const ReportText& text) const override {
    ParsedReport report = vivado_header(text, "utilization");
    // Rule for repeated sections (Vivado 2024.2 prints some two or three
    // times): the first table row of each site wins; a repeat that disagrees
    // is an error, because we cannot tell which one is true.
    std::map<std::string_view, SiteRow> sites;
    const auto& lines = text.lines();
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (!is_border(lines[i].text)) continue;
      const auto table = read_bordered_table(text, i, '|');
      if (!table) continue;
      i = table->end_index - 1;
      if (table->segments.size() < 2 || table->segments[0].empty()) continue;
      const auto& header = table->segments[0][0].cells;
      const std::size_t used_col = column_of(header, "Used");
      const std::size_t available_col = column_of(header, "Available");
      if (column_of(header, "Site Type") != 0 || used_col == kNotFound) continue;
      for (std::size_t s = 1; s < table->segments.size(); ++s) {
        for (const TableRow& row : table->segments[s]) {
          const std::string_view site = canonical_site(row.cells[0]);
          if (site.empty() || row.cells.size() <= used_col) continue;
          SiteRow value;
          const auto used = parse_number(row.cells[used_col]);
          // A count beyond 2^53 is no real device's: refuse it rather than convert out of range.
          if (!used || !(*used >= 0 && *used <= 9.0e15))
            fail(text, "unreadable Used value '" + std::string(row.cells[used_col]) + "' on line " +
                           std::to_string(row.line));
          value.used_value = *used;
          value.used = static_cast<std::int64_t>(*used);
          if (available_col != kNotFound && available_col < row.cells.size())
            value.available = parse_count(row.cells[available_col]);
          value.line = {row.line, lines[static_cast<std::size_t>(row.line - 1)].text};
          const auto [it, inserted] = sites.emplace(site, value);
          if (!inserted &&
              (it->second.used_value != value.used_value || it->second.available != value.available)) {
            fail(text, "repeated " + std::string(row.cells[0]) + " rows disagree (lines " +
                           std::to_string(it->second.line.number) + " and " + std::to_string(row.line) + ")");
          }
        }
      }
    }
    if (!sites.count("luts")) {
      hierarchical_total(text, report);
      if (!report.metrics.luts_used)
        fail(text, "no Slice LUTs / CLB LUTs row found; the report looks truncated");
      return report;
    }
    ReportMetrics& m = report.metrics;
    const SiteRow& luts = sites.at("luts");
    m.lut_unit = "LUT6";
    m.luts_used = luts.used;
    m.luts_available = luts.available;
    note_location(m, "luts_used", luts.line);
    if (luts.available) note_location(m, "luts_available", luts.line);
    if (const auto it = sites.find("ffs"); it != sites.end()) {
      m.ffs_used = it->second.used;
      note_location(m, "ffs_used", it->second.line);
    }
    if (const auto it = sites.find("bram"); it != sites.end()) {
      m.bram_used = it->second.used_value;  // tiles; half tiles (RAMB18) count 0.5
      m.units["bram_used"] = "RAMB36 tile";
      note_location(m, "bram_used", it->second.line);
    }
    if (const auto it = sites.find("dsp"); it != sites.end()) {
      m.dsp_used = it->second.used;
      m.units["dsp_used"] = "DSP slice";
      note_location(m, "dsp_used", it->second.line);
    }
    return report;
  }

 private:
  // report_utilization -hierarchical: the first row of the instance table is the top's total.
  static void hierarchical_total(const ReportText& text, ParsedReport& report) {
    const auto& lines = text.lines();
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (!is_border(lines[i].text)) continue;
      const auto table = read_bordered_table(text, i, '|');
      if (!table) continue;
      i = table->end_index - 1;
      if (table->segments.size() < 2 || table->segments[0].empty() || table->segments[1].empty()) continue;
      const auto& header = table->segments[0][0].cells;
      const std::size_t luts_col = column_of(header, "Total LUTs");
      if (column_of(header, "Instance") != 0 || luts_col == kNotFound) continue;
      const TableRow& top = table->segments[1][0];
      const std::size_t ffs_col = column_of(header, "FFs");
      if (top.cells.size() != header.size()) {
        fail(text, "the top instance row on line " + std::to_string(top.line) + " does not match its header");
      }
      const auto luts = parse_count(top.cells[luts_col]);
      if (!luts) fail(text, "unreadable Total LUTs of the top instance on line " + std::to_string(top.line));
      ReportMetrics& m = report.metrics;
      m.lut_unit = "LUT6";
      m.luts_used = *luts;
      const Line line{top.line, lines[static_cast<std::size_t>(top.line - 1)].text};
      note_location(m, "luts_used", line);
      if (ffs_col != kNotFound) {
        m.ffs_used = parse_count(top.cells[ffs_col]);
        if (m.ffs_used) note_location(m, "ffs_used", line);
      }
      return;
    }
  }
};

// --- power ------------------------------------------------------------------

class VivadoPower final : public ReportDialect {
 public:
  std::string name() const override { return "vivado power"; }
  bool detect(const ReportText& text) const override {
    return is_vivado_report(text, "report_power", "Power Report");
  }
  ParsedReport parse(const ReportText& text) const override {
    ParsedReport report = vivado_header(text, "power");
    const std::size_t summary = text.find("Total On-Chip Power");
    if (summary == kNotFound) fail(text, "no Total On-Chip Power row found; the report looks truncated");
    // The summary table: "| Total On-Chip Power (W) | 0.077 |" etc.; the unit is in the label.
    std::size_t border = summary;
    while (border > 0 && !is_border(text.lines()[border].text)) --border;
    const auto table = read_bordered_table(text, border, '|');
    if (!table) fail(text, "the power summary table is malformed");
    const std::pair<const char*, std::optional<double> ReportMetrics::*> rows[] = {
        {"Total On-Chip Power", &ReportMetrics::total_power_mw},
        {"Dynamic", &ReportMetrics::dynamic_power_mw},
        {"Device Static", &ReportMetrics::static_power_mw}};
    for (const auto& segment : table->segments) {
      for (const TableRow& row : segment) {
        if (row.cells.size() < 2) continue;
        for (const auto& [label, field] : rows) {
          const std::string_view cell = row.cells[0];
          if (!starts_with(cell, label) || report.metrics.*field) continue;
          // Label must be exactly "<label> (<unit>)".
          const std::size_t open = cell.find('(');
          const std::size_t close = cell.find(')');
          if (open == std::string_view::npos || close == std::string_view::npos ||
              trim(cell.substr(0, open)) != label)
            continue;
          const auto value = parse_number(row.cells[1]);
          const auto milliwatts = value ? to_milliwatts(*value, cell.substr(open + 1, close - open - 1))
                                        : std::optional<double>{};
          if (!milliwatts) {
            fail(text, "unreadable power '" + std::string(row.cells[1]) + "' in row '" + std::string(cell) +
                           "' on line " + std::to_string(row.line));
          }
          report.metrics.*field = milliwatts;
          note_location(report.metrics,
                        field == &ReportMetrics::total_power_mw     ? "total_power_mw"
                        : field == &ReportMetrics::dynamic_power_mw ? "dynamic_power_mw"
                                                                    : "static_power_mw",
                        {row.line, text.lines()[static_cast<std::size_t>(row.line - 1)].text});
        }
      }
    }
    if (!report.metrics.total_power_mw) fail(text, "Total On-Chip Power has no readable value");
    return report;
  }
};

// --- timing summary ---------------------------------------------------------

class VivadoTiming final : public ReportDialect {
 public:
  std::string name() const override { return "vivado timing"; }
  bool detect(const ReportText& text) const override {
    return is_vivado_report(text, "report_timing_summary", "Timing Summary Report");
  }
  ParsedReport parse(const ReportText& text) const override {
    ParsedReport report = vivado_header(text, "timing");
    const std::size_t title = text.find("Design Timing Summary");
    if (title == kNotFound) fail(text, "no Design Timing Summary section found; the report looks truncated");
    const auto& lines = text.lines();
    std::size_t header = text.find("WNS(ns)", title);
    if (header == kNotFound || header > title + 10 || header + 2 >= lines.size()) {
      fail(text, "the Design Timing Summary table is missing or truncated");
    }
    // Columns are aligned: the dashed rule under the header gives each column's span.
    const std::string_view names = lines[header].text;
    const std::string_view rule = lines[header + 1].text;
    const std::string_view values = lines[header + 2].text;
    std::size_t pos = 0;
    while (pos < rule.size()) {
      while (pos < rule.size() && rule[pos] == ' ') ++pos;
      const std::size_t end =
          rule.find(' ', pos) == std::string_view::npos ? rule.size() : rule.find(' ', pos);
      if (end <= pos) break;
      const std::string_view name =
          pos < names.size() ? trim(names.substr(pos, end - pos)) : std::string_view();
      const auto value = pos < values.size() ? parse_number(values.substr(pos, end - pos)) : std::nullopt;
      const Line line{lines[header + 2].number, values};
      const auto assign = [&](const char* key, std::optional<double> ReportMetrics::*field) {
        if (!value) fail(text, std::string("unreadable ") + key + " on line " + std::to_string(line.number));
        report.metrics.*field = value;
        note_location(report.metrics, key, line);
      };
      if (name == "WNS(ns)") assign("wns_ns", &ReportMetrics::wns_ns);
      if (name == "TNS(ns)") assign("tns_ns", &ReportMetrics::tns_ns);
      if (name == "WHS(ns)") assign("whs_ns", &ReportMetrics::whs_ns);
      pos = end;
    }
    if (!report.metrics.wns_ns) fail(text, "the Design Timing Summary has no WNS column");
    return report;
  }
};

}  // namespace

const ReportDialect& vivado_utilization_dialect() {
  static const VivadoUtilization dialect;
  return dialect;
}
const ReportDialect& vivado_power_dialect() {
  static const VivadoPower dialect;
  return dialect;
}
const ReportDialect& vivado_timing_dialect() {
  static const VivadoTiming dialect;
  return dialect;
}

}  // namespace scn::evidence
