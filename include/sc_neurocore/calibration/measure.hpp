// Measuring layers with the real tools, for the cost-model fits: each configuration of a CSV
// (scripts/calibrate sample) emitted as Verilog (hw/verilog.hpp), synthesised by Yosys synth_<family> with
// `stat`, and on iCE40 packed by nextpnr-ice40 (logic cells) and, when asked, placed and routed behind a
// two-pin wrapper (fmax). The engine of `sc-neurocore measure-layers`; scripts/calibrate synthesise drives it
// (and, on a Dask cluster, runs it one row per task). Every report is read by the evidence parsers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sc_neurocore/calibration/layer_rows.hpp"
#include "sc_neurocore/flow/process.hpp"

namespace scn::calibration {

struct MeasureOptions {
  std::string family = "ice40";  // ice40 | ecp5
  bool place = false;            // iCE40: also place and route the sc and hybrid rows behind the wrapper
  std::string device = "hx8k";   // nextpnr-ice40's device flag, without the dashes
  std::string package = "ct256";
  // Empty: none. Else the tools' logs and reports are kept there as <module>.<name>, and a later run with the
  // same folder reuses every step whose report is kept (a sweep resumes where it stopped).
  std::filesystem::path keep_logs;
  double timeout = 1800;        // seconds per tool run (an error when exceeded)
  int place_timeout = 1800;     // seconds nextpnr may place and route one layer (recorded, not an error)
  std::filesystem::path yosys;  // given tools; empty: on PATH
  std::filesystem::path nextpnr;
};

struct MeasureTools {
  flow::Tool yosys;
  std::optional<flow::Tool> nextpnr;  // iCE40 only
};

// The tools of the family (InputError naming a missing one and its Debian package).
MeasureTools find_measure_tools(const MeasureOptions& options);

// What one layer measured: its output row.
struct MeasuredLayer {
  std::vector<std::string> config;  // the configuration's cells, in config_columns order
  std::string module;
  std::int64_t luts = 0, ffs = 0, carries = 0, bram_bits = 0;  // the last `stat`; absent lines count 0
  std::string yosys;                                           // Yosys' version as its log states it
  std::string seconds;  // Yosys' wall time, "%.1f"; empty when resumed from kept reports
  // iCE40 only. `placed`: "routed", "too_big" (the wrapper overflows the device), "timeout_<S>s", "failed" or
  // empty (not placed); `fmax_mhz`: the slowest clock of a routed layer.
  std::string logic_cells, wrapper_cells, placed, fmax_mhz, nextpnr, device;
};

// The configuration columns a measurement keeps: the knobs, and negative_fraction when the file has it.
std::vector<std::string> config_columns(const LayerRows& configs);
// The output header: the configuration columns, then Yosys' figures and, on iCE40, nextpnr's.
std::vector<std::string> measured_columns(const LayerRows& configs, const std::string& family);
std::vector<std::string> measured_cells(const MeasuredLayer& layer, const std::string& family);

// Measures row `row` of `configs` in a temporary folder (removed afterwards). ToolError naming the stage and
// the log when Yosys or the layer's packing fails.
MeasuredLayer measure_layer(const MeasureOptions& options, const MeasureTools& tools,
                            const LayerRows& configs, std::size_t row);

// Module `module` of a Verilog text (a top of emit-network's sc_network.v) measured like a layer, unplaced.
MeasuredLayer measure_module(const MeasureOptions& options, const MeasureTools& tools,
                             const std::string& verilog, const std::string& module);

// "<module>: N LUTs, N FFs, N carries, N LCs, fmax F" (the progress line of a finished layer).
std::string measured_text(const MeasuredLayer& layer);

// Measures `rows` of `configs` (all when empty), `jobs` at once, a progress line per finished layer; the CSV
// (header, then the rows in file order). ToolError "interrupted" after a Ctrl-C.
std::string measure_layers_csv(const MeasureOptions& options, const LayerRows& configs,
                               std::vector<std::size_t> rows, int jobs, flow::Progress& progress);

// Measures `modules` of the Verilog file, `jobs` at once, a progress line each; the CSV: module, luts, ffs,
// carries, bram_bits, yosys and, on iCE40, logic_cells and nextpnr (for scripts/calibrate network-synthesise:
// the whole network's top and each layer module alone).
std::string measure_modules_csv(const MeasureOptions& options, const std::filesystem::path& verilog,
                                const std::vector<std::string>& modules, int jobs, flow::Progress& progress);

}  // namespace scn::calibration
