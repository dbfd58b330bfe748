#include "nextpnr_arch.hpp"

#include <algorithm>
#include <cstdint>

namespace scn::evidence {
namespace {

// A device whose logic BEL count identifies it. Where two parts share a die
// (HX1K/LP1K, HX8K/LP8K), nextpnr cannot tell them apart and we name the HX part.
struct DeviceByCount {
  std::int64_t available = 0;
  std::string_view part;
};

struct LogicBel {
  std::string_view bel;
  std::int64_t luts_per_bel = 1;  // older nextpnr-ecp5 counts TRELLIS_SLICEs of two LUT4s
};

struct NextpnrArch {
  std::string_view name;    // nextpnr-<name>
  std::string_view family;  // as a user names it
  // Detection: any of these groups of BEL names, each wholly present.
  std::vector<std::vector<std::string_view>> signatures;
  std::vector<LogicBel> logic;  // first present wins
  std::string_view lut_unit;
  std::string_view ff_bel;
  std::vector<std::string_view> ram_bels;
  std::vector<std::string_view> dsp_bels;
  std::vector<DeviceByCount> devices;  // by the logic BEL's available count
};

// BEL bucket names from nextpnr's ice40/, ecp5/, machxo2/, nexus/ and
// himbaechel/uarch/{gatemate,gowin}/ sources, and generic/.
const std::vector<NextpnrArch>& architectures() {
  static const std::vector<NextpnrArch> table = {
      {"ice40",
       "iCE40",
       {{"ICESTORM_LC"}},
       {{"ICESTORM_LC"}},
       "LUT4",
       "",
       {"ICESTORM_RAM"},  // SPRAM (ICESTORM_SPRAM) is not block RAM
       {"ICESTORM_DSP"},
       {{384, "LP384"}, {1280, "HX1K"}, {3520, "HX4K"}, {5280, "UP5K"}, {7680, "HX8K"}}},
      {"ecp5",
       "ECP5",
       {{"TRELLIS_COMB", "DP16KD"}, {"TRELLIS_SLICE", "DP16KD"}},
       {{"TRELLIS_COMB"}, {"TRELLIS_SLICE", 2}},
       "LUT4",
       "TRELLIS_FF",
       {"DP16KD"},
       {"MULT18X18D"},
       {{24288, "LFE5U-25F"}, {43848, "LFE5U-45F"}, {83640, "LFE5U-85F"}}},
      {"machxo2",
       "MachXO2",
       {{"TRELLIS_COMB"}, {"TRELLIS_SLICE"}},
       {{"TRELLIS_COMB"}, {"TRELLIS_SLICE", 2}},
       "LUT4",
       "TRELLIS_FF",
       {"DP8KC"},
       {},
       {}},
      {"nexus", "Nexus", {{"OXIDE_COMB"}}, {{"OXIDE_COMB"}}, "LUT4", "OXIDE_FF", {"OXIDE_EBR"}, {}, {}},
      {"himbaechel gatemate",
       "GateMate",
       {{"CPE_LT"}},
       {{"CPE_LT"}},
       "CPE_LT",  // a LUT-tree half of a CPE: CCGM1A1 has 20,480 CPEs, 40,960 CPE_LT sites
       "CPE_FF",
       {"RAM_HALF"},
       {},
       {{40960, "CCGM1A1"}}},
      {"himbaechel gowin", "Gowin", {{"LUT4", "DFF"}}, {{"LUT4"}}, "LUT4", "DFF", {"BSRAM"}, {}, {}},
      {"gowin", "Gowin", {{"SLICE", "IOB"}}, {{"SLICE"}}, "LUT4", "", {"BSRAM"}, {}, {}},
      {"generic", "generic", {{"GENERIC_SLICE"}}, {{"GENERIC_SLICE"}}, "LUT", "", {}, {}, {}},
  };
  return table;
}

const BelRow* find_row(const std::vector<BelRow>& rows, std::string_view bel) {
  for (const BelRow& row : rows)
    if (row.usage.bel == bel) return &row;
  return nullptr;
}

const NextpnrArch* arch_of(const std::vector<BelRow>& rows) {
  for (const NextpnrArch& arch : architectures())
    for (const auto& group : arch.signatures)
      if (std::all_of(group.begin(), group.end(), [&](std::string_view bel) { return find_row(rows, bel); }))
        return &arch;
  return nullptr;
}

void put_location(ReportMetrics& metrics, const std::string& key, const MetricLocation& location) {
  metrics.locations[key] = location;
}

// Sums the used counts of `bels` into `value` (absent when none is in the table).
template <typename T>
void sum_bels(const std::vector<BelRow>& rows, const std::vector<std::string_view>& bels,
              const std::string& key, std::optional<T>& value, ReportMetrics& metrics) {
  std::string unit;
  for (const std::string_view bel : bels) {
    const BelRow* row = find_row(rows, bel);
    if (row == nullptr) continue;
    value = static_cast<T>(value.value_or(T{}) + static_cast<T>(row->usage.used));
    unit += (unit.empty() ? "" : "+") + std::string(bel);
    put_location(metrics, key, row->location);
  }
  if (!unit.empty()) metrics.units[key] = unit;
}

}  // namespace

std::string read_bel_metrics(const std::vector<BelRow>& rows, ReportMetrics& metrics,
                             const std::string& printed_part) {
  for (const BelRow& row : rows) metrics.bel_utilisation.push_back(row.usage);
  const NextpnrArch* arch = arch_of(rows);
  if (arch == nullptr) return "";
  std::string part;
  for (const LogicBel& logic : arch->logic) {
    const BelRow* row = find_row(rows, logic.bel);
    if (row == nullptr) continue;
    metrics.logic_bel = std::string(logic.bel);
    metrics.lut_unit = std::string(arch->lut_unit);
    metrics.luts_used = logic.luts_per_bel * row->usage.used;
    put_location(metrics, "luts_used", row->location);
    if (row->usage.available) {
      metrics.luts_available = logic.luts_per_bel * *row->usage.available;
      put_location(metrics, "luts_available", row->location);
      for (const DeviceByCount& device : arch->devices)
        if (device.available == *metrics.luts_available) part = std::string(device.part);
    }
    break;
  }
  if (!arch->ff_bel.empty()) sum_bels(rows, {arch->ff_bel}, "ffs_used", metrics.ffs_used, metrics);
  sum_bels(rows, arch->ram_bels, "bram_used", metrics.bram_used, metrics);
  sum_bels(rows, arch->dsp_bels, "dsp_used", metrics.dsp_used, metrics);
  if (!printed_part.empty()) part = printed_part;
  return std::string(arch->family) + (part.empty() ? "" : " " + part) + " (nextpnr-" +
         std::string(arch->name) + ")";
}

void record_fmax(ReportMetrics& metrics, const std::string& clock, double mhz,
                 std::optional<double> constraint_mhz, std::optional<bool> met,
                 const MetricLocation& location) {
  auto& fmax = metrics.fmax_mhz;
  const auto it =
      std::find_if(fmax.begin(), fmax.end(), [&](const auto& entry) { return entry.first == clock; });
  if (it == fmax.end())
    fmax.emplace_back(clock, mhz);
  else
    it->second = mhz;
  auto& constraints = metrics.clock_constraints;
  const auto c = std::find_if(constraints.begin(), constraints.end(),
                              [&](const ClockConstraint& entry) { return entry.clock == clock; });
  if (c == constraints.end())
    constraints.push_back({clock, constraint_mhz, met});
  else
    *c = {clock, constraint_mhz, met};
  put_location(metrics, "fmax_mhz." + clock, location);
}

void summarise_timing(ReportMetrics& metrics) {
  std::optional<bool> all_met;
  for (const ClockConstraint& clock : metrics.clock_constraints)
    if (clock.met) all_met = all_met.value_or(true) && *clock.met;
  metrics.timing_met = all_met;
}

}  // namespace scn::evidence
