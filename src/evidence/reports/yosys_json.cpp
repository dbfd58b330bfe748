// Yosys `stat -json`: {"creator": "Yosys 0.46 ...", "modules": {"\\top":
// {"num_cells_by_type": {...}}}, "design": {...}}. Counts are numbers (0.21
// on) or objects {"count": "215", "area": ...} with the count as a string or
// a number (0.5x on, and `-hierarchy`). Module names keep Yosys' leading
// backslash. The statistics are those of "design" (the top with its
// submodules) when present, else of the top module (see top_module).
#include <nlohmann/json.hpp>

#include "dialect.hpp"
#include "yosys_cells.hpp"

namespace scn::evidence {
namespace {

std::string_view unescaped(std::string_view name) {
  if (starts_with(name, "\\")) name.remove_prefix(1);
  return name;
}

// A cell count as Yosys writes it: 215, "215", or {"count": "215", ...}.
std::optional<std::int64_t> count_of(const nlohmann::json& value) {
  if (value.is_object()) {
    const auto it = value.find("count");
    return it == value.end() ? std::nullopt : count_of(*it);
  }
  if (value.is_number_integer() || value.is_number_unsigned()) {
    const auto n = value.get<std::int64_t>();
    return n >= 0 ? std::optional(n) : std::nullopt;
  }
  if (value.is_string()) return parse_count(value.get_ref<const std::string&>());
  return std::nullopt;
}

// The line of the first `"key"` in the text (JSON keeps no line numbers).
Line line_of(const ReportText& text, std::string_view key) {
  const std::string quoted = "\"" + std::string(key) + "\"";
  const std::size_t at = text.find(quoted);
  if (at == kNotFound) return {};
  return text.lines()[at];
}

CellCounts cells_of(const ReportText& text, const nlohmann::json& module) {
  CellCounts cells;
  const auto by_type = module.find("num_cells_by_type");
  if (by_type == module.end() || !by_type->is_object()) return cells;
  for (const auto& [type, value] : by_type->items()) {
    const auto count = count_of(value);
    if (!count) fail(text, "num_cells_by_type." + type + " is not a cell count");
    Line line = line_of(text, type);
    // A single-line file would make the location the whole document: name the key instead.
    if (line.text.size() > 200) line.text = std::string_view(by_type.key());
    cells[std::string(unescaped(type))] = {*count, line};
  }
  return cells;
}

// "design" when Yosys wrote it; else the only module; else the module no
// other module instantiates (a module's cell types name its submodules).
const nlohmann::json* top_module(const nlohmann::json& document) {
  if (const auto design = document.find("design"); design != document.end() && design->is_object())
    return &*design;
  const auto modules = document.find("modules");
  if (modules == document.end() || !modules->is_object() || modules->empty()) return nullptr;
  const nlohmann::json* root = nullptr;
  int roots = 0;
  for (const auto& [name, module] : modules->items()) {
    bool instantiated = false;
    for (const auto& [other_name, other] : modules->items()) {
      if (other_name == name || !other.is_object()) continue;
      const auto by_type = other.find("num_cells_by_type");
      if (by_type != other.end() && by_type->is_object() &&
          (by_type->contains(name) || by_type->contains(std::string(unescaped(name)))))
        instantiated = true;
    }
    if (!instantiated) {
      root = &module;
      ++roots;
    }
  }
  return roots == 1 ? root : nullptr;
}

// "sky130_fd_sc_hd" when every cell is "<library>__<cell>" of one library, else "".
std::string liberty_library(const CellCounts& cells) {
  std::string library;
  for (const auto& [cell, count] : cells) {
    const std::size_t sep = cell.find("__");
    if (sep == std::string::npos) return "";
    if (library.empty()) library = cell.substr(0, sep);
    if (cell.compare(0, sep, library) != 0 || sep != library.size()) return "";
  }
  return library;
}

class YosysStatJson final : public ReportDialect {
 public:
  std::string name() const override { return "yosys stat json"; }
  bool detect(const ReportText& text) const override {
    return !text.lines().empty() && starts_with(trim(text.lines()[0].text), "{") &&
           text.head_contains("\"creator\"", 5) && text.head_contains("Yosys", 5) &&
           text.find("\"num_cells_by_type\"") != kNotFound;
  }
  ParsedReport parse(const ReportText& text) const override {
    const auto document = nlohmann::json::parse(text.content(), nullptr, /*allow_exceptions=*/false);
    if (!document.is_object()) fail(text, "not a JSON object (truncated stat -json output?)");
    ParsedReport report;
    report.file = text.source();
    report.tool = "yosys";
    report.kind = "synth_stat_json";
    if (const auto creator = document.find("creator"); creator != document.end() && creator->is_string()) {
      const std::string& value = creator->get_ref<const std::string&>();
      report.tool_version = value.substr(0, value.find(" (git"));
    }
    const nlohmann::json* top = top_module(document);
    if (top == nullptr) fail(text, "no \"design\" entry and no single top module in \"modules\"");
    const CellCounts cells = cells_of(text, *top);
    report.device = liberty_library(cells);
    read_cell_metrics(cell_family_of("", cells), cells, report.metrics);
    return report;
  }
};

}  // namespace

const ReportDialect& yosys_stat_json_dialect() {
  static const YosysStatJson dialect;
  return dialect;
}

}  // namespace scn::evidence
