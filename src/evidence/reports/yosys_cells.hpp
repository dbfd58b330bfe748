// What Yosys' cell types mean in each FPGA family: which cells are LUTs (and
// in which unit), flip-flops, carry cells, block RAM and DSP. Shared by the
// text `stat` and the `stat -json` dialects so both read a design alike.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "report_text.hpp"

namespace scn::evidence {

// One cell type's count and the line it was printed on (0 when unknown).
struct CellCount {
  std::int64_t count = 0;
  Line line;
};
using CellCounts = std::map<std::string, CellCount, std::less<>>;

// The family whose cell library a design uses. `synth_pass` is the lower-case
// pass name the log ran ("synth_ice40", "synth_lattice", ...) or "" when
// unknown; the cells decide when the pass does not (synth_lattice covers
// ECP5, MachXO2/3 and Nexus; a bare `stat` names no pass).
struct CellFamily;
const CellFamily& cell_family_of(std::string_view synth_pass, const CellCounts& cells);
std::string_view family_name(const CellFamily& family);

// Fills lut_unit/luts_used, ffs_used, carry_cells, bram_used and dsp_used
// (with their units and locations) from the cell counts. A metric whose cells
// the design does not contain stays absent.
void read_cell_metrics(const CellFamily& family, const CellCounts& cells, ReportMetrics& metrics);

}  // namespace scn::evidence
