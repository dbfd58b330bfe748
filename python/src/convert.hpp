// Conversions at the Python boundary: strict field readers, JSON values,
// NumPy weight arrays. The Python dataclasses are the user-facing types; the
// C++ structs never leak to Python (casters.hpp maps one to the other).
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sc_neurocore/compress/compress.hpp"
#include "sc_neurocore/model/energy.hpp"
#include "sc_neurocore/model/layer_shapes.hpp"
#include "sc_neurocore/pipeline/plan_validation.hpp"

namespace scn::python {

namespace py = pybind11;

// The Python class `name` of module `module` (imported on demand, so the
// extension never holds Python objects past interpreter shutdown).
py::object python_class(const char* module, const char* name);

// Strict readers: `where` names the value in the error ("LayerProfile.mac_count").
// Integers reject bool and float; floats accept int but reject bool and str;
// booleans accept bool and numpy.bool_ only; strings must be str.
std::int64_t read_int(py::handle value, const std::string& where);
double read_float(py::handle value, const std::string& where);
bool read_bool(py::handle value, const std::string& where);
std::string read_str(py::handle value, const std::string& where);

// Python value <-> JSON, as json.dumps/json.loads see them (bool is not an
// int, NaN stays a float). TypeError for values JSON cannot hold.
nlohmann::json to_json(py::handle value, const std::string& where = "value");
py::object from_json(const nlohmann::json& value);

// NumPy float32/float64 arrays of any layout in, same-dtype C-ordered arrays out.
// Errors name the item: "weights[1] has dtype int64; expected float32 or float64".
core::WeightArray weight_from_python(py::handle value, const std::string& where);
py::array weight_to_python(const core::WeightArray& array);

// None -> no weights; a list of float32/float64 arrays -> one LayerWeights per item, named "weights[i]".
std::vector<model::LayerWeights> layer_weights_from_python(py::handle value);

// (n_inputs, n_neurons) pairs: "layer_sizes[0] must be a pair of ints (n_inputs, n_neurons)".
std::vector<model::LayerSize> layer_sizes_from_python(py::handle value);

// The validation data of optimise and fit_to_target: the inputs, and whichever of reference, labels and
// calibration inputs were given (None for those not given), each named by its source for errors.
pipeline::ValidationData validation_data(py::handle inputs, const std::string& inputs_source,
                                         py::handle reference, const std::string& reference_source,
                                         py::handle labels, const std::string& labels_source,
                                         py::handle calibration);

}  // namespace scn::python
