#include "command.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/evidence/reports/report.hpp"
#include "sc_neurocore/io/views.hpp"

namespace scn::cli {
namespace {

// Detects each report's tool and kind and prints every metric found, with its
// unit and the line it came from.
class ParseReportCommand : public Command {
 public:
  std::string name() const override { return "parse-report"; }
  std::string description() const override {
    return "Read Vivado, Quartus, Yosys, nextpnr, Lattice and Gowin reports; print every metric with unit "
           "and line";
  }
  void add_options(CLI::App& command) override {
    command.add_option("files", files_, "Report files")->required();
    command.add_flag("--json", json_, "Print a JSON list, one object per file");
  }
  int run() override {
    nlohmann::json documents = nlohmann::json::array();
    std::string text;
    for (const auto& file : files_) {
      const evidence::ParsedReport report = evidence::parse_report_file(file);
      documents.push_back(evidence::to_json(report));
      text += describe(report);
    }
    emit(std::nullopt, json_ ? io::json_document(documents) : text);
    return 0;
  }

 private:
  static std::string describe(const evidence::ParsedReport& report) {
    const nlohmann::json json = evidence::to_json(report);
    std::string out = report.file + ": " + report.tool + " " + report.kind;
    if (!report.tool_version.empty()) out += ", version " + report.tool_version;
    if (!report.device.empty()) out += ", device " + report.device;
    out += "\n";
    const nlohmann::json& units = json["units"];
    const nlohmann::json& metrics = json["metrics"];
    const auto unit_of = [&](const std::string& key) -> std::string {
      if (!units.contains(key) || key == "ffs_used") return "";
      return " " + units[key].get<std::string>();
    };
    const auto where = [&](const std::string& key) -> std::string {
      const auto it = report.metrics.locations.find(key);
      return it == report.metrics.locations.end() ? "" : "  (line " + std::to_string(it->second.line) + ")";
    };
    for (const auto& [key, value] : metrics.items()) {
      if (key == "lut_unit" || key == "fmax_constraint_mhz" || key == "clock_timing_met") continue;
      if (key == "fmax_mhz") {
        for (const auto& [clock, mhz] : value.items()) {
          std::vector<std::string> verdict;
          if (metrics.contains("fmax_constraint_mhz") && metrics["fmax_constraint_mhz"].contains(clock))
            verdict.push_back("constraint " +
                              core::py::float_repr(metrics["fmax_constraint_mhz"][clock].get<double>()) +
                              " MHz");
          if (metrics.contains("clock_timing_met") && metrics["clock_timing_met"].contains(clock))
            verdict.emplace_back(metrics["clock_timing_met"][clock].get<bool>() ? "met" : "NOT met");
          out += "  fmax_mhz[" + clock + "] = " + core::py::float_repr(mhz.get<double>()) + " MHz" +
                 (verdict.empty() ? "" : " (" + core::join(verdict, ", ") + ")") +
                 where("fmax_mhz." + clock) + "\n";
        }
        continue;
      }
      if (key == "bel_utilisation") {
        for (const auto& [bel, row] : value.items())
          out += "  bel " + bel + " = " + row["used"].dump() +
                 (row.contains("available") ? " / " + row["available"].dump() : "") + "\n";
        continue;
      }
      const std::string number =
          value.is_number_float() ? core::py::float_repr(value.get<double>()) : value.dump();
      out += "  " + key + " = " + number + unit_of(key) + where(key) + "\n";
    }
    if (json["metrics"].empty()) out += "  (no metrics read for this report kind)\n";
    return out;
  }

  std::vector<std::string> files_;
  bool json_ = false;
};

SCN_REGISTER_COMMAND(ParseReportCommand)

}  // namespace
}  // namespace scn::cli
