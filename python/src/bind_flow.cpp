// The build flow: `synth` (the planned network through the device family's open-source tools, its evidence
// and the comparison with the predictions) and the loop closed from a build folder, over the same C++
// entry points as `sc-neurocore synth` and `sc-neurocore feedback --build`.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/join.hpp"
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

}  // namespace

void bind_flow(py::module_& m) {
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
