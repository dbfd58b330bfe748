// The default profile's estimator (issue 6): every knob moves the figures the way the hardware does.
#include "sc_neurocore/model/grounded_model.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/model/energy.hpp"
#include "sc_neurocore/model/glue.hpp"
#include "test_util.hpp"

namespace scn::model {
namespace {

EnergyReport grounded(std::int64_t n, std::int64_t m, std::int64_t length, const LayerKnobs& knobs,
                      const std::string& target = "ice40", std::optional<double> clock_mhz = {}) {
  EstimateOptions options;
  options.clock_mhz = clock_mhz;
  options.profile = core::Profile::kDefault;
  options.target = target;
  options.bitstream_length = length;
  options.knobs = knobs;
  options.include_infra = false;
  return estimate({{n, m}}, options);
}

TEST(GroundedEstimate, MatchesYosysOnAMeasuredLayer) {
  // Measured with Yosys 0.23 synth_ice40 (scripts/calibrate): sc_layer_16x8_l256_p8_q8_lfsr_sc_s0 = 595
  // SB_LUT4, 145 FFs. That is the layer module: the totals also hold the network top around it (glue).
  const EnergyReport r = grounded(16, 8, 256, {});
  EXPECT_NEAR(static_cast<double>(r.layers[0].luts), 595.0, 0.10 * 595.0);
  EXPECT_NEAR(static_cast<double>(r.layers[0].ffs), 145.0, 0.10 * 145.0);
  const LayerHardware glue = network_glue({layer_design(16, 8, 256, {})}, "ice40");
  EXPECT_GT(glue.logic_cells, 0);
  EXPECT_EQ(r.total_luts, r.layers[0].luts + glue.luts);
  EXPECT_EQ(r.total_ffs, r.layers[0].ffs + glue.ffs);
  EXPECT_EQ(r.total_logic_cells, r.layers[0].logic_cells + glue.logic_cells);
  EXPECT_EQ(r.layers[0].latency_cycles, 258);
  // The emitted network's cycles: 16 input words, the layer's 258, 8 output words.
  EXPECT_EQ(r.total_latency_cycles, 16 + 258 + 8);
  EXPECT_EQ(r.latency_convention, "sequential");
  // 1 - RMSE/std(y) of the characterisation (16 MACs, L 256) after the hardware's bias correction: the error
  // is 3.7 % of the signal's spread (12 % before it: the LFSR's error is mostly a per-neuron bias).
  EXPECT_NEAR(r.layers[0].accuracy_score, 0.9627, 5e-4);
}

TEST(GroundedEstimate, EveryKnobMovesTheCost) {
  const LayerKnobs base;
  const EnergyReport reference = grounded(32, 16, 256, base);
  LayerKnobs sparse = base;
  sparse.sparsity = 0.5;
  EXPECT_LT(grounded(32, 16, 256, sparse).total_luts, reference.total_luts);
  LayerKnobs narrow = base;
  narrow.weight_bits = 3;
  EXPECT_LT(grounded(32, 16, 256, narrow).total_luts, reference.total_luts);
  LayerKnobs low_precision = base;
  low_precision.precision = 4;
  EXPECT_LT(grounded(32, 16, 256, low_precision).total_luts, reference.total_luts);
  EXPECT_LT(grounded(32, 16, 64, base).total_luts, reference.total_luts);  // narrower accumulators
  LayerKnobs hybrid = base;
  hybrid.mode = "hybrid";
  EXPECT_GT(grounded(32, 16, 256, hybrid).total_luts, reference.total_luts);  // exact multipliers cost
  // Shorter streams: less energy and lower accuracy.
  EXPECT_LT(grounded(32, 16, 64, base).energy_per_inference_nj, reference.energy_per_inference_nj);
  EXPECT_LT(grounded(32, 16, 64, base).layers[0].accuracy_score, reference.layers[0].accuracy_score);
}

TEST(GroundedEstimate, HaltonRomGoesToBlockRamOnIce40Only) {
  LayerKnobs halton;
  halton.generator = "halton";
  EXPECT_EQ(grounded(16, 8, 256, halton).layers[0].bram_bits, 4096);  // 256 x 8 bits: one SB_RAM40_4K
  EXPECT_EQ(grounded(16, 8, 2048, halton).layers[0].bram_bits, 16384);
  EXPECT_EQ(grounded(16, 8, 32, halton).layers[0].bram_bits, 0);  // small ROMs stay in LUTs
  EXPECT_EQ(grounded(16, 8, 256, halton, "ecp5").layers[0].bram_bits, 0);
}

TEST(GroundedEstimate, PowerFollowsTheSwitchingActivity) {
  // At one clock (by default each design is estimated at the clock it meets, and power follows the clock).
  const EnergyReport r = grounded(16, 8, 256, {}, "ice40", 40.0);
  const EnergyReport wide = grounded(16, 16, 256, {}, "ice40", 40.0);
  // Twice the neurons: more switching, less than twice (the input SNGs and random sources are shared).
  EXPECT_GT(wide.total_dynamic_power_mw, 1.4 * r.total_dynamic_power_mw);
  EXPECT_LT(wide.total_dynamic_power_mw, 2.0 * r.total_dynamic_power_mw);
  // Static and clock-tree power belong to the design, not to a layer.
  EXPECT_NEAR(r.total_power_mw, r.total_dynamic_power_mw + r.fixed_power_mw, 1e-12);
  EXPECT_NEAR(wide.fixed_power_mw, r.fixed_power_mw, 1e-12);
}

TEST(GroundedEstimate, LatencyIsTheEmittedNetworksCyclesAndEnergyPaysItWhole) {
  EstimateOptions options;
  options.profile = core::Profile::kDefault;
  options.bitstream_length = 128;
  options.layer_knobs = {LayerKnobs{}, LayerKnobs{}};
  options.layer_knobs[1].mode = "deterministic";  // 1 + 2 cycles
  options.clock_mhz = 100.0;
  const EnergyReport r = estimate({{16, 8}, {8, 4}}, options);
  EXPECT_EQ(r.layers[0].latency_cycles, 130);
  EXPECT_EQ(r.layers[1].latency_cycles, 3);
  // The layers run in turn between 16 input words and 4 output words (hw::cycles_per_inference).
  EXPECT_EQ(r.total_latency_cycles, 16 + 130 + 3 + 4);
  EXPECT_EQ(r.end_to_end_latency_cycles, r.total_latency_cycles);
  EXPECT_EQ(r.latency_convention, "sequential");
  EXPECT_NEAR(r.energy_per_inference_nj, r.total_power_mw * 153 / 100e6 * 1e6, 1e-12);
}

TEST(GroundedEstimate, BadKnobsNameTheLayerAndTheKnob) {
  LayerKnobs knobs;
  knobs.generator = "xorshift";
  EXPECT_THROW_MESSAGE(grounded(4, 2, 256, knobs), core::InputError, "layer 0: unknown generator 'xorshift'");
  knobs = {};
  knobs.precision = 20;
  EXPECT_THROW_MESSAGE(grounded(4, 2, 256, knobs), core::InputError,
                       "layer 0: layer design: precision must be 1-16 bits");
}

TEST(GroundedEstimate, ReferenceProfileIgnoresTheKnobs) {
  EstimateOptions options;
  options.knobs.precision = 4;
  options.knobs.sparsity = 0.9;
  EXPECT_EQ(estimate({{4, 2}}, options).total_luts, 612);
}

TEST(GroundedCostModel, CostsFollowTheLayerShapeAndAreNeverNegative) {
  EXPECT_EQ(layer_shape_of_mac_count(64), (std::pair<std::int64_t, std::int64_t>{8, 8}));
  EXPECT_EQ(layer_shape_of_mac_count(100352), (std::pair<std::int64_t, std::int64_t>{317, 317}));
  EXPECT_EQ(layer_shape_of_mac_count(1), (std::pair<std::int64_t, std::int64_t>{1, 1}));
  const GroundedCostModel model;
  const DesignGrid grid = make_design_grid({64, 1024}, {4, 16}, {"x16+x14+x13+x11+1"});
  for (const std::int64_t macs : {1, 16, 4096}) {
    for (const DesignPoint& point : grid.points) {
      const CandidateCost c = model.cost(macs, point, grid);
      EXPECT_GT(c.luts, 0);
      EXPECT_GT(c.power_mw, 0.0);
      EXPECT_GE(c.accuracy, 0.0);
      EXPECT_LE(c.accuracy, 1.0);
    }
  }
}

}  // namespace
}  // namespace scn::model

namespace scn::model {
namespace {

// Issue 10: an iCE40 fits by packed logic cells, with a routable margin, at a clock it can close.
TEST(GroundedCells, LogicCellsDecideFittingWithTheRoutableMargin) {
  EstimateOptions options;
  options.profile = core::Profile::kDefault;
  options.target = "ice40-hx8k";
  options.include_infra = false;
  const EnergyReport r = estimate({{16, 16}}, options);
  EXPECT_EQ(r.lut_unit, "ICESTORM_LC");
  EXPECT_EQ(r.device, "ice40-hx8k");
  EXPECT_EQ(r.device_logic_cells, 7680);
  EXPECT_EQ(r.max_utilisation, 0.85);
  EXPECT_EQ(r.logic_cell_budget, 6528);
  // A cell holds one LUT4, one carry and one flip-flop: at least as many cells as LUTs or FFs.
  EXPECT_GE(r.layers[0].logic_cells, r.layers[0].luts);
  EXPECT_GE(r.layers[0].logic_cells, r.layers[0].ffs);
  EXPECT_GT(r.layers[0].carry_cells, 0);
  // The totals hold the layer and the network top around it (model/glue.hpp).
  EXPECT_EQ(r.total_logic_cells,
            r.layers[0].logic_cells + network_glue({layer_design(16, 16, 256, {})}, "ice40").logic_cells);
  EXPECT_NEAR(r.utilization_pct, 100.0 * static_cast<double>(r.total_logic_cells) / 7680, 1e-9);
  EXPECT_TRUE(r.fits_on_target);
  // The same design with a ceiling just below its cells does not fit.
  options.max_utilisation = static_cast<double>(r.total_logic_cells - 1) / 7680;
  EXPECT_FALSE(estimate({{16, 16}}, options).fits_on_target);
  options.max_utilisation = 1.5;
  EXPECT_THROW_MESSAGE(estimate({{16, 16}}, options), core::InputError,
                       "max_utilisation must be in (0, 1], got 1.5");
}

TEST(GroundedCells, SmallerDevicesHaveSmallerBudgets) {
  EstimateOptions options;
  options.profile = core::Profile::kDefault;
  options.include_infra = false;
  options.target = "ice40-hx1k";
  const EnergyReport hx1k = estimate({{32, 16}}, options);
  EXPECT_EQ(hx1k.logic_cell_budget, 1088);  // 85 % of 1,280
  EXPECT_FALSE(hx1k.fits_on_target);
  options.target = "ice40-up5k";
  const EnergyReport up5k = estimate({{32, 16}}, options);
  EXPECT_EQ(up5k.logic_cell_budget, 4488);                    // 85 % of 5,280
  EXPECT_EQ(up5k.total_logic_cells, hx1k.total_logic_cells);  // the same packing on every iCE40
  // ECP5 keeps LUT4 + 2 x CCU2C as its unit: no place and route in Debian to calibrate packing against.
  options.target = "ecp5-25f";
  const EnergyReport ecp5 = estimate({{32, 16}}, options);
  EXPECT_EQ(ecp5.lut_unit, "LUT4");
  EXPECT_EQ(ecp5.total_logic_cells, ecp5.total_luts);
  EXPECT_EQ(ecp5.fmax_mhz, 0.0);  // no fmax calibration
  EXPECT_EQ(ecp5.clock_freq_mhz, 100.0);
}

TEST(GroundedFmax, TheClockDefaultsToOneTheDesignMeetsAndARequestAboveFmaxWarns) {
  EstimateOptions options;
  options.profile = core::Profile::kDefault;
  options.target = "ice40-hx8k";
  options.include_infra = false;
  const EnergyReport r = estimate({{8, 4}}, options);
  EXPECT_GT(r.layers[0].fmax_mhz, 40.0);
  EXPECT_LT(r.layers[0].fmax_mhz, 200.0);
  EXPECT_EQ(r.fmax_mhz, r.layers[0].fmax_mhz);
  EXPECT_NE(r.clock_freq_mhz, 100.0);  // not the published 100 MHz
  // 0.85 x its predicted fmax, never above the device's calibrated clock (70 MHz on the HX8K).
  EXPECT_EQ(r.clock_freq_mhz, std::min(70.0, std::floor(0.85 * r.fmax_mhz * 10.0) / 10.0));
  EXPECT_EQ(r.clock_basis.rfind("planned: 0.85 x the predicted fmax ", 0), 0u) << r.clock_basis;
  EXPECT_TRUE(r.warnings.empty());
  // A slow design is clocked below the device's clock, at 0.85 x its fmax.
  LayerKnobs slow;
  slow.precision = 16;
  options.knobs = slow;
  const EnergyReport s = estimate({{64, 32}}, options);
  EXPECT_LT(s.fmax_mhz, 70.0 / 0.85);
  EXPECT_DOUBLE_EQ(s.clock_freq_mhz, std::floor(0.85 * s.fmax_mhz * 10.0) / 10.0);
  EXPECT_TRUE(s.warnings.empty());
  // Wider comparators and deeper adder trees close at a lower clock.
  LayerKnobs wide;
  wide.precision = 12;
  options.knobs = wide;
  EXPECT_LT(estimate({{64, 8}}, options).fmax_mhz, r.fmax_mhz);
  options.knobs = {};
  options.clock_mhz = r.fmax_mhz + 10;
  const EnergyReport fast = estimate({{8, 4}}, options);
  ASSERT_EQ(fast.warnings.size(), 1u);
  EXPECT_EQ(fast.warnings[0].rfind("requested clock ", 0), 0u) << fast.warnings[0];
  options.clock_mhz = r.fmax_mhz - 10;
  EXPECT_TRUE(estimate({{8, 4}}, options).warnings.empty());
}

}  // namespace
}  // namespace scn::model
