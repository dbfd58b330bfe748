#include "command.hpp"
#include "sc_neurocore/report/html_report.hpp"

namespace scn::cli {
namespace {

// One self-contained HTML page of a plan (docs/report.md): every input is read and checked before the page
// is written, so a bad file is one line (exit 2) and no page.
class ReportCommand : public Command {
 public:
  std::string name() const override { return "report"; }
  std::string description() const override {
    return "Write a plan as one self-contained HTML page: layers, Pareto plot, predicted vs measured";
  }
  void add_options(CLI::App& command) override {
    command.add_option("--plan", plan_, "Plan JSON (optimise --out, feedback --plan-out)")->required();
    command.add_option("--pareto", pareto_, "Pareto frontier JSON (optimise --pareto): adds the plot");
    command.add_option(
        "--build", build_,
        "Build folder of `synth` (comparison.json, evidence.json): adds predicted vs measured");
    command.add_option("--out", out_, "The HTML file to write (atomically)")->required();
  }
  int run() override {
    report::write_report(out_, report::load_report_inputs(plan_, pareto_, build_));
    emit(std::nullopt, "Report written: " + out_.string() + "\n");
    return 0;
  }

 private:
  std::filesystem::path plan_;
  std::optional<std::filesystem::path> pareto_;
  std::optional<std::filesystem::path> build_;
  std::filesystem::path out_;
};

SCN_REGISTER_COMMAND(ReportCommand)

}  // namespace
}  // namespace scn::cli
