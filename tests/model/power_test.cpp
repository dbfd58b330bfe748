// Power from switching activity (model/activity.hpp, model/power.hpp): the iCE40 coefficients of the bench
// measurements (data/power/ice40-coefficients.json), the simulated toggles of a layer, and the switched-
// capacitance fallback of the families without measurements.
#include "sc_neurocore/model/power.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/model/activity.hpp"
#include "sc_neurocore/model/energy.hpp"
#include "sc_neurocore/model/grounded_model.hpp"

namespace scn::model {
namespace {

hw::LayerDesign layer(int n, int m, int length, const LayerKnobs& knobs = {}) {
  return layer_design(n, m, length, knobs);
}

TEST(Power, Ice40CoefficientsAreTheBenchFit) {
  const PowerModel& m = power_model_for(device("ice40-up5k"));
  EXPECT_TRUE(m.activity_based);
  EXPECT_DOUBLE_EQ(m.static_ua, 85.3133);
  EXPECT_DOUBLE_EQ(m.tree_ua_per_mhz, 39.2219);
  EXPECT_DOUBLE_EQ(m.toggle_ua_per_mhz, 0.301166);
  EXPECT_GT(m.netlist_toggles_per_simulated, 0.5);
  EXPECT_LT(m.netlist_toggles_per_simulated, 2.0);
  EXPECT_GE(m.uncertainty_factor, 1.1);
  EXPECT_NE(m.source.find("tinyvision-ai-inc/ice40_power"), std::string::npos);
  // The blank UP5K at 12 MHz: static + clock tree, at the catalogue's 1.2 V core (the UP5K has no data-sheet
  // static figure in the catalogue, so the bench's blank-design current is used).
  EXPECT_NEAR(fixed_power_mw(m, device("ice40-up5k"), 12.0), (85.3133 + 12 * 39.2219) * 1.2e-3, 1e-12);
}

TEST(Power, DynamicPowerIsLinearInClockAndToggles) {
  const Device& hx8k = device("ice40-hx8k");
  const PowerModel& m = power_model_for(hx8k);
  LayerActivity a;
  a.products = 100.0;
  const double p100 = layer_dynamic_power_mw(m, hx8k, a, 500, 0, 100.0);
  EXPECT_NEAR(p100, 100.0 * 100.0 * 0.301166 * m.netlist_toggles_per_simulated * 1.2e-3, 1e-9);
  EXPECT_NEAR(layer_dynamic_power_mw(m, hx8k, a, 500, 0, 50.0), p100 / 2, 1e-12);
  a.products = 200.0;
  EXPECT_NEAR(layer_dynamic_power_mw(m, hx8k, a, 500, 0, 100.0), 2 * p100, 1e-12);
}

TEST(Power, FamiliesWithoutMeasurementsSayTheirBasisIsUncalibrated) {
  const PowerModel& ecp5 = power_model_for(device("ecp5-25f"));
  EXPECT_FALSE(ecp5.activity_based);
  EXPECT_EQ(ecp5.c_eff_ff, 4.0);  // the published catalogue figure
  EXPECT_NE(ecp5.basis.find("uncalibrated"), std::string::npos);
  EXPECT_EQ(ecp5.uncertainty_factor, 10.0);
  const Device& d = device("ecp5-25f");
  // 4 fF x 1.1^2 V^2 x 100 MHz x 1000 cells x 0.5, in mW.
  EXPECT_NEAR(layer_dynamic_power_mw(ecp5, d, {}, 600, 400, 100.0), 4e-15 * 1.21 * 1e8 * 1000 * 0.5 * 1e3,
              1e-12);
}

TEST(Activity, SimulatedTogglesFollowTheStructure) {
  const LayerActivity base = layer_activity(layer(16, 8, 256));
  EXPECT_GT(base.products, 0.0);
  EXPECT_GT(base.comparator_chains, 0.0);
  EXPECT_GT(base.accumulators, 0.0);
  // A binary counter flips about two bits per cycle, each in a LUT, a carry and a flip-flop.
  EXPECT_NEAR(base.counter, 3 * 2.0, 0.1);
  // Twice the neurons: twice the products and accumulators, the same inputs and random sources.
  const LayerActivity wide = layer_activity(layer(16, 16, 256));
  EXPECT_NEAR(wide.products, 2 * base.products, 1e-9);
  EXPECT_NEAR(wide.accumulators, 2 * base.accumulators, 1e-9);
  EXPECT_DOUBLE_EQ(wide.input_sngs, base.input_sngs);
  EXPECT_DOUBLE_EQ(wide.random_state, base.random_state);
  // Pruning half the synapses removes about half the product toggles.
  LayerKnobs sparse;
  sparse.sparsity = 0.5;
  const LayerActivity pruned = layer_activity(layer(16, 8, 256, sparse));
  EXPECT_LT(pruned.products, 0.7 * base.products);
  EXPECT_GT(pruned.products, 0.3 * base.products);
  // A deterministic layer does not stream: only its exact results switch, once per inference.
  LayerKnobs exact;
  exact.mode = "deterministic";
  const LayerActivity det = layer_activity(layer(16, 8, 1, exact));
  EXPECT_EQ(det.logic(), 0.0);
  EXPECT_GT(det.exact, 0.0);
  // Deterministic: the same knobs give the same figures.
  EXPECT_EQ(layer_activity(layer(16, 8, 256)).total(), base.total());
}

TEST(Power, TheEstimateReportsItsBasisAndUncertainty) {
  EstimateOptions options;
  options.profile = core::Profile::kDefault;
  options.target = "ice40-up5k";
  options.clock_mhz = 12.0;
  options.include_infra = false;
  const EnergyReport r = estimate({{16, 8}}, options);
  EXPECT_NE(r.power_basis.find("activity"), std::string::npos);
  EXPECT_GE(r.power_uncertainty_factor, 1.1);
  EXPECT_NEAR(r.fixed_power_mw, (85.3133 + 12 * 39.2219) * 1.2e-3, 1e-12);
  EXPECT_NEAR(r.total_power_mw, r.total_dynamic_power_mw + r.fixed_power_mw, 1e-12);
  // One inference: 16 input words, the layer's 258 cycles, 8 output words.
  EXPECT_NEAR(r.energy_per_inference_nj, r.total_power_mw * (16 + 258 + 8) / 12e6 * 1e6, 1e-9);
  EXPECT_EQ(r.clock_basis, "requested");
}

}  // namespace
}  // namespace scn::model
