#include "options.hpp"

#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/model/targets.hpp"

namespace scn::cli {

void add_knob_options(CLI::App& command, model::LayerKnobs& k, bool with_sparsity) {
  const char* group = "Default profile knobs (every layer)";
  command.add_option("--precision", k.precision, "SNG comparator width b in bits")
      ->group(group)
      ->capture_default_str();
  command.add_option("--weight-bits", k.weight_bits, "Significant weight bits q (0 = precision)")
      ->group(group)
      ->capture_default_str();
  command.add_option("--generator", k.generator, "none|lfsr|sobol|halton|scc")
      ->group(group)
      ->capture_default_str();
  command.add_option("--polynomial", k.polynomial, "LFSR feedback polynomial")
      ->group(group)
      ->capture_default_str();
  command.add_option("--mode", k.mode, "sc|hybrid|deterministic")->group(group)->capture_default_str();
  if (with_sparsity)
    command.add_option("--sparsity", k.sparsity, "Fraction of synapses pruned")
        ->group(group)
        ->capture_default_str();
}

void add_profile_option(CLI::App& command, std::string& profile) {
  command
      .add_option("--profile", profile,
                  "Optimiser profile: reference (published behaviour) or default (ours; the default unless "
                  "SC_NEUROCORE_PROFILE says otherwise)")
      ->check(CLI::IsMember({"reference", "default"}));
}

void BudgetFlags::add(CLI::App& command) {
  command.add_option("--target-profile", target_profile,
                     "Built-in budget (see `targets`), e.g. ice40-low-power");
  command.add_option("--max-luts", max_luts, "LUT budget");
  command.add_option("--max-power-mw", max_power_mw, "Power budget in mW");
  command.add_option("--max-latency-cycles", max_latency_cycles,
                     "Latency cap in cycles (0 = none; with --target-profile it replaces the profile's cap)");
  command.add_option(
      "--max-latency-us", max_latency_us,
      "Latency cap in microseconds at the planned clock (default profile; with --target-profile "
      "it replaces the profile's cycle cap unless --max-latency-cycles is given too)");
  command.add_option("--target-name", target_name, "Name recorded in the plan")->capture_default_str();
}

core::TargetHardwareProfile BudgetFlags::resolve(const std::string& command_name) const {
  const bool budget_flags = max_luts || max_power_mw;
  if (max_latency_cycles && *max_latency_cycles < 0)
    throw core::InputError("--max-latency-cycles must be non-negative, got " +
                           std::to_string(*max_latency_cycles));
  if (max_latency_us && (!std::isfinite(*max_latency_us) || *max_latency_us <= 0))
    throw core::InputError("--max-latency-us must be a positive number of microseconds, got " +
                           core::py::float_repr(*max_latency_us));
  if (!target_profile.empty()) {
    if (budget_flags)
      throw core::InputError("give either --target-profile or --max-luts/--max-power-mw, not both");
    core::TargetHardwareProfile profile = model::builtin_target_profile(target_profile);
    if (max_latency_us) profile.budget.max_latency_cycles = 0;
    if (max_latency_cycles) profile.budget.max_latency_cycles = *max_latency_cycles;
    profile.budget.max_latency_us = max_latency_us.value_or(0.0);
    return profile;
  }
  if (!max_luts || !max_power_mw) {
    throw core::InputError(command_name +
                           " needs --target-profile NAME, or --max-luts N and --max-power-mw P");
  }
  if (*max_luts < 0)
    throw core::InputError("--max-luts must be non-negative, got " + std::to_string(*max_luts));
  if (!std::isfinite(*max_power_mw) || *max_power_mw < 0) {
    throw core::InputError("--max-power-mw must be a finite non-negative number, got " +
                           core::py::float_repr(*max_power_mw));
  }
  return core::TargetHardwareProfile{
      target_name, {*max_luts, *max_power_mw, max_latency_cycles.value_or(0), max_latency_us.value_or(0.0)}};
}

void SynthesisFlags::add(CLI::App& command) {
  command.add_option("--design", design,
                     "Design metadata JSON (mac_count, bitstream_length, decorrelator, ...)");
  command.add_option("--utilisation,--utilization", utilisation, "Utilisation / fitter report");
  command.add_option("--power", power, "Power report (without one the evidence records power as missing)");
  command.add_option("--timing", timing, "Timing report (optional)");
  command.add_option("--accuracy-score", accuracy_score, "Measured accuracy of this design");
  command.add_option("--latency-cycles", latency_cycles, "Measured latency in cycles");
  command.add_option("--clock-mhz", clock_mhz, "Clock for the energy figures (with --inferences-per-run)");
  command.add_option("--inferences-per-run", inferences_per_run, "Inferences the latency covers");
}

std::string missing_flags(std::initializer_list<std::pair<bool, const char*>> required) {
  std::vector<std::string> missing;
  for (const auto& [given, flag] : required)
    if (!given) missing.emplace_back(flag);
  return core::join(missing, ", ");
}

evidence::BuildPayloadOptions SynthesisFlags::resolve(const std::string& command_name) const {
  const std::string missing = missing_flags({{design.has_value(), "--design"},
                                             {utilisation.has_value(), "--utilisation"},
                                             {accuracy_score.has_value(), "--accuracy-score"}});
  if (!missing.empty()) throw core::InputError(command_name + " requires " + missing);
  if (!std::isfinite(*accuracy_score) || *accuracy_score < 0) {
    throw core::InputError("--accuracy-score must be a finite non-negative number, got " +
                           core::py::float_repr(*accuracy_score));
  }
  if (latency_cycles && *latency_cycles < 0) throw core::InputError("--latency-cycles must be non-negative");
  evidence::BuildPayloadOptions options;
  options.design_path = *design;
  options.utilisation_path = *utilisation;
  options.power_path = power;
  options.timing_path = timing;
  options.accuracy_score = *accuracy_score;
  options.latency_cycles = latency_cycles;
  options.clock_mhz = clock_mhz;
  options.inferences_per_run = inferences_per_run;
  return options;
}

void add_network_source_options(CLI::App& command, pipeline::NetworkSources& sources) {
  command.add_option("--network", sources.network, "Network manifest JSON (with n_inputs, n_neurons)")
      ->required();
  command.add_option("--plan", sources.plan, "Plan JSON (optimise --out, fit --plan-out, or by hand)")
      ->required();
  command
      .add_option("--weights", sources.weights,
                  "Weights: one .npy per layer or a JSON list of matrices (default: seeded weights)")
      ->delimiter(',');
  command.add_option("--seed", sources.seed, "Seed of the seeded weights (layer i uses seed + i)")
      ->capture_default_str();
  command.add_option(
      "--calibration-inputs", sources.calibration,
      "Input vectors (JSON) that set the activation shifts (default: 256 seeded vectors); give "
      "emit-network and simulate the same");
}

}  // namespace scn::cli
