// The fit of the network glue (calibration/glue.hpp) to whole-network measurements, and the reader of the
// network-synthesise CSVs.
#include <gtest/gtest.h>

#include <cmath>

#include "model/model_fixtures.hpp"
#include "sc_neurocore/calibration/glue.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/model/grounded_model.hpp"
#include "test_util.hpp"

namespace scn::calibration {
namespace {
using namespace scn::model;  // the glue features and model the fit fills in

using test::glue_feature;
using test::knob_design;

TEST(GlueFit, RecoversKnownCoefficientsFromExactMeasurements) {
  GlueFeatures truth{};
  truth[glue_feature("first_input_register_bits")] = 0.7;
  truth[glue_feature("hybrid_multiplier_bits")] = 1.0;
  truth[glue_feature("constant")] = 40.0;
  truth[glue_feature("output_register_bits")] = 1.1;
  truth[glue_feature("signed_layer_synapses")] = 0.5;
  std::vector<NetworkGlueMeasurement> networks;
  for (int k = 0; k < 16; ++k) {
    NetworkGlueMeasurement net;
    net.network = "n" + std::to_string(k);
    const int width = 3 + k % 7;
    net.layers = {
        knob_design(width, 4 + k % 5, k % 3 == 0 ? 300 : 64, 4 + k % 6, k % 4 == 0 ? "hybrid" : "sc"),
        knob_design(4 + k % 5, 2 + k % 3, 100, 5 + k % 4)};
    if (k % 2 == 1) net.layers[0].negative_fraction = 0.4;  // signed: the saving applies
    GlueFeatures f{};
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
      const GlueFeatures part = layer_glue_features(net.layers[i], i == 0);
      for (std::size_t c = 0; c < kGlueFeatureCount; ++c) f[c] += part[c];
    }
    const GlueFeatures fixed =
        network_glue_fixed_features(2, net.layers[1].n_neurons, net.layers[1].precision);
    for (std::size_t c = 0; c < kGlueFeatureCount; ++c) f[c] += fixed[c];
    for (std::size_t c = 0; c < kGlueFeatureCount; ++c) net.logic_cells += truth[c] * f[c];
    net.luts = net.ffs = net.carries = net.logic_cells / 2;
    net.whole_logic_cells = 1000.0 + 10.0 * k;
    networks.push_back(net);
  }
  const GlueModel model = fit_glue_model(networks, "synthetic");
  EXPECT_EQ(model.family, "ice40");
  for (const auto& net : networks) {
    GlueFeatures f = network_glue_fixed_features(2, net.layers[1].n_neurons, net.layers[1].precision);
    for (std::size_t i = 0; i < net.layers.size(); ++i) {
      const GlueFeatures part = layer_glue_features(net.layers[i], i == 0);
      for (std::size_t c = 0; c < kGlueFeatureCount; ++c) f[c] += part[c];
    }
    double predicted = 0.0;
    for (std::size_t c = 0; c < kGlueFeatureCount; ++c) predicted += model.logic_cells[c] * f[c];
    EXPECT_NEAR(predicted, net.logic_cells, 1e-6 * net.whole_logic_cells) << net.network;
  }
  EXPECT_THROW_MESSAGE(fit_glue_model({networks.begin(), networks.begin() + 3}, "s"), core::InputError,
                       "the glue fit needs at least 10 networks, got 3");
}

TEST(GlueCsv, ReadsNetworksAsWholeLessLayersAndNamesBadFields) {
  test::TempDir dir;
  const std::string header =
      "network,layer,n_inputs,n_neurons,bitstream_length,precision,weight_bits,generator,polynomial,mode,"
      "sparsity,seed,negative_fraction,luts,ffs,carries,logic_cells,network_luts,network_ffs,network_carries,"
      "network_logic_cells\n";
  const auto path = dir.path() / "net.csv";
  test::write_text(path,
                   header +
                       "a,0,4,3,64,6,0,lfsr,x16+x14+x13+x11+1,sc,0.25,1,0.5,100,40,30,150,300,120,70,400\n"
                       "a,1,3,2,64,6,0,lfsr,x16+x14+x13+x11+1,sc,0.0,2,0.0,80,30,20,120,300,120,70,400\n"
                       "b,0,2,2,16,4,0,sobol,none,sc,0.0,3,0.0,50,20,10,60,70,30,12,90\n");
  const auto networks = read_network_measurements_csv(path.string());
  ASSERT_EQ(networks.size(), 2u);
  EXPECT_EQ(networks[0].network, "a");
  ASSERT_EQ(networks[0].layers.size(), 2u);
  EXPECT_EQ(networks[0].layers[0].negative_fraction, 0.5);
  EXPECT_EQ(networks[0].logic_cells, 400.0 - 150 - 120);
  EXPECT_EQ(networks[0].luts, 300.0 - 100 - 80);
  EXPECT_EQ(networks[0].whole_logic_cells, 400.0);
  EXPECT_EQ(networks[1].logic_cells, 30.0);
  test::write_text(
      path, header + "a,0,4,3,64,6,0,lfsr,x16+x14+x13+x11+1,sc,0.25,1,0.5,100,40,30,150,300,120,70,x\n");
  EXPECT_THROW_MESSAGE(read_network_measurements_csv(path.string()), core::InputError,
                       "row 2, field 'network_logic_cells': not a number");
}

TEST(GlueCsv, TheCountsColumnsRemoveUnreadInputsAndDeadNeuronsFromTheFeatures) {
  test::TempDir dir;
  const auto path = dir.path() / "net.csv";
  // Layer 0 of 4x3: 3 inputs read, 2 neurons live (the third's only reader in layer 1 was zero).
  test::write_text(path,
                   "network,layer,n_inputs,n_neurons,bitstream_length,precision,weight_bits,generator,"
                   "polynomial,mode,sparsity,seed,negative_fraction,signed,inputs_used,live_neurons,luts,ffs,"
                   "carries,logic_cells,network_luts,network_ffs,network_carries,network_logic_cells\n"
                   "a,0,4,3,64,6,0,lfsr,x16+x14+x13+x11+1,sc,0.5,1,0.0,0,3,2,100,40,30,150,300,120,70,400\n"
                   "a,1,3,2,64,6,0,lfsr,x16+x14+x13+x11+1,sc,0.5,2,0.5,1,2,2,80,30,20,120,300,120,70,400\n");
  const auto networks = read_network_measurements_csv(path.string());
  ASSERT_EQ(networks.size(), 1u);
  ASSERT_EQ(networks[0].counts.size(), 2u);
  EXPECT_EQ(networks[0].counts[0].inputs_used, 3);
  EXPECT_EQ(networks[0].counts[0].live_neurons, 2);
  EXPECT_TRUE(networks[0].counts[1].is_signed);
  const GlueFeatures f = network_glue_features(networks[0].layers, counts_of(networks[0]));
  EXPECT_EQ(f[glue_feature("input_register_bits")], (3 + 2) * 6.0);
  EXPECT_EQ(f[glue_feature("first_input_register_bits")],
            4 * 6.0);  // the shift register passes every word on
  EXPECT_EQ(f[glue_feature("activation_bits")], (2 + 2) * 6.0);
  // Without the counts, the expectation at sparsity 0.5: 4 x (1 - 0.5^3) inputs read in layer 0.
  EXPECT_DOUBLE_EQ(network_glue_features(networks[0].layers)[glue_feature("input_register_bits")],
                   (4 * (1 - 0.125) + 3 * (1 - 0.25)) * 6.0);
}

TEST(GlueCsv, ABiasCorrectedLayerClampsSignedOnes) {
  test::TempDir dir;
  const auto path = dir.path() / "net.csv";
  // Layer 0 has non-negative weights: its accumulators are two's complement only when bias-corrected.
  const std::string header =
      "network,layer,n_inputs,n_neurons,bitstream_length,precision,weight_bits,generator,polynomial,mode,"
      "sparsity,seed,negative_fraction,signed,inputs_used,live_neurons,luts,ffs,carries,logic_cells,"
      "network_luts,network_ffs,network_carries,network_logic_cells";
  const std::string layer0 =
      "a,0,4,3,64,6,0,lfsr,x16+x14+x13+x11+1,sc,0.5,1,0.0,0,3,2,100,40,30,150,300,120,70,400";
  const std::string layer1 =
      "a,1,3,2,64,6,0,lfsr,x16+x14+x13+x11+1,sc,0.5,2,0.5,1,2,2,80,30,20,120,300,120,70,400";
  test::write_text(path, header + "\n" + layer0 + "\n" + layer1 + "\n");
  const auto plain = read_network_measurements_csv(path.string());
  EXPECT_FALSE(plain[0].layers[0].bias_corrected);  // a file without the column: measured uncorrected
  test::write_text(path, header + ",bias_corrected\n" + layer0 + ",1\n" + layer1 + ",1\n");
  const auto corrected = read_network_measurements_csv(path.string());
  EXPECT_TRUE(corrected[0].layers[0].bias_corrected);
  // 2 live neurons x ones width: layer 0 bits(4 x 64) = 9, one more signed; layer 1 is signed: 8 + 1.
  EXPECT_EQ(network_glue_features(plain[0].layers, counts_of(plain[0]))[glue_feature("clamp_bits")],
            2 * 9 + 2 * 9.0);
  EXPECT_EQ(network_glue_features(corrected[0].layers, counts_of(corrected[0]))[glue_feature("clamp_bits")],
            2 * 10 + 2 * 9.0);
}

}  // namespace
}  // namespace scn::calibration
