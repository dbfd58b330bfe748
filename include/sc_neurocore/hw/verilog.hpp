// Verilog for one SC layer datapath (hw/layer_design.hpp) and a self-checking
// testbench that prints what simulate_layer predicts, for Icarus Verilog.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sc_neurocore/hw/layer_design.hpp"

namespace scn::hw {

// Verilog-2005, one module named module_name(design): ports clk, rst
// (synchronous, active high: loads the seeds and clears the accumulators),
// x[n*b-1:0] (input i at bits i*b +: b, held during a run), done,
// sc_ones[m*SW-1:0] and exact_sum[m*EW-1:0] (neuron j at j*SW / j*EW).
std::string emit_layer_verilog(const LayerDesign& design, const std::vector<std::uint32_t>& weights);
// Signed weights (hw/weights.hpp): when any is negative, sc_ones and exact_sum are two's complement one bit
// wider and each neuron accumulates pos - neg (the popcounts of its positive and negative products).
// `module` names the module (default module_name(design)).
std::string emit_layer_verilog(const LayerDesign& design, const std::vector<std::int32_t>& signed_weights,
                               const std::string& module = {});

// Port widths of the generated module (is_signed: some weight is negative).
int sc_ones_width(const LayerDesign& design, bool is_signed = false);
int exact_sum_width(const LayerDesign& design, bool is_signed = false);

// A testbench module `tb` that resets the layer, applies `inputs`, waits for
// done and prints one line per neuron: "neuron <j> <sc_ones> <exact_sum>".
std::string emit_testbench(const LayerDesign& design, const std::vector<std::uint32_t>& inputs);

}  // namespace scn::hw
