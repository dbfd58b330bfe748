#include "sc_neurocore/evidence/loader/synthesis.hpp"

#include <algorithm>
#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/core/sha256.hpp"
#include "sc_neurocore/evidence/loader/observations.hpp"
#include "sc_neurocore/evidence/loader/reference_text.hpp"

namespace scn::evidence {
namespace {

struct LoadedReport {
  std::string name;
  std::filesystem::path path;
  std::string sha256;  // of the bytes on disk
  ParsedReport parsed;
};

LoadedReport load_report(const std::string& name, const std::filesystem::path& path) {
  std::string bytes = core::read_file(path);
  LoadedReport report{name, path, core::sha256_hex(bytes), {}};
  report.parsed = parse_report(core::report_text_from_bytes(std::move(bytes), path), path.string());
  return report;
}

nlohmann::json provenance_of(const LoadedReport& report) {
  nlohmann::json entry = {{"path", report.path.string()},
                          {"sha256", report.sha256},
                          {"tool", report.parsed.tool},
                          {"kind", report.parsed.kind},
                          {"tool_version", report.parsed.tool_version},
                          {"device", report.parsed.device}};
  if (report.parsed.metrics.lut_unit) entry["lut_unit"] = *report.parsed.metrics.lut_unit;
  return entry;
}

// Sentences for timing reports that show the design misses its clock.
std::vector<std::string> timing_warnings(const LoadedReport& timing, std::optional<double> clock_mhz) {
  std::vector<std::string> warnings;
  const ReportMetrics& m = timing.parsed.metrics;
  if (m.wns_ns && *m.wns_ns < 0) {
    warnings.push_back("timing report " + timing.path.string() + " shows negative worst negative slack (" +
                       core::py::float_repr(*m.wns_ns) + " ns): the design misses its timing constraints");
  }
  for (const ClockConstraint& clock : m.clock_constraints) {
    if (clock.met != false || !clock.constraint_mhz) continue;
    const auto fmax = std::find_if(m.fmax_mhz.begin(), m.fmax_mhz.end(),
                                   [&](const auto& entry) { return entry.first == clock.clock; });
    warnings.push_back(
        "timing report " + timing.path.string() + ": clock " + clock.clock + " fails its " +
        core::py::float_repr(*clock.constraint_mhz) + " MHz constraint" +
        (fmax == m.fmax_mhz.end() ? "" : " (reaches " + core::py::float_repr(fmax->second) + " MHz)"));
  }
  if (clock_mhz) {
    for (const auto& [clock, mhz] : m.fmax_mhz) {
      if (mhz < *clock_mhz) {
        warnings.push_back("timing report " + timing.path.string() + ": clock " + clock + " reaches " +
                           core::py::float_repr(mhz) + " MHz, below the --clock-mhz " +
                           core::py::float_repr(*clock_mhz) + " MHz the energy figures assume");
      }
    }
  }
  return warnings;
}

// The first report (in order) that carries a metric gives it; `sources` says which.
template <typename T>
void take(nlohmann::json& measured, const char* key, const std::optional<T>& value,
          const LoadedReport& report) {
  if (!value || measured.contains(key)) return;
  measured[key] = *value;
  measured["sources"][key] = report.name;
}

// Every metric the reports carry, in their own units, whether or not an
// observation can be built from them: LUTs, FFs, carries, BRAM, DSP, fmax per
// clock and the timing verdict. Power is never filled in when no report has it.
nlohmann::json measurements_of(const std::vector<LoadedReport>& reports) {
  nlohmann::json measured = {{"sources", nlohmann::json::object()}};
  for (const LoadedReport& report : reports) {
    const ReportMetrics& m = report.parsed.metrics;
    if (m.luts_used && !measured.contains("luts_used") && m.lut_unit) measured["lut_unit"] = *m.lut_unit;
    if (m.luts_used && !measured.contains("luts_used") && m.logic_bel) measured["logic_bel"] = *m.logic_bel;
    // The device size only beside the count it belongs to (Yosys knows no device; nextpnr does).
    if (m.luts_used && !measured.contains("luts_used"))
      take(measured, "luts_available", m.luts_available, report);
    take(measured, "luts_used", m.luts_used, report);
    take(measured, "ffs_used", m.ffs_used, report);
    take(measured, "carry_cells", m.carry_cells, report);
    take(measured, "bram_used", m.bram_used, report);
    take(measured, "dsp_used", m.dsp_used, report);
    take(measured, "total_power_mw", m.total_power_mw, report);
    take(measured, "timing_met", m.timing_met, report);
    if (!m.fmax_mhz.empty() && !measured.contains("fmax_mhz")) {
      for (const auto& [clock, mhz] : m.fmax_mhz) measured["fmax_mhz"][clock] = mhz;
      measured["sources"]["fmax_mhz"] = report.name;
    }
  }
  return measured;
}

// An observation needs both figures; the error names every one the reports lack.
void require_luts_and_power(bool has_luts, bool has_power, const std::string& source) {
  std::vector<std::string> missing;
  if (!has_luts) missing.emplace_back("luts_used");
  if (!has_power) missing.emplace_back("power_mw");
  if (!missing.empty())
    throw core::ObservationLoadError(source + ": synthesis reports missing " + core::join(missing, ", "));
}

// docs/reference-behaviour.md §2.5 steps 2-5 over the merged text of the reports.
core::BenchmarkObservation reference_observation(const std::string& merged_text, const nlohmann::json& design,
                                                 double accuracy_score,
                                                 std::optional<std::int64_t> latency_cycles,
                                                 const std::string& source) {
  if (!design.is_object())
    throw core::ObservationLoadError(source + ": design metadata must be a JSON object");
  const ReferenceTextMetrics metrics = reference_text_metrics(merged_text);
  require_luts_and_power(metrics.luts_used.has_value(), metrics.power_mw.has_value(), source);
  nlohmann::json record = design;
  record["luts_used"] = *metrics.luts_used;
  record["power_mw"] = *metrics.power_mw;
  if (latency_cycles) {
    record["latency_cycles"] = *latency_cycles;
  } else if (metrics.latency_cycles) {
    record["latency_cycles"] = *metrics.latency_cycles;
  }
  record["accuracy_score"] = accuracy_score;
  return observation_from_record(record, source, 0);
}

std::string joined_texts(const std::vector<std::string>& texts) {
  std::string merged;
  for (std::size_t i = 0; i < texts.size(); ++i) merged += (i ? "\n" : "") + texts[i];
  return merged;
}

// The published loader's report reading: the file as UTF-8, undecodable bytes dropped.
std::string reference_report_text(const std::filesystem::path& path) {
  return core::utf8_dropping_invalid_bytes(core::read_file(path));
}

// The published build_payload_from_reports (docs/reference-behaviour.md §3.1): the report map utilisation,
// power, timing; no provenance, measurements or warnings.
nlohmann::json reference_payload(const BuildPayloadOptions& options) {
  if (!options.power_path) throw core::InputError("the reference profile needs a power report (--power)");
  const nlohmann::json design = load_design(options.design_path);
  std::vector<std::pair<std::string, std::filesystem::path>> paths = {
      {"utilisation", options.utilisation_path}, {"power", *options.power_path}};
  if (options.timing_path) paths.emplace_back("timing", *options.timing_path);
  nlohmann::json source_reports = nlohmann::json::object();
  for (const auto& [name, path] : paths) source_reports[name] = path.string();
  const core::BenchmarkObservation observation = load_synthesis_observation(
      paths, design, options.accuracy_score, options.latency_cycles, core::Profile::kReference);
  nlohmann::json payload = {{"source_reports", source_reports},
                            {"observations", nlohmann::json::array({observation_to_record(observation)})}};
  if (auto energy = energy_payload(observation, options.clock_mhz, options.inferences_per_run)) {
    payload["energy"] = std::move(*energy);
  }
  return payload;
}

}  // namespace

core::BenchmarkObservation observation_from_parsed_reports(const std::vector<ParsedReport>& reports,
                                                           const nlohmann::json& design,
                                                           double accuracy_score,
                                                           std::optional<std::int64_t> latency_cycles,
                                                           const std::string& source) {
  if (!design.is_object())
    throw core::ObservationLoadError(source + ": design metadata must be a JSON object");
  std::optional<std::int64_t> luts;
  std::optional<double> power;
  for (const ParsedReport& report : reports) {
    if (!luts && report.metrics.luts_used) luts = report.metrics.luts_used;
    if (!power && report.metrics.total_power_mw) power = report.metrics.total_power_mw;
  }
  require_luts_and_power(luts.has_value(), power.has_value(), source);

  // Measured values are applied after the design's views so metadata cannot
  // override them (the published loader let a nested "report" key win).
  nlohmann::json measured = {{"luts_used", *luts}, {"power_mw", *power}, {"accuracy_score", accuracy_score}};
  if (latency_cycles) measured["latency_cycles"] = *latency_cycles;
  return observation_from_record(design, source, 0, measured);
}

core::BenchmarkObservation observation_from_synthesis_reports(
    const std::vector<std::pair<std::string, std::string>>& reports, const nlohmann::json& design,
    double accuracy_score, std::optional<std::int64_t> latency_cycles, const std::string& source,
    core::Profile profile) {
  if (profile == core::Profile::kReference) {
    std::vector<std::string> texts;
    for (const auto& report : reports) texts.push_back(report.second);
    return reference_observation(joined_texts(texts), design, accuracy_score, latency_cycles, source);
  }
  std::vector<ParsedReport> parsed;
  for (const auto& [name, text] : reports) parsed.push_back(parse_report(text, name));
  return observation_from_parsed_reports(parsed, design, accuracy_score, latency_cycles, source);
}

core::BenchmarkObservation load_synthesis_observation(
    const std::vector<std::pair<std::string, std::filesystem::path>>& report_paths,
    const nlohmann::json& design, double accuracy_score, std::optional<std::int64_t> latency_cycles,
    core::Profile profile) {
  const std::string source =
      core::join(report_paths, ", ", [](const auto& named) { return named.second.string(); });
  if (profile == core::Profile::kReference) {
    std::vector<std::string> texts;
    for (const auto& [name, path] : report_paths) texts.push_back(reference_report_text(path));
    return reference_observation(joined_texts(texts), design, accuracy_score, latency_cycles, source);
  }
  std::vector<ParsedReport> parsed;
  for (const auto& [name, path] : report_paths) parsed.push_back(load_report(name, path).parsed);
  return observation_from_parsed_reports(parsed, design, accuracy_score, latency_cycles, source);
}

nlohmann::json load_design(const std::filesystem::path& path) {
  const nlohmann::json design = core::parse_json(core::read_utf8_text_file(path), path.string());
  if (!design.is_object()) throw core::InputError(path.string() + ": design metadata must be a JSON object");
  return design;
}

std::optional<nlohmann::json> energy_payload(const core::BenchmarkObservation& observation,
                                             std::optional<double> clock_mhz,
                                             std::optional<std::int64_t> inferences_per_run) {
  if (!clock_mhz && !inferences_per_run) return std::nullopt;
  if (!clock_mhz || !inferences_per_run) {
    throw core::InputError("energy requires both --clock-mhz and --inferences-per-run");
  }
  if (!std::isfinite(*clock_mhz) || *clock_mhz <= 0) {
    throw core::InputError("clock_mhz must be positive and finite, got " + core::py::float_repr(*clock_mhz));
  }
  if (*inferences_per_run <= 0) {
    throw core::InputError("inferences_per_run must be positive, got " + std::to_string(*inferences_per_run));
  }
  const double latency_seconds = static_cast<double>(observation.latency_cycles) / (*clock_mhz * 1e6);
  const double total_energy_joules = (observation.power_mw / 1000) * latency_seconds;
  return nlohmann::json{
      {"clock_mhz", *clock_mhz},
      {"inferences_per_run", *inferences_per_run},
      {"latency_seconds", latency_seconds},
      {"total_energy_uj", total_energy_joules * 1e6},
      {"energy_uj_per_inference", total_energy_joules / static_cast<double>(*inferences_per_run) * 1e6}};
}

nlohmann::json build_payload_from_reports(const BuildPayloadOptions& options) {
  if (options.profile == core::Profile::kReference) return reference_payload(options);
  const nlohmann::json design = load_design(options.design_path);
  std::vector<LoadedReport> reports = {load_report("utilisation", options.utilisation_path)};
  if (options.power_path) reports.push_back(load_report("power", *options.power_path));
  if (options.timing_path) reports.push_back(load_report("timing", *options.timing_path));

  std::vector<ParsedReport> parsed;
  const std::string source =
      core::join(reports, ", ", [](const LoadedReport& report) { return report.path.string(); });
  nlohmann::json source_reports = nlohmann::json::object();
  nlohmann::json provenance = nlohmann::json::object();
  for (const LoadedReport& report : reports) {
    parsed.push_back(report.parsed);
    source_reports[report.name] = report.path.string();
    provenance[report.name] = provenance_of(report);
  }
  nlohmann::json measurements = measurements_of(reports);
  nlohmann::json payload = {
      {"source_reports", source_reports}, {"measurements", measurements}, {"provenance", provenance}};
  if (!measurements.contains("total_power_mw") && options.power_path == std::nullopt) {
    // No power report (Yosys/nextpnr): the measurements stand, no observation
    // is made up, and the payload says what is missing.
    if (!measurements.contains("luts_used"))
      throw core::ObservationLoadError(source + ": synthesis reports missing luts_used");
    payload["observations"] = nlohmann::json::array();
    payload["missing"] = nlohmann::json::array({"power_mw"});
  } else {
    const core::BenchmarkObservation observation = observation_from_parsed_reports(
        parsed, design, options.accuracy_score, options.latency_cycles, source);
    payload["observations"] = nlohmann::json::array({observation_to_record(observation)});
    if (auto energy = energy_payload(observation, options.clock_mhz, options.inferences_per_run)) {
      payload["energy"] = std::move(*energy);
    }
  }
  if (options.timing_path) {
    const auto warnings = timing_warnings(reports.back(), options.clock_mhz);
    if (!warnings.empty()) payload["warnings"] = warnings;
  }
  return payload;
}

std::string payload_text(const nlohmann::json& payload) { return core::to_python_json(payload) + "\n"; }

void write_payload(const nlohmann::json& payload, const std::filesystem::path& output) {
  core::write_file_atomically(output, payload_text(payload), /*create_parents=*/true);
}

SynthesisFeedbackResult optimise_from_evidence_payload(const std::vector<core::LayerProfile>& network,
                                                       const core::TargetHardwareProfile& target,
                                                       const nlohmann::json& payload, core::Profile profile) {
  SynthesisFeedbackResult result;
  result.evidence_payload = payload;
  result.observations = observations_from_payload(payload);
  search::SurrogateOptions options;
  options.observations = result.observations;
  options.profile = profile;
  result.report = search::SurrogateSCOptimizer(target, options).optimise(network);
  return result;
}

SynthesisFeedbackResult optimise_from_synthesis_reports(const std::vector<core::LayerProfile>& network,
                                                        const core::TargetHardwareProfile& target,
                                                        const BuildPayloadOptions& options,
                                                        core::Profile profile) {
  BuildPayloadOptions read_as = options;
  read_as.profile = profile;
  return optimise_from_evidence_payload(network, target, build_payload_from_reports(read_as), profile);
}

}  // namespace scn::evidence
