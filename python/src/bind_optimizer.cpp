// SCOptimizer (stateless over its budget, so each call builds one), the ridge
// surrogate, and SurrogateSCOptimizer.
#include <pybind11/eigen.h>

#include "bindings.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/profile.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/pipeline/plan_validation.hpp"
#include "sc_neurocore/search/sc_optimizer.hpp"
#include "sc_neurocore/search/surrogate.hpp"

namespace scn::python {

namespace {

// A float64 matrix from any array-like; 1-D input is one row when `allow_row` is set.
Eigen::MatrixXd matrix_from(py::handle value, const char* name, bool allow_row) {
  const auto array = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(value);
  if (!array) {
    PyErr_Clear();
    throw py::type_error(std::string(name) + " must be a numeric array");
  }
  const bool row = allow_row && array.ndim() == 1;
  if (array.ndim() != 2 && !row) {
    throw core::InputError(std::string("surrogate expects two-dimensional arrays; ") + name + " has " +
                           std::to_string(array.ndim()) + " dimension(s)");
  }
  const Eigen::Index rows = row ? 1 : array.shape(0);
  const Eigen::Index cols = row ? array.shape(0) : array.shape(1);
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  return Eigen::Map<const RowMajor>(array.data(), rows, cols);
}

// The dataclass, carrying the CLI's document of the same result (`optimise --out` / `--pareto`) as a
// non-field attribute: it holds what the dataclass's fields leave out (device, logic cells, fmax, shapes,
// provenance), and stays out of ==, repr and dataclasses.replace.
template <class T>
py::object with_document(const T& value, const nlohmann::json& document) {
  py::object result = py::cast(value);
  py::module_::import("builtins")
      .attr("object")
      .attr("__setattr__")(result, "_document", from_json(document));
  return result;
}

py::tuple estimate_tuple(const model::ResourceEstimate& e) {
  return py::make_tuple(e.luts, e.power_mw, e.accuracy, e.latency_cycles);
}

void bind_sc_optimizer(py::module_& m) {
  m.def("sc_defaults", [] {
    const search::SCOptimizer optimizer(core::HardwareBudget{});
    return py::make_tuple(optimizer.bitstream_options(), optimizer.decorrelators(), optimizer.modes());
  });
  m.def("sc_estimate_resources", [](std::int64_t mac_count, std::int64_t length,
                                    const std::string& decorrelator, const std::string& mode) {
    return estimate_tuple(model::estimate_sc_resources(mac_count, length, decorrelator, mode));
  });
  m.def("sc_generate_candidates", [](const core::HardwareBudget& budget, const core::LayerProfile& layer) {
    return search::SCOptimizer(budget).generate_candidates(layer);
  });
  m.def("sc_is_feasible", [](const core::HardwareBudget& budget, const core::LayerConfigMap& config) {
    return search::SCOptimizer(budget).is_feasible(config);
  });
  m.def("sc_score", &search::SCOptimizer::score);
  m.def(
      "sc_optimize",
      [](const core::HardwareBudget& budget, const std::vector<core::LayerProfile>& network) {
        return search::SCOptimizer(budget).optimize(network);
      },
      py::call_guard<py::gil_scoped_release>());
  m.def(
      "sc_optimize_annealing",
      [](const core::HardwareBudget& budget, const std::vector<core::LayerProfile>& network, double t_init,
         double t_min, double alpha, std::int64_t max_iter, std::int64_t seed) {
        return search::SCOptimizer(budget).optimize_annealing(
            network, search::AnnealingOptions{t_init, t_min, alpha, max_iter, seed});
      },
      py::call_guard<py::gil_scoped_release>());
  m.def("sc_extract_pareto", &search::SCOptimizer::extract_pareto);
  m.def("sc_sort_and_deduplicate", &search::SCOptimizer::sort_and_deduplicate);
}

void bind_ridge(py::module_& m) {
  py::class_<search::RidgeSurrogate>(m, "RidgeSurrogate")
      .def(py::init<double>(), py::arg("alpha") = 1e-3)
      .def("fit", [](search::RidgeSurrogate& ridge, py::handle x,
                     py::handle y) { ridge.fit(matrix_from(x, "X", false), matrix_from(y, "Y", false)); })
      .def("predict",
           [](const search::RidgeSurrogate& ridge, py::handle x) -> py::object {
             const bool row = py::array::ensure(x) && py::array::ensure(x).ndim() == 1;
             const Eigen::MatrixXd prediction = ridge.predict(matrix_from(x, "X", true));
             if (row) return py::cast(Eigen::VectorXd(prediction.row(0).transpose()));
             return py::cast(prediction);
           })
      .def_property_readonly("alpha", &search::RidgeSurrogate::alpha)
      .def_property_readonly("fitted", &search::RidgeSurrogate::fitted)
      .def_property_readonly("coefficients", [](const search::RidgeSurrogate& ridge) -> py::object {
        if (!ridge.fitted()) return py::none();
        return py::cast(ridge.coefficients());
      });
}

using SurrogateClass = py::class_<search::SurrogateSCOptimizer>;

// The constructor takes SurrogateOptions' fields as keywords (the Python wrapper supplies their defaults), so
// the options struct itself needs no binding.
void bind_surrogate_constructor(SurrogateClass& cls) {
  cls.def(py::init([](const core::TargetHardwareProfile& target, std::vector<std::int64_t> bitstream_options,
                      std::vector<std::int64_t> precision_options, std::vector<std::string> lfsr_polynomials,
                      std::vector<core::BenchmarkObservation> observations, const std::string& profile,
                      const std::string& device, std::optional<double> clock_mhz, double max_utilisation) {
            search::SurrogateOptions options;
            if (!device.empty()) options.device = device;
            options.clock_mhz = clock_mhz.value_or(0.0);  // 0: the device's calibrated clock
            options.max_utilisation = max_utilisation;
            options.bitstream_options = std::move(bitstream_options);
            options.precision_options = std::move(precision_options);
            options.lfsr_polynomials = std::move(lfsr_polynomials);
            options.observations = std::move(observations);
            options.profile = chosen_profile(profile, core::Profile::kDefault);  // "": SC_NEUROCORE_PROFILE
            return search::SurrogateSCOptimizer(target, std::move(options));
          }),
          py::arg("target"), py::arg("bitstream_options"), py::arg("precision_options"),
          py::arg("lfsr_polynomials"), py::arg("observations"), py::arg("profile"), py::arg("device"),
          py::arg("clock_mhz"), py::arg("max_utilisation"));
}

// The network `optimise --validation` builds from the manifest and the weights, as the CLI reads them.
pipeline::NetworkInputs validation_hardware(py::handle manifest, const std::string& manifest_source,
                                            const std::vector<model::LayerWeights>& layer_weights,
                                            std::uint64_t seed) {
  pipeline::NetworkInputs hardware;
  hardware.network = to_json(manifest, manifest_source);
  hardware.network_source = manifest_source;
  for (const model::LayerWeights& w : layer_weights) hardware.weights.push_back(w.matrix);
  hardware.seed = seed;
  return hardware;
}

// The planning methods: each returns the report with the CLI's plan document (`optimise --out`) attached.
void bind_surrogate_planning(SurrogateClass& cls) {
  cls.def(
      "optimise",
      [](search::SurrogateSCOptimizer& optimizer, const std::vector<core::LayerProfile>& network,
         py::handle weights) {
        const core::SurrogateOptimizerReport report =
            optimizer.optimise(network, layer_weights_from_python(weights));
        return with_document(report, io::plan_json(report));
      },
      py::arg("network"), py::arg("weights") = py::none());
  cls.def(
      // optimise, then `optimise --validation`'s simulation of the plan (and the verify_top best plans):
      // the plan document carries "validation".
      "optimise_validated",
      [](search::SurrogateSCOptimizer& optimizer, const std::vector<core::LayerProfile>& network,
         py::handle weights, py::handle manifest, const std::string& manifest_source, std::uint64_t seed,
         py::handle inputs, const std::string& inputs_source, py::handle reference,
         const std::string& reference_source, py::handle labels, const std::string& labels_source,
         py::handle calibration, std::size_t verify_top) {
        const std::vector<model::LayerWeights> layer_weights = layer_weights_from_python(weights);
        pipeline::NetworkInputs hardware =
            validation_hardware(manifest, manifest_source, layer_weights, seed);
        const pipeline::ValidationData data = validation_data(
            inputs, inputs_source, reference, reference_source, labels, labels_source, calibration);
        const core::SurrogateOptimizerReport report = optimizer.optimise(network, layer_weights);
        nlohmann::json document = io::plan_json(report);
        document["validation"] = pipeline::validate_optimised(optimizer, network, layer_weights, report,
                                                              std::move(hardware), data, verify_top);
        return with_document(report, document);
      },
      py::arg("network"), py::arg("weights"), py::arg("manifest"), py::arg("manifest_source"),
      py::arg("seed"), py::arg("inputs"), py::arg("inputs_source"), py::arg("reference"),
      py::arg("reference_source"), py::arg("labels"), py::arg("labels_source"), py::arg("calibration"),
      py::arg("verify_top"));
}

// The rest: training and ranking (the published API), the frontier with its document, and the options as
// read-only properties (sorted and de-duplicated by the constructor).
void bind_surrogate_queries(SurrogateClass& cls) {
  cls.def("fit", &search::SurrogateSCOptimizer::fit)
      .def("rank_layer_candidates", &search::SurrogateSCOptimizer::rank_layer_candidates)
      .def(
          "pareto_frontier",
          [](const search::SurrogateSCOptimizer& optimizer, const std::vector<core::LayerProfile>& network,
             std::size_t max_points, py::handle weights) {
            const search::NetworkFrontier frontier =
                optimizer.pareto_frontier(network, max_points, layer_weights_from_python(weights));
            return with_document(frontier, io::frontier_json(frontier));
          },
          py::arg("network"), py::arg("max_points") = 20000, py::arg("weights") = py::none())
      .def_property_readonly("bitstream_options", &search::SurrogateSCOptimizer::bitstream_options)
      .def_property_readonly("precision_options", &search::SurrogateSCOptimizer::precision_options)
      .def_property_readonly("lfsr_polynomials", &search::SurrogateSCOptimizer::lfsr_polynomials)
      .def_property_readonly("training_points", &search::SurrogateSCOptimizer::training_points)
      .def_property_readonly("profile", [](const search::SurrogateSCOptimizer& optimizer) {
        return profile_name(optimizer.profile());
      });
}

void bind_surrogate(py::module_& m) {
  SurrogateClass cls(m, "SurrogateSCOptimizer");
  bind_surrogate_constructor(cls);
  bind_surrogate_planning(cls);
  bind_surrogate_queries(cls);
}

}  // namespace

void bind_optimizer(py::module_& m) {
  // The documents of a report or frontier built in Python (dataclasses.replace, or by hand): what its
  // fields hold, without the engine's device and per-layer details.
  m.def("plan_json",
        [](const core::SurrogateOptimizerReport& report) { return from_json(io::plan_json(report)); });
  m.def("frontier_json",
        [](const search::NetworkFrontier& frontier) { return from_json(io::frontier_json(frontier)); });
  bind_sc_optimizer(m);
  bind_ridge(m);
  bind_surrogate(m);
}

}  // namespace scn::python
