#include "sc_neurocore/flow/process.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "sc_neurocore/core/error.hpp"

namespace scn::flow {
namespace fs = std::filesystem;
namespace {

std::atomic<bool> g_interrupt{false};

// The union of the intervals in which some tool runs (tools run in parallel during layer synthesis).
std::mutex g_busy_mutex;
int g_running = 0;
std::chrono::steady_clock::time_point g_busy_since;
double g_busy_seconds = 0;

void tool_started() {
  const std::lock_guard<std::mutex> lock(g_busy_mutex);
  if (g_running++ == 0) g_busy_since = std::chrono::steady_clock::now();
}

void tool_stopped() {
  const std::lock_guard<std::mutex> lock(g_busy_mutex);
  if (--g_running == 0)
    g_busy_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - g_busy_since).count();
}
std::atomic<int> g_scopes{0};
struct sigaction g_old_int {};
struct sigaction g_old_term {};

extern "C" void on_signal(int) { g_interrupt.store(true); }

bool executable(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

}  // namespace

std::optional<fs::path> on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::string dirs(path);
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t colon = dirs.find(':', start);
    const std::string dir =
        dirs.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / name;
    if (executable(candidate)) return candidate;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return std::nullopt;
}

std::string output_of(const std::vector<std::string>& argv) {
  char name[] = "/tmp/scn-version-XXXXXX";
  const int fd = ::mkstemp(name);
  if (fd < 0) return "";
  ::close(fd);
  try {
    ToolRun run{"version", argv, name, fs::current_path(), 30, {}, {}};
    run_tool(run);
  } catch (const core::Error&) {
    // Some tools exit non-zero after printing their version: the text still counts.
  }
  std::ifstream in(name);
  std::stringstream text;
  text << in.rdbuf();
  ::unlink(name);
  return text.str();
}

namespace {

std::string first_line(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos) return line;
  return "";
}

// For a tool without a version option (icepack, icetime print their usage instead), the version of the
// Debian package that installed it: "fpga-icestorm 0~20230218gitd20a5e9-1~deb12u1".
std::string package_version_of(const fs::path& tool) {
  const std::optional<fs::path> dpkg_query = on_path("dpkg-query");
  std::error_code ec;
  const fs::path real = fs::canonical(tool, ec);
  if (!dpkg_query || ec) return "unknown (no version option, not installed by a Debian package)";
  // "fpga-icestorm: /usr/bin/icepack"; several packages would be "a, b: path".
  const std::string owner = first_line(output_of({dpkg_query->string(), "-S", real.string()}));
  const std::size_t colon = owner.find(": ");
  if (colon == std::string::npos || owner.find(", ") < colon)
    return "unknown (no version option, not installed by a Debian package)";
  const std::string package = owner.substr(0, colon);
  const std::string version = first_line(output_of({dpkg_query->string(), "-W", "-f=${Version}\n", package}));
  return version.empty() ? package : package + " " + version;
}

std::string version_of(const fs::path& tool, const std::vector<std::string>& args) {
  if (args.empty()) return package_version_of(tool);
  std::vector<std::string> argv = {tool.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return first_line(output_of(argv));
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

}  // namespace

Tool find_tool(const ToolSpec& spec, const fs::path& given) {
  std::optional<fs::path> path;
  if (!given.empty()) {
    if (!executable(given))
      throw core::InputError(spec.flag + " " + given.string() + ": not an executable file (" + spec.name +
                             " is in the Debian package " + spec.debian_package + ")");
    path = given;
  } else {
    path = on_path(spec.name);
  }
  if (!path)
    throw core::InputError(spec.name + " not found on PATH: install the Debian package " +
                           spec.debian_package + " (scripts/install-deps) or give " + spec.flag + " PATH");
  return {spec.name, *path, version_of(*path, spec.version_args)};
}

std::string shell_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const std::string& arg : argv) {
    const bool plain = !arg.empty() && arg.find_first_not_of(
                                           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                           "0123456789-_./=:+,@%") == std::string::npos;
    std::string quoted = "'";
    for (const char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += (line.empty() ? "" : " ") + (plain ? arg : quoted + "'");
  }
  return line;
}

namespace {

// Forks and executes the run's program with stdout and stderr on `log_fd`, in a process group of its own (a
// timeout or Ctrl-C stops the tool and its children).
pid_t start_child(const ToolRun& run, const fs::path& executable, int log_fd) {
  std::vector<char*> argv;
  for (const std::string& a : run.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log_fd);
    throw core::ToolError(run.stage + ": cannot start " + run.argv.front() + ": " + std::strerror(errno));
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    if (::chdir(run.cwd.c_str()) != 0) ::_exit(126);
    ::execv(executable.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(log_fd);
  ::setpgid(pid, pid);
  return pid;
}

// A child of ours interrupted: SIGINT once, SIGKILL when it has not ended 30 s later. True when it was
// killed (and reaped into `status`).
bool pass_on_interrupt(pid_t pid, std::optional<std::chrono::steady_clock::time_point>& signalled,
                       int& status) {
  if (!signalled) {
    ::kill(-pid, SIGINT);
    signalled = std::chrono::steady_clock::now();
    return false;
  }
  if (std::chrono::steady_clock::now() - *signalled <= std::chrono::seconds(30)) return false;
  ::kill(-pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return true;
}

// Reads what the log gained since `scanned` and calls on_marker once when the marker shows up.
void scan_for_marker(const ToolRun& run, bool& marker_seen, std::streamoff& scanned) {
  std::ifstream in(run.log);
  in.seekg(std::max<std::streamoff>(0, scanned - static_cast<std::streamoff>(run.marker.size())));
  std::string chunk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (chunk.find(run.marker) != std::string::npos) {
    marker_seen = true;
    if (run.on_marker) run.on_marker();
  }
  scanned += static_cast<std::streamoff>(chunk.size());
}

// Waits for the child; returns why we stopped it ("" when it ended by itself).
std::string wait_for_child(const ToolRun& run, bool ours, pid_t pid,
                           std::chrono::steady_clock::time_point start, int& status) {
  bool marker_seen = run.marker.empty();
  std::streamoff scanned = 0;
  std::string stopped;
  std::optional<std::chrono::steady_clock::time_point> signalled;
  while (true) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (stopped.empty() && g_interrupt.load()) stopped = "interrupted";
    if (stopped.empty() && run.timeout_seconds > 0 && seconds > run.timeout_seconds)
      stopped = "timed out after " + seconds_text(run.timeout_seconds) + " s";
    if (ours && stopped == "interrupted") {
      if (pass_on_interrupt(pid, signalled, status)) break;
    } else if (!stopped.empty()) {
      ::kill(-pid, SIGTERM);
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    if (!marker_seen) scan_for_marker(run, marker_seen, scanned);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return stopped;
}

// The argv as the record shows it: every mention of the working folder ("<cwd>/") removed, so that a build's
// recorded commands do not depend on where (or under which temporary name) it was built.
std::string recorded_command(const ToolRun& run) {
  if (run.cwd.empty()) return shell_line(run.argv);
  const std::string folder = fs::absolute(run.cwd).string() + "/";
  std::vector<std::string> shown = run.argv;
  for (std::string& arg : shown)
    for (std::size_t at = arg.find(folder); at != std::string::npos; at = arg.find(folder, at))
      arg.erase(at, folder.size());
  return shell_line(shown);
}

// run_tool, or run_child when `ours`: the status of a process of ours is its result, not an error.
RunResult run_process(const ToolRun& run, const fs::path& executable, bool ours) {
  RunResult result;
  result.command = recorded_command(run);
  const auto start = std::chrono::steady_clock::now();
  const int log_fd = ::open(run.log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0)
    throw core::FileError(run.log.string() + ": cannot write the log of " + run.stage + ": " +
                          std::strerror(errno));
  const pid_t pid = start_child(run, executable, log_fd);
  tool_started();
  int status = 0;
  const std::string stopped = wait_for_child(run, ours, pid, start, status);
  tool_stopped();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (ours) {
    result.exit_code = WIFSIGNALED(status) ? 128 + WTERMSIG(status)
                       : WIFEXITED(status) ? WEXITSTATUS(status)
                                           : 1;
    return result;
  }
  const std::string where = " (log " + run.log.string() + ")";
  if (stopped == "interrupted") throw core::ToolError(run.stage + ": interrupted" + where, true);
  if (!stopped.empty())
    throw core::ToolError(run.stage + ": " + fs::path(run.argv.front()).filename().string() + " " + stopped +
                          where);
  if (WIFSIGNALED(status))
    throw core::ToolError(run.stage + ": " + fs::path(run.argv.front()).filename().string() +
                          " was killed by signal " + std::to_string(WTERMSIG(status)) + where);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (result.exit_code == 127)
    throw core::ToolError(run.stage + ": cannot execute " + run.argv.front() + where);
  return result;
}

}  // namespace

RunResult run_tool(const ToolRun& run) { return run_process(run, run.argv.front(), false); }

core::ToolError tool_exit_error(const ToolRun& run, int exit_code, const fs::path& shown_log) {
  return core::ToolError(run.stage + ": " + fs::path(run.argv.front()).filename().string() + " exited with " +
                         std::to_string(exit_code) + " (log " +
                         (shown_log.empty() ? run.log : shown_log).string() + ")");
}

RunResult run_tool_checked(const ToolRun& run, const fs::path& shown_log) {
  const RunResult result = run_tool(run);
  if (result.exit_code != 0) throw tool_exit_error(run, result.exit_code, shown_log);
  return result;
}

RunResult run_child(const ToolRun& run, const fs::path& executable) {
  return run_process(run, executable, true);
}

InterruptScope::InterruptScope() {
  if (g_scopes.fetch_add(1) == 0) {
    g_interrupt.store(false);
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &g_old_int);
    ::sigaction(SIGTERM, &action, &g_old_term);
  }
}

InterruptScope::~InterruptScope() {
  if (g_scopes.fetch_sub(1) == 1) {
    ::sigaction(SIGINT, &g_old_int, nullptr);
    ::sigaction(SIGTERM, &g_old_term, nullptr);
  }
}

bool interrupt_requested() { return g_interrupt.load(); }

void reset_tool_time() {
  const std::lock_guard<std::mutex> lock(g_busy_mutex);
  g_busy_seconds = 0;
}

double tool_seconds() {
  const std::lock_guard<std::mutex> lock(g_busy_mutex);
  return g_busy_seconds;
}

void for_each_parallel(std::size_t count, int jobs, const std::function<void(std::size_t)>& task,
                       const std::function<void(std::size_t)>& done) {
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::exception_ptr error;
  auto worker = [&] {
    while (!interrupt_requested()) {
      const std::size_t i = next.fetch_add(1);
      if (i >= count) return;
      try {
        task(i);
        const std::lock_guard<std::mutex> lock(mutex);
        done(i);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(mutex);
        if (!error) error = std::current_exception();
        return;
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < std::min<int>(jobs, static_cast<int>(count)); ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
}

Progress::Progress(std::string prefix, bool quiet)
    : prefix_(std::move(prefix)), quiet_(quiet), start_(std::chrono::steady_clock::now()) {}

double Progress::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::stage(const std::string& name, double seconds, const std::string& detail) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stages_.emplace_back(name, seconds);
  }
  line(name + " done in " + seconds_text(std::round(seconds * 10) / 10) + " s" + detail);
}

std::vector<std::pair<std::string, double>> Progress::stages() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return stages_;
}

void Progress::line(const std::string& text) {
  if (quiet_) return;
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "[%7.1f s] ", elapsed());
  const std::lock_guard<std::mutex> lock(mutex_);
  std::cerr << prefix_ << ": " << stamp << text << "\n" << std::flush;
}

std::string yosys_release(std::string_view text) {
  constexpr std::string_view kName = "Yosys ";
  const auto at = text.find(kName);
  if (at == std::string_view::npos) return {};
  const std::string_view rest = text.substr(at + kName.size());
  const auto end = rest.find_first_not_of("0123456789.");
  const std::string_view release = rest.substr(0, end);
  return release.empty() || release.front() == '.' ? std::string() : std::string(release);
}

std::string calibration_toolchain_warning(std::string_view model_source, std::string_view yosys_version) {
  const std::string calibrated = yosys_release(model_source);
  const std::string used = yosys_release(yosys_version);
  if (calibrated.empty() || used.empty() || calibrated == used) return {};
  return "the cell model is calibrated with Yosys " + calibrated + ", this build used Yosys " + used +
         ": predicted cells may differ from these measurements by more than the model's held-out error "
         "(docs/hardware.md, \"On the tools users run\")";
}

}  // namespace scn::flow
