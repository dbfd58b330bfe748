#include "sc_neurocore/flow/synth.hpp"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <thread>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/core/sha256.hpp"
#include "sc_neurocore/evidence/loader/observations.hpp"
#include "sc_neurocore/evidence/reports/report.hpp"
#include "sc_neurocore/flow/toolchain.hpp"
#include "sc_neurocore/hw/network.hpp"
#include "sc_neurocore/hw/network_verilog.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/model/accuracy_model.hpp"
#include "sc_neurocore/model/grounded_model.hpp"
#include "sc_neurocore/model/network_cost.hpp"

namespace scn::flow {
namespace fs = std::filesystem;
namespace {

std::string fixed1(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", seconds);
  return text;
}

// The build folder while it is written: beside BUILD, renamed into place by commit(), removed otherwise.
class StagingFolder {
 public:
  explicit StagingFolder(const fs::path& out) : out_(out) {
    const fs::path parent = out.has_parent_path() ? out.parent_path() : fs::path(".");
    std::string name = (parent / ("." + out.filename().string() + ".tmp.XXXXXX")).string();
    if (::mkdtemp(name.data()) == nullptr)
      throw core::FileError(out.string() +
                            ": cannot create a build folder beside it: " + std::strerror(errno));
    path_ = name;
    for (const char* sub : {"design", "reports", "logs", "work"}) fs::create_directory(path_ / sub);
  }
  ~StagingFolder() {
    std::error_code ec;
    if (!committed_) fs::remove_all(path_, ec);
  }
  StagingFolder(const StagingFolder&) = delete;
  StagingFolder& operator=(const StagingFolder&) = delete;
  const fs::path& path() const { return path_; }
  // BUILD.logs/ (replacing an earlier one) holds the logs of a failed build; the error names the new path.
  core::ToolError keep_logs(const core::ToolError& error) {
    std::error_code ec;
    const fs::path kept = out_.string() + ".logs";
    fs::remove_all(kept, ec);
    fs::rename(path_ / "logs", kept, ec);
    if (ec) return error;
    std::string message = error.what();
    const std::string from = (path_ / "logs").string();
    for (std::size_t at = message.find(from); at != std::string::npos; at = message.find(from, at))
      message.replace(at, from.size(), kept.string());
    return core::ToolError(message, error.interrupted());
  }
  void commit() {
    std::error_code ec;
    fs::remove_all(path_ / "work", ec);  // netlists and .asc: large, rebuilt from the kept design
    fs::permissions(path_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec);
    fs::path previous;
    if (fs::exists(out_, ec)) {
      previous = path_.string() + ".old";
      fs::rename(out_, previous);
    }
    fs::rename(path_, out_);
    committed_ = true;
    if (!previous.empty()) fs::remove_all(previous, ec);
  }

 private:
  fs::path out_;
  fs::path path_;
  bool committed_ = false;
};

std::string tag_of(std::size_t index, const std::string& id) {
  std::string tag = "layer" + std::to_string(index) + "_";
  for (const char c : id) tag += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return tag;
}

// Runs task(i) for i < count on up to `jobs` threads; the first error is rethrown after the others stop.
void parallel_for(std::size_t count, int jobs, const std::function<void(std::size_t)>& task) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex mutex;
  auto worker = [&] {
    while (!failed.load()) {
      const std::size_t i = next.fetch_add(1);
      if (i >= count) return;
      try {
        task(i);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(mutex);
        if (!error) error = std::current_exception();
        failed.store(true);
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < std::max(1, std::min<int>(jobs, static_cast<int>(count))); ++t)
    threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
}

// What the reports of one build unit (a layer or the top) measured.
struct Measured {
  std::optional<std::int64_t> logic_cells, luts, carry_cells, ffs, bram, spram;
  std::vector<std::pair<std::string, double>> fmax_mhz;
  std::optional<bool> timing_met;
  std::vector<evidence::ClockConstraint> clocks;
};

void read_into(Measured& m, const evidence::ParsedReport& report, const std::string& role) {
  const evidence::ReportMetrics& r = report.metrics;
  if (role == "synth") {
    m.luts = r.luts_used.value_or(0);  // a design without LUTs has no LUT line
    m.carry_cells = r.carry_cells.value_or(0);
    m.ffs = r.ffs_used.value_or(0);
    if (!m.bram) m.bram = static_cast<std::int64_t>(r.bram_used.value_or(0));
  }
  if (role == "pack" || role == "place_and_route") {
    for (const auto& bel : r.bel_utilisation) {
      if (bel.bel == "ICESTORM_LC") m.logic_cells = bel.used;
      if (bel.bel == "ICESTORM_RAM") m.bram = bel.used;
      if (bel.bel == "ICESTORM_SPRAM") m.spram = bel.used;
    }
  }
  if (role == "place_and_route") {
    m.fmax_mhz = r.fmax_mhz;
    m.timing_met = r.timing_met;
    m.clocks = r.clock_constraints;
  }
}

nlohmann::json optional_json(const std::optional<std::int64_t>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json measured_json(const Measured& m) {
  nlohmann::json out = {{"logic_cells", optional_json(m.logic_cells)},
                        {"luts", optional_json(m.luts)},
                        {"carry_cells", optional_json(m.carry_cells)},
                        {"ffs", optional_json(m.ffs)},
                        {"bram", optional_json(m.bram)}};
  if (!m.fmax_mhz.empty()) {
    nlohmann::json fmax = nlohmann::json::object();
    for (const auto& [clock, mhz] : m.fmax_mhz) fmax[clock] = mhz;
    out["fmax_mhz"] = fmax;
  }
  if (m.timing_met) out["timing_met"] = *m.timing_met;
  return out;
}

nlohmann::json compare(double predicted, const std::optional<double>& measured) {
  nlohmann::json row = {{"predicted", predicted}, {"measured", nullptr}, {"relative_error", nullptr}};
  if (measured) {
    row["measured"] = *measured;
    if (*measured != 0) row["relative_error"] = (predicted - *measured) / *measured;
  }
  return row;
}

std::optional<double> as_double(const std::optional<std::int64_t>& v) {
  return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
}

nlohmann::json comparison_of(const model::PredictedHardware& p, const Measured& m, bool with_fmax) {
  nlohmann::json out = {
      {"logic_cells", compare(static_cast<double>(p.logic_cells), as_double(m.logic_cells))},
      {"luts", compare(static_cast<double>(p.luts), as_double(m.luts))},
      {"carry_cells", compare(static_cast<double>(p.carry_cells), as_double(m.carry_cells))},
      {"ffs", compare(static_cast<double>(p.ffs), as_double(m.ffs))},
      {"bram", compare(static_cast<double>(p.bram_blocks), as_double(m.bram))}};
  // SPRAM only where a layer uses it (designs without keep their rows).
  if (p.spram_blocks > 0 || m.spram.value_or(0) > 0)
    out["spram"] = compare(static_cast<double>(p.spram_blocks), as_double(m.spram));
  if (with_fmax && p.fmax_mhz > 0)
    out["fmax_mhz"] = compare(
        p.fmax_mhz, m.fmax_mhz.empty() ? std::nullopt : std::optional<double>(m.fmax_mhz.front().second));
  return out;
}

// The observation the planner learns from: the measured cells of the layer module alone (the unit the plan
// counts), with power, latency and accuracy from the model (the open flow measures none of them).
nlohmann::json observation_of(const hw::NetworkLayerDesign& layer, std::int64_t cells,
                              const model::Device& device, double clock_mhz, bool critical) {
  const model::GroundedLayerCost model = grounded_layer_cost(layer.design, device, clock_mhz);
  const bool lfsr = layer.design.generator == sim::Generator::kLfsr;
  return {{"mac_count", static_cast<std::int64_t>(layer.design.n_inputs) * layer.design.n_neurons},
          {"bitstream_length", layer.plan.bitstream_length},
          {"decorrelator", hw::plan_decorrelator_name(layer.design.generator)},
          {"mode", hw::plan_mode_name(layer.design.mode)},
          {"precision_bits", layer.design.precision},
          {"lfsr_polynomial", lfsr ? layer.design.polynomial : "none"},
          {"luts_used", cells},
          {"power_mw", model.power_mw},
          {"latency_cycles", model.latency_cycles},
          {"accuracy_score", model.accuracy_score},
          {"is_critical_path", critical}};
}

nlohmann::json provenance_of(const StageReport& report, const fs::path& build,
                             const std::map<std::string, Tool>& tools) {
  const evidence::ParsedReport parsed = evidence::parse_report_file(report.path);
  return {{"file", fs::relative(report.path, build).string()},
          {"tool", report.tool},
          {"tool_version", tools.at(report.tool).version},
          {"parsed_as", parsed.tool + " " + parsed.kind},
          {"sha256", core::sha256_hex(core::read_file(report.path))},
          {"command", report.command}};
}

// What synth knows before any tool runs: the checked options, the tools found, the network and its
// prediction.
struct SynthSetup {
  const model::Device* target = nullptr;
  const Toolchain* toolchain = nullptr;
  std::string package;
  std::map<std::string, Tool> tools;
  hw::NetworkDesign network;
  double clock = 0;
  std::optional<double> planned_latency_cycles;  // what the plan states, against the emitted controller's
  model::NetworkPrediction prediction;
  bool predicted_too_big = false;
};

// What a default plan made for this device promises about its clock: the clock it was planned at and the fmax
// it predicts (nullopt for a reference plan, or a plan for another device).
struct PlannedClock {
  std::optional<double> clock_mhz;
  std::optional<double> fmax_mhz;
  std::optional<double> latency_cycles;
};

PlannedClock planned_clock(const fs::path& plan_path, const model::Device& device) {
  const nlohmann::json plan = core::parse_json(core::read_utf8_text_file(plan_path), plan_path.string());
  PlannedClock planned;
  if (!plan.is_object() || plan.value("device", std::string()) != device.key) return planned;
  const auto positive = [&](const char* key) -> std::optional<double> {
    if (!plan.contains(key) || !plan.at(key).is_number() || !(plan.at(key).get<double>() > 0))
      return std::nullopt;
    return plan.at(key).get<double>();
  };
  return {positive("clock_mhz"), positive("fmax_mhz"), positive("total_latency_cycles")};
}

// Block RAM is a hard limit (--force does not lift it): the placer cannot build a design that needs more
// blocks than the device has. Its users: folded layers' weight memories and Halton ROMs (model/folded_cells,
// model::rom_bram_bits).
// So is I/O: every port of sc_network is a pin of the package (with SPRAM layers its weight-load port too).
void check_pins(const SynthSetup& s) {
  const int pins = hw::network_pins(s.network);
  for (const model::DevicePackage& p : s.target->packages)
    if (p.name == s.package && pins > p.user_io)
      throw core::DoesNotFitError("needs " + std::to_string(pins) +
                                  " I/O pins (the ports of sc_network), package " + s.package + " of " +
                                  s.target->key + " has " + std::to_string(p.user_io) + "; no tool was run");
}

// SPRAM is a hard limit too: a device without SPRAM refuses a layer in it (exit 2), and one with too few
// SB_SPRAM256KA does not fit (exit 3, naming the layers' blocks).
void check_spram_blocks(const SynthSetup& s) {
  std::vector<std::string> users;
  for (std::size_t i = 0; i < s.network.layers.size() && i < s.prediction.layers.size(); ++i)
    if (const std::int64_t blocks = s.prediction.layers[i].spram_blocks; blocks > 0)
      users.push_back("'" + s.network.layers[i].id + "' " + std::to_string(blocks));
  if (users.empty()) return;
  const std::int64_t have = s.target->spram_blocks();
  if (have == 0)
    throw core::InputError("layer " + users.front().substr(0, users.front().rfind(' ')) +
                           ": weight_memory spram, but device " + s.target->key + " has no SPRAM");
  const std::int64_t need = s.prediction.design.spram_blocks;
  if (need <= have) return;
  throw core::DoesNotFitError("needs " + std::to_string(need) + " SB_SPRAM256KA blocks (predicted; layers " +
                              core::join(users, ", ") + "), device " + s.target->key + " has " +
                              std::to_string(have) + "; no tool was run");
}

void check_memory_blocks(const SynthSetup& s) {
  const std::int64_t need = s.prediction.design.bram_blocks;
  if (need <= s.target->bram_blocks) return;
  std::vector<std::string> users;
  for (std::size_t i = 0; i < s.network.layers.size() && i < s.prediction.layers.size(); ++i)
    if (const std::int64_t blocks = s.prediction.layers[i].bram_blocks; blocks > 0)
      users.push_back("'" + s.network.layers[i].id + "' " + std::to_string(blocks));
  throw core::DoesNotFitError("needs " + core::py::thousands(need) + " " + s.target->bram_unit +
                              " blocks (predicted; layers " + core::join(users, ", ") + "), device " +
                              s.target->key + " has " + core::py::thousands(s.target->bram_blocks) +
                              "; no tool was run");
}

// The checks run in the order a user fixes them: the device, its package, the flags, then the tools.
SynthSetup prepare_synth(const SynthOptions& options) {
  SynthSetup s;
  s.target = &model::device(options.device);
  s.toolchain = &toolchain_for(s.target->family);
  s.package = options.package.empty() ? s.target->default_package : options.package;
  s.target->check_package(s.package);
  if (options.jobs < 1)
    throw core::InputError("--jobs must be at least 1, got " + std::to_string(options.jobs));
  if (options.timeout_seconds < 0) throw core::InputError("--timeout must not be negative");
  if (options.out.empty()) throw core::InputError("synth needs --out BUILD");
  for (const ToolSpec& spec : s.toolchain->tools()) {
    const auto given = options.tool_paths.find(spec.name);
    s.tools[spec.name] = find_tool(spec, given == options.tool_paths.end() ? fs::path() : given->second);
  }
  s.network = pipeline::load_network_design(options.sources);
  // The plan's clock unless told otherwise, and its fmax: one prediction per design, in plan and comparison.
  const PlannedClock planned = planned_clock(options.sources.plan, *s.target);
  s.clock = options.clock_mhz.value_or(planned.clock_mhz.value_or(default_clock_mhz(*s.target)));
  if (!(s.clock > 0)) throw core::InputError("--clock-mhz must be positive");
  s.prediction = model::predict_network(s.network, *s.target);
  check_spram_blocks(s);  // a layer in SPRAM needs a device with SPRAM, and enough of it
  check_pins(s);
  if (planned.fmax_mhz) s.prediction.design.fmax_mhz = *planned.fmax_mhz;
  s.planned_latency_cycles = planned.latency_cycles;
  s.predicted_too_big = s.prediction.design.logic_cells > s.target->logic_cells;
  if (s.predicted_too_big && !options.force)
    throw core::DoesNotFitError("needs " + core::py::thousands(s.prediction.design.logic_cells) + " " +
                                s.target->logic_unit + " (predicted), device " + s.target->key + " has " +
                                core::py::thousands(s.target->logic_cells) +
                                "; no tool was run (--force builds it anyway)");
  check_memory_blocks(s);
  return s;
}

void emit_design(const SynthSetup& s, const fs::path& dir, Progress& progress) {
  const auto emit_start = progress.elapsed();
  core::write_file_atomically(dir / "design/sc_network.v", hw::emit_network_verilog(s.network));
  core::write_file_atomically(dir / "design/tb_sc_network.v", hw::emit_network_testbench(s.network));
  core::write_file_atomically(dir / "design/manifest.json",
                              io::json_document(hw::network_manifest(s.network, SCN_VERSION)));
  progress.stage("emit", progress.elapsed() - emit_start,
                 ": " + std::to_string(s.network.layers.size()) + " layers");
}

std::vector<LayerBuild> build_layers(const SynthSetup& s, const BuildContext& context, int jobs,
                                     Progress& progress) {
  std::vector<LayerBuild> layer_builds(s.network.layers.size());
  parallel_for(s.network.layers.size(), jobs, [&](std::size_t i) {
    const double start = progress.elapsed();
    layer_builds[i] = s.toolchain->build_layer(context, hw::network_layer_module(s.network, i),
                                               tag_of(i, s.network.layers[i].id));
    progress.stage("synth layer '" + s.network.layers[i].id + "'", progress.elapsed() - start);
  });
  return layer_builds;
}

// The top as far as it went: packed cells, and whether they fit the device (false stops before placement).
struct TopOutcome {
  TopBuild build;
  bool fits = true;
  std::int64_t packed = 0;
};

TopOutcome build_top(const SynthSetup& s, const BuildContext& context, Progress& progress) {
  const double top_start = progress.elapsed();
  TopOutcome top;
  top.build = s.toolchain->build_top(context, [&](std::int64_t cells) {
    progress.stage("synth top", progress.elapsed() - top_start,
                   ", " + core::py::thousands(cells) + " " + s.target->logic_unit + " packed");
    top.packed = cells;
    top.fits = cells <= s.target->logic_cells;
    return top.fits;
  });
  return top;
}

// Every report parsed, with provenance: per layer and for the whole design.
struct CollectedEvidence {
  nlohmann::json source_reports = nlohmann::json::object();
  nlohmann::json provenance = nlohmann::json::object();
  nlohmann::json layers_measured = nlohmann::json::object();
  nlohmann::json observations = nlohmann::json::array();
  nlohmann::json comparison_layers = nlohmann::json::object();
  nlohmann::json layer_order = nlohmann::json::array();
  Measured design;
};

void record_report(CollectedEvidence& e, const std::string& name, const StageReport& report,
                   const fs::path& dir, const std::map<std::string, Tool>& tools) {
  e.source_reports[name] = fs::relative(report.path, dir).string();
  e.provenance[name] = provenance_of(report, dir, tools);
}

void collect_layers(CollectedEvidence& e, const SynthSetup& s, const std::vector<LayerBuild>& layer_builds,
                    const fs::path& dir) {
  for (std::size_t i = 0; i < s.network.layers.size(); ++i) {
    const hw::NetworkLayerDesign& layer = s.network.layers[i];
    Measured m;
    for (const StageReport& report : layer_builds[i].reports) {
      record_report(e, tag_of(i, layer.id) + "." + report.role, report, dir, s.tools);
      read_into(m, evidence::parse_report_file(report.path), report.role);
    }
    nlohmann::json entry = measured_json(m);
    entry["module"] = hw::network_layer_module(s.network, i);
    entry["scope"] =
        "the layer module synthesised" + std::string(m.logic_cells ? " and packed" : "") + " on its own";
    e.layers_measured[layer.id] = entry;
    const std::int64_t cells = m.logic_cells.value_or(m.luts.value_or(0));
    e.observations.push_back(observation_of(layer, cells, *s.target, s.clock, false));
    e.comparison_layers[layer.id] = comparison_of(s.prediction.layers[i], m, false);
    e.layer_order.push_back(layer.id);
  }
}

void collect_top(CollectedEvidence& e, const SynthSetup& s, const TopBuild& top, const fs::path& dir) {
  for (const StageReport& report : top.reports) {
    record_report(e, "top." + report.role, report, dir, s.tools);
    if (report.role != "timing") read_into(e.design, evidence::parse_report_file(report.path), report.role);
  }
}

std::vector<std::string> build_warnings(const SynthSetup& s, const TopOutcome& top, const Measured& design) {
  const std::string& unit = s.target->logic_unit;
  std::vector<std::string> warnings;
  if (s.predicted_too_big)
    warnings.push_back("built with --force: predicted " +
                       core::py::thousands(s.prediction.design.logic_cells) + " " + unit + ", device has " +
                       core::py::thousands(s.target->logic_cells));
  if (!top.build.stopped.empty() && top.fits) warnings.push_back(top.build.stopped);
  warnings.insert(warnings.end(), top.build.notes.begin(), top.build.notes.end());
  for (const auto& c : design.clocks)
    if (c.met && !*c.met)
      warnings.push_back(
          "clock " + c.clock + " missed its " + core::py::fixed(c.constraint_mhz.value_or(s.clock), 1) +
          " MHz constraint (nextpnr fmax " +
          core::py::fixed(design.fmax_mhz.empty() ? 0.0 : design.fmax_mhz.front().second, 1) + " MHz)");
  if (!top.fits)
    warnings.push_back("does not fit: needs " + core::py::thousands(top.packed) + " " + unit +
                       ", device has " + core::py::thousands(s.target->logic_cells) + " (not placed)");
  if (const auto yosys = s.tools.find("yosys"); yosys != s.tools.end())
    if (std::string w = calibration_toolchain_warning(
            model::calibrated_model_for_family(s.target->family).source, yosys->second.version);
        !w.empty())
      warnings.push_back(std::move(w));
  return warnings;
}

nlohmann::json evidence_document(const SynthSetup& s, const SynthOptions& options, const CollectedEvidence& e,
                                 bool placed, const std::vector<std::string>& warnings) {
  const std::string& unit = s.target->logic_unit;
  nlohmann::json design_measured = measured_json(e.design);
  design_measured["scope"] = "the whole design (top module sc_network)";
  nlohmann::json tool_versions = nlohmann::json::object();
  for (const auto& [name, t] : s.tools)
    tool_versions[name] = {{"path", t.path.string()}, {"version", t.version}};
  return {{"generator", "sc-neurocore synth"},
          {"tool_version", SCN_VERSION},
          {"device",
           {{"key", s.target->key},
            {"part", s.target->part},
            {"package", s.package},
            {"logic_unit", unit},
            {"logic_cells", s.target->logic_cells}}},
          {"clock_mhz", s.clock},
          {"seed", options.seed},
          {"tools", tool_versions},
          {"source_reports", e.source_reports},
          {"provenance", e.provenance},
          {"measurements", design_measured},
          {"layers", e.layers_measured},
          {"observations", e.observations},
          {"observation_fields",
           {{"measured", {"luts_used"}},
            {"luts_used", unit + " of the layer module alone (" +
                              std::string(e.design.logic_cells ? "nextpnr pack" : "Yosys") + ")"},
            {"modelled", {"power_mw", "latency_cycles", "accuracy_score"}},
            {"why",
             "the open-source flow reports no power and measures no accuracy; these come from the default "
             "profile's model"}}},
          {"placed", placed},
          {"warnings", warnings}};
}

// Cycles per inference as planned and as the emitted controller takes them, and that time at the placed fmax
// (null when nothing was placed).
nlohmann::json latency_comparison(const SynthSetup& s, const CollectedEvidence& e) {
  const std::int64_t emitted = hw::cycles_per_inference(s.network);
  const double placed = e.design.fmax_mhz.empty() ? 0.0 : e.design.fmax_mhz.front().second;
  return {{"planned",
           s.planned_latency_cycles ? nlohmann::json(*s.planned_latency_cycles) : nlohmann::json(nullptr)},
          {"emitted", emitted},
          {"us_at_placed_fmax",
           placed > 0 ? nlohmann::json(static_cast<double>(emitted) / placed) : nlohmann::json(nullptr)}};
}

nlohmann::json comparison_document(const SynthSetup& s, const CollectedEvidence& e,
                                   const std::vector<std::string>& warnings) {
  return {{"device", s.target->key},
          {"unit", s.target->logic_unit},
          {"design", comparison_of(s.prediction.design, e.design, true)},
          {"layers", e.comparison_layers},
          {"layer_order", e.layer_order},
          {"predicted_glue", {{"logic_cells", s.prediction.glue.logic_cells}}},
          {"latency_cycles", latency_comparison(s, e)},
          {"warnings", warnings}};
}

// The flow's own time: everything but the tools (emit, parsing, evidence; measured, not estimated).
nlohmann::json timing_json(const Progress& progress, double wall, double tools_busy) {
  nlohmann::json stages = nlohmann::json::array();
  for (const auto& [name, seconds] : progress.stages())
    stages.push_back({{"stage", name}, {"seconds", seconds}});
  return {{"wall_seconds", wall},
          {"tools_seconds", tools_busy},
          {"flow_overhead_seconds", wall - tools_busy},
          {"flow_overhead_share", wall > 0 ? (wall - tools_busy) / wall : 0.0},
          {"stages", stages}};
}

// Runs the tools in the staging folder and writes the evidence there; the caller commits or keeps the logs.
SynthResult build_in_staging(const SynthSetup& s, const SynthOptions& options, StagingFolder& staging,
                             Progress& progress, double flow_start) {
  const BuildContext context{s.target,       s.package, s.clock,  options.seed, options.timeout_seconds,
                             staging.path(), s.tools,   &progress};
  emit_design(s, staging.path(), progress);
  const std::vector<LayerBuild> layer_builds = build_layers(s, context, options.jobs, progress);
  const TopOutcome top = build_top(s, context, progress);
  CollectedEvidence collected;
  collect_layers(collected, s, layer_builds, staging.path());
  collect_top(collected, s, top.build, staging.path());
  const std::vector<std::string> warnings = build_warnings(s, top, collected.design);
  nlohmann::json evidence = evidence_document(s, options, collected, top.build.placed, warnings);
  const nlohmann::json comparison = comparison_document(s, collected, warnings);
  const double wall = progress.elapsed() - flow_start;
  const double tools_busy = tool_seconds();
  evidence["timing"] = timing_json(progress, wall, tools_busy);
  core::write_file_atomically(staging.path() / "evidence.json", io::json_document(evidence));
  core::write_file_atomically(staging.path() / "comparison.json", io::json_document(comparison));
  staging.commit();
  progress.line("wrote " + options.out.string() + " (evidence.json, comparison.json, logs/, reports/) in " +
                fixed1(wall) + " s, " +
                core::py::fixed(100.0 * (wall - tools_busy) / std::max(wall, 1e-9), 1) +
                " % of it outside the tools");
  if (!top.fits)
    throw core::DoesNotFitError("needs " + core::py::thousands(top.packed) + " " + s.target->logic_unit +
                                ", device " + s.target->key + " has " +
                                core::py::thousands(s.target->logic_cells) + " (nextpnr-ice40 pack; " +
                                options.out.string() + " holds the synthesis measurements)");
  return {options.out, evidence, comparison, top.build.placed, warnings};
}

}  // namespace

SynthResult synth(const SynthOptions& options) {
  Progress progress("sc-neurocore synth", options.quiet);
  const SynthSetup setup = prepare_synth(options);
  InterruptScope interrupts;
  reset_tool_time();
  const double flow_start = progress.elapsed();
  StagingFolder staging(options.out);
  // A failing stage's logs outlive the build folder: they move beside BUILD, where the error points.
  try {
    return build_in_staging(setup, options, staging, progress, flow_start);
  } catch (const core::ToolError& e) {
    throw staging.keep_logs(e);
  }
}

BuildFeedback optimise_from_build(const std::vector<core::LayerProfile>& network,
                                  const core::TargetHardwareProfile& target, const fs::path& build,
                                  const std::vector<model::LayerWeights>& weights,
                                  search::SurrogateOptions options) {
  const fs::path path = build / "evidence.json";
  if (!fs::exists(path))
    throw core::FileError(build.string() + ": no evidence.json (not a build folder of synth)");
  BuildFeedback result;
  result.evidence = core::parse_json(core::read_utf8_text_file(path), path.string());
  if (!result.evidence.is_object() || !result.evidence.contains("device") ||
      !result.evidence.at("device").contains("key"))
    throw core::ObservationLoadError(path.string() + ": not the evidence of sc-neurocore synth (no device)");
  result.observations = evidence::observations_from_payload(result.evidence, path.string());
  options.observations.insert(options.observations.end(), result.observations.begin(),
                              result.observations.end());
  options.profile = core::Profile::kDefault;
  options.device = result.evidence.at("device").at("key").get<std::string>();
  if (result.evidence.contains("clock_mhz"))
    options.clock_mhz = result.evidence.at("clock_mhz").get<double>();
  result.report = search::SurrogateSCOptimizer(target, options).optimise(network, weights);
  return result;
}

// The comparison's quantities in the order a hardware engineer reads them.
constexpr const char* kQuantities[] = {"logic_cells", "luts",  "carry_cells", "ffs",
                                       "bram",        "spram", "fmax_mhz"};

std::string comparison_table(const nlohmann::json& comparison) {
  std::string out;
  char line[160];
  auto row = [&](const std::string& scope, const std::string& quantity, const nlohmann::json& r) {
    const std::string measured = r.at("measured").is_null() ? "-"
                                                            : core::py::fixed(r.at("measured").get<double>(),
                                                                              quantity == "fmax_mhz" ? 1 : 0);
    const std::string error = r.at("relative_error").is_null()
                                  ? "-"
                                  : core::py::fixed(100.0 * r.at("relative_error").get<double>(), 1) + " %";
    std::snprintf(line, sizeof line, "%-12s %-12s %12s %12s %10s\n", scope.c_str(), quantity.c_str(),
                  core::py::fixed(r.at("predicted").get<double>(), quantity == "fmax_mhz" ? 1 : 0).c_str(),
                  measured.c_str(), error.c_str());
    out += line;
  };
  std::snprintf(line, sizeof line, "%-12s %-12s %12s %12s %10s\n", "scope", "quantity", "predicted",
                "measured", "error");
  out += line;
  const auto rows = [&](const std::string& scope, const nlohmann::json& quantities) {
    for (const char* q : kQuantities)
      if (quantities.contains(q)) row(scope, q, quantities.at(q));
  };
  rows("design", comparison.at("design"));
  for (const auto& id : comparison.at("layer_order"))
    rows(id.get<std::string>(), comparison.at("layers").at(id.get<std::string>()));
  if (const auto& latency = comparison.value("latency_cycles", nlohmann::json());
      latency.is_object() && latency.contains("us_at_placed_fmax")) {
    const auto cycles = latency.at("emitted").get<std::int64_t>();
    const auto& us = latency.at("us_at_placed_fmax");
    out += "latency: " + core::py::thousands(cycles) + " cycles per inference" +
           (us.is_null() ? std::string()
                         : ", " + core::py::fixed(us.get<double>(), 1) + " us at the placed fmax") +
           "\n";
  }
  for (const auto& w : comparison.at("warnings")) out += "warning: " + w.get<std::string>() + "\n";
  return out;
}

}  // namespace scn::flow
