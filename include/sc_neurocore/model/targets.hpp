// FPGA device catalogue and module costs of the published energy model
// (docs/reference-behaviour.md §1.5.1–1.5.2), plus the built-in target profiles
// (budgets) that `--target-profile` selects.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sc_neurocore/core/types.hpp"

namespace scn::model {

struct FpgaTarget {
  std::string key;  // catalogue key: "ice40", "ecp5", ...
  std::string name;
  std::string family;
  std::int64_t total_luts = 0;
  std::int64_t total_bram_kb = 0;
  std::int64_t total_dsp = 0;
  double voltage = 0.0;  // V
  double max_freq_mhz = 0.0;
  double c_eff_per_lut_ff = 0.0;  // effective switched capacitance per LUT toggle, fF
};

struct ModuleCost {
  std::int64_t luts = 0;
  std::int64_t ffs = 0;
  std::int64_t bram_bits = 0;
  std::string description;
};

namespace module_cost {
extern const ModuleCost kLifNeuron;
extern const ModuleCost kEventNeuron;
extern const ModuleCost kBitstreamEncoder;
extern const ModuleCost kScSynapse;
extern const ModuleCost kAxiLite;
extern const ModuleCost kAxiStream;
extern const ModuleCost kDma;
extern const ModuleCost kAerEncoder;
extern const ModuleCost kAerRouter;
}  // namespace module_cost

inline constexpr std::int64_t kBramBitsPerWeight = 16;

// The catalogue in the published dict order: ice40, ecp5, artix7, zynq.
const std::vector<FpgaTarget>& fpga_targets();
// nullptr when unknown.
const FpgaTarget* find_fpga_target(std::string_view key);
// Throws InputError "Unknown target '<key>'. Options: ['ice40', 'ecp5', 'artix7', 'zynq']".
const FpgaTarget& fpga_target(std::string_view key);
std::vector<std::string> fpga_target_keys();

// Built-in budgets for `--target-profile`: ice40-low-power (the API page's
// example) and one per catalogue device.
struct BuiltinTargetProfile {
  core::TargetHardwareProfile profile;
  std::string device_key;   // catalogue entry it belongs to
  std::string description;  // where the budget comes from
};
const std::vector<BuiltinTargetProfile>& builtin_target_profiles();
// Throws InputError listing the valid names when unknown.
const core::TargetHardwareProfile& builtin_target_profile(std::string_view name);
// The catalogue device a plan for this target is made on when none is given: a built-in target's own device,
// else the HX8K. The CLI's --target-profile and Python's SurrogateSCOptimizer("name") both use it.
std::string planning_device_for(std::string_view target_name);

}  // namespace scn::model
