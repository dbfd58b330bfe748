// Network manifests: docs/reference-behaviour.md §1.8 plus product.md's strict rules.
#include "sc_neurocore/io/network.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::io {
namespace {

std::vector<NetworkLayer> parse(const std::string& text) {
  return network_from_json(nlohmann::json::parse(text), "net.json");
}

TEST(NetworkManifest, ReadsLayersInOrder) {
  const auto layers = parse(R"({"layers": [{"id": "encoder", "mac_count": 256, "is_critical_path": true},
                                          {"id": "decoder", "mac_count": 128.0, "n_inputs": 16, "n_neurons": 8}]})");
  ASSERT_EQ(layers.size(), 2u);
  EXPECT_EQ(layers[0].profile, (core::LayerProfile{"encoder", 256, true}));
  EXPECT_EQ(layers[1].profile, (core::LayerProfile{"decoder", 128, false, 16, 8}));
  EXPECT_EQ(layers[1].n_inputs, 16);
  EXPECT_EQ(layers[1].n_neurons, 8);
  EXPECT_FALSE(layers[0].n_inputs.has_value());
}

TEST(NetworkManifest, EveryPublishedErrorAndTheStrictOnes) {
  const std::pair<const char*, const char*> cases[] = {
      {R"([1, 2])", "net.json: network manifest must be a JSON object"},
      {R"({"nodes": []})", "net.json: network manifest must contain a non-empty layers list"},
      {R"({"layers": {}})", "net.json: network manifest must contain a non-empty layers list"},
      {R"({"layers": []})", "net.json: network manifest must contain a non-empty layers list"},
      {R"({"layers": [3]})", "net.json: layer 0 must be a JSON object"},
      {R"({"layers": [{"mac_count": 3}]})", "net.json: layer 0 missing id"},
      {R"({"layers": [{"id": "a", "mac_count": 1}, {"id": "b"}]})", "net.json: layer 1 missing mac_count"},
      {R"({"layers": [{"id": "a", "mac_count": "many"}]})", "net.json: layer 0 has invalid mac_count"},
      {R"({"layers": [{"id": "a", "mac_count": 2.5}]})", "net.json: layer 0 has invalid mac_count"},
      {R"({"layers": [{"id": "a", "mac_count": true}]})", "net.json: layer 0 has invalid mac_count"},
      {R"({"layers": [{"id": "", "mac_count": 1}]})", "net.json: layer 0 id must be a non-empty string"},
      {R"({"layers": [{"id": null, "mac_count": 1}]})", "net.json: layer 0 id must be a non-empty string"},
      {R"({"layers": [{"id": "a", "mac_count": -4}]})", "net.json: layer 0 mac_count must be non-negative"},
      {R"({"layers": [{"id": "a", "mac_count": 4, "is_critical_path": "false"}]})",
       "net.json: layer 0 is_critical_path must be a boolean"},
      {R"({"layers": [{"id": "a", "mac_count": 4, "is_critical_path": 1}]})",
       "net.json: layer 0 is_critical_path must be a boolean"},
      {R"({"layers": [{"id": "a", "mac_count": 4}, {"id": "a", "mac_count": 5}]})",
       "net.json: layer 1 has duplicate id 'a'"},
      {R"({"layers": [{"id": "a", "mac_count": 4, "n_inputs": 0}]})",
       "net.json: layer 0 n_inputs must be a positive integer"},
      {R"({"layers": [{"id": "a", "mac_count": 4}, {"id": "decoder", "mac_count": 100, "n_inputs": 16,
                                                    "n_neurons": 8}]})",
       "net.json: layer 1 ('decoder'): mac_count 100 != n_inputs 16 x n_neurons 8 = 128"},
      {R"({"layers": [{"id": "a", "mac_count": 4, "n_inputs": 4}]})",
       "net.json: layer 0 ('a'): n_neurons missing (n_inputs is given; give both or neither)"},
  };
  for (const auto& [text, message] : cases) {
    SCOPED_TRACE(text);
    EXPECT_THROW_MESSAGE(parse(text), core::InputError, message);
  }
}

TEST(NetworkManifest, FileErrorsNameThePath) {
  test::TempDir dir;
  EXPECT_THROW_MESSAGE(load_network(dir.path() / "nope.json"), core::FileError, "nope.json: no such file");
  test::write_text(dir.path() / "bad.json", "{\"layers\": [");
  EXPECT_THROW_MESSAGE(load_network(dir.path() / "bad.json"), core::InputError,
                       "bad.json is not valid JSON: line 1");
}

TEST(LayerSizes, ParsesAndRejects) {
  EXPECT_EQ(parse_layer_sizes("784x128,128x10"), (std::vector<model::LayerSize>{{784, 128}, {128, 10}}));
  EXPECT_EQ(parse_layer_sizes("4x2"), (std::vector<model::LayerSize>{{4, 2}}));
  for (const char* bad : {"32x", "x4", "-3x2", "abc", "4x2,", "0x3", "4x+2", "4x2x1", "", "4 x2"}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW_MESSAGE(parse_layer_sizes(bad), core::InputError, "--layers: invalid layer");
  }
}

}  // namespace
}  // namespace scn::io
