// FPGA catalogue, energy estimator, compression, fit_to_target, the published
// summary texts, and the CLI entry point of `python3 -m sc_neurocore`.
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"
#include "cli/command.hpp"  // scn::cli::run, the whole CLI
#include "sc_neurocore/core/profile.hpp"
#include "sc_neurocore/io/views.hpp"

namespace scn::python {

namespace {

void bind_catalogue(py::module_& m) {
  m.def("fpga_targets", [] {
    std::vector<std::pair<std::string, model::FpgaTarget>> targets;
    for (const auto& target : model::fpga_targets()) targets.emplace_back(target.key, target);
    return targets;
  });
  m.def("module_costs", [] {
    namespace c = model::module_cost;
    return std::vector<std::pair<std::string, model::ModuleCost>>{{"LIF_NEURON", c::kLifNeuron},
                                                                  {"EVENT_NEURON", c::kEventNeuron},
                                                                  {"BITSTREAM_ENCODER", c::kBitstreamEncoder},
                                                                  {"SC_SYNAPSE", c::kScSynapse},
                                                                  {"AXI_LITE", c::kAxiLite},
                                                                  {"AXI_STREAM", c::kAxiStream},
                                                                  {"DMA", c::kDma},
                                                                  {"AER_ENCODER", c::kAerEncoder},
                                                                  {"AER_ROUTER", c::kAerRouter}};
  });
  m.attr("BRAM_BITS_PER_WEIGHT") = model::kBramBitsPerWeight;
}

void bind_energy(py::module_& m) {
  m.def("estimate",
        [](py::handle layer_sizes, const std::string& target, std::int64_t bitstream_length,
           const std::string& neuron_type, bool event_driven, double clock_mhz, bool include_infra) {
          return estimate(layer_sizes_from_python(layer_sizes),
                          model::EstimateOptions{target, bitstream_length, neuron_type, event_driven,
                                                 clock_mhz, include_infra});
        });
  // The profile a call uses: `given` ("" = none) or SC_NEUROCORE_PROFILE, else `fallback` (errors name the
  // variable).
  m.def("chosen_profile", [](const std::string& given, const std::string& fallback) {
    return profile_name(chosen_profile(given, core::parse_profile(fallback)));
  });
  // The default profile's estimate (grounded model: logic cells, fmax, activity power) as the dict
  // `estimate --profile default --json` prints, and its summary text.
  m.def("estimate_default", [](py::handle layer_sizes, const std::string& target,
                               std::int64_t bitstream_length, bool event_driven,
                               std::optional<double> clock_mhz, bool include_infra, int precision,
                               int weight_bits, const std::string& generator, const std::string& polynomial,
                               const std::string& mode, double sparsity, double max_utilisation) {
    model::EstimateOptions options{target, bitstream_length, "lif", event_driven, clock_mhz, include_infra};
    options.profile = core::Profile::kDefault;
    options.knobs = model::LayerKnobs{precision, weight_bits, generator, polynomial, mode, sparsity};
    options.max_utilisation = max_utilisation;
    const model::EnergyReport report = estimate(layer_sizes_from_python(layer_sizes), options);
    return py::make_tuple(from_json(io::to_json(report, "default")), io::summary(report));
  });
  // The derived fields of an EnergyReport (its __post_init__).
  m.def("energy_report_totals", [](const std::string& target, const std::vector<model::LayerEstimate>& layers,
                                   std::int64_t infra_luts, double clock_freq_mhz) {
    model::EnergyReport report{target, layers, infra_luts, clock_freq_mhz};
    finalise_energy_report(report);
    py::dict totals;
    totals["total_luts"] = report.total_luts;
    totals["total_ffs"] = report.total_ffs;
    totals["total_bram_kb"] = report.total_bram_kb;
    totals["total_dynamic_power_mw"] = report.total_dynamic_power_mw;
    totals["total_latency_cycles"] = report.total_latency_cycles;
    totals["energy_per_inference_nj"] = report.energy_per_inference_nj;
    totals["fits_on_target"] = report.fits_on_target;
    totals["utilization_pct"] = report.utilization_pct;
    return totals;
  });
}

void bind_compression(py::module_& m) {
  m.def("prune_weights",
        [](const std::vector<core::WeightArray>& weights, double threshold, const std::string& method) {
          compress::PruneResult result = compress::prune_weights(weights, threshold, method);
          return std::make_pair(std::move(result.weights), result.report);
        });
  m.def("quantize_weights", &compress::quantize_weights);
  m.def("fit_to_target",
        [](py::handle layer_sizes, const std::vector<core::WeightArray>& weights, const std::string& target,
           std::int64_t max_iterations, std::int64_t min_bitstream_length,
           std::int64_t initial_bitstream_length, const std::string& profile, double max_utilisation,
           std::optional<double> clock_mhz, std::optional<double> min_accuracy, py::handle inputs,
           const std::string& inputs_source, py::handle reference, const std::string& reference_source,
           py::handle labels, const std::string& labels_source, std::optional<double> min_task_accuracy,
           bool folds) {
          const auto sizes = layer_sizes_from_python(layer_sizes);
          compress::FitOptions options{target, max_iterations, min_bitstream_length, initial_bitstream_length,
                                       chosen_profile(profile, core::Profile::kDefault)};
          options.max_utilisation = max_utilisation;
          options.clock_mhz = clock_mhz;
          options.folds = folds;
          // With validation data the task-accuracy floor takes the signal-score floor's place (fit
          // --validation).
          options.min_accuracy =
              min_accuracy.value_or(inputs.is_none() ? compress::kDefaultMinFitAccuracy : 0.0);
          if (!inputs.is_none()) {
            options.validation =
                pipeline::fit_validation(sizes, options.knobs,
                                         validation_data(inputs, inputs_source, reference, reference_source,
                                                         labels, labels_source, py::none()));
            options.min_task_accuracy = min_task_accuracy;
          }
          py::gil_scoped_release release;
          return fit_to_target(sizes, weights, options);
        });
}

void bind_views(py::module_& m) {
  m.def("optimizer_report_summary", [](const core::OptimizerReport& report) { return io::summary(report); });
  m.def("energy_report_summary", [](const model::EnergyReport& report) { return io::summary(report); });
  m.def("optimization_result_summary",
        [](const compress::OptimizationResult& result) { return io::summary(result); });
}

void bind_cli(py::module_& m) {
  // Runs one sc-neurocore command line in this process; returns the exit code.
  m.def("cli_run", [](const std::vector<std::string>& arguments) {
    std::vector<std::string> storage = arguments;
    std::vector<char*> argv;
    for (auto& argument : storage) argv.push_back(argument.data());
    argv.push_back(nullptr);
    return cli::run(static_cast<int>(storage.size()), argv.data());
  });
}

}  // namespace

void bind_model(py::module_& m) {
  bind_catalogue(m);
  bind_energy(m);
  bind_compression(m);
  bind_views(m);
  bind_cli(m);
}

}  // namespace scn::python
