// Issue 11 through the binary: manifest shapes, `optimise --weights`, and their errors (exit 2, one line).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sc_neurocore/compress/compress.hpp"
#include "sc_neurocore/io/weights.hpp"
#include "test_util.hpp"

namespace scn::cli {
namespace {

using test::run_cli;

const std::string kData = SCN_TEST_DATA_DIR;

// A manifest of a 64x16 encoder (given) and a 128-MAC decoder (given 16x8 or not), with weights files.
class CliShapes : public ::testing::Test {
 protected:
  void SetUp() override {
    write("net.json", R"({"layers": [{"id": "encoder", "mac_count": 1024, "is_critical_path": true,
                                      "n_inputs": 64, "n_neurons": 16},
                                     {"id": "decoder", "mac_count": 128, "n_inputs": 16, "n_neurons": 8}]})");
    write("loose.json", R"({"layers": [{"id": "encoder", "mac_count": 1024, "is_critical_path": true,
                                        "n_inputs": 64, "n_neurons": 16},
                                       {"id": "decoder", "mac_count": 128}]})");
    io::save_npy(path("enc.npy"), matrix(64, 16, 0.0));
    io::save_npy(path("enc_half.npy"), matrix(64, 16, 0.5));
    io::save_npy(path("dec.npy"), matrix(16, 8, 0.0));
    io::save_npy(path("dec_half.npy"), matrix(16, 8, 0.5));
    io::save_npy(path("dec_narrow.npy"), matrix(16, 4, 0.0));
  }
  std::string path(const std::string& name) const { return (dir_.path() / name).string(); }
  void write(const std::string& name, const std::string& text) const { test::write_text(path(name), text); }

  // Weights spread over [-1, 1] without zeros, or with every k-th of `zero_share` of them 0.
  static core::WeightArray matrix(std::size_t n, std::size_t m, double zero_share) {
    std::vector<double> values;
    const std::size_t every = zero_share > 0 ? static_cast<std::size_t>(1.0 / zero_share) : 0;
    for (std::size_t k = 0; k < n * m; ++k) {
      const double w = -1.0 + 2.0 * static_cast<double>((k * 37) % 101 + 1) / 102.0;
      values.push_back(every && k % every == 0 ? 0.0 : w);
    }
    return core::make_matrix(n, m, std::move(values));
  }

  nlohmann::json plan(std::vector<std::string> extra) const {
    std::vector<std::string> args = {"optimise", "--network", path("net.json"), "--device", "ecp5-85f"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto result = run_cli(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return nlohmann::json::parse(result.out);
  }

  void expect_error(std::vector<std::string> args, const std::string& message) const {
    const auto result = run_cli(args);
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err, "sc-neurocore: error: " + message + "\n");
  }

  test::TempDir dir_;
};

TEST_F(CliShapes, PlanMarksGivenAndAssumedShapes) {
  const auto result =
      run_cli({"optimise", "--network", path("loose.json"), "--max-luts", "6000", "--max-power-mw", "200"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  const auto& decoder = json["layers"][0];
  const auto& encoder = json["layers"][1];
  EXPECT_EQ(decoder["id"], "decoder");
  EXPECT_EQ(decoder["n_inputs"], 12);  // ceil(sqrt(128)) x ceil(128 / 12)
  EXPECT_EQ(decoder["n_neurons"], 11);
  EXPECT_EQ(decoder["shape"], "assumed");
  EXPECT_EQ(encoder["n_inputs"], 64);
  EXPECT_EQ(encoder["n_neurons"], 16);
  EXPECT_EQ(encoder["shape"], "given");
  // The weights give the decoder its shape.
  const auto weighted =
      run_cli({"optimise", "--network", path("loose.json"), "--max-luts", "6000", "--max-power-mw", "200",
               "--weights", path("enc.npy") + "," + path("dec.npy")});
  ASSERT_EQ(weighted.exit_code, 0) << weighted.err;
  EXPECT_EQ(nlohmann::json::parse(weighted.out)["layers"][0]["shape"], "given");
  EXPECT_EQ(nlohmann::json::parse(weighted.out)["layers"][0]["n_inputs"], 16);
}

TEST_F(CliShapes, ReferenceProfileOutputIgnoresShapes) {
  const auto run = [&](const std::string& network) {
    return run_cli({"optimise", "--network", path(network), "--max-luts", "6000", "--max-power-mw", "200",
                    "--profile", "reference"});
  };
  const auto shaped = run("net.json");
  write("plain.json", R"({"layers": [{"id": "encoder", "mac_count": 1024, "is_critical_path": true},
                                      {"id": "decoder", "mac_count": 128}]})");
  EXPECT_EQ(shaped.exit_code, 0);
  EXPECT_EQ(shaped.out, run("plain.json").out);
  EXPECT_EQ(shaped.out.find("n_inputs"), std::string::npos);
}

TEST_F(CliShapes, WeightsWithHalfZerosPlanFewerCells) {
  // One clock for the three plans (by default each would be planned at its own predicted fmax).
  const std::vector<std::string> knobs = {"--bitstream-lengths", "256",    "--precisions",   "8",
                                          "--max-luts",          "100000", "--max-power-mw", "1000",
                                          "--clock-mhz",         "50"};
  auto with = [&](const std::string& enc, const std::string& dec) {
    auto args = knobs;
    args.insert(args.end(), {"--weights", path(enc) + "," + path(dec), "--pareto", path("frontier.json")});
    return args;
  };
  const auto none = plan(knobs);
  const auto dense = plan(with("enc.npy", "dec.npy"));
  const auto half = plan(with("enc_half.npy", "dec_half.npy"));
  // Layer by layer where two plans chose the same knobs (the latency term may move the sparse plan to a
  // deterministic layer, faster but bigger): the half-zero weights cost fewer cells.
  const auto fewer_cells_at_the_same_knobs = [](const nlohmann::json& sparse, const nlohmann::json& other) {
    int compared = 0;
    for (std::size_t i = 0; i < sparse["layers"].size(); ++i) {
      const auto& a = sparse["layers"][i];
      const auto& b = other["layers"][i];
      bool same = true;
      for (const char* knob :
           {"mode", "decorrelator", "bitstream_length", "precision_bits", "lfsr_polynomial"})
        same = same && a[knob] == b[knob];
      if (!same) continue;
      ++compared;
      EXPECT_LT(a["luts_used"].get<std::int64_t>(), b["luts_used"].get<std::int64_t>()) << a.dump();
    }
    return compared;
  };
  EXPECT_GE(fewer_cells_at_the_same_knobs(half, dense), 1);
  EXPECT_GE(fewer_cells_at_the_same_knobs(half, none), 1);
  const auto frontier = nlohmann::json::parse(test::read_text(path("frontier.json")));
  EXPECT_FALSE(frontier["points"].empty());
}

TEST_F(CliShapes, MismatchedMacCountExitsTwo) {
  write("bad.json", R"({"layers": [{"id": "encoder", "mac_count": 256},
                                    {"id": "decoder", "mac_count": 100, "n_inputs": 16, "n_neurons": 8}]})");
  expect_error({"optimise", "--network", path("bad.json"), "--max-luts", "1000", "--max-power-mw", "10"},
               path("bad.json") + ": layer 1 ('decoder'): mac_count 100 != n_inputs 16 x n_neurons 8 = 128");
  write("half.json", R"({"layers": [{"id": "encoder", "mac_count": 256, "n_neurons": 16}]})");
  expect_error({"optimise", "--network", path("half.json"), "--max-luts", "1000", "--max-power-mw", "10"},
               path("half.json") +
                   ": layer 0 ('encoder'): n_inputs missing (n_neurons is given; give both or neither)");
}

TEST_F(CliShapes, WrongWeightsExitTwoNamingTheLayerAndBothShapes) {
  const std::vector<std::string> base = {
      "optimise", "--network", path("net.json"), "--max-luts", "1000", "--max-power-mw", "10", "--weights"};
  auto with = [&](const std::string& files) {
    auto args = base;
    args.push_back(files);
    return args;
  };
  expect_error(with(path("enc.npy") + "," + path("dec_narrow.npy")),
               path("dec_narrow.npy") + ": layer 1 ('decoder'): weights are 16x4, the network says 16x8");
  expect_error(with(path("enc.npy")),
               "weights: 1 matrix for a network of 2 layers (one per layer, in network order)");
  auto reference = with(path("enc.npy") + "," + path("dec.npy"));
  reference.insert(reference.end(), {"--profile", "reference"});
  expect_error(
      reference,
      "weights need the default profile: the reference profile costs layers by their MAC count only");
  // A JSON list of matrices names its file.
  write("w.json", R"([[[1.0, 2.0]], [[1.0]]])");
  expect_error(with(path("w.json")),
               path("w.json") + ": layer 0 ('encoder'): weights are 1x2, the network says 64x16");
}

TEST(CliShapesHelp, OptimiseHelpListsWeights) {
  const auto result = run_cli({"optimise", "--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.out.find("--weights"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace scn::cli
