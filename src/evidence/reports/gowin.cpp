// Gowin EDA reports, one dialect for every file the IDE writes: the PnR
// resource report (.rpt.txt, .rpt.html), the synthesis report
// (_syn.rpt.html), the power report (.power.html) and the timing report
// (_tr_content.html, or the text .tr). Each part is found by its own
// structure (a "Resources | Usage" table, a "Max Frequency Summary" section,
// "Total Power (mW)" rows), so one file may carry several: the synthesis
// report has both resources and Fmax.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <initializer_list>
#include <map>

#include "dialect.hpp"

namespace scn::evidence {
namespace {

// --- text helpers -------------------------------------------------------------

char lower_char(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool equals_ci(std::string_view a, std::string_view b) {
  return a.size() == b.size() && to_lower(a) == to_lower(b);
}

bool contains_ci(std::string_view text, std::string_view needle) {
  return contains(to_lower(text), to_lower(needle));
}

// A rule drawn with `c` (dashes under a header, '=' closing a table), spaces allowed between runs.
bool is_rule(std::string_view line, char c) {
  line = trim(line);
  if (line.size() < 3) return false;
  for (const char x : line)
    if (x != c && x != ' ') return false;
  return true;
}

// "119.802(MHz)", "50.000MHz", "27.000" -> MHz.
std::optional<double> parse_mhz(std::string_view text) {
  text = trim(text);
  for (const std::string_view suffix : {"(MHz)", "MHz", "(mhz)", "mhz"}) {
    if (ends_with(text, suffix)) {
      text.remove_suffix(suffix.size());
      break;
    }
  }
  return parse_number(text);
}

// A resource count: a whole, non-negative number.
std::optional<std::int64_t> whole(std::optional<double> value) {
  if (!value || *value < 0 || *value > 9e15 || *value != std::trunc(*value)) return std::nullopt;
  return static_cast<std::int64_t>(*value);
}

const Line& line_at(const ReportText& text, int number) {
  return text.lines()[static_cast<std::size_t>(number - 1)];  // numbers come from text.lines()
}

// --- a small HTML table reader --------------------------------------------------
// Gowin's HTML is hand-written by the tool: cells are left unclosed
// ("<td>27.000<td>0.000</td>"), rows lack <tr>, "&nbsp" lacks its ';' and
// "<1%" stands unescaped in a cell. The reader therefore knows only tables,
// rows, cells, <br> and headings; a new cell or row closes the open one.

struct HtmlCell {
  std::string text;  // entities decoded, <br> as '\n', spaces collapsed per line
  int line = 0;      // where the cell opens
  bool header = false;
};
struct HtmlRow {
  std::vector<HtmlCell> cells;
};
struct HtmlTable {
  std::string heading;  // the last <h1>..<h6> before the table
  int line = 0;
  std::vector<HtmlRow> rows;
  bool closed = false;  // </table> seen
};

std::string decode_entities(std::string_view text) {
  static const std::pair<std::string_view, char> kNamed[] = {{"nbsp", ' '}, {"lt", '<'},   {"gt", '>'},
                                                             {"amp", '&'},  {"quot", '"'}, {"apos", '\''}};
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    bool decoded = false;
    for (const auto& [name, c] : kNamed) {
      if (text.substr(i + 1, name.size()) != name) continue;
      out += c;
      i += name.size();
      if (i + 1 < text.size() && text[i + 1] == ';') ++i;  // Gowin writes "&nbsp" without ';'
      decoded = true;
      break;
    }
    if (!decoded) out += '&';
  }
  return out;
}

std::string normalise_cell(std::string_view raw) {
  const std::string decoded = decode_entities(raw);
  std::string out;
  std::size_t start = 0;
  while (start <= decoded.size()) {
    std::size_t end = decoded.find('\n', start);
    if (end == std::string::npos) end = decoded.size();
    const std::string part = collapse_spaces(std::string_view(decoded).substr(start, end - start));
    if (!part.empty()) out += (out.empty() ? "" : "\n") + part;
    start = end + 1;
  }
  return out;
}

class HtmlReader {
 public:
  explicit HtmlReader(const ReportText& text) {
    for (const Line& line : text.lines()) {
      read_line(line);
      if (mode_ == Mode::tag && tag_.size() < kMaxTag) tag_ += ' ';  // a tag spanning lines
      if (mode_ == Mode::text) on_text('\n');
    }
    close_table(false);
  }
  std::vector<HtmlTable> tables;

 private:
  enum class Mode { text, tag, comment };
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  static constexpr std::size_t kMaxTag = 64;        // enough for the tag name
  static constexpr std::size_t kMaxHeading = 4096;  // a heading never closed stops growing

  Mode mode_ = Mode::text;
  std::string tag_;
  int tag_line_ = 0;
  int dashes_ = 0;
  std::size_t table_ = kNone;
  bool row_open_ = false;
  bool cell_open_ = false;
  bool heading_open_ = false;
  std::string heading_;
  std::string last_heading_;

  void read_line(const Line& line) {
    const std::string_view s = line.text;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if (mode_ == Mode::comment) {
        if (c == '>' && dashes_ >= 2) mode_ = Mode::text;
        dashes_ = c == '-' ? dashes_ + 1 : 0;
      } else if (mode_ == Mode::tag) {
        if (c == '>') {
          mode_ = Mode::text;
          on_tag(tag_, tag_line_);
        } else if (tag_.size() < kMaxTag) {
          tag_ += c;
          if (tag_ == "!--") {
            mode_ = Mode::comment;
            dashes_ = 0;
          }
        }
      } else if (c == '<' && i + 1 < s.size() &&
                 (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/' || s[i + 1] == '!')) {
        mode_ = Mode::tag;
        tag_.clear();
        tag_line_ = line.number;
      } else {
        on_text(c);  // including a literal '<' as in "<1%"
      }
    }
  }

  void on_text(char c) {
    if (cell_open_) tables[table_].rows.back().cells.back().text += c;
    if (heading_open_ && heading_.size() < kMaxHeading) heading_ += c;
  }

  void on_tag(std::string_view tag, int line) {
    const bool closing = !tag.empty() && tag.front() == '/';
    if (closing) tag.remove_prefix(1);
    std::string name;
    for (const char c : tag) {
      if (!std::isalnum(static_cast<unsigned char>(c))) break;
      name += lower_char(c);
    }
    const bool heading = name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
    if (heading) {
      if (!closing) {
        heading_open_ = true;
        heading_.clear();
      } else if (heading_open_) {
        heading_open_ = false;
        last_heading_ = collapse_spaces(decode_entities(heading_));
      }
    } else if (name == "table") {
      close_table(closing);
      if (!closing) {
        tables.push_back({last_heading_, line, {}, false});
        table_ = tables.size() - 1;
      }
    } else if (name == "tr") {
      close_row();
      if (!closing) open_row();
    } else if (name == "td" || name == "th") {
      close_cell();
      if (!closing && table_ != kNone) {
        if (!row_open_) open_row();
        tables[table_].rows.back().cells.push_back({"", line, name == "th"});
        cell_open_ = true;
      }
    } else if (name == "br") {
      on_text('\n');
    }
  }

  void open_row() {
    if (table_ == kNone) return;
    tables[table_].rows.emplace_back();
    row_open_ = true;
  }
  void close_cell() {
    if (!cell_open_) return;
    HtmlCell& cell = tables[table_].rows.back().cells.back();
    cell.text = normalise_cell(cell.text);
    cell_open_ = false;
  }
  void close_row() {
    close_cell();
    row_open_ = false;
  }
  void close_table(bool closed) {
    close_row();
    if (table_ != kNone) tables[table_].closed = closed;
    table_ = kNone;
  }
};

bool is_html(const ReportText& text) {
  for (std::size_t i = 0; i < text.lines().size() && i < 20; ++i)
    if (contains_ci(text.lines()[i].text, "<html") || contains_ci(text.lines()[i].text, "<!doctype html"))
      return true;
  return text.find("<td") != kNotFound;
}

// --- header fields ----------------------------------------------------------------

struct Field {
  std::string value;
  int line = 0;
};
using Fields = std::map<std::string, Field>;  // key as printed -> first value

// Text reports: "  <Part Number>: GW1NR-LV9QN88PC6/I5".
Fields text_fields(const ReportText& text) {
  Fields fields;
  for (const Line& line : text.lines()) {
    const std::string_view t = trim(line.text);
    const std::size_t close = t.find(">:");
    if (!starts_with(t, "<") || close == std::string_view::npos) continue;
    fields.emplace(std::string(trim(t.substr(1, close - 1))),
                   Field{std::string(trim(t.substr(close + 2))), line.number});
  }
  return fields;
}

// HTML reports: label/value rows, <td class="label">Part Number</td><td>GW1N-...</td>.
Fields html_fields(const std::vector<HtmlTable>& tables) {
  Fields fields;
  for (const HtmlTable& table : tables)
    for (const HtmlRow& row : table.rows)
      if (row.cells.size() >= 2 && !row.cells[0].header && !row.cells[0].text.empty())
        fields.emplace(row.cells[0].text, Field{collapse_spaces(row.cells[1].text), row.cells[1].line});
  return fields;
}

const Field* find_field(const Fields& fields, std::string_view key) {
  const auto it = fields.find(std::string(key));
  return it == fields.end() ? nullptr : &it->second;
}

// "<PnR Version>" (1.9.8), "<Tool Version>" (1.9.9+), label "Version" or "Tool
// Version" (HTML). GowinSynthesis prints either "GowinSynthesis V1.9.8.07" or a
// bare "V1.9.8.11" under the title "GowinSynthesis Report": the tool name is
// put in front of a bare version so both read alike.
std::string gowin_version(const Fields& fields) {
  std::string version;
  for (const char* key : {"PnR Version", "Tool Version", "Version"}) {
    if (const Field* field = find_field(fields, key); field && !field->value.empty()) {
      version = field->value;
      break;
    }
  }
  const Field* title = find_field(fields, "Report Title");
  if (!version.empty() && title && starts_with(title->value, "GowinSynthesis") &&
      !starts_with(version, "GowinSynthesis"))
    version = "GowinSynthesis " + version;
  return version;
}

// v1.8 prints one "Series, Device, Package, Speed[, ...]" value; 1.9 prints
// Part Number, Device and Device Version apart: "GW1N-UV9LQ144C6/I5 (GW1N-9, ver C)".
std::string gowin_device(const Fields& fields) {
  if (const Field* field = find_field(fields, "Series/Device/Package/Speed")) return field->value;
  for (const auto& [key, field] : fields)
    if (starts_with(key, "Series, Device, Package")) return field.value;
  const Field* part = find_field(fields, "Part Number");
  const Field* device = find_field(fields, "Device");
  const Field* version = find_field(fields, "Device Version");
  std::string family = device ? device->value : "";
  if (!family.empty() && version && !version->value.empty()) family += ", ver " + version->value;
  if (part && !part->value.empty()) return family.empty() ? part->value : part->value + " (" + family + ")";
  return family;
}

// --- resources ----------------------------------------------------------------------

// One row of the resource table; sub-rows ("--SDPX9B | 6") follow their resource.
struct ResourceRow {
  std::string label;  // without the "--" of a sub-row
  bool sub = false;
  std::string usage;  // "543/8640  7%", "46(21 LUTs, 25 ALUs)/4608", "24%", "6"
  int line = 0;
};

struct Usage {
  std::optional<double> used;
  std::optional<std::int64_t> available;
  std::optional<double> percent;
  std::vector<std::pair<std::string, double>> parts;  // "(537 LUT, 6 ALU, 0 ROM16)"
};

// "21 LUTs, 25 ALUs" -> {LUTs:21, ALUs:25}; empty unless every part is "<count> <name>".
std::vector<std::pair<std::string, double>> parse_parts(std::string_view text) {
  std::vector<std::pair<std::string, double>> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    const auto words = split_words(text.substr(start, comma - start));
    const auto count = words.size() == 2 ? parse_number(words[0]) : std::nullopt;
    if (!count) return {};
    parts.emplace_back(std::string(words[1]), *count);
    start = comma + 1;
  }
  return parts;
}

// "46(21 LUTs, 25 ALUs)/4608  1%", "544(539 LUTs, 5 ALUs) / 8640", "0/(4*2)   0%", "24%", "813/6843 12%".
Usage parse_usage(std::string_view cell) {
  Usage usage;
  std::string flat;  // the cell without its parenthesised groups
  std::size_t i = 0;
  while (i < cell.size()) {
    if (cell[i] != '(') {
      flat += cell[i++];
      continue;
    }
    const std::size_t close = cell.find(')', i);
    const std::string_view inside =
        cell.substr(i + 1, close == std::string_view::npos ? std::string_view::npos : close - i - 1);
    if (usage.parts.empty()) usage.parts = parse_parts(inside);
    flat += ' ';
    i = close == std::string_view::npos ? cell.size() : close + 1;
  }
  const std::size_t slash = flat.find('/');
  const auto left =
      split_words(std::string_view(flat).substr(0, slash == std::string::npos ? flat.size() : slash));
  const auto right = slash == std::string::npos ? std::vector<std::string_view>{}
                                                : split_words(std::string_view(flat).substr(slash + 1));
  if (slash != std::string::npos) {
    if (left.size() == 1) usage.used = parse_number(left[0]);
    if (!right.empty()) usage.available = parse_count(right[0]);
  } else if (!left.empty() && !ends_with(left[0], "%")) {
    usage.used = parse_number(left[0]);
  }
  for (const auto& list : {left, right}) {
    for (std::string_view token : list) {
      if (!ends_with(token, "%")) continue;
      token.remove_suffix(1);
      if (starts_with(token, "<")) token.remove_prefix(1);  // "<1%"
      usage.percent = parse_number(token);
    }
  }
  return usage;
}

std::string resource_name(std::string_view label) {
  std::string name = to_lower(collapse_spaces(label));
  if (ends_with(name, "s")) name.pop_back();  // "Registers", "BSRAMs", "CFU Logics", "DSP macros"
  return name;
}
bool is_logic_row(const ResourceRow& row) {
  const std::string name = resource_name(row.label);
  return !row.sub && (name == "logic" || name == "cfu logic");
}

// A table row; "--" in front of the label (text and HTML alike) marks a sub-row.
ResourceRow make_row(std::string_view label, std::string usage, int line) {
  std::string clean = collapse_spaces(label);
  const bool sub = starts_with(clean, "--");
  if (sub) clean = collapse_spaces(std::string_view(clean).substr(2));
  return {clean, sub, std::move(usage), line};
}

bool is_resources_header(std::string_view first, std::string_view second) {
  return resource_name(first) == "resource" && starts_with(to_lower(trim(second)), "usage");
}

// Cells between '|' separators, untrimmed; the first cell has no leading '|'.
std::vector<std::string_view> pipe_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  if (line.find('|') == std::string_view::npos) return cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t bar = line.find('|', start);
    cells.push_back(line.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return cells;
}

// The section title above a text table ("3. Resource Usage Summary",
// "4. GAO Resource Usage Summary"): the last line before it that is not blank or a rule.
std::string_view title_above(const ReportText& text, std::size_t header) {
  for (std::size_t i = header; i-- > 0 && i + 6 > header;) {
    const std::string_view line = trim(text.lines()[i].text);
    if (!line.empty() && !is_rule(line, '-') && !is_rule(line, '=')) return line;
  }
  return "";
}

// The design's resource table of a .rpt.txt (not the GAO debug core's).
std::optional<std::vector<ResourceRow>> text_resource_rows(const ReportText& text) {
  const auto& lines = text.lines();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto header = pipe_cells(lines[i].text);
    if (header.size() < 2 || !is_resources_header(header[0], header[1])) continue;
    if (contains(title_above(text, i), "GAO")) continue;
    std::vector<ResourceRow> rows;
    for (std::size_t j = i + 1;; ++j) {
      if (j >= lines.size())
        fail(text, "the resource table of line " + std::to_string(lines[i].number) +
                       " is cut off; the report looks truncated");
      if (is_rule(lines[j].text, '-')) continue;
      const auto cells = pipe_cells(lines[j].text);
      if (cells.size() < 2) break;  // the closing "=====" rule
      std::string usage(trim(cells[1]));
      for (std::size_t c = 2; c < cells.size(); ++c) usage += " " + std::string(trim(cells[c]));
      rows.push_back(make_row(cells[0], usage, lines[j].number));
    }
    return rows;
  }
  return std::nullopt;
}

// "2 SP\n2 pROM" (the BSRAM cell of a 1.9.9+ .rpt.html): the block kinds as sub-rows.
std::optional<std::vector<std::pair<std::string, std::string>>> cell_list(std::string_view cell) {
  std::vector<std::pair<std::string, std::string>> items;
  std::size_t start = 0;
  while (start < cell.size()) {
    std::size_t end = cell.find('\n', start);
    if (end == std::string_view::npos) end = cell.size();
    const auto words = split_words(cell.substr(start, end - start));
    if (words.size() != 2 || !parse_number(words[0]) ||
        !std::isalpha(static_cast<unsigned char>(words[1][0])))
      return std::nullopt;
    items.emplace_back(std::string(words[1]), std::string(words[0]));
    start = end + 1;
  }
  if (items.empty()) return std::nullopt;
  return items;
}

// The "Resource | Usage" table with the Logic row: .rpt.html "Resource Usage
// Summary", or the synthesis report's "Resource Utilization Summary" (its
// "Resource Usage Summary" lists primitives - LUT, ALU, DFF - and has no Logic row).
std::optional<std::vector<ResourceRow>> html_resource_rows(const ReportText& text,
                                                           const std::vector<HtmlTable>& tables) {
  for (const HtmlTable& table : tables) {
    if (contains(table.heading, "GAO") || table.rows.empty() || table.rows[0].cells.size() < 2 ||
        !is_resources_header(table.rows[0].cells[0].text, table.rows[0].cells[1].text))
      continue;
    std::vector<ResourceRow> rows;
    bool has_logic = false;
    for (std::size_t r = 1; r < table.rows.size(); ++r) {
      const HtmlRow& row = table.rows[r];
      if (row.cells.size() < 2 || row.cells[0].header) continue;
      std::string usage = row.cells[1].text;
      std::string utilisation;
      for (std::size_t c = 2; c < row.cells.size(); ++c) utilisation += " " + row.cells[c].text;
      const auto list = cell_list(usage);
      rows.push_back(make_row(row.cells[0].text, (list ? "" : usage) + utilisation, row.cells[1].line));
      has_logic = has_logic || is_logic_row(rows.back());
      if (list)
        for (const auto& [kind, count] : *list) rows.push_back({kind, true, count, row.cells[1].line});
    }
    if (!has_logic) continue;
    if (!table.closed)
      fail(text, "the resource table of line " + std::to_string(table.line) +
                     " is cut off; the report looks truncated");
    return rows;
  }
  return std::nullopt;
}

const ResourceRow* find_resource(const std::vector<ResourceRow>& rows,
                                 std::initializer_list<const char*> names) {
  for (const ResourceRow& row : rows) {
    if (row.sub) continue;
    for (const char* name : names)
      if (resource_name(row.label) == name) return &row;
  }
  return nullptr;
}

std::vector<const ResourceRow*> sub_rows(const std::vector<ResourceRow>& rows, const ResourceRow* main) {
  std::vector<const ResourceRow*> subs;
  for (std::size_t i = static_cast<std::size_t>(main - rows.data()) + 1; i < rows.size() && rows[i].sub; ++i)
    subs.push_back(&rows[i]);
  return subs;
}

std::optional<double> part_count(const Usage& usage, std::string_view name) {
  for (const auto& [part, count] : usage.parts)
    if (resource_name(part) == name) return count;
  return std::nullopt;
}

void read_logic(const ReportText& text, const std::vector<ResourceRow>& rows, ReportMetrics& m) {
  const ResourceRow* logic = nullptr;
  for (const ResourceRow& row : rows)
    if (!logic && is_logic_row(row)) logic = &row;
  if (!logic) return;
  const Usage usage = parse_usage(logic->usage);
  const auto used = whole(usage.used);
  if (!used)
    fail(text, "unreadable Logic usage '" + logic->usage + "' on line " + std::to_string(logic->line));
  m.lut_unit = "LUT4";
  m.luts_used = used;
  note_location(m, "luts_used", line_at(text, logic->line));
  if (usage.available) {
    m.luts_available = usage.available;
    note_location(m, "luts_available", line_at(text, logic->line));
  }
  // ALUs: in the Logic cell itself ("46(21 LUTs, 25 ALUs)/4608") or on the
  // "--LUT,ALU,ROM16 | 543(537 LUT, 6 ALU, 0 ROM16)" sub-row.
  std::vector<const ResourceRow*> candidates = {logic};
  for (const ResourceRow* sub : sub_rows(rows, logic)) candidates.push_back(sub);
  for (const ResourceRow* row : candidates) {
    const auto alus = whole(part_count(parse_usage(row->usage), "alu"));
    if (!alus) continue;
    m.carry_cells = alus;
    m.units["carry_cells"] = "ALU";
    note_location(m, "carry_cells", line_at(text, row->line));
    break;
  }
}

void read_registers(const ReportText& text, const std::vector<ResourceRow>& rows, ReportMetrics& m) {
  const ResourceRow* registers = find_resource(rows, {"register"});
  if (!registers) return;
  const auto used = whole(parse_usage(registers->usage).used);
  if (!used)
    fail(text,
         "unreadable Register usage '" + registers->usage + "' on line " + std::to_string(registers->line));
  m.ffs_used = used;
  note_location(m, "ffs_used", line_at(text, registers->line));
}

// BSRAM blocks: "0/10", "6 / 26", or (1.9.x .rpt) only a percentage with the
// blocks per kind on sub-rows ("BSRAM | 24%" + "--SDPX9B | 6"); each BSRAM
// primitive occupies one block, so the sub-rows add up to the block count.
void read_bsram(const ReportText& text, const std::vector<ResourceRow>& rows, ReportMetrics& m) {
  const ResourceRow* bsram = find_resource(rows, {"bsram", "block sram"});
  if (!bsram) return;
  const Usage usage = parse_usage(bsram->usage);
  std::optional<double> blocks = usage.used;
  const auto subs = sub_rows(rows, bsram);
  if (!blocks && !subs.empty()) {
    blocks = 0.0;
    for (const ResourceRow* sub : subs) {
      const auto count = parse_usage(sub->usage).used;
      blocks = count ? std::optional<double>(*blocks + *count) : std::nullopt;
      if (!blocks) break;
    }
  }
  if (!blocks && subs.empty() && usage.percent == 0.0) blocks = 0.0;
  if (!blocks) return;
  m.bram_used = blocks;
  m.units["bram_used"] = "BSRAM";
  note_location(m, "bram_used", line_at(text, bsram->line));
}

// DSP blocks: "0/(4*2)" (v1.8 macros), "4/118", or a percentage alone. The
// sub-rows name primitives (MULT18X18, MULTADDALU18X18: several per block), so
// they are not a block count; a percentage alone gives the count only when it
// is 0%. GW2A prints fractional blocks ("15.25/24"): not a whole count, absent.
void read_dsp(const ReportText& text, const std::vector<ResourceRow>& rows, ReportMetrics& m) {
  const ResourceRow* dsp = find_resource(rows, {"dsp", "dsp macro"});
  if (!dsp) return;
  const Usage usage = parse_usage(dsp->usage);
  std::optional<double> blocks = usage.used;
  if (!blocks && usage.percent == 0.0) blocks = 0.0;
  if (!whole(blocks)) return;
  m.dsp_used = whole(blocks);
  m.units["dsp_used"] = "DSP";
  note_location(m, "dsp_used", line_at(text, dsp->line));
}

void read_resources(const ReportText& text, const std::vector<ResourceRow>& rows, ReportMetrics& m) {
  read_logic(text, rows, m);
  read_registers(text, rows, m);
  read_bsram(text, rows, m);
  read_dsp(text, rows, m);
}

// --- power ----------------------------------------------------------------------------

// "Total Power (mW) | 5.031", "Quiescent Power (mW) | 2.870", "Dynamic Power (mW) | 2.162".
void read_power(const ReportText& text, const Fields& fields, ReportMetrics& m) {
  struct Figure {
    const char* name;
    std::optional<double> ReportMetrics::*metric;
    const char* key;
  };
  const Figure figures[] = {{"total power", &ReportMetrics::total_power_mw, "total_power_mw"},
                            {"dynamic power", &ReportMetrics::dynamic_power_mw, "dynamic_power_mw"},
                            {"quiescent power", &ReportMetrics::static_power_mw, "static_power_mw"},
                            {"static power", &ReportMetrics::static_power_mw, "static_power_mw"}};
  for (const auto& [label, field] : fields) {
    const std::size_t paren = label.find('(');
    const std::string name = to_lower(trim(std::string_view(label).substr(0, paren)));
    for (const Figure& figure : figures) {
      if (name != figure.name || m.*figure.metric) continue;
      std::optional<double> milliwatts;
      if (paren != std::string::npos && ends_with(label, ")")) {
        const std::string unit(trim(std::string_view(label).substr(paren + 1, label.size() - paren - 2)));
        if (const auto value = parse_number(field.value)) milliwatts = to_milliwatts(*value, unit);
      } else {
        milliwatts = parse_power(field.value);
      }
      if (!milliwatts)
        fail(text, "unreadable power '" + field.value + "' for '" + label + "' on line " +
                       std::to_string(field.line));
      m.*figure.metric = milliwatts;
      note_location(m, figure.key, line_at(text, field.line));
    }
  }
}

// --- timing ---------------------------------------------------------------------------

struct FmaxRow {
  std::string clock;
  double fmax = 0;
  std::optional<double> constraint;
  int line = 0;             // the Max Frequency Summary row
  int constraint_line = 0;  // where the constraint was read
};
struct ClockFrequency {
  double mhz = 0;
  int line = 0;
};

// Fmax per clock; the constraint from the row ("Constraint" column, 1.9.x) or
// else from the Clock Summary's requested frequency (1.8 prints no Constraint column).
void store_timing(const ReportText& text, std::vector<FmaxRow> rows,
                  const std::map<std::string, ClockFrequency>& clocks, ReportMetrics& m) {
  const FmaxRow* verdict_row = nullptr;
  bool all_met = true;
  bool any_constraint = false;
  for (FmaxRow& row : rows) {
    if (!row.constraint) {
      if (const auto it = clocks.find(row.clock); it != clocks.end()) {
        row.constraint = it->second.mhz;
        row.constraint_line = it->second.line;
      }
    }
    m.fmax_mhz.emplace_back(row.clock, row.fmax);
    note_location(m, "fmax_mhz." + row.clock, line_at(text, row.line));
    ClockConstraint constraint{row.clock, row.constraint, std::nullopt};
    if (row.constraint) {
      constraint.met = row.fmax >= *row.constraint;
      note_location(m, "fmax_constraint_mhz." + row.clock, line_at(text, row.constraint_line));
      if (!any_constraint || (all_met && !*constraint.met)) verdict_row = &row;
      any_constraint = true;
      all_met = all_met && *constraint.met;
    }
    m.clock_constraints.push_back(constraint);
  }
  if (!any_constraint) return;
  m.timing_met = all_met;
  // Where the verdict shows: the first failing clock's row, else the first clock's.
  note_location(m, "timing_met", line_at(text, verdict_row->line));
}

std::size_t column_ci(const HtmlRow& header, std::initializer_list<const char*> names) {
  for (const char* name : names)
    for (std::size_t i = 0; i < header.cells.size(); ++i)
      if (equals_ci(header.cells[i].text, name)) return i;
  return kNotFound;
}

const HtmlTable* table_under(const std::vector<HtmlTable>& tables, std::string_view heading) {
  for (const HtmlTable& table : tables)
    if (contains_ci(table.heading, heading)) return &table;
  return nullptr;
}

// Clock Summary: "Clock Name | Type | Period | Frequency(MHz) | ...".
std::map<std::string, ClockFrequency> html_clock_frequencies(const std::vector<HtmlTable>& tables) {
  std::map<std::string, ClockFrequency> clocks;
  const HtmlTable* table = table_under(tables, "Clock Summary");
  if (!table || table->rows.empty()) return clocks;
  const HtmlRow& header = table->rows[0];
  const std::size_t name_col = column_ci(header, {"Clock Name"});
  const std::size_t mhz_col = column_ci(header, {"Frequency(MHz)", "Frequency (MHz)", "Frequency"});
  if (name_col == kNotFound || mhz_col == kNotFound) return clocks;
  for (std::size_t r = 1; r < table->rows.size(); ++r) {
    const auto& cells = table->rows[r].cells;
    if (cells.size() <= std::max(name_col, mhz_col)) continue;
    if (const auto mhz = parse_mhz(cells[mhz_col].text))
      clocks.emplace(cells[name_col].text, ClockFrequency{*mhz, cells[mhz_col].line});
  }
  return clocks;
}

// Max Frequency Summary: "NO. | Clock Name | Constraint | Actual Fmax | ..." (1.9)
// or "NO. | Clock Name | Fmax | Entity" (1.8), values "119.802(MHz)".
void read_html_timing(const ReportText& text, const std::vector<HtmlTable>& tables, ReportMetrics& m) {
  const HtmlTable* table = table_under(tables, "Max Frequency Summary");
  if (!table) return;
  if (!table->closed)
    fail(text, "the Max Frequency Summary of line " + std::to_string(table->line) +
                   " is cut off; the report looks truncated");
  if (table->rows.empty()) return;
  const HtmlRow& header = table->rows[0];
  const std::size_t clock_col = column_ci(header, {"Clock Name"});
  const std::size_t fmax_col = column_ci(header, {"Actual Fmax", "Fmax"});
  const std::size_t constraint_col = column_ci(header, {"Constraint"});
  if (clock_col == kNotFound || fmax_col == kNotFound)
    fail(text, "the Max Frequency Summary of line " + std::to_string(table->line) +
                   " has no Clock Name / Fmax columns");
  std::vector<FmaxRow> rows;
  for (std::size_t r = 1; r < table->rows.size(); ++r) {
    const auto& cells = table->rows[r].cells;
    if (cells.empty()) continue;
    if (cells.size() <= std::max(clock_col, fmax_col))
      fail(text, "Max Frequency Summary row on line " + std::to_string(cells[0].line) +
                     " has fewer columns than its header");
    const auto fmax = parse_mhz(cells[fmax_col].text);
    if (!fmax || cells[clock_col].text.empty())
      fail(text,
           "unreadable Fmax '" + cells[fmax_col].text + "' on line " + std::to_string(cells[fmax_col].line));
    FmaxRow row{cells[clock_col].text, *fmax, std::nullopt, cells[fmax_col].line, 0};
    if (constraint_col != kNotFound && constraint_col < cells.size()) {
      row.constraint = parse_mhz(cells[constraint_col].text);
      row.constraint_line = cells[constraint_col].line;
    }
    rows.push_back(row);
  }
  store_timing(text, std::move(rows), html_clock_frequencies(tables), m);
}

// The text .tr: a "2.2 Clock Summary" / "2.3 Max Frequency Summary" title, a
// header line with "Clock Name", a "=====" rule and whitespace-separated rows
// ("  1     clk          27.000(MHz)   74.900(MHz)   8       TOP"). The same
// titles in the table of contents have no header line under them.
std::size_t text_table_header(const ReportText& text, std::string_view title) {
  const auto& lines = text.lines();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!ends_with(trim(lines[i].text), title)) continue;
    std::size_t j = i + 1;
    while (j < lines.size() && trim(lines[j].text).empty()) ++j;
    if (j < lines.size() && contains(lines[j].text, "Clock Name")) return j;
  }
  return kNotFound;
}

// Data rows of a text table whose header is at `header`: lines after the rule
// whose first word is a number (1.9) or, without a "NO." column (1.8), any word.
std::vector<const Line*> text_table_rows(const ReportText& text, std::size_t header) {
  const auto& lines = text.lines();
  const bool numbered = starts_with(trim(lines[header].text), "NO.");
  std::vector<const Line*> rows;
  for (std::size_t i = header + 1; i < lines.size(); ++i) {
    if (is_rule(lines[i].text, '=') || is_rule(lines[i].text, '-')) continue;
    const auto words = split_words(lines[i].text);
    if (words.empty() || (numbered && !parse_count(words[0]))) break;
    rows.push_back(&lines[i]);
  }
  return rows;
}

std::map<std::string, ClockFrequency> text_clock_frequencies(const ReportText& text) {
  std::map<std::string, ClockFrequency> clocks;
  const std::size_t header = text_table_header(text, "Clock Summary");
  if (header == kNotFound) return clocks;
  const bool numbered = starts_with(trim(text.lines()[header].text), "NO.");
  for (const Line* line : text_table_rows(text, header)) {
    const auto words = split_words(line->text);
    const std::size_t name = numbered ? 1 : 0;
    for (std::size_t w = name + 1; w < words.size(); ++w) {
      if (!ends_with(words[w], "MHz")) continue;
      if (const auto mhz = parse_mhz(words[w]))
        clocks.emplace(std::string(words[name]), ClockFrequency{*mhz, line->number});
      break;
    }
  }
  return clocks;
}

void read_text_timing(const ReportText& text, ReportMetrics& m) {
  const std::size_t header = text_table_header(text, "Max Frequency Summary");
  if (header == kNotFound) return;
  const bool has_constraint = contains(text.lines()[header].text, "Constraint");
  const bool numbered = starts_with(trim(text.lines()[header].text), "NO.");
  std::vector<FmaxRow> rows;
  for (const Line* line : text_table_rows(text, header)) {
    const auto words = split_words(line->text);
    std::vector<std::size_t> mhz;  // the "(MHz)" words: constraint, then Fmax
    for (std::size_t w = 0; w < words.size(); ++w)
      if (ends_with(words[w], "MHz)")) mhz.push_back(w);
    const std::size_t first = numbered ? 1 : 0;
    if (mhz.size() < (has_constraint ? 2u : 1u) || mhz[0] <= first)
      fail(text, "unreadable Max Frequency Summary row on line " + std::to_string(line->number));
    std::string clock;
    for (std::size_t w = first; w < mhz[0]; ++w) clock += (clock.empty() ? "" : " ") + std::string(words[w]);
    const auto fmax = parse_mhz(words[has_constraint ? mhz[1] : mhz[0]]);
    if (!fmax) fail(text, "unreadable Fmax on line " + std::to_string(line->number));
    FmaxRow row{clock, *fmax, std::nullopt, line->number, line->number};
    if (has_constraint) row.constraint = parse_mhz(words[mhz[0]]);
    rows.push_back(row);
  }
  store_timing(text, std::move(rows), text_clock_frequencies(text), m);
}

// --- the dialect ------------------------------------------------------------------------

// The report layouts, by the first lines: "<Report Title>: PnR Report" (text),
// "<Series/Device/Package/Speed>:" (1.8 text), a "Report Title" label cell (HTML);
// and the vendor's name somewhere (copyright line or legal announcement).
bool gowin_layout(const ReportText& text) {
  for (const char* marker :
       {"<Report Title>:", "<Series/Device/Package/Speed>:", "<Tool Version>:", "<PnR Version>:"})
    if (text.head_contains(marker, 60)) return true;
  return text.head_contains(">Report Title</td>", 200) || text.head_contains("Series, Device, Package", 200);
}
bool mentions_gowin(const ReportText& text) {
  for (const Line& line : text.lines())
    if (contains_ci(line.text, "gowin")) return true;
  return false;
}

class Gowin final : public ReportDialect {
 public:
  std::string name() const override { return "gowin report"; }
  bool detect(const ReportText& text) const override { return gowin_layout(text) && mentions_gowin(text); }
  ParsedReport parse(const ReportText& text) const override {
    ParsedReport report;
    report.file = text.source();
    report.tool = "gowin";
    report.kind = "report";
    ReportMetrics& m = report.metrics;
    if (is_html(text)) {
      const HtmlReader html(text);
      const Fields fields = html_fields(html.tables);
      report.tool_version = gowin_version(fields);
      report.device = gowin_device(fields);
      if (const auto rows = html_resource_rows(text, html.tables)) read_resources(text, *rows, m);
      read_power(text, fields, m);
      read_html_timing(text, html.tables, m);
    } else {
      const Fields fields = text_fields(text);
      report.tool_version = gowin_version(fields);
      report.device = gowin_device(fields);
      if (const auto rows = text_resource_rows(text)) read_resources(text, *rows, m);
      read_text_timing(text, m);
    }
    return report;
  }
};

}  // namespace

const ReportDialect& gowin_dialect() {
  static const Gowin dialect;
  return dialect;
}

}  // namespace scn::evidence
