// A folded SC layer (docs/hardware.md, "Folded layers"): the same arithmetic as the spatial layer
// (hw/layer_design.hpp), computed on neuron_lanes x input_lanes physical synapses with the weights read from
// a memory instead of held as constants.
//
// The layer's synapses are cut into chunks: neuron group g (neurons g*PE ..) times input slice s (inputs
// s*SIMD ..), g outer. A chunk's weights are one memory word; for L cycles its lanes compare them with the
// random source's r_w and the slice's inputs with r_in, AND the two, and each neuron's accumulator adds the
// positive products of its lane and subtracts the negative ones. The random source restarts at its seed with
// every chunk, so every synapse sees exactly the random numbers r(0..L-1) it sees in the spatial layer: the
// folded layer's sc_ones equal its spatial twin's bit for bit (the sums run in another order). Latency:
// chunks x L cycles (+ the restart and latch cycles of every layer).
//
// The memory word of chunk c = g * slices + s holds lane (p, i) (neuron g*PE + p, input s*SIMD + i) at bits
// [(p * SIMD + i) * E, +E): the weight's q significant magnitude bits (|W| >> (b - q)), then, when some
// weight of the layer is negative, its sign (E = q + 1). Lanes beyond the layer's neurons or inputs hold 0.
//
// SPRAM (WeightMemory::kSpram; the iCE40UP5K's SB_SPRAM256KA, 16,384 rows of 16 bits, no initial contents):
// the entries always carry the sign bit (E = q + 1, 0 in an unsigned layer), so the memory's layout and the
// layer's latency follow from the plan's knobs alone, whatever the weights' signs. k blocks side by side
// make a row of 16k bits, k the fewest with chunks x ceil(word_bits / 16k) <= 16,384; chunk c's word spans
// R = ceil(word_bits / 16k) rows c*R .. c*R + R - 1 (its low bits first, zero-padded). Before each chunk
// streams, the controller reads its R rows into the lanes' weight register (one row per cycle, the first
// addressed in the cycle before), the random source held at its seed meanwhile: chunks x (R + L) stream
// cycles. The network loads the rows after reset through its weight-load port (hw/network_verilog.hpp), a
// 16-bit word per two bytes: row by row, block 0 to k-1 within a row (spram_load_words).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sc_neurocore/hw/layer_design.hpp"

namespace scn::hw {

struct FoldShape {
  int neuron_groups = 0;  // ceil(n_neurons / neuron_lanes)
  int input_slices = 0;   // ceil(n_inputs / input_lanes)
  int chunks = 0;         // neuron_groups x input_slices: the memory's words
  int entry_bits = 0;     // q, + 1 sign bit when signed
  int word_bits = 0;      // lanes x entry_bits
};

FoldShape fold_shape(const LayerDesign& design, bool is_signed);

// Stream cycles of the folded layer: chunks x L; in SPRAM chunks x (R + L).
std::int64_t folded_stream_cycles(const LayerDesign& design);

// How an SPRAM layer's words sit in its blocks (see above).
struct SpramLayout {
  int blocks = 0;          // k, side by side
  int rows_per_chunk = 0;  // R
  int rows = 0;            // chunks x R (<= kSpramDepth)
  int row_bits() const { return blocks * kSpramWidth; }
  std::int64_t load_words() const { return static_cast<std::int64_t>(rows) * blocks; }
};
// InputError when the design is not folded into SPRAM or its chunks exceed one SPRAM depth.
SpramLayout spram_layout(const LayerDesign& design);
// The 16-bit words the load port takes for the memory's `entries` (weight_memory_entries): word r * k + j is
// bits [16j, 16j + 16) of row r.
std::vector<std::uint16_t> spram_load_words(const LayerDesign& design,
                                            const std::vector<std::uint32_t>& entries);
// The entries the loaded words put in the memory (the inverse of spram_load_words); InputError when the
// count of words is not the layout's.
std::vector<std::uint32_t> spram_entries(const LayerDesign& design, const std::vector<std::uint16_t>& words);

// One lane of one memory word, decoded.
struct LaneWeight {
  int neuron = 0;
  int input = 0;
  std::uint32_t magnitude = 0;  // |W|, b bits (the entry's q bits shifted back up)
  bool negative = false;
};

// The memory's contents: entries[c * lanes + p * SIMD + i], each entry_bits wide. Throws InputError when a
// weight magnitude has bits below the q weight bits (it would not survive the memory).
std::vector<std::uint32_t> weight_memory_entries(const LayerDesign& design,
                                                 const std::vector<std::int32_t>& signed_weights);
// Memory word c as word_bits / 4 rounded up hexadecimal digits, lane 0 in the low bits.
std::string weight_memory_word_hex(const std::vector<std::uint32_t>& entries, int chunk, int lanes,
                                   int entry_bits);
// The synapses of chunk after chunk as the hardware reads them from `entries` (lanes holding 0 left out).
std::vector<LaneWeight> decode_weight_memory(const LayerDesign& design,
                                             const std::vector<std::uint32_t>& entries, bool is_signed);

// Verilog-2005 of the folded layer, with the ports and meaning of emit_layer_verilog's module (clk, rst, x,
// done, sc_ones, exact_sum; exact_sum is 0: every synapse is SC). The weight memory is initialised in the
// module (an `initial` block the synthesis tools turn into the block RAM's contents); an SPRAM layer instead
// has the load ports wl_rst (restarts the load), wl_we (write the 16-bit wl_data to the next block of the
// next row) and wl_done (every row written), and one `ram_style = "huge"` memory per block. A layer with its
// inputs in memory (Fold::input_memory) has, instead of x, the write port xw_we, xw_addr (the input slice)
// and xw_data (the slice's SIMD inputs, input s * SIMD + i at bits [i * b, +b)); every slice is written
// before rst releases the layer.
std::string emit_folded_layer_verilog(const LayerDesign& design,
                                      const std::vector<std::int32_t>& signed_weights,
                                      const std::string& module,
                                      const std::vector<std::int64_t>& ones_offsets);

}  // namespace scn::hw
