// Everything a person or a program reads from the engine, produced in one
// place per format: the published summary texts, plan tables, and the JSON
// documents of the CLI (field names of the reference dataclasses).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sc_neurocore/energy.hpp"
#include "sc_neurocore/fit.hpp"
#include "sc_neurocore/search/default_planner.hpp"
#include "sc_neurocore/types.hpp"

namespace scn::io {

// The published summary() texts (reference-behaviour §1.2.2, §1.4.1, §1.5.4).
std::string summary(const OptimizerReport& report);
std::string summary(const EnergyReport& report);
std::string summary(const OptimizationResult& result);

// A fixed-width table of a surrogate plan, one row per layer in network order.
std::string plan_table(const SurrogateOptimizerReport& report, const std::vector<LayerProfile>& network);

// The plan JSON of reference-behaviour §1.8 plus "profile"; layers sorted by id.
nlohmann::json plan_json(const SurrogateOptimizerReport& report);
// {"target_name", "approximate", "points": [{totals, "within_budget", "layers": [...]}]} sorted by LUTs.
nlohmann::json frontier_json(const NetworkFrontier& frontier);
nlohmann::json to_json(const EnergyReport& report, const std::string& profile);
nlohmann::json to_json(const OptimizationResult& result);
nlohmann::json to_json(const OptimizerReport& report);

// The device catalogue and the built-in target profiles.
nlohmann::json targets_json();
std::string targets_table();

// to_python_json(value) + "\n": the text of every JSON file and --json output.
std::string json_document(const nlohmann::json& value);

}  // namespace scn::io
