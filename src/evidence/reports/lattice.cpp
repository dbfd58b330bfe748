// Lattice Diamond / Radiant map (.mrp) and timing (.twr) reports.
//
// Map: the "Design Summary" section (continued over page breaks as "Design
// Summary (cont)"), read as "Number of X: used out of available" rows by
// their names. Timing: Diamond TRACE's first setup "Report Summary" table
// (one row per FREQUENCY / PERIOD preference, wrapped over lines), Radiant's
// per-clock "Clock Summary" tables of the setup sections, or the Lattice
// Synthesis Engine's "Timing Report Summary" (*_lse.twr: the TRACE layout with
// one row per create_clock / create_generated_clock constraint).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <initializer_list>

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

// Lower case with runs of blanks folded to one space: Radiant pads some row
// names ("Number of SLICE         registers"), and Diamond 1.x and 3.x differ in case.
std::string normalised(std::string_view text) { return to_lower(collapse_spaces(text)); }

bool is_rule(std::string_view line) {
  line = trim(line);
  return line.size() >= 3 && std::all_of(line.begin(), line.end(), [](char c) { return c == '-'; });
}

bool at_column_zero(std::string_view line) { return !line.empty() && !is_blank(line.front()); }

// The text between the first pair of double quotes, or "" when there is none.
std::string_view quoted(std::string_view text) {
  const std::size_t open = text.find('"');
  if (open == std::string_view::npos) return {};
  const std::size_t close = text.find('"', open + 1);
  if (close == std::string_view::npos) return {};
  return text.substr(open + 1, close - open - 1);
}

// Cells of a row drawn with '|' between the columns but not around them
// (TRACE and Radiant tables), untrimmed so that column widths survive.
std::vector<std::string_view> bar_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t bar = line.find('|', start);
    cells.push_back(line.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (bar == std::string_view::npos) return cells;
    start = bar + 1;
  }
}

double round_to_thousandths(double value) { return std::round(value * 1000.0) / 1000.0; }

// "31.217 MHz" -> 31.217; a period "19.718 ns" -> 1000/19.718 rounded to 3
// decimals (the precision the reports print); "-", "---" or "" -> nullopt.
std::optional<double> frequency_mhz(std::string_view cell) {
  cell = trim(cell);
  if (ends_with(cell, "MHz")) {
    const auto mhz = parse_number(cell.substr(0, cell.size() - 3));
    if (mhz && *mhz > 0) return mhz;
    return std::nullopt;
  }
  if (ends_with(cell, "ns")) {
    const auto ns = parse_number(cell.substr(0, cell.size() - 2));
    if (ns && *ns > 0 && std::isfinite(round_to_thousandths(1000.0 / *ns)))
      return round_to_thousandths(1000.0 / *ns);
  }
  return std::nullopt;
}

// --- map --------------------------------------------------------------------

// A section heading of a map report: a title at column 0 underlined by dashes at column 0.
bool is_map_heading(const std::vector<Line>& lines, std::size_t i) {
  return i + 1 < lines.size() && at_column_zero(lines[i].text) && starts_with(lines[i + 1].text, "-") &&
         is_rule(lines[i + 1].text);
}

struct SummaryRow {
  std::string key;  // normalised, e.g. "number of lut4s"
  std::string_view label;
  std::string_view value;
  Line line;
  std::size_t index = 0;  // of the line
};

// The "Key: value" rows of the Design Summary section, its page
// continuations ("Design Summary (cont)") included, and where the section ends.
struct DesignSummary {
  std::vector<SummaryRow> rows;
  std::size_t end = 0;

  explicit DesignSummary(const ReportText& text) {
    const auto& lines = text.lines();
    std::size_t i = 0;
    while (i < lines.size() && !(trim(lines[i].text) == "Design Summary" && is_map_heading(lines, i))) ++i;
    for (i += 2; i < lines.size(); ++i) {
      if (is_map_heading(lines, i) && !starts_with(trim(lines[i].text), "Design Summary")) break;
      const std::string_view line = trim(lines[i].text);
      const std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string_view label = trim(line.substr(0, colon));
      rows.push_back({normalised(label), label, trim(line.substr(colon + 1)), lines[i], i});
    }
    end = std::min(i, lines.size());
  }

  // The first row named like one of `names` (normalised), in that order of preference.
  const SummaryRow* find(std::initializer_list<const char*> names) const {
    for (const char* name : names)
      for (const SummaryRow& row : rows)
        if (row.key == name) return &row;
    return nullptr;
  }
};

// "1975 out of 24288 (8%)" -> 1975 of 24288; "933" (Diamond 1.x) -> 933 alone.
UsedOfAvailable used_out_of(const ReportText& text, const SummaryRow& row) {
  const auto parts = split_words(row.value);
  std::optional<std::int64_t> used;
  if (!parts.empty()) used = parse_count(parts[0]);
  if (!used || *used < 0) {
    fail(text, "unreadable '" + std::string(row.label) + "' value '" + std::string(row.value) + "' on line " +
                   std::to_string(row.line.number));
  }
  UsedOfAvailable result;
  result.used = *used;
  if (parts.size() >= 4 && parts[1] == "out" && parts[2] == "of") result.available = parse_count(parts[3]);
  return result;
}

struct CellCount {
  std::string cell;
  std::int64_t count = 0;
  Line line;
};

// Diamond ECP5 (ECP3, XP2): the MULT18X18D (C, B) row of the "Number Of Mapped
// DSP Components" table ("NAME  count" lines, possibly continued on the next
// page), which "Number of Used DSP ... Sites" rows follow.
std::optional<CellCount> mapped_multipliers(const ReportText& text, const DesignSummary& summary) {
  const SummaryRow* table = summary.find({"number of mapped dsp components"});
  if (table == nullptr) return std::nullopt;
  const auto& lines = text.lines();
  for (std::size_t i = table->index + 1; i < summary.end; ++i) {
    const std::string_view line = trim(lines[i].text);
    if (starts_with(normalised(line), "number of")) break;
    const auto parts = split_words(line);
    if (parts.size() != 2 || !starts_with(parts[0], "MULT18X18") || parts[0].size() != 10) continue;
    const auto count = parse_count(parts[1]);
    if (!count || *count < 0) continue;
    return CellCount{std::string(parts[0]), *count, lines[i]};
  }
  return std::nullopt;
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
    read_design_summary(text, report);
    return report;
  }

 private:
  static void read_design_summary(const ReportText& text, ParsedReport& report) {
    const DesignSummary summary(text);
    ReportMetrics& m = report.metrics;
    // Diamond 1.x prints only "Total number of LUT4s: 933" (no "out of").
    const SummaryRow* luts = summary.find({"number of lut4s", "total number of lut4s"});
    if (luts == nullptr)
      fail(text, "no 'Number of LUT4s' row in the Design Summary; the report looks truncated");
    const UsedOfAvailable lut_count = used_out_of(text, *luts);
    m.lut_unit = "LUT4";
    m.luts_used = lut_count.used;
    note_location(m, "luts_used", luts->line);
    if (lut_count.available) {
      m.luts_available = lut_count.available;
      note_location(m, "luts_available", luts->line);
    }
    // Diamond's "Number of registers" is the total (PFU + PIO). Radiant lists
    // slice and I/O registers as separate rows; the slice registers are the
    // design's flip-flops, the I/O registers are not added.
    const SummaryRow* registers = report.tool == "radiant"
                                      ? summary.find({"number of slice registers", "number of registers"})
                                      : summary.find({"number of registers", "number of slice registers"});
    if (registers) {
      m.ffs_used = used_out_of(text, *registers).used;
      note_location(m, "ffs_used", registers->line);
    }
    // EBR blocks; Radiant's SRAMs (iCE40UP SPRAM) and Large RAMs (Nexus LRAM) are other blocks.
    if (const SummaryRow* ebr =
            summary.find({"number of block rams", "number of ebrs", "number of ebr blocks"})) {
      m.bram_used = static_cast<double>(used_out_of(text, *ebr).used);
      m.units["bram_used"] = "EBR";
      note_location(m, "bram_used", ebr->line);
    }
    if (const auto multipliers = mapped_multipliers(text, summary)) {
      m.dsp_used = multipliers->count;
      m.units["dsp_used"] = multipliers->cell;
      note_location(m, "dsp_used", multipliers->line);
    } else if (const SummaryRow* dsp = summary.find({"number of dsps"})) {
      m.dsp_used = used_out_of(text, *dsp).used;
      m.units["dsp_used"] = "DSP";
      note_location(m, "dsp_used", dsp->line);
    }
  }
};

// --- timing -----------------------------------------------------------------

// What a timing report says about one clock (or Diamond preference).
struct ClockReading {
  std::string clock;
  double fmax_mhz = 0.0;
  Line fmax_line;
  std::optional<double> constraint_mhz;
  Line constraint_line;
  std::optional<bool> met;
};

struct TraceSummary {
  std::vector<ClockReading> clocks;
  const Line* all_met = nullptr;  // "All preferences were met." under the table
};

// 'FREQUENCY NET "clk" 100.000000 MHz ;' -> clock "clk" (a preference without
// a quoted name keeps its text); PERIOD preferences give a period, converted.
// Diamond marks a preference that is not met with '*' after its Levels.
std::optional<ClockReading> trace_clock(std::string_view preference, std::string_view constraint,
                                        std::string_view actual, std::string_view levels, const Line& line) {
  preference = trim(preference);
  if (ends_with(preference, ";")) preference = trim(preference.substr(0, preference.size() - 1));
  const std::string kind = normalised(preference);
  if (!starts_with(kind, "frequency") && !starts_with(kind, "period")) return std::nullopt;
  const auto fmax = frequency_mhz(actual);
  if (!fmax) return std::nullopt;  // '-': nothing was scored
  ClockReading reading;
  reading.clock = std::string(quoted(preference).empty() ? preference : quoted(preference));
  if (reading.clock.empty()) return std::nullopt;
  reading.fmax_mhz = *fmax;
  reading.fmax_line = line;
  reading.constraint_mhz = frequency_mhz(constraint);
  reading.constraint_line = line;
  reading.met = levels.find('*') == std::string_view::npos;
  return reading;
}

// Reads one logical row of a summary table: its first column's text (wrapped
// lines joined), its Constraint and Actual cells and its last (Levels) cell.
using RowReader = std::optional<ClockReading> (*)(std::string_view row, std::string_view constraint,
                                                  std::string_view actual, std::string_view levels,
                                                  const Line& line);

// The rows of a TRACE (or LSE) summary whose header is at `header`: one logical
// row per preference, its text wrapped over lines (cut mid-word when a word is
// wider than the column), the values on its last line; blank rows between.
TraceSummary trace_rows(const ReportText& text, std::size_t header, std::size_t constraint_col,
                        std::size_t actual_col, RowReader read_row) {
  const auto& lines = text.lines();
  TraceSummary summary;
  std::string preference;
  bool cut = false;  // the previous fragment filled its column
  bool rows_started = false;
  std::size_t i = header + 1;
  for (; i < lines.size(); ++i) {
    const std::string_view line = lines[i].text;
    if (is_rule(line)) {
      if (rows_started) break;
      continue;
    }
    if (line.find('|') == std::string_view::npos) break;
    rows_started = true;
    const auto cells = bar_cells(line);
    const auto at = [&](std::size_t c) { return c < cells.size() ? trim(cells[c]) : std::string_view{}; };
    const std::string_view fragment = trim(cells[0]);
    if (fragment.empty() && at(constraint_col).empty() && at(actual_col).empty()) {
      preference.clear();
      continue;
    }
    if (!fragment.empty()) {
      if (!preference.empty() && !cut) preference += ' ';
      preference += fragment;
      cut = !is_blank(cells[0].back());
    }
    if (at(constraint_col).empty() && at(actual_col).empty()) continue;
    const std::string_view levels = cells.back();
    if (auto reading = read_row(preference, at(constraint_col), at(actual_col), levels, lines[i]))
      summary.clocks.push_back(std::move(*reading));
    preference.clear();
  }
  // TRACE says "All preferences were met."; LSE speaks of constraints.
  for (std::size_t v = i; v < lines.size() && v < i + 5; ++v) {
    const std::string_view verdict = trim(lines[v].text);
    if (verdict == "All preferences were met." || verdict == "All constraints were met.")
      summary.all_met = &lines[v];
  }
  return summary;
}

struct SummaryColumns {
  std::size_t constraint = kNotFound;
  std::size_t actual = kNotFound;
  bool found() const { return constraint != kNotFound && actual != kNotFound; }
};

// The "Constraint" and "Actual" columns of a summary header; the first column,
// which names the rows (and is itself called "Constraint" in LSE), is not one.
SummaryColumns summary_columns(const std::vector<std::string_view>& header) {
  SummaryColumns columns;
  for (std::size_t c = 1; c < header.size(); ++c) {
    if (trim(header[c]) == "Constraint" && columns.constraint == kNotFound) columns.constraint = c;
    if (trim(header[c]) == "Actual" && columns.actual == kNotFound) columns.actual = c;
  }
  return columns;
}

// Diamond: the first setup Report Summary ("Preference", not "Preference(MIN Delays)").
std::optional<TraceSummary> trace_setup_summary(const ReportText& text) {
  const auto& lines = text.lines();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (trim(lines[i].text) != "Report Summary") continue;
    for (std::size_t h = i + 1; h < lines.size() && h < i + 5; ++h) {
      const auto header = bar_cells(lines[h].text);
      if (header.size() < 3 || !starts_with(trim(header[0]), "Preference")) continue;
      if (trim(header[0]) != "Preference") break;  // the hold summary
      const SummaryColumns columns = summary_columns(header);
      if (!columns.found()) break;
      return trace_rows(text, h, columns.constraint, columns.actual, trace_clock);
    }
  }
  return std::nullopt;
}

// "2  Setup at Speed Grade ..." -> {"2", "Setup at Speed Grade ..."}: a numbered
// heading of a Radiant timing report, at column 0 (the table of contents is indented).
std::optional<std::pair<std::string_view, std::string_view>> radiant_heading(std::string_view line) {
  if (!at_column_zero(line) || !std::isdigit(static_cast<unsigned char>(line.front()))) return std::nullopt;
  std::size_t end = 0;
  while (end < line.size() && (std::isdigit(static_cast<unsigned char>(line[end])) || line[end] == '.'))
    ++end;
  if (end >= line.size() || !is_blank(line[end])) return std::nullopt;
  return std::make_pair(line.substr(0, end), trim(line.substr(end)));
}

bool is_top_level(std::string_view number) { return number.find('.') == std::string_view::npos; }

// Several setup corners (Radiant analyses e.g. 85 and 0 degrees): a clock's
// Fmax is that of its worst corner, and it is met only if met in every corner.
void merge_corner(std::vector<ClockReading>& clocks, ClockReading reading) {
  for (ClockReading& known : clocks) {
    if (known.clock != reading.clock) continue;
    if (reading.fmax_mhz < known.fmax_mhz) {
      known.fmax_mhz = reading.fmax_mhz;
      known.fmax_line = reading.fmax_line;
    }
    if (!known.constraint_mhz) {
      known.constraint_mhz = reading.constraint_mhz;
      known.constraint_line = reading.constraint_line;
    }
    if (known.met && reading.met)
      known.met = *known.met && *reading.met;
    else if (reading.met == false)
      known.met = false;
    return;
  }
  clocks.push_back(std::move(reading));
}

// A Radiant "| Target | 41.667 ns | 24.000 MHz" row: its period and frequency
// (0 when not printed, e.g. "----"; the frequency derived from the period if need be).
struct PeriodFrequency {
  double period_ns = 0.0;
  double mhz = 0.0;
};
PeriodFrequency period_frequency(const std::vector<std::string_view>& cells) {
  PeriodFrequency value;
  for (std::size_t c = 2; c < cells.size(); ++c) {
    const std::string_view cell = trim(cells[c]);
    if (ends_with(cell, "MHz") && value.mhz <= 0.0) value.mhz = frequency_mhz(cell).value_or(0.0);
    if (ends_with(cell, "ns") && value.period_ns <= 0.0)
      value.period_ns = std::max(0.0, parse_number(cell.substr(0, cell.size() - 2)).value_or(0.0));
  }
  if (value.mhz <= 0.0 && value.period_ns > 0.0) value.mhz = round_to_thousandths(1000.0 / value.period_ns);
  return value;
}

// Radiant 2.x and later: under each setup section, '2.1.1 Clock "clk"' and its
// Single Clock Domain table, whose "Target" row is the constraint and
// "Actual (all paths)" row the achieved period and frequency. The Clock Domain
// Crossing tables that follow are not read.
std::vector<ClockReading> radiant_clock_summaries(const ReportText& text) {
  std::vector<ClockReading> clocks;
  bool setup = false;
  bool crossing = false;
  bool in_clock = false;
  ClockReading clock;
  double target_period = 0.0;  // 0 when the Target row gives none
  const auto flush = [&] {
    if (in_clock && clock.fmax_line.number > 0) merge_corner(clocks, clock);
    in_clock = false;
  };
  for (const Line& line : text.lines()) {
    if (const auto heading = radiant_heading(line.text)) {
      flush();
      if (is_top_level(heading->first)) setup = starts_with(heading->second, "Setup");
      if (setup && starts_with(heading->second, "Clock ") && !quoted(heading->second).empty()) {
        clock = ClockReading{};
        clock.clock = std::string(quoted(heading->second));
        in_clock = true;
        crossing = false;
        target_period = 0.0;
      }
      continue;
    }
    if (!in_clock || crossing) continue;
    if (contains(line.text, "Clock Domain Crossing")) {
      crossing = true;
      continue;
    }
    const auto cells = bar_cells(line.text);
    if (cells.size() < 3) continue;
    const std::string_view label = trim(cells[1]);
    const PeriodFrequency value = period_frequency(cells);
    if (value.mhz <= 0.0) continue;
    if (label == "Target" && !clock.constraint_mhz) {
      clock.constraint_mhz = value.mhz;
      clock.constraint_line = line;
      target_period = value.period_ns;
    } else if (label == "Actual (all paths)" && clock.fmax_line.number == 0) {
      clock.fmax_mhz = value.mhz;
      clock.fmax_line = line;
      if (target_period > 0.0 && value.period_ns > 0.0)
        clock.met = value.period_ns <= target_period;
      else if (clock.constraint_mhz)
        clock.met = value.mhz >= *clock.constraint_mhz;
    }
  }
  flush();
  return clocks;
}

// "create_clock -name {clk} -period 10 [get_ports clk]" -> "clk"; an unnamed
// clock is named after its object (not a generated clock's -source).
std::string sdc_clock_name(std::string_view sdc) {
  const auto parts = split_words(sdc);
  const auto unbraced = [](std::string_view name) {
    while (!name.empty() && name.front() == '{') name.remove_prefix(1);
    while (!name.empty() && (name.back() == ']' || name.back() == '}')) name.remove_suffix(1);
    return std::string(name);
  };
  for (std::size_t i = 0; i + 1 < parts.size(); ++i)
    if (parts[i] == "-name") return unbraced(parts[i + 1]);
  for (std::size_t i = 0; i + 1 < parts.size(); ++i)
    if (starts_with(parts[i], "[get_") && !(i > 0 && parts[i - 1] == "-source"))
      return unbraced(parts[i + 1]);
  return "";
}

// Radiant 1.x: a "Setup Summary Report" table per setup section, one row per
// SDC constraint (wrapped over lines): SDC Constraint | Target (period) |
// Slack | Levels | Frequency.
std::vector<ClockReading> radiant_setup_summary_tables(const ReportText& text) {
  const auto& lines = text.lines();
  std::vector<ClockReading> clocks;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto heading = radiant_heading(lines[i].text);
    if (!heading || !starts_with(heading->second, "Setup Summary Report")) continue;
    std::size_t h = i + 1;
    while (h < lines.size() && h < i + 6 && trim(bar_cells(lines[h].text)[0]) != "SDC Constraint") ++h;
    if (h >= lines.size() || h >= i + 6) continue;
    const auto header = bar_cells(lines[h].text);
    std::size_t target_col = kNotFound, slack_col = kNotFound, frequency_col = kNotFound;
    for (std::size_t c = 1; c < header.size(); ++c) {
      if (trim(header[c]) == "Target") target_col = c;
      if (trim(header[c]) == "Slack") slack_col = c;
      if (trim(header[c]) == "Frequency") frequency_col = c;
    }
    if (frequency_col == kNotFound) continue;
    std::string sdc;
    for (std::size_t r = h + 1; r < lines.size(); ++r) {
      const std::string_view line = lines[r].text;
      if (trim(line).empty() || radiant_heading(line)) break;
      if (is_rule(line)) continue;
      const auto cells = bar_cells(line);
      const auto at = [&](std::size_t c) { return c < cells.size() ? trim(cells[c]) : std::string_view{}; };
      if (const std::string_view fragment = trim(cells[0]); !fragment.empty()) {
        if (!sdc.empty()) sdc += ' ';
        sdc += fragment;
      }
      if (at(frequency_col).empty() && at(target_col).empty()) continue;
      ClockReading reading;
      reading.clock = sdc_clock_name(sdc);
      sdc.clear();
      const auto fmax = frequency_mhz(at(frequency_col));
      if (reading.clock.empty() || !fmax) continue;
      reading.fmax_mhz = *fmax;
      reading.fmax_line = lines[r];
      reading.constraint_mhz = frequency_mhz(at(target_col));
      reading.constraint_line = lines[r];
      std::string_view slack = at(slack_col);
      if (ends_with(slack, "ns")) slack.remove_suffix(2);
      if (const auto value = parse_number(slack)) reading.met = *value >= 0.0;
      merge_corner(clocks, std::move(reading));
    }
  }
  return clocks;
}

// LSE: 'create_clock -period 5.000000 -name clk1 [get_nets clk]' (or
// create_generated_clock) -> clock "clk1". Actual is the worst path's delay,
// converted; the constraint is the Constraint cell, else the -period.
// LSE marks a constraint that is not met with '*' after its Levels, as TRACE.
std::optional<ClockReading> lse_clock(std::string_view sdc, std::string_view constraint,
                                      std::string_view actual, std::string_view levels, const Line& line) {
  const auto words = split_words(sdc);
  if (words.empty() || (words[0] != "create_clock" && words[0] != "create_generated_clock"))
    return std::nullopt;
  const auto fmax = frequency_mhz(actual);
  if (!fmax) return std::nullopt;  // '-': nothing was scored
  ClockReading reading;
  reading.clock = sdc_clock_name(sdc);
  if (reading.clock.empty()) return std::nullopt;
  reading.fmax_mhz = *fmax;
  reading.fmax_line = line;
  reading.constraint_mhz = frequency_mhz(constraint);
  for (std::size_t w = 1; !reading.constraint_mhz && w + 1 < words.size(); ++w) {
    if (words[w] != "-period") continue;
    const auto period = parse_number(words[w + 1]);
    if (period && *period > 0 && std::isfinite(round_to_thousandths(1000.0 / *period)))
      reading.constraint_mhz = round_to_thousandths(1000.0 / *period);
    break;
  }
  reading.constraint_line = line;
  reading.met = levels.find('*') == std::string_view::npos;
  return reading;
}

// LSE: the "Timing Report Summary" table, found by its header
// "Constraint | Constraint | Actual | Levels" (the first column holds the SDC text).
std::optional<TraceSummary> lse_summary(const ReportText& text) {
  const auto& lines = text.lines();
  for (std::size_t h = 0; h < lines.size(); ++h) {
    const std::string_view line = lines[h].text;
    if (!starts_with(trim(line), "Constraint") || line.find('|') == std::string_view::npos) continue;
    const auto header = bar_cells(line);
    if (header.size() < 3 || trim(header[0]) != "Constraint") continue;
    const SummaryColumns columns = summary_columns(header);
    if (columns.found()) return trace_rows(text, h, columns.constraint, columns.actual, lse_clock);
  }
  return std::nullopt;
}

// Fmax, constraint and verdict per clock (the first row of a clock wins);
// timing_met is false when a clock failed, true when every clock has a
// verdict and all passed, absent otherwise.
void record_clocks(ReportMetrics& m, const std::vector<ClockReading>& clocks, const Line* all_met_line) {
  const ClockReading* first_failure = nullptr;
  bool every_verdict = true;
  for (const ClockReading& reading : clocks) {
    const auto same = [&](const auto& known) { return known.first == reading.clock; };
    if (std::any_of(m.fmax_mhz.begin(), m.fmax_mhz.end(), same)) continue;
    m.fmax_mhz.emplace_back(reading.clock, reading.fmax_mhz);
    note_location(m, "fmax_mhz." + reading.clock, reading.fmax_line);
    m.clock_constraints.push_back({reading.clock, reading.constraint_mhz, reading.met});
    if (reading.constraint_mhz) {
      note_location(m, "fmax_constraint_mhz." + reading.clock, reading.constraint_line);
      if (!m.locations.count("fmax_constraint_mhz"))
        note_location(m, "fmax_constraint_mhz", reading.constraint_line);
    }
    if (!reading.met) {
      every_verdict = false;
      continue;
    }
    note_location(m, "clock_timing_met." + reading.clock, reading.fmax_line);
    if (!m.locations.count("clock_timing_met")) note_location(m, "clock_timing_met", reading.fmax_line);
    if (!*reading.met && first_failure == nullptr) first_failure = &reading;
  }
  if (first_failure != nullptr) {
    m.timing_met = false;
    note_location(m, "timing_met", first_failure->fmax_line);
  } else if (every_verdict && !clocks.empty()) {
    m.timing_met = true;
    note_location(m, "timing_met", all_met_line ? *all_met_line : clocks.back().fmax_line);
  }
}

class LatticeTrace final : public ReportDialect {
 public:
  std::string name() const override { return "lattice trace"; }
  bool detect(const ReportText& text) const override {
    return text.head_contains("Lattice TRACE Report", 30) ||
           text.head_contains("Lattice Timing Report", 30) ||
           text.head_contains("Lattice Synthesis Timing Report", 30);
  }
  ParsedReport parse(const ReportText& text) const override {
    ParsedReport report;
    report.file = text.source();
    report.kind = "timing";
    // Diamond: "Lattice TRACE Report - Setup, Version Diamond (64-bit) 3.11.0.396.4";
    // Radiant: "Lattice Timing Report -  Setup  and Hold, Version Radiant Software (64-bit) 2024.2.0.3.0";
    // LSE: "Lattice Synthesis Timing Report, Version " (Diamond 3.13 prints no version).
    std::size_t title = text.find("Lattice TRACE Report");
    bool radiant = false, lse = false;
    if (title == kNotFound) {
      title = text.find("Lattice Timing Report");
      radiant = title != kNotFound;
    }
    if (title == kNotFound) {
      title = text.find("Lattice Synthesis Timing Report");
      lse = title != kNotFound;
    }
    if (title == kNotFound)
      fail(text,
           "no 'Lattice TRACE Report' title line (nor a Radiant 'Lattice Timing Report' or an LSE 'Lattice "
           "Synthesis Timing Report')");
    const std::string_view line = text.lines()[title].text;
    const std::size_t version = line.find("Version ");
    if (version != std::string_view::npos) report.tool_version = std::string(trim(line.substr(version + 8)));
    report.tool = radiant || contains(report.tool_version, "Radiant") ? "radiant" : "diamond";
    report.device = value_after(text, "Device:");
    if (lse && report.device.empty()) {
      // TRACE's "Device,speed:    LCMXO2-7000HE,5", should LSE print it.
      const std::string device_speed = value_after(text, "Device,speed:");
      report.device = std::string(trim(std::string_view(device_speed).substr(0, device_speed.find(','))));
    }
    if (lse) {
      if (const auto summary = lse_summary(text))
        record_clocks(report.metrics, summary->clocks, summary->all_met);
    } else if (radiant) {
      auto clocks = radiant_clock_summaries(text);
      if (clocks.empty()) clocks = radiant_setup_summary_tables(text);
      record_clocks(report.metrics, clocks, nullptr);
    } else if (const auto summary = trace_setup_summary(text)) {
      record_clocks(report.metrics, summary->clocks, summary->all_met);
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
}  // namespace scn::evidence
