// The plan report: the HTML page of `sc-neurocore report` and the Pareto SVG of `optimise --pareto-svg`, over
// the same C++ functions. Plans and frontiers come as paths (read and checked in C++) or as dicts.
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "sc_neurocore/report/html_report.hpp"
#include "sc_neurocore/report/pareto_plot.hpp"

namespace scn::python {
namespace {
namespace fs = std::filesystem;

struct JsonInput {
  nlohmann::json json;
  std::string source;  // the path, or `name` for a dict, in error messages
};

// A dict as it is, a (dict, source) pair (an optimiser result's document and what it came from), anything
// path-like read as a JSON file (FileError / InputError naming it).
JsonInput json_input(const py::object& value, const std::string& name) {
  if (py::isinstance<py::dict>(value)) return {to_json(value, name), name + " (a dict given in Python)"};
  if (py::isinstance<py::tuple>(value) && py::len(value) == 2 && py::isinstance<py::dict>(value[py::int_(0)]))
    return {to_json(value[py::int_(0)], name), py::str(value[py::int_(1)])};
  const fs::path path = value.cast<fs::path>();  // TypeError for anything else
  return {report::read_json_file(path), path.string()};
}

}  // namespace

void bind_report(py::module_& m) {
  m.def(
      "report_write",
      [](const py::object& plan, const fs::path& out, const py::object& pareto,
         const std::optional<fs::path>& build) {
        const JsonInput plan_in = json_input(plan, "plan");
        std::optional<JsonInput> pareto_in;
        if (!pareto.is_none()) pareto_in = json_input(pareto, "pareto");
        const report::ReportInputs inputs =
            report::report_inputs(plan_in.json, plan_in.source, pareto_in ? &pareto_in->json : nullptr,
                                  pareto_in ? pareto_in->source : "", build);
        report::write_report(out, inputs);
      },
      py::arg("plan"), py::arg("out"), py::arg("pareto"), py::arg("build"));
  m.def(
      "report_pareto_svg",
      [](const py::object& pareto, const py::object& plan) {
        const JsonInput pareto_in = json_input(pareto, "pareto");
        if (plan.is_none())
          return report::pareto_svg_document(report::pareto_plot(pareto_in.json, pareto_in.source));
        const JsonInput plan_in = json_input(plan, "plan");
        return report::pareto_svg_document(
            report::pareto_plot(pareto_in.json, pareto_in.source, &plan_in.json, plan_in.source));
      },
      py::arg("pareto"), py::arg("plan"));
}

}  // namespace scn::python
