#include "convert.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

namespace scn::python {

namespace {

std::string type_name(py::handle value) { return py::type::of(value).attr("__name__").cast<std::string>(); }

bool is_numpy_bool(py::handle value) {
  return py::isinstance(value, py::module_::import("numpy").attr("bool_"));
}

[[noreturn]] void type_error(const std::string& where, const char* expected, py::handle value) {
  throw py::type_error(where + " must be " + expected + ", got " + type_name(value));
}

}  // namespace

py::object python_class(const char* module, const char* name) {
  return py::module_::import(module).attr(name);
}

std::int64_t read_int(py::handle value, const std::string& where) {
  // numpy integers are not PyLong but support __index__; bool and numpy.bool_ are refused.
  if (PyBool_Check(value.ptr()) || is_numpy_bool(value) || !PyIndex_Check(value.ptr())) {
    type_error(where, "an int", value);
  }
  const py::int_ index = py::reinterpret_steal<py::int_>(PyNumber_Index(value.ptr()));
  if (!index) throw py::error_already_set();
  int overflow = 0;
  const long long result = PyLong_AsLongLongAndOverflow(index.ptr(), &overflow);
  if (overflow != 0) throw py::value_error(where + " is out of the 64-bit integer range");
  return result;
}

double read_float(py::handle value, const std::string& where) {
  const bool numeric = PyLong_Check(value.ptr()) || PyFloat_Check(value.ptr()) ||
                       (py::hasattr(value, "__float__") && !PyUnicode_Check(value.ptr()));
  if (PyBool_Check(value.ptr()) || is_numpy_bool(value) || !numeric) type_error(where, "a number", value);
  const double result = PyFloat_AsDouble(value.ptr());
  if (result == -1.0 && PyErr_Occurred()) throw py::error_already_set();
  return result;
}

bool read_bool(py::handle value, const std::string& where) {
  if (PyBool_Check(value.ptr())) return value.ptr() == Py_True;
  if (is_numpy_bool(value)) return PyObject_IsTrue(value.ptr()) == 1;
  type_error(where, "a bool", value);
}

std::string read_str(py::handle value, const std::string& where) {
  if (!PyUnicode_Check(value.ptr())) type_error(where, "a str", value);
  return value.cast<std::string>();
}

nlohmann::json to_json(py::handle value, const std::string& where) {
  PyObject* object = value.ptr();
  if (value.is_none()) return nullptr;
  if (PyBool_Check(object)) return object == Py_True;
  if (PyLong_Check(object) || (PyIndex_Check(object) && !is_numpy_bool(value))) {
    return read_int(value, where);
  }
  if (PyFloat_Check(object)) return PyFloat_AsDouble(object);
  if (PyUnicode_Check(object)) return value.cast<std::string>();
  if (PyDict_Check(object)) {
    nlohmann::json result = nlohmann::json::object();
    for (const auto& [key, item] : py::reinterpret_borrow<py::dict>(value)) {
      if (!PyUnicode_Check(key.ptr())) {
        throw py::type_error(where + ": JSON object keys must be str, got " + type_name(key));
      }
      const std::string name = key.cast<std::string>();
      result[name] = to_json(item, where + "[" + py::repr(key).cast<std::string>() + "]");
    }
    return result;
  }
  if (PyList_Check(object) || PyTuple_Check(object)) {
    nlohmann::json result = nlohmann::json::array();
    std::size_t index = 0;
    for (const auto& item : py::reinterpret_borrow<py::sequence>(value)) {
      result.push_back(to_json(item, where + "[" + std::to_string(index++) + "]"));
    }
    return result;
  }
  if (is_numpy_bool(value)) return PyObject_IsTrue(value.ptr()) == 1;
  if (py::hasattr(value, "__float__")) return read_float(value, where);  // numpy.float32 and friends
  throw py::type_error(where + ": object of type " + type_name(value) + " is not JSON serializable");
}

py::object from_json(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::discarded:
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
      return py::str(value.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      py::list result;
      for (const auto& item : value) result.append(from_json(item));
      return result;
    }
    case nlohmann::json::value_t::object: {
      py::dict result;
      for (const auto& [key, item] : value.items()) result[py::str(key)] = from_json(item);
      return result;
    }
    case nlohmann::json::value_t::binary:
      break;
  }
  throw py::type_error("binary JSON values have no Python equivalent");
}

core::WeightArray weight_from_python(py::handle value, const std::string& where) {
  if (!py::isinstance<py::array>(value)) {
    throw py::type_error(where + " must be a numpy.ndarray of float32 or float64, got " + type_name(value));
  }
  const auto array = py::reinterpret_borrow<py::array>(value);
  const py::dtype dtype = array.dtype();
  const bool is_float = dtype.kind() == 'f' && (dtype.itemsize() == 4 || dtype.itemsize() == 8);
  if (!is_float) {
    throw py::type_error(where + " has dtype " + py::str(static_cast<py::handle>(dtype)).cast<std::string>() +
                         "; expected float32 or float64");
  }
  if (array.ndim() == 0) {
    throw py::value_error(where + " is a 0-d array; expected an array with at least one dimension");
  }
  core::WeightArray result;
  result.shape.assign(array.shape(), array.shape() + array.ndim());
  // ensure() copies only when the layout or byte order differs; the input is only read.
  if (dtype.itemsize() == 4) {
    result.dtype = core::DType::kFloat32;
    const auto data = py::array_t<float, py::array::c_style | py::array::forcecast>::ensure(value);
    result.values.assign(data.data(), data.data() + data.size());
  } else {
    result.dtype = core::DType::kFloat64;
    const auto data = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(value);
    result.values.assign(data.data(), data.data() + data.size());
  }
  return result;
}

py::array weight_to_python(const core::WeightArray& array) {
  const std::vector<py::ssize_t> shape(array.shape.begin(), array.shape.end());
  if (array.dtype == core::DType::kFloat32) {
    py::array_t<float> result(shape);
    std::transform(array.values.begin(), array.values.end(), result.mutable_data(),
                   [](double v) { return static_cast<float>(v); });
    return result;
  }
  py::array_t<double> result(shape);
  std::copy(array.values.begin(), array.values.end(), result.mutable_data());
  return result;
}

std::vector<model::LayerWeights> layer_weights_from_python(py::handle value) {
  if (value.is_none()) return {};
  if (!py::isinstance<py::sequence>(value) || PyUnicode_Check(value.ptr()))
    throw py::type_error("weights must be a list of 2-D arrays (one per layer), got " + type_name(value));
  std::vector<model::LayerWeights> weights;
  std::size_t index = 0;
  for (const auto& item : py::reinterpret_borrow<py::sequence>(value)) {
    const std::string where = "weights[" + std::to_string(index++) + "]";
    weights.push_back({weight_from_python(item, where), where});
  }
  return weights;
}

std::vector<model::LayerSize> layer_sizes_from_python(py::handle value) {
  if (!py::isinstance<py::sequence>(value) || PyUnicode_Check(value.ptr())) {
    throw py::type_error("layer_sizes must be a list of (n_inputs, n_neurons) pairs, got " +
                         type_name(value));
  }
  std::vector<model::LayerSize> sizes;
  std::size_t index = 0;
  for (const auto& item : py::reinterpret_borrow<py::sequence>(value)) {
    const std::string where = "layer_sizes[" + std::to_string(index++) + "]";
    if (!py::isinstance<py::sequence>(item) || PyUnicode_Check(item.ptr()) || py::len(item) != 2) {
      throw py::type_error(where + " must be a pair (n_inputs, n_neurons), got " +
                           py::repr(item).cast<std::string>());
    }
    const auto pair = py::reinterpret_borrow<py::sequence>(item);
    sizes.push_back({read_int(pair[0], where + "[0]"), read_int(pair[1], where + "[1]")});
  }
  return sizes;
}

// The validation data: the inputs, and whichever of reference, labels and calibration inputs were given.
pipeline::ValidationData validation_data(py::handle inputs, const std::string& inputs_source,
                                         py::handle reference, const std::string& reference_source,
                                         py::handle labels, const std::string& labels_source,
                                         py::handle calibration) {
  pipeline::ValidationData data;
  data.inputs = to_json(inputs, inputs_source);
  data.inputs_source = inputs_source;
  if (!reference.is_none()) {
    data.reference = to_json(reference, reference_source);
    data.reference_source = reference_source;
  }
  if (!labels.is_none()) {
    data.labels = to_json(labels, labels_source);
    data.labels_source = labels_source;
  }
  if (!calibration.is_none()) {
    data.calibration = to_json(calibration, "calibration_inputs");
    data.calibration_source = "calibration_inputs";
  }
  return data;
}

}  // namespace scn::python
