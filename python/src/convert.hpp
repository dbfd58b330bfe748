// Conversions at the Python boundary: Python objects <-> JSON values, NumPy
// arrays <-> WeightArray, and the value types as plain tuples and dicts that
// the pure-Python dataclasses wrap.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

#include "sc_neurocore/compress.hpp"
#include "sc_neurocore/energy.hpp"
#include "sc_neurocore/fit.hpp"
#include "sc_neurocore/types.hpp"

namespace scn::python {

namespace py = pybind11;

// Python int(), float() and str() of any handle (NumPy scalars included).
std::int64_t as_int(const py::handle& value);
double as_float(const py::handle& value);
std::string as_str(const py::handle& value);

nlohmann::json to_json(const py::handle& value);
py::object from_json(const nlohmann::json& value);

// float32/float64 arrays of any shape; other dtypes raise TypeError naming `what`.
WeightArray to_weight_array(const py::handle& array, const std::string& what);
std::vector<WeightArray> to_weight_arrays(const py::handle& arrays);
py::array to_numpy(const WeightArray& array);
py::list to_numpy_list(const std::vector<WeightArray>& arrays);

std::vector<LayerProfile> to_network(const py::handle& network);       // LayerProfile-like objects
HardwareBudget to_budget(const py::handle& budget);                    // HardwareBudget-like object
TargetHardwareProfile to_target(const py::handle& target);             // TargetHardwareProfile-like object
BenchmarkObservation to_observation(const py::handle& observation);    // BenchmarkObservation-like object
std::vector<LayerSize> to_layer_sizes(const py::handle& layer_sizes);  // [(n_inputs, n_neurons), ...]

py::tuple layer_config_tuple(const LayerConfig& config);
py::dict optimizer_report_dict(const OptimizerReport& report);
py::tuple observation_tuple(const BenchmarkObservation& observation);
py::dict surrogate_report_dict(const SurrogateOptimizerReport& report);
py::dict energy_report_dict(const EnergyReport& report);
py::dict fit_result_dict(const OptimizationResult& result);

}  // namespace scn::python
