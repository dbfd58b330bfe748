// Bad input through the CLI: exit 2, one line on stderr naming the input,
// nothing on stdout, and no output file left behind.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "sc_neurocore/compress/compress.hpp"
#include "sc_neurocore/io/weights.hpp"
#include "test_util.hpp"

namespace scn::cli {
namespace {
namespace fs = std::filesystem;

using test::run_cli;

const std::string kData = SCN_TEST_DATA_DIR;

void expect_input_error(const std::vector<std::string>& args, const std::string& fragment) {
  std::string joined;
  for (const auto& a : args) joined += a + " ";
  SCOPED_TRACE(joined);
  const auto result = run_cli(args);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(test::line_count(result.err), 1) << result.err;
  EXPECT_EQ(result.err.rfind("sc-neurocore: error: ", 0), 0u) << result.err;
  EXPECT_NE(result.err.find(fragment), std::string::npos) << result.err;
}

TEST(CliErrors, UnknownTargetListsValidNames) {
  expect_input_error({"estimate", "--layers", "4x2", "--target", "virtex7"},
                     "Unknown target 'virtex7'. Options: ['ice40', 'ecp5', 'artix7', 'zynq']");
  expect_input_error({"fit", "--layers", "4x2", "--random-weights", "1", "--target", "virtex7"},
                     "Unknown target 'virtex7'");
  expect_input_error({"optimise", "--network", kData + "/case_a_network.json", "--target-profile", "ice41"},
                     "unknown target profile 'ice41'; valid profiles: ['ice40-low-power'");
}

TEST(CliErrors, MalformedLayers) {
  for (const char* bad : {"32x", "x4", "-3x2", "abc"}) {
    expect_input_error({"estimate", std::string("--layers=") + bad},
                       std::string("--layers: invalid layer '") + bad);
    expect_input_error({"fit", std::string("--layers=") + bad, "--random-weights", "1"},
                       "--layers: invalid layer");
  }
}

TEST(CliErrors, WeightsThatDoNotMatchOrAreNotFinite) {
  test::TempDir dir;
  const auto wrong = (dir.path() / "wrong.npy").string();
  io::save_npy(wrong, core::make_matrix(8, 3, std::vector<double>(24, 0.5)));
  expect_input_error({"fit", "--layers", "4x2", "--weights", wrong},
                     "weights 0 have shape (8, 3), expected (4, 2) or its transpose (2, 4)");
  const auto nan = (dir.path() / "nan.npy").string();
  io::save_npy(nan, core::make_matrix(4, 2, {0, 1, 2, std::nan(""), 4, 5, 6, 7}));
  expect_input_error({"fit", "--layers", "4x2", "--weights", nan},
                     "nan.npy: weight element 3 is not finite (nan)");
  const auto inf = (dir.path() / "inf.npy").string();
  io::save_npy(inf, core::make_matrix(4, 2, {0, 1, 2, 3, 4, 5, 6, HUGE_VAL}));
  expect_input_error({"fit", "--layers", "4x2", "--weights", inf},
                     "inf.npy: weight element 7 is not finite (inf)");
  expect_input_error({"fit", "--layers", "4x2"},
                     "fit needs --weights FILE[,FILE...] or --random-weights SEED");
}

TEST(CliErrors, BitstreamLengths) {
  expect_input_error({"estimate", "--layers", "4x2", "--bitstream-length", "0"},
                     "bitstream length must be positive");
  expect_input_error({"estimate", "--layers", "4x2", "--bitstream-length=-8"},
                     "bitstream length must be positive");
  expect_input_error({"estimate", "--layers", "4x2", "--bitstream-length", "2.5"}, "--bitstream-length");
  expect_input_error({"fit", "--layers", "4x2", "--random-weights", "1", "--initial-bitstream-length", "0"},
                     "bitstream lengths must be positive integers");
  expect_input_error({"fit", "--layers", "4x2", "--random-weights", "1", "--min-bitstream-length=-32"},
                     "bitstream lengths must be positive integers");
  expect_input_error({"fit", "--layers", "4x2", "--random-weights", "1", "--min-bitstream-length", "64.5"},
                     "--min-bitstream-length");
  expect_input_error({"fit", "--layers", "4x2", "--random-weights", "1", "--min-bitstream-length", "512"},
                     "min_bitstream_length 512 is above initial_bitstream_length 256");
}

TEST(CliErrors, EveryManifestError) {
  test::TempDir dir;
  const std::pair<const char*, const char*> cases[] = {
      {"[]", "network manifest must be a JSON object"},
      {"{}", "network manifest must contain a non-empty layers list"},
      {R"({"layers": []})", "network manifest must contain a non-empty layers list"},
      {R"({"layers": ["x"]})", "layer 0 must be a JSON object"},
      {R"({"layers": [{"mac_count": 1}]})", "layer 0 missing id"},
      {R"({"layers": [{"id": "a"}]})", "layer 0 missing mac_count"},
      {R"({"layers": [{"id": "a", "mac_count": "lots"}]})", "layer 0 has invalid mac_count"},
      {R"({"layers": [{"id": "", "mac_count": 1}]})", "layer 0 id must be a non-empty string"},
      {R"({"layers": [{"id": "a", "mac_count": -1}]})", "layer 0 mac_count must be non-negative"},
      {R"({"layers": [{"id": "a", "mac_count": 1}, {"id": "a", "mac_count": 2}]})",
       "layer 1 has duplicate id 'a'"},
      {R"({"layers": [{"id": "a", "mac_count": 1, "is_critical_path": "yes"}]})",
       "layer 0 is_critical_path must be a boolean"},
      {R"({"layers": [)", "is not valid JSON: line 1, column 13"},
  };
  int index = 0;
  for (const auto& [text, message] : cases) {
    const auto path = (dir.path() / ("net" + std::to_string(index++) + ".json")).string();
    test::write_text(path, text);
    const auto out = (dir.path() / "plan.json").string();
    expect_input_error(
        {"optimise", "--network", path, "--max-luts", "100", "--max-power-mw", "1", "--out", out},
        path + (std::string(message).find("valid JSON") == std::string::npos ? ": " : " ") + message);
    EXPECT_FALSE(fs::exists(out));
  }
}

TEST(CliErrors, BudgetFlags) {
  const std::string network = kData + "/case_a_network.json";
  expect_input_error({"optimise", "--network", network}, "optimise needs --target-profile NAME");
  expect_input_error({"optimise", "--network", network, "--max-luts", "10"}, "--max-power-mw");
  expect_input_error(
      {"optimise", "--network", network, "--target-profile", "ice40-low-power", "--max-luts", "5"},
      "either --target-profile or --max-luts/--max-power-mw");
  expect_input_error({"optimise", "--network", network, "--max-luts=-1", "--max-power-mw", "5"},
                     "--max-luts must be non-negative");
  expect_input_error({"optimise", "--network", network, "--max-luts", "1", "--max-power-mw", "nan"},
                     "--max-power-mw must be a finite non-negative number");
  expect_input_error(
      {"optimise", "--network", network, "--max-luts", "1", "--max-power-mw", "1", "--profile", "fast"},
      "--profile");
}

TEST(CliErrors, FilesThatAreMissingDirectoriesOrUnwritable) {
  test::TempDir dir;
  const std::string network = kData + "/case_a_network.json";
  expect_input_error({"optimise", "--network", (dir.path() / "missing.json").string(), "--target-profile",
                      "ice40-low-power"},
                     "missing.json: no such file");
  expect_input_error({"optimise", "--network", dir.path().string(), "--target-profile", "ice40-low-power"},
                     "is a directory, expected a file");
  expect_input_error({"fit", "--layers", "4x2", "--weights", (dir.path() / "w.npy").string()},
                     "w.npy: no such file");
  const auto unwritable = (dir.path() / "no" / "such" / "plan.json").string();
  expect_input_error(
      {"optimise", "--network", network, "--target-profile", "ice40-low-power", "--out", unwritable},
      "plan.json: cannot write");
  EXPECT_FALSE(fs::exists(unwritable));
  expect_input_error(
      {"optimise", "--network", network, "--target-profile", "ice40-low-power", "--out", dir.path().string()},
      "is a directory");
  const auto empty = (dir.path() / "empty.json").string();
  test::write_text(empty, "");
  expect_input_error({"optimise", "--network", empty, "--target-profile", "ice40-low-power"},
                     "empty.json: file is empty");
  // No temporary files are left behind in the output folder.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(CliErrors, UnknownFlagOrCommand) {
  expect_input_error({"estimate", "--layers", "4x2", "--frobnicate"}, "--frobnicate");
  expect_input_error({"compile"}, "compile");
}

}  // namespace
}  // namespace scn::cli
