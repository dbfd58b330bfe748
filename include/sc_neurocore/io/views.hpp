// Everything a person or a program reads from the engine, produced in one
// place per format: the published summary texts, plan tables, and the JSON
// documents of the CLI (field names of the reference dataclasses).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sc_neurocore/compress/fit_to_target.hpp"
#include "sc_neurocore/core/types.hpp"
#include "sc_neurocore/model/energy.hpp"
#include "sc_neurocore/search/default_planner.hpp"

namespace scn::io {

// The published summary() texts (docs/reference-behaviour.md §1.2.2, §1.4.1, §1.5.4).
std::string summary(const core::OptimizerReport& report);
std::string summary(const model::EnergyReport& report);
std::string summary(const compress::OptimizationResult& result);

// A fixed-width table of a surrogate plan, one row per layer in network order.
std::string plan_table(const core::SurrogateOptimizerReport& report,
                       const std::vector<core::LayerProfile>& network);

// The plan JSON of docs/reference-behaviour.md §1.8 plus "profile"; layers sorted by id.
nlohmann::json plan_json(const core::SurrogateOptimizerReport& report);
// {"target_name", "approximate", "points": [{totals, "within_budget", "layers": [...]}]} sorted by LUTs.
nlohmann::json frontier_json(const search::NetworkFrontier& frontier);
nlohmann::json to_json(const model::EnergyReport& report, const std::string& profile);
nlohmann::json to_json(const compress::OptimizationResult& result);
nlohmann::json to_json(const core::OptimizerReport& report);

// The device catalogue and the built-in target profiles.
nlohmann::json targets_json();
std::string targets_table();

// to_python_json(value) + "\n": the text of every JSON file and --json output.
std::string json_document(const nlohmann::json& value);

}  // namespace scn::io
