// The sweep: many plans built by `synth`, each in a process of its own (run_tool), N at once, every build's
// comparison collected into OUT/sweep.json. The one engine behind `sc-neurocore sweep` and
// sc_neurocore.hw.sweep; the Python side adds only the Dask executor, which asks this engine for the job
// list, runs each build through `sc-neurocore sweep --build-one` on a worker and hands the rows back here.
// It lives in flow/ because its builds run on flow's process runner.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sc_neurocore/flow/process.hpp"

namespace scn::flow {

// What `sc-neurocore sweep` is given. Exactly one source: `plans` (a folder), `plan_files` (a list, from
// Python) or `pareto` (a frontier of optimise --pareto).
struct SweepOptions {
  std::filesystem::path network;
  std::filesystem::path plans;
  std::vector<std::filesystem::path> plan_files;
  std::filesystem::path pareto;
  std::vector<std::filesystem::path> weights;
  std::string device = "ice40-hx8k";
  std::optional<double> clock_mhz;
  std::string package;
  std::filesystem::path out;
  int jobs = 1;
  double timeout = 0;
  int max_points = 0;
  bool within_budget = false;
};

// One plan of the sweep: built into OUT/<name>/, its synth output in OUT/<name>.log.
struct SweepJob {
  std::string name;
  std::filesystem::path plan;
};

// How a build's synth is started: `argv` before "synth" as the program gets it, `shown` the program as the
// log names it, `executable` the file run (the CLI through /proc/self/exe, so that a rebuild during the
// sweep cannot pull it away).
struct SynthCommand {
  std::vector<std::string> argv;
  std::string shown;
  std::filesystem::path executable;
};

// Provenance fields of sweep.json that depend on who ran the sweep (the CLI, or Python on Dask).
struct SweepProvenance {
  std::string generator = "sc-neurocore sweep";
  nlohmann::json tool_version;
  nlohmann::json cli;
  std::string runner = "local";
  nlohmann::json scheduler;  // null, or the Dask scheduler's address
  nlohmann::json jobs;       // plans at once, or null on Dask
};

// Bad input found once, before any build (InputError / FileError); `check_tools`: every tool of the device's
// flow must be on PATH (a Dask worker has its own PATH, so the Python side skips it there).
void check_sweep_options(const SweepOptions& options, bool check_tools);

// Indices of `count` points evenly spaced over n (both ends kept); all of them when count is 0 or >= n.
std::vector<std::size_t> evenly_spaced(std::size_t n, std::size_t count);

// The plans to build (--max-points of them, evenly spaced); the points of --pareto are written as plans
// OUT/plans/point_NNN.json. Creates OUT.
std::vector<SweepJob> sweep_jobs(const SweepOptions& options);

// sweep.json's "source": where the plans came from and how they were picked.
nlohmann::json sweep_source(const SweepOptions& options);

// synth's arguments for one plan, from "synth" on.
std::vector<std::string> synth_arguments(const SweepOptions& options, const SweepJob& job);

// The arguments of `sc-neurocore sweep` that build this one job (--build-one): a Dask worker's task.
std::vector<std::string> build_one_arguments(const SweepOptions& options, const SweepJob& job);

// This executable as synth's command: inside a Python interpreter (the CLI loaded in-process by
// `python3 -m sc_neurocore`) that is `python3 -m sc_neurocore`.
SynthCommand this_executable_as_synth();

// Builds one plan: removes an earlier sweep's build, writes the command line into the log, runs synth with
// its output appended (a Ctrl-C is passed on as SIGINT), and returns the plan's result row.
nlohmann::json build_one_plan(const SweepOptions& options, const SweepJob& job, const SynthCommand& synth);

// One plan's entry of sweep.json, from its exit status and what its build folder holds.
nlohmann::json plan_result(const SweepJob& job, const std::filesystem::path& build,
                           const std::filesystem::path& log, int code, double seconds);

// Counts by outcome and the median / max |relative error| of the logic cells and fmax.
nlohmann::json sweep_summary(const nlohmann::json& results);

// The progress line of one finished plan (after "i/n ").
std::string sweep_progress_text(const nlohmann::json& result);

// The table `sc-neurocore sweep` prints, of a sweep.json.
std::string sweep_table(const nlohmann::json& sweep);

// The rows of the jobs finished in order, and whether a Ctrl-C stopped the sweep.
struct SweepRows {
  nlohmann::json results = nlohmann::json::array();
  bool interrupted = false;
};

// Builds the jobs `options.jobs` at once on this machine, one progress line each.
SweepRows build_locally(const SweepOptions& options, const std::vector<SweepJob>& jobs,
                        const SynthCommand& synth, Progress& progress);

// The content of sweep.json.
nlohmann::json sweep_record(const SweepOptions& options, const SweepProvenance& provenance,
                            const SweepRows& rows);

// Writes OUT/sweep.json atomically, the table to `table` (when given), then the progress line saying so.
void write_sweep(const std::filesystem::path& out, const nlohmann::json& record, std::ostream* table,
                 Progress& progress);

// sweep.json's content, and how many plans the sweep set out to build.
struct SweepOutcome {
  nlohmann::json record;
  std::size_t planned = 0;
};

// The whole local sweep after the checks (job list, builds, sweep.json); the caller decides what an
// interrupted sweep or one without any build means.
SweepOutcome run_sweep(const SweepOptions& options, const SweepProvenance& provenance,
                       const SynthCommand& synth, Progress& progress, std::ostream* table);

}  // namespace scn::flow
