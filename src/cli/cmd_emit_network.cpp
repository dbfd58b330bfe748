#include <iostream>

#include "command.hpp"
#include "options.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/hw/network_verilog.hpp"
#include "sc_neurocore/pipeline/network_job.hpp"

namespace scn::cli {
namespace {

// Writes the whole planned network as Verilog with a testbench and a manifest (docs/network.md).
class EmitNetworkCommand : public Command {
 public:
  std::string name() const override { return "emit-network"; }
  std::string description() const override {
    return "Write the planned network as Verilog (sc_network.v), an Icarus testbench and a manifest";
  }
  void add_options(CLI::App& command) override {
    add_network_source_options(command, sources_);
    command.add_option("--out", out_, "Folder to write (atomically; replaced when it exists)")->required();
  }
  int run() override {
    const hw::NetworkDesign design = pipeline::load_network_design(sources_);
    pipeline::write_network_folder(design, out_, SCN_VERSION);
    std::cout << "Wrote " << out_.string() << ": " << design.layers.size() << " layers, "
              << hw::cycles_per_inference(design) << " cycles per inference, " << hw::network_pins(design)
              << " pins";
    if (const std::size_t words = hw::network_load_image(design).size(); words > 0)
      std::cout << ", " << words << " weight-load words (" << hw::kWeightLoadFile << ")";
    std::cout << "\n";
    return 0;
  }

 private:
  pipeline::NetworkSources sources_;
  std::filesystem::path out_;
};

SCN_REGISTER_COMMAND(EmitNetworkCommand)

}  // namespace
}  // namespace scn::cli
