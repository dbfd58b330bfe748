// nextpnr logs of every architecture (the last "Device utilisation" block in
// the architecture's BEL names, the last "Max frequency for clock" per clock
// with its constraint and verdict) and IceStorm icetime timing reports.
#include <algorithm>

#include "dialect.hpp"
#include "nextpnr_arch.hpp"

namespace scn::evidence {
namespace {

// "Info: Max frequency for clock    'clk': 144.07 MHz (PASS at 13.00 MHz)"; also under
// "Warning:" and "ERROR:" when the clock fails. Clock-to-clock lines ("for a -> b") are not clocks.
bool parse_max_frequency(std::string_view line, std::string& clock, double& mhz,
                         std::optional<double>& target, std::optional<bool>& met) {
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
  // "(PASS at 13.00 MHz)": the verdict and the constraint.
  rest = trim(rest.substr(mhz_at + 4));
  target.reset();
  met.reset();
  if (starts_with(rest, "(PASS at ") || starts_with(rest, "(FAIL at ")) {
    met = starts_with(rest, "(PASS");
    const std::string_view figure = rest.substr(9);
    const std::size_t unit = figure.find(" MHz");
    if (unit != std::string_view::npos) target = parse_number(figure.substr(0, unit));
  }
  return true;
}

// "Info: \t         ICESTORM_LC:  4012/ 5280    75%" -> the BEL, used and available.
std::optional<BelUsage> parse_utilisation_row(std::string_view line) {
  if (!starts_with(line, "Info:")) return std::nullopt;
  line = trim(line.substr(5));
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  const std::string_view bel = trim(line.substr(0, colon));
  if (bel.empty() || contains(bel, " ")) return std::nullopt;
  // Cut the percentage before parsing used / available.
  std::string_view counts = trim(line.substr(colon + 1));
  const std::size_t last_space = counts.find_last_of(' ');
  if (last_space != std::string_view::npos && ends_with(counts, "%"))
    counts = trim(counts.substr(0, last_space));
  const auto value = parse_used_of_available(counts);
  if (!value || !value->available) return std::nullopt;
  return BelUsage{std::string(bel), value->used, value->available};
}

class NextpnrLog final : public ReportDialect {
 public:
  std::string name() const override { return "nextpnr log"; }
  bool detect(const ReportText& text) const override {
    return text.find("Info: Device utilisation:") != kNotFound;
  }
  std::string near_miss(const ReportText& text) const override {
    if (text.find("Info: Packing") == kNotFound && text.find("nextpnr") == kNotFound) return "";
    return "a nextpnr log without a 'Device utilisation' block (did it stop before packing finished?)";
  }
  ParsedReport parse(const ReportText& text) const override {
    ParsedReport report;
    report.file = text.source();
    report.tool = "nextpnr";
    report.kind = "pnr_log";
    report.device = read_bel_metrics(utilisation_rows(text), report.metrics, printed_device(text));
    read_packing_totals(text, report.metrics);
    read_fmax(text, report);
    return report;
  }

 private:
  // The old nextpnr-gowin names the part: "Info: Series:GW1N-9C Device:GW1NR-9C Package:QFN88P Speed:C6/I5".
  static std::string printed_device(const ReportText& text) {
    for (const Line& line : text.lines()) {
      if (!starts_with(line.text, "Info: Series:")) continue;
      const std::size_t at = line.text.find(" Device:");
      if (at == std::string_view::npos) return "";
      const auto words = split_words(line.text.substr(at + 8));
      return words.empty() ? "" : std::string(words.front());
    }
    return "";
  }

  // Older nextpnr-ecp5 counts TRELLIS_SLICEs (two LUT4 sites each, so 2 x slices
  // overstates the LUTs) but prints the exact cells first: "Info: Logic
  // utilisation before packing:" / "Total LUT4s: 26/83640" / "Total DFFs: 52/83640".
  static void read_packing_totals(const ReportText& text, ReportMetrics& m) {
    if (m.logic_bel != "TRELLIS_SLICE") return;
    const std::size_t block = text.find_last("Info: Logic utilisation before packing:");
    if (block == kNotFound) return;
    for (std::size_t i = block + 1; i < text.lines().size() && i < block + 12; ++i) {
      const Line& line = text.lines()[i];
      const std::string_view row = trim(line.text.substr(std::min<std::size_t>(5, line.text.size())));
      const bool luts = starts_with(row, "Total LUT4s:");
      if (!luts && !starts_with(row, "Total DFFs:")) continue;
      std::string_view counts = trim(row.substr(row.find(':') + 1));
      if (const std::size_t space = counts.find_last_of(' ');
          space != std::string_view::npos && ends_with(counts, "%"))
        counts = trim(counts.substr(0, space));
      const auto value = parse_used_of_available(counts);
      if (!value) continue;
      const std::string key = luts ? "luts_used" : "ffs_used";
      (luts ? m.luts_used : m.ffs_used) = value->used;
      note_location(m, key, line);
      if (luts && value->available) {
        m.luts_available = value->available;
        note_location(m, "luts_available", line);
      }
    }
  }

  // A run that stopped on an error ("ERROR: Routing design failed.") printed
  // at best pre-route estimates: its Fmax figures stand, but no timing verdict.
  static bool run_failed(const ReportText& text) {
    for (const Line& line : text.lines())
      if (starts_with(line.text, "ERROR: ") && !contains(line.text, "Max frequency")) return true;
    return false;
  }

  // The last "Device utilisation" block (nextpnr prints one after packing and, in some versions, another
  // after placement; the last describes the final design).
  static std::vector<BelRow> utilisation_rows(const ReportText& text) {
    const auto& lines = text.lines();
    std::vector<BelRow> rows;
    const std::size_t block = text.find_last("Info: Device utilisation:");
    if (block == kNotFound) fail(text, "no 'Device utilisation' block");
    for (std::size_t i = block + 1; i < lines.size(); ++i) {
      const auto usage = parse_utilisation_row(lines[i].text);
      if (!usage) {
        if (rows.empty() && trim(lines[i].text) == "Info:") continue;  // a blank "Info:" before the rows
        break;
      }
      rows.push_back({*usage, {lines[i].number, std::string(trim(lines[i].text))}});
    }
    if (rows.empty()) fail(text, "the last 'Device utilisation' block has no 'BEL: used/ available' row");
    return rows;
  }

  static void read_fmax(const ReportText& text, ParsedReport& report) {
    for (const Line& line : text.lines()) {
      std::string clock;
      double mhz = 0.0;
      std::optional<double> target;
      std::optional<bool> met;
      if (!parse_max_frequency(line.text, clock, mhz, target, met)) continue;
      record_fmax(report.metrics, clock, mhz, target, met, {line.number, std::string(trim(line.text))});
    }
    if (run_failed(text))
      for (ClockConstraint& clock : report.metrics.clock_constraints) clock.met.reset();
    summarise_timing(report.metrics);
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
