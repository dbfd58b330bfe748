// From vendor reports to evidence (docs/reference-behaviour.md §2.5, §3): one
// observation built from parsed reports plus design metadata, the evidence
// payload with energy, provenance and timing warnings, and the feedback loop
// that reruns the optimiser on it. Reports stay the source: nothing is
// invented and no tool is run.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sc_neurocore/core/profile.hpp"
#include "sc_neurocore/core/types.hpp"
#include "sc_neurocore/evidence/reports/report.hpp"
#include "sc_neurocore/search/surrogate.hpp"

namespace scn::evidence {

// One observation from parsed reports (in order; the first report carrying
// LUTs and the first carrying total power win) and the design metadata.
// Parsed measurements take precedence over anything in `design`. Missing LUTs
// or power: ObservationLoadError "<source>: synthesis reports missing ...".
core::BenchmarkObservation observation_from_parsed_reports(const std::vector<ParsedReport>& reports,
                                                           const nlohmann::json& design,
                                                           double accuracy_score,
                                                           std::optional<std::int64_t> latency_cycles,
                                                           const std::string& source);

// The same from report texts (name -> text, in order). The reference profile reads them as the published
// package does (docs/reference-behaviour.md §2.5): its regular-expression rules over the texts joined by "\n"
// (reference_text.hpp), the design's keys under the parsed metrics, the record validated with its views (a
// design's nested "report" can win), and a parsed latency ("Latency: 64 cycles") used when none is given.
core::BenchmarkObservation observation_from_synthesis_reports(
    const std::vector<std::pair<std::string, std::string>>& reports, const nlohmann::json& design,
    double accuracy_score, std::optional<std::int64_t> latency_cycles,
    const std::string& source = "<synthesis-reports>", core::Profile profile = core::Profile::kDefault);

// The same from report files (name -> path, in order); source = the paths joined by ", ". The reference
// profile reads each file as UTF-8 ignoring undecodable bytes, as the published loader does.
core::BenchmarkObservation load_synthesis_observation(
    const std::vector<std::pair<std::string, std::filesystem::path>>& report_paths,
    const nlohmann::json& design, double accuracy_score,
    std::optional<std::int64_t> latency_cycles = std::nullopt,
    core::Profile profile = core::Profile::kDefault);

// A design metadata file: a JSON object ("<path>: design metadata must be a JSON object").
nlohmann::json load_design(const std::filesystem::path& path);

// docs/reference-behaviour.md §3.1 energy fields; nullopt when both are absent. InputError when only one is
// given or either is not positive and finite.
std::optional<nlohmann::json> energy_payload(const core::BenchmarkObservation& observation,
                                             std::optional<double> clock_mhz,
                                             std::optional<std::int64_t> inferences_per_run);

struct BuildPayloadOptions {
  std::filesystem::path design_path;
  std::filesystem::path utilisation_path;
  std::optional<std::filesystem::path> power_path;  // Yosys/nextpnr flows have no power report
  std::optional<std::filesystem::path> timing_path;
  double accuracy_score = 0.0;
  std::optional<std::int64_t> latency_cycles;
  std::optional<double> clock_mhz;
  std::optional<std::int64_t> inferences_per_run;
  // kReference: the published payload {"source_reports", "observations", "energy"?} read by its text rules
  // (a power report is then required); kDefault: structural parsing with measurements and provenance.
  core::Profile profile = core::Profile::kDefault;
};

// {"source_reports", "observations": [record], "energy"?, "provenance", "warnings"?}.
nlohmann::json build_payload_from_reports(const BuildPayloadOptions& options);

// Python json.dumps(payload, indent=2, sort_keys=True) + "\n".
std::string payload_text(const nlohmann::json& payload);
// Atomic write; missing parent folders are created.
void write_payload(const nlohmann::json& payload, const std::filesystem::path& output);

struct SynthesisFeedbackResult {
  nlohmann::json evidence_payload;
  std::vector<core::BenchmarkObservation> observations;
  core::SurrogateOptimizerReport report;
};

// Observations from the payload (source "<memory>"), then the surrogate optimiser over them. The reports
// are read with the optimiser's profile (options.profile is overridden by `profile`).
SynthesisFeedbackResult optimise_from_evidence_payload(const std::vector<core::LayerProfile>& network,
                                                       const core::TargetHardwareProfile& target,
                                                       const nlohmann::json& payload,
                                                       core::Profile profile = core::Profile::kDefault);
SynthesisFeedbackResult optimise_from_synthesis_reports(const std::vector<core::LayerProfile>& network,
                                                        const core::TargetHardwareProfile& target,
                                                        const BuildPayloadOptions& options,
                                                        core::Profile profile = core::Profile::kDefault);

}  // namespace scn::evidence
