// The build flow: `synth` (the planned network through the device family's open-source tools, its evidence
// and the comparison with the predictions) and the loop closed from a build folder, over the same C++
// entry points as `sc-neurocore synth` and `sc-neurocore feedback --build`.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/flow/sweep.hpp"
#include "sc_neurocore/flow/synth.hpp"
#include "sc_neurocore/flow/toolchain.hpp"
#include "sc_neurocore/io/network.hpp"
#include "sc_neurocore/io/weights.hpp"
#include "sc_neurocore/model/devices.hpp"
#include "sc_neurocore/model/targets.hpp"

namespace scn::python {
namespace {
namespace fs = std::filesystem;

// {"yosys": path, "nextpnr": path, ...} as synth's tool paths: the names of the device family's toolchain
// ("nextpnr" stands for its nextpnr-<family>); InputError naming an unknown tool and the known ones.
std::map<std::string, fs::path> tool_paths(const model::Device& target,
                                           const std::map<std::string, fs::path>& given) {
  const std::vector<flow::ToolSpec> specs = flow::toolchain_for(target.family).tools();
  std::map<std::string, fs::path> out;
  for (const auto& [name, path] : given) {
    std::string resolved;
    for (const auto& spec : specs)
      if (spec.name == name || (name == "nextpnr" && spec.name.rfind("nextpnr-", 0) == 0))
        resolved = spec.name;
    if (resolved.empty()) {
      const std::string names = core::join(specs, ", ", [](const auto& spec) { return spec.name; });
      throw core::InputError("tools: '" + name + "' is not a tool of the " + target.family + " flow (" +
                             names + ")");
    }
    out[resolved] = path;
  }
  return out;
}

// sc_neurocore.hw.sweep's options dict as the engine's SweepOptions (the Python side made the paths
// absolute).
flow::SweepOptions sweep_options(py::handle value) {
  const nlohmann::json o = to_json(value, "options");
  flow::SweepOptions options;
  options.network = o.at("network").get<std::string>();
  options.plans = o.value("plans", std::string());
  options.pareto = o.value("pareto", std::string());
  for (const auto& p : o.value("plan_files", nlohmann::json::array()))
    options.plan_files.emplace_back(p.get<std::string>());
  for (const auto& w : o.at("weights")) options.weights.emplace_back(w.get<std::string>());
  options.device = o.at("device").get<std::string>();
  if (o.at("clock_mhz").is_number()) options.clock_mhz = o.at("clock_mhz").get<double>();
  options.package = o.at("package").get<std::string>();
  options.out = o.at("out").get<std::string>();
  options.jobs = o.at("jobs").get<int>();
  options.timeout = o.at("timeout").get<double>();
  options.max_points = o.at("max_points").get<int>();
  options.within_budget = o.at("within_budget").get<bool>();
  return options;
}

flow::SweepProvenance sweep_provenance(py::handle value) {
  const nlohmann::json p = to_json(value, "provenance");
  flow::SweepProvenance provenance;
  provenance.generator = p.at("generator").get<std::string>();
  provenance.tool_version = p.at("tool_version");
  provenance.cli = p.at("cli");
  provenance.runner = p.at("runner").get<std::string>();
  provenance.scheduler = p.at("scheduler");
  provenance.jobs = p.at("jobs");
  return provenance;
}

// The sweep engine (flow/sweep.hpp) for sc_neurocore.hw.sweep, whose Dask executor is all it adds.
void bind_sweep(py::module_& m) {
  m.def("sweep_check", [](py::handle options, bool check_tools) {
    flow::check_sweep_options(sweep_options(options), check_tools);
  });
  // The jobs of a Dask sweep: name, plan, build, log, and build_one (the CLI's arguments that build it).
  m.def("sweep_jobs", [](py::handle value) {
    const flow::SweepOptions options = sweep_options(value);
    py::list out;
    for (const flow::SweepJob& job : flow::sweep_jobs(options)) {
      py::dict task;
      task["name"] = job.name;
      task["plan"] = job.plan.string();
      task["build"] = (options.out / job.name).string();
      task["log"] = (options.out / (job.name + ".log")).string();
      task["build_one"] = flow::build_one_arguments(options, job);
      out.append(task);
    }
    return out;
  });
  // The local sweep with `command` as synth's CLI: (sweep.json's content, the number of plans).
  m.def("sweep_local", [](py::handle options, const std::vector<std::string>& command,
                          const fs::path& executable, py::handle provenance, bool quiet) {
    const flow::SweepOptions o = sweep_options(options);
    const flow::SweepProvenance p = sweep_provenance(provenance);
    flow::SweepOutcome outcome;
    {
      const py::gil_scoped_release release;  // minutes of builds
      flow::Progress progress("sc-neurocore sweep", quiet);
      outcome = flow::run_sweep(o, p, {command, command.front(), executable}, progress, nullptr);
    }
    return py::make_tuple(from_json(outcome.record), outcome.planned);
  });
  // sweep.json of the Dask executor's rows, written (atomically) and returned.
  m.def("sweep_record", [](py::handle options, py::handle provenance, py::handle rows, bool interrupted) {
    const flow::SweepOptions o = sweep_options(options);
    flow::SweepRows collected{to_json(rows, "rows"), interrupted};
    const nlohmann::json record = flow::sweep_record(o, sweep_provenance(provenance), collected);
    flow::Progress silent("sc-neurocore sweep", true);
    flow::write_sweep(o.out, record, nullptr, silent);
    return from_json(record);
  });
  m.def("sweep_progress_text", [](py::handle row) { return flow::sweep_progress_text(to_json(row, "row")); });
  m.def("sweep_table", [](py::handle sweep) { return flow::sweep_table(to_json(sweep, "sweep")); });
}

}  // namespace

void bind_flow(py::module_& m) {
  bind_sweep(m);
  m.def(
      "flow_synth",
      [](const fs::path& network, const fs::path& plan, const std::vector<fs::path>& weights,
         std::uint64_t weight_seed, const std::optional<fs::path>& calibration, const std::string& device_key,
         const std::string& package, std::optional<double> clock_mhz, int seed, const fs::path& out, int jobs,
         double timeout, const std::map<std::string, fs::path>& tools, bool quiet, bool force) {
        flow::SynthOptions options;
        options.sources.network = network;
        options.sources.plan = plan;
        options.sources.weights = weights;
        options.sources.seed = weight_seed;
        if (calibration) options.sources.calibration = *calibration;
        options.device = device_key;
        options.package = package;
        options.clock_mhz = clock_mhz;
        options.seed = seed;
        options.out = out;
        options.jobs = jobs;
        options.timeout_seconds = timeout;
        options.quiet = quiet;
        options.force = force;
        flow::SynthResult result;
        {
          const py::gil_scoped_release release;  // minutes of Yosys and nextpnr
          options.tool_paths = tool_paths(model::device(device_key), tools);
          result = flow::synth(options);
        }
        py::dict out_dict;
        out_dict["build"] = result.build;
        out_dict["evidence"] = from_json(result.evidence);
        out_dict["comparison"] = from_json(result.comparison);
        out_dict["placed"] = result.placed;
        out_dict["warnings"] = result.warnings;
        return out_dict;
      },
      py::arg("network"), py::arg("plan"), py::arg("weights"), py::arg("weight_seed"), py::arg("calibration"),
      py::arg("device"), py::arg("package"), py::arg("clock_mhz"), py::arg("seed"), py::arg("out"),
      py::arg("jobs"), py::arg("timeout"), py::arg("tools"), py::arg("quiet"), py::arg("force"));
  // The tools a device's flow needs, as (name, flag, Debian package); InputError for an unknown device or
  // package (the sweep checks them before it starts).
  m.def("flow_toolchain_tools", [](const std::string& device_key, const std::string& package) {
    const model::Device& target = model::device(device_key);
    target.check_package(package);
    std::vector<std::tuple<std::string, std::string, std::string>> out;
    for (const auto& spec : flow::toolchain_for(target.family).tools())
      out.emplace_back(spec.name, spec.flag, spec.debian_package);
    return out;
  });
  m.def("flow_comparison_table",
        [](py::handle comparison) { return flow::comparison_table(to_json(comparison, "comparison")); });
  m.def("flow_load_network", [](const fs::path& path) { return io::layer_profiles(io::load_network(path)); });
  // The CLI's --weights files (.npy, JSON), one array per matrix, as NumPy arrays.
  m.def("load_weight_files", [](const std::vector<fs::path>& paths) { return io::load_weight_files(paths); });
  m.def("builtin_target_profile",
        [](const std::string& name) { return model::builtin_target_profile(name); });
  m.def("planning_device_for", [](const std::string& name) { return model::planning_device_for(name); });
  m.def(
      "flow_optimise_from_build",
      [](const std::vector<core::LayerProfile>& network, const core::TargetHardwareProfile& target,
         const fs::path& build, py::handle weights, const std::vector<fs::path>& weight_files) {
        std::vector<model::LayerWeights> layer_weights;
        if (!weight_files.empty()) {
          const std::string source =
              core::join(weight_files, ",", [](const std::filesystem::path& p) { return p.string(); });
          for (auto& array : io::load_weight_files(weight_files)) layer_weights.push_back({array, source});
        } else {
          layer_weights = layer_weights_from_python(weights);
        }
        const py::gil_scoped_release release;
        return flow::optimise_from_build(network, target, build, layer_weights).report;
      },
      py::arg("network"), py::arg("target"), py::arg("build"), py::arg("weights"), py::arg("weight_files"));
}

}  // namespace scn::python
