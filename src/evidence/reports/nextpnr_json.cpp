// nextpnr's machine-readable `--report` JSON (apio names it hardware.pnr):
// {"utilization": {BEL: {"used", "available"}}, "fmax": {clock: {"achieved",
// "constraint"}}, "critical_paths": [...], "detailed_net_timings": [...]}.
// The BEL names mean what they mean in the text log (nextpnr_arch.cpp).
#include <cmath>
#include <nlohmann/json.hpp>

#include "dialect.hpp"
#include "nextpnr_arch.hpp"

namespace scn::evidence {
namespace {

std::optional<double> number_of(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  const double value = it->get<double>();
  return std::isfinite(value) ? std::optional(value) : std::nullopt;
}

std::optional<std::int64_t> count_of(const nlohmann::json& object, const char* key) {
  const auto value = number_of(object, key);
  if (!value || *value < 0 || *value > 9e15 || *value != std::trunc(*value)) return std::nullopt;
  return static_cast<std::int64_t>(*value);
}

// Where `"key"` first occurs, with a short description instead of the line
// when the file is one long line (as apio writes it).
MetricLocation location_of(const ReportText& text, const std::string& key, const std::string& description) {
  const std::size_t at = text.find("\"" + key + "\"");
  if (at == kNotFound) return {0, description};
  const std::string_view line = trim(text.lines()[at].text);
  return {text.lines()[at].number, line.size() > 160 ? description : std::string(line)};
}

std::vector<BelRow> utilisation_rows(const ReportText& text, const nlohmann::json& utilization) {
  std::vector<BelRow> rows;
  for (const auto& [bel, entry] : utilization.items()) {
    if (!entry.is_object()) fail(text, "utilization." + bel + " is not an object");
    const auto used = count_of(entry, "used");
    if (!used) fail(text, "utilization." + bel + ".used is not a count");
    const auto available = count_of(entry, "available");
    const std::string description = "utilization." + bel + ": used " + std::to_string(*used) +
                                    (available ? ", available " + std::to_string(*available) : "");
    rows.push_back({{bel, *used, available}, location_of(text, bel, description)});
  }
  return rows;
}

// Achieved Fmax rounded to 0.01 MHz, the precision nextpnr's log prints.
void read_fmax(const ReportText& text, const nlohmann::json& fmax, ReportMetrics& metrics) {
  for (const auto& [clock, entry] : fmax.items()) {
    if (!entry.is_object()) fail(text, "fmax." + clock + " is not an object");
    const auto achieved = number_of(entry, "achieved");
    if (!achieved) fail(text, "fmax." + clock + ".achieved is not a number");
    const auto constraint = number_of(entry, "constraint");
    std::optional<bool> met;
    if (constraint) met = *constraint < *achieved;  // nextpnr's own PASS rule
    record_fmax(
        metrics, clock, std::round(*achieved * 100.0) / 100.0, constraint, met,
        location_of(text, clock, "fmax." + clock + ": achieved " + std::to_string(*achieved) + " MHz"));
  }
  summarise_timing(metrics);
}

class NextpnrReportJson final : public ReportDialect {
 public:
  std::string name() const override { return "nextpnr report json"; }
  bool detect(const ReportText& text) const override {
    // A design without clocks has an empty (or, in some versions, no) "fmax": the utilisation decides.
    return !text.lines().empty() && starts_with(trim(text.lines()[0].text), "{") &&
           text.find("\"utilization\"") != kNotFound;
  }
  ParsedReport parse(const ReportText& text) const override {
    const auto document = nlohmann::json::parse(text.content(), nullptr, /*allow_exceptions=*/false);
    if (!document.is_object()) fail(text, "not a JSON object (truncated nextpnr --report output?)");
    const auto utilization = document.find("utilization");
    if (utilization == document.end() || !utilization->is_object())
      fail(text, "no \"utilization\" object (not a nextpnr --report file?)");
    ParsedReport report;
    report.file = text.source();
    report.tool = "nextpnr";
    report.kind = "pnr_report_json";
    report.device = read_bel_metrics(utilisation_rows(text, *utilization), report.metrics);
    if (const auto fmax = document.find("fmax"); fmax != document.end() && fmax->is_object())
      read_fmax(text, *fmax, report.metrics);
    return report;
  }
};

}  // namespace

const ReportDialect& nextpnr_report_json_dialect() {
  static const NextpnrReportJson dialect;
  return dialect;
}

}  // namespace scn::evidence
