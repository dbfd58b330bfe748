// sc_neurocore._core: the C++ engine as plain functions over the package's
// dataclasses. Errors are translated once, here, into the documented Python
// exception types with the C++ messages unchanged.
#include "bindings.hpp"

#include <pybind11/pybind11.h>

#include <string>

#include "sc_neurocore/core/error.hpp"

namespace py = pybind11;

namespace {

void set_python_error(PyObject* type, const char* message) { PyErr_SetString(type, message); }

// ObservationLoadError is a Python class of sc_neurocore.optimizer.observation_loader
// (a ValueError subclass); look it up when needed, falling back to ValueError.
void raise_observation_load_error(const char* message) {
  try {
    const py::object type =
        scn::python::python_class("sc_neurocore.optimizer.observation_loader", "ObservationLoadError");
    set_python_error(type.ptr(), message);
  } catch (py::error_already_set&) {
    set_python_error(PyExc_ValueError, message);
  }
}

// DoesNotFitError is a Python class of sc_neurocore.hw (a RuntimeError subclass), looked up the same way.
void raise_does_not_fit_error(const char* message) {
  try {
    const py::object type = scn::python::python_class("sc_neurocore.hw", "DoesNotFitError");
    set_python_error(type.ptr(), message);
  } catch (py::error_already_set&) {
    set_python_error(PyExc_RuntimeError, message);
  }
}

void translate_errors(std::exception_ptr error) {
  try {
    if (error) std::rethrow_exception(error);
  } catch (const scn::core::ObservationLoadError& e) {
    raise_observation_load_error(e.what());
  } catch (const scn::core::FileError& e) {
    const bool missing = std::string(e.what()).find("no such file") != std::string::npos;
    set_python_error(missing ? PyExc_FileNotFoundError : PyExc_OSError, e.what());
  } catch (const scn::core::InputError& e) {  // ReportParseError included
    set_python_error(PyExc_ValueError, e.what());
  } catch (const scn::core::DoesNotFitError& e) {
    raise_does_not_fit_error(e.what());
  } catch (
      const scn::core::ToolError& e) {  // Ctrl-C stopped the tools: the interrupt Python would have raised
    set_python_error(e.interrupted() ? PyExc_KeyboardInterrupt : PyExc_RuntimeError, e.what());
  } catch (const scn::core::Error& e) {  // StateError and any other engine error
    set_python_error(PyExc_RuntimeError, e.what());
  }
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "C++ engine of sc_neurocore (internal; use the sc_neurocore.* modules).";
  m.attr("__version__") = SCN_VERSION;
  py::register_exception_translator(&translate_errors);
  scn::python::bind_optimizer(m);
  scn::python::bind_model(m);
  scn::python::bind_evidence(m);
  scn::python::bind_hw(m);
  scn::python::bind_flow(m);
  scn::python::bind_report(m);
}
