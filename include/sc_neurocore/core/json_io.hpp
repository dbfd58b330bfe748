// JSON in and out. Output is byte-compatible with Python's
// json.dumps(value, indent=2, sort_keys=True) (ensure_ascii on, shortest
// round-trip floats, NaN/Infinity tokens), so plans and evidence files match
// the published package and are byte-identical run to run.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace scn::core {

// Serialises `value` like Python's json.dumps(value, indent=2, sort_keys=True).
// No trailing newline; callers that write files add one.
std::string to_python_json(const nlohmann::json& value);

// Python's json.dumps for a single float value.
std::string python_json_float(double value);

// Parses JSON text. On failure returns a discarded value and sets `error` to
// "line L, column C: <reason>".
nlohmann::json parse_json_or_error(const std::string& text, std::string& error);

// Parses JSON text; throws InputError "<source> is not valid JSON: line L, column C: <reason>".
nlohmann::json parse_json(const std::string& text, const std::string& source);

}  // namespace scn::core
