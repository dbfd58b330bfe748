#include "sc_neurocore/core/csv.hpp"

#include <algorithm>

#include "sc_neurocore/core/error.hpp"

namespace scn::core {

std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> cells(1);
  for (const char c : line) {
    if (c == ',')
      cells.emplace_back();
    else if (c != '\r')
      cells.back() += c;
  }
  return cells;
}

std::vector<std::string> split_quoted_csv_line(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string> cells(1);
  bool quoted = false;   // inside a quoted field
  bool at_start = true;  // no character of the current field read yet
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c != '"') {
        cells.back() += c;
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == ',') {
      cells.emplace_back();
      at_start = true;
      continue;
    } else if (c == '"' && at_start) {
      quoted = true;
    } else {
      cells.back() += c;
    }
    at_start = false;
  }
  return cells;
}

std::size_t CsvHeader::column(std::string_view name) const {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) throw InputError(source + ": header has no column '" + std::string(name) + "'");
  return static_cast<std::size_t>(it - names.begin());
}

bool CsvHeader::has(std::string_view name) const {
  return std::find(names.begin(), names.end(), name) != names.end();
}

CsvHeader read_csv_header(std::string_view line, const std::string& source) {
  return {split_csv_line(line), source};
}

std::string csv_line(const std::vector<std::string>& cells) {
  if (cells.size() == 1 && cells[0].empty()) return "\"\"\n";  // else the row would read back as none
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::string& cell = cells[i];
    if (i > 0) line += ',';
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
      line += cell;
      continue;
    }
    line += '"';
    for (const char c : cell) line += c == '"' ? std::string("\"\"") : std::string(1, c);
    line += '"';
  }
  return line + "\n";
}

}  // namespace scn::core
