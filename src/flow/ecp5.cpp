// ECP5: Yosys synth_ecp5. Debian ships no nextpnr-ecp5, so the open flow stops after synthesis and says so.
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/flow/toolchain.hpp"

namespace scn::flow {
namespace {

class Ecp5Toolchain final : public Toolchain {
 public:
  std::string family() const override { return "ecp5"; }
  std::vector<ToolSpec> tools() const override { return {{"yosys", "--yosys", "yosys", {"-V"}}}; }

  LayerBuild build_layer(const BuildContext& c, const std::string& module,
                         const std::string& tag) const override {
    return {{synthesise(c, module, tag)}};
  }

  TopBuild build_top(const BuildContext& c, const std::function<bool(std::int64_t)>&) const override {
    TopBuild build;
    build.reports.push_back(synthesise(c, "sc_network", "top"));
    build.stopped =
        "synthesis only: Debian has no nextpnr-ecp5, so the design is not placed, routed or timed";
    return build;
  }

 private:
  static StageReport synthesise(const BuildContext& c, const std::string& module, const std::string& tag) {
    const std::string stat = "reports/" + tag + ".stat.json";
    ToolRun run{"synth " + tag,
                {c.tools.at("yosys").path.string(), "-q", "-l", build_path(c, "logs/" + tag + ".yosys.log"),
                 "-p", "synth_ecp5 -top " + module + "; tee -q -o " + build_path(c, stat) + " stat -json",
                 build_path(c, "design/sc_network.v")},
                c.dir / "logs" / (tag + ".yosys.out.log"),
                c.dir,
                c.timeout_seconds,
                {},
                {}};
    const RunResult r = run_tool_checked(run);
    return {"synth", c.dir / stat, "yosys", r.command};
  }
};

}  // namespace

const Toolchain& ecp5_toolchain() {
  static const Ecp5Toolchain toolchain;
  return toolchain;
}

}  // namespace scn::flow
