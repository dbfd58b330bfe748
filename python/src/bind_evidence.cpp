// The strict observation loader and synthesis evidence payloads. Payloads are
// Python dicts on this side and nlohmann::json on the other.
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"
#include "sc_neurocore/core/profile.hpp"
#include "sc_neurocore/evidence/loader/observations.hpp"
#include "sc_neurocore/evidence/loader/synthesis.hpp"

namespace scn::python {

namespace {

namespace fs = std::filesystem;

// Items of a mapping in its own order: name -> T.
template <class T>
std::vector<std::pair<std::string, T>> mapping_items(py::handle mapping, const char* what) {
  if (!py::hasattr(mapping, "items")) {
    throw py::type_error(std::string(what) + " must be a mapping of report name -> " +
                         (std::is_same_v<T, fs::path> ? "path" : "text"));
  }
  std::vector<std::pair<std::string, T>> items;
  for (const auto& item : mapping.attr("items")()) {
    const auto pair = py::reinterpret_borrow<py::tuple>(item);
    const std::string name = read_str(pair[0], std::string(what) + " key");
    if constexpr (std::is_same_v<T, std::string>) {
      items.emplace_back(name, read_str(pair[1], std::string(what) + "[" + name + "]"));
    } else {
      items.emplace_back(name, pair[1].cast<T>());
    }
  }
  return items;
}

void bind_loader(py::module_& m) {
  m.def("observations_from_payload", [](py::handle payload, const std::string& source) {
    return evidence::observations_from_payload(to_json(payload, "payload"), source);
  });
  m.def("load_observations", [](const fs::path& path) { return evidence::load_observations(path); });
  m.def("observation_from_synthesis_reports", [](py::handle reports, py::handle design, double accuracy_score,
                                                 std::optional<std::int64_t> latency_cycles,
                                                 const std::string& source, const std::string& profile) {
    return evidence::observation_from_synthesis_reports(
        mapping_items<std::string>(reports, "reports"), to_json(design, "design"), accuracy_score,
        latency_cycles, source, chosen_profile(profile, core::Profile::kDefault));
  });
  m.def("load_synthesis_observation", [](py::handle report_paths, py::handle design, double accuracy_score,
                                         std::optional<std::int64_t> latency_cycles,
                                         const std::string& profile) {
    return evidence::load_synthesis_observation(mapping_items<fs::path>(report_paths, "report_paths"),
                                                to_json(design, "design"), accuracy_score, latency_cycles,
                                                chosen_profile(profile, core::Profile::kDefault));
  });
  // One report file as `parse-report --json` prints it: tool, kind, version, device, metrics, units, lines.
  m.def("parse_report", [](const fs::path& path) {
    return from_json(evidence::to_json(evidence::parse_report_file(path.string())));
  });
  m.def("observation_to_record", [](const core::BenchmarkObservation& observation) {
    return from_json(evidence::observation_to_record(observation));
  });
}

void bind_payloads(py::module_& m) {
  m.def("load_design", [](const fs::path& path) { return from_json(evidence::load_design(path)); });
  m.def("energy_payload",
        [](const core::BenchmarkObservation& observation, std::optional<double> clock_mhz,
           std::optional<std::int64_t> inferences_per_run) -> py::object {
          const auto energy = evidence::energy_payload(observation, clock_mhz, inferences_per_run);
          return energy ? from_json(*energy) : py::none();
        });
  m.def("build_payload_from_reports",
        [](const fs::path& design_path, const fs::path& utilisation_path, std::optional<fs::path> power_path,
           std::optional<fs::path> timing_path, double accuracy_score,
           std::optional<std::int64_t> latency_cycles, std::optional<double> clock_mhz,
           std::optional<std::int64_t> inferences_per_run, const std::string& profile) {
          return from_json(evidence::build_payload_from_reports(
              {design_path, utilisation_path, power_path, timing_path, accuracy_score, latency_cycles,
               clock_mhz, inferences_per_run, chosen_profile(profile, core::Profile::kDefault)}));
        });
  m.def("payload_text",
        [](py::handle payload) { return evidence::payload_text(to_json(payload, "payload")); });
  m.def("write_payload", [](py::handle payload, const fs::path& output) {
    evidence::write_payload(to_json(payload, "payload"), output);
  });
}

}  // namespace

void bind_evidence(py::module_& m) {
  bind_loader(m);
  bind_payloads(m);
}

}  // namespace scn::python
