// optimise --validation / --verify-top (issue 14, item 3): the plan is re-scored by simulating the network
// it describes. No accuracy of the model is pinned here: the measured figures must be exactly what simulate
// reports for the same plan file, the verified plans the planner's next-best ones.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "test_util.hpp"

namespace scn::cli {
namespace {
namespace fs = std::filesystem;

using test::run_cli;

const std::string kExamples = SCN_EXAMPLES_DIR;
const std::string kNetwork = kExamples + "/network.json";
const std::string kWeights = kExamples + "/network_weights.json";
const std::string kInputs = kExamples + "/network_inputs.json";

nlohmann::json read_json(const fs::path& path) { return nlohmann::json::parse(test::read_text(path)); }

// Reference outputs (8 per vector, as the example network's last layer) and labels for the 64 example
// vectors: any finite values will do, the test compares the two commands, not the scores.
void write_expected(const fs::path& d) {
  nlohmann::json reference = nlohmann::json::array(), labels = nlohmann::json::array();
  for (int v = 0; v < 64; ++v) {
    nlohmann::json row = nlohmann::json::array();
    for (int j = 0; j < 8; ++j) row.push_back(0.25 * ((v * 7 + j * 3) % 11) - 1.0);
    reference.push_back(row);
    labels.push_back((v * 5) % 8);
  }
  test::write_text(d / "reference.json", reference.dump());
  test::write_text(d / "labels.json", labels.dump());
}

// A plan file holding only the knobs of a validation entry, as a user would write it.
void write_plan(const fs::path& path, const nlohmann::json& entry) {
  nlohmann::json layers = nlohmann::json::array();
  for (const auto& l : entry["layers"]) {
    layers.push_back({{"id", l["id"]},
                      {"bitstream_length", l["bitstream_length"]},
                      {"decorrelator", l["decorrelator"]},
                      {"lfsr_polynomial", l["lfsr_polynomial"]},
                      {"precision_bits", l["precision_bits"]},
                      {"mode", l["mode"]}});
    if (l.contains("fold")) layers.back()["fold"] = l["fold"];
  }
  test::write_text(path, nlohmann::json{{"layers", layers}}.dump());
}

// simulate on `plan` with the same data; its JSON output.
nlohmann::json simulate(const fs::path& d, const fs::path& plan, std::vector<std::string> extra,
                        const std::string& out_name) {
  std::vector<std::string> args = {"simulate", "--network",   kNetwork,
                                   "--plan",   plan.string(), "--inputs",
                                   kInputs,    "--out",       (d / out_name).string()};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto result = run_cli(args);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return read_json(d / out_name);
}

// What optimise measured for one plan is what simulate reports for it: per layer, against the reference and
// the labels, and (sc_vs_exact) against the exact network's outputs as a reference.
void expect_measured_as_simulate(const fs::path& d, const fs::path& plan, const nlohmann::json& measured,
                                 std::vector<std::string> data, const std::string& tag) {
  SCOPED_TRACE(tag);
  const nlohmann::json y = simulate(d, plan, data, tag + "_y.json");
  EXPECT_EQ(measured["layers"], y["layers"]);
  EXPECT_EQ(measured.contains("end_to_end"), y.contains("end_to_end"));
  if (y.contains("end_to_end")) {
    EXPECT_EQ(measured["end_to_end"], y["end_to_end"]);
  }
  EXPECT_EQ(measured.contains("task_accuracy"), y.contains("task_accuracy"));
  if (y.contains("task_accuracy")) {
    EXPECT_EQ(measured["task_accuracy"], y["task_accuracy"]);
  }
  test::write_text(d / (tag + "_exact.json"), y["exact"].dump());
  std::vector<std::string> against_exact = {"--reference", (d / (tag + "_exact.json")).string()};
  for (std::size_t k = 0; k + 1 < data.size(); ++k)
    if (data[k] == "--weights" || data[k] == "--seed")
      against_exact.insert(against_exact.end(), {data[k], data[k + 1]});
  const nlohmann::json z = simulate(d, plan, against_exact, tag + "_z.json");
  EXPECT_EQ(measured["sc_vs_exact"], z["end_to_end"]["sc"]);
}

std::string knobs_key(const nlohmann::json& entry) {
  std::string key;
  for (const auto& l : entry["layers"])
    key += l["id"].get<std::string>() + ":" + std::to_string(l["bitstream_length"].get<int>()) + "/" +
           l["decorrelator"].get<std::string>() + "/" + l["lfsr_polynomial"].get<std::string>() + "/" +
           std::to_string(l["precision_bits"].get<int>()) + "/" + l["mode"].get<std::string>() +
           (l.contains("fold") ? "/" + l["fold"].dump() : "") + ";";
  return key;
}

TEST(CliValidation, MeasuresTheChosenAndTheVerifiedPlansAsSimulateDoes) {
  test::TempDir dir;
  const fs::path d = dir.path();
  write_expected(d);
  const std::string reference = (d / "reference.json").string(), labels = (d / "labels.json").string();
  const auto result = run_cli({"optimise", "--network", kNetwork, "--weights", kWeights, "--target-profile",
                               "ice40-low-power", "--validation", kInputs + "," + reference + "," + labels,
                               "--verify-top", "3", "--out", (d / "plan.json").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const nlohmann::json plan = read_json(d / "plan.json");
  ASSERT_TRUE(plan.contains("validation"));
  const nlohmann::json& v = plan["validation"];
  EXPECT_EQ(v["inputs"], kInputs);
  EXPECT_EQ(v["reference"], reference);
  EXPECT_EQ(v["labels"], labels);
  EXPECT_EQ(v["weights"], kWeights);
  EXPECT_EQ(v["vectors"], 64);
  EXPECT_EQ(v["lut_unit"], plan["lut_unit"]);
  // The chosen plan as the planner saw it...
  const nlohmann::json& chosen = v["chosen"];
  EXPECT_EQ(chosen["cells"], plan["total_luts"]);
  EXPECT_EQ(chosen["predicted"]["mean_accuracy"], plan["mean_accuracy"]);
  EXPECT_EQ(chosen["objective"], plan["search"]["objective"]);
  ASSERT_EQ(chosen["layers"].size(), plan["layers"].size());
  for (const auto& layer : plan["layers"]) {
    bool found = false;
    for (std::size_t i = 0; i < chosen["layers"].size(); ++i)
      if (chosen["layers"][i]["id"] == layer["id"]) {
        found = true;
        EXPECT_EQ(chosen["layers"][i]["cells"], layer["luts_used"]);
        EXPECT_EQ(chosen["layers"][i]["bitstream_length"], layer["bitstream_length"]);
        EXPECT_EQ(chosen["predicted"]["layers"][i]["accuracy_score"], layer["accuracy_score"]);
      }
    EXPECT_TRUE(found) << layer["id"];
  }
  // ... and measured exactly as simulate measures the written plan file.
  const std::vector<std::string> data = {"--weights", kWeights, "--reference", reference, "--labels", labels};
  expect_measured_as_simulate(d, d / "plan.json", chosen["measured"], data, "chosen");

  // --verify-top 3: three plans within the budget, distinct knobs, best objective first; the chosen plan is
  // among those with the best objective; each measured as simulate measures its knobs.
  ASSERT_EQ(v["verify_top"], 3);
  ASSERT_EQ(v["verified"].size(), 3u);
  std::set<std::string> keys;
  int chosen_count = 0;
  for (std::size_t r = 0; r < 3; ++r) {
    const nlohmann::json& entry = v["verified"][r];
    EXPECT_EQ(entry["rank"], r + 1);
    keys.insert(knobs_key(entry));
    EXPECT_LE(entry["cells"].get<std::int64_t>(), plan["logic_cell_budget"].get<std::int64_t>());
    if (r > 0) {
      EXPECT_LE(entry["objective"].get<double>(), v["verified"][r - 1]["objective"].get<double>());
    }
    EXPECT_LE(entry["objective"].get<double>(), plan["search"]["objective"].get<double>() + 1e-9);
    if (entry["is_chosen"].get<bool>()) {
      ++chosen_count;
      EXPECT_EQ(knobs_key(entry), knobs_key(chosen));
      EXPECT_NEAR(entry["objective"].get<double>(), v["verified"][0]["objective"].get<double>(), 1e-12);
      EXPECT_EQ(entry["measured"], chosen["measured"]);
    } else {
      EXPECT_NE(knobs_key(entry), knobs_key(chosen));
    }
    write_plan(d / ("verified_" + std::to_string(r) + ".json"), entry);
    expect_measured_as_simulate(d, d / ("verified_" + std::to_string(r) + ".json"), entry["measured"], data,
                                "verified_" + std::to_string(r));
  }
  EXPECT_EQ(keys.size(), 3u);
  EXPECT_EQ(chosen_count, 1);
  // A progress line with its elapsed time per simulated plan (the chosen plan's twin is not simulated again).
  EXPECT_EQ(test::line_count(result.err), 3) << result.err;
  EXPECT_NE(result.err.find("sc-neurocore: validation: chosen plan ("), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(" vectors in "), std::string::npos) << result.err;
}

// Without reference outputs the network is scored against its exact counterpart, and the seeded weights are
// the ones emit-network and simulate seed (same --seed).
TEST(CliValidation, WithoutReferenceScoresAgainstTheExactNetworkWithSeededWeights) {
  test::TempDir dir;
  const fs::path d = dir.path();
  const auto result = run_cli({"optimise", "--network", kNetwork, "--target-profile", "ice40-low-power",
                               "--validation", kInputs, "--seed", "5", "--out", (d / "plan.json").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const nlohmann::json v = read_json(d / "plan.json")["validation"];
  EXPECT_TRUE(v["reference"].is_null());
  EXPECT_TRUE(v["labels"].is_null());
  EXPECT_EQ(v["weights"], "seeded");
  EXPECT_EQ(v["seed"], 5);
  EXPECT_FALSE(v.contains("verified"));
  const nlohmann::json& measured = v["chosen"]["measured"];
  EXPECT_FALSE(measured.contains("end_to_end"));
  EXPECT_FALSE(measured.contains("task_accuracy"));
  expect_measured_as_simulate(d, d / "plan.json", measured, {"--seed", "5"}, "seeded");
  // Another seed builds other weights: the measurement follows them.
  const nlohmann::json other = simulate(d, d / "plan.json", {"--seed", "1"}, "seed1.json");
  EXPECT_NE(measured["layers"], other["layers"]);
}

TEST(CliValidation, OutputIsByteIdenticalAcrossRuns) {
  test::TempDir dir;
  const fs::path d = dir.path();
  write_expected(d);
  std::vector<std::string> outs;
  std::vector<std::string> tables;
  for (const char* name : {"a.json", "b.json"}) {
    const auto result =
        run_cli({"optimise", "--network", kNetwork, "--weights", kWeights, "--target-profile",
                 "ice40-low-power", "--validation", kInputs + "," + (d / "reference.json").string(),
                 "--verify-top", "2", "--format", "table", "--out", (d / name).string()});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    outs.push_back(test::read_text(d / name));
    tables.push_back(result.out);
  }
  EXPECT_EQ(outs[0], outs[1]);
  EXPECT_EQ(tables[0], tables[1]);
  // The table's block: one row for the chosen plan and one per verified plan.
  EXPECT_NE(tables[0].find("predicted vs measured on 64 vectors of " + kInputs), std::string::npos)
      << tables[0];
  EXPECT_NE(tables[0].find("\nchosen "), std::string::npos) << tables[0];
  EXPECT_NE(tables[0].find("\n#1"), std::string::npos) << tables[0];
  EXPECT_NE(tables[0].find("\n#2"), std::string::npos) << tables[0];
  EXPECT_EQ(tables[0].find("\n#3"), std::string::npos) << tables[0];
}

void expect_usage_error(const std::vector<std::string>& args, const std::string& fragment,
                        const fs::path& out) {
  std::string joined;
  for (const auto& a : args) joined += a + " ";
  SCOPED_TRACE(joined);
  const auto result = run_cli(args);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(test::line_count(result.err), 1) << result.err;
  EXPECT_NE(result.err.find(fragment), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST(CliValidation, BadUseAndBadDataAreOneLineErrors) {
  test::TempDir dir;
  const fs::path d = dir.path();
  const fs::path out = d / "plan.json";
  const std::vector<std::string> base = {"optimise",        "--network", kNetwork,    "--target-profile",
                                         "ice40-low-power", "--out",     out.string()};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  expect_usage_error(with({"--verify-top", "2"}), "--validation", out);
  expect_usage_error(with({"--validation", kInputs, "--verify-top", "0"}), "--verify-top", out);
  expect_usage_error(with({"--validation", kInputs, "--profile", "reference"}),
                     "--validation needs the default profile", out);
  // A vector of the wrong width names the file and the vector.
  nlohmann::json x = read_json(kInputs);
  x[3].erase(x[3].begin());
  test::write_text(d / "narrow.json", x.dump());
  expect_usage_error(with({"--validation", (d / "narrow.json").string()}),
                     (d / "narrow.json").string() + ": vector 3 has 15 values, the first layer has 16 inputs",
                     out);
  // Expected outputs that are neither labels nor vectors, labels out of range, two files of one kind.
  test::write_text(d / "mixed.json", "[1, [0.5]]");
  expect_usage_error(with({"--validation", kInputs + "," + (d / "mixed.json").string()}),
                     (d / "mixed.json").string() + ": vector 1 is not a class index", out);
  nlohmann::json labels = nlohmann::json::array();
  for (int v = 0; v < 64; ++v) labels.push_back(v == 9 ? 8 : 0);
  test::write_text(d / "labels.json", labels.dump());
  expect_usage_error(with({"--validation", kInputs + "," + (d / "labels.json").string()}),
                     (d / "labels.json").string() + ": vector 9: label must be a class index in [0, 8)", out);
  expect_usage_error(with({"--validation", kInputs + "," + (d / "labels.json").string() + "," +
                                               (d / "labels.json").string()}),
                     "are both class labels", out);
}

// No plan fits: nothing to simulate, said in the plan and the table; the run still succeeds as before.
TEST(CliValidation, AnInfeasiblePlanHasNothingToSimulate) {
  test::TempDir dir;
  const fs::path d = dir.path();
  const auto result =
      run_cli({"optimise", "--network", kNetwork, "--max-luts", "100", "--max-power-mw", "1", "--validation",
               kInputs, "--verify-top", "2", "--format", "table", "--out", (d / "plan.json").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const nlohmann::json plan = read_json(d / "plan.json");
  ASSERT_FALSE(plan["feasible"].get<bool>());
  const nlohmann::json& v = plan["validation"];
  EXPECT_TRUE(v["chosen"].is_null());
  EXPECT_TRUE(v["vectors"].is_null());
  EXPECT_EQ(v["verified"], nlohmann::json::array());
  EXPECT_NE(result.out.find("validation on " + kInputs + ": no plan fits the budget"), std::string::npos)
      << result.out;
  EXPECT_EQ(result.err, "");
}

// Without the flag the plan is what it was: no validation object, nothing on stderr.
TEST(CliValidation, ThePlanWithoutTheFlagHasNoValidation) {
  test::TempDir dir;
  const fs::path d = dir.path();
  const auto result = run_cli({"optimise", "--network", kNetwork, "--target-profile", "ice40-low-power",
                               "--out", (d / "plan.json").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(read_json(d / "plan.json").contains("validation"));
  EXPECT_EQ(result.err, "");
}

}  // namespace
}  // namespace scn::cli
