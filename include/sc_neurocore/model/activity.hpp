// Switching activity of a generated layer while it streams: toggles per clock
// cycle of each kind of node, measured by a bit-true simulation of the layer's
// SNGs, AND products, popcounts, accumulators and random sources (the same
// sequences the Verilog uses) on a small proxy of the layer with the same
// knobs, then scaled to the layer's size. The power model (model/power.hpp)
// turns toggles into current.
#pragma once

#include "sc_neurocore/hw/layer_design.hpp"

namespace scn::model {

struct LayerActivity {
  double input_sngs = 0.0;         // input comparator outputs
  double comparator_chains = 0.0;  // carry-chain nodes inside every comparator
  double adder_tree = 0.0;         // partial sums of the popcount adder trees
  double weight_sngs = 0.0;        // weight comparator outputs (one per distinct weight)
  double products = 0.0;           // AND outputs of the kept SC synapses
  double popcounts = 0.0;          // popcount result bits (the adder tree's outputs)
  double accumulators = 0.0;       // accumulator bits: sum LUT, carry and flip-flop of each
  double random_state = 0.0;       // generator registers (LFSR, Sobol, Halton counters)
  double counter = 0.0;            // cycle counter bits: sum LUT, carry and flip-flop of each
  double exact = 0.0;              // exact-MAC result bits, averaged per cycle of one inference
  double registers() const { return accumulators + random_state + counter + exact; }
  double logic() const {
    return input_sngs + comparator_chains + weight_sngs + products + adder_tree + popcounts;
  }
  double total() const { return registers() + logic(); }
};

// Deterministic (fixed proxy seed) and memoised on the knobs, so the planner pays for one simulation per grid
// point. `design` must have passed validate().
LayerActivity layer_activity(const hw::LayerDesign& design);

}  // namespace scn::model
