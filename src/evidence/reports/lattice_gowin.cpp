// Lattice Diamond / Radiant map and TRACE reports and Gowin PnR reports:
// tool, kind, version and device are read; their resource tables are not
// parsed yet (no checked ground truth for them in our corpus).
#include "dialect.hpp"

namespace scn::evidence {
namespace {

// The value after `key` on the first line (of the first `limit`) that starts with it.
std::string value_after(const ReportText& text, std::string_view key, std::size_t limit = 40) {
  for (std::size_t i = 0; i < text.lines().size() && i < limit; ++i) {
    const std::string_view line = trim(text.lines()[i].text);
    if (starts_with(line, key)) return std::string(trim(line.substr(key.size())));
  }
  return "";
}

class LatticeMap final : public ReportDialect {
 public:
  std::string name() const override { return "lattice map"; }
  bool detect(const ReportText& text) const override {
    return text.head_contains("Lattice Mapping Report File", 5);
  }
  ParsedReport parse(const ReportText& text) const override {
    ParsedReport report;
    report.file = text.source();
    report.kind = "map";
    // "Mapper:  sa5p00,  version:  Diamond (64-bit) 3.11.0.396.4" or "Mapper:    version Radiant Software
    // ...".
    std::string mapper = value_after(text, "Mapper:");
    const std::size_t version = mapper.find("version");
    if (version == std::string::npos) fail(text, "no 'Mapper: ... version' line in the map report header");
    std::string_view value = trim(std::string_view(mapper).substr(version + 7));
    if (starts_with(value, ":")) value = trim(value.substr(1));
    report.tool_version = std::string(value);
    report.tool = contains(value, "Radiant") ? "radiant" : "diamond";
    report.device = value_after(text, "Target Device:");
    if (report.device.empty()) report.device = value_after(text, "Device:");
    return report;
  }
};

class LatticeTrace final : public ReportDialect {
 public:
  std::string name() const override { return "lattice trace"; }
  bool detect(const ReportText& text) const override {
    return text.head_contains("Lattice TRACE Report", 30);
  }
  ParsedReport parse(const ReportText& text) const override {
    ParsedReport report;
    report.file = text.source();
    report.tool = "diamond";
    report.kind = "timing";
    const std::size_t title = text.find("Lattice TRACE Report");
    if (title == kNotFound) fail(text, "no 'Lattice TRACE Report' title line");
    const std::string_view line = text.lines()[title].text;
    const std::size_t version = line.find("Version ");
    if (version != std::string_view::npos) report.tool_version = std::string(trim(line.substr(version + 8)));
    report.device = value_after(text, "Device:");
    return report;
  }
};

// <td class="label">Key</td> followed by <td>value</td> on the next line.
std::string html_cell_after(const ReportText& text, std::string_view label) {
  const std::size_t at = text.find("<td class=\"label\">" + std::string(label) + "</td>");
  if (at == kNotFound || at + 1 >= text.lines().size()) return "";
  std::string_view next = trim(text.lines()[at + 1].text);
  if (!starts_with(next, "<td>") || !ends_with(next, "</td>")) return "";
  return std::string(next.substr(4, next.size() - 9));
}

class Gowin final : public ReportDialect {
 public:
  std::string name() const override { return "gowin report"; }
  bool detect(const ReportText& text) const override {
    return text.head_contains("Gowin", 80) && (text.find("<Series/Device/Package/Speed>") != kNotFound ||
                                               text.find("Series, Device, Package") != kNotFound);
  }
  ParsedReport parse(const ReportText& text) const override {
    ParsedReport report;
    report.file = text.source();
    report.tool = "gowin";
    report.kind = "report";
    report.tool_version = html_cell_after(text, "Tool Version");
    const std::size_t series = text.find("<Series/Device/Package/Speed>:");
    if (series != kNotFound) {
      const std::string_view line = text.lines()[series].text;
      report.device = std::string(trim(line.substr(line.find(">:") + 2)));
    } else {
      report.device = html_cell_after(text, "Series, Device, Package, Speed, Operating Condition, Process");
      if (report.device.empty())
        report.device = html_cell_after(text, "Series, Device, Package, Speed, Operating Conditions");
    }
    return report;
  }
};

}  // namespace

const ReportDialect& lattice_map_dialect() {
  static const LatticeMap dialect;
  return dialect;
}
const ReportDialect& lattice_trace_dialect() {
  static const LatticeTrace dialect;
  return dialect;
}
const ReportDialect& gowin_dialect() {
  static const Gowin dialect;
  return dialect;
}

}  // namespace scn::evidence
