// Whole generated networks under Icarus Verilog against the bit-true network
// simulator: every output word of every vector must agree, and the testbench's
// cycle count must be the manifest's. The simulator itself is checked against
// the per-layer reference model (simulate_layer), layer by layer.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>
#include <random>

#include "sc_neurocore/hw/network.hpp"
#include "sc_neurocore/hw/network_verilog.hpp"
#include "sc_neurocore/model/grounded_model.hpp"
#include "sc_neurocore/pipeline/network_job.hpp"
#include "test_util.hpp"

namespace scn::pipeline {
namespace {

std::string run_command(const std::string& command) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return out;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe.get()) != nullptr) out += buffer.data();
  return out;
}

struct NetworkCase {
  std::string name;
  std::vector<hw::ShapedLayer> shapes;
  std::vector<hw::PlannedLayer> plan;
  // Per layer: fraction of weights set to zero; negative = seeded (unsigned) weights for the whole network.
  double prune = 0.0;
  int distinct_levels = 0;  // > 0: weights drawn from this many values (a quantised network)
  bool seeded = false;
};

hw::PlannedLayer planned(const std::string& id, std::int64_t length, const std::string& decorrelator,
                         int bits, const std::string& mode, const std::string& polynomial = "none") {
  return {id, length, decorrelator, polynomial, bits, mode, std::nullopt, std::nullopt};
}

hw::PlannedLayer with_weight_bits(hw::PlannedLayer layer, int weight_bits) {
  layer.weight_bits = weight_bits;
  return layer;
}

hw::PlannedLayer folded(hw::PlannedLayer layer, int neuron_lanes, int input_lanes,
                        hw::WeightMemory memory = hw::WeightMemory::kBlockRam) {
  layer.fold = {neuron_lanes, input_lanes, memory};
  return layer;
}

hw::PlannedLayer with_input_memory(hw::PlannedLayer layer) {
  layer.fold.input_memory = true;
  return layer;
}

std::vector<core::WeightArray> case_weights(const NetworkCase& c, std::uint32_t seed) {
  std::vector<core::WeightArray> weights;
  if (c.seeded) return weights;
  std::mt19937 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  for (const hw::ShapedLayer& s : c.shapes) {
    std::vector<double> values;
    for (int k = 0; k < s.n_inputs * s.n_neurons; ++k) {
      double w = normal(rng);
      if (c.distinct_levels > 0) w = std::round(w * c.distinct_levels / 3.0) / c.distinct_levels;
      if (uniform(rng) < c.prune) w = 0.0;
      values.push_back(w);
    }
    weights.push_back(core::make_matrix(static_cast<std::size_t>(s.n_inputs),
                                        static_cast<std::size_t>(s.n_neurons), std::move(values)));
  }
  return weights;
}

std::vector<std::vector<double>> case_inputs(int n, int count, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<std::vector<double>> vectors(static_cast<std::size_t>(count));
  for (auto& v : vectors)
    for (int i = 0; i < n; ++i) v.push_back(uniform(rng));
  vectors.front().assign(static_cast<std::size_t>(n), 1.0);  // every input at full scale
  vectors.back().assign(static_cast<std::size_t>(n), 0.0);
  return vectors;
}

std::vector<NetworkCase> cases() {
  return {
      {"lfsr_sobol_signed_pruned",
       {{"a", 12, 7}, {"b", 7, 5}},
       {planned("a", 100, "LFSR", 6, "SC", "x16+x15+x13+x4+1"), planned("b", 70, "Sobol", 5, "Hybrid")},
       0.4,
       0,
       false},
      {"halton_scc_none_seeded",
       {{"in", 9, 6}, {"mid", 6, 4}, {"out", 4, 3}},
       {planned("in", 50, "Halton", 8, "SC"), planned("mid", 96, "SCC_Decorrelator", 7, "SC"),
        planned("out", 33, "None", 6, "Hybrid")},
       0.0,
       0,
       true},
      {"four_layers_quantised",
       {{"l0", 10, 8}, {"l1", 8, 8}, {"l2", 8, 5}, {"l3", 5, 2}},
       {planned("l0", 33, "Sobol", 4, "SC"),
        with_weight_bits(planned("l1", 64, "LFSR", 8, "Hybrid", "x16+x12+x3+x1+1"), 3),
        planned("l2", 45, "Halton", 6, "Hybrid"), planned("l3", 90, "SCC_Decorrelator", 5, "SC")},
       0.2,
       3,
       false},
      {"deterministic_then_sc",
       {{"d", 6, 3}, {"s", 3, 4}},
       {planned("d", 256, "LFSR", 8, "Deterministic"), planned("s", 130, "LFSR", 8, "SC")},
       0.1,
       0,
       false},
      {"precisions_4_12_16",
       {{"p4", 7, 9}, {"p12", 9, 6}, {"p16", 6, 3}},
       {planned("p4", 200, "LFSR", 4, "SC"), planned("p12", 40, "Sobol", 12, "Hybrid"),
        planned("p16", 27, "Halton", 16, "SC")},
       0.3,
       0,
       false},
      // Folded layers (hw/folded_layer.hpp): lanes that do not divide the neurons or the inputs, both
      // memories, every generator, signed and unsigned weights, next to spatial layers.
      {"folded_block_ram_uneven_lanes",
       {{"a", 12, 7}, {"b", 7, 5}},
       {folded(planned("a", 100, "LFSR", 6, "SC", "x16+x15+x13+x4+1"), 3, 1),
        folded(planned("b", 70, "Sobol", 5, "SC"), 5, 2)},
       0.4,
       0,
       false},
      {"folded_logic_halton_scc_then_spatial",
       {{"in", 9, 6}, {"mid", 6, 4}, {"out", 4, 3}},
       {folded(planned("in", 50, "Halton", 8, "SC"), 6, 9, hw::WeightMemory::kLogic),
        folded(planned("mid", 96, "SCC_Decorrelator", 7, "SC"), 1, 1, hw::WeightMemory::kLogic),
        planned("out", 33, "None", 6, "Hybrid")},
       0.1,
       0,
       false},
      {"folded_seeded_quantised",
       {{"l0", 10, 8}, {"l1", 8, 5}},
       {folded(with_weight_bits(planned("l0", 33, "LFSR", 8, "SC"), 3), 4, 3),
        folded(planned("l1", 64, "None", 6, "SC"), 2, 8)},
       0.0,
       0,
       true},
      // SPRAM (loaded through the weight-load port after reset): words of 3 rows next to a block-RAM and a
      // spatial layer; seeded unsigned weights, one chunk of 14 rows and a one-lane layer.
      {"folded_spram_next_to_block_ram_and_spatial",
       {{"s", 12, 7}, {"b", 7, 5}, {"o", 5, 3}},
       {folded(planned("s", 40, "Sobol", 7, "SC"), 3, 2, hw::WeightMemory::kSpram),
        folded(planned("b", 30, "LFSR", 6, "SC"), 5, 1), planned("o", 25, "Halton", 6, "SC")},
       0.2,
       0,
       false},
      {"folded_spram_seeded_unsigned",
       {{"l0", 10, 8}, {"l1", 8, 5}},
       {folded(planned("l0", 24, "SCC_Decorrelator", 8, "SC"), 8, 3, hw::WeightMemory::kSpram),
        folded(with_weight_bits(planned("l1", 20, "None", 6, "SC"), 4), 1, 1, hw::WeightMemory::kSpram)},
       0.0,
       0,
       true},
      // Inputs in block RAM (Fold::input_memory): a last slice of 2 of 5 lanes, then of 1 of 4 in SPRAM.
      {"input_memory_uneven_slices",
       {{"a", 12, 7}, {"b", 7, 5}},
       {with_input_memory(folded(planned("a", 37, "LFSR", 7, "SC"), 2, 5)),
        folded(planned("b", 29, "Halton", 6, "SC"), 3, 2)},
       0.3,
       0,
       false},
      {"input_memory_spram_seeded",
       {{"l0", 9, 6}, {"l1", 6, 4}},
       {with_input_memory(folded(planned("l0", 45, "Sobol", 8, "SC"), 4, 4, hw::WeightMemory::kSpram)),
        planned("l1", 30, "None", 6, "SC")},
       0.0,
       0,
       true},
      {"one_input_one_output_heavily_pruned",
       {{"x", 1, 5}, {"y", 5, 1}},
       {planned("x", 77, "Sobol", 7, "SC"), planned("y", 61, "None", 9, "SC")},
       0.8,
       0,
       false},
  };
}

void PrintTo(const NetworkCase& c, std::ostream* os) { *os << c.name; }

// The layers as the cost model sees the plan: its shapes and knobs (a deterministic layer keeps the plan's
// bitstream length, which the hardware ignores).
std::vector<hw::LayerDesign> planned_designs(const NetworkCase& c) {
  std::vector<hw::LayerDesign> designs;
  for (std::size_t i = 0; i < c.shapes.size(); ++i) {
    hw::LayerDesign d;
    d.n_inputs = c.shapes[i].n_inputs;
    d.n_neurons = c.shapes[i].n_neurons;
    d.bitstream_length = static_cast<int>(c.plan[i].bitstream_length);
    d.precision = static_cast<int>(c.plan[i].precision_bits);
    d.mode = c.plan[i].mode == "SC"       ? sim::ComputeMode::kSc
             : c.plan[i].mode == "Hybrid" ? sim::ComputeMode::kHybrid
                                          : sim::ComputeMode::kDeterministic;
    d.fold = c.plan[i].fold;
    designs.push_back(d);
  }
  return designs;
}

class NetworkUnderIcarus : public ::testing::TestWithParam<NetworkCase> {};

TEST_P(NetworkUnderIcarus, MatchesTheSimulatorBitForBit) {
  const NetworkCase& c = GetParam();
  const std::string iverilog = SCN_IVERILOG;
  const std::string vvp = SCN_VVP;
  ASSERT_FALSE(iverilog.ends_with("NOTFOUND") || vvp.ends_with("NOTFOUND")) << "run scripts/install-deps";
  const auto weights = case_weights(c, 7);
  const hw::NetworkDesign design = build_network(c.shapes, c.plan, weights, 3, "plan", "weights");
  const auto inputs = case_inputs(c.shapes.front().n_inputs, 12, 11);
  const NetworkSimulation simulation = simulate_network(design, inputs);

  test::TempDir dir;
  write_network_folder(design, dir.path() / "gen", "test");
  test::write_text(dir.path() / "in.hex", hex_inputs(design, simulation));
  const std::string gen = (dir.path() / "gen").string();
  const std::string sim = (dir.path() / "sim.vvp").string();
  const std::string log = run_command(iverilog + " -g2005 -Wall -o " + sim + " " + gen + "/sc_network.v " +
                                      gen + "/tb_sc_network.v 2>&1");
  EXPECT_EQ(log, "") << "iverilog printed warnings or errors";
  const std::string out = run_command(vvp + " -n " + sim + " +inputs=" + (dir.path() / "in.hex").string() +
                                      " +outputs=" + (dir.path() / "out.hex").string() + " +weights=" + gen +
                                      "/weights_load.hex");
  // The testbench counts the cycles from the first input word offered to the last output word taken: the
  // hardware's count, and the latency every plan and estimate of this network states.
  const std::size_t at = out.find("12 vectors, ");
  ASSERT_NE(at, std::string::npos) << out;
  const std::int64_t measured = std::stoll(out.substr(at + 12));
  EXPECT_EQ(measured, hw::cycles_per_inference(design)) << out;
  EXPECT_EQ(measured, model::network_latency_cycles(planned_designs(c))) << out;
  EXPECT_EQ(test::read_text(dir.path() / "out.hex"), hex_outputs(design, simulation));
  EXPECT_LE(6 + design.input_bits() + design.output_bits(), 40);
}

TEST_P(NetworkUnderIcarus, SimulatorAgreesWithTheLayerReferenceModel) {
  const NetworkCase& c = GetParam();
  const hw::NetworkDesign design = build_network(c.shapes, c.plan, case_weights(c, 7), 3, "plan", "weights");
  const hw::NetworkSimulator simulator(design);
  for (const auto& vector : case_inputs(c.shapes.front().n_inputs, 4, 5)) {
    const auto traces = simulator.run(hw::quantise_inputs(vector, design.input_bits()));
    for (std::size_t l = 0; l < design.layers.size(); ++l) {
      const hw::NetworkLayerDesign& layer = design.layers[l];
      const hw::LayerResult r = simulate_layer(layer.design, layer.weights.values, traces[l].inputs);
      for (std::size_t j = 0; j < r.sc_ones.size(); ++j) {
        const std::int64_t offset = layer.ones_offset.empty() ? 0 : layer.ones_offset[j];
        const std::int64_t num = r.exact_sum[j] * layer.design.bitstream_length +
                                 (r.sc_ones[j] - offset) * (std::int64_t{1} << (2 * layer.design.precision));
        EXPECT_EQ(traces[l].num[j], num) << c.name << " layer " << l << " neuron " << j;
        EXPECT_EQ(traces[l].out[j], hw::activation(layer, num));
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Networks, NetworkUnderIcarus, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace scn::pipeline
