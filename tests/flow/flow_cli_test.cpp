// synth through the CLI without running a whole build: a missing tool, a design predicted too big, a bad
// package and a stage that times out all stop with one line and leave no build folder (not even the
// temporary one beside it).
#include <gtest/gtest.h>

#include <filesystem>

#include "test_util.hpp"

namespace scn::flow {
namespace {
namespace fs = std::filesystem;

using test::run_cli;

const std::string kExamples = SCN_EXAMPLES_DIR;

const char* kPlan = R"({"layers": [
  {"id": "encoder", "bitstream_length": 64, "decorrelator": "Sobol", "precision_bits": 4, "mode": "SC"},
  {"id": "decoder", "bitstream_length": 64, "decorrelator": "Sobol", "precision_bits": 4, "mode": "SC"}]})";

std::vector<std::string> synth_args(const fs::path& dir, std::vector<std::string> extra) {
  std::vector<std::string> args = {"synth",
                                   "--network",
                                   kExamples + "/network.json",
                                   "--plan",
                                   (dir / "plan.json").string(),
                                   "--out",
                                   (dir / "BUILD").string(),
                                   "--quiet"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

int entries(const fs::path& dir) {
  return static_cast<int>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(SynthCli, AMissingToolExitsTwoNamingItsPackageAndWritesNothing) {
  test::TempDir dir;
  test::write_text(dir.path() / "plan.json", kPlan);
  const auto r = run_cli(synth_args(dir.path(), {"--nextpnr", "/nonexistent/nextpnr-ice40"}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(test::line_count(r.err), 1) << r.err;
  EXPECT_NE(
      r.err.find("--nextpnr /nonexistent/nextpnr-ice40: not an executable file (nextpnr-ice40 is in the "
                 "Debian package nextpnr-ice40)"),
      std::string::npos)
      << r.err;
  EXPECT_EQ(entries(dir.path()), 1);  // plan.json only
}

TEST(SynthCli, ADesignPredictedTooBigExitsThreeBeforeAnyToolRuns) {
  test::TempDir dir;
  test::write_text(dir.path() / "plan.json", R"({"layers": [
    {"id": "conv_flat", "bitstream_length": 256, "decorrelator": "LFSR", "precision_bits": 8, "mode": "SC"},
    {"id": "hidden", "bitstream_length": 256, "decorrelator": "LFSR", "precision_bits": 8, "mode": "SC"},
    {"id": "classifier", "bitstream_length": 256, "decorrelator": "LFSR", "precision_bits": 8, "mode": "SC"}]})");
  const auto r =
      run_cli({"synth", "--network", kExamples + "/network_196x64x32x10.json", "--plan",
               (dir.path() / "plan.json").string(), "--weights", kExamples + "/weights_196x64x32x10.json",
               "--device", "ice40-hx1k", "--out", (dir.path() / "BUILD").string()});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(test::line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("ICESTORM_LC (predicted), device ice40-hx1k has 1,280; no tool was run"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(entries(dir.path()), 1);
}

// Two Halton layers at L = 4096 and 16 bits keep their ROMs in 16 SB_RAM40_4K blocks each
// (model::rom_bram_bits); the HX1K has 16. --force lifts the logic-cell check, not this one: the placer could
// not build it.
TEST(SynthCli, MoreBlockRamThanTheDeviceHasExitsThreeEvenWithForce) {
  test::TempDir dir;
  test::write_text(dir.path() / "net.json", R"({"layers": [
    {"id": "a", "n_inputs": 4, "n_neurons": 4, "mac_count": 16, "is_critical_path": false},
    {"id": "b", "n_inputs": 4, "n_neurons": 2, "mac_count": 8, "is_critical_path": false}]})");
  test::write_text(dir.path() / "plan.json", R"({"layers": [
    {"id": "a", "bitstream_length": 4096, "decorrelator": "Halton", "precision_bits": 16, "mode": "SC"},
    {"id": "b", "bitstream_length": 4096, "decorrelator": "Halton", "precision_bits": 16, "mode": "SC"}]})");
  const auto r = run_cli({"synth", "--network", (dir.path() / "net.json").string(), "--plan",
                          (dir.path() / "plan.json").string(), "--device", "ice40-hx1k", "--force", "--out",
                          (dir.path() / "BUILD").string()});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(test::line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("needs 32 SB_RAM40_4K blocks (predicted; layers 'a' 16, 'b' 16), "
                       "device ice40-hx1k has 16; no tool was run"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(entries(dir.path()), 2);  // net.json and plan.json: no BUILD
}

// A folded layer whose weights need more block RAM than the device has: 64 neuron lanes of 9-bit signed
// weights are a 576-bit word, 128 words deep: 36 SB_RAM40_4K (model/memory_blocks), the HX1K has 16.
TEST(SynthCli, AFoldedLayerWhoseWeightsOverflowTheBlockRamExitsThree) {
  test::TempDir dir;
  test::write_text(dir.path() / "net.json", R"({"layers": [
    {"id": "wide", "n_inputs": 128, "n_neurons": 64, "mac_count": 8192, "is_critical_path": false}]})");
  test::write_text(dir.path() / "plan.json", R"({"layers": [
    {"id": "wide", "bitstream_length": 64, "decorrelator": "LFSR", "precision_bits": 8, "mode": "SC",
     "fold": {"neuron_lanes": 64, "input_lanes": 1, "weight_memory": "block_ram"}}]})");
  std::string weights = "[[";
  for (int i = 0; i < 128; ++i)
    for (int j = 0; j < 64; ++j)
      weights += std::string(j == 0 ? (i == 0 ? "[" : "], [") : ", ") +
                 std::to_string(((i * 7 + j * 13) % 255) - 127);
  weights += "]]]";
  test::write_text(dir.path() / "w.json", weights);
  const auto r = run_cli({"synth", "--network", (dir.path() / "net.json").string(), "--plan",
                          (dir.path() / "plan.json").string(), "--weights", (dir.path() / "w.json").string(),
                          "--device", "ice40-hx1k", "--force", "--out", (dir.path() / "BUILD").string()});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(test::line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("needs 36 SB_RAM40_4K blocks (predicted; layers 'wide' 36), device ice40-hx1k has 16; "
                       "no tool was run"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(entries(dir.path()), 3);  // the inputs only: no BUILD
}

// SPRAM layers (hw::spram_layout): 'a' and 'b' hold 9,000 chunks of two 9-bit lanes (18 bits: two rows of
// one block would be 18,000 rows, so two blocks side by side), 'c' 200 chunks of 90 bits in one block: 5
// SB_SPRAM256KA, the UP5K has 4. The HX8K has no SPRAM at all.
TEST(SynthCli, SpramLayersNeedADeviceWithEnoughSpramBeforeAnyToolRuns) {
  test::TempDir dir;
  test::write_text(dir.path() / "net.json", R"({"layers": [
    {"id": "a", "n_inputs": 200, "n_neurons": 90, "mac_count": 18000, "is_critical_path": false},
    {"id": "b", "n_inputs": 90, "n_neurons": 200, "mac_count": 18000, "is_critical_path": false},
    {"id": "c", "n_inputs": 200, "n_neurons": 10, "mac_count": 2000, "is_critical_path": false}]})");
  const std::string fold =
      R"("bitstream_length": 16, "decorrelator": "LFSR", "precision_bits": 8, "mode": "SC")";
  test::write_text(dir.path() / "plan.json", R"({"layers": [{"id": "a", )" + fold +
                                                 R"(, "fold": {"neuron_lanes": 2, "weight_memory": "spram"}},
    {"id": "b", )" + fold + R"(, "fold": {"neuron_lanes": 2, "weight_memory": "spram"}},
    {"id": "c", )" + fold + R"(, "fold": {"neuron_lanes": 10, "weight_memory": "spram"}}]})");
  const auto args = [&](const std::string& device) {
    return std::vector<std::string>{"synth",
                                    "--network",
                                    (dir.path() / "net.json").string(),
                                    "--plan",
                                    (dir.path() / "plan.json").string(),
                                    "--device",
                                    device,
                                    "--force",
                                    "--out",
                                    (dir.path() / "BUILD").string()};
  };
  const auto up5k = run_cli(args("ice40-up5k"));
  EXPECT_EQ(up5k.exit_code, 3) << up5k.err;
  EXPECT_EQ(test::line_count(up5k.err), 1) << up5k.err;
  EXPECT_NE(up5k.err.find("needs 5 SB_SPRAM256KA blocks (predicted; layers 'a' 2, 'b' 2, 'c' 1), device "
                          "ice40-up5k has 4; no tool was run"),
            std::string::npos)
      << up5k.err;
  const auto hx8k = run_cli(args("ice40-hx8k"));
  EXPECT_EQ(hx8k.exit_code, 2) << hx8k.err;
  EXPECT_EQ(test::line_count(hx8k.err), 1) << hx8k.err;
  EXPECT_NE(hx8k.err.find("layer 'a': weight_memory spram, but device ice40-hx8k has no SPRAM"),
            std::string::npos)
      << hx8k.err;
  EXPECT_EQ(entries(dir.path()), 2);  // net.json and plan.json: no BUILD
}

// 16-bit layers with an SPRAM layer: 6 + 16 + 17 pins and the 10 of the weight-load port, more than the 39
// user I/O of the UP5K's sg48, where nextpnr could not place them.
TEST(SynthCli, MorePinsThanThePackageHasExitsThreeBeforeAnyToolRuns) {
  test::TempDir dir;
  test::write_text(dir.path() / "net.json", R"({"layers": [
    {"id": "a", "n_inputs": 4, "n_neurons": 3, "mac_count": 12, "is_critical_path": false},
    {"id": "b", "n_inputs": 3, "n_neurons": 2, "mac_count": 6, "is_critical_path": false}]})");
  test::write_text(dir.path() / "plan.json", R"({"layers": [
    {"id": "a", "bitstream_length": 16, "decorrelator": "LFSR", "precision_bits": 16, "mode": "SC",
     "fold": {"neuron_lanes": 3, "weight_memory": "spram"}},
    {"id": "b", "bitstream_length": 16, "decorrelator": "LFSR", "precision_bits": 16, "mode": "SC"}]})");
  const auto r = run_cli({"synth", "--network", (dir.path() / "net.json").string(), "--plan",
                          (dir.path() / "plan.json").string(), "--device", "ice40-up5k", "--out",
                          (dir.path() / "BUILD").string()});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(test::line_count(r.err), 1) << r.err;
  EXPECT_NE(
      r.err.find("needs 49 I/O pins (the ports of sc_network), package sg48 of ice40-up5k has 39; no tool "
                 "was run"),
      std::string::npos)
      << r.err;
  EXPECT_EQ(entries(dir.path()), 2);
}

TEST(SynthCli, APackageTheDeviceDoesNotHaveIsAnInputError) {
  test::TempDir dir;
  test::write_text(dir.path() / "plan.json", kPlan);
  const auto r = run_cli(synth_args(dir.path(), {"--device", "ice40-up5k", "--package", "ct256"}));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--package ct256: not a package of ice40-up5k (uwg30, sg48)"), std::string::npos)
      << r.err;
  EXPECT_EQ(entries(dir.path()), 1);
}

TEST(SynthCli, AStageThatTimesOutNamesTheStageAndItsLogAndLeavesNoFolder) {
  test::TempDir dir;
  test::write_text(dir.path() / "plan.json", kPlan);
  const auto r = run_cli(synth_args(dir.path(), {"--timeout", "0.05"}));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(test::line_count(r.err), 1) << r.err;
  EXPECT_NE(r.err.find(": yosys timed out after 0.05 s (log "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("synth layer"), std::string::npos) << r.err;
  // No BUILD and no temporary folder; the failed stage's logs are kept in BUILD.logs, where the error points.
  EXPECT_FALSE(fs::exists(dir.path() / "BUILD"));
  EXPECT_NE(r.err.find("(log " + (dir.path() / "BUILD.logs").string() + "/"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_directory(dir.path() / "BUILD.logs"));
  EXPECT_EQ(entries(dir.path()), 2);  // plan.json, BUILD.logs
}

}  // namespace
}  // namespace scn::flow
