// The default profile's estimator (issue 6): every knob moves the figures the way the hardware does.
#include <gtest/gtest.h>

#include "sc_neurocore/energy.hpp"
#include "sc_neurocore/error.hpp"
#include "test_util.hpp"

namespace scn {
namespace {

EnergyReport grounded(std::int64_t n, std::int64_t m, std::int64_t length, const LayerKnobs& knobs,
                      const std::string& target = "ice40") {
  EstimateOptions options;
  options.profile = Profile::kDefault;
  options.target = target;
  options.bitstream_length = length;
  options.knobs = knobs;
  options.include_infra = false;
  return estimate({{n, m}}, options);
}

TEST(GroundedEstimate, MatchesYosysOnAMeasuredLayer) {
  // Measured with Yosys 0.23 synth_ice40 (scripts/calibrate): sc_layer_16x8_l256_p8_q8_lfsr_sc_s0 = 595
  // SB_LUT4, 145 FFs.
  const EnergyReport r = grounded(16, 8, 256, {});
  EXPECT_NEAR(static_cast<double>(r.total_luts), 595.0, 0.10 * 595.0);
  EXPECT_NEAR(static_cast<double>(r.total_ffs), 145.0, 0.10 * 145.0);
  EXPECT_EQ(r.layers[0].latency_cycles, 258);
  EXPECT_EQ(r.latency_convention, "pipelined");
  EXPECT_GT(r.layers[0].accuracy_score, 0.9);
  EXPECT_LT(r.layers[0].accuracy_score, 1.0);
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
  const EnergyReport r = grounded(16, 8, 256, {});
  const EnergyReport wide = grounded(16, 16, 256, {});
  // Twice the neurons: more switching, less than twice (the input SNGs and random sources are shared).
  EXPECT_GT(wide.total_dynamic_power_mw, 1.4 * r.total_dynamic_power_mw);
  EXPECT_LT(wide.total_dynamic_power_mw, 2.0 * r.total_dynamic_power_mw);
  // Static and clock-tree power belong to the design, not to a layer.
  EXPECT_NEAR(r.total_power_mw, r.total_dynamic_power_mw + r.fixed_power_mw, 1e-12);
  EXPECT_NEAR(wide.fixed_power_mw, r.fixed_power_mw, 1e-12);
}

TEST(GroundedEstimate, PipelinedLatencyIsTheSlowestLayerAndEnergyPaysEveryLayerPerInterval) {
  EstimateOptions options;
  options.profile = Profile::kDefault;
  options.bitstream_length = 128;
  options.layer_knobs = {LayerKnobs{}, LayerKnobs{}};
  options.layer_knobs[1].mode = "deterministic";  // 1 + 2 cycles
  options.clock_mhz = 100.0;
  const EnergyReport r = estimate({{16, 8}, {8, 4}}, options);
  EXPECT_EQ(r.layers[0].latency_cycles, 130);
  EXPECT_EQ(r.layers[1].latency_cycles, 3);
  EXPECT_EQ(r.total_latency_cycles, 130);
  EXPECT_EQ(r.end_to_end_latency_cycles, 133);
  EXPECT_NEAR(r.energy_per_inference_nj, r.total_power_mw * 130 / 100e6 * 1e6, 1e-12);
}

TEST(GroundedEstimate, BadKnobsNameTheLayerAndTheKnob) {
  LayerKnobs knobs;
  knobs.generator = "xorshift";
  EXPECT_THROW_MESSAGE(grounded(4, 2, 256, knobs), InputError, "layer 0: unknown generator 'xorshift'");
  knobs = {};
  knobs.precision = 20;
  EXPECT_THROW_MESSAGE(grounded(4, 2, 256, knobs), InputError,
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
}  // namespace scn
