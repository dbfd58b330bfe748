// Block RAMs of a memory as Yosys maps it (model/memory_blocks.hpp), against SB_RAM40_4K counts Yosys 0.23
// and 0.70 gave for ROMs of random words (every bit column varying) with ram_style = "block".
#include "sc_neurocore/model/memory_blocks.hpp"

#include <gtest/gtest.h>

#include <tuple>
#include <vector>

#include "sc_neurocore/hw/folded_layer.hpp"

namespace scn::model {
namespace {

TEST(MemoryBlocks, Ice40CountsAsYosysMapsThem) {
  const Device& hx8k = device("ice40-hx8k");
  struct Case {
    int width;
    int depth;
    std::int64_t blocks;
  };
  // Where they differ from min over widths of ceil(W / w) x ceil(D / d): 1x4096 (not 2), 5x4096 (not 6),
  // 9x2048 (5), 17x257 (3, not 4): Yosys stacks address ranges side by side in unused data bits.
  for (const Case& c : std::vector<Case>{{1, 4096, 1},
                                         {2, 3000, 2},
                                         {4, 3000, 3},
                                         {5, 4096, 5},
                                         {8, 600, 2},
                                         {8, 4096, 8},
                                         {9, 600, 2},
                                         {9, 2048, 5},
                                         {17, 257, 3},
                                         {40, 64, 3},
                                         {64, 64, 4},
                                         {80, 1024, 20},
                                         {256, 16, 16}})
    EXPECT_EQ(memory_blocks(hx8k, c.width, c.depth), c.blocks) << c.width << " x " << c.depth;
}

TEST(MemoryBlocks, AMemoryWithoutVaryingColumnsTakesNoBlock) {
  EXPECT_EQ(memory_blocks(device("ice40-up5k"), 0, 1000), 0);
  // Two words: lane 0 varies in bit 1 only, lane 1 is constant.
  EXPECT_EQ(varying_columns({0b01, 0b10, 0b11, 0b10}, 2, 2, 3), 1);
  EXPECT_EQ(varying_columns({0b101, 0b111}, 1, 2, 3), 0);
}

// The one-pass count the planner uses is the count of the memory's words themselves, for even and uneven
// lanes, signed and unsigned weights, and weights kept to fewer bits than the precision.
TEST(MemoryBlocks, FoldedVaryingColumnsCountTheMemorysWords) {
  std::uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<std::int32_t>(state >> 40);
  };
  for (const auto& [pe, simd, precision, q, negative] :
       std::vector<std::tuple<int, int, int, int, bool>>{{1, 1, 8, 8, true},
                                                         {3, 5, 8, 8, true},
                                                         {4, 4, 6, 4, false},
                                                         {7, 2, 8, 3, true},
                                                         {2, 13, 4, 4, false}}) {
    hw::LayerDesign d;
    d.n_inputs = 13;
    d.n_neurons = 7;
    d.precision = precision;
    d.weight_bits = q;
    d.fold = {pe, simd, hw::WeightMemory::kBlockRam};
    std::vector<std::int32_t> weights;
    for (int k = 0; k < d.n_inputs * d.n_neurons; ++k) {
      const std::int32_t magnitude = (next() % (1 << q)) << (precision - q);
      weights.push_back(negative && next() % 3 == 0 ? -magnitude : magnitude);
    }
    weights[5] = 0;  // a constant lane bit or two
    const hw::FoldShape s = hw::fold_shape(d, negative);
    EXPECT_EQ(folded_varying_columns(d, weights),
              varying_columns(hw::weight_memory_entries(d, weights), s.chunks, d.fold.lanes(), s.entry_bits))
        << pe << "x" << simd;
    // One counter answers every input-lane count as the memory's words do.
    const FoldedColumnCounter counter(d, weights);
    for (int lanes = 1; lanes <= d.n_inputs; ++lanes) {
      hw::LayerDesign other = d;
      other.fold.input_lanes = lanes;
      const hw::FoldShape so = hw::fold_shape(other, negative);
      EXPECT_EQ(counter.varying_columns(lanes), varying_columns(hw::weight_memory_entries(other, weights),
                                                                so.chunks, other.fold.lanes(), so.entry_bits))
          << pe << "x" << lanes;
    }
  }
}

// A logic ROM's distinct columns: identical bit patterns over the words count once, constant ones not at all.
TEST(MemoryBlocks, DistinctVaryingColumnsCountEachPatternOnce) {
  // 2 words of 3 lanes x 2 bits: lanes 0 and 1 hold the same columns (1,0) and (0,1), lane 2 is constant.
  const std::vector<std::uint32_t> entries = {0b01, 0b01, 0b11, 0b10, 0b10, 0b11};
  EXPECT_EQ(varying_columns(entries, 2, 3, 2), 4);
  EXPECT_EQ(distinct_varying_columns(entries, 2, 3, 2), 2);
  EXPECT_EQ(distinct_varying_columns(entries, 1, 6, 2), 0);  // one word: nothing varies
  // 70 words (two 64-bit pattern words): a lane whose bit 1 is set in word 65 only, next to one set in
  // word 1.
  std::vector<std::uint32_t> wide(70 * 2, 0);
  wide[65 * 2] = 0b10;
  wide[1 * 2 + 1] = 0b10;
  wide[3 * 2 + 1] = 0b01;
  EXPECT_EQ(distinct_varying_columns(wide, 70, 2, 2), 3);
}

// SPRAM: k SB_SPRAM256KA side by side, the fewest whose 16k-bit rows hold every chunk within 16,384 rows
// (each block its own memory, mapped one to one; the post-synthesis ctest spram_netlist_matches_simulate
// counts them in Yosys' netlist).
TEST(SpramBlocks, TheFewestBlocksSideBySideWhoseRowsHoldTheChunks) {
  hw::LayerDesign d;
  d.n_inputs = 784;
  d.n_neurons = 64;
  d.precision = 8;
  d.weight_bits = 7;
  EXPECT_EQ(spram_blocks(d), 0);  // spatial
  d.fold = {8, 2, hw::WeightMemory::kBlockRam};
  EXPECT_EQ(spram_blocks(d), 0);
  d.fold.memory =
      hw::WeightMemory::kSpram;  // 3,136 chunks x 128 bits: 8 rows of 16 are too many, 4 of 32 fit
  EXPECT_EQ(spram_blocks(d), 2);
  d.fold = {64, 1, hw::WeightMemory::kSpram};  // 401,408 bits are more than one block's 262,144 anyway
  EXPECT_EQ(spram_blocks(d), 2);
  d.n_inputs = 256;  // 256 chunks x 512 bits: 32 rows of one block each, 8,192 rows
  EXPECT_EQ(spram_blocks(d), 1);
  d.n_inputs = 200;
  d.n_neurons = 90;
  d.weight_bits = 8;
  d.fold = {2, 1, hw::WeightMemory::kSpram};  // 9,000 chunks x 18 bits: 2 rows of 16 too many, 1 of 32 fits
  EXPECT_EQ(spram_blocks(d), 2);
  EXPECT_EQ(device("ice40-up5k").spram_blocks(), 4);
  EXPECT_EQ(device("ice40-hx8k").spram_blocks(), 0);
}

}  // namespace
}  // namespace scn::model
