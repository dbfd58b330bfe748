// Block RAMs a memory takes, as Yosys maps it (memory_libmap, Yosys 0.23 and 0.70 alike; measured on 257
// iCE40 ROMs and RAMs, docs/hardware.md "Folded layers"). Yosys first drops the bit columns whose value is
// the same in every word, then, for each data width w the block offers (Device::bram_widths) at its depth
// d(w), stacks a = ceil(depth / d) address ranges side by side and takes n = ceil(a * W' / w) blocks; it
// keeps the width of least cost 64 n + (a - 1) W' / 2 (the blocks plus the read multiplexer), the narrowest
// on ties.
#pragma once

#include <cstdint>
#include <vector>

#include "sc_neurocore/hw/layer_design.hpp"
#include "sc_neurocore/model/devices.hpp"

namespace scn::model {

// Blocks of `device`'s block RAM for `depth` words of which `varying_bits` columns are not constant (0 when
// none vary: Yosys removes the memory).
std::int64_t memory_blocks(const Device& device, std::int64_t varying_bits, std::int64_t depth);

// Of a memory mapped at its full `width`, the blocks that hold columns first_used .. first_used + used - 1
// (the address ranges side by side, range after range): Yosys removes a block none of whose data bits is read
// after mapping (a folded layer reads only the top q bits of its Halton ROM).
std::int64_t blocks_holding_columns(const Device& device, std::int64_t width, std::int64_t depth,
                                    std::int64_t first_used, std::int64_t used);

// SB_SPRAM256KA blocks of a layer folded into SPRAM: the k blocks side by side of its layout
// (hw::spram_layout: the fewest whose rows hold the chunks), one memory per block, which Yosys maps one to
// one; 0 for any other layer. Exact on every layer measured (docs/hardware.md "Weights in SPRAM").
std::int64_t spram_blocks(const hw::LayerDesign& design);

// The block RAM geometry of a family (every device of a family has the same block).
const Device& family_block_ram(std::string_view family);

// The weight memory's bit columns of a folded layer that differ between its words: varying_columns of
// hw::weight_memory_entries without building them (FoldedColumnCounter at the design's input lanes).
std::int64_t folded_varying_columns(const hw::LayerDesign& design,
                                    const std::vector<std::int32_t>& signed_weights);

// folded_varying_columns of one layer's weights at one precision and weight bits on one neuron-lane count,
// for every input-lane count: each neuron lane's entries ORed over its neurons once (n_inputs x PE), then
// over each input lane's inputs per count asked. What the planner asks for every fold option (O(n m) per PE
// instead of per fold).
class FoldedColumnCounter {
 public:
  // `design` gives the shape, precision, weight bits and neuron lanes; its input lanes are ignored.
  FoldedColumnCounter(const hw::LayerDesign& design, const std::vector<std::int32_t>& signed_weights);
  std::int64_t varying_columns(int input_lanes) const;

 private:
  int n_inputs_, n_neurons_, neuron_lanes_;
  std::uint32_t mask_;                       // the entry's bits
  std::vector<std::uint32_t> ones_, zeros_;  // [input * PE + neuron lane]: bits some entry has 1 / 0
};

// Of the varying columns, the distinct bit patterns over the words. A logic ROM keeps one flip-flop (its
// output register) and one ROM function per distinct column: synthesis merges identical ones (measured: a
// 12-word ROM of 640 columns kept 580 flip-flops, a 3-word one of 1,680 none beyond its neighbours'). With w
// words at most 2^w - 2 patterns are not constant.
std::int64_t distinct_varying_columns(const std::vector<std::uint32_t>& entries, int words, int lanes,
                                      int entry_bits);
// The weight memory's distinct varying columns (hw::weight_memory_entries), counted for memories of at most
// kDistinctColumnsLimit bits; -1 above. A logic ROM of 16 kbit takes about 1,700 iCE40 cells
// (model/folded_cells), more than a plan spends on one; and with that many words almost every varying column
// is distinct anyway.
inline constexpr std::int64_t kDistinctColumnsLimit = 16384;
std::int64_t folded_distinct_columns(const hw::LayerDesign& design,
                                     const std::vector<std::int32_t>& signed_weights);

// Of `words` words of `word_bits` bits (entries[word * lanes + lane], each `entry_bits` wide, lane 0 in the
// low bits), the bit columns that differ between words.
std::int64_t varying_columns(const std::vector<std::uint32_t>& entries, int words, int lanes, int entry_bits);

}  // namespace scn::model
