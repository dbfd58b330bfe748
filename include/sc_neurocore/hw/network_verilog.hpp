// The files of `sc-neurocore emit-network` (docs/network.md): the network's
// Verilog with its top module `sc_network`, an Icarus testbench that streams
// vectors from a file, and the manifest that says what was generated.
//
// Top module `sc_network`, every port synchronous to clk:
//   clk, rst (synchronous, active high)
//   in_valid, in_ready, in_data[b0-1:0]   layer 0's inputs, one word per accepted cycle, input 0 first;
//                                          the inference starts when the last one is accepted
//   out_valid, out_ready, out_data[W-1:0] the last layer's outputs (W = b + 1 bits, two's complement),
//                                          neuron 0 first, one per accepted cycle
//   wl_valid, wl_ready, wl_data[7:0]      only with SPRAM layers: the weight load after reset (every word of
//                                          network_load_image as two bytes, low first, a byte per accepted
//                                          cycle); in_ready stays low until the last is taken
// Layers run one after another (L + 2 cycles each); in_ready is high only
// while the network waits for inputs.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sc_neurocore/hw/network.hpp"

namespace scn::hw {

// The file emit-network writes the load image to (networks with SPRAM layers): one 16-bit word per line in
// hexadecimal, as $readmemh reads it.
inline constexpr const char* kWeightLoadFile = "weights_load.hex";
// The weight-load port's width: bytes, so that an 8-bit network with it keeps within 39 I/O.
inline constexpr int kWeightLoadPortBits = 8;
// The image's text.
std::string weight_load_hex(const NetworkDesign& design);

// The top module's pins: 6 + b0 + W, and 10 more for the weight-load port of a network with SPRAM layers.
int network_pins(const NetworkDesign& design);

// Module name of layer i in sc_network.v: sc_net_<i>_<id with non-identifier characters as '_'>.
std::string network_layer_module(const NetworkDesign& design, std::size_t layer);

std::string emit_network_verilog(const NetworkDesign& design);
// tb_sc_network: +inputs=FILE (one vector per line, n_inputs hexadecimal b0-bit words separated by spaces),
// +outputs=FILE (one line per vector: the W-bit output words in hexadecimal, as out_data presents them).
std::string emit_network_testbench(const NetworkDesign& design);

// What was generated: layers with their knobs, weights and activation, the port map, cycles per
// inference, the tool version and the Icarus commands.
nlohmann::json network_manifest(const NetworkDesign& design, const std::string& tool_version);

// `value` as ceil(bits / 4) lower-case hexadecimal digits of its two's complement `bits`-bit pattern.
std::string hex_word(std::int64_t value, int bits);
// One line of the testbench's formats: the words in hex, separated by single spaces.
std::string hex_line(const std::vector<std::int64_t>& values, int bits);

}  // namespace scn::hw
