#include "sc_neurocore/model/targets.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/model/devices.hpp"
#include "test_util.hpp"

namespace scn::model {
namespace {

TEST(Targets, CatalogueInPublishedOrderWithPublishedValues) {
  ASSERT_EQ(fpga_target_keys(), (std::vector<std::string>{"ice40", "ecp5", "artix7", "zynq"}));
  const FpgaTarget& ice40 = fpga_target("ice40");
  EXPECT_EQ(ice40.name, "ice40_hx8k");
  EXPECT_EQ(ice40.total_luts, 7680);
  EXPECT_EQ(ice40.total_bram_kb, 128);
  EXPECT_EQ(ice40.voltage, 1.2);
  EXPECT_EQ(ice40.c_eff_per_lut_ff, 5.0);
  const FpgaTarget& zynq = fpga_target("zynq");
  EXPECT_EQ(zynq.family, "xc7z");
  EXPECT_EQ(zynq.total_luts, 53200);
  EXPECT_EQ(zynq.total_dsp, 220);
  EXPECT_EQ(fpga_target("ecp5").max_freq_mhz, 400.0);
  EXPECT_EQ(fpga_target("artix7").total_bram_kb, 4860);
}

TEST(Targets, ModuleCosts) {
  EXPECT_EQ(module_cost::kLifNeuron.luts, 120);
  EXPECT_EQ(module_cost::kLifNeuron.ffs, 48);
  EXPECT_EQ(module_cost::kEventNeuron.luts, 85);
  EXPECT_EQ(module_cost::kBitstreamEncoder.ffs, 16);
  EXPECT_EQ(module_cost::kAerRouter.luts, 100);
  EXPECT_EQ(kBramBitsPerWeight, 16);
}

TEST(TargetProfiles, LowPowerProfileMatchesTheApiPage) {
  const core::TargetHardwareProfile& profile = builtin_target_profile("ice40-low-power");
  EXPECT_EQ(profile.budget, (core::HardwareBudget{7680, 250.0, 4096}));
  EXPECT_EQ(profile.lut_weight, 0.35);
  EXPECT_EQ(profile.accuracy_weight, 1.0);
}

TEST(TargetProfiles, OnePerCatalogueDeviceWithAllItsCells) {
  for (const Device& d : devices()) {
    const core::TargetHardwareProfile& profile = builtin_target_profile(d.key);
    EXPECT_EQ(profile.budget.max_luts, d.logic_cells) << d.key;
    EXPECT_EQ(profile.budget.max_latency_cycles, 4096) << d.key;
  }
  EXPECT_EQ(builtin_target_profile("ice40-up5k").budget.max_luts, 5280);
  EXPECT_EQ(builtin_target_profile("ice40-hx1k").budget.max_luts, 1280);
  EXPECT_EQ(builtin_target_profile("ecp5-25f").budget.max_luts, 24288);
  // The published profile names keep their budgets.
  EXPECT_EQ(builtin_target_profile("ice40-hx8k").budget, (core::HardwareBudget{7680, 250.0, 4096}));
  EXPECT_EQ(builtin_target_profile("ecp5-85k").budget, (core::HardwareBudget{83640, 1000.0, 4096}));
  EXPECT_EQ(builtin_target_profile("artix7-100t").budget, (core::HardwareBudget{63400, 2000.0, 4096}));
  EXPECT_EQ(builtin_target_profile("zynq-7020").budget, (core::HardwareBudget{53200, 2000.0, 4096}));
}

TEST(TargetProfiles, UnknownNameListsValidOnes) {
  EXPECT_THROW_MESSAGE(builtin_target_profile("ice41"), core::InputError,
                       "unknown target profile 'ice41'; valid profiles: ['ice40-low-power', 'ecp5-85k', "
                       "'ice40-hx1k', 'ice40-hx4k', 'ice40-hx8k', 'ice40-lp8k', 'ice40-up5k', 'ecp5-12f'");
}

}  // namespace
}  // namespace scn::model
