// The versions synth records in evidence.json: a tool's own version line, or, for icepack and icetime (which
// have no version option and print their usage instead), the version of the Debian package holding them.
#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include "sc_neurocore/flow/process.hpp"
#include "sc_neurocore/flow/toolchain.hpp"

namespace scn::flow {
namespace {

std::string command_output(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  std::string text;
  char buffer[256];
  while (pipe && std::fgets(buffer, sizeof buffer, pipe.get()) != nullptr) text += buffer;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

TEST(ToolVersion, IcepackAndIcetimeAreRecordedByTheirDebianPackageVersion) {
  const std::string package_version =
      command_output("dpkg-query -W -f='${Version}' fpga-icestorm 2>/dev/null");
  if (package_version.empty() || command_output("command -v icepack").empty())
    GTEST_SKIP() << "fpga-icestorm is not installed (scripts/install-deps installs it)";
  int checked = 0;
  for (const ToolSpec& spec : toolchain_for("ice40").tools()) {
    if (spec.name != "icepack" && spec.name != "icetime") continue;
    EXPECT_EQ(find_tool(spec, {}).version, "fpga-icestorm " + package_version) << spec.name;
    ++checked;
  }
  EXPECT_EQ(checked, 2);
}

TEST(ToolVersion, AToolWithAVersionOptionIsRecordedByItsFirstLine) {
  if (command_output("command -v yosys").empty()) GTEST_SKIP() << "yosys is not installed";
  const Tool yosys = find_tool({"yosys", "--yosys", "yosys", {"-V"}}, {});
  EXPECT_EQ(yosys.version.rfind("Yosys ", 0), 0u) << yosys.version;
  EXPECT_EQ(yosys.version, command_output("yosys -V"));
}

TEST(ToolVersion, TheYosysReleaseOfAVersionLineOrAModelSource) {
  EXPECT_EQ(yosys_release("Yosys 0.23 (git sha1 7ce5011c24b)"), "0.23");
  EXPECT_EQ(yosys_release("Yosys 0.70 (git sha1 28ba3cb92, Release, Clang 22.1.0)"), "0.70");
  EXPECT_EQ(yosys_release("Yosys 0.23 synth_ice40, 244 layers"), "0.23");
  EXPECT_EQ(yosys_release("nextpnr-ice40 -- Next Generation Place and Route"), "");
  EXPECT_EQ(yosys_release("Yosys .x"), "");
}

TEST(ToolVersion, ABuildWithAnotherYosysThanTheCalibrationsIsWarnedAbout) {
  const std::string source = "Yosys 0.23 synth_ice40, 244 layers";
  EXPECT_EQ(calibration_toolchain_warning(source, "Yosys 0.23 (git sha1 7ce5011c24b)"), "");
  EXPECT_EQ(calibration_toolchain_warning(source, "unknown"), "");
  EXPECT_EQ(
      calibration_toolchain_warning(source, "Yosys 0.70 (git sha1 28ba3cb92, Release)"),
      "the cell model is calibrated with Yosys 0.23, this build used Yosys 0.70: predicted cells may differ "
      "from these measurements by more than the model's held-out error (docs/hardware.md, \"On the tools "
      "users run\")");
}

}  // namespace
}  // namespace scn::flow
