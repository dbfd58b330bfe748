// One parser per report dialect, behind one interface (the nextpnr "Arch"
// idea): detection reads the content, never the file name.
#pragma once

#include <string>
#include <vector>

#include "report_text.hpp"
#include "sc_neurocore/evidence/reports/report.hpp"

namespace scn::evidence {

class ReportDialect {
 public:
  virtual ~ReportDialect() = default;
  // Human name used in "tried:" lists, e.g. "vivado utilization".
  virtual std::string name() const = 0;
  // True when the content carries this dialect's signature.
  virtual bool detect(const ReportText& text) const = 0;
  // Parses a detected report; throws ReportParseError naming the source and
  // what is missing when the report is truncated or inconsistent.
  virtual ParsedReport parse(const ReportText& text) const = 0;
  // For a text no dialect detects: why it looks like this dialect's report but
  // is not one ("a Yosys log without a 'Printing statistics.' section"), or "".
  virtual std::string near_miss(const ReportText& /*text*/) const { return ""; }
};

// Every dialect, most specific first. Adding a dialect = one file + one line in registry.cpp.
const std::vector<const ReportDialect*>& report_dialects();

// The dialects, one accessor per file.
const ReportDialect& vivado_utilization_dialect();
const ReportDialect& vivado_power_dialect();
const ReportDialect& vivado_timing_dialect();
const ReportDialect& quartus_fit_dialect();
const ReportDialect& quartus_power_dialect();
const ReportDialect& quartus_timing_dialect();
const ReportDialect& yosys_stat_dialect();
const ReportDialect& yosys_stat_json_dialect();
const ReportDialect& nextpnr_log_dialect();
const ReportDialect& nextpnr_report_json_dialect();
const ReportDialect& icetime_dialect();
const ReportDialect& lattice_map_dialect();
const ReportDialect& lattice_trace_dialect();
const ReportDialect& gowin_dialect();

// Throws ReportParseError "<source>: <what>".
[[noreturn]] void fail(const ReportText& text, const std::string& what);

}  // namespace scn::evidence
