// Verilog for one SC layer datapath (hw/layer_design.hpp) and a self-checking
// testbench that prints what simulate_layer predicts, for Icarus Verilog.
#pragma once

#include <cstdint>
#include <ostream>
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
// `ones_offsets` (one per neuron, or empty): the accumulator of neuron j starts at -ones_offsets[j] instead
// of 0, so sc_ones[j] = ones - offset at no logic cost (a register's reset value); a layer with a non-zero
// offset has two's complement sc_ones, sc_ones_width(design, true, max |offset|) bits wide.
std::string emit_layer_verilog(const LayerDesign& design, const std::vector<std::int32_t>& signed_weights,
                               const std::string& module = {},
                               const std::vector<std::int64_t>& ones_offsets = {});

// Port widths of the generated module (is_signed: some weight is negative, or the accumulators start at an
// offset, of at most `largest_offset` in magnitude).
int sc_ones_width(const LayerDesign& design, bool is_signed = false, std::uint64_t largest_offset = 0);
int exact_sum_width(const LayerDesign& design, bool is_signed = false);
// max |offset| (0 for none).
std::uint64_t largest_magnitude(const std::vector<std::int64_t>& offsets);

// The layer's random source (registers and the wires r_in / r_w of one cycle, b bits each), reloaded with its
// seed while `restart` is high and stepped while `running` is (both wires of the enclosing module; Sobol and
// Halton read its `cycle` counter, cycle_width bits). A folded layer restarts it for every chunk of weights.
void emit_random_source(std::ostream& v, const LayerDesign& design, const std::string& restart);
// Width of the `cycle` counter the random sources read: it counts to L.
int cycle_counter_width(const LayerDesign& design);
// `width`'d`value`.
std::string verilog_literal(int width, std::uint64_t value);

// A testbench module `tb` that resets the layer, applies `inputs`, waits for
// done and prints one line per neuron: "neuron <j> <sc_ones> <exact_sum>".
std::string emit_testbench(const LayerDesign& design, const std::vector<std::uint32_t>& inputs);

}  // namespace scn::hw
