// Switching activity measured on mapped netlists, for the power fit (calibration/power.hpp): a design is
// synthesised by Yosys synth_ice40 and packed by nextpnr-ice40 (its cells), its mapped netlist (write_verilog
// -noattr) simulated zero-delay by Icarus Verilog against Yosys' cells_sim.v, and the VCD gives T, the
// toggles per clock cycle of every net driven by an SB_LUT4 O, SB_CARRY CO or SB_DFF* Q pin. The engine of
// `sc-neurocore measure-activity`; scripts/power-calibrate measure and measure-layers drive it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sc_neurocore/calibration/layer_rows.hpp"
#include "sc_neurocore/flow/process.hpp"

namespace scn::calibration {

// One cell instance of a mapped netlist: its type and, per port, the tokens of its connection.
struct NetlistCell {
  std::string type;
  std::map<std::string, std::vector<std::string>> ports;
};

// The SB_* cell instances of a `write_verilog -noattr` netlist (our own Yosys output, read token by token).
// InputError naming `source` when a cell's port list does not parse.
std::vector<NetlistCell> netlist_cells(const std::string& text, const std::string& source);

// A one-bit net: its name and bit (-1: a scalar net).
using NetBit = std::pair<std::string, int>;

// The nets whose toggles count: each SB_LUT4 O, SB_CARRY CO and SB_DFF* Q.
std::vector<NetBit> toggled_nets(const std::vector<NetlistCell>& cells);

struct VcdToggles {
  std::int64_t total = 0;
  std::int64_t clock_edges = 0;  // rising edges of clk in the dump
  std::map<NetBit, std::int64_t> per_net;
};

// Toggles (0 <-> 1 changes between time steps, after the initial dump) of `nets` in an Icarus VCD of the
// design's scope. InputError naming `source` when a net is missing from the dump or ends unknown.
VcdToggles vcd_toggles(const std::string& text, const std::vector<NetBit>& nets, const std::string& source);

struct ActivityOptions {
  std::filesystem::path yosys, nextpnr, iverilog, vvp;  // given tools; empty: on PATH
  std::filesystem::path yosys_datdir;  // holds ice40/cells_sim.v; empty: yosys-config --datdir
  int cycles = 4096;                   // fixtures: cycles dumped after the warm-up
};

// A fixture (FIXTURES/<name>.v, top <name>, a clk port) on the UP5K (sg48), `dsp`: synth_ice40 -dsp. The CSV
// of data/power/fixture-activity.csv: design, logic_cells, luts, carries, ffs, dsps, toggles_per_cycle,
// cycles, yosys, nextpnr; a progress line per design.
struct Fixture {
  std::string name;
  bool dsp = false;
};
std::string measure_fixture_activity_csv(const ActivityOptions& options,
                                         const std::filesystem::path& fixtures,
                                         const std::vector<Fixture>& designs, flow::Progress& progress);

// Each sc/hybrid layer of a configurations CSV emitted, synthesised and packed on the HX8K (ct256), simulated
// over its streaming cycles (2 reset cycles, seeded random inputs, at most 1024 cycles) next to the
// estimator's simulated toggles per cycle (model/activity.hpp): the CSV of data/power/layer-activity.csv.
std::string measure_layer_activity_csv(const ActivityOptions& options, const LayerRows& configs,
                                       flow::Progress& progress);

}  // namespace scn::calibration
