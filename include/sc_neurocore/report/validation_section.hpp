// The HTML report's "Validation on your data": the plan's `validation` object (`optimise --validation`), the
// chosen plan and the verified ones simulated bit for bit on the user's vectors, beside what the planner
// predicted. Signal scores and task accuracy are named apart.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace scn::report {

// The chosen plan's task accuracy on the validation data (argmax = label), when the plan was validated with
// labels.
std::optional<double> validated_task_accuracy(const nlohmann::json& plan);

// The <section>; without validation data a note saying how to get it. InputError "<source>:
// validation.<field>
// ..." for a validation object whose fields are missing or mistyped.
std::string validation_section(const nlohmann::json& plan, const std::string& source);

}  // namespace scn::report
