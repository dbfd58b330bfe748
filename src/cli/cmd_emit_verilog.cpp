#include <iostream>

#include "command.hpp"
#include "sc_neurocore/hw/verilog.hpp"
#include "sc_neurocore/sim/characterise.hpp"

namespace scn::cli {
namespace {

// Writes the Verilog of one SC layer datapath; prints the top module's name.
class EmitVerilogCommand : public Command {
 public:
  std::string name() const override { return "emit-verilog"; }
  std::string description() const override {
    return "Write the Verilog of one SC layer datapath (the hardware the default cost model is calibrated "
           "on)";
  }
  void add_options(CLI::App& command) override {
    command.add_option("--n-inputs", design_.n_inputs, "Inputs of the layer")->required();
    command.add_option("--n-neurons", design_.n_neurons, "Neurons of the layer")->required();
    command.add_option("--bitstream-length", design_.bitstream_length, "SC bitstream length L")
        ->capture_default_str();
    command.add_option("--precision", design_.precision, "SNG comparator width b in bits")
        ->capture_default_str();
    command.add_option("--weight-bits", design_.weight_bits, "Significant weight bits q (0 = precision)")
        ->capture_default_str();
    command.add_option("--generator", generator_, "none|lfsr|sobol|halton|scc")->capture_default_str();
    command.add_option("--polynomial", design_.polynomial, "LFSR feedback polynomial")->capture_default_str();
    command.add_option("--mode", mode_, "sc|hybrid|deterministic")->capture_default_str();
    command.add_option("--sparsity", design_.sparsity, "Fraction of synapses pruned to zero")
        ->capture_default_str();
    command.add_option("--seed", design_.seed, "Seed of the generated weights")->capture_default_str();
    command
        .add_option("--negative-fraction", design_.negative_fraction,
                    "Fraction of the kept synapses given a negative weight (signed neurons)")
        ->capture_default_str();
    command.add_option("--out", out_, "Verilog file to write (atomically)")->required();
  }
  int run() override {
    design_.generator = sim::parse_generator(generator_);
    design_.mode = sim::parse_mode_text(mode_);
    // With no negative weight these are make_layer_weights' own: the unsigned layer as before.
    const auto weights = hw::make_signed_layer_weights(design_);
    emit(out_, hw::emit_layer_verilog(design_, weights));
    std::cout << hw::module_name(design_) << "\n";
    return 0;
  }

 private:
  hw::LayerDesign design_;
  std::string generator_ = "lfsr";
  std::string mode_ = "sc";
  std::optional<std::filesystem::path> out_;
};

SCN_REGISTER_COMMAND(EmitVerilogCommand)

}  // namespace
}  // namespace scn::cli
