#include <cstdio>
#include <iostream>

#include "command.hpp"
#include "options.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/pipeline/network_job.hpp"

namespace scn::cli {
namespace {

// The bit-true simulation of the generated network on the user's input vectors (docs/network.md).
class SimulateCommand : public Command {
 public:
  std::string name() const override { return "simulate"; }
  std::string description() const override {
    return "Simulate the planned network bit for bit as emit-network builds it, against its exact "
           "counterpart";
  }
  void add_options(CLI::App& command) override {
    add_network_source_options(command, sources_);
    command.add_option("--inputs", inputs_, "JSON list of input vectors of reals in [0, 1]")->required();
    command.add_option("--out", out_, "Results JSON: raw, outputs, exact, per-layer accuracy")->required();
    command.add_option("--reference", reference_,
                       "JSON list of the float network's output vectors: adds end_to_end error to --out");
    command.add_option(
        "--labels", labels_,
        "JSON list of class indices, one per input vector: adds task_accuracy (argmax agreement)");
    command.add_option("--hex-inputs", hex_inputs_,
                       "Also write the inputs in the testbench's +inputs format");
    command.add_option("--hex-outputs", hex_outputs_,
                       "Also write the raw outputs in the testbench's +outputs format");
  }
  int run() override {
    const hw::NetworkDesign design = pipeline::load_network_design(sources_);
    const auto vectors = pipeline::input_vectors_from_json(
        core::parse_json(core::read_utf8_text_file(inputs_), inputs_.string()), inputs_.string(),
        static_cast<std::size_t>(design.layers.front().design.n_inputs));
    const pipeline::NetworkSimulation simulation = pipeline::simulate_network(design, vectors);
    nlohmann::json result = pipeline::simulation_json(simulation);
    const auto read = [](const std::optional<std::filesystem::path>& path) {
      return path ? std::optional<nlohmann::json>(
                        core::parse_json(core::read_utf8_text_file(*path), path->string()))
                  : std::nullopt;
    };
    const auto reference = read(reference_), labels = read(labels_);
    pipeline::add_accuracy_on_data(result, simulation, reference ? &*reference : nullptr,
                                   reference_ ? reference_->string() : "", labels ? &*labels : nullptr,
                                   labels_ ? labels_->string() : "");
    core::write_file_atomically(out_, io::json_document(result));
    if (hex_inputs_) core::write_file_atomically(*hex_inputs_, pipeline::hex_inputs(design, simulation));
    if (hex_outputs_) core::write_file_atomically(*hex_outputs_, pipeline::hex_outputs(design, simulation));
    std::cout << vectors.size() << " vectors; accuracy_score predicted (plan's model) vs measured on them:\n";
    std::cout << "layer                 predicted  measured   snr_db  noise_share  output rmse vs exact\n";
    for (const auto& layer : simulation.layers) {
      char line[200];
      std::snprintf(line, sizeof line, "%-20s %10.4f %9.4f %8.2f %12.3f  %.4g\n", layer.id.c_str(),
                    layer.predicted_score, layer.measured_score, layer.snr_db, layer.noise_share, layer.rmse);
      std::cout << line;
    }
    if (result.contains("end_to_end")) {
      const auto& e = result["end_to_end"];
      char line[240];
      std::snprintf(
          line, sizeof line,
          "end to end against the reference: SC score %.4f (rmse %.4g, bias %.4g, %.2f dB); exact network "
          "%.4f\n",
          e["sc"]["accuracy_score"].get<double>(), e["sc"]["rmse"].get<double>(),
          e["sc"]["bias"].get<double>(), e["sc"]["snr_db"].get<double>(),
          e["exact"]["accuracy_score"].get<double>());
      std::cout << line;
    }
    if (result.contains("task_accuracy")) {
      char line[160];
      std::snprintf(line, sizeof line, "task accuracy (argmax = label): SC %.4f, exact network %.4f\n",
                    result["task_accuracy"]["sc"].get<double>(),
                    result["task_accuracy"]["exact"].get<double>());
      std::cout << line;
    }
    return 0;
  }

 private:
  pipeline::NetworkSources sources_;
  std::filesystem::path inputs_;
  std::filesystem::path out_;
  std::optional<std::filesystem::path> reference_;
  std::optional<std::filesystem::path> labels_;
  std::optional<std::filesystem::path> hex_inputs_;
  std::optional<std::filesystem::path> hex_outputs_;
};

SCN_REGISTER_COMMAND(SimulateCommand)

}  // namespace
}  // namespace scn::cli
