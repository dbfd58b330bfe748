// The network's hardware: emit_network (Verilog, testbench, manifest) and the
// bit-true network simulator, over the same C++ entry points as the CLI.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/hw/network_verilog.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/io/weights.hpp"
#include "sc_neurocore/pipeline/network_job.hpp"

namespace scn::python {
namespace {

pipeline::NetworkInputs network_inputs(py::handle network, const std::string& network_source, py::handle plan,
                                       const std::string& plan_source,
                                       const std::vector<core::WeightArray>& weights,
                                       const std::vector<std::filesystem::path>& weight_files,
                                       std::uint64_t seed, py::handle calibration) {
  pipeline::NetworkInputs inputs;
  inputs.network = to_json(network, "network");
  inputs.network_source = network_source;
  inputs.plan = to_json(plan, "plan");
  inputs.plan_source = plan_source;
  inputs.weights = weight_files.empty() ? weights : io::load_weight_files(weight_files);
  inputs.weights_source =
      weight_files.empty()
          ? "weights"
          : core::join(weight_files, ",", [](const std::filesystem::path& p) { return p.string(); });
  inputs.seed = seed;
  const hw::NetworkDesign probe = pipeline::network_design(inputs);
  if (!calibration.is_none())
    inputs.calibration =
        pipeline::input_vectors_from_json(to_json(calibration, "calibration_inputs"), "calibration_inputs",
                                          static_cast<std::size_t>(probe.layers.front().design.n_inputs));
  return inputs;
}

}  // namespace

void bind_hw(py::module_& m) {
  m.def("hw_emit_network", [](py::handle network, const std::string& network_source, py::handle plan,
                              const std::string& plan_source, const std::vector<core::WeightArray>& weights,
                              const std::vector<std::filesystem::path>& weight_files, std::uint64_t seed,
                              py::handle calibration, const std::filesystem::path& out) {
    const hw::NetworkDesign design = pipeline::network_design(
        network_inputs(network, network_source, plan, plan_source, weights, weight_files, seed, calibration));
    pipeline::write_network_folder(design, out, SCN_VERSION);
    return from_json(hw::network_manifest(design, SCN_VERSION));
  });
  m.def("hw_simulate", [](py::handle network, const std::string& network_source, py::handle plan,
                          const std::string& plan_source, const std::vector<core::WeightArray>& weights,
                          const std::vector<std::filesystem::path>& weight_files, std::uint64_t seed,
                          py::handle calibration, py::handle vectors, const std::string& inputs_source,
                          const std::optional<std::filesystem::path>& out,
                          const std::optional<std::filesystem::path>& hex_inputs,
                          const std::optional<std::filesystem::path>& hex_outputs, py::handle reference,
                          const std::string& reference_source, py::handle labels,
                          const std::string& labels_source) {
    const hw::NetworkDesign design = pipeline::network_design(
        network_inputs(network, network_source, plan, plan_source, weights, weight_files, seed, calibration));
    const auto inputs =
        pipeline::input_vectors_from_json(to_json(vectors, "inputs"), inputs_source,
                                          static_cast<std::size_t>(design.layers.front().design.n_inputs));
    const pipeline::NetworkSimulation simulation = pipeline::simulate_network(design, inputs);
    nlohmann::json result = pipeline::simulation_json(simulation);
    const std::optional<nlohmann::json> reference_json =
        reference.is_none() ? std::nullopt
                            : std::optional<nlohmann::json>(to_json(reference, reference_source));
    const std::optional<nlohmann::json> labels_json =
        labels.is_none() ? std::nullopt : std::optional<nlohmann::json>(to_json(labels, labels_source));
    pipeline::add_accuracy_on_data(result, simulation, reference_json ? &*reference_json : nullptr,
                                   reference_source, labels_json ? &*labels_json : nullptr, labels_source);
    if (out) core::write_file_atomically(*out, io::json_document(result));
    if (hex_inputs) core::write_file_atomically(*hex_inputs, pipeline::hex_inputs(design, simulation));
    if (hex_outputs) core::write_file_atomically(*hex_outputs, pipeline::hex_outputs(design, simulation));
    result["inputs"] = simulation.inputs;
    result["input_bits"] = design.input_bits();
    result["output_bits"] = design.output_bits();
    return from_json(result);
  });
}

}  // namespace scn::python
