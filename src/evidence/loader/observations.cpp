#include "sc_neurocore/evidence/loader/observations.hpp"

#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/json_io.hpp"

namespace scn::evidence {
namespace {

// Python truthiness of a JSON value (the published `payload.get(...) or ...`).
bool truthy(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return false;
    case nlohmann::json::value_t::boolean:
      return value.get<bool>();
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return value.get<double>() != 0.0;
    case nlohmann::json::value_t::string:
      return !value.get_ref<const std::string&>().empty();
    default:
      return !value.empty();
  }
}

class RecordReader {
 public:
  RecordReader(const nlohmann::json& view, std::string prefix) : view_(view), prefix_(std::move(prefix)) {}

  std::int64_t integer(std::initializer_list<const char*> aliases) const {
    const auto [key, value] = find(aliases);
    // Booleans, fractions, NaN and infinities are not integers; 128.0 is.
    std::optional<std::int64_t> number;
    if (value->is_number_integer()) {
      if (value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX))
        fail(key, "must be an int");
      number = value->get<std::int64_t>();
    } else if (value->is_number_float()) {
      const double v = value->get<double>();
      if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9.2e18)
        number = static_cast<std::int64_t>(v);
    }
    if (!number) fail(key, "must be an int");
    if (*number < 0) fail(key, "must be non-negative");
    return *number;
  }

  double real(std::initializer_list<const char*> aliases) const {
    const auto [key, value] = find(aliases);
    if (!value->is_number()) fail(key, "must be numeric");  // booleans, strings and null included
    const double v = value->get<double>();
    if (!std::isfinite(v)) fail(key, "must be finite");
    if (v < 0) fail(key, "must be non-negative");
    return v;
  }

  std::string text(const char* key) const {
    const auto [found, value] = find({key});
    if (!value->is_string() || value->get_ref<const std::string&>().empty()) fail(found, "must be a string");
    return value->get<std::string>();
  }

  bool flag(const char* key) const {
    if (!view_.contains(key)) return false;
    const auto& value = view_.at(key);
    if (!value.is_boolean()) fail(key, "must be a boolean");
    return value.get<bool>();
  }

 private:
  std::pair<const char*, const nlohmann::json*> find(std::initializer_list<const char*> aliases) const {
    for (const char* key : aliases)
      if (view_.contains(key)) return {key, &view_.at(key)};
    if (aliases.size() == 1) throw core::ObservationLoadError(prefix_ + "missing " + *aliases.begin());
    throw core::ObservationLoadError(prefix_ + "missing one of " + core::join(aliases, ", "));
  }

  [[noreturn]] void fail(const char* key, const char* problem) const {
    throw core::ObservationLoadError(prefix_ + key + " " + problem);
  }

  const nlohmann::json& view_;
  std::string prefix_;
};

// docs/reference-behaviour.md §2.3: top-level keys, then the design views, then the measurement views; later
// wins.
nlohmann::json record_view(const nlohmann::json& record) {
  nlohmann::json view = record;
  for (const char* key : {"candidate", "compiler", "layer", "design", "measurement", "report", "resources",
                          "timing", "power"}) {
    if (!record.contains(key) || !record.at(key).is_object()) continue;
    for (const auto& [name, value] : record.at(key).items()) view[name] = value;
  }
  return view;
}

std::vector<nlohmann::json> payload_records(const nlohmann::json& payload, const std::string& source) {
  if (payload.is_array()) return {payload.begin(), payload.end()};
  if (!payload.is_object())
    throw core::ObservationLoadError(source + ": observation payload must be a JSON object or list");
  for (const char* key : {"observations", "benchmark_observations", "layers", "runs", "results"}) {
    if (payload.contains(key) && payload.at(key).is_array())
      return {payload.at(key).begin(), payload.at(key).end()};
  }
  for (const char* key : {"report", "measurement", "luts_used"})
    if (payload.contains(key)) return {payload};
  return {};
}

}  // namespace

core::BenchmarkObservation observation_from_record(const nlohmann::json& record, const std::string& source,
                                                   std::size_t index, const nlohmann::json& measured) {
  const std::string prefix = source + " observation " + std::to_string(index) + ": ";
  if (!record.is_object())
    throw core::ObservationLoadError(prefix + "observation record must be a JSON object");
  nlohmann::json view = record_view(record);
  if (measured.is_object())
    for (const auto& [name, value] : measured.items()) view[name] = value;
  const RecordReader read(view, prefix);
  core::BenchmarkObservation o;
  o.mac_count = read.integer({"mac_count"});
  o.bitstream_length = read.integer({"bitstream_length"});
  o.decorrelator = read.text("decorrelator");
  o.mode = read.text("mode");
  o.precision_bits = read.integer({"precision_bits"});
  o.lfsr_polynomial = read.text("lfsr_polynomial");
  o.luts_used = read.integer({"luts_used", "luts", "lut", "clb_luts", "logic_luts", "alm"});
  o.power_mw = read.real({"power_mw", "total_power_mw", "total_on_chip_power_mw", "thermal_power_mw"});
  o.latency_cycles = read.integer({"latency_cycles", "cycles", "latency"});
  o.accuracy_score = read.real({"accuracy_score", "accuracy", "score", "parity_score"});
  o.is_critical_path = read.flag("is_critical_path");
  return o;
}

std::vector<core::BenchmarkObservation> observations_from_payload(const nlohmann::json& payload,
                                                                  const std::string& source) {
  nlohmann::json defaults = nlohmann::json::object();
  if (payload.is_object()) {
    if (payload.contains("design_defaults") && truthy(payload.at("design_defaults"))) {
      defaults = payload.at("design_defaults");
    } else if (payload.contains("design") && truthy(payload.at("design"))) {
      defaults = payload.at("design");
    }
    if (!defaults.is_object()) {
      throw core::ObservationLoadError(source +
                                       ": observation record must be a JSON object (design defaults)");
    }
  }
  const std::vector<nlohmann::json> records = payload_records(payload, source);
  // collect-synthesis writes measurements without an observation when a report
  // is missing (a Yosys/nextpnr flow has no power report): nothing to learn from yet.
  if (records.empty() && payload.is_object() && payload.contains("measurements") &&
      payload.contains("missing"))
    return {};
  if (records.empty()) throw core::ObservationLoadError(source + " contains no observation records");
  std::vector<core::BenchmarkObservation> observations;
  observations.reserve(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const nlohmann::json& record = records[i];
    if (!record.is_object()) {
      throw core::ObservationLoadError(source + " observation " + std::to_string(i) +
                                       ": observation record must be a JSON object");
    }
    nlohmann::json merged = defaults;
    for (const auto& [name, value] : record.items()) merged[name] = value;
    observations.push_back(observation_from_record(merged, source, i));
  }
  return observations;
}

std::vector<core::BenchmarkObservation> load_observations(const std::filesystem::path& path) {
  const std::string source = path.string();
  std::string text;
  try {
    text = core::read_utf8_text_file(path);
  } catch (const core::FileError& e) {
    const std::string message = e.what();
    if (message.find("no such file") != std::string::npos) throw;  // Python: the plain OSError
    throw core::ObservationLoadError(message);
  } catch (const core::InputError& e) {
    throw core::ObservationLoadError(e.what());
  }
  std::string error;
  const nlohmann::json payload = core::parse_json_or_error(text, error);
  if (!error.empty()) throw core::ObservationLoadError(source + " is not valid JSON: " + error);
  return observations_from_payload(payload, source);
}

nlohmann::json observation_to_record(const core::BenchmarkObservation& o) {
  return {{"mac_count", o.mac_count},
          {"bitstream_length", o.bitstream_length},
          {"decorrelator", o.decorrelator},
          {"mode", o.mode},
          {"precision_bits", o.precision_bits},
          {"lfsr_polynomial", o.lfsr_polynomial},
          {"luts_used", o.luts_used},
          {"power_mw", o.power_mw},
          {"latency_cycles", o.latency_cycles},
          {"accuracy_score", o.accuracy_score},
          {"is_critical_path", o.is_critical_path}};
}

}  // namespace scn::evidence
