// The measurement CSVs (data/calibration/, data/power/): plain comma-separated cells, no quoting, a header
// row naming the columns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scn::core {

// One line split at every comma; a carriage return (CRLF files) is dropped. "" gives one empty cell.
std::vector<std::string> split_csv_line(std::string_view line);

// One line as Python's csv.reader reads it (the default dialect): a field that starts with a double quote
// runs to its closing quote, commas included, and "" inside it is one quote; a quote elsewhere is literal.
// For hand-written tables whose text cells hold commas (data/power/ice40up5k-tinyvision.csv). A quoted
// field may not span lines: an unclosed quote runs to the end of the line.
std::vector<std::string> split_quoted_csv_line(std::string_view line);

// The header row: where each named column is.
struct CsvHeader {
  std::vector<std::string> names;
  std::string source;  // the file, for errors

  // InputError "<source>: header has no column '<name>'" when it is missing.
  std::size_t column(std::string_view name) const;
  bool has(std::string_view name) const;
};

CsvHeader read_csv_header(std::string_view line, const std::string& source);

// One row as Python's csv.writer writes it (the default dialect, "\n" line ends): a cell holding a comma, a
// double quote or a line break is quoted, its quotes doubled; the line ends in "\n".
std::string csv_line(const std::vector<std::string>& cells);

}  // namespace scn::core
