#include "sc_neurocore/flow/sweep.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <ostream>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/flow/toolchain.hpp"
#include "sc_neurocore/io/network.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/model/devices.hpp"

namespace scn::flow {
namespace fs = std::filesystem;
namespace {

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

// A build's JSON file: nullopt when it is missing, or unreadable (then `problem` says why).
std::optional<nlohmann::json> read_build_json(const fs::path& path, std::string& problem) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  try {
    return core::parse_json(core::read_utf8_text_file(path), path.string());
  } catch (const core::Error& e) {
    problem = e.what();
    return std::nullopt;
  }
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

std::string number(const nlohmann::json& v, int decimals) {
  if (!v.is_number()) return "-";
  return decimals == 0 ? core::py::thousands(static_cast<std::int64_t>(std::llround(v.get<double>())))
                       : core::py::fixed(v.get<double>(), decimals);
}

std::string percent(const nlohmann::json& v) {
  return v.is_number() ? core::py::fixed(100.0 * v.get<double>(), 1) + " %" : "-";
}

std::string table_row(const nlohmann::json& r) {
  const nlohmann::json& cells = r.at("logic_cells");
  const nlohmann::json& fmax = r.at("fmax_mhz");
  const std::string fits = r.at("fits").is_boolean() ? (r.at("fits") == true ? "yes" : "no") : "-";
  const std::string timing =
      r.at("timing_met").is_boolean() ? (r.at("timing_met") == true ? "met" : "missed") : "-";
  char line[256];
  std::snprintf(line, sizeof line, "%-16s %4d %-5s %11s %11s %9s %9s %9s %9s %s\n",
                r.at("name").get<std::string>().c_str(), r.at("exit_status").get<int>(), fits.c_str(),
                number(cells.at("predicted"), 0).c_str(), number(cells.at("measured"), 0).c_str(),
                percent(cells.at("relative_error")).c_str(), number(fmax.at("predicted"), 1).c_str(),
                number(fmax.at("measured"), 1).c_str(), percent(fmax.at("relative_error")).c_str(),
                timing.c_str());
  return line;
}

std::string point_name(std::size_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "point_%03zu", index);
  return name;
}

// The *.json files of the --plans folder, sorted by name.
std::vector<fs::path> plan_folder_files(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".json" && entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw core::InputError("--plans " + folder.string() + ": no *.json plan in the folder");
  return files;
}

std::vector<SweepJob> file_jobs(const std::vector<fs::path>& files, int max_points) {
  std::vector<SweepJob> jobs;
  for (std::size_t i : evenly_spaced(files.size(), static_cast<std::size_t>(max_points)))
    jobs.push_back({files[i].stem().string(), files[i]});
  return jobs;
}

// The indices of the frontier's points a sweep may build (all, or those within the budget).
std::vector<std::size_t> frontier_candidates(const nlohmann::json& frontier, const SweepOptions& options) {
  const std::string path = options.pareto.string();
  if (!frontier.is_object() || !frontier.contains("points") || !frontier.at("points").is_array() ||
      frontier.at("points").empty())
    throw core::InputError(path + ": not a frontier of optimise --pareto (no \"points\")");
  const nlohmann::json& points = frontier.at("points");
  for (std::size_t i = 0; i < points.size(); ++i)
    if (!points[i].is_object() || !points[i].contains("layers") || !points[i].at("layers").is_array())
      throw core::InputError(path + ": point " + std::to_string(i) + " has no \"layers\" list");
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < points.size(); ++i)
    if (!options.within_budget ||
        (points[i].contains("within_budget") && points[i].at("within_budget") == true))
      candidates.push_back(i);
  if (candidates.empty()) throw core::InputError(path + ": no point is within the budget (--within-budget)");
  return candidates;
}

// The points of --pareto written as plans into OUT/plans/.
std::vector<SweepJob> frontier_jobs(const SweepOptions& options) {
  const nlohmann::json frontier =
      core::parse_json(core::read_utf8_text_file(options.pareto), options.pareto.string());
  const std::vector<std::size_t> candidates = frontier_candidates(frontier, options);
  fs::create_directories(options.out / "plans");
  std::vector<SweepJob> jobs;
  for (std::size_t k : evenly_spaced(candidates.size(), static_cast<std::size_t>(options.max_points))) {
    const std::size_t i = candidates[k];
    nlohmann::json plan = frontier.at("points")[i];
    plan["rejected_layers"] = nlohmann::json::array();
    plan["target_name"] = frontier.value("target_name", nlohmann::json());
    plan["source"] = {{"pareto", options.pareto.string()}, {"point", i}};
    const SweepJob job{point_name(i), options.out / "plans" / (point_name(i) + ".json")};
    core::write_file_atomically(job.plan, io::json_document(plan));
    jobs.push_back(job);
  }
  return jobs;
}

std::string weights_argument(const std::vector<fs::path>& weights) {
  return core::join(weights, ",", [](const fs::path& p) { return p.string(); });
}

nlohmann::json path_list(const std::vector<fs::path>& paths) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : paths) list.push_back(p.string());
  return list;
}

}  // namespace

void check_sweep_options(const SweepOptions& o, bool check_tools) {
  const int sources = !o.plans.empty() + !o.plan_files.empty() + !o.pareto.empty();
  if (sources != 1) throw core::InputError("sweep needs --plans DIR or --pareto FILE");
  if (o.jobs < 1) throw core::InputError("--jobs must be at least 1, got " + std::to_string(o.jobs));
  if (o.timeout < 0) throw core::InputError("--timeout must not be negative");
  if (o.max_points < 0) throw core::InputError("--max-points must not be negative");
  if (o.clock_mhz && !(*o.clock_mhz > 0)) throw core::InputError("--clock-mhz must be positive");
  io::load_network(o.network);  // a bad manifest fails every build: say so once
  for (const auto& w : o.weights)
    if (!fs::exists(w)) throw core::FileError(w.string() + ": no such file (--weights)");
  const model::Device& target = model::device(o.device);
  target.check_package(o.package);
  std::error_code ec;
  if (fs::exists(o.out, ec) && !fs::is_directory(o.out, ec))
    throw core::InputError("--out " + o.out.string() + ": not a folder");
  if (!o.plans.empty() && !fs::is_directory(o.plans))
    throw core::InputError("--plans " + o.plans.string() + ": not a folder");
  if (!o.pareto.empty() && !fs::exists(o.pareto))
    throw core::FileError(o.pareto.string() + ": no such file (--pareto)");
  if (o.within_budget && o.pareto.empty()) throw core::InputError("--within-budget needs --pareto");
  if (check_tools) {
    // Every build needs the toolchain: a missing tool is one error here, not one per plan.
    for (const ToolSpec& spec : toolchain_for(target.family).tools()) find_tool(spec, {});
  }
}

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

std::vector<SweepJob> sweep_jobs(const SweepOptions& options) {
  if (!options.pareto.empty()) return frontier_jobs(options);
  std::vector<fs::path> files = options.plan_files;
  if (options.plans.empty()) {
    if (files.empty()) throw core::InputError("no plans given");
    std::sort(files.begin(), files.end(),
              [](const fs::path& a, const fs::path& b) { return a.string() < b.string(); });
  } else {
    files = plan_folder_files(options.plans);
  }
  std::vector<SweepJob> jobs = file_jobs(files, options.max_points);
  fs::create_directories(options.out);
  return jobs;
}

nlohmann::json sweep_source(const SweepOptions& options) {
  nlohmann::json source;
  if (!options.pareto.empty())
    source = {{"pareto", options.pareto.string()}, {"within_budget", options.within_budget}};
  else if (!options.plans.empty())
    source = {{"plans", options.plans.string()}};
  else
    source = {{"plans", path_list(options.plan_files)}};
  source["max_points"] = options.max_points;
  if (source.contains("plans") && source.at("plans").is_array()) {
    std::vector<std::string> sorted = source.at("plans").get<std::vector<std::string>>();
    std::sort(sorted.begin(), sorted.end());
    source["plans"] = sorted;
  }
  return source;
}

std::vector<std::string> synth_arguments(const SweepOptions& o, const SweepJob& job) {
  std::vector<std::string> args = {"synth", "--network", o.network.string(), "--plan", job.plan.string()};
  if (!o.weights.empty()) args.insert(args.end(), {"--weights", weights_argument(o.weights)});
  args.insert(args.end(), {"--device", o.device});
  if (!o.package.empty()) args.insert(args.end(), {"--package", o.package});
  if (o.clock_mhz) args.insert(args.end(), {"--clock-mhz", core::py::float_repr(*o.clock_mhz)});
  args.insert(args.end(), {"--out", (o.out / job.name).string(), "--jobs", "1", "--quiet"});
  if (o.timeout > 0) args.insert(args.end(), {"--timeout", core::py::float_repr(o.timeout)});
  return args;
}

std::vector<std::string> build_one_arguments(const SweepOptions& o, const SweepJob& job) {
  std::vector<std::string> args = {"sweep", "--network", o.network.string(), "--out", o.out.string()};
  if (!o.weights.empty()) args.insert(args.end(), {"--weights", weights_argument(o.weights)});
  args.insert(args.end(), {"--device", o.device});
  if (!o.package.empty()) args.insert(args.end(), {"--package", o.package});
  if (o.clock_mhz) args.insert(args.end(), {"--clock-mhz", core::py::float_repr(*o.clock_mhz)});
  if (o.timeout > 0) args.insert(args.end(), {"--timeout", core::py::float_repr(o.timeout)});
  args.insert(args.end(), {"--build-one", job.name, "--build-plan", job.plan.string()});
  return args;
}

SynthCommand this_executable_as_synth() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  const bool python = !ec && exe.filename().string().rfind("python", 0) == 0;
  SynthCommand command{
      {python ? "python3" : "sc-neurocore"}, ec ? std::string() : exe.string(), "/proc/self/exe"};
  if (python) command.argv.insert(command.argv.end(), {"-m", "sc_neurocore"});
  return command;
}

nlohmann::json build_one_plan(const SweepOptions& options, const SweepJob& job, const SynthCommand& synth) {
  const fs::path build = options.out / job.name;
  const fs::path log = options.out / (job.name + ".log");
  std::error_code ec;
  fs::remove_all(build, ec);  // an earlier sweep's build must not pass for this one's
  ToolRun run;
  run.stage = "sweep";
  run.argv = synth.argv;
  const std::vector<std::string> args = synth_arguments(options, job);
  run.argv.insert(run.argv.end(), args.begin(), args.end());
  std::vector<std::string> shown = run.argv;
  shown.front() = synth.shown;
  core::write_file_atomically(log, "$ " + shell_line(shown) + "\n");
  run.log = log;
  run.cwd = fs::current_path();
  const RunResult result = run_child(run, synth.executable);
  return plan_result(job, build, log, result.exit_code, result.seconds);
}

nlohmann::json plan_result(const SweepJob& job, const fs::path& build, const fs::path& log, int code,
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
  if (code != 0 && code != 3) return r;
  if (const auto comparison = read_build_json(build / "comparison.json", problem)) {
    r["build"] = build.string();
    r["unit"] = comparison->value("unit", nlohmann::json());
    const nlohmann::json design = comparison->value("design", nlohmann::json::object());
    r["logic_cells"] = row_of(design, "logic_cells");
    r["fmax_mhz"] = row_of(design, "fmax_mhz");
    r["warnings"] = comparison->value("warnings", nlohmann::json::array());
  }
  if (const auto evidence = read_build_json(build / "evidence.json", problem)) {
    const nlohmann::json measured = evidence->value("measurements", nlohmann::json::object());
    r["timing_met"] = measured.value("timing_met", nlohmann::json());
    r["placed"] = evidence->value("placed", nlohmann::json());
  }
  if (!problem.empty()) r["message"] = problem;
  return r;
}

nlohmann::json sweep_summary(const nlohmann::json& results) {
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

std::string sweep_progress_text(const nlohmann::json& r) {
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
  char line[256];
  std::snprintf(line, sizeof line, "%-16s %4s %-5s %11s %11s %9s %9s %9s %9s %s\n", "plan", "exit", "fits",
                "cells pred", "cells meas", "error", "fmax pred", "fmax meas", "error", "timing");
  std::string out = line;
  for (const auto& r : sweep.at("results")) out += table_row(r);
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

SweepRows build_locally(const SweepOptions& options, const std::vector<SweepJob>& jobs,
                        const SynthCommand& synth, Progress& progress) {
  std::vector<nlohmann::json> results(jobs.size());
  std::vector<bool> done(jobs.size(), false);
  std::size_t finished = 0;
  for_each_parallel(
      jobs.size(), options.jobs, [&](std::size_t i) { results[i] = build_one_plan(options, jobs[i], synth); },
      [&](std::size_t i) {
        done[i] = true;
        ++finished;
        progress.line(std::to_string(finished) + "/" + std::to_string(jobs.size()) + " " +
                      sweep_progress_text(results[i]));
      });
  SweepRows rows;
  rows.interrupted = interrupt_requested();
  for (std::size_t i = 0; i < jobs.size(); ++i)
    if (done[i]) rows.results.push_back(results[i]);
  return rows;
}

nlohmann::json sweep_record(const SweepOptions& o, const SweepProvenance& p, const SweepRows& rows) {
  return {{"generator", p.generator},
          {"tool_version", p.tool_version},
          {"cli", p.cli},
          {"runner", p.runner},
          {"scheduler", p.scheduler},
          {"jobs", p.jobs},
          {"network", o.network.string()},
          {"weights", path_list(o.weights)},
          {"device", o.device},
          {"package", o.package.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.package)},
          {"clock_mhz", o.clock_mhz ? nlohmann::json(*o.clock_mhz) : nlohmann::json(nullptr)},
          {"timeout", o.timeout},
          {"source", sweep_source(o)},
          {"interrupted", rows.interrupted},
          {"results", rows.results},
          {"summary", sweep_summary(rows.results)}};
}

void write_sweep(const fs::path& out, const nlohmann::json& record, std::ostream* table, Progress& progress) {
  core::write_file_atomically(out / "sweep.json", io::json_document(record));
  if (table) *table << sweep_table(record) << std::flush;
  progress.line("wrote " + (out / "sweep.json").string());
}

SweepOutcome run_sweep(const SweepOptions& options, const SweepProvenance& provenance,
                       const SynthCommand& synth, Progress& progress, std::ostream* table) {
  const std::vector<SweepJob> jobs = sweep_jobs(options);
  InterruptScope interrupts;
  progress.line(std::to_string(jobs.size()) + " plan(s), " +
                std::to_string(std::min<std::size_t>(options.jobs, jobs.size())) + " at once, into " +
                options.out.string());
  const SweepRows rows = build_locally(options, jobs, synth, progress);
  SweepOutcome outcome{sweep_record(options, provenance, rows), jobs.size()};
  write_sweep(options.out, outcome.record, table, progress);
  return outcome;
}

}  // namespace scn::flow
