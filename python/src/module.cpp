// sc_neurocore._core: the C++ engine for the pure-Python package. Plain
// functions over plain data; the dataclasses live in Python. Errors are
// translated once, here: InputError -> ValueError, FileError -> OSError
// (FileNotFoundError when missing), ObservationLoadError and ReportParseError
// -> their own ValueError subclasses, StateError -> RuntimeError.
#include <pybind11/eigen.h>
#include <pybind11/stl.h>

#include <cstring>
#include <filesystem>

#include "../../src/cli/command.hpp"
#include "convert.hpp"
#include "sc_neurocore/error.hpp"
#include "sc_neurocore/evidence/observations.hpp"
#include "sc_neurocore/evidence/report.hpp"
#include "sc_neurocore/evidence/synthesis.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/json_io.hpp"
#include "sc_neurocore/sc_optimizer.hpp"
#include "sc_neurocore/search/default_planner.hpp"
#include "sc_neurocore/surrogate.hpp"
#include "sc_neurocore/targets.hpp"

namespace py = pybind11;
using namespace scn;
using namespace scn::python;

namespace {

LayerConfig to_layer_config(const py::handle& c) {
  return {
      as_int(c.attr("bitstream_length")), py::str(c.attr("decorrelator")), py::str(c.attr("mode")),
      as_int(c.attr("luts_used")),        as_float(c.attr("power_used")),  as_float(c.attr("accuracy_score")),
      as_int(c.attr("latency_cycles"))};
}

// A Python dict id -> LayerConfig, in network order (as the published code iterates it).
LayerConfigMap to_config_map(const py::dict& config, const std::vector<LayerProfile>& network) {
  LayerConfigMap map;
  for (const auto& layer : network) {
    const py::str key(layer.id);
    if (!config.contains(key)) throw InputError("config has no entry for layer '" + layer.id + "'");
    map.emplace_back(layer.id, to_layer_config(config[key]));
  }
  return map;
}

SurrogateOptions to_surrogate_options(const py::handle& bitstream_options,
                                      const py::handle& precision_options, const py::handle& polynomials,
                                      const py::handle& observations, const std::string& profile) {
  SurrogateOptions options;
  options.bitstream_options.clear();
  for (const auto& v : bitstream_options) options.bitstream_options.push_back(as_int(v));
  options.precision_options.clear();
  for (const auto& v : precision_options) options.precision_options.push_back(as_int(v));
  options.lfsr_polynomials.clear();
  for (const auto& v : polynomials) options.lfsr_polynomials.push_back(py::str(v));
  for (const auto& o : observations) options.observations.push_back(to_observation(o));
  options.profile = parse_profile(profile);
  return options;
}

std::vector<std::pair<std::string, std::filesystem::path>> to_named_paths(const py::handle& mapping) {
  std::vector<std::pair<std::string, std::filesystem::path>> paths;
  for (const auto& item : py::reinterpret_borrow<py::dict>(mapping))
    paths.emplace_back(py::str(item.first), py::str(item.second).cast<std::string>());
  return paths;
}

std::optional<std::filesystem::path> optional_path(const py::object& value) {
  if (value.is_none()) return std::nullopt;
  return py::str(value).cast<std::string>();
}

evidence::BuildPayloadOptions payload_options(
    const py::object& design_path, const py::object& utilisation_path, const py::object& power_path,
    const py::object& timing_path, double accuracy_score, std::optional<std::int64_t> latency_cycles,
    std::optional<double> clock_mhz, std::optional<std::int64_t> inferences_per_run) {
  evidence::BuildPayloadOptions options;
  options.design_path = py::str(design_path).cast<std::string>();
  options.utilisation_path = py::str(utilisation_path).cast<std::string>();
  options.power_path = py::str(power_path).cast<std::string>();
  options.timing_path = optional_path(timing_path);
  options.accuracy_score = accuracy_score;
  options.latency_cycles = latency_cycles;
  options.clock_mhz = clock_mhz;
  options.inferences_per_run = inferences_per_run;
  return options;
}

LayerEstimate to_layer_estimate(const py::handle& l) {
  return {py::str(l.attr("name")),
          as_int(l.attr("n_inputs")),
          as_int(l.attr("n_neurons")),
          as_int(l.attr("n_synapses")),
          as_int(l.attr("bitstream_length")),
          as_int(l.attr("luts")),
          as_int(l.attr("ffs")),
          as_int(l.attr("bram_bits")),
          as_float(l.attr("dynamic_power_mw")),
          as_int(l.attr("latency_cycles"))};
}

py::list observation_list(const std::vector<BenchmarkObservation>& observations) {
  py::list list;
  for (const auto& o : observations) list.append(observation_tuple(o));
  return list;
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "sc-neurocore-opt C++ engine";
  m.attr("__version__") = SCN_VERSION;

  static py::exception<ObservationLoadError> observation_error(m, "ObservationLoadError", PyExc_ValueError);
  static py::exception<ReportParseError> report_error(m, "ReportParseError", PyExc_ValueError);
  observation_error.attr("__doc__") = "Raised when a benchmark/synthesis observation cannot be trusted.";
  py::register_exception_translator([](std::exception_ptr pointer) {
    try {
      if (pointer) std::rethrow_exception(pointer);
    } catch (const ObservationLoadError& e) {
      observation_error(e.what());
    } catch (const ReportParseError& e) {
      report_error(e.what());
    } catch (const FileError& e) {
      const bool missing = std::strstr(e.what(), ": no such file") != nullptr;
      PyErr_SetString(missing ? PyExc_FileNotFoundError : PyExc_OSError, e.what());
    } catch (const InputError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const StateError& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    }
  });

  // --- analytical model and SCOptimizer ----------------------------------------
  m.def("estimate_resources", [](std::int64_t mac_count, std::int64_t length, const std::string& decorrelator,
                                 const std::string& mode) {
    const auto e = estimate_sc_resources(mac_count, length, decorrelator, mode);
    return py::make_tuple(e.luts, e.power_mw, e.accuracy, e.latency_cycles);
  });
  m.def("generate_candidates", [](const py::object& budget, std::int64_t mac_count) {
    py::list list;
    for (const auto& c : SCOptimizer(to_budget(budget)).generate_candidates({"", mac_count, false}))
      list.append(layer_config_tuple(c));
    return list;
  });
  m.def("sc_is_feasible", [](const py::object& budget, const py::dict& config) {
    LayerConfigMap map;
    for (const auto& [id, c] : config) map.emplace_back(py::str(id), to_layer_config(c));
    return SCOptimizer(to_budget(budget)).is_feasible(map);
  });
  m.def("sc_score", [](const py::dict& config, const py::object& network) {
    const auto layers = to_network(network);
    return SCOptimizer::score(to_config_map(config, layers), layers);
  });
  m.def("sc_optimize", [](const py::object& budget, const py::object& network) -> py::object {
    const auto report = SCOptimizer(to_budget(budget)).optimize(to_network(network));
    return report ? py::object(optimizer_report_dict(*report)) : py::object(py::none());
  });
  m.def("sc_optimize_annealing",
        [](const py::object& budget, const py::object& network, double t_init, double t_min, double alpha,
           std::int64_t max_iter, std::int64_t seed) -> py::object {
          const AnnealingOptions options{t_init, t_min, alpha, max_iter, seed};
          const auto report = SCOptimizer(to_budget(budget)).optimize_annealing(to_network(network), options);
          return report ? py::object(optimizer_report_dict(*report)) : py::object(py::none());
        });
  m.def("extract_pareto", [](const py::object& points) {
    std::vector<ParetoPoint> values;
    for (const auto& p : points) {
      const auto t = py::reinterpret_borrow<py::sequence>(p);
      values.push_back({as_int(t[0]), as_float(t[1]), as_float(t[2])});
    }
    // Returns indices so Python hands back its own (unrounded) tuples.
    std::vector<std::size_t> kept;
    const auto frontier = SCOptimizer::extract_pareto(values);
    std::size_t next = 0;
    for (std::size_t i = 0; i < values.size() && next < frontier.size(); ++i)
      if (values[i] == frontier[next]) kept.push_back(i), ++next;
    return kept;
  });

  // --- surrogate optimiser -------------------------------------------------------
  m.def("surrogate_optimise",
        [](const py::object& target, const py::object& network, const py::object& lengths,
           const py::object& precisions, const py::object& polynomials, const py::object& observations,
           const std::string& profile) {
          const auto options = to_surrogate_options(lengths, precisions, polynomials, observations, profile);
          return surrogate_report_dict(
              SurrogateSCOptimizer(to_target(target), options).optimise(to_network(network)));
        });
  m.def("surrogate_pareto_frontier", [](const py::object& target, const py::object& network,
                                        const py::object& lengths, const py::object& precisions,
                                        const py::object& polynomials, const py::object& observations,
                                        std::size_t max_points) {
    const auto options = to_surrogate_options(lengths, precisions, polynomials, observations, "default");
    const auto frontier =
        SurrogateSCOptimizer(to_target(target), options).pareto_frontier(to_network(network), max_points);
    return from_json(io::frontier_json(frontier));
  });
  m.def("ridge_fit", [](const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, double alpha) {
    RidgeSurrogate ridge(alpha);
    ridge.fit(x, y);
    return Eigen::MatrixXd(ridge.coefficients());
  });
  m.def("surrogate_features",
        [](std::int64_t mac_count, bool critical, std::int64_t length, const std::string& decorr,
           const std::string& mode, std::int64_t precision, const std::string& polynomial) {
          return Eigen::VectorXd(
              surrogate_features({mac_count, critical, length, decorr, mode, precision, polynomial}));
        });

  // --- energy, compression, fit --------------------------------------------------
  m.def("targets", [] {
    py::list list;
    for (const auto& t : fpga_targets())
      list.append(py::make_tuple(t.key, t.name, t.family, t.total_luts, t.total_bram_kb, t.total_dsp,
                                 t.voltage, t.max_freq_mhz, t.c_eff_per_lut_ff));
    return list;
  });
  m.def("module_costs", [] {
    py::dict costs;
    const std::pair<const char*, const ModuleCost*> all[] = {
        {"LIF_NEURON", &module_cost::kLifNeuron},
        {"EVENT_NEURON", &module_cost::kEventNeuron},
        {"BITSTREAM_ENCODER", &module_cost::kBitstreamEncoder},
        {"SC_SYNAPSE", &module_cost::kScSynapse},
        {"AXI_LITE", &module_cost::kAxiLite},
        {"AXI_STREAM", &module_cost::kAxiStream},
        {"DMA", &module_cost::kDma},
        {"AER_ENCODER", &module_cost::kAerEncoder},
        {"AER_ROUTER", &module_cost::kAerRouter}};
    for (const auto& [name, cost] : all)
      costs[name] = py::make_tuple(cost->luts, cost->ffs, cost->bram_bits, cost->description);
    return costs;
  });
  m.attr("BRAM_BITS_PER_WEIGHT") = kBramBitsPerWeight;
  m.def("energy_estimate",
        [](const py::object& layer_sizes, const std::string& target, std::int64_t length,
           const std::string& neuron_type, bool event_driven, double clock_mhz, bool include_infra) {
          EstimateOptions options{target, length, neuron_type, event_driven, clock_mhz, include_infra};
          return energy_report_dict(estimate(to_layer_sizes(layer_sizes), options));
        });
  m.def("energy_totals",
        [](const std::string& target, const py::object& layers, std::int64_t infra_luts, double clock_mhz) {
          EnergyReport report;
          report.target = target;
          report.infra_luts = infra_luts;
          report.clock_freq_mhz = clock_mhz;
          for (const auto& l : layers) report.layers.push_back(to_layer_estimate(l));
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
  m.def("prune_weights", [](const py::object& weights, double threshold, const std::string& method) {
    const PruneResult result = prune_weights(to_weight_arrays(weights), threshold, method);
    const PruningReport& r = result.report;
    return py::make_tuple(to_numpy_list(result.weights),
                          py::make_tuple(r.original_params, r.pruned_params, r.remaining_params, r.sparsity,
                                         r.original_neurons, r.pruned_neurons));
  });
  m.def("quantize_weights", [](const py::object& weights, int bits, bool symmetric) {
    return to_numpy_list(quantize_weights(to_weight_arrays(weights), bits, symmetric));
  });
  m.def("fit_to_target", [](const py::object& layer_sizes, const py::object& weights,
                            const std::string& target, std::int64_t max_iterations, std::int64_t min_length,
                            std::int64_t initial_length, const std::string& profile) {
    FitOptions options{target, max_iterations, min_length, initial_length, parse_profile(profile)};
    return fit_result_dict(fit_to_target(to_layer_sizes(layer_sizes), to_weight_arrays(weights), options));
  });
  m.def("summary_text", [](const std::string& kind, const py::dict& data) -> std::string {
    // Published summary texts, rendered from the Python dataclasses' fields.
    if (kind == "fit") {
      OptimizationResult result;
      result.fits = data["fits"].cast<bool>();
      result.target = data["target"].cast<std::string>();
      result.final_luts = data["final_luts"].cast<std::int64_t>();
      result.target_luts = data["target_luts"].cast<std::int64_t>();
      result.utilization_pct = data["utilization_pct"].cast<double>();
      result.final_bitstream_length = data["final_bitstream_length"].cast<std::int64_t>();
      result.final_sparsity = data["final_sparsity"].cast<double>();
      for (const auto& s : data["steps"]) {
        result.steps.push_back({py::str(s.attr("action")), as_int(s.attr("luts_before")),
                                as_int(s.attr("luts_after")), as_float(s.attr("sparsity")),
                                as_int(s.attr("bitstream_length"))});
      }
      return io::summary(result);
    }
    if (kind == "optimizer") {
      OptimizerReport report;
      for (const auto& item : data["config"]) {
        const auto pair = py::reinterpret_borrow<py::tuple>(item);
        report.config.emplace_back(py::str(pair[0]), to_layer_config(pair[1]));
      }
      report.total_luts = data["total_luts"].cast<std::int64_t>();
      report.total_power_mw = data["total_power_mw"].cast<double>();
      report.total_latency_cycles = data["total_latency_cycles"].cast<std::int64_t>();
      report.mean_accuracy = data["mean_accuracy"].cast<double>();
      return io::summary(report);
    }
    if (kind == "energy") {
      EnergyReport report;
      report.target = data["target"].cast<std::string>();
      report.infra_luts = data["infra_luts"].cast<std::int64_t>();
      report.clock_freq_mhz = data["clock_freq_mhz"].cast<double>();
      for (const auto& l : data["layers"]) report.layers.push_back(to_layer_estimate(l));
      finalise_energy_report(report);
      return io::summary(report);
    }
    throw InputError("unknown summary kind '" + kind + "'");
  });

  // --- evidence ------------------------------------------------------------------
  m.def("observations_from_payload", [](const py::object& payload, const std::string& source) {
    return observation_list(evidence::observations_from_payload(to_json(payload), source));
  });
  m.def("load_observations", [](const py::object& path) {
    return observation_list(evidence::load_observations(py::str(path).cast<std::string>()));
  });
  m.def("observation_from_synthesis_reports",
        [](const py::dict& reports, const py::object& design, double accuracy_score,
           std::optional<std::int64_t> latency_cycles, const std::string& source) {
          std::vector<std::pair<std::string, std::string>> texts;
          for (const auto& [name, text] : reports) texts.emplace_back(py::str(name), py::str(text));
          return observation_tuple(evidence::observation_from_synthesis_reports(
              texts, to_json(design), accuracy_score, latency_cycles, source));
        });
  m.def("load_synthesis_observation", [](const py::object& report_paths, const py::object& design,
                                         double accuracy_score, std::optional<std::int64_t> latency_cycles) {
    return observation_tuple(evidence::load_synthesis_observation(
        to_named_paths(report_paths), to_json(design), accuracy_score, latency_cycles));
  });
  m.def("load_design", [](const py::object& path) {
    return from_json(evidence::load_design(py::str(path).cast<std::string>()));
  });
  m.def("build_payload_from_reports",
        [](const py::object& design_path, const py::object& utilisation_path, const py::object& power_path,
           const py::object& timing_path, double accuracy_score, std::optional<std::int64_t> latency_cycles,
           std::optional<double> clock_mhz, std::optional<std::int64_t> inferences_per_run) {
          return from_json(evidence::build_payload_from_reports(
              payload_options(design_path, utilisation_path, power_path, timing_path, accuracy_score,
                              latency_cycles, clock_mhz, inferences_per_run)));
        });
  m.def("energy_payload",
        [](const py::object& observation, std::optional<double> clock_mhz,
           std::optional<std::int64_t> inferences_per_run) -> py::object {
          const auto energy =
              evidence::energy_payload(to_observation(observation), clock_mhz, inferences_per_run);
          return energy ? from_json(*energy) : py::object(py::none());
        });
  m.def("payload_text", [](const py::object& payload) { return evidence::payload_text(to_json(payload)); });
  m.def("write_payload", [](const py::object& payload, const py::object& output) {
    evidence::write_payload(to_json(payload), py::str(output).cast<std::string>());
  });
  m.def("parse_report", [](const std::string& text, const std::string& source) {
    return from_json(evidence::to_json(evidence::parse_report(text, source)));
  });
  m.def("parse_report_file", [](const py::object& path) {
    return from_json(evidence::to_json(evidence::parse_report_file(py::str(path).cast<std::string>())));
  });

  // --- the command line ------------------------------------------------------------
  m.def("run_cli", [](const std::vector<std::string>& args) {
    std::vector<std::string> storage = {"sc-neurocore"};
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : storage) argv.push_back(arg.data());
    argv.push_back(nullptr);
    return cli::run(static_cast<int>(storage.size()), argv.data());
  });
}
