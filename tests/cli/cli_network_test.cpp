// emit-network, simulate and fit --plan-out through the CLI: the fitted network
// can be emitted and simulated, and bad input exits 2 with one line and
// leaves nothing behind.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "test_util.hpp"

namespace scn::cli {
namespace {
namespace fs = std::filesystem;

using test::run_cli;

const std::string kExamples = SCN_EXAMPLES_DIR;

void expect_input_error(const std::vector<std::string>& args, const std::string& fragment) {
  std::string joined;
  for (const auto& a : args) joined += a + " ";
  SCOPED_TRACE(joined);
  const auto result = run_cli(args);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(test::line_count(result.err), 1) << result.err;
  EXPECT_NE(result.err.find(fragment), std::string::npos) << result.err;
}

const char* kPlan = R"({"layers": [
  {"id": "encoder", "bitstream_length": 96, "decorrelator": "Halton", "precision_bits": 6, "mode": "SC"},
  {"id": "decoder", "bitstream_length": 64, "decorrelator": "LFSR", "lfsr_polynomial": "x16+x15+x13+x4+1",
   "precision_bits": 7, "mode": "Hybrid"}]})";

TEST(CliNetwork, FitPlanOutCanBeEmittedAndSimulated) {
  test::TempDir dir;
  const fs::path d = dir.path();
  const auto fit =
      run_cli({"fit", "--layers", "64x32,32x16", "--weights", kExamples + "/weights_64x32_32x16.json",
               "--target", "ice40", "--plan-out", (d / "plan.json").string(), "--network-out",
               (d / "net.json").string(), "--weights-out", (d / "w").string()});
  ASSERT_EQ(fit.exit_code, 0) << fit.err;
  const auto plan = nlohmann::json::parse(test::read_text(d / "plan.json"));
  ASSERT_EQ(plan.at("layers").size(), 2u);
  EXPECT_EQ(plan.at("layers")[0].at("id"), "layer_0");
  EXPECT_EQ(plan.at("source"), "fit");
  const std::string weights = (d / "w" / "layer_0.npy").string() + "," + (d / "w" / "layer_1.npy").string();
  const auto emitted =
      run_cli({"emit-network", "--network", (d / "net.json").string(), "--plan", (d / "plan.json").string(),
               "--weights", weights, "--out", (d / "gen").string()});
  ASSERT_EQ(emitted.exit_code, 0) << emitted.err;
  const auto manifest = nlohmann::json::parse(test::read_text(d / "gen" / "manifest.json"));
  EXPECT_EQ(manifest.at("layers")[0].at("n_inputs"), 64);
  EXPECT_EQ(manifest.at("layers")[1].at("n_neurons"), 16);
  EXPECT_EQ(manifest.at("layers")[0].at("weight_bits"), plan.at("layers")[0].value("weight_bits", 8));
  EXPECT_LE(manifest.at("pins").get<int>(), 40);
  nlohmann::json x = nlohmann::json::array({std::vector<double>(64, 0.25), std::vector<double>(64, 0.75)});
  test::write_text(d / "x.json", x.dump());
  const auto simulated =
      run_cli({"simulate", "--network", (d / "net.json").string(), "--plan", (d / "plan.json").string(),
               "--weights", weights, "--inputs", (d / "x.json").string(), "--out", (d / "y.json").string(),
               "--hex-outputs", (d / "out.hex").string()});
  ASSERT_EQ(simulated.exit_code, 0) << simulated.err;
  const auto y = nlohmann::json::parse(test::read_text(d / "y.json"));
  EXPECT_EQ(y.at("raw").size(), 2u);
  EXPECT_EQ(y.at("raw")[0].size(), 16u);
  EXPECT_EQ(test::line_count(test::read_text(d / "out.hex")), 2);
}

TEST(CliNetwork, BadInputExitsTwoAndWritesNothing) {
  test::TempDir dir;
  const fs::path d = dir.path();
  const std::string network = kExamples + "/network.json";
  test::write_text(d / "plan.json", kPlan);
  const std::string out = (d / "gen").string();
  expect_input_error({"emit-network", "--network", network, "--plan", (d / "plan.json").string(), "--weights",
                      kExamples + "/weights_64x32_32x16.json", "--out", out},
                     "layer 0 ('encoder'): weights are 64x32, the network says 16x16");
  test::write_text(d / "short.json", R"({"layers": [{"id": "encoder", "bitstream_length": 96,
    "decorrelator": "Halton", "precision_bits": 6, "mode": "SC"}]})");
  expect_input_error(
      {"emit-network", "--network", network, "--plan", (d / "short.json").string(), "--out", out},
      "short.json: layer 'decoder' of the network is not planned");
  test::write_text(d / "rejected.json", R"({"layers": [], "rejected_layers": ["encoder", "decoder"]})");
  expect_input_error(
      {"emit-network", "--network", network, "--plan", (d / "rejected.json").string(), "--out", out},
      "the plan rejected layer \"encoder\"");
  EXPECT_FALSE(fs::exists(out));
  test::write_text(d / "x.json", "[[0.5, 0.5]]");
  expect_input_error({"simulate", "--network", network, "--plan", (d / "plan.json").string(), "--inputs",
                      (d / "x.json").string(), "--out", (d / "y.json").string()},
                     "x.json: vector 0 has 2 values, the first layer has 16 inputs");
  EXPECT_FALSE(fs::exists(d / "y.json"));
}

// Issue 14 item 3: accuracy on the user's data. With the exact network's own outputs as the reference and
// their argmax as labels, the exact counterpart is perfect and the SC network's error is what simulate's
// per-layer figures say it is.
TEST(CliNetwork, SimulateScoresTheNetworkAgainstAReferenceAndLabels) {
  test::TempDir dir;
  const fs::path d = dir.path();
  test::write_text(d / "plan.json", kPlan);
  const std::string network = kExamples + "/network.json", inputs = kExamples + "/network_inputs.json";
  const std::vector<std::string> base = {"simulate",
                                         "--network",
                                         network,
                                         "--plan",
                                         (d / "plan.json").string(),
                                         "--inputs",
                                         inputs,
                                         "--out",
                                         (d / "y.json").string()};
  ASSERT_EQ(run_cli(base).exit_code, 0);
  const auto y = nlohmann::json::parse(test::read_text(d / "y.json"));
  EXPECT_FALSE(y.contains("end_to_end"));
  nlohmann::json labels = nlohmann::json::array();
  for (const auto& row : y["exact"]) {
    const std::vector<double> v = row.get<std::vector<double>>();
    labels.push_back(std::max_element(v.begin(), v.end()) - v.begin());
  }
  test::write_text(d / "ref.json", y["exact"].dump());
  test::write_text(d / "labels.json", labels.dump());
  std::vector<std::string> args = base;
  args.back() = (d / "z.json").string();  // --out
  args.insert(args.end(),
              {"--reference", (d / "ref.json").string(), "--labels", (d / "labels.json").string()});
  const auto result = run_cli(args);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("end to end against the reference: SC score "), std::string::npos) << result.out;
  const auto z = nlohmann::json::parse(test::read_text(d / "z.json"));
  const auto& exact = z["end_to_end"]["exact"];
  EXPECT_EQ(exact["rmse"], 0.0);
  EXPECT_EQ(exact["accuracy_score"], 1.0);
  EXPECT_EQ(z["task_accuracy"]["exact"], 1.0);
  EXPECT_EQ(z["task_accuracy"]["vectors"], y["raw"].size());
  // The SC network's outputs against the same reference: the last layer's error, computed independently.
  double sum = 0, square = 0, ref_sum = 0, ref_square = 0;
  std::size_t n = 0, hits = 0;
  for (std::size_t v = 0; v < y["outputs"].size(); ++v) {
    const std::vector<double> sc = y["outputs"][v].get<std::vector<double>>();
    for (std::size_t j = 0; j < sc.size(); ++j) {
      const double want = y["exact"][v][j].get<double>(), e = sc[j] - want;
      sum += e;
      square += e * e;
      ref_sum += want;
      ref_square += want * want;
      ++n;
    }
    hits += static_cast<std::size_t>(std::max_element(sc.begin(), sc.end()) - sc.begin()) ==
            labels[v].get<std::size_t>();
  }
  const double rmse = std::sqrt(square / n),
               spread = std::sqrt(ref_square / n - (ref_sum / n) * (ref_sum / n));
  const auto& sc = z["end_to_end"]["sc"];
  EXPECT_NEAR(sc["rmse"].get<double>(), rmse, 1e-12);
  EXPECT_NEAR(sc["bias"].get<double>(), sum / n, 1e-12);
  EXPECT_NEAR(sc["rmse"].get<double>(), z["layers"][1]["rmse"].get<double>(), 1e-12);
  EXPECT_NEAR(sc["accuracy_score"].get<double>(), std::clamp(1.0 - rmse / spread, 0.0, 1.0), 1e-9);
  EXPECT_GT(sc["rmse"].get<double>(), 0.0);
  EXPECT_DOUBLE_EQ(z["task_accuracy"]["sc"].get<double>(), static_cast<double>(hits) / labels.size());
  // Wrong counts, widths and labels are one-line input errors naming the file and the vector.
  test::write_text(d / "bad_ref.json", "[[1, 2]]");
  std::vector<std::string> bad = base;
  bad.insert(bad.end(), {"--reference", (d / "bad_ref.json").string()});
  expect_input_error(
      bad, "bad_ref.json: 1 entries, the inputs have " + std::to_string(y["raw"].size()) + " vectors");
  nlohmann::json wide = y["exact"];
  wide[1].push_back(0.5);
  test::write_text(d / "wide.json", wide.dump());
  bad = base;
  bad.insert(bad.end(), {"--reference", (d / "wide.json").string()});
  expect_input_error(bad, "wide.json: vector 1 must be a list of 8 numbers");
  nlohmann::json wrong = labels;
  wrong[2] = 8;
  test::write_text(d / "wrong.json", wrong.dump());
  bad = base;
  bad.insert(bad.end(), {"--labels", (d / "wrong.json").string()});
  expect_input_error(bad, "wrong.json: vector 2: label must be a class index in [0, 8)");
}

TEST(CliNetwork, EmitNetworkReplacesAnEarlierFolderWhole) {
  test::TempDir dir;
  const fs::path d = dir.path();
  test::write_text(d / "plan.json", kPlan);
  fs::create_directories(d / "gen");
  test::write_text(d / "gen" / "stale.v", "module stale; endmodule\n");
  const auto result = run_cli({"emit-network", "--network", kExamples + "/network.json", "--plan",
                               (d / "plan.json").string(), "--out", (d / "gen").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(fs::exists(d / "gen" / "stale.v"));
  EXPECT_TRUE(fs::exists(d / "gen" / "sc_network.v"));
  EXPECT_EQ(std::distance(fs::directory_iterator(d), fs::directory_iterator()), 2);  // plan.json, gen
}

}  // namespace
}  // namespace scn::cli
