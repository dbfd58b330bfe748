// The folded layer's cost features (model/folded_cells.hpp) where they follow from the structure alone: the
// input multiplexer a register of every input needs, and the block RAM of inputs kept in memory.
#include "sc_neurocore/model/folded_cells.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "sc_neurocore/model/memory_blocks.hpp"

namespace scn::model {
namespace {

std::size_t feature(const char* name) {
  const auto& names = folded_feature_names();
  return static_cast<std::size_t>(
      std::find_if(names.begin(), names.end(), [&](const char* n) { return std::string(n) == name; }) -
      names.begin());
}

hw::LayerDesign wide_layer() {
  hw::LayerDesign d;
  d.n_inputs = 784;
  d.n_neurons = 64;
  d.bitstream_length = 64;
  d.precision = 6;
  d.generator = sim::Generator::kSobol;
  d.fold = {64, 1, hw::WeightMemory::kSpram};
  return d;
}

TEST(FoldedFeatures, InputsInBlockRamTakeNoMultiplexerAndTheirOwnBlocks) {
  hw::LayerDesign d = wide_layer();
  const FoldedFeatures in_register = folded_features(d, 0, "ice40");
  EXPECT_EQ(in_register[feature("input_mux")], 6.0 * 783);  // 1 lane x 6 bits x (784 slices - 1)
  EXPECT_EQ(folded_bram_bits(d, "ice40"), 0);               // weights in SPRAM
  d.fold.input_memory = true;
  const FoldedFeatures in_memory = folded_features(d, 0, "ice40");
  EXPECT_EQ(in_memory[feature("input_mux")], 0.0);
  // 784 words of 6 bits: two SB_RAM40_4K of 512 x 8.
  EXPECT_EQ(folded_bram_bits(d, "ice40"), 2 * 4096);
  EXPECT_EQ(in_memory[feature("counters")], in_register[feature("counters")]);  // staging is the top's
  d.fold = {8, 16, hw::WeightMemory::kBlockRam, true};  // 49 words of 96 bits: six 256 x 16 blocks
  EXPECT_EQ(
      folded_bram_bits(d, "ice40") -
          [&] {
            hw::LayerDesign register_inputs = d;
            register_inputs.fold.input_memory = false;
            return folded_bram_bits(register_inputs, "ice40");
          }(),
      6 * 4096);
  EXPECT_EQ(folded_fmax_features(d, 1000)[1], 0.0);  // no multiplexer levels on the lanes' path
}

// A logic ROM's output flip-flops are its distinct columns: without weights at most 2^words - 2 of its
// varying columns (2 words: 2), with weights the distinct ones counted; its functions follow every varying
// column.
TEST(FoldedFeatures, ALogicRomCostsItsDistinctColumns) {
  hw::LayerDesign d;
  d.n_inputs = 8;
  d.n_neurons = 6;
  d.precision = 5;
  d.fold = {6, 4, hw::WeightMemory::kLogic};  // 2 words of 24 lanes x 5 bits
  const FoldedFeatures expected = folded_features(d, 16, "ice40");
  EXPECT_EQ(expected[feature("rom_register")], 2.0);
  EXPECT_EQ(expected[feature("logic_rom")], 120.0 * 2 / 16);  // 24 lanes x 5 bits, 2 words
  const WeightCounts seeded = seeded_weight_counts(d);
  ASSERT_GE(seeded.memory_distinct_columns, 1);
  EXPECT_LE(seeded.memory_distinct_columns, 2);
  EXPECT_EQ(folded_features(d, 16, "ice40", &seeded)[feature("rom_register")],
            static_cast<double>(seeded.memory_distinct_columns));
  d.fold.memory = hw::WeightMemory::kBlockRam;  // block RAM holds every column
  EXPECT_EQ(folded_features(d, 16, "ice40")[feature("rom_register")], 0.0);
}

}  // namespace
}  // namespace scn::model
