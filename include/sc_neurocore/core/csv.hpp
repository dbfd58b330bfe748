// The measurement CSVs (data/calibration/, data/power/): plain comma-separated cells, no quoting, a header
// row naming the columns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scn::core {

// One line split at every comma; a carriage return (CRLF files) is dropped. "" gives one empty cell.
std::vector<std::string> split_csv_line(std::string_view line);

// The header row: where each named column is.
struct CsvHeader {
  std::vector<std::string> names;
  std::string source;  // the file, for errors

  // InputError "<source>: header has no column '<name>'" when it is missing.
  std::size_t column(std::string_view name) const;
  bool has(std::string_view name) const;
};

CsvHeader read_csv_header(std::string_view line, const std::string& source);

}  // namespace scn::core
