// Flag groups shared by several subcommands.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "sc_neurocore/core/types.hpp"
#include "sc_neurocore/evidence/loader/synthesis.hpp"
#include "sc_neurocore/model/grounded_model.hpp"
#include "sc_neurocore/pipeline/network_job.hpp"

namespace scn::cli {

// The default profile's per-layer knobs: --precision, --weight-bits, --generator, --polynomial, --mode
// and (with_sparsity) --sparsity.
void add_knob_options(CLI::App& command, model::LayerKnobs& knobs, bool with_sparsity);

// --network, --plan, --weights, --seed, --calibration-inputs: what emit-network and simulate build from.
void add_network_source_options(CLI::App& command, pipeline::NetworkSources& sources);

// --profile reference|default (unset: $SC_NEUROCORE_PROFILE, else the command's own default: chosen_profile).
void add_profile_option(CLI::App& command, std::string& profile);

// --target-profile NAME | --max-luts N --max-power-mw P [--max-latency-cycles C] [--max-latency-us T]
// [--target-name NAME].
struct BudgetFlags {
  std::string target_profile;
  std::optional<std::int64_t> max_luts;
  std::optional<double> max_power_mw;
  std::optional<std::int64_t> max_latency_cycles;  // unset: the profile's cap (none without a profile)
  std::optional<double> max_latency_us;            // a time cap at the planned clock; replaces the profile's
  std::string target_name = "generic-fpga";

  void add(CLI::App& command);
  // The chosen budget; InputError for a missing, mixed or invalid set of flags.
  core::TargetHardwareProfile resolve(const std::string& command_name) const;
};

// The flags among `required` that were not given, in their order, as "--design, --power" ("" = none).
std::string missing_flags(std::initializer_list<std::pair<bool, const char*>> required);

// The API page's collect-synthesis flags (--utilization is accepted for --utilisation).
struct SynthesisFlags {
  std::optional<std::filesystem::path> design;
  std::optional<std::filesystem::path> utilisation;
  std::optional<std::filesystem::path> power;
  std::optional<std::filesystem::path> timing;
  std::optional<double> accuracy_score;
  std::optional<std::int64_t> latency_cycles;
  std::optional<double> clock_mhz;
  std::optional<std::int64_t> inferences_per_run;

  void add(CLI::App& command);
  // InputError "<command> requires --design, --power" naming only the missing flags.
  evidence::BuildPayloadOptions resolve(const std::string& command_name) const;
};

}  // namespace scn::cli
