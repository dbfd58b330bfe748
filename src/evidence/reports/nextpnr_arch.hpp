// What nextpnr's BEL names mean per architecture: the logic BEL luts_used
// counts (and how many LUTs one BEL holds), the flip-flop, RAM and DSP BELs,
// and the devices a logic BEL count identifies. Shared by the text log and
// the `--report` JSON dialects. An architecture not in the table still gets
// its BEL table and fmax, never an error.
#pragma once

#include <string>
#include <vector>

#include "report_text.hpp"

namespace scn::evidence {

// One utilisation row with the line it came from.
struct BelRow {
  BelUsage usage;
  MetricLocation location;
};

// Fills bel_utilisation, logic_bel, lut_unit, luts_used/available, ffs_used,
// bram_used and dsp_used (with units and locations) from the utilisation rows,
// and returns the device: "iCE40 UP5K (nextpnr-ice40)", "ECP5 (nextpnr-ecp5)",
// or "" for an architecture we do not know. `printed_part`, when the log names
// the device itself, wins over the part inferred from the logic BEL count.
std::string read_bel_metrics(const std::vector<BelRow>& rows, ReportMetrics& metrics,
                             const std::string& printed_part = "");

// Records clock's fmax (replacing an earlier figure for the same clock: the
// last one a log prints is the routed one) and its constraint and verdict.
void record_fmax(ReportMetrics& metrics, const std::string& clock, double mhz,
                 std::optional<double> constraint_mhz, std::optional<bool> met,
                 const MetricLocation& location);

// timing_met = every clock with a verdict met it (absent when none has one).
void summarise_timing(ReportMetrics& metrics);

}  // namespace scn::evidence
