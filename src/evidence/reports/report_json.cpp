// ParsedReport as JSON: the metric keys are the columns of EXPECTED.tsv.
#include "sc_neurocore/evidence/reports/report.hpp"

namespace scn::evidence {
namespace {

template <typename T>
void put(nlohmann::json& object, const char* key, const std::optional<T>& value) {
  if (value) object[key] = *value;
}

// The unit of every metric present: fixed ones by name, the LUT unit from
// lut_unit, dialect-dependent ones (RAM block, carry cell, DSP cell) as the
// parser recorded them.
nlohmann::json units_of(const nlohmann::json& metrics, const ReportMetrics& m) {
  nlohmann::json units = nlohmann::json::object();
  for (const auto& [key, value] : metrics.items()) {
    if (const auto it = m.units.find(key); it != m.units.end()) {
      units[key] = it->second;
    } else if ((key == "luts_used" || key == "luts_available") && m.lut_unit) {
      units[key] = *m.lut_unit;
    } else if (key.size() > 3 && key.compare(key.size() - 3, 3, "_mw") == 0) {
      units[key] = "mW";
    } else if (key.size() > 3 && key.compare(key.size() - 3, 3, "_ns") == 0) {
      units[key] = "ns";
    } else if (key == "fmax_mhz" || key == "fmax_constraint_mhz") {
      units[key] = "MHz";
    } else if (key == "ffs_used") {
      units[key] = "flip-flops";
    } else if (key == "memory_bits") {
      units[key] = "bits";
    }
  }
  return units;
}

}  // namespace

nlohmann::json to_json(const ParsedReport& report) {
  const ReportMetrics& m = report.metrics;
  nlohmann::json metrics = nlohmann::json::object();
  put(metrics, "lut_unit", m.lut_unit);
  put(metrics, "luts_used", m.luts_used);
  put(metrics, "luts_available", m.luts_available);
  put(metrics, "ffs_used", m.ffs_used);
  put(metrics, "bram_used", m.bram_used);
  put(metrics, "dsp_used", m.dsp_used);
  put(metrics, "total_power_mw", m.total_power_mw);
  put(metrics, "dynamic_power_mw", m.dynamic_power_mw);
  put(metrics, "static_power_mw", m.static_power_mw);
  put(metrics, "wns_ns", m.wns_ns);
  put(metrics, "tns_ns", m.tns_ns);
  put(metrics, "whs_ns", m.whs_ns);
  put(metrics, "memory_bits", m.memory_bits);
  put(metrics, "dsp_blocks", m.dsp_blocks);
  put(metrics, "carry_cells", m.carry_cells);
  put(metrics, "logic_bel", m.logic_bel);
  put(metrics, "timing_met", m.timing_met);
  if (!m.fmax_mhz.empty()) {
    nlohmann::json fmax = nlohmann::json::object();
    for (const auto& [clock, mhz] : m.fmax_mhz) fmax[clock] = mhz;
    metrics["fmax_mhz"] = fmax;
  }
  nlohmann::json constraints = nlohmann::json::object();
  nlohmann::json met = nlohmann::json::object();
  for (const ClockConstraint& clock : m.clock_constraints) {
    if (clock.constraint_mhz) constraints[clock.clock] = *clock.constraint_mhz;
    if (clock.met) met[clock.clock] = *clock.met;
  }
  if (!constraints.empty()) metrics["fmax_constraint_mhz"] = constraints;
  if (!met.empty()) metrics["clock_timing_met"] = met;
  if (!m.bel_utilisation.empty()) {
    nlohmann::json bels = nlohmann::json::object();
    for (const BelUsage& bel : m.bel_utilisation) {
      nlohmann::json row = {{"used", bel.used}};
      if (bel.available) row["available"] = *bel.available;
      bels[bel.bel] = row;
    }
    metrics["bel_utilisation"] = bels;
  }
  nlohmann::json locations = nlohmann::json::object();
  for (const auto& [key, location] : m.locations)
    locations[key] = {{"line", location.line}, {"text", location.text}};
  return {{"file", report.file},           {"tool", report.tool},
          {"kind", report.kind},           {"tool_version", report.tool_version},
          {"device", report.device},       {"metrics", metrics},
          {"units", units_of(metrics, m)}, {"locations", locations}};
}

}  // namespace scn::evidence
