// Yosys `stat` output inside a synthesis log, in both layouts Yosys has
// printed: name-first ("     SB_LUT4     25", 0.7 to 0.56) and count-first
// ("       25   SB_LUT4" under a "+----Local Count" header, 0.57 on), with
// or without area and hierarchy columns. The statistics are those of the
// last "Printing statistics." section, for the top module (see top_section).
#include <vector>

#include "dialect.hpp"
#include "yosys_cells.hpp"

namespace scn::evidence {
namespace {

// Yosys prints a zero count as "-" in the count-first layout.
std::optional<std::int64_t> count_token(std::string_view token) {
  if (token == "-") return 0;
  return parse_count(token);
}

// One statistics line as (name, first count): count-first "  25  SB_LUT4",
// "  25  12.5  SB_LUT4" (with area) or "  25  12.5  20  10.0  SB_LUT4"
// (hierarchical: the first column counts submodules in), or name-first
// "  SB_LUT4   25". Anything else (headers, "Number of cells:") -> false.
bool parse_stat_line(std::string_view line, std::string_view& name, std::int64_t& count) {
  const auto tokens = split_words(line);
  if (tokens.size() < 2) return false;
  const std::string_view last = tokens.back();
  if (const auto first = count_token(tokens.front()); first && !parse_number(last) && last != "-") {
    for (std::size_t i = 1; i + 1 < tokens.size(); ++i)
      if (!parse_number(tokens[i]) && tokens[i] != "-") return false;
    name = last;
    count = *first;
    return true;
  }
  if (tokens.size() == 2)
    if (const auto value = parse_count(last)) {
      name = tokens.front();
      count = *value;
      return true;
    }
  return false;
}

// One "=== name ===" section of a statistics block.
struct StatSection {
  std::string name;  // module name, or "design hierarchy"
  CellCounts cells;  // cell types (and, count-first, submodule types) by count
};

bool is_section_title(std::string_view line) {
  return line.size() >= 6 && starts_with(line, "===") && ends_with(line, "===");
}

// The title of a cells list: "Number of cells:  95" (name-first), or "95 cells"
// with the area and hierarchy columns count-first prints before the name.
bool opens_cell_list(std::string_view line) {
  if (starts_with(line, "Number of cells")) return true;
  const auto tokens = split_words(line);
  if (tokens.size() < 2 || tokens.back() != "cells") return false;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i)
    if (!count_token(tokens[i]) && !parse_number(tokens[i])) return false;
  return true;
}

std::vector<StatSection> read_sections(const ReportText& text, std::size_t start) {
  const auto& lines = text.lines();
  std::vector<StatSection> sections;
  bool in_cells = false;
  for (std::size_t i = start + 1; i < lines.size(); ++i) {
    const std::string_view line = trim(lines[i].text);
    if (is_section_title(line)) {
      std::string_view name = trim(line.substr(3, line.size() - 6));
      if (ends_with(name, "(partially selected)")) name = trim(name.substr(0, name.size() - 20));
      sections.push_back({std::string(name), {}});
      in_cells = false;
      continue;
    }
    // The next numbered pass ("4.49. Executing CHECK pass") ends the block.
    if (!line.empty() && std::isdigit(static_cast<unsigned char>(line[0])) && contains(line, ". Executing "))
      break;
    if (sections.empty()) continue;
    if (opens_cell_list(line)) {
      in_cells = true;
      continue;
    }
    std::string_view name;
    std::int64_t count = 0;
    if (!in_cells || !parse_stat_line(line, name, count)) {
      in_cells = false;
      continue;
    }
    // "10590 submodules" heads the (count-first) list of submodule types; its entries count as cells.
    if (name == "submodules") continue;
    sections.back().cells[std::string(name)] = {count, lines[i]};
  }
  return sections;
}

// The name Yosys' hierarchy pass gave the top ("Top module:  \colorlight_i5"), or "".
std::string named_top(const ReportText& text, std::size_t before) {
  for (std::size_t i = before; i-- > 0;) {
    const std::string_view line = trim(text.lines()[i].text);
    if (!starts_with(line, "Top module:")) continue;
    std::string_view name = trim(line.substr(11));
    if (starts_with(name, "\\")) name.remove_prefix(1);
    return std::string(name);
  }
  return "";
}

// Which section describes the whole design: the "design hierarchy" totals when
// Yosys printed them; else the module the log names as top; else the one module
// no other module instantiates; else the last module printed.
const StatSection* top_section(const std::vector<StatSection>& sections, const std::string& top) {
  for (const StatSection& section : sections)
    if (section.name == "design hierarchy" && !section.cells.empty()) return &section;
  for (const StatSection& section : sections)
    if (!top.empty() && section.name == top) return &section;
  const StatSection* root = nullptr;
  int roots = 0;
  for (const StatSection& candidate : sections) {
    if (candidate.name == "design hierarchy") continue;
    bool instantiated = false;
    for (const StatSection& other : sections)
      if (&other != &candidate && other.cells.count(candidate.name) > 0) instantiated = true;
    if (!instantiated) {
      root = &candidate;
      ++roots;
    }
  }
  if (roots == 1) return root;
  for (auto it = sections.rbegin(); it != sections.rend(); ++it)
    if (it->name != "design hierarchy") return &*it;
  return nullptr;
}

// "Executing SYNTH_ICE40 pass." -> "synth_ice40" (the first synth pass the log ran), or "".
std::string synth_pass_of(const ReportText& text) {
  for (const Line& line : text.lines()) {
    const std::size_t at = line.text.find("Executing SYNTH");
    if (at == std::string_view::npos) continue;
    const std::size_t start = at + 10;
    std::size_t end = start;
    while (end < line.text.size() && line.text[end] != ' ') ++end;
    return to_lower(line.text.substr(start, end - start));
  }
  return "";
}

// "Yosys 0.9+4081 (git sha1 ...)" -> "Yosys 0.9+4081" (the last banner: the one of the run that wrote the
// log).
std::string version_of(const ReportText& text) {
  for (std::size_t i = text.lines().size(); i-- > 0;) {
    const std::string_view line = trim(text.lines()[i].text);
    if (starts_with(line, "Yosys ") && contains(line, "(git sha1"))
      return std::string(trim(line.substr(0, line.find(" (git"))));
  }
  return "";
}

class YosysStat final : public ReportDialect {
 public:
  std::string name() const override { return "yosys stat"; }
  bool detect(const ReportText& text) const override {
    const std::size_t stats = text.find_last("Printing statistics.");
    if (stats == kNotFound || text.find_last("Yosys ") == kNotFound) return false;
    for (std::size_t i = stats + 1; i < text.lines().size() && i < stats + 400; ++i)
      if (opens_cell_list(trim(text.lines()[i].text))) return true;
    return false;
  }
  std::string near_miss(const ReportText& text) const override {
    if (version_of(text).empty() && !text.head_contains("Yosys", 20)) return "";
    return "a Yosys log without a complete 'Printing statistics.' section (did synthesis stop before stat?)";
  }
  ParsedReport parse(const ReportText& text) const override {
    ParsedReport report;
    report.file = text.source();
    report.tool = "yosys";
    report.kind = "synth_stat";
    report.tool_version = version_of(text);
    const std::string pass = synth_pass_of(text);
    if (!pass.empty()) report.device = "target: " + pass;
    const std::size_t stats = text.find_last("Printing statistics.");
    if (stats == kNotFound) fail(text, "no 'Printing statistics.' section (the log has no stat output)");
    const auto sections = read_sections(text, stats);
    const StatSection* top = top_section(sections, named_top(text, stats));
    if (top == nullptr) fail(text, "the last 'Printing statistics.' section lists no module");
    read_cell_metrics(cell_family_of(pass, top->cells), top->cells, report.metrics);
    return report;
  }
};

}  // namespace

const ReportDialect& yosys_stat_dialect() {
  static const YosysStat dialect;
  return dialect;
}

}  // namespace scn::evidence
