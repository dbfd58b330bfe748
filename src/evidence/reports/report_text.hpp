// Line-oriented building blocks shared by the report parsers: lines with
// their numbers, numbers with thousands separators and exponents, power units,
// and the two table layouts vendor reports use (bordered '|'/';' tables and
// whitespace-aligned tables under a dashed rule). No regular expressions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sc_neurocore/evidence/reports/report.hpp"

namespace scn::evidence {

struct Line {
  int number = 0;  // 1-based
  std::string_view text;
};

// A report's text split into lines (\n or \r\n), kept alive by the caller.
class ReportText {
 public:
  ReportText(std::string_view content, std::string source);
  // The lines are views into `content`: a temporary string would leave them dangling.
  ReportText(std::string&& content, std::string source) = delete;
  ReportText(const char* content, std::string source)
      : ReportText(std::string_view(content), std::move(source)) {}
  const std::vector<Line>& lines() const { return lines_; }
  const std::string& source() const { return source_; }
  // The whole text as given (JSON dialects parse it as one document).
  std::string_view content() const { return content_; }
  // Index of the first line at or after `from` containing `needle`, or npos.
  std::size_t find(std::string_view needle, std::size_t from = 0) const;
  // Index of the last line containing `needle`, or npos.
  std::size_t find_last(std::string_view needle) const;
  // True when one of the first `limit` lines contains `needle`.
  bool head_contains(std::string_view needle, std::size_t limit = 40) const;

 private:
  std::string source_;
  std::string_view content_;
  std::vector<Line> lines_;
};

inline constexpr std::size_t kNotFound = static_cast<std::size_t>(-1);

std::string_view trim(std::string_view text);
bool contains(std::string_view text, std::string_view needle);
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
bool is_blank(char c);  // space, tab, CR, LF, FF, VT
// The whitespace-separated words of `text`, as views into it.
std::vector<std::string_view> split_words(std::string_view text);
// Runs of whitespace folded to one space, trimmed.
std::string collapse_spaces(std::string_view text);
std::string to_lower(std::string_view text);

// "1,024" -> 1024, "-3.854", "1.2e-01", "35.5"; leading/trailing spaces ignored.
// Anything else (e.g. "<0.001", "1 %", "") -> nullopt.
std::optional<double> parse_number(std::string_view text);
// A whole number (thousands separators allowed), else nullopt.
std::optional<std::int64_t> parse_count(std::string_view text);
// The first whitespace-separated token of `text` that is a number.
std::optional<double> first_number(std::string_view text);

// Converts value+unit to milliwatts: W, mW, uW, µW, nW, kW, MW (megawatt,
// never mW). Unknown units -> nullopt.
std::optional<double> to_milliwatts(double value, std::string_view unit);
// "311.30 mW", "0.125 W", "1.2e-01 W" -> mW; nullopt when not a number + unit.
std::optional<double> parse_power(std::string_view text);

// "used / available ( pct )" as in Quartus "342 / 8,064 ( 4 % )".
struct UsedOfAvailable {
  std::int64_t used = 0;
  std::optional<std::int64_t> available;
};
std::optional<UsedOfAvailable> parse_used_of_available(std::string_view text);

// Cells of a "| a | b |" or "; a ; b ;" row, trimmed; empty when the line is not a row.
std::vector<std::string_view> split_row(std::string_view line, char separator);
bool is_border(std::string_view line);  // "+----+---+"

// A table drawn with '+---+' borders. Segments are the row groups between
// borders: Vivado draws [header][rows] (or [rows] alone), Quartus
// [title][header][rows] (or [title][rows]).
struct TableRow {
  int line = 0;
  std::vector<std::string_view> cells;
};
struct BorderedTable {
  std::vector<std::vector<TableRow>> segments;
  std::size_t end_index = 0;  // index of the line after the table
};
// Reads the table whose first border is at `index`; nullopt if none starts there.
std::optional<BorderedTable> read_bordered_table(const ReportText& text, std::size_t index, char separator);

// Column index by header name (exact after trimming), or npos.
std::size_t column_of(const std::vector<std::string_view>& header, std::string_view name);

// Records a metric's location.
void note_location(ReportMetrics& metrics, const std::string& key, const Line& line);

}  // namespace scn::evidence
