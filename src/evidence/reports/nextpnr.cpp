// nextpnr logs (the last "Device utilisation" block, the last "Max frequency
// for clock" per clock) and IceStorm icetime timing reports.
#include <algorithm>

#include "dialect.hpp"

namespace scn::evidence {
namespace {

// "Info: Max frequency for clock 'clk': 144.07 MHz (PASS at 13.00 MHz)"; also under "Warning:".
bool parse_max_frequency(std::string_view line, std::string& clock, double& mhz) {
  const std::size_t at = line.find("Max frequency for clock");
  if (at == std::string_view::npos) return false;
  const std::size_t open = line.find('\'', at);
  const std::size_t close = open == std::string_view::npos ? open : line.find("':", open + 1);
  if (close == std::string_view::npos) return false;
  clock = std::string(line.substr(open + 1, close - open - 1));
  std::string_view rest = trim(line.substr(close + 2));
  const std::size_t mhz_at = rest.find(" MHz");
  if (mhz_at == std::string_view::npos) return false;
  const auto value = parse_number(rest.substr(0, mhz_at));
  if (!value) return false;
  mhz = *value;
  return true;
}

class NextpnrLog final : public ReportDialect {
 public:
  std::string name() const override { return "nextpnr log"; }
  bool detect(const ReportText& text) const override {
    return text.find("Info: Device utilisation:") != kNotFound;
  }
  ParsedReport parse(const ReportText& text) const override {
    ParsedReport report;
    report.file = text.source();
    report.tool = "nextpnr";
    report.kind = "pnr_log";
    read_utilisation(text, report);
    read_fmax(text, report);
    return report;
  }

 private:
  static void read_utilisation(const ReportText& text, ParsedReport& report) {
    const auto& lines = text.lines();
    const std::size_t block = text.find_last("Info: Device utilisation:");
    ReportMetrics& m = report.metrics;
    std::optional<std::pair<std::int64_t, std::int64_t>> slices;
    Line slice_line;
    for (std::size_t i = block + 1; i < lines.size(); ++i) {
      std::string_view line = lines[i].text;
      if (!starts_with(line, "Info:")) break;
      line = trim(line.substr(5));
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) break;
      const std::string_view bel = trim(line.substr(0, colon));
      // "4012/ 5280    75%": cut the percentage before parsing used / available.
      std::string_view counts = trim(line.substr(colon + 1));
      const std::size_t last_space = counts.find_last_of(' ');
      if (last_space != std::string_view::npos && ends_with(counts, "%"))
        counts = trim(counts.substr(0, last_space));
      const auto value = parse_used_of_available(counts);
      if (!value || !value->available) continue;
      if (bel == "ICESTORM_LC" || bel == "TRELLIS_COMB") {
        report.device = bel == "ICESTORM_LC" ? "iCE40 (nextpnr-ice40)" : "ECP5 (nextpnr-ecp5)";
        m.lut_unit = "LUT4";
        m.luts_used = value->used;
        m.luts_available = value->available;
        note_location(m, "luts_used", lines[i]);
        note_location(m, "luts_available", lines[i]);
      } else if (bel == "TRELLIS_SLICE") {
        slices = std::make_pair(value->used, *value->available);
        slice_line = lines[i];
      }
    }
    // Older nextpnr-ecp5 reports slices only: each TRELLIS_SLICE holds two LUT4s.
    if (!m.luts_used && slices) {
      report.device = "ECP5 (nextpnr-ecp5)";
      m.lut_unit = "LUT4";
      m.luts_used = 2 * slices->first;
      m.luts_available = 2 * slices->second;
      note_location(m, "luts_used", slice_line);
      note_location(m, "luts_available", slice_line);
    }
    if (!m.luts_used)
      fail(text, "the last Device utilisation block has no ICESTORM_LC, TRELLIS_COMB or TRELLIS_SLICE line");
  }

  // The last report per clock wins (nextpnr prints estimates before routing and the final figure after).
  static void read_fmax(const ReportText& text, ParsedReport& report) {
    for (const Line& line : text.lines()) {
      std::string clock;
      double mhz = 0.0;
      if (!parse_max_frequency(line.text, clock, mhz)) continue;
      auto& fmax = report.metrics.fmax_mhz;
      const auto it =
          std::find_if(fmax.begin(), fmax.end(), [&](const auto& entry) { return entry.first == clock; });
      if (it == fmax.end())
        fmax.emplace_back(clock, mhz);
      else
        it->second = mhz;
      note_location(report.metrics, "fmax_mhz." + clock, line);
    }
  }
};

class Icetime final : public ReportDialect {
 public:
  std::string name() const override { return "icetime timing"; }
  bool detect(const ReportText& text) const override {
    return text.head_contains("icetime topological timing analysis report", 5);
  }
  ParsedReport parse(const ReportText& text) const override {
    ParsedReport report;
    report.file = text.source();
    report.tool = "icetime";
    report.kind = "timing";
    if (text.find("Total path delay:") == kNotFound)
      fail(text, "no 'Total path delay' line; the report looks truncated");
    return report;
  }
};

}  // namespace

const ReportDialect& nextpnr_log_dialect() {
  static const NextpnrLog dialect;
  return dialect;
}
const ReportDialect& icetime_dialect() {
  static const Icetime dialect;
  return dialect;
}

}  // namespace scn::evidence
