#include "command.hpp"
#include "sc_neurocore/io/views.hpp"

namespace scn::cli {
namespace {

class TargetsCommand : public Command {
 public:
  std::string name() const override { return "targets"; }
  std::string description() const override {
    return "List the FPGA device catalogue and built-in target profiles";
  }
  void add_options(CLI::App& command) override {
    command.add_flag("--json", json_, "Print JSON instead of a table");
  }
  int run() override {
    emit(std::nullopt, json_ ? io::json_document(io::targets_json()) : io::targets_table());
    return 0;
  }

 private:
  bool json_ = false;
};

SCN_REGISTER_COMMAND(TargetsCommand)

}  // namespace
}  // namespace scn::cli
