// The network's hardware: emit_network (Verilog, testbench, manifest) and the
// bit-true network simulator, over the same C++ entry points as the CLI.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "sc_neurocore/file_io.hpp"
#include "sc_neurocore/hw/network_job.hpp"
#include "sc_neurocore/hw/network_verilog.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/io/weights.hpp"

namespace scn::python {
namespace {

hw::NetworkInputs network_inputs(py::handle network, const std::string& network_source, py::handle plan,
                                 const std::string& plan_source, const std::vector<WeightArray>& weights,
                                 const std::vector<std::filesystem::path>& weight_files, std::uint64_t seed,
                                 py::handle calibration) {
  hw::NetworkInputs inputs;
  inputs.network = to_json(network, "network");
  inputs.network_source = network_source;
  inputs.plan = to_json(plan, "plan");
  inputs.plan_source = plan_source;
  inputs.weights = weight_files.empty() ? weights : io::load_weight_files(weight_files);
  std::string files;
  for (const auto& f : weight_files) files += (files.empty() ? "" : ",") + f.string();
  inputs.weights_source = weight_files.empty() ? "weights" : files;
  inputs.seed = seed;
  const hw::NetworkDesign probe = hw::network_design(inputs);
  if (!calibration.is_none())
    inputs.calibration =
        hw::input_vectors_from_json(to_json(calibration, "calibration_inputs"), "calibration_inputs",
                                    static_cast<std::size_t>(probe.layers.front().design.n_inputs));
  return inputs;
}

}  // namespace

void bind_hw(py::module_& m) {
  m.def("hw_emit_network", [](py::handle network, const std::string& network_source, py::handle plan,
                              const std::string& plan_source, const std::vector<WeightArray>& weights,
                              const std::vector<std::filesystem::path>& weight_files, std::uint64_t seed,
                              py::handle calibration, const std::filesystem::path& out) {
    const hw::NetworkDesign design = hw::network_design(
        network_inputs(network, network_source, plan, plan_source, weights, weight_files, seed, calibration));
    hw::write_network_folder(design, out, SCN_VERSION);
    return from_json(hw::network_manifest(design, SCN_VERSION));
  });
  m.def("hw_simulate",
        [](py::handle network, const std::string& network_source, py::handle plan,
           const std::string& plan_source, const std::vector<WeightArray>& weights,
           const std::vector<std::filesystem::path>& weight_files, std::uint64_t seed, py::handle calibration,
           py::handle vectors, const std::string& inputs_source,
           const std::optional<std::filesystem::path>& out,
           const std::optional<std::filesystem::path>& hex_inputs,
           const std::optional<std::filesystem::path>& hex_outputs, py::handle reference,
           const std::string& reference_source, py::handle labels, const std::string& labels_source) {
          const hw::NetworkDesign design = hw::network_design(network_inputs(
              network, network_source, plan, plan_source, weights, weight_files, seed, calibration));
          const auto inputs =
              hw::input_vectors_from_json(to_json(vectors, "inputs"), inputs_source,
                                          static_cast<std::size_t>(design.layers.front().design.n_inputs));
          const hw::NetworkSimulation simulation = hw::simulate_network(design, inputs);
          nlohmann::json result = hw::simulation_json(simulation);
          const std::optional<nlohmann::json> reference_json =
              reference.is_none() ? std::nullopt
                                  : std::optional<nlohmann::json>(to_json(reference, reference_source));
          const std::optional<nlohmann::json> labels_json =
              labels.is_none() ? std::nullopt : std::optional<nlohmann::json>(to_json(labels, labels_source));
          hw::add_accuracy_on_data(result, simulation, reference_json ? &*reference_json : nullptr,
                                   reference_source, labels_json ? &*labels_json : nullptr, labels_source);
          if (out) write_file_atomically(*out, io::json_document(result));
          if (hex_inputs) write_file_atomically(*hex_inputs, hw::hex_inputs(design, simulation));
          if (hex_outputs) write_file_atomically(*hex_outputs, hw::hex_outputs(design, simulation));
          result["inputs"] = simulation.inputs;
          result["input_bits"] = design.input_bits();
          result["output_bits"] = design.output_bits();
          return from_json(result);
        });
}

}  // namespace scn::python
