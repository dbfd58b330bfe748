// What the plan report reads, checked once: the plan JSON that `optimise --out` (and `feedback
// --plan-out`) write, and a build folder of `synth` (comparison.json, evidence.json). Every reader throws
// InputError naming the file and the field, so a broken input is one line, never a half-written page.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace scn::report {

// Where a number of the report comes from (the legend of docs/report.md).
enum class Provenance {
  kModel,     // the calibrated cost model's prediction
  kLearned,   // fitted to, or taken from, observations (the plan's training_points)
  kMeasured,  // read from the tool reports of a build (evidence.json names the tools)
};
const char* provenance_name(Provenance provenance);

// One planned layer: the knobs (checked by io::plan_from_json) and whichever predicted costs the plan has.
struct PlanLayerRow {
  std::string id;
  std::int64_t bitstream_length = 0;
  std::string decorrelator;
  std::string lfsr_polynomial;
  std::int64_t precision_bits = 0;
  std::string mode;
  std::optional<std::int64_t> n_inputs, n_neurons, luts, latency_cycles;
  std::optional<double> power_mw, accuracy, utility, fmax_mhz;
  std::string shape;  // default profile: "given" or "assumed"
  std::string costs;  // default profile: "model" or "measured" (an observation matched the point)
  Provenance provenance = Provenance::kModel;
};

struct PlanView {
  std::string source;   // the file name (or "plan" for an in-memory plan), for messages
  nlohmann::json json;  // the plan as read, for the fields shown verbatim (search certificate, bases)
  std::string profile;  // "default", "reference" or "" (a plan that does not say)
  std::string target_name;
  std::string lut_unit;  // the unit of luts_used / total_luts ("LUTs" when the plan does not say)
  std::vector<PlanLayerRow> layers;
  std::vector<std::string> rejected_layers;
  std::vector<std::string> warnings;
  std::optional<bool> feasible;
  std::optional<std::int64_t> total_luts, total_latency_cycles, training_points;
  std::optional<double> total_power_mw, mean_accuracy;
  std::optional<std::int64_t> logic_cell_budget, device_logic_cells;  // default profile
  std::optional<double> max_utilisation;
};

// InputError "<source>: <field> must be ..." for a plan that is not an object with a "layers" list, a layer
// whose knobs are missing or mistyped, or a cost field of the wrong type.
PlanView plan_view(const nlohmann::json& plan, const std::string& source);
nlohmann::json read_json_file(const std::filesystem::path& path);  // FileError / InputError naming the file

// One row of comparison.json: {"predicted", "measured", "relative_error" (null when measured is 0)}.
struct ComparedQuantity {
  std::string quantity;
  double predicted = 0.0;
  double measured = 0.0;
  std::optional<double> relative_error;  // (predicted - measured) / measured
};

struct ComparedScope {
  std::string name;  // "design" or a layer id
  std::vector<ComparedQuantity> quantities;
  std::vector<std::string> measured_by;  // "tool (version)" of the evidence reports of this scope
  std::vector<std::string> reports;      // the report files those numbers were read from
};

struct BuildView {
  std::string source;  // the build folder
  std::string unit;    // comparison.json's "unit" (e.g. ICESTORM_LC)
  std::string device;
  std::optional<double> clock_mhz;
  std::vector<ComparedScope> scopes;  // the design first, then the layers in layer_order
  std::vector<std::string> tools;     // every tool evidence.json records: "name version (path)"
  std::vector<std::string> measured_fields, modelled_fields;  // observation_fields of the evidence
  std::vector<std::string> warnings;                          // the evidence's and the comparison's
};

// `comparison` and `evidence` as `synth` writes them; `source` names the folder in errors.
BuildView build_view(const nlohmann::json& comparison, const nlohmann::json& evidence,
                     const std::string& source);
// Reads BUILD/comparison.json and BUILD/evidence.json.
BuildView load_build(const std::filesystem::path& build_dir);

}  // namespace scn::report
