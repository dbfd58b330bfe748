// `sc-neurocore sweep`: the flags of the sweep engine (flow/sweep.hpp), which builds many plans with synth,
// N at once, and collects every build's comparison into OUT/sweep.json. With --scheduler the Python side
// (python/sc_neurocore/hw/sweep.py) runs the same engine's builds on a Dask cluster; its workers run one
// build each through the hidden --build-one NAME --build-plan PLAN, which prints that plan's result row.
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "command.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/flow/process.hpp"
#include "sc_neurocore/flow/sweep.hpp"
#include "sc_neurocore/io/views.hpp"

namespace scn::cli {
namespace {
namespace fs = std::filesystem;

constexpr const char* kPython = "/usr/bin/python3";

class SweepCommand : public Command {
 public:
  std::string name() const override { return "sweep"; }
  std::string description() const override {
    return "Build many plans (a folder of plans or the points of a Pareto frontier) with synth, N at once "
           "or on a Dask cluster, and collect their measured evidence into OUT/sweep.json";
  }
  void add_options(CLI::App& command) override {
    command.add_option("--network", o_.network, "Network manifest JSON (with n_inputs, n_neurons)")
        ->required();
    auto* plans =
        command.add_option("--plans", o_.plans, "Folder of plan JSON files: every *.json, sorted by name");
    auto* pareto = command.add_option("--pareto", o_.pareto,
                                      "Frontier JSON of optimise --pareto: each point is a plan point_NNN");
    plans->excludes(pareto);
    command
        .add_option("--weights", o_.weights,
                    "Weights: one .npy per layer or a JSON list of matrices (as synth)")
        ->delimiter(',');
    command.add_option("--device", o_.device, "Device of the catalogue (as synth)")->capture_default_str();
    command.add_option("--clock-mhz", o_.clock_mhz,
                       "Clock constraint (default: the device's calibrated clock)");
    command.add_option("--package", o_.package, "Package (default: the device's)");
    command.add_option("--out", o_.out, "Sweep folder: OUT/<plan>/ builds, OUT/<plan>.log, OUT/sweep.json")
        ->required();
    auto* jobs =
        command.add_option("--jobs", o_.jobs, "Plans built at once on this machine")->capture_default_str();
    auto* scheduler = command.add_option(
        "--scheduler", scheduler_,
        "Address of a Dask scheduler: run the sweep there (python3 -m sc_neurocore.hw.sweep, "
        "Debian's python3-distributed)");
    jobs->excludes(scheduler);
    command
        .add_option("--timeout", o_.timeout,
                    "Seconds each tool stage of a build may run (synth --timeout; 0 = none)")
        ->capture_default_str();
    command
        .add_flag("--within-budget", o_.within_budget,
                  "With --pareto: only the points within the target's budget (\"within_budget\": true)")
        ->needs(pareto);
    command
        .add_option("--max-points", o_.max_points,
                    "Build at most K plans, evenly spaced over the frontier (or the folder); 0 = all")
        ->capture_default_str();
    // A Dask worker's task (the Python side composes it from flow::build_one_arguments). A hidden option
    // group, not hidden options: those would change the help text (CLI11 ends it with an empty line then).
    CLI::Option_group* worker = command.add_option_group("worker");
    worker->group("");
    auto* one = worker->add_option("--build-one", build_one_, "Build the one plan NAME, print its row");
    worker->add_option("--build-plan", build_plan_, "The plan file of --build-one")->needs(one);
  }

  int run() override {
    if (!build_one_.empty()) return run_build_one();
    flow::check_sweep_options(o_, scheduler_.empty());
    if (!scheduler_.empty()) return run_python();
    return run_local();
  }

 private:
  int run_local() {
    flow::Progress progress("sc-neurocore sweep");
    const flow::SynthCommand synth = flow::this_executable_as_synth();
    flow::SweepProvenance provenance;
    provenance.tool_version = SCN_VERSION;
    provenance.cli = synth.shown;
    provenance.jobs = o_.jobs;
    const flow::SweepOutcome outcome = flow::run_sweep(o_, provenance, synth, progress, &std::cout);
    const nlohmann::json& s = outcome.record.at("summary");
    const fs::path written = o_.out / "sweep.json";
    if (outcome.record.at("interrupted") == true)
      throw core::ToolError("sweep interrupted after " + std::to_string(outcome.record.at("results").size()) +
                                " of " + std::to_string(outcome.planned) + " plan(s); " + written.string() +
                                " holds them",
                            true);
    if (s.at("built").get<std::int64_t>() + s.at("does_not_fit").get<std::int64_t>() == 0)
      throw core::ToolError("no plan was built: every synth failed (the logs are in " + o_.out.string() +
                            ")");
    return 0;
  }

  // One build of a Dask worker: its result row as JSON on stdout (a failed synth is a row, not an error).
  int run_build_one() {
    if (build_plan_.empty()) throw core::InputError("--build-one needs --build-plan");
    flow::SweepOptions options = o_;
    options.plan_files = {build_plan_};
    flow::check_sweep_options(options, false);  // the worker's tools: a missing one is that plan's failure
    flow::InterruptScope interrupts;
    const nlohmann::json row =
        flow::build_one_plan(options, {build_one_, build_plan_}, flow::this_executable_as_synth());
    std::cout << io::json_document(row) << std::flush;
    return 0;
  }

  // --scheduler: the Python side, with the same arguments and this executable as its CLI.
  int run_python() {
    const flow::SynthCommand self = flow::this_executable_as_synth();
    const fs::path exe = self.shown;
    const bool python = self.argv.size() > 1;  // python3 -m sc_neurocore
    std::vector<std::string> args = {kPython, "-m", "sc_neurocore.hw.sweep", "--network",
                                     o_.network.string()};
    if (!o_.plans.empty()) args.insert(args.end(), {"--plans", o_.plans.string()});
    if (!o_.pareto.empty()) args.insert(args.end(), {"--pareto", o_.pareto.string()});
    if (!o_.weights.empty())
      args.insert(args.end(), {"--weights", core::join(o_.weights, ",", [](const std::filesystem::path& p) {
                                 return p.string();
                               })});
    args.insert(args.end(), {"--device", o_.device});
    if (!o_.package.empty()) args.insert(args.end(), {"--package", o_.package});
    if (o_.clock_mhz) args.insert(args.end(), {"--clock-mhz", core::py::float_repr(*o_.clock_mhz)});
    args.insert(args.end(), {"--out", o_.out.string(), "--scheduler", scheduler_});
    if (o_.timeout > 0) args.insert(args.end(), {"--timeout", core::py::float_repr(o_.timeout)});
    if (o_.max_points > 0) args.insert(args.end(), {"--max-points", std::to_string(o_.max_points)});
    if (o_.within_budget) args.push_back("--within-budget");
    // Inside Python the CLI is this interpreter's sc_neurocore: the Python side finds it without --cli.
    if (!python && !exe.empty()) args.insert(args.end(), {"--cli", exe.string()});
    ensure_python_package(exe);
    return hand_over(args, python);
  }

  // Replaces this process by the Python sweep; in-process (python3 -m sc_neurocore sweep) runs it as a child
  // on this terminal instead, so that the caller's interpreter survives.
  static int hand_over(const std::vector<std::string>& args, bool python) {
    std::fflush(stdout);
    std::cerr << std::flush;
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (!python) {
      ::execv(kPython, argv.data());
      throw core::InputError(std::string("--scheduler: cannot run ") + kPython + ": " + std::strerror(errno));
    }
    const pid_t pid = ::fork();
    if (pid < 0)
      throw core::ToolError(std::string("--scheduler: cannot start ") + kPython + ": " +
                            std::strerror(errno));
    if (pid == 0) {
      ::execv(kPython, argv.data());
      ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  // `import sc_neurocore` must work for /usr/bin/python3. A build tree's package (BUILD/python beside the
  // executable) is put on PYTHONPATH when the environment has none that works.
  static void ensure_python_package(const fs::path& exe) {
    if (python_imports("sc_neurocore.hw")) return;
    const fs::path tree = exe.parent_path() / "python";
    std::error_code ec;
    if (!exe.empty() && fs::is_directory(tree / "sc_neurocore", ec)) {
      const char* old = std::getenv("PYTHONPATH");
      const std::string value = tree.string() + (old && *old ? ":" + std::string(old) : "");
      ::setenv("PYTHONPATH", value.c_str(), 1);
      if (python_imports("sc_neurocore.hw")) return;
    }
    throw core::InputError(
        std::string("--scheduler runs the Python sweep, but ") + kPython +
        " cannot import sc_neurocore: pip install . (in the checkout) or set PYTHONPATH to a "
        "build's python folder; the Dask scheduler also needs Debian's python3-distributed");
  }

  // Whether /usr/bin/python3 imports the module (its output thrown away).
  static bool python_imports(const std::string& module) {
    flow::ToolRun run;
    run.stage = "sweep";
    run.argv = {kPython, "-c", "import " + module};
    run.log = "/dev/null";
    run.cwd = fs::current_path();
    try {
      return flow::run_child(run, kPython).exit_code == 0;
    } catch (const core::Error&) {
      return false;
    }
  }

  flow::SweepOptions o_;
  std::string scheduler_;
  std::string build_one_;
  fs::path build_plan_;
};

SCN_REGISTER_COMMAND(SweepCommand)

}  // namespace
}  // namespace scn::cli
