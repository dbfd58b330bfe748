// The generated Verilog, simulated by Icarus Verilog, against simulate_layer:
// the per-neuron counts must agree bit for bit.
#include "sc_neurocore/hw/verilog.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>
#include <sstream>

#include "test_util.hpp"

namespace scn::hw {
namespace {

std::string run_command(const std::string& command) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return out;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe.get()) != nullptr) out += buffer.data();
  return out;
}

std::vector<std::uint32_t> some_inputs(const LayerDesign& d) {
  std::vector<std::uint32_t> x;
  std::uint32_t state = 12345u + static_cast<std::uint32_t>(d.n_inputs);
  for (int i = 0; i < d.n_inputs; ++i) {
    state = state * 1103515245u + 12345u;
    x.push_back((state >> 8) % (1u << d.precision));
  }
  return x;
}

// Simulates the generated module under Icarus; returns {sc_ones, exact_sum} per neuron.
LayerResult icarus_result(const LayerDesign& d, const std::vector<std::uint32_t>& inputs) {
  const std::string iverilog = SCN_IVERILOG;
  const std::string vvp = SCN_VVP;
  if (iverilog.empty() || iverilog.ends_with("NOTFOUND") || vvp.ends_with("NOTFOUND")) {
    ADD_FAILURE() << "Icarus Verilog not found: run scripts/install-deps";
    return {};
  }
  test::TempDir dir;
  test::write_text(dir.path() / "layer.v", emit_layer_verilog(d, make_layer_weights(d)));
  test::write_text(dir.path() / "tb.v", emit_testbench(d, inputs));
  const std::string sim = (dir.path() / "sim.vvp").string();
  const std::string log =
      run_command(iverilog + " -g2005 -Wall -o " + sim + " " + (dir.path() / "tb.v").string() + " " +
                  (dir.path() / "layer.v").string() + " 2>&1");
  EXPECT_EQ(log, "") << "iverilog printed warnings or errors";
  std::istringstream out(run_command(vvp + " -n " + sim));
  LayerResult r{std::vector<std::int64_t>(static_cast<std::size_t>(d.n_neurons), -1),
                std::vector<std::int64_t>(static_cast<std::size_t>(d.n_neurons), -1)};
  std::string word;
  int j = 0;
  std::int64_t ones = 0, exact = 0;
  while (out >> word) {
    if (word == "neuron" && out >> j >> ones >> exact && j >= 0 && j < d.n_neurons) {
      r.sc_ones[static_cast<std::size_t>(j)] = ones;
      r.exact_sum[static_cast<std::size_t>(j)] = exact;
    }
  }
  return r;
}

struct Case {
  const char* name;
  LayerDesign design;
};

LayerDesign make(int n, int m, int length, int precision, sim::Generator g, sim::ComputeMode mode,
                 double sparsity = 0.0, int weight_bits = 0,
                 const char* polynomial = sim::kDefaultPolynomial) {
  LayerDesign d;
  d.n_inputs = n;
  d.n_neurons = m;
  d.bitstream_length = length;
  d.precision = precision;
  d.generator = g;
  d.mode = mode;
  d.sparsity = sparsity;
  d.weight_bits = weight_bits;
  d.polynomial = polynomial;
  return d;
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.name << " (" << module_name(c.design) << ")"; }

class GeneratedVerilog : public testing::TestWithParam<Case> {};

TEST_P(GeneratedVerilog, MatchesTheCppSimulatorBitForBit) {
  const LayerDesign& d = GetParam().design;
  const auto inputs = some_inputs(d);
  const LayerResult expected = simulate_layer(d, make_layer_weights(d), inputs);
  const LayerResult actual = icarus_result(d, inputs);
  EXPECT_EQ(actual.sc_ones, expected.sc_ones);
  EXPECT_EQ(actual.exact_sum, expected.exact_sum);
  // The counts are real work, not zeros: some neuron saw ones or exact products.
  std::int64_t total = 0;
  for (std::size_t j = 0; j < expected.sc_ones.size(); ++j)
    total += expected.sc_ones[j] + expected.exact_sum[j];
  EXPECT_GT(total, 0);
}

using sim::ComputeMode;
using sim::Generator;
INSTANTIATE_TEST_SUITE_P(
    Configurations, GeneratedVerilog,
    testing::Values(Case{"lfsr_sc", make(4, 3, 64, 8, Generator::kLfsr, ComputeMode::kSc)},
                    Case{"sobol_hybrid", make(5, 2, 128, 6, Generator::kSobol, ComputeMode::kHybrid)},
                    Case{"halton_sparse", make(3, 4, 100, 5, Generator::kHalton, ComputeMode::kSc, 0.25)},
                    Case{"scc_quantised", make(6, 3, 256, 8, Generator::kScc, ComputeMode::kSc, 0.0, 4)},
                    Case{"none_shared", make(4, 2, 64, 8, Generator::kNone, ComputeMode::kSc)},
                    Case{"lfsr_degree8",
                         make(4, 2, 300, 6, Generator::kLfsr, ComputeMode::kSc, 0.5, 3, "x8+x6+x5+x4+1")},
                    Case{"deterministic", make(4, 2, 1, 8, Generator::kLfsr, ComputeMode::kDeterministic)}),
    [](const testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(EmitVerilog, CliWritesTheModuleAndPrintsItsName) {
  test::TempDir dir;
  const auto out = dir.path() / "layer.v";
  const auto r =
      test::run_cli({"emit-verilog", "--n-inputs", "8", "--n-neurons", "4", "--bitstream-length", "256",
                     "--precision", "8", "--generator", "sobol", "--mode", "sc", "--out", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "sc_layer_8x4_l256_p8_q8_sobol_sc_s0\n");
  EXPECT_NE(test::read_text(out).find("module sc_layer_8x4_l256_p8_q8_sobol_sc_s0 ("), std::string::npos);
}

TEST(EmitVerilog, CliRejectsAnUnknownGeneratorWithoutWriting) {
  test::TempDir dir;
  const auto out = dir.path() / "layer.v";
  const auto r = test::run_cli({"emit-verilog", "--n-inputs", "8", "--n-neurons", "4", "--generator",
                                "xorshift", "--out", out.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "sc-neurocore: error: unknown generator 'xorshift'; valid: none, lfsr, sobol, halton, scc\n");
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace scn::hw
