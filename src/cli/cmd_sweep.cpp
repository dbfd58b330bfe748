// `sc-neurocore sweep`: many plans built by `synth`, each in a process of its own (this executable run again
// through /proc/self/exe, so a rebuild during the sweep cannot pull it away), N at once, every build's
// comparison collected into OUT/sweep.json. With --scheduler the Python implementation
// (python/sc_neurocore/hw/sweep.py) runs the same sweep on a Dask cluster.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "command.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/flow/process.hpp"
#include "sc_neurocore/flow/toolchain.hpp"
#include "sc_neurocore/io/network.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/model/devices.hpp"

namespace scn::cli {
namespace {
namespace fs = std::filesystem;

constexpr const char* kPython = "/usr/bin/python3";

struct PlanJob {
  std::string name;
  fs::path plan;
};

// The executable this process runs (for the log and for --cli), and whether it is a Python interpreter that
// loaded the CLI in-process (`python3 -m sc_neurocore sweep`): then synth is `python3 -m sc_neurocore synth`.
fs::path self_executable() {
  std::error_code ec;
  const fs::path path = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : path;
}

bool inside_python(const fs::path& exe) { return exe.filename().string().rfind("python", 0) == 0; }

std::string status_of(int code) {
  switch (code) {
    case 0:
      return "built";
    case 2:
      return "input_error";
    case 3:
      return "does_not_fit";
    case 130:
      return "interrupted";
    default:
      return "failed";
  }
}

// Runs argv (argv[0] shown, `exe` executed) with stdout and stderr appended to `log`, in a process group of
// its own. A Ctrl-C of the sweep (interrupt_requested) is passed on as SIGINT, which synth answers by
// stopping its tools and removing its temporary folder; SIGKILL follows if it has not ended 30 s later.
// Returns the exit status (128 + signal when killed by one, 127 when it could not be executed).
int run_child(const fs::path& exe, const std::vector<std::string>& args, const fs::path& log) {
  const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) throw core::FileError(log.string() + ": cannot write the log: " + std::strerror(errno));
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(log_fd);
    throw core::ToolError("sweep: cannot start synth: " + std::string(std::strerror(errno)));
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    ::execv(exe.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(log_fd);
  ::setpgid(pid, pid);
  int status = 0;
  std::optional<std::chrono::steady_clock::time_point> signalled;
  while (::waitpid(pid, &status, WNOHANG) != pid) {
    if (!signalled && flow::interrupt_requested()) {
      ::kill(-pid, SIGINT);
      signalled = std::chrono::steady_clock::now();
    }
    if (signalled && std::chrono::steady_clock::now() - *signalled > std::chrono::seconds(30)) {
      ::kill(-pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

// The last "sc-neurocore: ..." line of a log (the one-line error of synth), else its last line.
std::string last_error_line(const fs::path& log) {
  std::ifstream in(log);
  std::string line, last, error;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    last = line;
    if (line.rfind("sc-neurocore: ", 0) == 0) error = line;
  }
  return error.empty() ? last : error;
}

nlohmann::json null_row() {
  return {{"predicted", nullptr}, {"measured", nullptr}, {"relative_error", nullptr}};
}

nlohmann::json row_of(const nlohmann::json& design, const char* quantity) {
  if (!design.is_object() || !design.contains(quantity)) return null_row();
  const nlohmann::json& r = design.at(quantity);
  nlohmann::json row = null_row();
  for (const char* key : {"predicted", "measured", "relative_error"})
    if (r.contains(key)) row[key] = r.at(key);
  return row;
}

std::optional<nlohmann::json> read_json(const fs::path& path, std::string& problem) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  try {
    return core::parse_json(core::read_utf8_text_file(path), path.string());
  } catch (const core::Error& e) {
    problem = e.what();
    return std::nullopt;
  }
}

// One plan's entry of sweep.json, from its exit status and what its build folder holds.
nlohmann::json result_of(const PlanJob& job, const fs::path& build, const fs::path& log, int code,
                         double seconds) {
  nlohmann::json r = {{"name", job.name},
                      {"plan", job.plan.string()},
                      {"build", nullptr},
                      {"log", log.string()},
                      {"exit_status", code},
                      {"status", status_of(code)},
                      {"fits", code == 0   ? nlohmann::json(true)
                               : code == 3 ? nlohmann::json(false)
                                           : nullptr},
                      {"seconds", std::round(seconds * 10) / 10},
                      {"unit", nullptr},
                      {"logic_cells", null_row()},
                      {"fmax_mhz", null_row()},
                      {"timing_met", nullptr},
                      {"placed", nullptr},
                      {"warnings", nlohmann::json::array()},
                      {"message", nullptr}};
  std::string problem;
  if (code != 0) r["message"] = last_error_line(log);
  if (code == 0 || code == 3) {
    if (const auto comparison = read_json(build / "comparison.json", problem)) {
      r["build"] = build.string();
      r["unit"] = comparison->value("unit", nlohmann::json());
      const nlohmann::json design = comparison->value("design", nlohmann::json::object());
      r["logic_cells"] = row_of(design, "logic_cells");
      r["fmax_mhz"] = row_of(design, "fmax_mhz");
      r["warnings"] = comparison->value("warnings", nlohmann::json::array());
    }
    if (const auto evidence = read_json(build / "evidence.json", problem)) {
      const nlohmann::json measured = evidence->value("measurements", nlohmann::json::object());
      r["timing_met"] = measured.value("timing_met", nlohmann::json());
      r["placed"] = evidence->value("placed", nlohmann::json());
    }
    if (!problem.empty()) r["message"] = problem;
  }
  return r;
}

nlohmann::json error_summary(const nlohmann::json& results, const char* quantity) {
  std::vector<double> errors;
  for (const auto& r : results) {
    const nlohmann::json& e = r.at(quantity).at("relative_error");
    if (e.is_number()) errors.push_back(std::fabs(e.get<double>()));
  }
  nlohmann::json out = {{"compared", errors.size()},
                        {"median_abs_relative_error", nullptr},
                        {"max_abs_relative_error", nullptr}};
  if (errors.empty()) return out;
  std::sort(errors.begin(), errors.end());
  const std::size_t n = errors.size();
  out["median_abs_relative_error"] = n % 2 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
  out["max_abs_relative_error"] = errors.back();
  return out;
}

nlohmann::json summary_of(const nlohmann::json& results) {
  std::int64_t built = 0, does_not_fit = 0, failed = 0, timing_met = 0;
  for (const auto& r : results) {
    const int code = r.at("exit_status").get<int>();
    (code == 0 ? built : code == 3 ? does_not_fit : failed) += 1;
    if (r.at("timing_met") == true) ++timing_met;
  }
  return {{"count", results.size()},
          {"built", built},
          {"does_not_fit", does_not_fit},
          {"failed", failed},
          {"timing_met", timing_met},
          {"logic_cells", error_summary(results, "logic_cells")},
          {"fmax_mhz", error_summary(results, "fmax_mhz")}};
}

std::string number(const nlohmann::json& v, int decimals) {
  if (!v.is_number()) return "-";
  return decimals == 0 ? core::py::thousands(static_cast<std::int64_t>(std::llround(v.get<double>())))
                       : core::py::fixed(v.get<double>(), decimals);
}

std::string percent(const nlohmann::json& v) {
  return v.is_number() ? core::py::fixed(100.0 * v.get<double>(), 1) + " %" : "-";
}

// The progress line of one finished plan.
std::string progress_text(const nlohmann::json& r) {
  const int code = r.at("exit_status").get<int>();
  const std::string unit = r.at("unit").is_string() ? r.at("unit").get<std::string>() : "cells";
  std::string text = r.at("name").get<std::string>() + ": ";
  text += code == 0   ? std::string("built")
          : code == 3 ? std::string("does not fit (exit 3)")
                      : r.at("status").get<std::string>() + " (exit " + std::to_string(code) + ")";
  text += " in " + core::py::fixed(r.at("seconds").get<double>(), 1) + " s";
  const nlohmann::json& cells = r.at("logic_cells");
  if (cells.at("measured").is_number())
    text += "; " + number(cells.at("measured"), 0) + " " + unit + (code == 3 ? " packed" : "") +
            " (predicted " + number(cells.at("predicted"), 0) + ", error " +
            percent(cells.at("relative_error")) + ")";
  const nlohmann::json& fmax = r.at("fmax_mhz");
  if (fmax.at("measured").is_number())
    text += ", fmax " + number(fmax.at("measured"), 1) + " MHz (predicted " +
            number(fmax.at("predicted"), 1) + ", error " + percent(fmax.at("relative_error")) + ")";
  if (r.at("timing_met").is_boolean())
    text += r.at("timing_met") == true ? ", timing met" : ", timing missed";
  if (code != 0 && r.at("message").is_string())
    text += ": " + r.at("message").get<std::string>() + " (log " + r.at("log").get<std::string>() + ")";
  return text;
}

std::string sweep_table(const nlohmann::json& sweep) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-16s %4s %-5s %11s %11s %9s %9s %9s %9s %s\n", "plan", "exit", "fits",
                "cells pred", "cells meas", "error", "fmax pred", "fmax meas", "error", "timing");
  out += line;
  for (const auto& r : sweep.at("results")) {
    const nlohmann::json& cells = r.at("logic_cells");
    const nlohmann::json& fmax = r.at("fmax_mhz");
    const std::string fits = r.at("fits").is_boolean() ? (r.at("fits") == true ? "yes" : "no") : "-";
    const std::string timing =
        r.at("timing_met").is_boolean() ? (r.at("timing_met") == true ? "met" : "missed") : "-";
    std::snprintf(line, sizeof line, "%-16s %4d %-5s %11s %11s %9s %9s %9s %9s %s\n",
                  r.at("name").get<std::string>().c_str(), r.at("exit_status").get<int>(), fits.c_str(),
                  number(cells.at("predicted"), 0).c_str(), number(cells.at("measured"), 0).c_str(),
                  percent(cells.at("relative_error")).c_str(), number(fmax.at("predicted"), 1).c_str(),
                  number(fmax.at("measured"), 1).c_str(), percent(fmax.at("relative_error")).c_str(),
                  timing.c_str());
    out += line;
  }
  const nlohmann::json& s = sweep.at("summary");
  out += std::to_string(s.at("count").get<std::int64_t>()) +
         " plans: " + std::to_string(s.at("built").get<std::int64_t>()) + " built, " +
         std::to_string(s.at("does_not_fit").get<std::int64_t>()) + " do not fit, " +
         std::to_string(s.at("failed").get<std::int64_t>()) + " failed, timing met by " +
         std::to_string(s.at("timing_met").get<std::int64_t>()) + "\n";
  for (const char* q : {"logic_cells", "fmax_mhz"}) {
    const nlohmann::json& e = s.at(q);
    out += std::string("|relative error| of ") + q + ": median " +
           percent(e.at("median_abs_relative_error")) + ", max " + percent(e.at("max_abs_relative_error")) +
           " over " + std::to_string(e.at("compared").get<std::int64_t>()) + " build(s)\n";
  }
  return out;
}

// Indices of `count` points evenly spaced over n (both ends kept); all of them when count is 0 or >= n.
std::vector<std::size_t> evenly_spaced(std::size_t n, std::size_t count) {
  std::vector<std::size_t> out;
  if (count == 0 || count >= n) {
    for (std::size_t i = 0; i < n; ++i) out.push_back(i);
  } else if (count == 1) {
    out.push_back(0);
  } else {
    for (std::size_t i = 0; i < count; ++i) out.push_back((i * (n - 1) + (count - 1) / 2) / (count - 1));
  }
  return out;
}

std::string point_name(std::size_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "point_%03zu", index);
  return name;
}

class SweepCommand : public Command {
 public:
  std::string name() const override { return "sweep"; }
  std::string description() const override {
    return "Build many plans (a folder of plans or the points of a Pareto frontier) with synth, N at once "
           "or on a Dask cluster, and collect their measured evidence into OUT/sweep.json";
  }
  void add_options(CLI::App& command) override {
    command.add_option("--network", network_, "Network manifest JSON (with n_inputs, n_neurons)")->required();
    auto* plans =
        command.add_option("--plans", plans_, "Folder of plan JSON files: every *.json, sorted by name");
    auto* pareto = command.add_option("--pareto", pareto_,
                                      "Frontier JSON of optimise --pareto: each point is a plan point_NNN");
    plans->excludes(pareto);
    command
        .add_option("--weights", weights_,
                    "Weights: one .npy per layer or a JSON list of matrices (as synth)")
        ->delimiter(',');
    command.add_option("--device", device_, "Device of the catalogue (as synth)")->capture_default_str();
    command.add_option("--clock-mhz", clock_mhz_,
                       "Clock constraint (default: the device's calibrated clock)");
    command.add_option("--package", package_, "Package (default: the device's)");
    command.add_option("--out", out_, "Sweep folder: OUT/<plan>/ builds, OUT/<plan>.log, OUT/sweep.json")
        ->required();
    auto* jobs =
        command.add_option("--jobs", jobs_, "Plans built at once on this machine")->capture_default_str();
    auto* scheduler = command.add_option(
        "--scheduler", scheduler_,
        "Address of a Dask scheduler: run the sweep there (python3 -m sc_neurocore.hw.sweep, "
        "Debian's python3-distributed)");
    jobs->excludes(scheduler);
    command
        .add_option("--timeout", timeout_,
                    "Seconds each tool stage of a build may run (synth --timeout; 0 = none)")
        ->capture_default_str();
    command
        .add_flag("--within-budget", within_budget_,
                  "With --pareto: only the points within the target's budget (\"within_budget\": true)")
        ->needs(pareto);
    command
        .add_option("--max-points", max_points_,
                    "Build at most K plans, evenly spaced over the frontier (or the folder); 0 = all")
        ->capture_default_str();
  }

  int run() override {
    validate();
    if (!scheduler_.empty()) return run_python();
    const std::vector<PlanJob> jobs = plan_jobs();
    return run_local(jobs);
  }

 private:
  void validate() {
    if (plans_.empty() == pareto_.empty()) throw core::InputError("sweep needs --plans DIR or --pareto FILE");
    if (jobs_ < 1) throw core::InputError("--jobs must be at least 1, got " + std::to_string(jobs_));
    if (timeout_ < 0) throw core::InputError("--timeout must not be negative");
    if (max_points_ < 0) throw core::InputError("--max-points must not be negative");
    if (clock_mhz_ && !(*clock_mhz_ > 0)) throw core::InputError("--clock-mhz must be positive");
    io::load_network(network_);  // a bad manifest fails every build: say so once
    for (const auto& w : weights_)
      if (!fs::exists(w)) throw core::FileError(w.string() + ": no such file (--weights)");
    const model::Device& target = model::device(device_);
    target.check_package(package_);
    std::error_code ec;
    if (fs::exists(out_, ec) && !fs::is_directory(out_, ec))
      throw core::InputError("--out " + out_.string() + ": not a folder");
    if (!plans_.empty() && !fs::is_directory(plans_))
      throw core::InputError("--plans " + plans_.string() + ": not a folder");
    if (!pareto_.empty() && !fs::exists(pareto_))
      throw core::FileError(pareto_.string() + ": no such file (--pareto)");
    if (scheduler_.empty()) {
      // Every build needs the toolchain: a missing tool is one error here, not one per plan.
      for (const flow::ToolSpec& spec : flow::toolchain_for(target.family).tools()) flow::find_tool(spec, {});
    }
  }

  // The plans of --plans, or the points of --pareto written as plans into OUT/plans/.
  std::vector<PlanJob> plan_jobs() {
    std::vector<PlanJob> jobs;
    if (!plans_.empty()) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(plans_))
        if (entry.path().extension() == ".json" && entry.is_regular_file()) files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      if (files.empty())
        throw core::InputError("--plans " + plans_.string() + ": no *.json plan in the folder");
      for (std::size_t i : evenly_spaced(files.size(), static_cast<std::size_t>(max_points_)))
        jobs.push_back({files[i].stem().string(), files[i]});
      fs::create_directories(out_);
      return jobs;
    }
    const nlohmann::json frontier = core::parse_json(core::read_utf8_text_file(pareto_), pareto_.string());
    if (!frontier.is_object() || !frontier.contains("points") || !frontier.at("points").is_array() ||
        frontier.at("points").empty())
      throw core::InputError(pareto_.string() + ": not a frontier of optimise --pareto (no \"points\")");
    const nlohmann::json& points = frontier.at("points");
    for (std::size_t i = 0; i < points.size(); ++i)
      if (!points[i].is_object() || !points[i].contains("layers") || !points[i].at("layers").is_array())
        throw core::InputError(pareto_.string() + ": point " + std::to_string(i) + " has no \"layers\" list");
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < points.size(); ++i)
      if (!within_budget_ || (points[i].contains("within_budget") && points[i].at("within_budget") == true))
        candidates.push_back(i);
    if (candidates.empty())
      throw core::InputError(pareto_.string() + ": no point is within the budget (--within-budget)");
    fs::create_directories(out_ / "plans");
    for (std::size_t k : evenly_spaced(candidates.size(), static_cast<std::size_t>(max_points_))) {
      const std::size_t i = candidates[k];
      nlohmann::json plan = points[i];
      plan["rejected_layers"] = nlohmann::json::array();
      plan["target_name"] = frontier.value("target_name", nlohmann::json());
      plan["source"] = {{"pareto", pareto_.string()}, {"point", i}};
      const PlanJob job{point_name(i), out_ / "plans" / (point_name(i) + ".json")};
      core::write_file_atomically(job.plan, io::json_document(plan));
      jobs.push_back(job);
    }
    return jobs;
  }

  std::vector<std::string> synth_args(const std::string& argv0, bool python, const PlanJob& job) const {
    std::vector<std::string> args = {argv0};
    if (python) args.insert(args.end(), {"-m", "sc_neurocore"});
    args.insert(args.end(), {"synth", "--network", network_.string(), "--plan", job.plan.string()});
    if (!weights_.empty())
      args.insert(args.end(), {"--weights", core::join(weights_, ",", [](const std::filesystem::path& p) {
                                 return p.string();
                               })});
    args.insert(args.end(), {"--device", device_});
    if (!package_.empty()) args.insert(args.end(), {"--package", package_});
    if (clock_mhz_) args.insert(args.end(), {"--clock-mhz", core::py::float_repr(*clock_mhz_)});
    args.insert(args.end(), {"--out", (out_ / job.name).string(), "--jobs", "1", "--quiet"});
    if (timeout_ > 0) args.insert(args.end(), {"--timeout", core::py::float_repr(timeout_)});
    return args;
  }

  int run_local(const std::vector<PlanJob>& jobs) {
    const fs::path exe = self_executable();
    const bool python = inside_python(exe);
    flow::Progress progress("sc-neurocore sweep");
    flow::InterruptScope interrupts;
    progress.line(std::to_string(jobs.size()) + " plan(s), " +
                  std::to_string(std::min<std::size_t>(jobs_, jobs.size())) + " at once, into " +
                  out_.string());
    std::vector<nlohmann::json> results(jobs.size());
    std::vector<bool> done(jobs.size(), false);
    std::atomic<std::size_t> next{0};
    std::size_t finished = 0;
    std::mutex mutex;
    std::exception_ptr error;
    auto worker = [&] {
      while (!flow::interrupt_requested()) {
        const std::size_t i = next.fetch_add(1);
        if (i >= jobs.size()) return;
        try {
          const PlanJob& job = jobs[i];
          const fs::path build = out_ / job.name;
          const fs::path log = out_ / (job.name + ".log");
          std::error_code ec;
          fs::remove_all(build, ec);  // an earlier sweep's build must not pass for this one's
          const std::vector<std::string> args = synth_args(python ? "python3" : "sc-neurocore", python, job);
          std::vector<std::string> shown = args;
          shown.front() = exe.string();
          core::write_file_atomically(log, "$ " + flow::shell_line(shown) + "\n");
          const double start = progress.elapsed();
          const int code = run_child("/proc/self/exe", args, log);
          nlohmann::json r = result_of(job, build, log, code, progress.elapsed() - start);
          const std::lock_guard<std::mutex> lock(mutex);
          results[i] = std::move(r);
          done[i] = true;
          ++finished;
          progress.line(std::to_string(finished) + "/" + std::to_string(jobs.size()) + " " +
                        progress_text(results[i]));
        } catch (...) {
          const std::lock_guard<std::mutex> lock(mutex);
          if (!error) error = std::current_exception();
          return;
        }
      }
    };
    std::vector<std::thread> threads;
    for (int t = 1; t < std::min<int>(jobs_, static_cast<int>(jobs.size())); ++t)
      threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
    if (error) std::rethrow_exception(error);

    const bool interrupted = flow::interrupt_requested();
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t i = 0; i < jobs.size(); ++i)
      if (done[i]) list.push_back(results[i]);
    const nlohmann::json sweep = sweep_json(list, interrupted, exe);
    core::write_file_atomically(out_ / "sweep.json", io::json_document(sweep));
    std::cout << sweep_table(sweep) << std::flush;
    progress.line("wrote " + (out_ / "sweep.json").string());
    if (interrupted)
      throw core::ToolError("sweep interrupted after " + std::to_string(list.size()) + " of " +
                                std::to_string(jobs.size()) + " plan(s); " + (out_ / "sweep.json").string() +
                                " holds them",
                            true);
    const nlohmann::json& s = sweep.at("summary");
    if (s.at("built").get<std::int64_t>() + s.at("does_not_fit").get<std::int64_t>() == 0)
      throw core::ToolError("no plan was built: every synth failed (the logs are in " + out_.string() + ")");
    return 0;
  }

  nlohmann::json sweep_json(const nlohmann::json& results, bool interrupted, const fs::path& exe) const {
    nlohmann::json weights = nlohmann::json::array();
    for (const auto& w : weights_) weights.push_back(w.string());
    nlohmann::json source = plans_.empty() ? nlohmann::json{{"pareto", pareto_.string()}}
                                           : nlohmann::json{{"plans", plans_.string()}};
    source["max_points"] = max_points_;
    if (!pareto_.empty()) source["within_budget"] = within_budget_;
    return {{"generator", "sc-neurocore sweep"},
            {"tool_version", SCN_VERSION},
            {"cli", exe.string()},
            {"runner", "local"},
            {"scheduler", nullptr},
            {"jobs", jobs_},
            {"network", network_.string()},
            {"weights", weights},
            {"device", device_},
            {"package", package_.empty() ? nlohmann::json(nullptr) : nlohmann::json(package_)},
            {"clock_mhz", clock_mhz_ ? nlohmann::json(*clock_mhz_) : nlohmann::json(nullptr)},
            {"timeout", timeout_},
            {"source", source},
            {"interrupted", interrupted},
            {"results", results},
            {"summary", summary_of(results)}};
  }

  // --scheduler: the Python implementation, with the same arguments and this executable as its CLI.
  int run_python() {
    const fs::path exe = self_executable();
    const bool python = inside_python(exe);
    std::vector<std::string> args = {kPython, "-m", "sc_neurocore.hw.sweep", "--network", network_.string()};
    if (!plans_.empty()) args.insert(args.end(), {"--plans", plans_.string()});
    if (!pareto_.empty()) args.insert(args.end(), {"--pareto", pareto_.string()});
    if (!weights_.empty())
      args.insert(args.end(), {"--weights", core::join(weights_, ",", [](const std::filesystem::path& p) {
                                 return p.string();
                               })});
    args.insert(args.end(), {"--device", device_});
    if (!package_.empty()) args.insert(args.end(), {"--package", package_});
    if (clock_mhz_) args.insert(args.end(), {"--clock-mhz", core::py::float_repr(*clock_mhz_)});
    args.insert(args.end(), {"--out", out_.string(), "--scheduler", scheduler_});
    if (timeout_ > 0) args.insert(args.end(), {"--timeout", core::py::float_repr(timeout_)});
    if (max_points_ > 0) args.insert(args.end(), {"--max-points", std::to_string(max_points_)});
    if (within_budget_) args.push_back("--within-budget");
    // Inside Python the CLI is this interpreter's sc_neurocore: the Python side finds it without --cli.
    if (!python && !exe.empty()) args.insert(args.end(), {"--cli", exe.string()});
    ensure_python_package(exe);
    std::fflush(stdout);
    std::cerr << std::flush;
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (!python) {
      ::execv(kPython, argv.data());
      throw core::InputError(std::string("--scheduler: cannot run ") + kPython + ": " + std::strerror(errno));
    }
    // In-process (python3 -m sc_neurocore sweep): a child, so the caller's interpreter survives.
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

  static bool python_imports(const std::string& module) {
    const pid_t pid = ::fork();
    if (pid < 0) return false;
    if (pid == 0) {
      const int null = ::open("/dev/null", O_RDWR);
      if (null >= 0) {
        ::dup2(null, STDIN_FILENO);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
      }
      const std::string code = "import " + module;
      ::execl(kPython, kPython, "-c", code.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }

  fs::path network_;
  fs::path plans_;
  fs::path pareto_;
  std::vector<fs::path> weights_;
  std::string device_ = "ice40-hx8k";
  std::optional<double> clock_mhz_;
  std::string package_;
  fs::path out_;
  int jobs_ = 1;
  std::string scheduler_;
  double timeout_ = 0;
  int max_points_ = 0;
  bool within_budget_ = false;
};

SCN_REGISTER_COMMAND(SweepCommand)

}  // namespace
}  // namespace scn::cli
