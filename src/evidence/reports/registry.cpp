// The report dialects and the entry points that detect and parse a report.
#include "dialect.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"

namespace scn::evidence {

const std::vector<const ReportDialect*>& report_dialects() {
  static const std::vector<const ReportDialect*> dialects = {
      &vivado_utilization_dialect(),  &vivado_power_dialect(),    &vivado_timing_dialect(),
      &quartus_fit_dialect(),         &quartus_power_dialect(),   &quartus_timing_dialect(),
      &yosys_stat_dialect(),          &yosys_stat_json_dialect(), &nextpnr_log_dialect(),
      &nextpnr_report_json_dialect(), &icetime_dialect(),         &lattice_map_dialect(),
      &lattice_trace_dialect(),       &gowin_dialect(),
  };
  return dialects;
}

void fail(const ReportText& text, const std::string& what) {
  throw core::ReportParseError(text.source() + ": " + what);
}

ParsedReport parse_report(std::string_view content, const std::string& source) {
  const ReportText text(content, source);
  for (const ReportDialect* dialect : report_dialects())
    if (dialect->detect(text)) return dialect->parse(text);
  const std::string tried = core::join(report_dialects(), ", ", &ReportDialect::name);
  std::string hint;
  for (const ReportDialect* dialect : report_dialects())
    if (hint.empty()) hint = dialect->near_miss(text);
  throw core::ReportParseError(source + ": not a recognised report (tried: " + tried + ")" +
                               (hint.empty() ? "" : "; it looks like " + hint));
}

ParsedReport parse_report_file(const std::filesystem::path& path) {
  return parse_report(core::read_report_text_file(path), path.string());
}

}  // namespace scn::evidence
