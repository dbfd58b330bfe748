// Running the external tools of a build: found on PATH or given by a flag,
// their versions recorded, each run with its output in a log file, a
// timeout, and Ctrl-C honoured (the tool's process group is stopped).
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sc_neurocore/core/error.hpp"

namespace scn::flow {

// A tool a toolchain needs, and where a user gets it.
struct ToolSpec {
  std::string name;            // "yosys"
  std::string flag;            // "--yosys"
  std::string debian_package;  // "yosys"
  // Empty: the tool has no version option; its version is that of the Debian package holding it.
  std::vector<std::string> version_args = {"--version"};
};

struct Tool {
  std::string name;
  std::filesystem::path path;
  std::string version;  // the first line the tool prints for its version flag, or its package's version
};

// The tool at `given` (when not empty) or on PATH. InputError (exit 2) naming the tool, the flag and the
// Debian package when it is not found or not executable.
Tool find_tool(const ToolSpec& spec, const std::filesystem::path& given);

// The executable `name` in a folder of PATH, if any.
std::optional<std::filesystem::path> on_path(const std::string& name);

// Everything a command prints (stdout and stderr), with a 30 s limit; a non-zero exit still counts ("" when
// it cannot run).
std::string output_of(const std::vector<std::string>& argv);

// The Yosys release a text names ("0.23" in "Yosys 0.23 (git sha1 ...)" or in a calibration's source "Yosys
// 0.23 synth_ice40, 244 layers"); empty when it names none.
std::string yosys_release(std::string_view text);
// A warning when the Yosys that builds differs from the one the cost model was calibrated with (the model's
// source), else empty: the cell figures are fitted to one toolchain (docs/hardware.md, "On the tools users
// run").
std::string calibration_toolchain_warning(std::string_view model_source, std::string_view yosys_version);

// One tool run: argv[0] is the tool's path; output (stdout and stderr) appended to `log`.
struct ToolRun {
  std::string stage;  // "synth top", shown in errors
  std::vector<std::string> argv;
  std::filesystem::path log;
  std::filesystem::path cwd;
  double timeout_seconds = 0;  // 0 = none
  // Called (from the waiting thread) once when the log first contains `marker` (nextpnr's routing start).
  std::string marker;
  std::function<void()> on_marker;
};

struct RunResult {
  int exit_code = 0;
  double seconds = 0;
  std::string command;  // the argv as one shell-quoted line, for provenance
};

// Runs the tool and waits; its exit status is the result. ToolError "<stage>: <tool> timed out after S s (log
// <path>)", "... was killed by signal N", "cannot execute", or "<stage>: interrupted" (with interrupted()
// set) when interrupt_requested() became true.
RunResult run_tool(const ToolRun& run);

// The one message of a tool that failed: ToolError "<stage>: <tool file name> exited with N (log <path>)",
// the log being `shown_log` when given (Yosys' own -l log rather than its console), else the run's.
core::ToolError tool_exit_error(const ToolRun& run, int exit_code,
                                const std::filesystem::path& shown_log = {});

// run_tool, with any non-zero exit thrown as tool_exit_error.
RunResult run_tool_checked(const ToolRun& run, const std::filesystem::path& shown_log = {});

// Runs a process of ours (the sweep's synth builds) like run_tool, executing `executable` (argv[0] is only
// shown; the sweep runs /proc/self/exe, so that a rebuild during the sweep cannot pull it away), but its exit
// status is the result (128 + signal when killed, 127 when it could not be executed), never a ToolError; and
// a Ctrl-C is passed on as SIGINT with 30 s to end (synth stops its tools and removes its temporary folder)
// before SIGKILL.
RunResult run_child(const ToolRun& run, const std::filesystem::path& executable);

// The argv as one line a shell reads back (single quotes where needed).
std::string shell_line(const std::vector<std::string>& argv);

// Ctrl-C: while an InterruptScope lives, SIGINT and SIGTERM set the flag instead of killing the process, so
// that the running tool is stopped and the temporary build folder removed.
class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;
};
bool interrupt_requested();

// One line per stage on stderr: "sc-neurocore synth: [  12.3 s] <text>", from any thread.
class Progress {
 public:
  explicit Progress(std::string prefix, bool quiet = false);
  void line(const std::string& text);
  // "<name> done in S s" (+ detail), recorded for the build's timing summary.
  void stage(const std::string& name, double seconds, const std::string& detail = {});
  double elapsed() const;
  std::vector<std::pair<std::string, double>> stages() const;

 private:
  std::string prefix_;
  bool quiet_;
  std::chrono::steady_clock::time_point start_;
  mutable std::mutex mutex_;
  std::vector<std::pair<std::string, double>> stages_;
};

// Runs task(i) for every i < count on `jobs` threads (this one among them), starting them in index order;
// done(i) is called under a lock after each task. No task starts after a Ctrl-C; the first exception a task
// throws is rethrown once every thread has ended (the tasks already started finish).
void for_each_parallel(std::size_t count, int jobs, const std::function<void(std::size_t)>& task,
                       const std::function<void(std::size_t)>& done);

// Wall time during which at least one tool ran since the last reset (the flow's own overhead is the rest).
void reset_tool_time();
double tool_seconds();

}  // namespace scn::flow
