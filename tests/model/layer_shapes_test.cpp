// Issue 11: the default profile costs the shape a layer gives (else a square guess) and, when given, its
// real weights; the reference profile ignores both.
#include "sc_neurocore/model/layer_shapes.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/python_random.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/search/default_planner.hpp"
#include "test_util.hpp"

namespace scn::model {
namespace {

core::LayerProfile shaped(const std::string& id, std::int64_t n, std::int64_t m, bool critical = false) {
  return {id, n * m, critical, n, m};
}

// Standard-normal weights, every other one of them 0 when `half_zero`.
LayerWeights gaussian(std::size_t n, std::size_t m, bool half_zero, const std::string& source = "w.npy") {
  core::PythonRandom random(11);
  std::vector<double> values;
  for (std::size_t k = 0; k < n * m; ++k) {
    const double w = random.gauss(0.0, 1.0);
    values.push_back(half_zero && k % 2 == 1 ? 0.0 : w);
  }
  return {core::make_matrix(n, m, std::move(values)), source};
}

TEST(LayerShapes, GivenByTheLayerOrItsWeightsElseAssumed) {
  const std::vector<core::LayerProfile> network = {shaped("a", 16, 8), {"b", 100, false}};
  EXPECT_EQ(layer_shapes(network), (std::vector<LayerShape>{{16, 8, true}, {10, 10, false}}));
  const std::vector<LayerWeights> weights = {gaussian(16, 8, false), gaussian(4, 25, false)};
  EXPECT_EQ(layer_shapes(network, weights), (std::vector<LayerShape>{{16, 8, true}, {4, 25, true}}));
}

TEST(LayerShapes, MacCountMustBeTheProductAndBothOrNeitherGiven) {
  const std::pair<core::LayerProfile, const char*> cases[] = {
      {{"decoder", 100, false, 16, 8},
       "net.json: layer 1 ('decoder'): mac_count 100 != n_inputs 16 x n_neurons 8 = 128"},
      {{"decoder", 128, false, 16, std::nullopt},
       "net.json: layer 1 ('decoder'): n_neurons missing (n_inputs is given; give both or neither)"},
      {{"decoder", 128, false, std::nullopt, 8},
       "net.json: layer 1 ('decoder'): n_inputs missing (n_neurons is given; give both or neither)"},
      {{"decoder", 0, false, 0, 8},
       "net.json: layer 1 ('decoder'): n_inputs must be a positive integer, got 0"},
      {{"decoder", 1, false, std::int64_t{1} << 40, std::int64_t{1} << 40},
       "mac_count 1 != n_inputs 1099511627776 x n_neurons 1099511627776"},
  };
  for (const auto& [layer, message] : cases) {
    SCOPED_TRACE(message);
    EXPECT_THROW_MESSAGE(validate_layer_shapes({{"encoder", 4, true}, layer}, "net.json"), core::InputError,
                         message);
  }
  EXPECT_NO_THROW(validate_layer_shapes({shaped("a", 16, 8), {"b", 7, false}}, "net.json"));
}

TEST(LayerShapes, WeightErrorsNameTheSourceTheLayerAndBothShapes) {
  const std::vector<core::LayerProfile> network = {{"encoder", 64, true}, shaped("decoder", 16, 8)};
  EXPECT_THROW_MESSAGE(layer_shapes(network, {gaussian(8, 8, false, "W.json")}), core::InputError,
                       "weights: 1 matrix for a network of 2 layers");
  EXPECT_THROW_MESSAGE(
      layer_shapes(network, {gaussian(8, 8, false, "W.json"), gaussian(16, 4, false, "W.json")}),
      core::InputError, "W.json: layer 1 ('decoder'): weights are 16x4, the network says 16x8");
  EXPECT_THROW_MESSAGE(
      layer_shapes(network, {gaussian(8, 4, false, "W.json"), gaussian(16, 8, false, "W.json")}),
      core::InputError,
      "W.json: layer 0 ('encoder'): weights are 8x4 = 32 synapses, the network says mac_count 64");
  LayerWeights bad = gaussian(16, 8, false, "b.npy");
  bad.matrix.values[2 * 8 + 5] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW_MESSAGE(layer_shapes(network, {gaussian(8, 8, false), bad}), core::InputError,
                       "b.npy: layer 1 ('decoder'): weight [2][5] is not finite (nan)");
  LayerWeights flat{{{128}, std::vector<double>(128, 1.0)}, "c.npy"};
  EXPECT_THROW_MESSAGE(
      layer_shapes(network, {gaussian(8, 8, false), flat}), core::InputError,
      "c.npy: layer 1 ('decoder'): weights must be a 2-D matrix (n_inputs x n_neurons), got 1 dimensions");
}

TEST(GroundedCostTables, A784x128LayerCostsItsShapeNotTheSquareGuess) {
  const GroundedCostModel model;
  const DesignGrid grid = make_design_grid({256}, {8}, {"x16+x14+x13+x11+1"});
  const auto tables = model.cost_tables({{100352, 784, 128}, {100352, 0, 0}, {100352, 317, 317}}, grid);
  EXPECT_EQ(tables[1], tables[2]);  // no shape = the square guess 317 x 317
  EXPECT_NE(tables[0], tables[1]);
  // SC with an LFSR pair at L = 256, b = 8 (grid point 1): 784 x 128 has 784 input comparators and 128
  // accumulators where 317 x 317 has 317 and 317, and 100,352 synapses either way. Each also carries its
  // share of the network top (model/glue.hpp: mostly its neurons' clamps).
  ASSERT_EQ(grid.points[1].decorrelator, DecorrelatorKind::kLFSR);
  EXPECT_EQ(tables[0][1].luts, 269962);
  EXPECT_EQ(tables[1][1].luts, 263726);
  EXPECT_NE(tables[0][1].power_mw, tables[1][1].power_mw);
}

TEST(GroundedCostTables, HalfZeroWeightsCostFewerCellsAtEverySynapsePoint) {
  const GroundedCostModel model;
  const DesignGrid grid = make_design_grid({64, 256}, {4, 8}, {"x16+x14+x13+x11+1"});
  const LayerWeights half = gaussian(32, 16, true);
  const auto tables = model.cost_tables({{512, 32, 16}, {512, 32, 16, &half.matrix}}, grid);
  for (std::size_t p = 0; p < grid.points.size(); ++p) {
    SCOPED_TRACE(p);
    EXPECT_LT(tables[1][p].luts, tables[0][p].luts);
    EXPECT_EQ(tables[1][p].accuracy, tables[0][p].accuracy);
    EXPECT_EQ(tables[1][p].latency_cycles, tables[0][p].latency_cycles);
  }
}

TEST(CostNetwork, LayersShareATableWhenMacCountShapeAndWeightsAgree) {
  const std::vector<core::LayerProfile> network = {
      {"a", 64}, {"b", 64}, shaped("c", 16, 4), shaped("d", 8, 8), {"e", 64}};
  const GroundedCostModel model;
  const search::CostedNetwork costed = search::cost_network(network, search::SurrogateOptions{}, model);
  // d gives 8 x 8, the square guess of a, b and e: b and d share a table; c is 16 x 4. The first (a) and the
  // last (e) layer carry their own shares of the network top's glue (the input shift register; the
  // controller and output register), so each has a table of its own.
  EXPECT_EQ(costed.table_of_layer, (std::vector<std::size_t>{0, 1, 2, 1, 3}));
  EXPECT_EQ(costed.tables.size(), 4u);
  EXPECT_FALSE(costed.shapes[0].given);
  EXPECT_TRUE(costed.shapes[3].given);
  for (std::size_t p = 0; p < costed.grid.points.size(); ++p) {
    EXPECT_GT(costed.costs(0)[p].luts, costed.costs(1)[p].luts);  // the input shift register
    EXPECT_GT(costed.costs(4)[p].luts, costed.costs(1)[p].luts);  // the controller and output register
  }
  // With weights every layer has its own matrix, so its own table.
  const std::vector<LayerWeights> weights = {gaussian(8, 8, false), gaussian(8, 8, true),
                                             gaussian(16, 4, false), gaussian(8, 8, false),
                                             gaussian(8, 8, false)};
  EXPECT_EQ(search::cost_network(network, search::SurrogateOptions{}, model, weights).table_of_layer,
            (std::vector<std::size_t>{0, 1, 2, 3, 4}));
}

TEST(CostNetwork, ANeuronTheNextLayerNeverReadsIsNotCosted) {
  // Structured pruning: rows 4-7 of the second layer are zero, so neurons 4-7 of the first are read by
  // nothing. The first layer costs what it costs with its columns 4-7 zeroed by hand; the second is as given.
  const GroundedCostModel model;
  const std::vector<core::LayerProfile> network = {shaped("a", 16, 8), shaped("b", 8, 4)};
  LayerWeights second = gaussian(8, 4, false);
  std::fill(second.matrix.values.begin() + 16, second.matrix.values.end(), 0.0);
  LayerWeights by_hand = gaussian(16, 8, false);
  for (std::size_t r = 0; r < 16; ++r)
    for (std::size_t j = 4; j < 8; ++j) by_hand.matrix.values[r * 8 + j] = 0.0;
  const search::CostedNetwork pruned =
      search::cost_network(network, search::SurrogateOptions{}, model, {gaussian(16, 8, false), second});
  const search::CostedNetwork zeroed =
      search::cost_network(network, search::SurrogateOptions{}, model, {by_hand, second});
  const search::CostedNetwork dense = search::cost_network(network, search::SurrogateOptions{}, model,
                                                           {gaussian(16, 8, false), gaussian(8, 4, false)});
  EXPECT_EQ(pruned.costs(0), zeroed.costs(0));
  EXPECT_EQ(pruned.costs(1), zeroed.costs(1));
  for (std::size_t p = 0; p < pruned.grid.points.size(); ++p) {
    SCOPED_TRACE(p);
    // Half the synapses and activations of the first layer go; its input comparators stay.
    EXPECT_LT(pruned.costs(0)[p].luts, dense.costs(0)[p].luts * 0.85);
    EXPECT_GT(pruned.costs(0)[p].luts, dense.costs(0)[p].luts * 0.4);
  }
}

TEST(CostNetwork, ObservationsStillOverrideByMacCount) {
  search::SurrogateOptions options;
  options.observations = {{64, 256, "LFSR", "SC", 8, "x16+x14+x13+x11+1", 123, 4.5, 258, 0.97}};
  const GroundedCostModel model;
  const search::CostedNetwork costed = cost_network({shaped("c", 16, 4), {"d", 64}}, options, model);
  EXPECT_EQ(costed.observations_used, 1);
  for (std::size_t layer = 0; layer < 2; ++layer) {
    const auto& costs = costed.costs(layer);
    EXPECT_EQ(std::count_if(costs.begin(), costs.end(), [](const CandidateCost& c) { return c.measured; }),
              1);
  }
}

TEST(DefaultPlan, JsonSaysWhichShapeWasCostedAndWhetherItWasGiven) {
  const core::TargetHardwareProfile target{"t", {7000, 500.0, 0}};
  const auto report =
      search::plan_default(target, search::SurrogateOptions{}, {shaped("enc", 16, 8, true), {"dec", 100}});
  ASSERT_TRUE(report.feasible());
  const nlohmann::json plan = io::plan_json(report);
  EXPECT_EQ(plan["layers"][0]["id"], "dec");
  EXPECT_EQ(plan["layers"][0]["n_inputs"], 10);
  EXPECT_EQ(plan["layers"][0]["n_neurons"], 10);
  EXPECT_EQ(plan["layers"][0]["shape"], "assumed");
  EXPECT_EQ(plan["layers"][1]["n_inputs"], 16);
  EXPECT_EQ(plan["layers"][1]["n_neurons"], 8);
  EXPECT_EQ(plan["layers"][1]["shape"], "given");
  const auto frontier =
      search::network_pareto_frontier(target, search::SurrogateOptions{}, {shaped("enc", 16, 8, true)});
  EXPECT_EQ(io::frontier_json(frontier)["points"][0]["layers"][0]["shape"], "given");
  // Weights give a shapeless layer its shape.
  const auto weighted =
      search::plan_default(target, search::SurrogateOptions{}, {shaped("enc", 16, 8, true), {"dec", 100}}, {},
                           {gaussian(16, 8, false), gaussian(25, 4, false)});
  EXPECT_EQ(io::plan_json(weighted)["layers"][0]["n_inputs"], 25);
  EXPECT_EQ(io::plan_json(weighted)["layers"][0]["shape"], "given");
}

TEST(ReferenceProfile, IgnoresShapesAndRefusesWeights) {
  search::SurrogateOptions options;
  options.profile = core::Profile::kReference;
  const core::TargetHardwareProfile target{"t", {200000, 800.0, 512}};
  search::SurrogateSCOptimizer optimizer(target, options);
  const auto with_shapes =
      io::json_document(io::plan_json(optimizer.optimise({shaped("enc", 16, 16, true), {"dec", 192}})));
  const auto without =
      io::json_document(io::plan_json(optimizer.optimise({{"enc", 256, true}, {"dec", 192}})));
  EXPECT_EQ(with_shapes, without);
  EXPECT_EQ(with_shapes.find("shape"), std::string::npos);
  EXPECT_THROW_MESSAGE(optimizer.optimise({shaped("enc", 16, 16, true)}, {gaussian(16, 16, false)}),
                       core::InputError, "weights need the default profile");
  EXPECT_THROW_MESSAGE(
      optimizer.pareto_frontier({shaped("enc", 16, 16, true)}, 100, {gaussian(16, 16, false)}),
      core::InputError, "weights need the default profile");
}

}  // namespace
}  // namespace scn::model
