// The strict observation loader (docs/reference-behaviour.md §2, product.md
// "Strictness"): every payload shape, alias and nested view of the published
// loader, with the newest numeric rules. Nothing is invented: a record that
// cannot be trusted raises ObservationLoadError naming source, record and field.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sc_neurocore/core/types.hpp"

namespace scn::evidence {

// Records of a payload (docs/reference-behaviour.md §2.2): a list, or the first list among "observations",
// "benchmark_observations", "layers", "runs", "results", or the payload itself
// when it has "report", "measurement" or "luts_used". Each record is the
// payload's "design_defaults" (or "design") overlaid with the record's keys.
std::vector<core::BenchmarkObservation> observations_from_payload(const nlohmann::json& payload,
                                                                  const std::string& source = "<memory>");

// Reads a JSON evidence file. A missing file raises FileError (Python OSError);
// an empty, non-UTF-8, over-64-MiB or invalid-JSON file raises ObservationLoadError.
std::vector<core::BenchmarkObservation> load_observations(const std::filesystem::path& path);

// Validates one merged record (docs/reference-behaviour.md §2.3 views, §2.4 fields): the record with index
// `index` of `source`. `measured`, when given, is applied after every view so
// measured report values cannot be overridden by design metadata.
core::BenchmarkObservation observation_from_record(const nlohmann::json& record, const std::string& source,
                                                   std::size_t index,
                                                   const nlohmann::json& measured = nullptr);

// BenchmarkObservation as the 11-key record the evidence files hold.
nlohmann::json observation_to_record(const core::BenchmarkObservation& observation);

}  // namespace scn::evidence
