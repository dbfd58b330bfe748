// The device catalogue: the facts of each FPGA part (logic unit and count,
// RAM, DSP, I/O per package, speed grades, core supply, toolchain flags) as
// data, read from data/devices.json (compiled in) with the sources the
// figures come from. The published catalogue keys (ice40, ecp5, artix7, zynq)
// are aliases of the parts the published TARGETS table describes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scn::model {

struct DevicePackage {
  std::string name;  // as nextpnr / Vivado spell it: "ct256", "sg48", "csg324"
  int user_io = 0;
};

struct Device {
  std::string key;  // "ice40-hx8k"
  std::string part;
  std::string vendor;
  std::string family;      // "ice40", "ecp5", "artix7", "zynq": picks the calibrated models
  std::string series;      // "HX", "UP", "ECP5", ...
  std::string logic_unit;  // the unit that decides fitting: "ICESTORM_LC", "LUT4", "LUT6"
  std::int64_t logic_cells = 0;
  int lut_inputs = 4;
  std::int64_t luts = 0;
  std::int64_t ffs = 0;
  std::int64_t bram_blocks = 0;
  double bram_block_kbits = 0.0;
  double bram_kbits = 0.0;
  std::string bram_unit;  // the block RAM primitive the tools report: "SB_RAM40_4K", "DP16KD", "RAMB36E1"
  // The data widths a block RAM can be configured to (its depth: the largest power of two within its bits
  // over the width), narrowest first.
  std::vector<int> bram_widths;
  double spram_kbits = 0.0;
  // Single-port RAM blocks (SB_SPRAM256KA, 256 kbit each: the only SPRAM the catalogue's devices have).
  std::int64_t spram_blocks() const { return static_cast<std::int64_t>(spram_kbits / 256.0); }
  std::int64_t dsp = 0;
  std::string dsp_unit;
  int plls = 0;
  int max_user_io = 0;
  std::vector<DevicePackage> packages;
  std::string default_package;
  std::vector<std::string> speed_grades;
  double core_voltage = 0.0;
  std::optional<double> static_core_current_ua;  // typical, data sheet
  std::string yosys_synth;                       // "synth_ice40"
  std::string nextpnr;                           // "nextpnr-ice40"; empty: no open place and route in Debian
  std::string device_flag;                       // "--hx8k"
  std::vector<std::string> sources;
  std::string notes;

  const DevicePackage* package(std::string_view name) const;
  // InputError naming the packages there are when `name` is given and is not one of them.
  void check_package(const std::string& name) const;
};

// Every catalogue entry, in catalogue order.
const std::vector<Device>& devices();
// Catalogue key or published alias ("ice40" -> "ice40-hx8k"); nullptr when unknown.
const Device* find_device(std::string_view key);
// Throws InputError listing the keys when unknown.
const Device& device(std::string_view key);
std::vector<std::string> device_keys();
// The catalogue key a published alias names ("ice40" -> "ice40-hx8k"), else `key` itself.
std::string canonical_device_key(std::string_view key);

// Parses a catalogue document (the schema of data/devices.json); InputError naming `source`, the entry and
// the field.
std::vector<Device> parse_device_catalogue(const std::string& text, const std::string& source);

}  // namespace scn::model
