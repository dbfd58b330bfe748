// Metrics read from one vendor report (Vivado, Quartus, Yosys, nextpnr, ...).
// Every metric carries its unit and the line it came from; a metric the
// report does not carry is absent, never zero.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scn::evidence {

// Where a metric was read: 1-based line number and the line's text (trimmed).
struct MetricLocation {
  int line = 0;
  std::string text;
  bool operator==(const MetricLocation&) const = default;
};

// One row of a place-and-route utilisation table, in the tool's own BEL names.
struct BelUsage {
  std::string bel;  // ICESTORM_LC, TRELLIS_COMB, CPE_LT, ...
  std::int64_t used = 0;
  std::optional<std::int64_t> available;
  bool operator==(const BelUsage&) const = default;
};

// What a timing report says about one clock beyond its Fmax.
struct ClockConstraint {
  std::string clock;
  std::optional<double> constraint_mhz;  // the requested frequency
  std::optional<bool> met;  // achieved >= constraint (the tool's own verdict where it prints one)
  bool operator==(const ClockConstraint&) const = default;
};

struct ReportMetrics {
  std::optional<std::string> lut_unit;  // "LUT6" (Xilinx), "LUT4" (iCE40/ECP5), "ALM" or "LE" (Intel)
  std::optional<std::int64_t> luts_used;
  std::optional<std::int64_t> luts_available;
  std::optional<std::int64_t> ffs_used;
  std::optional<double> bram_used;  // Vivado counts half tiles (66.5)
  std::optional<std::int64_t> dsp_used;
  std::optional<double> total_power_mw;
  std::optional<double> dynamic_power_mw;
  std::optional<double> static_power_mw;
  std::optional<double> wns_ns;
  std::optional<double> tns_ns;
  std::optional<double> whs_ns;
  std::vector<std::pair<std::string, double>> fmax_mhz;  // clock -> MHz, in report order
  // Beyond the EXPECTED.tsv columns:
  std::optional<std::int64_t> memory_bits;         // Quartus block memory bits
  std::optional<std::int64_t> dsp_blocks;          // Quartus DSP blocks
  std::optional<std::int64_t> carry_cells;         // SB_CARRY, CCU2C, CARRY4/8, ALU, CC_ADDF cells
  std::optional<std::string> logic_bel;            // the BEL luts_used counts (nextpnr), e.g. "ICESTORM_LC"
  std::vector<BelUsage> bel_utilisation;           // every BEL row of the utilisation table, in report order
  std::vector<ClockConstraint> clock_constraints;  // per clock, in report order (same clocks as fmax_mhz)
  std::optional<bool> timing_met;                  // every constrained clock met its constraint
  // Unit of each dialect-dependent metric (e.g. "bram_used" -> "SB_RAM40_4K",
  // "carry_cells" -> "CCU2C"); fixed units (mW, ns, MHz) are added by to_json.
  std::map<std::string, std::string> units;
  std::map<std::string, MetricLocation> locations;  // metric key -> where it was read
};

struct ParsedReport {
  std::string file;          // the path or source name given to the parser
  std::string tool;          // vivado, quartus, yosys, nextpnr, icetime, diamond, radiant, gowin
  std::string kind;          // utilization, power, timing, fit, sta, synth_stat, pnr_log, map, ...
  std::string tool_version;  // as printed in the report header, "" when absent
  std::string device;        // part / device as printed, "" when absent
  ReportMetrics metrics;
};

// Detects the report's tool and kind from its content (never from the file
// name) and parses it. Throws ReportParseError naming `source` and the report
// kinds that were tried when nothing recognises it.
ParsedReport parse_report(std::string_view text, const std::string& source);

// Reads (FileError: missing, directory, > 64 MiB; InputError: empty, binary; Latin-1 text is
// accepted) and parses a report file.
ParsedReport parse_report_file(const std::filesystem::path& path);

// {"file","tool","kind","tool_version","device","metrics":{...},"locations":{...}}
nlohmann::json to_json(const ParsedReport& report);

}  // namespace scn::evidence
