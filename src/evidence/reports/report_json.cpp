// ParsedReport as JSON: the metric keys are the columns of EXPECTED.tsv.
#include "sc_neurocore/evidence/report.hpp"

namespace scn::evidence {
namespace {

template <typename T>
void put(nlohmann::json& object, const char* key, const std::optional<T>& value) {
  if (value) object[key] = *value;
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
  if (!m.fmax_mhz.empty()) {
    nlohmann::json fmax = nlohmann::json::object();
    for (const auto& [clock, mhz] : m.fmax_mhz) fmax[clock] = mhz;
    metrics["fmax_mhz"] = fmax;
  }
  nlohmann::json locations = nlohmann::json::object();
  for (const auto& [key, location] : m.locations)
    locations[key] = {{"line", location.line}, {"text", location.text}};
  return {{"file", report.file},     {"tool", report.tool},
          {"kind", report.kind},     {"tool_version", report.tool_version},
          {"device", report.device}, {"metrics", metrics},
          {"locations", locations}};
}

}  // namespace scn::evidence
