#include "yosys_cells.hpp"

#include <vector>

namespace scn::evidence {

// A cell pattern: an exact type name, or a prefix when it ends in '*'.
struct CellPattern {
  std::string_view text;
  double weight = 1.0;  // block RAM: how many of the family's BRAM units one cell is
};

struct CellFamily {
  std::string_view name;
  std::vector<std::string_view> synth_passes;  // passes that target exactly this family
  std::vector<CellPattern> signature;          // cells only this family's library has
  std::string_view lut_unit;
  std::vector<CellPattern> luts;
  std::vector<CellPattern> flip_flops;  // flip-flops and latches, as the vendor tools count registers
  std::vector<CellPattern> carries;
  std::string_view carry_unit;
  std::vector<CellPattern> block_rams;
  std::string_view bram_unit;
  std::vector<CellPattern> dsps;
  std::string_view dsp_unit;
};

namespace {

// The cell libraries of Yosys' techlibs/, one function each.
CellFamily ice40_family() {
  return {"ice40",
          {"synth_ice40"},
          {{"SB_*"}},
          "LUT4",
          {{"SB_LUT4"}},
          {{"SB_DFF*"}},
          // SB_CARRY shares a logic cell with the LUT4 beside it; nextpnr's pack counts the cells.
          {{"SB_CARRY"}},
          "SB_CARRY",
          {{"SB_RAM40_4K*"}},
          "SB_RAM40_4K",
          {{"SB_MAC16"}},
          "SB_MAC16"};
}

CellFamily gatemate_family() {
  return {"gatemate",
          {"synth_gatemate"},
          {{"CC_*"}, {"CPE_*"}},
          "CPE",
          // LUT trees and the CPE primitives of a packed netlist; flip-flop CPEs are matched first.
          {{"CC_LUT*"}, {"CC_L2T*"}, {"CC_MX*"}, {"CPE_LT*"}, {"CPE_L2T*"}, {"CPE_ADDF*"}, {"CPE_MX*"}},
          {{"CC_DFF"}, {"CC_DLT"}, {"CPE_FF*"}, {"CPE_LATCH"}},
          {{"CC_ADDF*"}},
          "CC_ADDF",
          {{"CC_BRAM_20K", 1.0}, {"CC_BRAM_40K", 2.0}},
          "RAM_HALF (20 Kbit)",
          {{"CC_MULT"}},
          "CC_MULT"};
}

CellFamily xilinx_family() {
  return {"xilinx",
          {"synth_xilinx"},
          {{"FDRE*"},
           {"FDSE*"},
           {"FDCE*"},
           {"FDPE*"},
           {"CARRY4"},
           {"CARRY8"},
           {"LUT5"},
           {"LUT6*"},
           {"MUXF7"},
           {"MUXF8"},
           {"RAMB18*"},
           {"RAMB36*"},
           {"DSP48*"}},
          // Yosys maps to LUT1..LUT6; Vivado counts every one of them as one LUT6 site.
          "LUT6",
          {{"LUT1"}, {"LUT2"}, {"LUT3"}, {"LUT4"}, {"LUT5"}, {"LUT6"}, {"LUT6_2"}},
          {{"FDRE*"}, {"FDSE*"}, {"FDCE*"}, {"FDPE*"}, {"LDCE*"}, {"LDPE*"}},
          {{"CARRY4"}, {"CARRY8"}},
          "CARRY4/8",
          // Vivado's unit is the 36 Kbit tile; a RAMB18 is half of one.
          {{"RAMB36*", 1.0}, {"RAMB18*", 0.5}},
          "RAMB36 tile",
          {{"DSP48*"}},
          "DSP48"};
}

CellFamily ecp5_family() {
  return {"ecp5",
          {"synth_ecp5"},
          {{"TRELLIS_*"}, {"CCU2C"}, {"DP16KD"}, {"PDPW16KD"}, {"MULT18X18D"}, {"L6MUX21"}},
          "LUT4",
          {{"LUT4"}},
          {{"TRELLIS_FF"}},
          {{"CCU2C"}},
          "CCU2C",
          {{"DP16KD"}, {"PDPW16KD"}},
          "DP16KD",
          {{"MULT18X18D"}},
          "MULT18X18D"};
}

CellFamily machxo2_family() {
  return {"machxo2",
          {"synth_machxo2", "synth_machxo3"},
          {{"CCU2D"}, {"DP8KC"}, {"PDPW8KC"}, {"SP8KC"}, {"FACADE_*"}},
          "LUT4",
          {{"LUT4"}},
          {{"TRELLIS_FF"}, {"FACADE_FF"}, {"FD1S3*"}, {"FD1P3*"}},
          {{"CCU2D"}},
          "CCU2D",
          {{"DP8KC"}, {"PDPW8KC"}, {"SP8KC"}},
          "EBR",
          {},
          ""};
}

CellFamily nexus_family() {
  return {"nexus",
          {"synth_nexus"},
          {{"FD1P3*"}, {"OXIDE_*"}, {"CCU2"}, {"PDPSC16K"}, {"LRAM"}},
          "LUT4",
          {{"LUT4"}},
          {{"FD1P3*"}},
          {{"CCU2"}},
          "CCU2",
          {{"DP16K"}, {"PDP16K"}, {"PDPSC16K"}, {"SP16K"}},
          "EBR",
          {{"MULT9X9"}, {"MULT18X18"}, {"MULT18X36"}, {"MULT36X36"}, {"MULTPREADD*"}, {"MULTADDSUB*"}},
          "DSP"};
}

CellFamily gowin_family() {
  return {"gowin",
          {"synth_gowin"},
          {{"ALU"},
           {"GSR"},
           {"MUX2_LUT*"},
           {"DFFE"},
           {"DFFR*"},
           {"DFFS*"},
           {"DFFC*"},
           {"DFFP*"},
           {"DFFN*"},
           {"SDPB"},
           {"SDPX9B"},
           {"DPB"},
           {"DPX9B"},
           {"pROM*"},
           {"RAM16S*"}},
          // Gowin's own `Logic` figure adds ALUs; Yosys' LUT1..LUT4 cells are LUTs only.
          "LUT4",
          {{"LUT1"}, {"LUT2"}, {"LUT3"}, {"LUT4"}},
          {{"DFF*"}, {"DL*"}},
          {{"ALU"}},
          "ALU",
          {{"SP"},
           {"SPX9"},
           {"SDP"},
           {"SDPX9"},
           {"SDPB"},
           {"SDPX9B"},
           {"DP"},
           {"DPX9"},
           {"DPB"},
           {"DPX9B"},
           {"pROM"},
           {"pROMX9"}},
          "BSRAM",
          {{"MULT9X9"}, {"MULT18X18"}, {"MULT36X36"}, {"MULTALU*"}, {"MULTADDALU*"}},
          "DSP"};
}

// The families in the order detection by signature tries them: a family
// earlier in the list wins when a design somehow carries two signatures.
const std::vector<CellFamily>& families() {
  static const std::vector<CellFamily> table = {ice40_family(), gatemate_family(), xilinx_family(),
                                                ecp5_family(),  machxo2_family(),  nexus_family(),
                                                gowin_family()};
  return table;
}

// Yosys' internal cells (a bare `synth`, `abc -lut`) and ASIC liberty cells.
const CellFamily& generic_family() {
  static const CellFamily family = {"generic",
                                    {},
                                    {},
                                    "LUT",
                                    {{"$lut"}},
                                    {{"$_DFF*"},
                                     {"$_SDFF*"},
                                     {"$_ALDFF*"},
                                     {"$_DLATCH*"},
                                     {"$_FF_"},
                                     {"$dff"},
                                     {"$adff"},
                                     {"$sdff*"},
                                     {"$dffe"},
                                     {"$adffe"},
                                     {"$aldff*"},
                                     {"$dffsr*"},
                                     {"$dlatch"},
                                     {"$adlatch"},
                                     {"$ff"},
                                     {"DFF*"},
                                     {"SDFF*"}},
                                    {},
                                    "",
                                    {},
                                    "",
                                    {},
                                    ""};
  return family;
}

bool matches(const CellPattern& pattern, std::string_view cell) {
  const std::string_view text = pattern.text;
  if (!text.empty() && text.back() == '*') return starts_with(cell, text.substr(0, text.size() - 1));
  return cell == text;
}

const CellPattern* match_any(const std::vector<CellPattern>& patterns, std::string_view cell) {
  for (const CellPattern& pattern : patterns)
    if (matches(pattern, cell)) return &pattern;
  return nullptr;
}

// A liberty flip-flop: "<library>__df*", "__edf*" (enable) or "__sdf*" (scan),
// the naming of the SkyWater, GlobalFoundries and IHP open PDKs.
bool is_liberty_flip_flop(std::string_view cell) {
  const std::size_t sep = cell.find("__");
  if (sep == std::string_view::npos) return false;
  const std::string_view base = cell.substr(sep + 2);
  return starts_with(base, "df") || starts_with(base, "edf") || starts_with(base, "sdf");
}

bool is_flip_flop(const CellFamily& family, std::string_view cell) {
  if (match_any(family.flip_flops, cell) != nullptr) return true;
  return &family == &generic_family() && is_liberty_flip_flop(cell);
}

// Sums the counts of the cells matching `patterns` (weighted) into `value`;
// records the unit and the line of the largest contributor.
template <typename T>
void sum_cells(const std::vector<CellPattern>& patterns, const CellCounts& cells, const std::string& key,
               std::string_view unit, std::optional<T>& value, ReportMetrics& metrics,
               bool (*exclude)(const CellFamily&, std::string_view) = nullptr,
               const CellFamily* family = nullptr) {
  double total = 0.0;
  bool any = false;
  const CellCount* largest = nullptr;
  for (const auto& [cell, count] : cells) {
    const CellPattern* pattern = match_any(patterns, cell);
    if (pattern == nullptr || (exclude != nullptr && exclude(*family, cell))) continue;
    total += pattern->weight * static_cast<double>(count.count);
    any = true;
    if (largest == nullptr || count.count > largest->count) largest = &count;
  }
  if (!any) return;
  value = static_cast<T>(total);
  if (!unit.empty()) metrics.units[key] = std::string(unit);
  if (largest->line.number > 0) note_location(metrics, key, largest->line);
}

}  // namespace

const CellFamily& cell_family_of(std::string_view synth_pass, const CellCounts& cells) {
  for (const CellFamily& family : families())
    for (const std::string_view pass : family.synth_passes)
      if (pass == synth_pass) return family;
  // synth_lattice, a bare synth, or no pass named: the cells say which library was used.
  for (const CellFamily& family : families())
    for (const auto& [cell, count] : cells)
      if (match_any(family.signature, cell) != nullptr) return family;
  if (synth_pass == "synth_lattice")  // ECP5 is synth_lattice's default family
    for (const CellFamily& family : families())
      if (family.name == "ecp5") return family;
  return generic_family();
}

std::string_view family_name(const CellFamily& family) { return family.name; }

void read_cell_metrics(const CellFamily& family, const CellCounts& cells, ReportMetrics& metrics) {
  // LUTs exclude flip-flop cells first: GateMate's CPE_* prefix covers both.
  const auto not_lut = [](const CellFamily& f, std::string_view cell) { return is_flip_flop(f, cell); };
  sum_cells(family.luts, cells, "luts_used", family.lut_unit, metrics.luts_used, metrics, +not_lut, &family);
  if (metrics.luts_used) metrics.lut_unit = std::string(family.lut_unit);
  metrics.units.erase("luts_used");  // reported through lut_unit

  const CellCount* largest = nullptr;
  std::int64_t flip_flops = 0;
  bool any = false;
  for (const auto& [cell, count] : cells) {
    if (!is_flip_flop(family, cell)) continue;
    flip_flops += count.count;
    any = true;
    if (largest == nullptr || count.count > largest->count) largest = &count;
  }
  if (any) {
    metrics.ffs_used = flip_flops;
    if (largest->line.number > 0) note_location(metrics, "ffs_used", largest->line);
  }
  sum_cells(family.carries, cells, "carry_cells", family.carry_unit, metrics.carry_cells, metrics);
  sum_cells(family.block_rams, cells, "bram_used", family.bram_unit, metrics.bram_used, metrics);
  sum_cells(family.dsps, cells, "dsp_used", family.dsp_unit, metrics.dsp_used, metrics);
}

}  // namespace scn::evidence
