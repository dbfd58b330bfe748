// The binding units of sc_neurocore._core, one per concern.
#pragma once

#include <pybind11/pybind11.h>

#include "casters.hpp"

namespace scn::python {

// SCOptimizer, the ridge surrogate and SurrogateSCOptimizer.
void bind_optimizer(py::module_& m);
// FPGA catalogue, energy estimator, compression, fit_to_target, summaries, CLI.
void bind_model(py::module_& m);
// Observation loader, synthesis evidence payloads.
void bind_evidence(py::module_& m);
// The network's hardware: emit_network, the bit-true network simulator.
void bind_hw(py::module_& m);
// The build flow: synth, and the planner fed from a build folder.
void bind_flow(py::module_& m);
// The plan report: the HTML page and the Pareto SVG.
void bind_report(py::module_& m);

}  // namespace scn::python
