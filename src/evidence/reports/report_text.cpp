#include "report_text.hpp"

#include <cctype>
#include <charconv>
#include <cmath>

namespace scn::evidence {

ReportText::ReportText(std::string_view content, std::string source)
    : source_(std::move(source)), content_(content) {
  int number = 1;
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines_.push_back({number++, line});
    start = end + 1;
  }
}

std::size_t ReportText::find(std::string_view needle, std::size_t from) const {
  for (std::size_t i = from; i < lines_.size(); ++i)
    if (contains(lines_[i].text, needle)) return i;
  return kNotFound;
}

std::size_t ReportText::find_last(std::string_view needle) const {
  for (std::size_t i = lines_.size(); i-- > 0;)
    if (contains(lines_[i].text, needle)) return i;
  return kNotFound;
}

bool ReportText::head_contains(std::string_view needle, std::size_t limit) const {
  for (std::size_t i = 0; i < lines_.size() && i < limit; ++i)
    if (contains(lines_[i].text, needle)) return true;
  return false;
}

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool contains(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}
bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}
bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_blank(text[i])) ++i;
    std::size_t end = i;
    while (end < text.size() && !is_blank(text[end])) ++end;
    if (end > i) words.push_back(text.substr(i, end - i));
    i = end;
  }
  return words;
}

std::string collapse_spaces(std::string_view text) {
  std::string result;
  for (const std::string_view word : split_words(text)) {
    if (!result.empty()) result += ' ';
    result += word;
  }
  return result;
}

std::string to_lower(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  std::string digits;
  digits.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // A comma is a thousands separator only between digits.
    if (c == ',' && i > 0 && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
        std::isdigit(static_cast<unsigned char>(text[i + 1])))
      continue;
    digits += c;
  }
  const char* begin = digits.data();
  if (*begin == '+') ++begin;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(begin, digits.data() + digits.size(), value);
  if (ec != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::int64_t> parse_count(std::string_view text) {
  const auto value = parse_number(text);
  if (!value || *value != std::trunc(*value) || std::fabs(*value) > 9e15) return std::nullopt;
  return static_cast<std::int64_t>(*value);
}

std::optional<double> first_number(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t end = i;
    while (end < text.size() && text[end] != ' ') ++end;
    if (end > i)
      if (const auto value = parse_number(text.substr(i, end - i))) return value;
    i = end;
  }
  return std::nullopt;
}

std::optional<double> to_milliwatts(double value, std::string_view unit) {
  unit = trim(unit);
  if (unit == "W" || unit == "w") return value * 1000.0;
  if (unit == "mW" || unit == "mw") return value;
  if (unit == "uW" || unit == "\xC2\xB5W" || unit == "\xCE\xBCW") return value / 1000.0;
  if (unit == "nW") return value / 1e6;
  if (unit == "kW") return value * 1e6;
  if (unit == "MW") return value * 1e9;  // megawatts: never read as milliwatts
  return std::nullopt;
}

std::optional<double> parse_power(std::string_view text) {
  text = trim(text);
  const std::size_t space = text.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const auto value = parse_number(text.substr(0, space));
  if (!value) return std::nullopt;
  return to_milliwatts(*value, text.substr(space + 1));
}

std::optional<UsedOfAvailable> parse_used_of_available(std::string_view text) {
  text = trim(text);
  const std::size_t paren = text.find('(');
  if (paren != std::string_view::npos) text = trim(text.substr(0, paren));
  const std::size_t slash = text.find('/');
  UsedOfAvailable result;
  const auto used = parse_count(slash == std::string_view::npos ? text : text.substr(0, slash));
  if (!used) return std::nullopt;
  result.used = *used;
  if (slash != std::string_view::npos) {
    result.available = parse_count(text.substr(slash + 1));
    if (!result.available) return std::nullopt;
  }
  return result;
}

std::vector<std::string_view> split_row(std::string_view line, char separator) {
  line = trim(line);
  if (line.size() < 2 || line.front() != separator || line.back() != separator) return {};
  std::vector<std::string_view> cells;
  std::size_t start = 1;
  while (start < line.size()) {
    const std::size_t end = line.find(separator, start);
    if (end == std::string_view::npos) break;
    cells.push_back(trim(line.substr(start, end - start)));
    start = end + 1;
  }
  return cells;
}

bool is_border(std::string_view line) {
  line = trim(line);
  if (line.size() < 3 || line.front() != '+' || line.back() != '+') return false;
  for (const char c : line)
    if (c != '+' && c != '-') return false;
  return true;
}

std::optional<BorderedTable> read_bordered_table(const ReportText& text, std::size_t index, char separator) {
  const auto& lines = text.lines();
  if (index >= lines.size() || !is_border(lines[index].text)) return std::nullopt;
  BorderedTable table;
  std::vector<TableRow> segment;
  std::size_t i = index + 1;
  for (; i < lines.size(); ++i) {
    const std::string_view line = lines[i].text;
    if (is_border(line)) {
      table.segments.push_back(std::move(segment));
      segment.clear();
      continue;
    }
    auto cells = split_row(line, separator);
    if (cells.empty()) break;
    segment.push_back({lines[i].number, std::move(cells)});
  }
  if (!segment.empty()) table.segments.push_back(std::move(segment));  // unterminated: keep what was read
  table.end_index = i;
  if (table.segments.empty()) return std::nullopt;
  return table;
}

std::size_t column_of(const std::vector<std::string_view>& header, std::string_view name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  return kNotFound;
}

void note_location(ReportMetrics& metrics, const std::string& key, const Line& line) {
  metrics.locations[key] = {line.number, std::string(trim(line.text))};
}

}  // namespace scn::evidence
