#include "sc_neurocore/calibration/activity.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "sc_neurocore/core/csv.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/core/python_random.hpp"
#include "sc_neurocore/evidence/reports/report.hpp"
#include "sc_neurocore/hw/verilog.hpp"
#include "sc_neurocore/model/activity.hpp"

namespace scn::calibration {
namespace fs = std::filesystem;
namespace {

constexpr int kWarmupCycles = 16;  // fixtures: cycles before the dump starts
constexpr int kMaxLayerCycles =
    1024;  // streaming cycles simulated per layer; the rates are stationary beyond
constexpr int kLayerResetCycles = 2;

bool identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// The end of a sized literal's digits (after 'b / 'h ...), or `at` when there is no base.
std::size_t sized_literal_end(const std::string& t, std::size_t at) {
  std::size_t i = at;
  if (i >= t.size() || t[i] != '\'') return at;
  ++i;
  if (i < t.size() && (t[i] == 's' || t[i] == 'S')) ++i;
  if (i >= t.size() || std::string("bBoOdDhH").find(t[i]) == std::string::npos) return at;
  ++i;
  const std::size_t digits = i;
  while (i < t.size() && (std::isxdigit(static_cast<unsigned char>(t[i])) ||
                          std::string("xXzZ_?").find(t[i]) != std::string::npos))
    ++i;
  return i > digits ? i : at;
}

// Verilog tokens: comments and white space dropped, escaped identifiers without their backslash, sized
// literals whole, every other character on its own.
std::vector<std::string> tokens(const std::string& t) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    std::size_t end = i + 1;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (t.compare(i, 2, "//") == 0) {
      i = std::min(t.find('\n', i), t.size());
      continue;
    }
    if (t.compare(i, 2, "/*") == 0) {
      const std::size_t close = t.find("*/", i + 2);
      i = close == std::string::npos ? t.size() : close + 2;
      continue;
    }
    if (c == '\\' && i + 1 < t.size() && !std::isspace(static_cast<unsigned char>(t[i + 1]))) {
      while (end < t.size() && !std::isspace(static_cast<unsigned char>(t[end]))) ++end;
      out.push_back(t.substr(i + 1, end - i - 1));
      i = end;
      continue;
    }
    if (identifier_start(c)) {
      while (end < t.size() && identifier_char(t[end])) ++end;
    } else if (digit(c)) {
      while (end < t.size() && digit(t[end])) ++end;
      end = sized_literal_end(t, end);
    }
    out.push_back(t.substr(i, end - i));
    i = end;
  }
  return out;
}

// The index after a balanced "( ... )" starting at `j` (which holds "(").
std::size_t after_parentheses(const std::vector<std::string>& toks, std::size_t j) {
  int depth = 0;
  do {
    depth += toks.at(j) == "(";
    depth -= toks.at(j) == ")";
    ++j;
  } while (depth != 0);
  return j;
}

// The ports of the cell instance whose "(" is at `j`; `j` ends after its closing ")".
std::map<std::string, std::vector<std::string>> cell_ports(const std::vector<std::string>& toks,
                                                           std::size_t& j, const std::string& source) {
  std::map<std::string, std::vector<std::string>> ports;
  ++j;
  while (toks.at(j) != ")") {
    if (toks[j] == ",") {
      ++j;
      continue;
    }
    if (toks[j] != "." || toks.at(j + 2) != "(")
      throw core::InputError(source + ": unexpected '" + toks[j] + "' in a cell's port list");
    const std::string name = toks[j + 1];
    j += 3;
    std::vector<std::string> expr;
    for (int depth = 1;; ++j) {
      depth += toks.at(j) == "(";
      depth -= toks[j] == ")";
      if (depth == 0) break;
      expr.push_back(toks[j]);
    }
    ports[name] = expr;
    ++j;
  }
  ++j;
  return ports;
}

const char* toggle_pin(const std::string& type) {
  if (type.starts_with("SB_DFF")) return "Q";
  if (type == "SB_LUT4") return "O";
  if (type == "SB_CARRY") return "CO";
  return nullptr;
}

NetBit net_bit(const std::vector<std::string>& expr) {
  if (expr.size() == 1) return {expr[0], -1};
  if (expr.size() == 4 && expr[1] == "[" && expr[3] == "]") return {expr[0], std::stoi(expr[2])};
  throw core::InputError("unexpected output connection '" + expr.front() + "...' of a toggling cell");
}

}  // namespace

std::vector<NetlistCell> netlist_cells(const std::string& text, const std::string& source) {
  const std::vector<std::string> toks = tokens(text);
  std::vector<NetlistCell> cells;
  std::size_t i = 0;
  while (i < toks.size()) {
    const std::string& t = toks[i];
    const bool statement_start = i > 0 && toks[i - 1] == ";";
    if (!(statement_start && t.starts_with("SB_") && i + 2 < toks.size() &&
          (toks[i + 1] == "#" || toks[i + 2] == "("))) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    if (toks[j] == "#") j = after_parentheses(toks, j + 1);  // parameter block #( ... )
    ++j;                                                     // instance name
    if (toks.at(j) != "(") throw core::InputError(source + ": cell " + t + " has no port list");
    NetlistCell cell{t, cell_ports(toks, j, source)};
    cells.push_back(std::move(cell));
    i = j;
  }
  return cells;
}

std::vector<NetBit> toggled_nets(const std::vector<NetlistCell>& cells) {
  std::set<NetBit> nets;
  for (const NetlistCell& cell : cells) {
    const char* pin = toggle_pin(cell.type);
    if (pin != nullptr && cell.ports.count(pin)) nets.insert(net_bit(cell.ports.at(pin)));
  }
  return {nets.begin(), nets.end()};
}

namespace {

struct VcdVariable {
  std::string id;
  int width = 1;
  std::optional<int> msb, lsb;
};

// The $var declarations of the header: name (without an escaping backslash) -> variable.
std::map<std::string, VcdVariable> vcd_variables(const std::string& header) {
  std::istringstream words(header);
  std::map<std::string, VcdVariable> variables;
  std::string word;
  while (words >> word) {
    if (word != "$var") continue;
    std::string type, width, id, name, next;
    words >> type >> width >> id >> name >> next;
    if (name.starts_with("\\")) name.erase(0, 1);
    VcdVariable v{id, std::stoi(width), std::nullopt, std::nullopt};
    if (next.starts_with("[")) {
      const std::size_t colon = next.find(':');
      v.msb = std::stoi(next.substr(1));
      v.lsb = colon == std::string::npos ? *v.msb : std::stoi(next.substr(colon + 1));
    }
    variables[name] = v;
  }
  return variables;
}

struct Watch {
  std::size_t position;
  int width;
  NetBit net;
};

std::map<std::string, std::vector<Watch>> watched(const std::map<std::string, VcdVariable>& variables,
                                                  const std::vector<NetBit>& nets,
                                                  const std::string& source) {
  std::map<std::string, std::vector<Watch>> watch;
  for (const NetBit& net : nets) {
    const auto it = variables.find(net.first);
    if (it == variables.end()) throw core::InputError(source + ": net " + net.first + " is not in the VCD");
    const VcdVariable& v = it->second;
    std::size_t position = 0;
    if (net.second < 0) {
      if (v.width != 1)
        throw core::InputError(source + ": " + net.first + " is " + std::to_string(v.width) + " bits wide");
    } else {
      if (!v.msb) throw core::InputError(source + ": " + net.first + " has no bit range in the VCD");
      position = static_cast<std::size_t>(*v.msb >= *v.lsb ? *v.msb - net.second : net.second - *v.msb);
    }
    watch[v.id].push_back({position, v.width, net});
  }
  return watch;
}

}  // namespace

VcdToggles vcd_toggles(const std::string& text, const std::vector<NetBit>& nets, const std::string& source) {
  const std::size_t definitions = text.find("$enddefinitions");
  const std::string header = text.substr(0, definitions);
  const auto variables = vcd_variables(header);
  const auto watch = watched(variables, nets, source);
  if (!variables.count("clk")) throw core::InputError(source + ": no clk in the VCD");
  const std::string clk_id = variables.at("clk").id;
  VcdToggles out;
  for (const NetBit& net : nets) out.per_net[net] = 0;
  std::map<NetBit, char> value, pending;
  bool started = false;
  char clk = 0;
  auto settle = [&] {
    for (const auto& [net, v] : pending) {
      const auto old = value.find(net);
      const bool known = old != value.end() && (old->second == '0' || old->second == '1');
      if (started && known && old->second != v && (v == '0' || v == '1')) ++out.per_net[net];
      value[net] = v;
    }
    pending.clear();
  };
  std::istringstream lines(definitions == std::string::npos ? std::string() : text.substr(definitions));
  std::string line;
  std::getline(lines, line);  // "$enddefinitions $end"
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    const char c = line[0];
    if (c == '#') {
      settle();
      started = true;  // everything before the first time stamp is the initial dump
      continue;
    }
    std::string vec, id;
    if (std::string("bBrR").find(c) != std::string::npos) {
      std::istringstream(line.substr(1)) >> vec >> id;
    } else if (std::string("01xXzZ").find(c) != std::string::npos) {
      vec = std::string(1, c);
      std::istringstream(line.substr(1)) >> id;
    } else {
      continue;  // $dumpvars / $end / $comment lines
    }
    if (id == clk_id) {
      if (clk == '0' && vec.back() == '1') ++out.clock_edges;
      clk = vec.back();
    }
    const auto it = watch.find(id);
    if (it == watch.end()) continue;
    for (const Watch& w : it->second) {
      if (static_cast<int>(vec.size()) < w.width) {
        const char fill = std::string("xXzZ").find(vec[0]) != std::string::npos ? vec[0] : '0';
        vec.insert(0, static_cast<std::size_t>(w.width) - vec.size(), fill);
      }
      pending[w.net] = static_cast<char>(std::tolower(static_cast<unsigned char>(vec[w.position])));
    }
  }
  settle();
  for (const NetBit& net : nets) {
    const auto v = value.find(net);
    if (v == value.end() || (v->second != '0' && v->second != '1'))
      throw core::InputError(source + ": net " + net.first + "[" + std::to_string(net.second) +
                             "] ends the simulation unknown");
  }
  for (const auto& [net, count] : out.per_net) out.total += count;
  return out;
}

namespace {

struct ActivityTools {
  flow::Tool yosys, nextpnr, iverilog, vvp;
  fs::path cells_sim;
  std::string yosys_version, nextpnr_version;
};

// "nextpnr-ice40 <version>" of nextpnr's "(Version X)" line, else the line.
std::string nextpnr_version(const std::string& line) {
  const std::size_t at = line.find("(Version ");
  const std::size_t close = at == std::string::npos ? at : line.find(')', at);
  return close == std::string::npos ? line : "nextpnr-ice40 " + line.substr(at + 9, close - at - 9);
}

fs::path yosys_datdir(const ActivityOptions& o, const flow::Tool& yosys) {
  if (!o.yosys_datdir.empty()) return o.yosys_datdir;
  if (const auto config = flow::on_path("yosys-config")) {
    std::string dir = flow::output_of({config->string(), "--datdir"});
    while (!dir.empty() && std::isspace(static_cast<unsigned char>(dir.back()))) dir.pop_back();
    if (!dir.empty() && fs::exists(fs::path(dir) / "ice40" / "cells_sim.v")) return dir;
  }
  std::error_code ec;
  return fs::canonical(yosys.path, ec).parent_path().parent_path() / "share" / "yosys";
}

ActivityTools find_activity_tools(const ActivityOptions& o) {
  ActivityTools t;
  t.yosys = flow::find_tool({"yosys", "--yosys", "yosys", {"-V"}}, o.yosys);
  t.nextpnr = flow::find_tool({"nextpnr-ice40", "--nextpnr", "nextpnr-ice40", {"--version"}}, o.nextpnr);
  t.iverilog = flow::find_tool({"iverilog", "--iverilog", "iverilog", {"-V"}}, o.iverilog);
  t.vvp = flow::find_tool({"vvp", "--vvp", "iverilog", {"-V"}}, o.vvp);
  t.cells_sim = yosys_datdir(o, t.yosys) / "ice40" / "cells_sim.v";
  if (!fs::exists(t.cells_sim))
    throw core::InputError(t.cells_sim.string() +
                           ": Yosys' iCE40 simulation models not found (give --yosys-datdir)");
  t.yosys_version = t.yosys.version;
  t.nextpnr_version = nextpnr_version(t.nextpnr.version);
  return t;
}

// One design's work folder; a failed tool leaves it in place for the log its error names.
struct Work {
  const ActivityTools& tools;
  core::TemporaryFolder folder{"scn-activity-"};

  fs::path at(const std::string& name) const { return folder.path() / name; }
  // Runs a tool with its output in <stage>.log; its output text.
  std::string run(const std::string& stage, std::vector<std::string> argv) {
    const fs::path log = at(stage + ".log");
    const flow::ToolRun run{stage, std::move(argv), log, folder.path(), 0, {}, {}};
    const flow::RunResult r = flow::run_tool(run);
    if (r.exit_code != 0) {
      folder.keep();
      throw flow::tool_exit_error(run, r.exit_code);
    }
    return core::read_file(log);
  }
};

struct Mapped {
  std::int64_t logic_cells = 0, dsps_placed = 0;
  std::vector<NetlistCell> cells;
};

// Yosys synth_ice40 of `source` (the mapped netlist in mapped.v) and nextpnr-ice40 --pack-only on `device`.
Mapped synth_and_pack(Work& w, const fs::path& source, const std::string& top, bool dsp,
                      const std::vector<std::string>& device) {
  w.run("yosys", {w.tools.yosys.path.string(), "-q", "-p",
                  "read_verilog " + source.string() + "; synth_ice40 " + (dsp ? "-dsp " : "") + "-top " +
                      top + "; write_json design.json; write_verilog -noattr mapped.v"});
  std::vector<std::string> pack = {w.tools.nextpnr.path.string()};
  pack.insert(pack.end(), device.begin(), device.end());
  pack.insert(pack.end(), {"--pack-only", "--json", "design.json", "--report", "report.json", "-q"});
  w.run("nextpnr", pack);
  Mapped m;
  for (const auto& bel : evidence::parse_report_file(w.at("report.json")).metrics.bel_utilisation) {
    if (bel.bel == "ICESTORM_LC") m.logic_cells = bel.used;
    if (bel.bel == "ICESTORM_DSP") m.dsps_placed = bel.used;
  }
  m.cells = netlist_cells(core::read_file(w.at("mapped.v")), w.at("mapped.v").string());
  return m;
}

struct Simulated {
  std::int64_t toggles = 0;
  std::map<std::string, double> per_cycle_by_kind;  // SB_LUT4, SB_CARRY, SB_DFF*
  std::string output;                               // what vvp printed
};

// Icarus simulation of mapped.v under `testbench`, which dumps activity.vcd over `cycles` clock cycles.
Simulated simulate(Work& w, const std::vector<NetlistCell>& cells, const std::string& testbench, int cycles,
                   const std::string& what) {
  core::write_file_atomically(w.at("tb.v"), testbench);
  // Icarus 11 rejects the default port values of cells_sim.v; every port of the mapped cells is connected.
  w.run("iverilog", {w.tools.iverilog.path.string(), "-g2012", "-DNO_ICE40_DEFAULT_ASSIGNMENTS", "-o",
                     "sim.vvp", "mapped.v", w.tools.cells_sim.string(), "tb.v"});
  Simulated s;
  s.output = w.run("vvp", {w.tools.vvp.path.string(), "-n", "sim.vvp"});
  const VcdToggles t = vcd_toggles(core::read_file(w.at("activity.vcd"), 1ull << 34), toggled_nets(cells),
                                   w.at("activity.vcd"));
  if (t.clock_edges != cycles)
    throw core::ToolError(what + ": " + std::to_string(t.clock_edges) +
                          " clock edges in the dump, expected " + std::to_string(cycles));
  s.toggles = t.total;
  for (const NetlistCell& cell : cells) {
    const char* pin = toggle_pin(cell.type);
    if (pin == nullptr || !cell.ports.count(pin)) continue;
    const std::string kind = cell.type.starts_with("SB_DFF") ? "SB_DFF*" : cell.type;
    s.per_cycle_by_kind[kind] += static_cast<double>(t.per_net.at(net_bit(cell.ports.at(pin))));
  }
  for (auto& [kind, total] : s.per_cycle_by_kind) total /= cycles;
  return s;
}

struct CellCounts {
  std::int64_t luts = 0, carries = 0, ffs = 0, dsps = 0;
};

CellCounts cell_counts(const std::vector<NetlistCell>& cells) {
  CellCounts c;
  for (const NetlistCell& cell : cells) {
    c.luts += cell.type == "SB_LUT4";
    c.carries += cell.type == "SB_CARRY";
    c.ffs += cell.type.starts_with("SB_DFF");
    c.dsps += cell.type == "SB_MAC16";
  }
  return c;
}

std::string split_text(const Simulated& s, int decimals) {
  std::string text;
  for (const auto& [kind, per_cycle] : s.per_cycle_by_kind)
    text += (text.empty() ? "" : ", ") + kind + " " + core::py::fixed(per_cycle, decimals);
  return text.empty() ? "no toggling nets" : text;
}

std::string rounded(double value) { return core::py::float_repr(core::py::round_ndigits(value, 6)); }

std::string fixture_testbench(const std::string& top, int cycles) {
  return "`timescale 1ns/1ps\nmodule power_tb;\n    reg clk = 1'b0;\n    always #5 clk = ~clk;\n    " + top +
         " dut (.clk(clk));\n    initial begin\n        repeat (" + std::to_string(kWarmupCycles) +
         ") @(posedge clk);\n        @(negedge clk);\n        $dumpfile(\"activity.vcd\");\n"
         "        $dumpvars(1, power_tb.dut);\n        repeat (" +
         std::to_string(cycles) + ") @(negedge clk);\n        $finish;\n    end\nendmodule\n";
}

}  // namespace

std::string measure_fixture_activity_csv(const ActivityOptions& options, const fs::path& fixtures,
                                         const std::vector<Fixture>& designs, flow::Progress& progress) {
  const ActivityTools tools = find_activity_tools(options);
  std::string csv = core::csv_line({"design", "logic_cells", "luts", "carries", "ffs", "dsps",
                                    "toggles_per_cycle", "cycles", "yosys", "nextpnr"});
  for (const Fixture& f : designs) {
    const fs::path source = fixtures / (f.name + ".v");
    if (!fs::exists(source)) throw core::InputError(source.string() + ": no such fixture");
    Work w{tools};
    const Mapped m = synth_and_pack(w, fs::absolute(source), f.name, f.dsp, {"--up5k", "--package", "sg48"});
    const CellCounts c = cell_counts(m.cells);
    if (c.dsps != m.dsps_placed)
      throw core::ToolError(f.name + ": the netlist and nextpnr disagree on DSPs (log " +
                            w.at("nextpnr.log").string() + ")");
    const Simulated s =
        simulate(w, m.cells, fixture_testbench(f.name, options.cycles), options.cycles, f.name);
    const std::string toggles = rounded(static_cast<double>(s.toggles) / options.cycles);
    csv += core::csv_line({f.name, std::to_string(m.logic_cells), std::to_string(c.luts),
                           std::to_string(c.carries), std::to_string(c.ffs), std::to_string(c.dsps), toggles,
                           std::to_string(options.cycles), tools.yosys_version, tools.nextpnr_version});
    progress.line(f.name + ": LC " + std::to_string(m.logic_cells) + ", LUT " + std::to_string(c.luts) +
                  ", CARRY " + std::to_string(c.carries) + ", FF " + std::to_string(c.ffs) + ", DSP " +
                  std::to_string(c.dsps) + ", T/cycle " + toggles + " (" + split_text(s, 3) + ")");
  }
  return csv;
}

namespace {

// The layer's fixed, seeded b-bit inputs packed as x (input i in x[i*b +: b]), as an n*b-bit hex literal.
std::string layer_inputs_literal(const hw::LayerDesign& d) {
  core::PythonRandom rng(static_cast<std::int64_t>(d.seed));
  const int width = d.n_inputs * d.precision;
  std::vector<bool> bits(static_cast<std::size_t>(width), false);
  for (int i = 0; i < d.n_inputs; ++i) {
    const std::uint32_t v = rng.getrandbits(d.precision);
    for (int k = 0; k < d.precision; ++k) bits[static_cast<std::size_t>(i * d.precision + k)] = (v >> k) & 1u;
  }
  std::string hex;
  for (int top = ((width + 3) / 4) * 4 - 4; top >= 0; top -= 4) {
    int nibble = 0;
    for (int k = 3; k >= 0; --k)
      nibble = nibble * 2 + (top + k < width && bits[static_cast<std::size_t>(top + k)] ? 1 : 0);
    if (hex.empty() && nibble == 0) continue;
    hex += "0123456789abcdef"[nibble];
  }
  return std::to_string(width) + "'h" + (hex.empty() ? "0" : hex);
}

std::string layer_testbench(const hw::LayerDesign& d, bool is_signed, const std::string& top, int cycles) {
  const std::string x_msb = std::to_string(d.n_inputs * d.precision - 1);
  const std::string ones_msb = std::to_string(d.n_neurons * hw::sc_ones_width(d, is_signed) - 1);
  const std::string exact_msb = std::to_string(d.n_neurons * hw::exact_sum_width(d, is_signed) - 1);
  return "`timescale 1ns/1ps\nmodule layer_tb;\n    reg clk = 1'b0;\n    reg rst = 1'b1;\n    reg [" + x_msb +
         ":0] x = " + layer_inputs_literal(d) + ";\n    wire done;\n    wire [" + ones_msb +
         ":0] sc_ones;\n    wire [" + exact_msb + ":0] exact_sum;\n    always #5 clk = ~clk;\n    " + top +
         " dut (.clk(clk), .rst(rst), .x(x), .done(done), .sc_ones(sc_ones), .exact_sum(exact_sum));\n"
         "    initial begin\n        repeat (" +
         std::to_string(kLayerResetCycles) +
         ") @(posedge clk);\n        @(negedge clk);\n        rst = 1'b0;\n        #1;\n"
         "        $display(\"start done=%b\", done);\n        $dumpfile(\"activity.vcd\");\n"
         "        $dumpvars(1, layer_tb.dut);\n        repeat (" +
         std::to_string(cycles) +
         ") @(negedge clk);\n        $display(\"end done=%b\", done);\n        $finish;\n    "
         "end\nendmodule\n";
}

std::vector<std::string> layer_activity_row(const ActivityTools& tools, const LayerRows& configs,
                                            std::size_t r, std::string& shown) {
  const hw::LayerDesign d = row_design(configs, r);
  if (d.mode != sim::ComputeMode::kSc && d.mode != sim::ComputeMode::kHybrid)
    throw core::InputError(configs.path + ": row " + std::to_string(configs.lines[r]) +
                           ": mode has no streaming phase (sc or hybrid only)");
  const std::string top = hw::module_name(d);
  Work w{tools};
  const std::vector<std::int32_t> weights = hw::make_signed_layer_weights(d);
  const bool is_signed = std::any_of(weights.begin(), weights.end(), [](std::int32_t v) { return v < 0; });
  core::write_file_atomically(w.at("layer.v"), hw::emit_layer_verilog(d, weights));
  const Mapped m = synth_and_pack(w, w.at("layer.v"), top, false, {"--hx8k", "--package", "ct256"});
  const int cycles = std::min(d.bitstream_length, kMaxLayerCycles);
  const Simulated s = simulate(w, m.cells, layer_testbench(d, is_signed, top, cycles), cycles, top);
  // Every counted cycle streams: done is low after reset and rises with the last bit of the stream.
  const std::string end = std::string("end done=") + (d.bitstream_length <= kMaxLayerCycles ? "1" : "0");
  if (s.output.find("start done=0") == std::string::npos || s.output.find(end) == std::string::npos) {
    w.folder.keep();
    throw core::ToolError(top + ": done does not frame the " + std::to_string(cycles) +
                          " streaming cycles (log " + w.at("vvp.log").string() + ")");
  }
  const double netlist = core::py::round_ndigits(static_cast<double>(s.toggles) / cycles, 6);
  const double simulated = core::py::round_ndigits(model::layer_activity(d).total(), 6);
  const CellCounts c = cell_counts(m.cells);
  std::vector<std::string> row;
  for (const char* k : {"n_inputs", "n_neurons", "bitstream_length", "precision", "weight_bits", "generator",
                        "polynomial", "mode", "sparsity", "seed"})
    row.push_back(configs.cells[r][configs.header.column(k)]);
  const std::string ratio = simulated > 0 ? rounded(netlist / simulated) : "";
  row.insert(row.end(),
             {top, std::to_string(m.logic_cells), std::to_string(c.luts), std::to_string(c.carries),
              std::to_string(c.ffs), core::py::float_repr(netlist), core::py::float_repr(simulated), ratio,
              std::to_string(cycles), tools.yosys_version, tools.nextpnr_version});
  shown = top + ": LC " + std::to_string(m.logic_cells) + ", T/cycle netlist " +
          core::py::float_repr(netlist) + ", simulated " + core::py::float_repr(simulated) + ", ratio " +
          ratio + " (" + split_text(s, 1) + ")";
  return row;
}

}  // namespace

std::string measure_layer_activity_csv(const ActivityOptions& options, const LayerRows& configs,
                                       flow::Progress& progress) {
  if (configs.cells.empty()) throw core::InputError(configs.path + ": has no rows");
  for (std::size_t r = 0; r < configs.cells.size(); ++r) row_design(configs, r);  // bad input before any tool
  const ActivityTools tools = find_activity_tools(options);
  std::string csv = core::csv_line({"n_inputs",
                                    "n_neurons",
                                    "bitstream_length",
                                    "precision",
                                    "weight_bits",
                                    "generator",
                                    "polynomial",
                                    "mode",
                                    "sparsity",
                                    "seed",
                                    "module",
                                    "logic_cells",
                                    "luts",
                                    "carries",
                                    "ffs",
                                    "netlist_toggles_per_cycle",
                                    "simulated_toggles_per_cycle",
                                    "ratio",
                                    "cycles",
                                    "yosys",
                                    "nextpnr"});
  for (std::size_t r = 0; r < configs.cells.size(); ++r) {
    std::string shown;
    csv += core::csv_line(layer_activity_row(tools, configs, r, shown));
    progress.line(std::to_string(r + 1) + "/" + std::to_string(configs.cells.size()) + " " + shown);
  }
  return csv;
}

}  // namespace scn::calibration
