#include "sc_neurocore/model/targets.hpp"

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/model/devices.hpp"

namespace scn::model {

// Values as published in sc_neurocore.energy.fpga_models (docs/reference-behaviour.md §1.5.2).
namespace module_cost {
const ModuleCost kLifNeuron{120, 48, 0, "Q8.8 LIF neuron"};
const ModuleCost kEventNeuron{85, 32, 0, "Event-driven LIF neuron"};
const ModuleCost kBitstreamEncoder{40, 16, 0, "LFSR bitstream encoder"};
const ModuleCost kScSynapse{1, 0, 0, "SC AND-gate synapse"};
const ModuleCost kAxiLite{200, 64, 0, "AXI-Lite register file"};
const ModuleCost kAxiStream{150, 48, 0, "AXI-Stream interface"};
const ModuleCost kDma{300, 96, 0, "DMA engine"};
const ModuleCost kAerEncoder{60, 20, 0, "AER spike encoder"};
const ModuleCost kAerRouter{100, 32, 0, "AER event router"};
}  // namespace module_cost

const std::vector<FpgaTarget>& fpga_targets() {
  // docs/reference-behaviour.md §1.5.1 (the published TARGETS table).
  static const std::vector<FpgaTarget> targets = {
      {"ice40", "ice40_hx8k", "ice40", 7680, 128, 0, 1.2, 150.0, 5.0},
      {"ecp5", "ecp5_85k", "ecp5", 83640, 3744, 156, 1.1, 400.0, 4.0},
      {"artix7", "artix7_100t", "xc7a", 63400, 4860, 240, 1.0, 450.0, 3.5},
      {"zynq", "zynq_7020", "xc7z", 53200, 4480, 220, 1.0, 400.0, 3.5},
  };
  return targets;
}

const FpgaTarget* find_fpga_target(std::string_view key) {
  for (const auto& target : fpga_targets())
    if (target.key == key) return &target;
  return nullptr;
}

std::vector<std::string> fpga_target_keys() {
  std::vector<std::string> keys;
  for (const auto& target : fpga_targets()) keys.push_back(target.key);
  return keys;
}

const FpgaTarget& fpga_target(std::string_view key) {
  if (const FpgaTarget* target = find_fpga_target(key)) return *target;
  const auto keys = fpga_target_keys();
  throw core::InputError("Unknown target '" + std::string(key) +
                         "'. Options: " + core::py::list_repr(keys.data(), keys.data() + keys.size()));
}

namespace {

// Planning power budgets of a small board per family: figures to plan against, not datasheet limits
// (override with --max-power-mw).
struct FamilyBudget {
  const char* family;
  double max_power_mw;
  const char* board;
};
constexpr FamilyBudget kFamilyBudgets[] = {{"ice40", 250.0, "250 mW planning budget"},
                                           {"ecp5", 1000.0, "1 W planning budget"},
                                           {"artix7", 2000.0, "2 W planning budget"},
                                           {"zynq", 2000.0, "2 W planning budget (PL)"}};

}  // namespace

const std::vector<BuiltinTargetProfile>& builtin_target_profiles() {
  // ice40-low-power is the API page's example budget; the four published device profiles keep their names
  // and budgets; then one profile per catalogue device (its key), budget = all its logic cells (the planner
  // keeps the routable margin of --max-utilisation below that).
  static const std::vector<BuiltinTargetProfile> profiles = [] {
    std::vector<BuiltinTargetProfile> out = {
        {{"ice40-low-power", {7680, 250.0, 4096}},
         "ice40-hx8k",
         "API page example: iCE40 HX8K, 250 mW, 4096 cycles"},
        {{"ecp5-85k", {83640, 1000.0, 4096}}, "ecp5-85f", "all LUTs of the ECP5-85K, 1 W planning budget"},
    };
    for (const Device& d : devices()) {
      for (const FamilyBudget& b : kFamilyBudgets) {
        if (d.family != b.family) continue;
        out.push_back({{d.key, {d.logic_cells, b.max_power_mw, 4096}},
                       d.key,
                       "all " + core::py::thousands(d.logic_cells) + " " + d.logic_unit + " of the " +
                           d.part + ", " + b.board});
      }
    }
    return out;
  }();
  return profiles;
}

const core::TargetHardwareProfile& builtin_target_profile(std::string_view name) {
  for (const auto& entry : builtin_target_profiles())
    if (entry.profile.name == name) return entry.profile;
  std::vector<std::string> names;
  for (const auto& entry : builtin_target_profiles()) names.push_back(entry.profile.name);
  throw core::InputError("unknown target profile '" + std::string(name) + "'; valid profiles: " +
                         core::py::list_repr(names.data(), names.data() + names.size()));
}

std::string planning_device_for(std::string_view target_name) {
  for (const auto& entry : builtin_target_profiles())
    if (entry.profile.name == target_name) return entry.device_key;
  return "ice40-hx8k";
}

}  // namespace scn::model
