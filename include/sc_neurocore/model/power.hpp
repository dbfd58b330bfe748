// Power of a generated layer from its switching activity. For iCE40 the
// coefficients come from bench measurements of an iCE40UP5K
// (data/power/, docs/power.md): core current = static + f x (clock tree +
// clocked flip-flops + toggles x energy per toggle), toggles from the
// bit-true activity simulation (model/activity.hpp). Families without
// measurements keep the published switched-capacitance figure and say so in
// their basis, with a wide uncertainty.
#pragma once

#include <cstdint>
#include <string>

#include "sc_neurocore/model/activity.hpp"
#include "sc_neurocore/model/devices.hpp"

namespace scn::model {

struct PowerModel {
  std::string family;
  std::string basis;   // one line: how the figure is made
  std::string source;  // where the coefficients come from
  bool activity_based = false;
  // Activity-based (core rail): currents in uA, per-MHz terms in uA/MHz.
  double static_ua = 0.0;  // configured device, no clock: used when the catalogue has no data-sheet figure
  double tree_ua_per_mhz = 0.0;
  double ff_ua_per_mhz = 0.0;      // per clocked flip-flop
  double toggle_ua_per_mhz = 0.0;  // per (toggle per cycle) of a LUT, carry or FF output
  // Netlist toggles (every LUT, carry and FF output) per toggle the activity simulation counts, measured by
  // simulating mapped layers: the adder trees and carry chains switch with their inputs.
  double netlist_toggles_per_simulated = 1.0;
  // Switched capacitance (published catalogue): fF per LUT or FF, activity 0.5.
  double c_eff_ff = 0.0;
  double uncertainty_factor = 1.0;  // the true figure lies within [P / u, P x u] on the evidence we have
};

// The family's model (InputError for a family without one).
const PowerModel& power_model_for(const Device& device);

// The layer's dynamic power in mW at `clock_mhz`.
double layer_dynamic_power_mw(const PowerModel& model, const Device& device, const LayerActivity& activity,
                              std::int64_t luts, std::int64_t ffs, double clock_mhz);
// The design's power that does not belong to a layer: static current and the global clock tree, in mW.
double fixed_power_mw(const PowerModel& model, const Device& device, double clock_mhz);

}  // namespace scn::model
