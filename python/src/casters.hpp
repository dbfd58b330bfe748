// pybind11 type casters between the C++ value types and the package's Python
// dataclasses. Each type lists its fields once (Dataclass<T>::fields); the
// same list reads a dataclass (strictly typed, errors name Class.field) and
// builds one by keyword. Per-layer configs travel as dicts in network order,
// Pareto points as (luts, power, score) tuples, weights as NumPy arrays.
#pragma once

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "convert.hpp"
#include "sc_neurocore/compress/compress.hpp"
#include "sc_neurocore/compress/fit_to_target.hpp"
#include "sc_neurocore/core/types.hpp"
#include "sc_neurocore/model/energy.hpp"
#include "sc_neurocore/model/targets.hpp"
#include "sc_neurocore/search/default_planner.hpp"

namespace scn::python {

// Derived fields are read from Python but not passed to the constructor
// (EnergyReport computes them in __post_init__).
enum class Field { kInit, kDerived };

template <class T>
struct Dataclass;

#define SCN_DATACLASS(Type, Module, Name)         \
  template <>                                     \
  struct Dataclass<Type> {                        \
    static constexpr const char* module = Module; \
    static constexpr const char* name = Name;     \
    template <class Visit, class Value>           \
    static void fields(Visit&& visit, Value& x);  \
  };                                              \
  template <class Visit, class Value>             \
  void Dataclass<Type>::fields(Visit&& visit, Value& x)

inline constexpr const char* kScOptimizer = "sc_neurocore.optimizer.sc_optimizer";
inline constexpr const char* kSurrogate = "sc_neurocore.optimizer.surrogate_sc_optimizer";
inline constexpr const char* kResource = "sc_neurocore.optimizer.resource_optimizer";
inline constexpr const char* kEstimator = "sc_neurocore.energy.estimator";
inline constexpr const char* kFpgaModels = "sc_neurocore.energy.fpga_models";
inline constexpr const char* kPruning = "sc_neurocore.compression.pruning";

SCN_DATACLASS(core::HardwareBudget, kScOptimizer, "HardwareBudget") {
  visit("max_luts", x.max_luts);
  visit("max_power_mw", x.max_power_mw);
  visit("max_latency_cycles", x.max_latency_cycles);
  visit("max_latency_us", x.max_latency_us);
}

SCN_DATACLASS(core::LayerProfile, kScOptimizer, "LayerProfile") {
  visit("id", x.id);
  visit("mac_count", x.mac_count);
  visit("is_critical_path", x.is_critical_path);
  visit("n_inputs", x.n_inputs);
  visit("n_neurons", x.n_neurons);
}

SCN_DATACLASS(core::LayerConfig, kScOptimizer, "LayerConfig") {
  visit("bitstream_length", x.bitstream_length);
  visit("decorrelator", x.decorrelator);
  visit("mode", x.mode);
  visit("luts_used", x.luts_used);
  visit("power_used", x.power_used);
  visit("accuracy_score", x.accuracy_score);
  visit("latency_cycles", x.latency_cycles);
}

SCN_DATACLASS(core::OptimizerReport, kScOptimizer, "OptimizerReport") {
  visit("config", x.config);
  visit("total_luts", x.total_luts);
  visit("total_power_mw", x.total_power_mw);
  visit("total_latency_cycles", x.total_latency_cycles);
  visit("mean_accuracy", x.mean_accuracy);
  visit("pareto_frontier", x.pareto_frontier);
}

SCN_DATACLASS(core::TargetHardwareProfile, kSurrogate, "TargetHardwareProfile") {
  visit("name", x.name);
  visit("budget", x.budget);
  visit("lut_weight", x.lut_weight);
  visit("power_weight", x.power_weight);
  visit("latency_weight", x.latency_weight);
  visit("accuracy_weight", x.accuracy_weight);
}

SCN_DATACLASS(core::BenchmarkObservation, kSurrogate, "BenchmarkObservation") {
  visit("mac_count", x.mac_count);
  visit("bitstream_length", x.bitstream_length);
  visit("decorrelator", x.decorrelator);
  visit("mode", x.mode);
  visit("precision_bits", x.precision_bits);
  visit("lfsr_polynomial", x.lfsr_polynomial);
  visit("luts_used", x.luts_used);
  visit("power_mw", x.power_mw);
  visit("latency_cycles", x.latency_cycles);
  visit("accuracy_score", x.accuracy_score);
  visit("is_critical_path", x.is_critical_path);
}

SCN_DATACLASS(core::SurrogateLayerConfig, kSurrogate, "SurrogateLayerConfig") {
  visit("bitstream_length", x.bitstream_length);
  visit("decorrelator", x.decorrelator);
  visit("mode", x.mode);
  visit("precision_bits", x.precision_bits);
  visit("lfsr_polynomial", x.lfsr_polynomial);
  visit("luts_used", x.luts_used);
  visit("power_used", x.power_used);
  visit("latency_cycles", x.latency_cycles);
  visit("accuracy_score", x.accuracy_score);
  visit("utility_score", x.utility_score);
  visit("neuron_lanes", x.neuron_lanes);
  visit("input_lanes", x.input_lanes);
  visit("weight_memory", x.weight_memory);
  visit("input_memory", x.input_memory);
  visit("bram_blocks", x.bram_blocks);
  visit("spram_blocks", x.spram_blocks);
}

SCN_DATACLASS(core::SearchCertificate, kSurrogate, "SearchCertificate") {
  visit("solver", x.solver);
  visit("objective", x.objective);
  visit("upper_bound", x.upper_bound);
  visit("relative_gap", x.relative_gap);
  visit("proven_optimal", x.proven_optimal);
  visit("nodes", x.nodes);
  visit("binding", x.binding);
  visit("min_luts", x.min_luts);
  visit("min_power_mw", x.min_power_mw);
  visit("min_latency_cycles", x.min_latency_cycles);
}

SCN_DATACLASS(core::SurrogateOptimizerReport, kSurrogate, "SurrogateOptimizerReport") {
  visit("config", x.config);
  visit("total_luts", x.total_luts);
  visit("total_power_mw", x.total_power_mw);
  visit("total_latency_cycles", x.total_latency_cycles);
  visit("mean_accuracy", x.mean_accuracy);
  visit("training_points", x.training_points);
  visit("target_name", x.target_name);
  visit("rejected_layers", x.rejected_layers);
  visit("profile", x.profile);
  visit("search", x.search);
}

SCN_DATACLASS(search::FrontierPlan, kSurrogate, "FrontierPlan") {
  visit("total_luts", x.total_luts);
  visit("total_power_mw", x.total_power_mw);
  visit("mean_accuracy", x.mean_accuracy);
  visit("total_latency_cycles", x.total_latency_cycles);
  visit("within_budget", x.within_budget);
  visit("config", x.config);
}

SCN_DATACLASS(search::NetworkFrontier, kSurrogate, "NetworkFrontier") {
  visit("target_name", x.target_name);
  visit("plans", x.plans);
  visit("approximate", x.approximate);
}

SCN_DATACLASS(compress::OptimizationStep, kResource, "OptimizationStep") {
  visit("action", x.action);
  visit("luts_before", x.luts_before);
  visit("luts_after", x.luts_after);
  visit("sparsity", x.sparsity);
  visit("bitstream_length", x.bitstream_length);
  visit("accuracy_before", x.accuracy_before);
  visit("accuracy_after", x.accuracy_after);
  visit("task_accuracy_after", x.task_accuracy_after);
}

SCN_DATACLASS(compress::OptimizationResult, kResource, "OptimizationResult") {
  visit("fits", x.fits);
  visit("target", x.target);
  visit("final_luts", x.final_luts);
  visit("target_luts", x.target_luts);
  visit("utilization_pct", x.utilization_pct);
  visit("final_bitstream_length", x.final_bitstream_length);
  visit("final_sparsity", x.final_sparsity);
  visit("steps", x.steps);
  visit("optimized_weights", x.optimized_weights);
  visit("profile", x.profile);
  visit("final_accuracy", x.final_accuracy);
  visit("final_weight_bits", x.final_weight_bits);
  visit("shortfall", x.shortfall);
  visit("min_accuracy", x.min_accuracy);
  visit("refused_step", x.refused_step);
  visit("validation_metric", x.validation_metric);
  visit("start_task_accuracy", x.start_task_accuracy);
  visit("final_task_accuracy", x.final_task_accuracy);
  visit("min_task_accuracy", x.min_task_accuracy);
  visit("lut_unit", x.final_estimate.lut_unit);
  visit("device_logic_cells", x.final_estimate.device_logic_cells);
  visit("max_utilisation", x.final_estimate.max_utilisation);
  visit("clock_mhz", x.final_estimate.clock_freq_mhz);
  visit("clock_basis", x.final_estimate.clock_basis);
  visit("fmax_mhz", x.final_estimate.fmax_mhz);
  visit("power_mw", x.final_estimate.total_power_mw);
  visit("power_basis", x.final_estimate.power_basis);
  visit("power_uncertainty_factor", x.final_estimate.power_uncertainty_factor);
  visit("warnings", x.final_estimate.warnings);
  visit("latency_cycles", x.final_estimate.total_latency_cycles);
  visit("bram_kb", x.final_estimate.total_bram_kb);
  visit("final_folds", x.final_folds);
}

SCN_DATACLASS(hw::Fold, kResource, "LayerFold") {
  visit("neuron_lanes", x.neuron_lanes);
  visit("input_lanes", x.input_lanes);
  visit("weight_memory", x.memory);
  visit("input_memory", x.input_memory);
}

SCN_DATACLASS(model::LayerEstimate, kEstimator, "LayerEstimate") {
  visit("name", x.name);
  visit("n_inputs", x.n_inputs);
  visit("n_neurons", x.n_neurons);
  visit("n_synapses", x.n_synapses);
  visit("bitstream_length", x.bitstream_length);
  visit("luts", x.luts);
  visit("ffs", x.ffs);
  visit("bram_bits", x.bram_bits);
  visit("dynamic_power_mw", x.dynamic_power_mw);
  visit("latency_cycles", x.latency_cycles);
}

SCN_DATACLASS(model::EnergyReport, kEstimator, "EnergyReport") {
  visit("target", x.target);
  visit("layers", x.layers);
  visit("infra_luts", x.infra_luts);
  visit("clock_freq_mhz", x.clock_freq_mhz);
  visit("total_luts", x.total_luts, Field::kDerived);
  visit("total_ffs", x.total_ffs, Field::kDerived);
  visit("total_bram_kb", x.total_bram_kb, Field::kDerived);
  visit("total_dynamic_power_mw", x.total_dynamic_power_mw, Field::kDerived);
  visit("total_latency_cycles", x.total_latency_cycles, Field::kDerived);
  visit("energy_per_inference_nj", x.energy_per_inference_nj, Field::kDerived);
  visit("fits_on_target", x.fits_on_target, Field::kDerived);
  visit("utilization_pct", x.utilization_pct, Field::kDerived);
}

SCN_DATACLASS(model::FpgaTarget, kFpgaModels, "FPGATarget") {
  visit("name", x.name);
  visit("family", x.family);
  visit("total_luts", x.total_luts);
  visit("total_bram_kb", x.total_bram_kb);
  visit("total_dsp", x.total_dsp);
  visit("voltage", x.voltage);
  visit("max_freq_mhz", x.max_freq_mhz);
  visit("c_eff_per_lut_ff", x.c_eff_per_lut_ff);
}

SCN_DATACLASS(model::ModuleCost, kFpgaModels, "ModuleCost") {
  visit("luts", x.luts);
  visit("ffs", x.ffs);
  visit("bram_bits", x.bram_bits);
  visit("description", x.description);
}

SCN_DATACLASS(compress::PruningReport, kPruning, "PruningReport") {
  visit("original_params", x.original_params);
  visit("pruned_params", x.pruned_params);
  visit("remaining_params", x.remaining_params);
  visit("sparsity", x.sparsity);
  visit("original_neurons", x.original_neurons);
  visit("pruned_neurons", x.pruned_neurons);
}

#undef SCN_DATACLASS

// One field value from Python: scalars through the strict readers, anything
// else through its caster (nested dataclasses, dicts, lists, arrays).
template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
T read_value(py::handle value, const std::string& where) {
  if constexpr (is_optional<T>::value) {
    if (value.is_none()) return std::nullopt;
    return read_value<typename T::value_type>(value, where);
  } else if constexpr (std::is_same_v<T, bool>) {
    return read_bool(value, where);
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    return read_int(value, where);
  } else if constexpr (std::is_same_v<T, double>) {
    return read_float(value, where);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return read_str(value, where);
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    if (!PyList_Check(value.ptr()) && !PyTuple_Check(value.ptr())) {
      throw py::type_error(where + " must be a list of str");
    }
    std::vector<std::string> result;
    std::size_t index = 0;
    for (const auto& item : py::reinterpret_borrow<py::sequence>(value))
      result.push_back(read_str(item, where + "[" + std::to_string(index++) + "]"));
    return result;
  } else {
    py::detail::make_caster<T> caster;
    if (!caster.load(value, true)) throw py::type_error(where + " has the wrong type");
    return py::detail::cast_op<T>(std::move(caster));
  }
}

template <class T>
T from_dataclass(py::handle object) {
  using Info = Dataclass<T>;
  T result{};
  Info::fields(
      [&](const char* field, auto& member, Field = Field::kInit) {
        const std::string where = std::string(Info::name) + "." + field;
        using Member = std::decay_t<decltype(member)>;
        if (!py::hasattr(object, field)) {
          // An optional field an older object lacks (a LayerProfile without a shape) stays unset.
          if constexpr (is_optional<Member>::value) return;
          throw py::type_error(std::string("expected a ") + Info::name + " (no attribute '" + field +
                               "'), got " +
                               py::type::of(object).attr("__name__").template cast<std::string>());
        }
        member = read_value<Member>(object.attr(field), where);
      },
      result);
  return result;
}

template <class T>
py::object to_dataclass(const T& value) {
  using Info = Dataclass<T>;
  py::dict kwargs;
  Info::fields(
      [&](const char* field, const auto& member, Field kind = Field::kInit) {
        if (kind == Field::kInit) kwargs[field] = py::cast(member);
      },
      value);
  return python_class(Info::module, Info::name)(**kwargs);
}

// Keeps the network order of a C++ id -> config list in a Python dict.
template <class Config>
struct OrderedConfigCaster {
  using Map = std::vector<std::pair<std::string, Config>>;
  PYBIND11_TYPE_CASTER(Map, py::detail::const_name("dict"));

  bool load(py::handle source, bool) {
    if (!PyDict_Check(source.ptr())) {
      throw py::type_error(std::string("config must be a dict of layer id -> ") + Dataclass<Config>::name);
    }
    value.clear();
    for (const auto& [key, item] : py::reinterpret_borrow<py::dict>(source)) {
      value.emplace_back(read_str(key, "config key"), from_dataclass<Config>(item));
    }
    return true;
  }
  static py::handle cast(const Map& map, py::return_value_policy, py::handle) {
    py::dict result;
    for (const auto& [id, config] : map) result[py::str(id)] = to_dataclass(config);
    return result.release();
  }
};

}  // namespace scn::python

namespace pybind11::detail {

// A layer's weight memory as its plan name ("block_ram", "spram", "logic").
template <>
struct type_caster<scn::hw::WeightMemory> {
  PYBIND11_TYPE_CASTER(scn::hw::WeightMemory, const_name("str"));
  bool load(handle source, bool) {
    value =
        scn::hw::weight_memory_of_name(scn::python::read_str(source, "LayerFold.weight_memory"), "LayerFold");
    return true;
  }
  static handle cast(scn::hw::WeightMemory source, return_value_policy, handle) {
    return pybind11::str(scn::hw::weight_memory_name(source)).release();
  }
};

template <class T>
struct DataclassCaster {
  PYBIND11_TYPE_CASTER(T, const_name("dataclass"));
  bool load(handle source, bool) {
    value = scn::python::from_dataclass<T>(source);
    return true;
  }
  static handle cast(const T& source, return_value_policy, handle) {
    return scn::python::to_dataclass(source).release();
  }
};

#define SCN_DATACLASS_CASTER(Type) \
  template <>                      \
  struct type_caster<Type> : DataclassCaster<Type> {}

SCN_DATACLASS_CASTER(scn::core::HardwareBudget);
SCN_DATACLASS_CASTER(scn::core::LayerProfile);
SCN_DATACLASS_CASTER(scn::core::LayerConfig);
SCN_DATACLASS_CASTER(scn::core::OptimizerReport);
SCN_DATACLASS_CASTER(scn::core::TargetHardwareProfile);
SCN_DATACLASS_CASTER(scn::core::BenchmarkObservation);
SCN_DATACLASS_CASTER(scn::core::SurrogateLayerConfig);
SCN_DATACLASS_CASTER(scn::core::SearchCertificate);
SCN_DATACLASS_CASTER(scn::core::SurrogateOptimizerReport);
SCN_DATACLASS_CASTER(scn::search::FrontierPlan);
SCN_DATACLASS_CASTER(scn::search::NetworkFrontier);
SCN_DATACLASS_CASTER(scn::compress::OptimizationStep);
SCN_DATACLASS_CASTER(scn::compress::OptimizationResult);
SCN_DATACLASS_CASTER(scn::hw::Fold);
SCN_DATACLASS_CASTER(scn::model::LayerEstimate);
SCN_DATACLASS_CASTER(scn::model::EnergyReport);
SCN_DATACLASS_CASTER(scn::model::FpgaTarget);
SCN_DATACLASS_CASTER(scn::model::ModuleCost);
SCN_DATACLASS_CASTER(scn::compress::PruningReport);
#undef SCN_DATACLASS_CASTER

template <>
struct type_caster<scn::core::LayerConfigMap> : scn::python::OrderedConfigCaster<scn::core::LayerConfig> {};
template <>
struct type_caster<scn::core::SurrogateConfigMap>
    : scn::python::OrderedConfigCaster<scn::core::SurrogateLayerConfig> {};

// (luts, power_mw, score) tuples.
template <>
struct type_caster<scn::core::ParetoPoint> {
  PYBIND11_TYPE_CASTER(scn::core::ParetoPoint, const_name("tuple[int, float, float]"));
  bool load(handle source, bool) {
    if (!isinstance<sequence>(source) || PyUnicode_Check(source.ptr()) || len(source) != 3) {
      throw type_error("a Pareto point must be a (luts, power, score) tuple, got " +
                       repr(source).cast<std::string>());
    }
    const auto point = reinterpret_borrow<sequence>(source);
    value = {scn::python::read_int(point[0], "Pareto point luts"),
             scn::python::read_float(point[1], "Pareto point power"),
             scn::python::read_float(point[2], "Pareto point score")};
    return true;
  }
  static handle cast(const scn::core::ParetoPoint& point, return_value_policy, handle) {
    return make_tuple(point.luts, point.power_mw, point.score).release();
  }
};

// Lists of NumPy arrays; errors name the item index.
template <>
struct type_caster<std::vector<scn::core::WeightArray>> {
  PYBIND11_TYPE_CASTER(std::vector<scn::core::WeightArray>, const_name("list[numpy.ndarray]"));
  bool load(handle source, bool) {
    if (!PyList_Check(source.ptr()) && !PyTuple_Check(source.ptr())) {
      throw type_error("weights must be a list of numpy arrays, got " +
                       type::of(source).attr("__name__").cast<std::string>());
    }
    value.clear();
    std::size_t index = 0;
    for (const auto& item : reinterpret_borrow<sequence>(source)) {
      value.push_back(scn::python::weight_from_python(item, "weights[" + std::to_string(index++) + "]"));
    }
    return true;
  }
  static handle cast(const std::vector<scn::core::WeightArray>& arrays, return_value_policy, handle) {
    list result;
    for (const auto& array : arrays) result.append(scn::python::weight_to_python(array));
    return result.release();
  }
};

}  // namespace pybind11::detail
