// iCE40: Yosys synth_ice40, nextpnr-ice40 (pack, place and route), icepack, icetime, all in Debian.
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/evidence/reports/report.hpp"
#include "sc_neurocore/flow/toolchain.hpp"

namespace scn::flow {
namespace {

const Tool& tool(const BuildContext& c, const std::string& name) { return c.tools.at(name); }

RunResult run_stage(const BuildContext& c, const std::string& stage, const std::string& log,
                    std::vector<std::string> argv, const std::string& marker = {},
                    std::function<void()> on_marker = {}) {
  ToolRun run{stage,  std::move(argv),     c.dir / "logs" / log, c.dir, c.timeout_seconds,
              marker, std::move(on_marker)};
  return run_tool_checked(run);
}

std::vector<std::string> device_args(const BuildContext& c) {
  return {c.device->device_flag, "--package", c.package};
}

// Yosys: synth_ice40 of one module with its statistics as JSON and the netlist for nextpnr.
StageReport synthesise(const BuildContext& c, const std::string& module, const std::string& tag) {
  const std::string stat = "reports/" + tag + ".stat.json";
  const std::string script = "synth_ice40 -top " + module + "; tee -q -o " + build_path(c, stat) +
                             " stat -json; write_json " + build_path(c, "work/" + tag + ".json");
  const RunResult r =
      run_stage(c, "synth " + tag, tag + ".yosys.out.log",
                {tool(c, "yosys").path.string(), "-q", "-l", build_path(c, "logs/" + tag + ".yosys.log"),
                 "-p", script, build_path(c, "design/sc_network.v")});
  return {"synth", c.dir / stat, "yosys", r.command};
}

StageReport pack_only(const BuildContext& c, const std::string& tag) {
  std::vector<std::string> argv = {tool(c, "nextpnr-ice40").path.string()};
  for (const auto& a : device_args(c)) argv.push_back(a);
  const std::string report = "reports/" + tag + ".pack.json";
  for (const std::string& a :
       std::vector<std::string>{"--pack-only", "--json", build_path(c, "work/" + tag + ".json"), "--report",
                                build_path(c, report)})
    argv.push_back(a);
  const RunResult r = run_stage(c, "pack " + tag, tag + ".pack.log", argv);
  return {"pack", c.dir / report, "nextpnr-ice40", r.command};
}

std::int64_t packed_logic_cells(const std::filesystem::path& report) {
  const evidence::ParsedReport parsed = evidence::parse_report_file(report);
  for (const auto& bel : parsed.metrics.bel_utilisation)
    if (bel.bel == "ICESTORM_LC") return bel.used;
  throw core::ToolError(report.string() + ": nextpnr-ice40 report has no ICESTORM_LC row");
}

class Ice40Toolchain final : public Toolchain {
 public:
  std::string family() const override { return "ice40"; }
  std::vector<ToolSpec> tools() const override {
    return {{"yosys", "--yosys", "yosys", {"-V"}},
            {"nextpnr-ice40", "--nextpnr", "nextpnr-ice40", {"--version"}},
            {"icepack", "--icepack", "fpga-icestorm", {}},
            {"icetime", "--icetime", "fpga-icestorm (and fpga-icestorm-chipdb)", {}}};
  }

  LayerBuild build_layer(const BuildContext& c, const std::string& module,
                         const std::string& tag) const override {
    LayerBuild build;
    build.reports.push_back(synthesise(c, module, tag));
    build.reports.push_back(pack_only(c, tag));
    return build;
  }

  TopBuild build_top(const BuildContext& c, const std::function<bool(std::int64_t)>& fits) const override {
    TopBuild build;
    const auto stage_done = [&](const std::string& what, double seconds) {
      c.progress->stage(what, seconds);
    };
    build.reports.push_back(synthesise(c, "sc_network", "top"));
    build.reports.push_back(pack_only(c, "top"));
    build.packed_cells = packed_logic_cells(build.reports.back().path);
    if (!fits(*build.packed_cells)) {
      build.stopped = "does not fit";
      return build;
    }
    std::vector<std::string> argv = {tool(c, "nextpnr-ice40").path.string()};
    for (const auto& a : device_args(c)) argv.push_back(a);
    char freq[32];
    std::snprintf(freq, sizeof freq, "%g", c.clock_mhz);
    for (const std::string& a : std::vector<std::string>{
             "--json", build_path(c, "work/top.json"), "--asc", build_path(c, "work/top.asc"), "--report",
             build_path(c, "reports/top.pnr.json"), "--freq", freq, "--seed", std::to_string(c.seed),
             "--timing-allow-fail"})
      argv.push_back(a);
    const double place_start = c.progress->elapsed();
    double route_start = 0;
    const RunResult pnr = run_stage(c, "place and route", "top.pnr.log", argv, "Info: Routing", [&] {
      route_start = c.progress->elapsed();
      stage_done("place (nextpnr-ice40)", route_start - place_start);
    });
    stage_done("route (nextpnr-ice40)",
               c.progress->elapsed() - (route_start > 0 ? route_start : place_start));
    build.reports.push_back(
        {"place_and_route", c.dir / "reports/top.pnr.json", "nextpnr-ice40", pnr.command});
    build.placed = true;
    const RunResult pack = run_stage(
        c, "pack bitstream", "top.icepack.log",
        {tool(c, "icepack").path.string(), build_path(c, "work/top.asc"), build_path(c, "sc_network.bin")});
    stage_done("pack bitstream (icepack)", pack.seconds);
    build.bitstream = c.dir / "sc_network.bin";
    std::string device = c.device->device_flag;
    while (!device.empty() && device.front() == '-') device.erase(device.begin());
    // icetime exits 1 when its estimate misses the clock: a finding (kept in its report), not a failure.
    ToolRun timing_run{"timing",
                       {tool(c, "icetime").path.string(), "-d", device, "-P", c.package, "-c", freq, "-t",
                        "-r", build_path(c, "reports/top.icetime.rpt"), build_path(c, "work/top.asc")},
                       c.dir / "logs" / "top.icetime.log",
                       c.dir,
                       c.timeout_seconds,
                       {},
                       {}};
    const RunResult timing = run_tool(timing_run);
    const bool report_written = std::filesystem::exists(c.dir / "reports/top.icetime.rpt");
    if (timing.exit_code != 0 && !(timing.exit_code == 1 && report_written))
      throw tool_exit_error(timing_run, timing.exit_code);
    if (timing.exit_code == 1)
      build.notes.push_back(
          "icetime: the " + std::string(freq) +
          " MHz clock constraint FAILED (its topological estimate; reports/top.icetime.rpt)");
    stage_done("timing (icetime)", timing.seconds);
    build.reports.push_back({"timing", c.dir / "reports/top.icetime.rpt", "icetime", timing.command});
    return build;
  }
};

}  // namespace

const Toolchain& ice40_toolchain() {
  static const Ice40Toolchain toolchain;
  return toolchain;
}

}  // namespace scn::flow
