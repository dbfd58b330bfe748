#include "sc_neurocore/calibration/measure.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>

#include "sc_neurocore/core/bits.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/evidence/reports/report.hpp"
#include "sc_neurocore/flow/toolchain.hpp"
#include "sc_neurocore/hw/folded_layer.hpp"
#include "sc_neurocore/hw/verilog.hpp"

namespace scn::calibration {
namespace fs = std::filesystem;
namespace {

const char* const kWrapper = "scn_fmax_wrap";
const std::vector<std::string> kKnobs = {"n_inputs",    "n_neurons", "bitstream_length", "precision",
                                         "weight_bits", "generator", "polynomial",       "mode",
                                         "sparsity",    "seed"};
// The reports a resumed sweep reuses (MeasureOptions::keep_logs).
const std::vector<std::string> kKeptReports = {"yosys.log", "pack.rpt.json", "wrap-pack.rpt.json",
                                               "route.rpt.json", "route.log"};
// Bits of one block RAM of the parsers' bram_used (SB_RAM40_4K; DP16KD or PDPW16KD).
std::int64_t bram_bits_per_block(const std::string& family) { return family == "ecp5" ? 18432 : 4096; }

// An SPRAM layer's load port in the wrapper: wl_data shifts in from si too, wl_we is the input shift
// register's top bit, so the blocks are written (and kept) as in a network; wl_rst is the reset.
std::string wrapper_load_port(const hw::LayerDesign& d, int nx) {
  if (!d.fold.folded() || d.fold.memory != hw::WeightMemory::kSpram) return "";
  return "  reg [15:0] wl_shift;\n  reg wl_we;\n  wire wl_done;\n  always @(posedge clk) begin wl_shift <= "
         "{wl_shift[14:0], si}; wl_we <= x_shift[" +
         std::to_string(nx - 1) + "]; end\n";
}

// A two-pin-in, one-pin-out wrapper, so that the layer places on a real package: the inputs arrive through a
// shift register, the outputs leave through a loadable shift register. Neither adds logic depth beyond one
// 2:1 multiplexer, so the critical path stays the layer's.
std::string fmax_wrapper(const hw::LayerDesign& d, const std::string& module, bool is_signed) {
  // A layer with its inputs in memory takes the write port's bits from the shift register: the slice's
  // inputs, then its address, then the write enable.
  const bool input_memory = d.fold.folded() && d.fold.input_memory;
  const int slice_bits =
      input_memory
          ? core::register_width(static_cast<std::uint64_t>(hw::fold_shape(d, false).input_slices - 1))
          : 0;
  const int row_bits = d.fold.input_lanes * d.precision;
  const int nx = input_memory ? row_bits + slice_bits + 1 : d.n_inputs * d.precision;
  const std::string inputs = input_memory
                                 ? ".xw_we(x_shift[" + std::to_string(nx - 1) + "]), .xw_addr(x_shift[" +
                                       std::to_string(nx - 2) + ":" + std::to_string(row_bits) +
                                       "]), .xw_data(x_shift[" + std::to_string(row_bits - 1) + ":0])"
                                 : ".x(x_shift)";
  const std::string load = wrapper_load_port(d, nx);
  const int a = d.n_neurons * hw::sc_ones_width(d, is_signed);
  const int e = d.n_neurons * hw::exact_sum_width(d, is_signed);
  const std::string shift_in =
      nx == 1 ? "x_shift <= si;" : "x_shift <= {x_shift[" + std::to_string(nx - 2) + ":0], si};";
  const std::string top = std::to_string(a + e);
  return "// Calibration wrapper of " + module + " (sc-neurocore measure-layers); do not edit.\n" +
         "module " + kWrapper + " (input wire clk, input wire rst, input wire si, output wire so);\n" +
         "  reg [" + std::to_string(nx - 1) + ":0] x_shift;\n" + "  always @(posedge clk) " + shift_in +
         "\n" + "  wire done;\n" + "  wire [" + std::to_string(a - 1) + ":0] sc_ones;\n" + "  wire [" +
         std::to_string(e - 1) + ":0] exact_sum;\n" + load + "  " + module +
         " layer (.clk(clk), .rst(rst), " + inputs + ", .done(done), .sc_ones(sc_ones), " +
         (load.empty() ? "" : ".wl_rst(rst), .wl_we(wl_we), .wl_data(wl_shift), .wl_done(wl_done), ") +
         ".exact_sum(exact_sum));\n" + "  reg [" + top + ":0] y;\n" +
         "  always @(posedge clk) y <= done ? {1'b1, sc_ones, exact_sum} : {y[" + std::to_string(a + e - 1) +
         ":0], 1'b0};\n" + "  assign so = y[" + top + "];\nendmodule\n";
}

// One layer's measurement in its temporary folder.
struct LayerWork {
  const MeasureOptions& options;
  const MeasureTools& tools;
  fs::path dir;
  std::string module;

  fs::path at(const std::string& name) const { return dir / name; }
  bool has(const std::string& name) const { return fs::exists(at(name)); }

  flow::RunResult run(const std::string& stage, std::vector<std::string> argv, const std::string& log,
                      double timeout) const {
    return flow::run_tool({stage, std::move(argv), at(log), dir, timeout, {}, {}});
  }
  // A failure is an error naming the stage, the tool and `shown_log` (Yosys' own log, not its console).
  void run_checked(const std::string& stage, std::vector<std::string> argv, const std::string& log,
                   const std::string& shown_log) const {
    flow::run_tool_checked({stage, std::move(argv), at(log), dir, options.timeout, {}, {}}, at(shown_log));
  }
  std::vector<std::string> nextpnr(std::vector<std::string> args) const {
    std::vector<std::string> argv = {tools.nextpnr->path.string(), "--" + options.device, "--package",
                                     options.package};
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }
};

evidence::BelUsage logic_cells_of(const fs::path& report) {
  const evidence::ParsedReport parsed = evidence::parse_report_file(report);
  for (const auto& bel : parsed.metrics.bel_utilisation)
    if (bel.bel == "ICESTORM_LC") return bel;
  throw core::ToolError(report.string() + ": nextpnr-ice40 report has no ICESTORM_LC row");
}

// Copies kept reports of this module into the folder, or the folder's reports into the kept ones.
void restore_kept(const LayerWork& w) {
  if (w.options.keep_logs.empty()) return;
  for (const std::string& name : kKeptReports) {
    const fs::path kept = w.options.keep_logs / (w.module + "." + name);
    if (fs::exists(kept)) fs::copy_file(kept, w.at(name), fs::copy_options::overwrite_existing);
  }
}

void store_kept(const LayerWork& w) {
  if (w.options.keep_logs.empty()) return;
  fs::create_directories(w.options.keep_logs);
  for (const auto& entry : fs::directory_iterator(w.dir)) {
    const std::string name = entry.path().filename().string();
    const bool report = name.ends_with(".log") || name.ends_with(".rpt.json");
    if (report)
      fs::copy_file(entry.path(), w.options.keep_logs / (w.module + "." + name),
                    fs::copy_options::overwrite_existing);
  }
}

// Yosys synth_<family> + stat of the layer as its top (skipped when the kept reports cover it). A configured
// layer is read with its wrapper after it, as a network's layer is read with the modules after it: Yosys
// drops the unused module, but a module read alone maps and packs differently (a folded 64x32 layer on 32 x 2
// lanes: 1,352 cells alone, 1,420-1,471 with other modules after or before it; spatial layers move by under 1
// %), and the models predict the layers of networks.
void synthesise(const LayerWork& w, MeasuredLayer& out) {
  if (!(w.has("yosys.log") && w.has("pack.rpt.json"))) {
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::string> command = {
        w.tools.yosys.path.string(),
        "-q",
        "-l",
        "yosys.log",
        "-p",
        "synth_" + w.options.family + " -top " + w.module + "; stat; write_json layer.json",
        "layer.v"};
    if (w.has("wrapper.v")) command.push_back("wrapper.v");
    w.run_checked("synthesise " + w.module, command, "yosys.out.log", "yosys.log");
    char text[32];
    std::snprintf(text, sizeof text, "%.1f",
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    out.seconds = text;
  }
  const evidence::ParsedReport parsed = evidence::parse_report_file(w.at("yosys.log"));
  const evidence::ReportMetrics& m = parsed.metrics;
  out.yosys = parsed.tool_version;
  out.luts = m.luts_used.value_or(0);
  out.ffs = m.ffs_used.value_or(0);
  out.carries = m.carry_cells.value_or(0);
  out.bram_bits =
      std::llround(m.bram_used.value_or(0) * static_cast<double>(bram_bits_per_block(w.options.family)));
}

// nextpnr-ice40: the wrapped layer placed and routed at 100 MHz, seed 1; its slowest clock. A placement that
// runs out of time or fails is a finding, recorded in `placed`.
void place_and_route(const LayerWork& w, MeasuredLayer& out) {
  if (!w.has("route.rpt.json")) {
    if (w.has("route.log")) fs::remove(w.at("route.log"));  // an interrupted run's partial log
    const auto start = std::chrono::steady_clock::now();
    int code = 0;
    try {
      code = w.run("place and route " + w.module,
                   w.nextpnr({"--json", "wrap.json", "--report", "route.rpt.json", "--freq", "100", "--seed",
                              "1", "--timing-allow-fail"}),
                   "route.log", w.options.place_timeout)
                 .exit_code;
    } catch (const core::ToolError& e) {
      if (e.interrupted()) throw;
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      // Near a full device nextpnr's placer can run for a very long time: that is a finding, recorded.
      out.placed = seconds >= w.options.place_timeout
                       ? "timeout_" + std::to_string(w.options.place_timeout) + "s"
                       : "failed";
      return;
    }
    if (code != 0 || !w.has("route.rpt.json")) {
      out.placed = "failed";
      return;
    }
  }
  const evidence::ParsedReport routed = evidence::parse_report_file(w.at("route.rpt.json"));
  out.placed = "routed";
  const auto& clocks = routed.metrics.fmax_mhz;
  if (!clocks.empty())
    out.fmax_mhz =
        core::py::float_repr(std::min_element(clocks.begin(), clocks.end(), [](const auto& a, const auto& b) {
                               return a.second < b.second;
                             })->second);
}

// The layer behind the two-pin wrapper: synthesised, packed (its cells) and, when it fits, placed and routed.
void place_wrapped(const LayerWork& w, MeasuredLayer& out) {
  if (!w.has("route.rpt.json") || !w.has("wrap-pack.rpt.json")) {
    w.run_checked(
        "synthesise wrapper",
        {w.tools.yosys.path.string(), "-q", "-l", "wrapper-yosys.log", "-p",
         std::string("synth_ice40 -top ") + kWrapper + "; write_json wrap.json", "layer.v", "wrapper.v"},
        "wrapper-yosys.out.log", "wrapper-yosys.log");
    w.run("pack wrapper", w.nextpnr({"--pack-only", "--json", "wrap.json", "--report", "wrap-pack.rpt.json"}),
          "pack.log", w.options.timeout);
  }
  const evidence::BelUsage cells = logic_cells_of(w.at("wrap-pack.rpt.json"));
  out.wrapper_cells = std::to_string(cells.used);
  if (cells.used > cells.available) {
    out.placed = "too_big";
    return;
  }
  place_and_route(w, out);
}

// nextpnr-ice40 --pack-only of the layer alone (its logic cells) and, when asked, the wrapped layer placed.
void pack(const LayerWork& w, bool place, MeasuredLayer& out) {
  out.nextpnr = w.tools.nextpnr->version;
  out.device = w.options.device + ":" + w.options.package;
  if (!w.has("pack.rpt.json"))
    w.run_checked("pack " + w.module,
                  w.nextpnr({"--pack-only", "--json", "layer.json", "--report", "pack.rpt.json"}), "pack.log",
                  "pack.log");
  out.logic_cells = std::to_string(logic_cells_of(w.at("pack.rpt.json")).used);
  if (place) place_wrapped(w, out);
}

}  // namespace

MeasureTools find_measure_tools(const MeasureOptions& options) {
  MeasureTools tools;
  for (const flow::ToolSpec& spec : flow::toolchain_for(options.family).tools()) {
    if (spec.name == "yosys") tools.yosys = flow::find_tool(spec, options.yosys);
    if (spec.name == "nextpnr-ice40") tools.nextpnr = flow::find_tool(spec, options.nextpnr);
  }
  return tools;
}

std::vector<std::string> config_columns(const LayerRows& configs) {
  std::vector<std::string> columns = kKnobs;
  if (configs.header.has("negative_fraction")) columns.push_back("negative_fraction");
  if (configs.header.has("neuron_lanes"))
    for (const char* c : {"neuron_lanes", "input_lanes", "weight_memory"}) columns.push_back(c);
  if (configs.header.has("input_memory")) columns.push_back("input_memory");
  return columns;
}

std::vector<std::string> measured_columns(const LayerRows& configs, const std::string& family) {
  std::vector<std::string> columns = config_columns(configs);
  for (const char* c : {"module", "luts", "ffs", "carries", "bram_bits", "yosys", "seconds"})
    columns.push_back(c);
  if (family == "ice40")
    for (const char* c : {"logic_cells", "wrapper_cells", "placed", "fmax_mhz", "nextpnr", "device"})
      columns.push_back(c);
  return columns;
}

std::vector<std::string> measured_cells(const MeasuredLayer& l, const std::string& family) {
  std::vector<std::string> cells = l.config;
  for (const std::string& c : {l.module, std::to_string(l.luts), std::to_string(l.ffs),
                               std::to_string(l.carries), std::to_string(l.bram_bits), l.yosys, l.seconds})
    cells.push_back(c);
  if (family == "ice40")
    for (const std::string& c : {l.logic_cells, l.wrapper_cells, l.placed, l.fmax_mhz, l.nextpnr, l.device})
      cells.push_back(c);
  return cells;
}

namespace {

// Synthesises (and on iCE40 packs, and when asked places) module `module` of the folder's layer.v, reusing
// and then keeping the reports of options.keep_logs. A failed tool's folder stays, for the log its error
// names.
void measure_in_folder(core::TemporaryFolder& folder, const LayerWork& work, bool place, MeasuredLayer& out) {
  try {
    restore_kept(work);
    synthesise(work, out);
    if (work.options.family == "ice40") pack(work, place, out);
    store_kept(work);
  } catch (const core::ToolError& e) {
    if (!e.interrupted()) folder.keep();
    throw;
  }
}

}  // namespace

MeasuredLayer measure_layer(const MeasureOptions& options, const MeasureTools& tools,
                            const LayerRows& configs, std::size_t row) {
  const hw::LayerDesign design = row_design(configs, row);
  const std::vector<std::int32_t> weights = hw::make_signed_layer_weights(design);
  const bool is_signed = std::any_of(weights.begin(), weights.end(), [](std::int32_t w) { return w < 0; });
  MeasuredLayer out;
  for (const std::string& column : config_columns(configs))
    out.config.push_back(configs.cells[row][configs.header.column(column)]);
  out.module = hw::module_name(design);
  core::TemporaryFolder tmp("scn-cal-");
  const LayerWork work{options, tools, tmp.path(), out.module};
  core::write_file_atomically(work.at("layer.v"), design.fold.folded()
                                                      ? hw::emit_folded_layer_verilog(design, weights, {}, {})
                                                      : hw::emit_layer_verilog(design, weights));
  core::write_file_atomically(work.at("wrapper.v"), fmax_wrapper(design, out.module, is_signed));
  // Deterministic layers are outside the calibrated scope of fmax: packed, not placed.
  measure_in_folder(tmp, work, options.place && design.mode != sim::ComputeMode::kDeterministic, out);
  return out;
}

MeasuredLayer measure_module(const MeasureOptions& options, const MeasureTools& tools,
                             const std::string& verilog, const std::string& module) {
  MeasuredLayer out;
  out.module = module;
  core::TemporaryFolder tmp("scn-cal-");
  const LayerWork work{options, tools, tmp.path(), module};
  core::write_file_atomically(work.at("layer.v"), verilog);
  measure_in_folder(tmp, work, false, out);
  return out;
}

std::string measured_text(const MeasuredLayer& l) {
  return l.module + ": " + std::to_string(l.luts) + " LUTs, " + std::to_string(l.ffs) + " FFs, " +
         std::to_string(l.carries) + " carries, " + l.logic_cells + " LCs, fmax " +
         (l.fmax_mhz.empty() ? "-" : l.fmax_mhz);
}

namespace {

// `count` measurements `jobs` at once, a progress line per finished one; in order.
std::vector<MeasuredLayer> measure_all(std::size_t count, int jobs,
                                       const std::function<MeasuredLayer(std::size_t)>& measure_one,
                                       flow::Progress& progress) {
  std::vector<MeasuredLayer> measured(count);
  std::size_t finished = 0;
  flow::for_each_parallel(
      count, jobs, [&](std::size_t i) { measured[i] = measure_one(i); },
      [&](std::size_t i) {
        progress.line(std::to_string(++finished) + "/" + std::to_string(count) + " " +
                      measured_text(measured[i]));
      });
  if (flow::interrupt_requested()) throw core::ToolError("measure-layers: interrupted", true);
  return measured;
}

}  // namespace

std::string measure_layers_csv(const MeasureOptions& options, const LayerRows& configs,
                               std::vector<std::size_t> rows, int jobs, flow::Progress& progress) {
  if (rows.empty())
    for (std::size_t r = 0; r < configs.cells.size(); ++r) rows.push_back(r);
  for (const std::size_t r : rows) row_design(configs, r);  // bad input before any tool runs
  const MeasureTools tools = find_measure_tools(options);
  const std::vector<MeasuredLayer> measured = measure_all(
      rows.size(), jobs, [&](std::size_t i) { return measure_layer(options, tools, configs, rows[i]); },
      progress);
  std::string csv = core::csv_line(measured_columns(configs, options.family));
  for (const MeasuredLayer& l : measured) csv += core::csv_line(measured_cells(l, options.family));
  return csv;
}

std::string measure_modules_csv(const MeasureOptions& options, const fs::path& verilog,
                                const std::vector<std::string>& modules, int jobs, flow::Progress& progress) {
  const std::string text = core::read_utf8_text_file(verilog);
  const MeasureTools tools = find_measure_tools(options);
  const std::vector<MeasuredLayer> measured = measure_all(
      modules.size(), jobs, [&](std::size_t i) { return measure_module(options, tools, text, modules[i]); },
      progress);
  const bool ice40 = options.family == "ice40";
  std::string csv = core::csv_line(
      ice40 ? std::vector<std::string>{"module", "luts", "ffs", "carries", "bram_bits", "yosys",
                                       "logic_cells", "nextpnr"}
            : std::vector<std::string>{"module", "luts", "ffs", "carries", "bram_bits", "yosys"});
  for (const MeasuredLayer& l : measured) {
    std::vector<std::string> cells = {l.module,
                                      std::to_string(l.luts),
                                      std::to_string(l.ffs),
                                      std::to_string(l.carries),
                                      std::to_string(l.bram_bits),
                                      l.yosys};
    if (ice40) cells.insert(cells.end(), {l.logic_cells, l.nextpnr});
    csv += core::csv_line(cells);
  }
  return csv;
}

}  // namespace scn::calibration
