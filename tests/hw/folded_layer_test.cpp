// Folded layers (hw/folded_layer.hpp): the weight memory's layout, the simulator of the folded hardware
// against its spatial twin, the latency, and the errors a plan with a bad fold meets. The emitted Verilog is
// checked word for word under Icarus in tests/pipeline/network_icarus_test.cpp.
#include "sc_neurocore/hw/folded_layer.hpp"

#include <gtest/gtest.h>

#include <random>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/hw/network.hpp"
#include "sc_neurocore/hw/network_verilog.hpp"
#include "test_util.hpp"

namespace scn::hw {
namespace {

PlannedLayer planned(const std::string& id, std::int64_t length, const std::string& decorrelator, int bits,
                     const std::string& mode) {
  return {id, length, decorrelator, "none", bits, mode, std::nullopt, std::nullopt};
}

PlannedLayer folded(PlannedLayer layer, int neuron_lanes, int input_lanes,
                    WeightMemory memory = WeightMemory::kBlockRam) {
  layer.fold = {neuron_lanes, input_lanes, memory};
  return layer;
}

LayerDesign small_folded_layer() {
  LayerDesign d;
  d.n_inputs = 3;
  d.n_neurons = 2;
  d.precision = 4;
  d.weight_bits = 2;
  d.bitstream_length = 16;
  d.fold = {1, 2, WeightMemory::kBlockRam};
  return d;
}

TEST(WeightMemory, ChunksAreNeuronGroupsTimesInputSlicesEachLaneItsSignAndTopBits) {
  const LayerDesign d = small_folded_layer();
  // W[i][j] (rows = inputs), 2 significant bits at the top of 4: magnitudes 4, 8, 12.
  const std::vector<std::int32_t> w = {4,  -8,  // input 0
                                       12, 0,   // input 1
                                       -4, 8};  // input 2
  const FoldShape shape = fold_shape(d, true);
  EXPECT_EQ(shape.neuron_groups, 2);
  EXPECT_EQ(shape.input_slices, 2);
  EXPECT_EQ(shape.chunks, 4);
  EXPECT_EQ(shape.entry_bits, 3);
  EXPECT_EQ(shape.word_bits, 6);
  const auto entries = weight_memory_entries(d, w);
  // Chunk 0: neuron 0, inputs 0-1: 1 (4 >> 2), 3. Chunk 1: neuron 0, input 2 (-1: sign bit 4 | 1), padding.
  // Chunk 2: neuron 1, inputs 0-1: -2 -> 6, 0. Chunk 3: neuron 1, input 2: 2, padding.
  EXPECT_EQ(entries, (std::vector<std::uint32_t>{1, 3, 5, 0, 6, 0, 2, 0}));
  // Lane 0 in the low bits: chunk 0 = 3 << 3 | 1 = 0x19.
  EXPECT_EQ(weight_memory_word_hex(entries, 0, 2, 3), "19");
  EXPECT_EQ(weight_memory_word_hex(entries, 1, 2, 3), "05");
  const auto synapses = decode_weight_memory(d, entries, true);
  ASSERT_EQ(synapses.size(), 5u);
  EXPECT_EQ(synapses[2].neuron, 0);
  EXPECT_EQ(synapses[2].input, 2);
  EXPECT_EQ(synapses[2].magnitude, 4u);
  EXPECT_TRUE(synapses[2].negative);
  EXPECT_EQ(synapses[3].neuron, 1);
  EXPECT_EQ(synapses[3].magnitude, 8u);
  EXPECT_EQ(folded_stream_cycles(d), 4 * 16);
  EXPECT_EQ(layer_cycles(d), 4 * 16 + 2);
}

TEST(WeightMemory, RefusesAWeightWithBitsBelowItsWeightBitsAndCountsThatDoNotMatch) {
  const LayerDesign d = small_folded_layer();
  EXPECT_THROW_MESSAGE(weight_memory_entries(d, {4, 5, 0, 0, 0, 0}), core::InputError,
                       "folded layer: weight of input 0, neuron 1 (5) has bits below its 2 weight bits");
  EXPECT_THROW_MESSAGE(weight_memory_entries(d, {4, 8}), core::InputError,
                       "folded layer: 2 weights for 3x2 synapses");
  EXPECT_THROW_MESSAGE(emit_folded_layer_verilog(d, {4, 8, 0, 0, 0, 0}, "m", {1, 2, 3}), core::InputError,
                       "folded layer: 3 offsets for 2 neurons");
}

TEST(SpramLayout, TakesTheFewestBlocksSideBySideWhoseRowsHoldTheChunks) {
  LayerDesign d;
  d.n_inputs = 784;
  d.n_neurons = 64;
  d.precision = 8;
  d.weight_bits = 7;
  d.bitstream_length = 128;
  d.fold = {8, 2, WeightMemory::kSpram};
  // 8 x 392 = 3,136 chunks of 16 lanes x (7 + 1 sign) = 128 bits: one block needs 8 rows a chunk (25,088
  // rows, more than 16,384), two blocks 4 (12,544 rows).
  const SpramLayout l = spram_layout(d);
  EXPECT_EQ(l.blocks, 2);
  EXPECT_EQ(l.rows_per_chunk, 4);
  EXPECT_EQ(l.rows, 3136 * 4);
  EXPECT_EQ(l.load_words(), 3136 * 4 * 2);
  // The sign bit is always there, so the layout and the latency follow from the knobs alone.
  EXPECT_EQ(fold_shape(d, false).entry_bits, 8);
  EXPECT_EQ(folded_stream_cycles(d), 3136 * (128 + 4));
  EXPECT_EQ(layer_cycles(d), 3136 * (128 + 4) + 2);
  d.fold = {1, 1, WeightMemory::kSpram};  // 50,176 chunks: more than one SPRAM depth
  EXPECT_THROW_MESSAGE(validate(d), core::InputError,
                       "layer design: fold in SPRAM holds at most 16384 chunks (one SPRAM depth), got 50176");
}

TEST(SpramLayout, LoadWordsAreRowsBlockByBlockAndDecodeBackToTheEntries) {
  LayerDesign d = small_folded_layer();
  d.n_inputs = 9;
  d.n_neurons = 5;
  d.fold = {5, 4, WeightMemory::kSpram};  // 20 lanes x 3 bits = 60-bit words, 3 chunks: 1 block, 4 rows
  std::vector<std::int32_t> w;
  for (int k = 0; k < 45; ++k) w.push_back(((k * 7) % 4) * 4 * (k % 3 == 0 ? -1 : 1));
  const SpramLayout l = spram_layout(d);
  EXPECT_EQ(l.blocks, 1);
  EXPECT_EQ(l.rows_per_chunk, 4);
  const auto entries = weight_memory_entries(d, w);
  const auto words = spram_load_words(d, entries);
  ASSERT_EQ(words.size(), 12u);
  // Row 0 of chunk 0 is lanes 0-4 (bits 0-14) and lane 5's low bit; lane l's entry at bits 3l.
  std::uint32_t row0 = 0;
  for (int lane = 0; lane < 6; ++lane) row0 |= entries[static_cast<std::size_t>(lane)] << (3 * lane);
  EXPECT_EQ(words[0], row0 & 0xffffu);
  EXPECT_EQ(spram_entries(d, words), entries);
  EXPECT_THROW_MESSAGE(spram_entries(d, {1, 2}), core::InputError,
                       "folded layer: 2 SPRAM load words, its layout has 12");
}

std::vector<core::WeightArray> gaussian_weights(const std::vector<ShapedLayer>& shapes, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<core::WeightArray> weights;
  for (const ShapedLayer& s : shapes) {
    std::vector<double> values;
    for (int k = 0; k < s.n_inputs * s.n_neurons; ++k) values.push_back(normal(rng));
    weights.push_back(core::make_matrix(static_cast<std::size_t>(s.n_inputs),
                                        static_cast<std::size_t>(s.n_neurons), std::move(values)));
  }
  return weights;
}

// Every layer's sums and outputs of networks a and b agree on 20 seeded input vectors of 20 7-bit inputs.
void expect_same_traces(const NetworkDesign& a, const NetworkDesign& b, std::size_t layers, unsigned seed) {
  const NetworkSimulator sa(a), sb(b);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<std::uint32_t> input(0, 127);
  for (int v = 0; v < 20; ++v) {
    std::vector<std::uint32_t> x(20);
    for (auto& xi : x) xi = input(rng);
    const auto ta = sa.run(x);
    const auto tb = sb.run(x);
    for (std::size_t l = 0; l < layers; ++l) {
      EXPECT_EQ(ta[l].num, tb[l].num) << "layer " << l;
      EXPECT_EQ(ta[l].out, tb[l].out) << "layer " << l;
    }
  }
}

TEST(FoldedNetwork, ComputesWhatItsSpatialTwinComputesBitForBit) {
  const std::vector<ShapedLayer> shapes = {{"a", 20, 9}, {"b", 9, 6}, {"c", 6, 4}};
  const auto weights = gaussian_weights(shapes, 5);
  const std::vector<PlannedLayer> spatial = {planned("a", 64, "Sobol", 7, "SC"),
                                             planned("b", 40, "LFSR", 8, "SC"),
                                             planned("c", 90, "Halton", 6, "SC")};
  const std::vector<PlannedLayer> fold = {folded(spatial[0], 4, 3), folded(spatial[1], 5, 9),
                                          folded(spatial[2], 1, 6)};
  const NetworkDesign a = build_network(shapes, spatial, weights, 3, "plan", "w");
  const NetworkDesign b = build_network(shapes, fold, weights, 3, "plan", "w");
  // Same calibrated shifts and offsets: the folded layers' ones are the spatial layers' ones.
  for (std::size_t l = 0; l < shapes.size(); ++l) {
    EXPECT_EQ(a.layers[l].shift, b.layers[l].shift);
    EXPECT_EQ(a.layers[l].ones_offset, b.layers[l].ones_offset);
  }
  expect_same_traces(a, b, shapes.size(), 9);
  // Latency: chunks x L + 2 per folded layer: a = 3 x 7 chunks, b = 2 x 1, c = 4 x 1.
  EXPECT_EQ(compute_cycles(b), (21 * 64 + 2) + (2 * 40 + 2) + (4 * 90 + 2));
  EXPECT_EQ(compute_cycles(a), (64 + 2) + (40 + 2) + (90 + 2));
}

TEST(FoldedNetwork, InSpramComputesWhatItsSpatialTwinComputesBitForBit) {
  // Layer a in SPRAM (its words span 3 rows of one block), b in block RAM, c in SPRAM (one chunk, 11 rows).
  const std::vector<ShapedLayer> shapes = {{"a", 20, 9}, {"b", 9, 6}, {"c", 6, 4}};
  const auto weights = gaussian_weights(shapes, 7);
  const std::vector<PlannedLayer> spatial = {planned("a", 48, "LFSR", 7, "SC"),
                                             planned("b", 40, "Halton", 8, "SC"),
                                             planned("c", 64, "Sobol", 6, "SC")};
  const std::vector<PlannedLayer> fold = {folded(spatial[0], 3, 2, WeightMemory::kSpram),
                                          folded(spatial[1], 5, 9),
                                          folded(spatial[2], 4, 6, WeightMemory::kSpram)};
  const NetworkDesign a = build_network(shapes, spatial, weights, 3, "plan", "w");
  const NetworkDesign b = build_network(shapes, fold, weights, 3, "plan", "w");
  EXPECT_EQ(spram_layers(b), (std::vector<std::size_t>{0, 2}));
  const SpramLayout la = spram_layout(b.layers[0].design);
  const SpramLayout lc = spram_layout(b.layers[2].design);
  EXPECT_EQ(network_load_image(b).size(), static_cast<std::size_t>(la.load_words() + lc.load_words()));
  expect_same_traces(a, b, shapes.size(), 11);
  // a: 3 x 10 chunks of 6 lanes x 8 bits (7 + sign) = 48 bits: 3 rows of 16; c: one chunk of 24 lanes x 7
  // bits = 168 bits: 11 rows of one block. Each SPRAM chunk reads its rows before it streams.
  EXPECT_EQ(la.blocks, 1);
  EXPECT_EQ(la.rows_per_chunk, 3);
  EXPECT_EQ(lc.blocks, 1);
  EXPECT_EQ(lc.rows_per_chunk, 11);
  EXPECT_EQ(compute_cycles(b), (30 * (48 + 3) + 2) + (2 * 40 + 2) + (1 * (64 + 11) + 2));
}

TEST(FoldedNetwork, RefusesLanesOutsideTheLayerAndNonScModesNamingTheLayer) {
  const std::vector<ShapedLayer> shapes = {{"a", 4, 3}};
  const auto weights = gaussian_weights(shapes, 1);
  EXPECT_THROW_MESSAGE(
      build_network(shapes, {folded(planned("a", 16, "LFSR", 8, "SC"), 4, 1)}, weights, 1, "plan.json", "w"),
      core::InputError,
      "plan.json: layer 'a': layer design: neuron_lanes must be 1-3 (the layer's neurons), got 4");
  EXPECT_THROW_MESSAGE(
      build_network(shapes, {folded(planned("a", 16, "LFSR", 8, "SC"), 1, 5)}, weights, 1, "plan.json", "w"),
      core::InputError,
      "plan.json: layer 'a': layer design: input_lanes must be 1-4 (the layer's inputs), got 5");
  EXPECT_THROW_MESSAGE(build_network(shapes, {folded(planned("a", 16, "LFSR", 8, "Hybrid"), 1, 1)}, weights,
                                     1, "plan.json", "w"),
                       core::InputError,
                       "plan.json: layer 'a': layer design: mode of a folded layer must be SC");
}

// Inputs in block RAM: the same arithmetic (the memory only changes where the inputs wait), a first layer's
// choice with at least two input slices.
TEST(FoldedNetwork, InputMemoryComputesWhatItsSpatialTwinComputesAndBelongsToTheFirstLayer) {
  const std::vector<ShapedLayer> shapes = {{"a", 20, 9}, {"b", 9, 6}};
  const auto weights = gaussian_weights(shapes, 13);
  const std::vector<PlannedLayer> spatial = {planned("a", 40, "Sobol", 7, "SC"),
                                             planned("b", 30, "LFSR", 8, "SC")};
  std::vector<PlannedLayer> fold = {folded(spatial[0], 3, 6), spatial[1]};
  fold[0].fold.input_memory = true;
  const NetworkDesign a = build_network(shapes, spatial, weights, 3, "plan", "w");
  const NetworkDesign b = build_network(shapes, fold, weights, 3, "plan", "w");
  expect_same_traces(a, b, shapes.size(), 17);
  const std::string verilog = emit_network_verilog(b);
  EXPECT_NE(verilog.find("reg [41:0] xmem [0:3];"), std::string::npos);  // 4 slices of 6 x 7 bits
  EXPECT_NE(verilog.find(".xw_we(xw_we), .xw_addr(xw_addr), .xw_data(xs)"), std::string::npos);
  EXPECT_EQ(verilog.find("reg [139:0] x_0;"), std::string::npos);  // no register of every input
  EXPECT_EQ(network_manifest(b, "t")["layers"][0]["fold"]["input_memory_words"], 4);
  std::vector<PlannedLayer> second = {spatial[0], folded(spatial[1], 2, 3)};
  second[1].fold.input_memory = true;
  EXPECT_THROW_MESSAGE(build_network(shapes, second, weights, 1, "plan.json", "w"), core::InputError,
                       "plan.json: layer 'b' fold: input_memory is for the network's first layer only");
  std::vector<PlannedLayer> one_slice = {folded(spatial[0], 3, 20), spatial[1]};
  one_slice[0].fold.input_memory = true;
  EXPECT_THROW_MESSAGE(build_network(shapes, one_slice, weights, 1, "plan.json", "w"), core::InputError,
                       "plan.json: layer 'a': layer design: input_memory needs at least two input slices "
                       "(input_lanes below the layer's 20 inputs), got input_lanes 20");
}

}  // namespace
}  // namespace scn::hw
