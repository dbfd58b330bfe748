// Yosys `stat` output inside a synthesis log: the last "Printing statistics"
// section, the top module (or the design hierarchy totals), cells by type.
#include <map>

#include "dialect.hpp"

namespace scn::evidence {
namespace {

struct CellCount {
  std::int64_t count = 0;
  Line line;
};

// LUT cell families and their unit: iCE40 SB_LUT4, ECP5/Gowin LUT4, Xilinx LUT1..LUT6.
struct LutFamily {
  std::string_view cell;
  std::string_view unit;
};
constexpr LutFamily kLutFamilies[] = {{"SB_LUT4", "LUT4"}, {"LUT4", "LUT4"}, {"LUT1", "LUT6"},
                                      {"LUT2", "LUT6"},    {"LUT3", "LUT6"}, {"LUT5", "LUT6"},
                                      {"LUT6", "LUT6"}};

bool is_flip_flop(std::string_view cell) {
  for (const std::string_view prefix : {"SB_DFF", "TRELLIS_FF", "FDRE", "FDSE", "FDCE", "FDPE", "DFF",
                                        "$_DFF", "$_SDFF", "$_DFFE", "$_ALDFF", "$_DLATCH"})
    if (starts_with(cell, prefix)) return true;
  return false;
}

// "     SB_LUT4        25" (older Yosys) or "        25   SB_LUT4" (newer): a name and a count.
bool parse_cell_line(std::string_view line, std::string_view& name, std::int64_t& count) {
  line = trim(line);
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos) return false;
  const std::string_view first = line.substr(0, space);
  const std::string_view second = trim(line.substr(space));
  if (contains(second, " ")) return false;
  if (const auto n = parse_count(second)) {
    name = first;
    count = *n;
    return true;
  }
  if (const auto n = parse_count(first)) {
    name = second;
    count = *n;
    return true;
  }
  return false;
}

class YosysStat final : public ReportDialect {
 public:
  std::string name() const override { return "yosys stat"; }
  bool detect(const ReportText& text) const override {
    return text.find("Printing statistics.") != kNotFound && text.find_last("Yosys ") != kNotFound &&
           text.find("Number of cells") != kNotFound;
  }
  ParsedReport parse(const ReportText& text) const override {
    ParsedReport report;
    report.file = text.source();
    report.tool = "yosys";
    report.kind = "synth_stat";
    read_version_and_target(text, report);
    const auto cells = last_statistics(text);
    ReportMetrics& m = report.metrics;
    for (const auto& family : kLutFamilies) {
      const auto it = cells.find(family.cell);
      if (it == cells.end()) continue;
      if (m.lut_unit && *m.lut_unit != family.unit) fail(text, "LUT cells of two families in one design");
      m.lut_unit = std::string(family.unit);
      m.luts_used = m.luts_used.value_or(0) + it->second.count;
      note_location(m, "luts_used", it->second.line);
    }
    std::int64_t flip_flops = 0;
    const Line* ff_line = nullptr;
    for (const auto& [cell, count] : cells) {
      if (!is_flip_flop(cell)) continue;
      flip_flops += count.count;
      ff_line = &count.line;
    }
    if (ff_line != nullptr) {
      m.ffs_used = flip_flops;
      note_location(m, "ffs_used", *ff_line);
    }
    return report;
  }

 private:
  // "Yosys 0.9+4081 (git sha1 ...)" -> "Yosys 0.9+4081"; "Executing SYNTH_ICE40 pass." -> "target:
  // synth_ice40".
  static void read_version_and_target(const ReportText& text, ParsedReport& report) {
    for (std::size_t i = text.lines().size(); i-- > 0;) {
      const std::string_view line = trim(text.lines()[i].text);
      if (!starts_with(line, "Yosys ") || !contains(line, "(git sha1")) continue;
      report.tool_version = std::string(trim(line.substr(0, line.find(" (git"))));
      break;
    }
    const std::size_t synth = text.find("Executing SYNTH_");
    if (synth != kNotFound) {
      const std::string_view line = text.lines()[synth].text;
      const std::size_t start = line.find("SYNTH_");
      std::string target(line.substr(start, line.find(' ', start) - start));
      for (char& c : target) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      report.device = "target: " + target;
    }
  }

  // Cell counts of the last statistics section: the "design hierarchy" totals
  // when present (hierarchical designs), else the last module listed.
  static std::map<std::string_view, CellCount> last_statistics(const ReportText& text) {
    const auto& lines = text.lines();
    const std::size_t start = text.find_last("Printing statistics.");
    std::map<std::string_view, CellCount> module_cells;
    std::map<std::string_view, CellCount> hierarchy_cells;
    std::map<std::string_view, CellCount>* current = nullptr;
    bool in_cells = false;
    for (std::size_t i = start + 1; i < lines.size(); ++i) {
      const std::string_view line = trim(lines[i].text);
      if (starts_with(line, "===") && ends_with(line, "===")) {
        const bool hierarchy = contains(line, "design hierarchy");
        current = hierarchy ? &hierarchy_cells : &module_cells;
        if (!hierarchy) module_cells.clear();
        in_cells = false;
        continue;
      }
      if (current == nullptr) continue;
      if (starts_with(line, "Number of cells")) {
        in_cells = true;
        continue;
      }
      if (!in_cells) continue;
      std::string_view name;
      std::int64_t count = 0;
      if (line.empty() || !parse_cell_line(line, name, count)) {
        in_cells = false;
        // A numbered pass header ends the statistics section.
        if (!line.empty() && std::isdigit(static_cast<unsigned char>(line[0])) && contains(line, "Executing"))
          break;
        continue;
      }
      (*current)[name] = {count, lines[i]};
    }
    return hierarchy_cells.empty() ? module_cells : hierarchy_cells;
  }
};

}  // namespace

const ReportDialect& yosys_stat_dialect() {
  static const YosysStat dialect;
  return dialect;
}

}  // namespace scn::evidence
