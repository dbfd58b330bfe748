// Block RAMs of a memory as Yosys maps it (model/memory_blocks.hpp), against SB_RAM40_4K counts Yosys 0.23
// and 0.70 gave for ROMs of random words (every bit column varying) with ram_style = "block".
#include "sc_neurocore/model/memory_blocks.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace scn::model
