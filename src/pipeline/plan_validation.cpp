#include "sc_neurocore/pipeline/plan_validation.hpp"

#include <chrono>
#include <cstdio>
#include <memory>
#include <utility>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/io/plan.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/search/surrogate.hpp"

namespace scn::pipeline {

void add_expected_outputs(ValidationData& data, nlohmann::json expected, const std::string& source) {
  if (!expected.is_array() || expected.empty())
    throw core::InputError(source +
                           ": expected a non-empty list of class indices (labels) or of output vectors "
                           "(the float network's outputs)");
  const bool labels = expected.front().is_number_integer();
  if (!labels && !expected.front().is_array())
    throw core::InputError(source + ": vector 0 is neither a class index (an integer) nor a list of outputs");
  for (std::size_t v = 1; v < expected.size(); ++v)
    if (labels ? !expected[v].is_number_integer() : !expected[v].is_array())
      throw core::InputError(
          source + ": vector " + std::to_string(v) + " is not " +
          (labels ? "a class index (an integer) like vector 0" : "a list of outputs like vector 0"));
  std::optional<nlohmann::json>& slot = labels ? data.labels : data.reference;
  std::string& slot_source = labels ? data.labels_source : data.reference_source;
  if (slot)
    throw core::InputError(source + " and " + slot_source + " are both " +
                           (labels ? "class labels" : "reference outputs") + "; give one of each at most");
  slot = std::move(expected);
  slot_source = source;
}

ValidationData load_validation_data(const std::vector<std::string>& files,
                                    const std::optional<std::filesystem::path>& calibration) {
  if (files.empty() || files.size() > 3)
    throw core::InputError(
        "--validation takes X.json[,Y.json[,L.json]]: the input vectors, then reference outputs "
        "and/or class labels");
  const auto read = [](const std::string& path) {
    return core::parse_json(core::read_utf8_text_file(path), path);
  };
  ValidationData data;
  data.inputs = read(files.front());
  data.inputs_source = files.front();
  for (std::size_t k = 1; k < files.size(); ++k) add_expected_outputs(data, read(files[k]), files[k]);
  if (calibration) {
    data.calibration = read(calibration->string());
    data.calibration_source = calibration->string();
  }
  return data;
}

namespace {

using Clock = std::chrono::steady_clock;

bool same_knobs(const core::SurrogateConfigMap& a, const core::SurrogateConfigMap& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const core::SurrogateLayerConfig &x = a[i].second, &y = b[i].second;
    if (a[i].first != b[i].first || x.bitstream_length != y.bitstream_length ||
        x.decorrelator != y.decorrelator || x.lfsr_polynomial != y.lfsr_polynomial ||
        x.precision_bits != y.precision_bits || x.mode != y.mode || x.neuron_lanes != y.neuron_lanes ||
        x.input_lanes != y.input_lanes || x.weight_memory != y.weight_memory ||
        x.input_memory != y.input_memory)
      return false;
  }
  return true;
}

// What the planner believed about a plan, and its knobs and cells, per layer in network order.
nlohmann::json planned_json(const PlanUnderValidation& plan) {
  nlohmann::json layers = nlohmann::json::array(), predicted = nlohmann::json::array();
  for (const auto& [id, c] : plan.config) {
    layers.push_back({{"id", id},
                      {"bitstream_length", c.bitstream_length},
                      {"decorrelator", c.decorrelator},
                      {"lfsr_polynomial", c.lfsr_polynomial},
                      {"precision_bits", c.precision_bits},
                      {"mode", c.mode},
                      {"cells", c.luts_used},
                      {"power_mw", c.power_used}});
    if (c.neuron_lanes > 0) layers.back()["fold"] = io::fold_json(io::fold_of_config(c));
    predicted.push_back({{"id", id}, {"accuracy_score", c.accuracy_score}});
  }
  return {{"cells", plan.total_luts},
          {"total_power_mw", plan.total_power_mw},
          {"objective", plan.objective},
          {"layers", layers},
          {"predicted", {{"mean_accuracy", plan.mean_accuracy}, {"layers", predicted}}}};
}

std::string progress_line(const std::string& what, std::int64_t cells, std::size_t vectors,
                          Clock::time_point t0) {
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return "validation: " + what + " (" + std::to_string(cells) + " cells) simulated on " +
         std::to_string(vectors) + " vectors in " + core::py::fixed(seconds, 2) + " s";
}

}  // namespace

PlanMeasurer::PlanMeasurer(NetworkInputs hardware, const ValidationData& data)
    : hardware_(std::move(hardware)), data_(data) {
  hardware_.calibration.clear();
}

nlohmann::json PlanMeasurer::measure(const nlohmann::json& plan, const std::string& plan_source) {
  hardware_.plan = plan;
  hardware_.plan_source = plan_source;
  if (!prepared_) prepare();
  const hw::NetworkDesign design = network_design(hardware_);
  const NetworkSimulation simulation = simulate_network(design, vectors_);
  nlohmann::json result = simulation_json(simulation);
  add_accuracy_on_data(result, simulation, data_.reference ? &*data_.reference : nullptr,
                       data_.reference_source, data_.labels ? &*data_.labels : nullptr, data_.labels_source);
  // The SC network against its exact counterpart, end to end: end_to_end's statistics with the exact
  // network's outputs as the reference.
  nlohmann::json against_exact;
  const nlohmann::json exact = simulation.exact;
  add_accuracy_on_data(against_exact, simulation, &exact, "exact outputs", nullptr, "");
  nlohmann::json measured = {{"layers", result["layers"]}};
  if (against_exact.contains("end_to_end")) measured["sc_vs_exact"] = against_exact["end_to_end"]["sc"];
  for (const char* key : {"end_to_end", "task_accuracy"})
    if (result.contains(key)) measured[key] = result[key];
  return measured;
}

// The first layer's width is the network's, whatever the plan: read the vectors once.
void PlanMeasurer::prepare() {
  const hw::NetworkDesign probe = network_design(hardware_);
  const auto width = static_cast<std::size_t>(probe.layers.front().design.n_inputs);
  if (data_.calibration)
    hardware_.calibration = input_vectors_from_json(*data_.calibration, data_.calibration_source, width);
  vectors_ = input_vectors_from_json(data_.inputs, data_.inputs_source, width);
  prepared_ = true;
}

compress::FitValidation fit_validation(const std::vector<model::LayerSize>& sizes,
                                       const model::LayerKnobs& knobs, ValidationData data,
                                       const ValidationProgress& progress) {
  if (!data.labels && !data.reference)
    throw core::InputError(
        data.inputs_source +
        ": fit's validation needs class labels or reference outputs beside the input vectors");
  const bool labels = data.labels.has_value();
  auto owned = std::make_shared<ValidationData>(std::move(data));
  NetworkInputs hardware;
  hardware.network = io::fit_network_json(sizes);
  hardware.network_source = "the fitted network";
  auto measurer = std::make_shared<PlanMeasurer>(std::move(hardware), *owned);
  auto measure = [sizes, knobs, owned, measurer, labels, progress](const compress::OptimizationResult& fit) {
    const auto t0 = Clock::now();
    measurer->set_weights(fit.optimized_weights);
    const nlohmann::json measured = measurer->measure(io::fit_plan_json(fit, sizes, knobs), "the fit's plan");
    const double value = labels ? measured["task_accuracy"]["sc"].get<double>()
                                : measured["end_to_end"]["sc"]["accuracy_score"].get<double>();
    if (progress)
      progress(progress_line("L=" + std::to_string(fit.final_bitstream_length) + ", " +
                                 std::to_string(fit.final_weight_bits) + "-bit weights",
                             fit.final_luts, measurer->vectors(), t0));
    return value;
  };
  return {labels ? "task_accuracy" : "end_to_end_score", std::move(measure)};
}

nlohmann::json validate_plans(NetworkInputs hardware, const ValidationData& data,
                              const core::SurrogateOptimizerReport& chosen,
                              const std::vector<PlanUnderValidation>& verified, std::size_t verify_top,
                              bool frontier_approximate, const ValidationProgress& progress) {
  const bool seeded = hardware.weights.empty();
  nlohmann::json out = {
      {"inputs", data.inputs_source},
      {"reference", data.reference ? nlohmann::json(data.reference_source) : nlohmann::json(nullptr)},
      {"labels", data.labels ? nlohmann::json(data.labels_source) : nlohmann::json(nullptr)},
      {"calibration", data.calibration ? data.calibration_source : std::string("seeded")},
      {"weights", seeded ? std::string("seeded") : hardware.weights_source},
      {"seed", hardware.seed},
      {"lut_unit", chosen.hardware ? chosen.hardware->lut_unit : std::string()},
      {"chosen", nullptr}};
  PlanMeasurer measurer(std::move(hardware), data);
  const auto report = [&](const std::string& line) {
    if (progress) progress(line);
  };
  PlanUnderValidation chosen_plan;
  nlohmann::json chosen_measured;
  if (chosen.feasible() && !chosen.config.empty()) {
    chosen_plan = {chosen.config, chosen.total_luts, chosen.total_power_mw, chosen.mean_accuracy,
                   chosen.search ? chosen.search->objective : 0.0};
    const auto t0 = Clock::now();
    chosen_measured = measurer.measure(io::plan_json(chosen), "the chosen plan");
    report(progress_line("chosen plan", chosen.total_luts, measurer.vectors(), t0));
    out["chosen"] = planned_json(chosen_plan);
    out["chosen"]["measured"] = chosen_measured;
  } else {
    out["note"] = "no plan fits the budget: nothing to simulate";
  }
  if (verify_top > 0) {
    out["verify_top"] = verify_top;
    out["ranking"] =
        "the Pareto frontier's plans within the budget, by the planner's objective (search.objective), "
        "best first";
    out["frontier_approximate"] = frontier_approximate;
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t r = 0; r < verified.size(); ++r) {
      const PlanUnderValidation& plan = verified[r];
      nlohmann::json entry = planned_json(plan);
      entry["rank"] = r + 1;
      const bool is_chosen = !chosen_measured.is_null() && same_knobs(plan.config, chosen_plan.config);
      entry["is_chosen"] = is_chosen;
      if (is_chosen) {
        entry["measured"] = chosen_measured;  // the same design: simulated once
      } else {
        core::SurrogateOptimizerReport document;
        document.config = plan.config;
        document.target_name = chosen.target_name;
        document.profile = chosen.profile;
        const std::string name = "plan " + std::to_string(r + 1) + " of " + std::to_string(verified.size());
        const auto t0 = Clock::now();
        entry["measured"] = measurer.measure(io::plan_json(document), "verified " + name);
        report(progress_line(name, plan.total_luts, measurer.vectors(), t0));
      }
      list.push_back(std::move(entry));
    }
    out["verified"] = std::move(list);
  }
  // Nothing simulated (no plan fits): the inputs were not read against a network, so no count.
  out["vectors"] = out["chosen"].is_null() ? nlohmann::json(nullptr) : nlohmann::json(measurer.vectors());
  return out;
}

nlohmann::json validate_optimised(const search::SurrogateSCOptimizer& optimizer,
                                  const std::vector<core::LayerProfile>& network,
                                  const std::vector<model::LayerWeights>& weights,
                                  const core::SurrogateOptimizerReport& report, NetworkInputs hardware,
                                  const ValidationData& data, std::size_t verify_top,
                                  const ValidationProgress& progress) {
  if (optimizer.profile() != core::Profile::kDefault)
    throw core::InputError(
        "validation needs the default profile (the reference profile keeps the published package's output)");
  std::vector<PlanUnderValidation> verified;
  bool approximate = false;
  if (verify_top > 0) {
    // The frontier `optimise --pareto` writes (its default size).
    const search::NetworkFrontier frontier = optimizer.pareto_frontier(network, 20000, weights);
    approximate = frontier.approximate;
    for (const search::FrontierPlan& plan : best_plans_within_budget(frontier, verify_top))
      verified.push_back(
          {plan.config, plan.total_luts, plan.total_power_mw, plan.mean_accuracy, plan.objective});
  }
  return validate_plans(std::move(hardware), data, report, verified, verify_top, approximate, progress);
}

namespace {

std::string score_or_dash(const nlohmann::json& measured, const char* key, const char* field) {
  if (!measured.contains(key)) return "-";
  return core::py::fixed(measured[key][field].get<double>(), 4);
}

std::string table_row(const std::string& name, const nlohmann::json& plan) {
  const nlohmann::json& m = plan["measured"];
  const std::string layers = core::join(m["layers"], ", ", [](const nlohmann::json& layer) {
    return layer["id"].get<std::string>() + " " +
           core::py::fixed(layer["measured_accuracy_score"].get<double>(), 4) + " (" +
           core::py::fixed(layer["predicted_accuracy_score"].get<double>(), 4) + ")";
  });
  char line[160];
  std::snprintf(
      line, sizeof line, "%-10s %7lld %10.4f %12s %11s %9s  ", name.c_str(),
      static_cast<long long>(plan["cells"].get<std::int64_t>()),
      plan["predicted"]["mean_accuracy"].get<double>(),
      score_or_dash(m, "sc_vs_exact", "accuracy_score").c_str(),
      m.contains("end_to_end")
          ? core::py::fixed(m["end_to_end"]["sc"]["accuracy_score"].get<double>(), 4).c_str()
          : "-",
      m.contains("task_accuracy") ? core::py::fixed(m["task_accuracy"]["sc"].get<double>(), 4).c_str() : "-");
  return line + layers + "\n";
}

}  // namespace

std::string validation_table(const nlohmann::json& v) {
  if (v["chosen"].is_null())
    return "\nvalidation on " + v["inputs"].get<std::string>() + ": " + v["note"].get<std::string>() + "\n";
  std::string text = "\npredicted vs measured on " + std::to_string(v["vectors"].get<std::size_t>()) +
                     " vectors of " + v["inputs"].get<std::string>();
  if (!v["reference"].is_null()) text += ", reference " + v["reference"].get<std::string>();
  if (!v["labels"].is_null()) text += ", labels " + v["labels"].get<std::string>();
  text += " (" + v["lut_unit"].get<std::string>() + "; weights " + v["weights"].get<std::string>() + "):\n";
  text +=
      "plan         cells  predicted  sc_vs_exact  end_to_end      task  per layer: measured "
      "(characterised)\n";
  text += table_row("chosen", v["chosen"]);
  if (v.contains("verified"))
    for (const auto& plan : v["verified"])
      text += table_row("#" + std::to_string(plan["rank"].get<std::size_t>()) +
                            (plan["is_chosen"].get<bool>() ? " chosen" : ""),
                        plan);
  text +=
      "predicted: the planner's weighted accuracy; sc_vs_exact, end_to_end: 1 - RMSE / std of the SC outputs "
      "against the exact network's and the reference; task: argmax = label\n";
  return text;
}

}  // namespace scn::pipeline
