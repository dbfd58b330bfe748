// The tools are given absolute paths into the build folder (the WebAssembly builds of Yosys and nextpnr
// resolve a relative work/... against /work when that exists), but the recorded commands stay relative, so
// the evidence of one build does not depend on where, or under which temporary name, it was built.
#include <gtest/gtest.h>

#include <filesystem>

#include "sc_neurocore/flow/process.hpp"
#include "sc_neurocore/flow/toolchain.hpp"

namespace scn::flow {
namespace {

namespace fs = std::filesystem;

TEST(BuildPath, ToolsGetAbsolutePathsIntoTheBuildFolder) {
  BuildContext c;
  c.dir = "/srv/builds/net.tmp-1";
  EXPECT_EQ(build_path(c, "work/top.json"), "/srv/builds/net.tmp-1/work/top.json");
}

TEST(BuildPath, AFolderWithWhiteSpaceKeepsRelativePathsForYosysScripts) {
  BuildContext c;
  c.dir = "/srv/my builds/net";
  EXPECT_EQ(build_path(c, "work/top.json"), "work/top.json");
}

TEST(BuildPath, TheRecordedCommandNamesTheBuildFolderRelatively) {
  const fs::path dir = fs::temp_directory_path() / "scn-build-path-test";
  fs::create_directories(dir);
  BuildContext c;
  c.dir = dir;
  ToolRun run{"echo",
              {"/bin/echo", "-l", build_path(c, "logs/a.log"), "-p",
               "tee -o " + build_path(c, "reports/s.json") + "; write_json " + build_path(c, "work/t.json")},
              dir / "echo.log",
              dir,
              0,
              {},
              {}};
  const RunResult r = run_tool_checked(run);
  EXPECT_EQ(r.command, "/bin/echo -l logs/a.log -p 'tee -o reports/s.json; write_json work/t.json'");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace scn::flow
