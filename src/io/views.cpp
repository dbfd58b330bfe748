#include "sc_neurocore/io/views.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/io/plan.hpp"
#include "sc_neurocore/model/devices.hpp"
#include "sc_neurocore/model/grounded_model.hpp"
#include "sc_neurocore/model/targets.hpp"

namespace scn::io {
namespace {

std::string join_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (std::size_t i = 0; i < lines.size(); ++i) text += (i ? "\n" : "") + lines[i];
  return text;
}

// printf-style formatting into a std::string, for fixed-width tables.
template <typename... Args>
std::string format(const char* pattern, Args... args) {
  const int size = std::snprintf(nullptr, 0, pattern, args...);
  std::string out(static_cast<std::size_t>(size), '\0');
  std::snprintf(out.data(), out.size() + 1, pattern, args...);
  return out;
}

nlohmann::json certificate_json(const core::SearchCertificate& c) {
  nlohmann::json json = {{"solver", c.solver}, {"nodes", c.nodes}};
  if (c.binding.empty()) {
    json["objective"] = c.objective;
    json["upper_bound"] = c.upper_bound;
    json["relative_gap"] = c.relative_gap;
    json["proven_optimal"] = c.proven_optimal;
  } else {
    json["binding"] = c.binding;
    nlohmann::json minimum = nlohmann::json::object();
    if (c.min_luts) minimum["max_luts"] = *c.min_luts;
    if (c.min_power_mw) minimum["max_power_mw"] = *c.min_power_mw;
    if (c.min_latency_cycles) minimum["max_latency_cycles"] = *c.min_latency_cycles;
    json["smallest_budget"] = minimum;
  }
  return json;
}

// When cells bind: how far the smallest plan is from the budget, the utilisation at which it would fit this
// device, and the catalogue devices of the same logic unit whose budget at this utilisation holds it.
struct Room {
  std::int64_t need = 0;
  double utilisation = 0.0;          // need / device cells; above 1: not on this device at all
  std::vector<std::string> devices;  // larger devices that hold it at the plan's max_utilisation
};

std::optional<Room> room_for(const core::SearchCertificate& c, const std::optional<core::PlanHardware>& h) {
  if (!h || !c.min_luts || h->device_logic_cells <= 0 ||
      std::find(c.binding.begin(), c.binding.end(), "luts") == c.binding.end())
    return std::nullopt;
  Room room{*c.min_luts, static_cast<double>(*c.min_luts) / static_cast<double>(h->device_logic_cells), {}};
  for (const model::Device& d : model::devices())
    if (d.logic_unit == h->lut_unit && d.key != h->device &&
        static_cast<double>(d.logic_cells) * h->max_utilisation >= static_cast<double>(room.need))
      room.devices.push_back(d.key);
  return room;
}

std::string room_text(const Room& room, const core::PlanHardware& h) {
  std::string text = "; the budget is " + core::py::thousands(h.logic_cell_budget) + " " + h.lut_unit + " (" +
                     core::py::percent(h.max_utilisation, 0) + " of the " + h.device + "'s " +
                     core::py::thousands(h.device_logic_cells) + ")";
  text += room.utilisation <= 1.0 ? "; it would fit at " + core::py::percent(room.utilisation, 1) +
                                        " utilisation (--max-utilisation " +
                                        core::py::fixed(std::ceil(room.utilisation * 1000) / 1000, 3) + ")"
                                  : "; it needs more cells than the device has";
  if (!room.devices.empty()) text += "; devices whose budget holds it: " + core::join(room.devices, ", ");
  return text;
}

nlohmann::json room_json(const Room& room) {
  return {
      {"logic_cells", room.need}, {"utilisation_needed", room.utilisation}, {"larger_devices", room.devices}};
}

// What the plans' "accuracy" figures are, said wherever they are printed (issue 30: a signal score of 0.93 is
// not a classifier's 93 %).
constexpr const char* kSignalScoreNote =
    "Signal score: 1 - RMSE/std of the layer outputs against exact arithmetic, not task accuracy; "
    "optimise --validation measures task accuracy on your data";

// `unit` names what the plan's LUT figures count (the device's logic unit in the default profile).
std::string certificate_text(const core::SearchCertificate& c, const std::string& unit = "LUTs") {
  if (c.binding.empty()) {
    return "Search: objective " + core::py::fixed(c.objective, 6) + ", upper bound " +
           core::py::fixed(c.upper_bound, 6) + ", gap " + core::py::float_repr(c.relative_gap) +
           (c.proven_optimal ? " (proven optimal)" : "") + ", " + std::to_string(c.nodes) + " nodes";
  }
  std::string binding;
  for (const auto& b : c.binding) binding += (binding.empty() ? "" : " and ") + b;
  std::string text = "No plan fits: " + binding + " binding";
  if (c.min_luts)
    text +=
        "; the smallest plan within the power budget needs " + core::py::thousands(*c.min_luts) + " " + unit;
  if (c.min_power_mw) {
    text += "; the lowest-power plan within the " + (unit == "LUTs" ? std::string("LUT") : unit) +
            " budget needs " + core::py::fixed(*c.min_power_mw, 3) + " mW";
  }
  if (c.min_latency_cycles) {
    text += "; a plan fits both budgets with a latency cap of " + std::to_string(*c.min_latency_cycles) +
            " cycles";
  }
  return text;
}
}  // namespace

std::string summary(const core::OptimizerReport& report) {
  std::vector<std::string> lines = {"LUTs: " + std::to_string(report.total_luts) +
                                    ", Power: " + core::py::fixed(report.total_power_mw, 2) +
                                    " mW, Latency: " + std::to_string(report.total_latency_cycles) +
                                    " cycles, Accuracy: " + core::py::fixed(report.mean_accuracy, 4)};
  for (const auto& [id, c] : report.config) {
    lines.push_back("  " + id + ": N=" + std::to_string(c.bitstream_length) + ", decorr=" + c.decorrelator +
                    ", mode=" + c.mode + ", acc=" + core::py::fixed(c.accuracy_score, 4));
  }
  return join_lines(lines);
}

namespace {

// The default profile's estimate: cells in the device's unit, the clock and its basis, power with its basis.
std::string grounded_summary(const model::EnergyReport& report) {
  std::vector<std::string> lines = {
      "SC-NeuroCore Energy Estimate \xE2\x80\x94 " + report.device + " (profile default)",
      std::string(55, '='), ""};
  for (const auto& l : report.layers) {
    std::string line = "  " + l.name + ": " + std::to_string(l.n_inputs) + "->" +
                       std::to_string(l.n_neurons) + " (L=" + std::to_string(l.bitstream_length) + ", " +
                       l.knobs.generator + ", " + std::to_string(l.knobs.precision) + "-bit) -> " +
                       core::py::thousands(l.logic_cells) + " " + report.lut_unit + " (" +
                       core::py::thousands(l.luts) + " LUT4, " + core::py::thousands(l.carry_cells) +
                       " carry, " + core::py::thousands(l.ffs) + " FF), ";
    if (l.fmax_mhz > 0) line += "fmax " + core::py::fixed(l.fmax_mhz, 1) + " MHz, ";
    lines.push_back(line + core::py::fixed(l.dynamic_power_mw, 2) + " mW, accuracy " +
                    core::py::fixed(l.accuracy_score, 4));
  }
  lines.push_back("");
  lines.push_back("  Infrastructure: " + std::to_string(report.infra_luts) + " LUTs");
  lines.push_back("");
  lines.push_back("  Logic cells:    " + core::py::thousands(report.total_logic_cells) + " " +
                  report.lut_unit + " of " + core::py::thousands(report.device_logic_cells) + " (" +
                  core::py::fixed(report.utilization_pct, 1) + "%; budget " +
                  core::py::thousands(report.logic_cell_budget) + " at " +
                  core::py::percent(report.max_utilisation, 0) + " utilisation)");
  lines.push_back("  LUT4 / carry / FF: " + core::py::thousands(report.total_luts) + " / " +
                  core::py::thousands(report.total_carry_cells) + " / " +
                  core::py::thousands(report.total_ffs));
  lines.push_back("  Total BRAM:     " + core::py::fixed(report.total_bram_kb, 1) + " KB");
  lines.push_back("  Clock:          " + core::py::fixed(report.clock_freq_mhz, 1) + " MHz (" +
                  report.clock_basis + ")");
  if (report.fmax_mhz > 0)
    lines.push_back("  Predicted fmax: " + core::py::fixed(report.fmax_mhz, 1) +
                    " MHz (slowest layer, after placement)");
  lines.push_back("  Power:          " + core::py::fixed(report.total_power_mw, 2) + " mW (" +
                  core::py::fixed(report.total_dynamic_power_mw, 2) + " dynamic + " +
                  core::py::fixed(report.fixed_power_mw, 2) + " static and clock tree), within x" +
                  core::py::fixed(report.power_uncertainty_factor, 2));
  lines.push_back("  Power basis:    " + report.power_basis);
  lines.push_back("  Latency:        " + core::py::thousands(report.total_latency_cycles) + " cycles (" +
                  report.latency_convention + ")");
  lines.push_back("  Energy/inf:     " + core::py::fixed(report.energy_per_inference_nj, 2) + " nJ");
  lines.push_back(std::string("  Fits on target: ") +
                  (report.fits_on_target
                       ? "YES"
                       : "NO \xE2\x80\x94 needs " + core::py::thousands(report.total_logic_cells) + " " +
                             report.lut_unit + ", budget " + core::py::thousands(report.logic_cell_budget)));
  for (const auto& w : report.warnings) lines.push_back("  Warning: " + w);
  return join_lines(lines);
}

}  // namespace

std::string summary(const model::EnergyReport& report) {
  if (report.profile == "default") return grounded_summary(report);
  std::vector<std::string> lines = {"SC-NeuroCore Energy Estimate \xE2\x80\x94 " + report.target,
                                    std::string(55, '='), ""};
  for (const auto& l : report.layers) {
    lines.push_back("  " + l.name + ": " + std::to_string(l.n_inputs) + "->" + std::to_string(l.n_neurons) +
                    " (" + std::to_string(l.n_synapses) + " syn, L=" + std::to_string(l.bitstream_length) +
                    ") -> " + std::to_string(l.luts) + " LUTs, " + core::py::fixed(l.dynamic_power_mw, 2) +
                    " mW");
  }
  lines.push_back("");
  lines.push_back("  Infrastructure: " + std::to_string(report.infra_luts) + " LUTs");
  lines.push_back("");
  lines.push_back("  Total LUTs:     " + core::py::thousands(report.total_luts));
  lines.push_back("  Total FFs:      " + core::py::thousands(report.total_ffs));
  lines.push_back("  Total BRAM:     " + core::py::fixed(report.total_bram_kb, 1) + " KB");
  lines.push_back("  Dynamic power:  " + core::py::fixed(report.total_dynamic_power_mw, 2) + " mW");
  lines.push_back("  Latency:        " + core::py::thousands(report.total_latency_cycles) + " cycles");
  lines.push_back("  Energy/inf:     " + core::py::fixed(report.energy_per_inference_nj, 2) + " nJ");
  lines.push_back("  Clock:          " + core::py::fixed(report.clock_freq_mhz, 0) + " MHz");
  lines.push_back("  Utilization:    " + core::py::fixed(report.utilization_pct, 1) + "%");
  lines.push_back(std::string("  Fits on target: ") +
                  (report.fits_on_target ? "YES" : "NO \xE2\x80\x94 exceeds LUT budget"));
  return join_lines(lines);
}

namespace {

std::string validation_metric_text(const std::string& metric) {
  return metric == "task_accuracy" ? "task accuracy" : "end-to-end score";
}

}  // namespace

std::string summary(const compress::OptimizationResult& result) {
  const model::EnergyReport& estimate = result.final_estimate;
  std::vector<std::string> lines = {
      "Resource Optimization: " + result.target,
      std::string("  Fits: ") + (result.fits ? "YES" : "NO"),
      estimate.lut_unit.empty() ? "  LUTs: " + core::py::thousands(result.final_luts) + " / " +
                                      core::py::thousands(result.target_luts) + " (" +
                                      core::py::fixed(result.utilization_pct, 1) + "%)"
                                : "  Logic cells: " + core::py::thousands(result.final_luts) + " " +
                                      estimate.lut_unit + " / " + core::py::thousands(result.target_luts) +
                                      " (" + core::py::percent(estimate.max_utilisation, 0) + " of " +
                                      core::py::thousands(estimate.device_logic_cells) + "; " +
                                      core::py::fixed(result.utilization_pct, 1) + "% of the device)",
      "  Bitstream length: " + std::to_string(result.final_bitstream_length),
      "  Sparsity: " + core::py::percent(result.final_sparsity, 1),
      "  Steps taken: " + std::to_string(result.steps.size()),
  };
  const bool grounded = result.profile == "default" && result.final_weight_bits > 0;
  for (const auto& step : result.steps) {
    lines.push_back("    " + step.action + ": " + core::py::thousands(step.luts_before) + " -> " +
                    core::py::thousands(step.luts_after) +
                    (estimate.lut_unit.empty() ? " LUTs" : " " + estimate.lut_unit) +
                    (grounded ? ", accuracy " + core::py::fixed(step.accuracy_before, 4) + " -> " +
                                    core::py::fixed(step.accuracy_after, 4)
                              : "") +
                    (step.task_accuracy_after ? ", " + validation_metric_text(result.validation_metric) +
                                                    " " + core::py::fixed(*step.task_accuracy_after, 4)
                                              : ""));
  }
  if (grounded) {
    lines.push_back("  Weight bits: " + std::to_string(result.final_weight_bits));
    for (std::size_t i = 0; i < result.final_folds.size(); ++i)
      if (const hw::Fold& f = result.final_folds[i]; f.folded())
        lines.push_back("  Layer " + std::to_string(i) + " folded onto " + std::to_string(f.neuron_lanes) +
                        "x" + std::to_string(f.input_lanes) + " lanes, weights in " +
                        hw::weight_memory_name(f.memory) + (f.input_memory ? ", inputs in block RAM" : ""));
    lines.push_back(
        "  Latency: " + core::py::thousands(estimate.total_latency_cycles) + " cycles (" +
        core::py::fixed(static_cast<double>(estimate.total_latency_cycles) / estimate.clock_freq_mhz, 1) +
        " us), block RAM " + core::py::fixed(estimate.total_bram_kb, 1) + " KB");
    lines.push_back(
        "  Accuracy score: " + core::py::fixed(result.final_accuracy, 4) + " (" +
        (result.min_accuracy > 0 ? "floor " + core::py::fixed(result.min_accuracy, 2) : "no floor") +
        ": the layers' signal scores x the share of the trained weights kept; not task accuracy)");
    if (result.final_task_accuracy) {
      const std::string what = validation_metric_text(result.validation_metric);
      lines.push_back("  " + std::string(1, static_cast<char>(std::toupper(what.front()))) + what.substr(1) +
                      " on the validation data: " + core::py::fixed(*result.start_task_accuracy, 4) + " -> " +
                      core::py::fixed(*result.final_task_accuracy, 4) + " (floor " +
                      core::py::fixed(*result.min_task_accuracy, 4) + ")");
    }
    if (!result.refused_step.empty()) lines.push_back("  Stopped: " + result.refused_step);
    lines.push_back(
        "  Clock: " + core::py::fixed(estimate.clock_freq_mhz, 1) + " MHz (" + estimate.clock_basis + ")" +
        (estimate.fmax_mhz > 0 ? ", predicted fmax " + core::py::fixed(estimate.fmax_mhz, 1) + " MHz" : ""));
    lines.push_back("  Power: " + core::py::fixed(estimate.total_power_mw, 2) + " mW within x" +
                    core::py::fixed(estimate.power_uncertainty_factor, 2) + " (" + estimate.power_basis +
                    ")");
    for (const auto& w : estimate.warnings) lines.push_back("  Warning: " + w);
    if (!result.shortfall.empty()) lines.push_back("  Shortfall: " + result.shortfall);
  }
  return join_lines(lines);
}

namespace {

// "spatial", or "PE x SIMD memory", then the layer's block-RAM blocks.
std::string fold_text(const core::SurrogateLayerConfig& c) {
  std::string text = c.neuron_lanes > 0
                         ? std::to_string(c.neuron_lanes) + "x" + std::to_string(c.input_lanes) + " " +
                               c.weight_memory + (c.input_memory ? " +in" : "")
                         : std::string("spatial");
  return text + ", " + std::to_string(c.bram_blocks) + " BRAM" +
         (c.spram_blocks > 0 ? ", " + std::to_string(c.spram_blocks) + " SPRAM" : "");
}

}  // namespace

std::string plan_table(const core::SurrogateOptimizerReport& report,
                       const std::vector<core::LayerProfile>& network) {
  std::map<std::string, const core::SurrogateLayerConfig*> by_id;
  for (const auto& [id, c] : report.config) by_id[id] = &c;
  std::size_t id_width = 5;
  for (const auto& layer : network) id_width = std::max(id_width, layer.id.size());
  const int w = static_cast<int>(id_width);
  std::vector<std::string> lines = {
      "Plan for " + report.target_name + " (profile " + report.profile + ")",
      format("%-*s %-4s %-13s %-16s %5s %4s %-18s %7s %10s %7s %8s %8s", w, "layer", "crit", "mode",
             "decorrelator", "L", "bits", "lfsr_polynomial", report.hardware ? "cells" : "LUTs", "power_mW",
             "latency", "signal", "utility") +
          (report.hardware ? "  fold (PE x SIMD, memory, blocks)" : "")};
  for (const auto& layer : network) {
    const auto it = by_id.find(layer.id);
    if (it == by_id.end()) {
      lines.push_back(format("%-*s %-4s REJECTED: no candidate fits the remaining budget", w,
                             layer.id.c_str(), layer.is_critical_path ? "yes" : "no"));
      continue;
    }
    const auto& c = *it->second;
    lines.push_back(format("%-*s %-4s %-13s %-16s %5lld %4lld %-18s %7lld %10.3f %7lld %8.4f %8.4f", w,
                           layer.id.c_str(), layer.is_critical_path ? "yes" : "no", c.mode.c_str(),
                           c.decorrelator.c_str(), static_cast<long long>(c.bitstream_length),
                           static_cast<long long>(c.precision_bits), c.lfsr_polynomial.c_str(),
                           static_cast<long long>(c.luts_used), c.power_used,
                           static_cast<long long>(c.latency_cycles), c.accuracy_score, c.utility_score) +
                    (report.hardware ? "  " + fold_text(c) : ""));
  }
  const std::string unit = report.hardware ? report.hardware->lut_unit : "LUTs";
  lines.push_back("Total: " + core::py::thousands(report.total_luts) + " " + unit + ", " +
                  core::py::fixed(report.total_power_mw, 3) + " mW, latency " +
                  core::py::thousands(report.total_latency_cycles) + " cycles, mean signal score " +
                  core::py::fixed(report.mean_accuracy, 4));
  if (const auto& h = report.hardware; h && h->clock_mhz > 0 && report.feasible())
    lines.back() += " (" +
                    core::py::fixed(static_cast<double>(report.total_latency_cycles) / h->clock_mhz, 1) +
                    " us at " + core::py::fixed(h->clock_mhz, 1) + " MHz), block RAM " +
                    core::py::thousands(h->bram_blocks) + " of " +
                    core::py::thousands(h->device_bram_blocks) + " blocks" +
                    (h->device_spram_blocks > 0 ? ", SPRAM " + core::py::thousands(h->spram_blocks) + " of " +
                                                      core::py::thousands(h->device_spram_blocks)
                                                : "");
  if (report.hardware) lines.push_back(std::string(kSignalScoreNote));
  lines.push_back(std::string("Feasible: ") + (report.feasible() ? "yes" : "no") +
                  (report.rejected_layers.empty()
                       ? ""
                       : " (rejected: " + core::join(report.rejected_layers, ", ") + ")"));
  if (report.search) {
    std::string text = certificate_text(*report.search, report.hardware ? unit : "LUTs");
    if (const auto& h = report.hardware; h && h->latency_cap_us > 0 && report.search->min_latency_cycles)
      text += " (" +
              core::py::fixed(static_cast<double>(*report.search->min_latency_cycles) / h->clock_mhz, 1) +
              " us at " + core::py::fixed(h->clock_mhz, 1) + " MHz; the budget is " +
              core::py::float_repr(h->latency_cap_us) +
              " us = " + core::py::thousands(h->latency_cap_cycles) + " cycles)";
    if (const auto room = room_for(*report.search, report.hardware))
      text += room_text(*room, *report.hardware);
    lines.push_back(text);
  }
  if (const auto& h = report.hardware) {
    lines.push_back("Device: " + h->device + ", budget " + core::py::thousands(h->logic_cell_budget) + " " +
                    h->lut_unit + " (" + core::py::percent(h->max_utilisation, 0) + " of " +
                    core::py::thousands(h->device_logic_cells) + "); clock " +
                    core::py::fixed(h->clock_mhz, 1) + " MHz (" + h->clock_basis + ")" +
                    (h->fmax_mhz > 0 ? ", predicted fmax " + core::py::fixed(h->fmax_mhz, 1) + " MHz" : ""));
    lines.push_back("Power: includes " + core::py::fixed(h->fixed_power_mw, 3) +
                    " mW static and clock tree, within x" + core::py::fixed(h->power_uncertainty_factor, 2) +
                    " (" + h->power_basis + ")");
    for (const auto& w : h->warnings) lines.push_back("Warning: " + w);
  }
  return join_lines(lines) + "\n";
}

namespace {
// Plan layers sorted by id, each with the published plan fields; a default-profile plan adds the shape it
// costed and whether the network gave it.
nlohmann::json layer_list_json(const core::SurrogateConfigMap& config, bool with_shape) {
  std::vector<std::pair<std::string, const core::SurrogateLayerConfig*>> layers;
  for (const auto& [id, c] : config) layers.emplace_back(id, &c);
  std::stable_sort(layers.begin(), layers.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  nlohmann::json layer_list = nlohmann::json::array();
  for (const auto& [id, c] : layers) {
    layer_list.push_back({{"id", id},
                          {"bitstream_length", c->bitstream_length},
                          {"decorrelator", c->decorrelator},
                          {"mode", c->mode},
                          {"precision_bits", c->precision_bits},
                          {"lfsr_polynomial", c->lfsr_polynomial},
                          {"luts_used", c->luts_used},
                          {"power_used", c->power_used},
                          {"latency_cycles", c->latency_cycles},
                          {"accuracy_score", c->accuracy_score},
                          {"utility_score", c->utility_score}});
    if (c->fmax_mhz > 0) layer_list.back()["fmax_mhz"] = c->fmax_mhz;
    if (with_shape && !c->shape.empty()) {
      layer_list.back()["n_inputs"] = c->n_inputs;
      layer_list.back()["n_neurons"] = c->n_neurons;
      layer_list.back()["shape"] = c->shape;
    }
    if (with_shape && !c->costs.empty()) layer_list.back()["costs"] = c->costs;
    if (with_shape) {
      layer_list.back()["bram_blocks"] = c->bram_blocks;
      layer_list.back()["spram_blocks"] = c->spram_blocks;
    }
    if (c->neuron_lanes > 0) layer_list.back()["fold"] = fold_json(fold_of_config(*c));
  }
  return layer_list;
}
}  // namespace

nlohmann::json frontier_json(const search::NetworkFrontier& frontier) {
  nlohmann::json points = nlohmann::json::array();
  for (const search::FrontierPlan& plan : frontier.plans) {
    points.push_back({{"total_luts", plan.total_luts},
                      {"total_power_mw", plan.total_power_mw},
                      {"mean_accuracy", plan.mean_accuracy},
                      {"total_latency_cycles", plan.total_latency_cycles},
                      {"bram_blocks", plan.bram_blocks},
                      {"spram_blocks", plan.spram_blocks},
                      {"within_budget", plan.within_budget},
                      {"layers", layer_list_json(plan.config, true)}});
  }
  return {{"target_name", frontier.target_name}, {"approximate", frontier.approximate}, {"points", points}};
}

nlohmann::json plan_json(const core::SurrogateOptimizerReport& report) {
  const nlohmann::json layer_list = layer_list_json(report.config, report.profile == "default");
  nlohmann::json plan = {{"target_name", report.target_name},
                         {"feasible", report.feasible()},
                         {"total_luts", report.total_luts},
                         {"total_power_mw", report.total_power_mw},
                         {"total_latency_cycles", report.total_latency_cycles},
                         {"mean_accuracy", report.mean_accuracy},
                         {"training_points", report.training_points},
                         {"rejected_layers", report.rejected_layers},
                         {"layers", layer_list},
                         {"profile", report.profile}};
  if (report.search) {
    plan["search"] = certificate_json(*report.search);
    if (const auto room = room_for(*report.search, report.hardware))
      plan["search"]["room"] = room_json(*room);
  }
  if (report.profile == "default") {
    plan["latency_convention"] = model::kLatencyConvention;
    plan["accuracy_metric"] = kSignalScoreNote;  // mean_accuracy and each accuracy_score
  }
  if (const auto& h = report.hardware) {
    plan["device"] = h->device;
    plan["lut_unit"] = h->lut_unit;
    plan["device_logic_cells"] = h->device_logic_cells;
    plan["max_utilisation"] = h->max_utilisation;
    plan["logic_cell_budget"] = h->logic_cell_budget;
    plan["clock_mhz"] = h->clock_mhz;
    plan["clock_basis"] = h->clock_basis;
    plan["fmax_mhz"] = h->fmax_mhz > 0 ? nlohmann::json(h->fmax_mhz) : nlohmann::json(nullptr);
    plan["fixed_power_mw"] = h->fixed_power_mw;
    plan["power_basis"] = h->power_basis;
    plan["power_uncertainty_factor"] = h->power_uncertainty_factor;
    plan["warnings"] = h->warnings;
    plan["bram_blocks"] = h->bram_blocks;
    plan["device_bram_blocks"] = h->device_bram_blocks;
    plan["spram_blocks"] = h->spram_blocks;
    plan["device_spram_blocks"] = h->device_spram_blocks;
    if (h->clock_mhz > 0)
      plan["latency_us"] = static_cast<double>(report.total_latency_cycles) / h->clock_mhz;
    if (h->latency_cap_cycles > 0) plan["latency_cap_cycles"] = h->latency_cap_cycles;
    if (h->latency_cap_us > 0) plan["latency_cap_us"] = h->latency_cap_us;
  }
  return plan;
}

nlohmann::json to_json(const model::EnergyReport& report, const std::string& profile) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& l : report.layers) {
    layers.push_back({{"name", l.name},
                      {"n_inputs", l.n_inputs},
                      {"n_neurons", l.n_neurons},
                      {"n_synapses", l.n_synapses},
                      {"bitstream_length", l.bitstream_length},
                      {"luts", l.luts},
                      {"ffs", l.ffs},
                      {"bram_bits", l.bram_bits},
                      {"dynamic_power_mw", l.dynamic_power_mw},
                      {"latency_cycles", l.latency_cycles}});
    if (profile == "default") {
      auto& layer = layers.back();
      layer["power_mw"] = l.dynamic_power_mw;
      layer["accuracy_score"] = l.accuracy_score;
      layer["precision"] = l.knobs.precision;
      layer["weight_bits"] = l.knobs.weight_bits == 0 ? l.knobs.precision : l.knobs.weight_bits;
      layer["generator"] = l.knobs.generator;
      layer["polynomial"] = l.knobs.polynomial;
      layer["mode"] = l.knobs.mode;
      layer["sparsity"] = l.knobs.sparsity;
      layer["carry_cells"] = l.carry_cells;
      layer["logic_cells"] = l.logic_cells;
      layer["toggles_per_cycle"] = l.toggles_per_cycle;
      layer["fmax_mhz"] = l.fmax_mhz > 0 ? nlohmann::json(l.fmax_mhz) : nlohmann::json(nullptr);
    }
  }
  nlohmann::json out = {{"target", report.target},
                        {"layers", layers},
                        {"infra_luts", report.infra_luts},
                        {"clock_freq_mhz", report.clock_freq_mhz},
                        {"total_luts", report.total_luts},
                        {"total_ffs", report.total_ffs},
                        {"total_bram_kb", report.total_bram_kb},
                        {"total_dynamic_power_mw", report.total_dynamic_power_mw},
                        {"total_latency_cycles", report.total_latency_cycles},
                        {"energy_per_inference_nj", report.energy_per_inference_nj},
                        {"fits_on_target", report.fits_on_target},
                        {"utilization_pct", report.utilization_pct},
                        {"profile", profile}};
  if (profile == "default") {
    out["latency_convention"] = report.latency_convention;
    out["end_to_end_latency_cycles"] = report.end_to_end_latency_cycles;
    out["hardware_model"] = report.hardware_model;
    out["mean_accuracy"] = report.mean_accuracy;
    out["device"] = report.device;
    out["lut_unit"] = report.lut_unit;
    out["total_carry_cells"] = report.total_carry_cells;
    out["total_logic_cells"] = report.total_logic_cells;
    out["device_logic_cells"] = report.device_logic_cells;
    out["max_utilisation"] = report.max_utilisation;
    out["logic_cell_budget"] = report.logic_cell_budget;
    out["fmax_mhz"] = report.fmax_mhz > 0 ? nlohmann::json(report.fmax_mhz) : nlohmann::json(nullptr);
    out["clock_basis"] = report.clock_basis;
    out["fixed_power_mw"] = report.fixed_power_mw;
    out["total_power_mw"] = report.total_power_mw;
    out["power_basis"] = report.power_basis;
    out["power_source"] = report.power_source;
    out["power_uncertainty_factor"] = report.power_uncertainty_factor;
    out["warnings"] = report.warnings;
  }
  return out;
}

nlohmann::json to_json(const compress::OptimizationResult& result) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : result.steps) {
    steps.push_back({{"action", s.action},
                     {"luts_before", s.luts_before},
                     {"luts_after", s.luts_after},
                     {"sparsity", s.sparsity},
                     {"bitstream_length", s.bitstream_length}});
    if (result.profile == "default") {
      steps.back()["accuracy_before"] = s.accuracy_before;
      steps.back()["accuracy_after"] = s.accuracy_after;
    }
    if (s.task_accuracy_after) steps.back()["task_accuracy_after"] = *s.task_accuracy_after;
  }
  nlohmann::json out = {{"fits", result.fits},
                        {"target", result.target},
                        {"final_luts", result.final_luts},
                        {"target_luts", result.target_luts},
                        {"utilization_pct", result.utilization_pct},
                        {"final_bitstream_length", result.final_bitstream_length},
                        {"final_sparsity", result.final_sparsity},
                        {"steps", steps},
                        {"profile", result.profile}};
  if (result.profile == "default") {
    out["final_accuracy"] = result.final_accuracy;
    out["final_weight_bits"] = result.final_weight_bits;
    nlohmann::json folds = nlohmann::json::array();
    for (const hw::Fold& f : result.final_folds)
      folds.push_back(f.folded() ? fold_json(f) : nlohmann::json(nullptr));
    out["final_folds"] = folds;
    out["shortfall"] = result.shortfall.empty() ? nlohmann::json(nullptr) : nlohmann::json(result.shortfall);
    out["min_accuracy"] = result.min_accuracy;
    out["refused_step"] =
        result.refused_step.empty() ? nlohmann::json(nullptr) : nlohmann::json(result.refused_step);
    // The measure on the user's data (fit --validation), beside the signal score: null without data.
    out["validation"] = result.final_task_accuracy ? nlohmann::json{{"metric", result.validation_metric},
                                                                    {"start", *result.start_task_accuracy},
                                                                    {"final", *result.final_task_accuracy},
                                                                    {"floor", *result.min_task_accuracy}}
                                                   : nlohmann::json(nullptr);
    out["lut_unit"] = result.final_estimate.lut_unit;
    out["device_logic_cells"] = result.final_estimate.device_logic_cells;
    out["max_utilisation"] = result.final_estimate.max_utilisation;
    out["estimate"] = to_json(result.final_estimate, "default");
  }
  return out;
}

nlohmann::json to_json(const core::OptimizerReport& report) {
  nlohmann::json config = nlohmann::json::object();
  for (const auto& [id, c] : report.config) {
    config[id] = {{"bitstream_length", c.bitstream_length},
                  {"decorrelator", c.decorrelator},
                  {"mode", c.mode},
                  {"luts_used", c.luts_used},
                  {"power_used", c.power_used},
                  {"accuracy_score", c.accuracy_score},
                  {"latency_cycles", c.latency_cycles}};
  }
  nlohmann::json frontier = nlohmann::json::array();
  for (const auto& p : report.pareto_frontier) frontier.push_back({p.luts, p.power_mw, p.score});
  return {{"config", config},
          {"total_luts", report.total_luts},
          {"total_power_mw", report.total_power_mw},
          {"total_latency_cycles", report.total_latency_cycles},
          {"mean_accuracy", report.mean_accuracy},
          {"pareto_frontier", frontier}};
}

nlohmann::json targets_json() {
  nlohmann::json devices = nlohmann::json::array();
  for (const auto& t : model::fpga_targets()) {
    devices.push_back({{"key", t.key},
                       {"name", t.name},
                       {"family", t.family},
                       {"total_luts", t.total_luts},
                       {"total_bram_kb", t.total_bram_kb},
                       {"total_dsp", t.total_dsp},
                       {"voltage", t.voltage},
                       {"max_freq_mhz", t.max_freq_mhz},
                       {"c_eff_per_lut_ff", t.c_eff_per_lut_ff}});
  }
  nlohmann::json profiles = nlohmann::json::array();
  for (const auto& entry : model::builtin_target_profiles()) {
    const auto& p = entry.profile;
    profiles.push_back({{"name", p.name},
                        {"device", entry.device_key},
                        {"max_luts", p.budget.max_luts},
                        {"max_power_mw", p.budget.max_power_mw},
                        {"max_latency_cycles", p.budget.max_latency_cycles},
                        {"lut_weight", p.lut_weight},
                        {"power_weight", p.power_weight},
                        {"latency_weight", p.latency_weight},
                        {"accuracy_weight", p.accuracy_weight},
                        {"description", entry.description}});
  }
  nlohmann::json catalogue = nlohmann::json::array();
  for (const model::Device& d : model::devices()) {
    nlohmann::json packages = nlohmann::json::array();
    for (const auto& p : d.packages) packages.push_back({{"name", p.name}, {"user_io", p.user_io}});
    catalogue.push_back(
        {{"key", d.key},
         {"part", d.part},
         {"family", d.family},
         {"logic_unit", d.logic_unit},
         {"logic_cells", d.logic_cells},
         {"luts", d.luts},
         {"ffs", d.ffs},
         {"bram_kbits", d.bram_kbits},
         {"bram_blocks", d.bram_blocks},
         {"bram_unit", d.bram_unit},
         {"spram_kbits", d.spram_kbits},
         {"dsp", d.dsp},
         {"dsp_unit", d.dsp_unit},
         {"max_user_io", d.max_user_io},
         {"packages", packages},
         {"default_package", d.default_package},
         {"speed_grades", d.speed_grades},
         {"core_voltage", d.core_voltage},
         {"static_core_current_ua",
          d.static_core_current_ua ? nlohmann::json(*d.static_core_current_ua) : nlohmann::json(nullptr)},
         {"default_clock_mhz", default_clock_mhz(d)},
         {"sources", d.sources}});
  }
  return {{"targets", devices}, {"target_profiles", profiles}, {"devices", catalogue}};
}

std::string targets_table() {
  std::vector<std::string> lines = {format("%-8s %-12s %-6s %8s %9s %5s %9s %13s", "target", "device",
                                           "family", "LUTs", "BRAM_KB", "DSP", "voltage_V", "max_clock_MHz")};
  for (const auto& t : model::fpga_targets()) {
    lines.push_back(format("%-8s %-12s %-6s %8lld %9lld %5lld %9.2f %13.1f", t.key.c_str(), t.name.c_str(),
                           t.family.c_str(), static_cast<long long>(t.total_luts),
                           static_cast<long long>(t.total_bram_kb), static_cast<long long>(t.total_dsp),
                           t.voltage, t.max_freq_mhz));
  }
  lines.push_back("");
  lines.push_back(format("%-12s %-10s %-11s %7s %8s %4s %5s %-8s %9s", "device", "part", "logic_unit",
                         "cells", "BRAM_kb", "DSP", "maxIO", "package", "clock_MHz"));
  for (const model::Device& d : model::devices()) {
    lines.push_back(format("%-12s %-10s %-11s %7lld %8.0f %4lld %5d %-8s %9.0f", d.key.c_str(),
                           d.part.c_str(), d.logic_unit.c_str(), static_cast<long long>(d.logic_cells),
                           d.bram_kbits, static_cast<long long>(d.dsp), d.max_user_io,
                           d.default_package.c_str(), default_clock_mhz(d)));
  }
  lines.push_back("");
  lines.push_back(format("%-16s %-12s %8s %12s %14s  %s", "target profile", "device", "max_LUTs",
                         "max_power_mW", "max_latency", "budget source"));
  for (const auto& entry : model::builtin_target_profiles()) {
    const auto& b = entry.profile.budget;
    lines.push_back(format("%-16s %-12s %8lld %12.1f %14lld  %s", entry.profile.name.c_str(),
                           entry.device_key.c_str(), static_cast<long long>(b.max_luts), b.max_power_mw,
                           static_cast<long long>(b.max_latency_cycles), entry.description.c_str()));
  }
  return join_lines(lines) + "\n";
}

std::string json_document(const nlohmann::json& value) { return core::to_python_json(value) + "\n"; }

}  // namespace scn::io
