// docs/reference-behaviour.md §1.5.4 [computed] values of the energy estimator.
#include "sc_neurocore/model/energy.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::model {
namespace {

EstimateOptions on(const std::string& target) {
  EstimateOptions options;
  options.target = target;
  return options;
}

TEST(Energy, SmallLayerOnIce40) {
  const EnergyReport r = estimate({{4, 2}}, on("ice40"));
  EXPECT_EQ(r.total_luts, 612);
  EXPECT_EQ(r.infra_luts, 200);
  EXPECT_EQ(r.layers.at(0).luts, 412);
  EXPECT_EQ(r.total_ffs, 160);
  EXPECT_NEAR(r.total_dynamic_power_mw, 0.14832, 1e-12);
  EXPECT_EQ(r.total_latency_cycles, 258);
  EXPECT_NEAR(r.energy_per_inference_nj, 0.3826656, 1e-12);
  EXPECT_NEAR(r.utilization_pct, 7.96875, 1e-9);
  EXPECT_TRUE(r.fits_on_target);
  EXPECT_EQ(r.total_bram_kb, 0.0);
}

TEST(Energy, SmallLayerOnArtix7) {
  const EnergyReport r = estimate({{4, 2}}, on("artix7"));
  EXPECT_EQ(r.total_luts, 612);
  EXPECT_NEAR(r.total_dynamic_power_mw, 0.0721, 1e-12);
  EXPECT_NEAR(r.utilization_pct, 0.9652996845425869, 1e-12);
}

TEST(Energy, MnistSizedNetworkDoesNotFitIce40) {
  const EnergyReport r = estimate({{784, 128}, {128, 10}}, on("ice40"));
  EXPECT_EQ(r.total_luts, 156094);
  EXPECT_NEAR(r.total_dynamic_power_mw, 56.12, 0.005);
  EXPECT_EQ(r.total_latency_cycles, 516);
  EXPECT_NEAR(r.utilization_pct, 2032.4739583333333, 1e-9);
  EXPECT_DOUBLE_EQ(r.total_bram_kb, 198.5);
  EXPECT_FALSE(r.fits_on_target);
}

TEST(Energy, SquareLayerBram) {
  const EnergyReport r = estimate({{100, 100}}, on("ice40"));
  EXPECT_EQ(r.total_luts, 26800);
  EXPECT_NEAR(r.total_bram_kb, 19.53125, 1e-12);
  EXPECT_FALSE(r.fits_on_target);
}

TEST(Energy, ClockedAndEventDriven) {
  const EnergyReport clocked = estimate({{16, 8}}, on("ice40"));
  EXPECT_EQ(clocked.total_luts, 1960);
  EXPECT_NEAR(clocked.total_dynamic_power_mw, 0.6336, 1e-12);
  EstimateOptions event = on("ice40");
  event.event_driven = true;
  const EnergyReport driven = estimate({{16, 8}}, event);
  EXPECT_EQ(driven.total_luts, 1840);
  EXPECT_EQ(driven.infra_luts, 360);  // AXI-Lite 200 + AER 60 + 100
  EXPECT_NEAR(driven.total_dynamic_power_mw, 0.10656, 1e-12);
}

TEST(Energy, WithoutInfrastructure) {
  EstimateOptions options = on("ice40");
  options.include_infra = false;
  EXPECT_EQ(estimate({{4, 2}}, options).total_luts, 412);
}

TEST(Energy, UnknownTargetListsTheOptions) {
  EXPECT_THROW_MESSAGE(estimate({{4, 2}}, on("virtex")), core::InputError,
                       "Unknown target 'virtex'. Options: ['ice40', 'ecp5', 'artix7', 'zynq']");
}

TEST(Energy, RejectsNonPositiveInputs) {
  EXPECT_THROW_MESSAGE(estimate({{4, 0}}, on("ice40")), core::InputError, "layer 0 size 4x0");
  EstimateOptions zero_length = on("ice40");
  zero_length.bitstream_length = 0;
  EXPECT_THROW_MESSAGE(estimate({{4, 2}}, zero_length), core::InputError,
                       "bitstream length must be positive");
  EstimateOptions zero_clock = on("ice40");
  zero_clock.clock_mhz = 0;
  EXPECT_THROW_MESSAGE(estimate({{4, 2}}, zero_clock), core::InputError, "clock_mhz must be positive");
}

TEST(Energy, ReportForUnknownTargetFitsWithZeroUtilisation) {
  EnergyReport report;
  report.target = "custom";
  report.layers.push_back({"layer_0", 4, 2, 8, 256, 412, 160, 0, 0.1, 258});
  finalise_energy_report(report);
  EXPECT_TRUE(report.fits_on_target);
  EXPECT_EQ(report.utilization_pct, 0.0);
  EXPECT_EQ(report.total_luts, 412);
}

}  // namespace
}  // namespace scn::model
