#include "convert.hpp"

#include <pybind11/stl.h>

#include <cmath>

#include "sc_neurocore/error.hpp"

namespace scn::python {

std::int64_t as_int(const py::handle& value) {
  return py::int_(py::reinterpret_borrow<py::object>(value)).cast<std::int64_t>();
}
double as_float(const py::handle& value) {
  return py::float_(py::reinterpret_borrow<py::object>(value)).cast<double>();
}
std::string as_str(const py::handle& value) { return py::str(value).cast<std::string>(); }

nlohmann::json to_json(const py::handle& value) {
  if (value.is_none()) return nullptr;
  if (py::isinstance<py::bool_>(value)) return value.cast<bool>();
  if (py::isinstance<py::int_>(value)) {
    try {
      return value.cast<std::int64_t>();
    } catch (const py::cast_error&) {
      return value.cast<double>();  // beyond int64: keep the magnitude as a float
    }
  }
  if (py::isinstance<py::float_>(value)) return value.cast<double>();
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (py::isinstance<py::dict>(value)) {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& [key, item] : value.cast<py::dict>()) {
      if (!py::isinstance<py::str>(key)) throw InputError("JSON object keys must be strings");
      object[key.cast<std::string>()] = to_json(item);
    }
    return object;
  }
  if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    nlohmann::json array = nlohmann::json::array();
    for (const auto& item : value) array.push_back(to_json(item));
    return array;
  }
  // NumPy scalars and other numbers: bool first, then integers, then floats.
  const py::module_ numpy = py::module_::import("numpy");
  if (py::isinstance(value, numpy.attr("bool_"))) return value.cast<bool>();
  if (py::isinstance(value, numpy.attr("integer"))) return value.attr("item")().cast<std::int64_t>();
  if (py::isinstance(value, numpy.attr("floating"))) return value.attr("item")().cast<double>();
  throw InputError("cannot represent a " + std::string(py::str(value.get_type().attr("__name__"))) +
                   " in JSON");
}

py::object from_json(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return py::none();
    case nlohmann::json::value_t::boolean:
      return py::bool_(value.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return py::int_(value.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned:
      return py::int_(value.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float:
      return py::float_(value.get<double>());
    case nlohmann::json::value_t::string:
      return py::str(value.get<std::string>());
    case nlohmann::json::value_t::array: {
      py::list list;
      for (const auto& item : value) list.append(from_json(item));
      return list;
    }
    case nlohmann::json::value_t::object: {
      py::dict dict;
      for (const auto& [key, item] : value.items()) dict[py::str(key)] = from_json(item);
      return dict;
    }
    default:
      return py::none();
  }
}

WeightArray to_weight_array(const py::handle& object, const std::string& what) {
  const py::module_ numpy = py::module_::import("numpy");
  if (!py::isinstance<py::array>(object)) {
    throw py::type_error(what + " must be a NumPy array of float32 or float64, got " +
                         std::string(py::str(object.get_type().attr("__name__"))));
  }
  const auto array = py::reinterpret_borrow<py::array>(object);
  WeightArray weights;
  for (py::ssize_t d = 0; d < array.ndim(); ++d)
    weights.shape.push_back(static_cast<std::size_t>(array.shape(d)));
  if (array.dtype().is(py::dtype::of<float>())) {
    weights.dtype = DType::kFloat32;
    const auto contiguous = py::array_t<float, py::array::c_style | py::array::forcecast>::ensure(array);
    weights.values.assign(contiguous.data(), contiguous.data() + contiguous.size());
  } else if (array.dtype().is(py::dtype::of<double>())) {
    weights.dtype = DType::kFloat64;
    const auto contiguous = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(array);
    weights.values.assign(contiguous.data(), contiguous.data() + contiguous.size());
  } else {
    throw py::type_error(what + " has dtype " + std::string(py::str(array.dtype())) +
                         "; weights must be float32 or float64");
  }
  return weights;
}

std::vector<WeightArray> to_weight_arrays(const py::handle& arrays) {
  std::vector<WeightArray> result;
  std::size_t index = 0;
  for (const auto& array : arrays)
    result.push_back(to_weight_array(array, "weights[" + std::to_string(index++) + "]"));
  return result;
}

py::array to_numpy(const WeightArray& weights) {
  std::vector<py::ssize_t> shape(weights.shape.begin(), weights.shape.end());
  if (weights.dtype == DType::kFloat32) {
    py::array_t<float> array(shape);
    float* data = array.mutable_data();
    for (std::size_t k = 0; k < weights.values.size(); ++k) data[k] = static_cast<float>(weights.values[k]);
    return array;
  }
  py::array_t<double> array(shape);
  std::copy(weights.values.begin(), weights.values.end(), array.mutable_data());
  return array;
}

py::list to_numpy_list(const std::vector<WeightArray>& arrays) {
  py::list list;
  for (const auto& array : arrays) list.append(to_numpy(array));
  return list;
}

namespace {
// An integer field of a Python value object: bools are refused (int(True) == 1 would hide a bug).
std::int64_t int_field(const py::handle& object, const char* name) {
  const py::object value = object.attr(name);
  if (py::isinstance<py::bool_>(value)) throw InputError(std::string(name) + " must be an int, got a bool");
  try {
    return py::int_(value).cast<std::int64_t>();
  } catch (const py::error_already_set&) {
    throw InputError(std::string(name) + " must be an int");
  }
}
double float_field(const py::handle& object, const char* name) {
  return py::float_(object.attr(name)).cast<double>();
}
std::string str_field(const py::handle& object, const char* name) {
  return py::str(object.attr(name)).cast<std::string>();
}
}  // namespace

std::vector<LayerProfile> to_network(const py::handle& network) {
  std::vector<LayerProfile> layers;
  for (const auto& layer : network) {
    layers.push_back({str_field(layer, "id"), int_field(layer, "mac_count"),
                      py::bool_(layer.attr("is_critical_path")).cast<bool>()});
  }
  return layers;
}

HardwareBudget to_budget(const py::handle& budget) {
  return {int_field(budget, "max_luts"), float_field(budget, "max_power_mw"),
          int_field(budget, "max_latency_cycles")};
}

TargetHardwareProfile to_target(const py::handle& target) {
  return {str_field(target, "name"),
          to_budget(target.attr("budget")),
          float_field(target, "lut_weight"),
          float_field(target, "power_weight"),
          float_field(target, "latency_weight"),
          float_field(target, "accuracy_weight")};
}

BenchmarkObservation to_observation(const py::handle& o) {
  return {int_field(o, "mac_count"),
          int_field(o, "bitstream_length"),
          str_field(o, "decorrelator"),
          str_field(o, "mode"),
          int_field(o, "precision_bits"),
          str_field(o, "lfsr_polynomial"),
          int_field(o, "luts_used"),
          float_field(o, "power_mw"),
          int_field(o, "latency_cycles"),
          float_field(o, "accuracy_score"),
          py::bool_(o.attr("is_critical_path")).cast<bool>()};
}

std::vector<LayerSize> to_layer_sizes(const py::handle& layer_sizes) {
  std::vector<LayerSize> sizes;
  for (const auto& size : layer_sizes) {
    const auto pair = py::reinterpret_borrow<py::sequence>(size);
    if (pair.size() != 2) throw InputError("layer_sizes entries must be (n_inputs, n_neurons) pairs");
    sizes.push_back({as_int(pair[0]), as_int(pair[1])});
  }
  return sizes;
}

py::tuple layer_config_tuple(const LayerConfig& c) {
  return py::make_tuple(c.bitstream_length, c.decorrelator, c.mode, c.luts_used, c.power_used,
                        c.accuracy_score, c.latency_cycles);
}

py::dict optimizer_report_dict(const OptimizerReport& report) {
  py::list config;
  for (const auto& [id, c] : report.config) config.append(py::make_tuple(id, layer_config_tuple(c)));
  py::list frontier;
  for (const auto& p : report.pareto_frontier) frontier.append(py::make_tuple(p.luts, p.power_mw, p.score));
  py::dict dict;
  dict["config"] = config;
  dict["total_luts"] = report.total_luts;
  dict["total_power_mw"] = report.total_power_mw;
  dict["total_latency_cycles"] = report.total_latency_cycles;
  dict["mean_accuracy"] = report.mean_accuracy;
  dict["pareto_frontier"] = frontier;
  return dict;
}

py::tuple observation_tuple(const BenchmarkObservation& o) {
  return py::make_tuple(o.mac_count, o.bitstream_length, o.decorrelator, o.mode, o.precision_bits,
                        o.lfsr_polynomial, o.luts_used, o.power_mw, o.latency_cycles, o.accuracy_score,
                        o.is_critical_path);
}

namespace {
py::tuple surrogate_config_tuple(const SurrogateLayerConfig& c) {
  return py::make_tuple(c.bitstream_length, c.decorrelator, c.mode, c.precision_bits, c.lfsr_polynomial,
                        c.luts_used, c.power_used, c.latency_cycles, c.accuracy_score, c.utility_score);
}
}  // namespace

py::dict surrogate_report_dict(const SurrogateOptimizerReport& report) {
  py::list config;
  for (const auto& [id, c] : report.config) config.append(py::make_tuple(id, surrogate_config_tuple(c)));
  py::dict dict;
  dict["config"] = config;
  dict["total_luts"] = report.total_luts;
  dict["total_power_mw"] = report.total_power_mw;
  dict["total_latency_cycles"] = report.total_latency_cycles;
  dict["mean_accuracy"] = report.mean_accuracy;
  dict["training_points"] = report.training_points;
  dict["target_name"] = report.target_name;
  dict["rejected_layers"] = report.rejected_layers;
  dict["profile"] = report.profile;
  if (report.search) {
    const SearchCertificate& s = *report.search;
    py::dict search;
    search["solver"] = s.solver;
    search["objective"] = s.objective;
    search["upper_bound"] = s.upper_bound;
    search["relative_gap"] = s.relative_gap;
    search["proven_optimal"] = s.proven_optimal;
    search["nodes"] = s.nodes;
    search["binding"] = s.binding;
    search["min_luts"] = s.min_luts ? py::object(py::int_(*s.min_luts)) : py::object(py::none());
    search["min_power_mw"] =
        s.min_power_mw ? py::object(py::float_(*s.min_power_mw)) : py::object(py::none());
    search["min_latency_cycles"] =
        s.min_latency_cycles ? py::object(py::int_(*s.min_latency_cycles)) : py::object(py::none());
    dict["search"] = search;
  } else {
    dict["search"] = py::none();
  }
  return dict;
}

py::dict energy_report_dict(const EnergyReport& report) {
  py::list layers;
  for (const auto& l : report.layers) {
    layers.append(py::make_tuple(l.name, l.n_inputs, l.n_neurons, l.n_synapses, l.bitstream_length, l.luts,
                                 l.ffs, l.bram_bits, l.dynamic_power_mw, l.latency_cycles));
  }
  py::dict dict;
  dict["target"] = report.target;
  dict["layers"] = layers;
  dict["infra_luts"] = report.infra_luts;
  dict["clock_freq_mhz"] = report.clock_freq_mhz;
  return dict;
}

py::dict fit_result_dict(const OptimizationResult& result) {
  py::list steps;
  for (const auto& s : result.steps)
    steps.append(py::make_tuple(s.action, s.luts_before, s.luts_after, s.sparsity, s.bitstream_length));
  py::dict dict;
  dict["fits"] = result.fits;
  dict["target"] = result.target;
  dict["final_luts"] = result.final_luts;
  dict["target_luts"] = result.target_luts;
  dict["utilization_pct"] = result.utilization_pct;
  dict["final_bitstream_length"] = result.final_bitstream_length;
  dict["final_sparsity"] = result.final_sparsity;
  dict["steps"] = steps;
  dict["optimized_weights"] = to_numpy_list(result.optimized_weights);
  dict["profile"] = result.profile;
  return dict;
}

}  // namespace scn::python
