#include "sc_neurocore/hw/network_verilog.hpp"

#include <bit>
#include <cctype>
#include <sstream>

#include "sc_neurocore/core/bits.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/hw/folded_layer.hpp"
#include "sc_neurocore/hw/verilog.hpp"
#include "sc_neurocore/sim/polynomial.hpp"

namespace scn::hw {
namespace {

std::string literal(int width, std::uint64_t value) {
  return std::to_string(width) + "'d" + std::to_string(value);
}

std::string range(int high, int low) { return "[" + std::to_string(high) + ":" + std::to_string(low) + "]"; }

// A port value of `width` bits sign- or zero-extended to `to` bits.
std::string extend(const std::string& bus, int low, int width, int to, bool is_signed) {
  const std::string value = bus + range(low + width - 1, low);
  if (to == width) return value;
  const std::string fill =
      is_signed ? "{" + std::to_string(to - width) + "{" + bus + "[" + std::to_string(low + width - 1) + "]}}"
                : std::to_string(to - width) + "'d0";
  return "{" + fill + ", " + value + "}";
}

// num_j and a_j of every neuron of layer i, and the bus act_i of all a_j.
void emit_activation(std::ostringstream& v, const NetworkLayerDesign& layer, std::size_t i) {
  const LayerDesign& d = layer.design;
  const int m = d.n_neurons;
  const int nw = layer.num_bits;
  const int sw = layer.ones_width();
  const int ew = exact_sum_width(d, layer.is_signed);
  const int ob = layer.out_bits;
  const int aw = layer.relu ? ob : ob + 1;
  const int k = layer.shift;
  const int top = nw - 1 - k;  // the sign bit of num >>> k
  const bool has_sc = exact_inputs(d) < d.n_inputs;
  const bool has_exact = exact_inputs(d) > 0;
  const std::string s = std::to_string(i);
  v << "  // Layer " << i << " activation: num = exact_sum * " << d.bitstream_length << " + (sc_ones << "
    << 2 * d.precision << "), a = " << (layer.relu ? "clamp(num >>> " : "clamp(num >>> ") << k
    << (layer.relu
            ? ", 0, " + std::to_string((1LL << ob) - 1) + ") (ReLU)"
            : ", " + std::to_string(-(1LL << ob)) + ", " + std::to_string((1LL << ob) - 1) + ") (linear)")
    << ".\n";
  if (!layer.accumulator_offsets().empty())
    v << "  // sc_ones arrive less each neuron's calibrated SC bias"
      << (layer.round_ones ? " plus " + std::to_string(layer.round_ones) + " (half a step: round to nearest)"
                           : "")
      << ", from the accumulators' reset values.\n";
  v << "  wire [" << m * aw - 1 << ":0] act_" << s << ";\n";
  v << "  genvar g" << s << ";\n";
  v << "  generate for (g" << s << " = 0; g" << s << " < " << m << "; g" << s << " = g" << s
    << " + 1) begin : neuron_" << s << "\n";
  std::string terms;
  if (has_exact) {
    v << "    wire [" << ew - 1 << ":0] e = exact_" << s << "[g" << s << "*" << ew << " +: " << ew << "];\n";
    terms = extend("e", 0, ew, nw, layer.is_signed) + " * " +
            literal(nw, static_cast<std::uint64_t>(d.bitstream_length));
  }
  if (has_sc) {
    v << "    wire [" << sw - 1 << ":0] o = ones_" << s << "[g" << s << "*" << sw << " +: " << sw << "];\n";
    terms += (terms.empty() ? "" : " + ") + std::string("(") + extend("o", 0, sw, nw, layer.ones_signed()) +
             " << " + std::to_string(2 * d.precision) + ")";
  }
  v << "    wire [" << nw - 1 << ":0] num = " << terms << ";\n";
  v << "    wire [" << top << ":0] q = num" << range(nw - 1, k) << ";\n";
  if (layer.relu) {
    v << "    wire over = |q" << range(top - 1, ob) << ";\n";
    v << "    assign act_" << s << "[g" << s << "*" << aw << " +: " << aw << "] = q[" << top << "] ? "
      << literal(aw, 0) << " : over ? {" << aw << "{1'b1}} : q" << range(ob - 1, 0) << ";\n";
  } else {
    v << "    wire over_pos = !q[" << top << "] && (|q" << range(top - 1, ob) << ");\n";
    v << "    wire over_neg = q[" << top << "] && !(&q" << range(top - 1, ob) << ");\n";
    v << "    assign act_" << s << "[g" << s << "*" << aw << " +: " << aw << "] = over_pos ? {1'b0, {" << ob
      << "{1'b1}}} : over_neg ? {1'b1, {" << ob << "{1'b0}}} : q" << range(ob, 0) << ";\n";
  }
  v << "  end endgenerate\n";
}

// How the layer is folded: null for a spatial layer; else its lanes, memory and chunks.
nlohmann::json fold_manifest(const NetworkLayerDesign& layer) {
  const Fold& f = layer.design.fold;
  if (!f.folded()) return nullptr;
  const FoldShape shape = fold_shape(layer.design, layer.is_signed);
  nlohmann::json fold = {{"neuron_lanes", f.neuron_lanes},
                         {"input_lanes", f.input_lanes},
                         {"weight_memory", weight_memory_name(f.memory)},
                         {"chunks", shape.chunks},
                         {"memory_words", shape.chunks},
                         {"memory_word_bits", shape.word_bits},
                         {"stream_cycles", folded_stream_cycles(layer.design)}};
  if (f.memory == WeightMemory::kSpram) {
    const SpramLayout l = spram_layout(layer.design);
    fold["spram_blocks"] = l.blocks;
    fold["spram_rows"] = l.rows;
    fold["spram_row_bits"] = l.row_bits();
    fold["rows_per_chunk"] = l.rows_per_chunk;
    fold["load_words"] = l.load_words();
  }
  fold["input_memory"] = f.input_memory;
  if (f.input_memory) fold["input_memory_words"] = shape.input_slices;
  return fold;
}

std::string sanitise(const std::string& id) {
  std::string out;
  for (const char c : id) out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

// The sizes the top module's stages share: the word widths of its ports, and the widths of the layer index
// and of the word counter (which counts both the input words loaded and the output words read).
struct NetworkControl {
  std::size_t count;               // layers
  int b0;                          // input word width
  int wo;                          // output word width
  int n0;                          // input words per vector
  int m_last;                      // output words per vector
  int lw;                          // layer index width
  int cw;                          // word counter width
  std::vector<std::size_t> spram;  // the layers whose weights the load port writes, in load order
  int input_lanes;   // layer 0 keeps its inputs in memory (Fold::input_memory): its SIMD; else 0
  int input_slices;  // and its input slices (the memory's words)
};

NetworkControl describe_network_control(const NetworkDesign& net) {
  const std::size_t count = net.layers.size();
  const int n0 = net.layers.front().design.n_inputs;
  const int m_last = net.layers.back().design.n_neurons;
  const LayerDesign& first = net.layers.front().design;
  const bool input_memory = first.fold.folded() && first.fold.input_memory;
  return {count,
          net.input_bits(),
          net.output_bits(),
          n0,
          m_last,
          core::register_width(count - 1),
          core::register_width(static_cast<std::uint64_t>(std::max(n0, m_last) - 1)),
          spram_layers(net),
          input_memory ? first.fold.input_lanes : 0,
          input_memory ? fold_shape(first, false).input_slices : 0};
}

// One module per layer, each under its own name, so the top module can instantiate them side by side.
void emit_layer_modules(std::ostringstream& v, const NetworkDesign& net) {
  for (std::size_t i = 0; i < net.layers.size(); ++i) {
    const NetworkLayerDesign& l = net.layers[i];
    v << (l.design.fold.folded()
              ? emit_folded_layer_verilog(l.design, l.weights.values, network_layer_module(net, i),
                                          l.accumulator_offsets())
              : emit_layer_verilog(l.design, l.weights.values, network_layer_module(net, i),
                                   l.accumulator_offsets()))
      << "\n";
  }
}

// The weight-load port (networks with SPRAM layers): after reset it takes the image's 16-bit words as bytes,
// low byte first (an 8-bit port keeps an 8-bit network within the UP5K sg48's 39 I/O); each word goes to the
// first SPRAM layer whose memory is not yet full; input vectors are taken once all are.
void emit_weight_load(std::ostringstream& v, const NetworkControl& c) {
  if (c.spram.empty()) return;
  v << "  // Weight load: " << c.spram.size()
    << " SPRAM layer(s), layer after layer, before the first vector.\n";
  std::string loaded;
  for (const std::size_t i : c.spram) {
    v << "  wire wl_done_" << i << ";\n";
    loaded += (loaded.empty() ? "" : " && ") + std::string("wl_done_") + std::to_string(i);
  }
  v << "  wire wl_loaded = " << loaded << ";\n";
  v << "  assign wl_ready = !rst && !wl_loaded;\n";
  v << "  wire wl_take = wl_valid && wl_ready;\n";
  v << "  reg wl_high;  // the next byte is the high byte of the word\n  reg [7:0] wl_low;\n";
  v << "  always @(posedge clk) begin\n    if (rst) wl_high <= 1'b0;\n    else if (wl_take) wl_high <= "
       "!wl_high;\n    if (wl_take) wl_low <= wl_data;\n  end\n";
  v << "  wire [15:0] wl_word = {wl_data, wl_low};\n";
  std::string before;
  for (const std::size_t i : c.spram) {
    v << "  wire wl_we_" << i << " = wl_take && wl_high && !wl_done_" << i << before << ";\n";
    before += " && wl_done_" + std::to_string(i);
  }
}

// The top module's ports (a ready/valid stream of input words and one of output words) and its state.
void emit_network_ports(std::ostringstream& v, const NetworkControl& c) {
  v << "// The network: inputs loaded a word at a time, layers run one after another, outputs read a word at "
       "a time.\n";
  v << "module sc_network (\n";
  v << "  input  wire clk,\n  input  wire rst,\n";
  v << "  input  wire in_valid,\n  output wire in_ready,\n  input  wire [" << c.b0 - 1 << ":0] in_data,\n";
  v << "  output wire out_valid,\n  input  wire out_ready,\n  output wire [" << c.wo - 1 << ":0] out_data"
    << (c.spram.empty() ? ""
                        : ",\n  input  wire wl_valid,\n  output wire wl_ready,\n  input  wire [7:0] wl_data")
    << "\n);\n";
  v << "  localparam S_LOAD = 2'd0, S_PULSE = 2'd1, S_WAIT = 2'd2, S_OUT = 2'd3;\n";
  v << "  reg [1:0] state;\n  reg [" << c.lw - 1 << ":0] layer;\n  reg [" << c.cw - 1 << ":0] count;\n";
  emit_weight_load(v, c);
  v << "  assign in_ready = state == S_LOAD" << (c.spram.empty() ? "" : " && wl_loaded") << ";\n";
  v << "  assign out_valid = state == S_OUT;\n";
}

// Each layer's input register (the previous layer's activations latch into it) and the output shift
// register the words are read from.
void emit_layer_registers(std::ostringstream& v, const NetworkDesign& net, const NetworkControl& c) {
  for (std::size_t i = c.input_lanes > 0 ? 1 : 0; i < c.count; ++i) {
    const LayerDesign& d = net.layers[i].design;
    v << "  reg [" << d.n_inputs * d.precision - 1 << ":0] x_" << i << ";  // layer " << i << " inputs\n";
  }
  v << "  reg [" << c.m_last * c.wo - 1 << ":0] y;  // the last layer's outputs, neuron 0 in the low word\n";
  v << "  assign out_data = y[" << c.wo - 1 << ":0];\n";
}

// Layer 0's inputs in its input memory (Fold::input_memory): the words collect lane by lane in xs, and once
// SIMD have (or the vector's last), the next cycle writes xs to the slice's word; the last slice's write
// falls in S_PULSE, while layer 0 reads slice 0 in its reset. Lanes past the last input keep the slice
// before's words: their weights are 0.
void emit_input_staging(std::ostringstream& v, const NetworkControl& c) {
  if (c.input_lanes == 0) return;
  const int b = c.b0;
  const int xw = core::register_width(static_cast<std::uint64_t>(c.input_lanes - 1));
  const int sw = core::register_width(static_cast<std::uint64_t>(c.input_slices - 1));
  v << "  // Layer 0's inputs: " << c.input_lanes << " words a slice, " << c.input_slices
    << " slices written to its input memory.\n";
  v << "  reg [" << c.input_lanes * b - 1 << ":0] xs;\n  reg [" << xw - 1 << ":0] xlane;\n  reg [" << sw - 1
    << ":0] xrow;\n  reg xw_we;\n  reg [" << sw - 1 << ":0] xw_addr;\n";
  v << "  wire in_take = in_valid && in_ready;\n";
  v << "  wire x_row_end = xlane == " << literal(xw, static_cast<std::uint64_t>(c.input_lanes - 1))
    << " || count == " << literal(c.cw, static_cast<std::uint64_t>(c.n0 - 1)) << ";\n";
  v << "  always @(posedge clk) begin\n";
  v << "    xw_we <= !rst && in_take && x_row_end;\n";
  v << "    if (in_take) xw_addr <= xrow;\n";
  v << "    if (rst) begin\n      xlane <= " << literal(xw, 0) << ";\n      xrow <= " << literal(sw, 0)
    << ";\n    end else if (in_take) begin\n";
  v << "      xlane <= x_row_end ? " << literal(xw, 0) << " : xlane + " << literal(xw, 1) << ";\n";
  v << "      if (x_row_end) xrow <= count == " << literal(c.cw, static_cast<std::uint64_t>(c.n0 - 1))
    << " ? " << literal(sw, 0) << " : xrow + " << literal(sw, 1) << ";\n    end\n";
  for (int i = 0; i < c.input_lanes; ++i)
    v << "    if (in_take && xlane == " << literal(xw, static_cast<std::uint64_t>(i)) << ") xs["
      << (i + 1) * b - 1 << ":" << i * b << "] <= in_data;\n";
  v << "  end\n";
}

// Each layer's instance, reset (restarted) by the controller's pulse when its turn comes, and its activation.
void emit_layer_instances(std::ostringstream& v, const NetworkDesign& net, const NetworkControl& c) {
  for (std::size_t i = 0; i < c.count; ++i) {
    const NetworkLayerDesign& layer = net.layers[i];
    const LayerDesign& d = layer.design;
    const int sw = layer.ones_width();
    const int ew = exact_sum_width(d, layer.is_signed);
    const std::string s = std::to_string(i);
    v << "  wire done_" << s << ";\n";
    v << "  wire [" << d.n_neurons * sw - 1 << ":0] ones_" << s << ";\n";
    v << "  wire [" << d.n_neurons * ew - 1 << ":0] exact_" << s << ";\n";
    v << "  wire rst_" << s << " = rst || (state == S_PULSE && layer == " << literal(c.lw, i) << ");\n";
    const bool spram = d.fold.folded() && d.fold.memory == WeightMemory::kSpram;
    const std::string inputs =
        i == 0 && c.input_lanes > 0 ? ".xw_we(xw_we), .xw_addr(xw_addr), .xw_data(xs)" : ".x(x_" + s + ")";
    v << "  " << network_layer_module(net, i) << " u_" << s << " (.clk(clk), .rst(rst_" << s << "), "
      << inputs << ", .done(done_" << s << "), .sc_ones(ones_" << s << "), .exact_sum(exact_" << s << ")"
      << (spram
              ? ",\n    .wl_rst(rst), .wl_we(wl_we_" + s + "), .wl_data(wl_word), .wl_done(wl_done_" + s + ")"
              : "")
      << ");\n";
    emit_activation(v, layer, i);
  }
}

// layer_done: the current layer's done, which is all the controller needs to know to move on.
void emit_layer_done_mux(std::ostringstream& v, const NetworkControl& c) {
  v << "  reg layer_done;\n  always @* begin\n    case (layer)\n";
  for (std::size_t i = 0; i < c.count; ++i)
    v << "      " << literal(c.lw, i) << ": layer_done = done_" << i << ";\n";
  v << "      default: layer_done = 1'b1;\n    endcase\n  end\n";
}

// The controller: S_LOAD shifts input words into x_0, S_PULSE restarts the current layer, S_WAIT latches its
// activations into the next layer's inputs (or y) when it is done, S_OUT shifts y out a word at a time.
void emit_control_fsm(std::ostringstream& v, const NetworkControl& c) {
  const int lw = c.lw;
  const int cw = c.cw;
  v << "  always @(posedge clk) begin\n";
  v << "    if (rst) begin\n      state <= S_LOAD;\n      layer <= " << literal(lw, 0)
    << ";\n      count <= " << literal(cw, 0) << ";\n    end else begin\n";
  v << "      case (state)\n";
  v << "        S_LOAD: if (in_valid" << (c.spram.empty() ? "" : " && wl_loaded") << ") begin\n";
  if (c.input_lanes > 0)
    v << "          // the word goes to xs (emit_input_staging)\n";
  else if (c.n0 == 1)
    v << "          x_0 <= in_data;\n";
  else
    v << "          x_0 <= {in_data, x_0[" << c.n0 * c.b0 - 1 << ":" << c.b0 << "]};\n";
  v << "          if (count == " << literal(cw, static_cast<std::uint64_t>(c.n0 - 1)) << ") begin\n";
  v << "            count <= " << literal(cw, 0) << ";\n            layer <= " << literal(lw, 0)
    << ";\n            state <= S_PULSE;\n";
  v << "          end else count <= count + " << literal(cw, 1) << ";\n        end\n";
  v << "        S_PULSE: state <= S_WAIT;\n";
  v << "        S_WAIT: if (layer_done) begin\n          case (layer)\n";
  for (std::size_t i = 0; i < c.count; ++i)
    v << "            " << literal(lw, i) << ": "
      << (i + 1 < c.count ? "x_" + std::to_string(i + 1) : std::string("y")) << " <= act_" << i << ";\n";
  v << "            default: ;\n          endcase\n";
  v << "          if (layer == " << literal(lw, c.count - 1) << ") state <= S_OUT;\n";
  v << "          else begin\n            layer <= layer + " << literal(lw, 1)
    << ";\n            state <= S_PULSE;\n          end\n        end\n";
  v << "        S_OUT: if (out_ready) begin\n";
  if (c.m_last > 1) v << "          y <= y >> " << c.wo << ";\n";
  v << "          if (count == " << literal(cw, static_cast<std::uint64_t>(c.m_last - 1)) << ") begin\n";
  v << "            count <= " << literal(cw, 0) << ";\n            state <= S_LOAD;\n";
  v << "          end else count <= count + " << literal(cw, 1) << ";\n        end\n";
  v << "      endcase\n    end\n  end\nendmodule\n";
}

// The testbench's weight load: the image (+weights=FILE, default weights_load.hex) through the load port,
// each word as two bytes, low first, a byte on every cycle wl_ready is high, before the first vector.
void emit_testbench_weight_load(std::ostringstream& v, std::int64_t words) {
  v << "    if (!$value$plusargs(\"weights=%s\", wl_path)) wl_path = \"weights_load.hex\";\n";
  v << "    $readmemh(wl_path, wimg);\n";
  v << "    @(negedge clk);  // wl_ready settles out of reset\n";
  v << "    k = 0;\n    while (k < " << 2 * words << ") begin\n";
  v << "      wl_data = k % 2 ? wimg[k / 2][15:8] : wimg[k / 2][7:0];\n      wl_valid = 1'b1;\n      "
       "accepted = "
       "wl_ready;\n";
  v << "      @(negedge clk);\n      if (accepted) k = k + 1;\n    end\n    wl_valid = 1'b0;\n";
}

}  // namespace

std::string network_layer_module(const NetworkDesign& design, std::size_t layer) {
  return "sc_net_" + std::to_string(layer) + "_" + sanitise(design.layers[layer].id);
}

std::string emit_network_verilog(const NetworkDesign& net) {
  const NetworkControl control = describe_network_control(net);
  std::ostringstream v;
  v << "// Generated by sc-neurocore emit-network; do not edit.\n";
  v << "// " << control.count << " layers; top module sc_network (docs/network.md).\n\n";
  emit_layer_modules(v, net);
  emit_network_ports(v, control);
  emit_layer_registers(v, net, control);
  emit_input_staging(v, control);
  emit_layer_instances(v, net, control);
  emit_layer_done_mux(v, control);
  emit_control_fsm(v, control);
  return v.str();
}

std::string emit_network_testbench(const NetworkDesign& net) {
  const int b0 = net.input_bits();
  const int wo = net.output_bits();
  const int n0 = net.layers.front().design.n_inputs;
  const int m = net.layers.back().design.n_neurons;
  std::ostringstream v;
  v << "// Generated by sc-neurocore emit-network; do not edit.\n";
  v << "// vvp sim.vvp +inputs=IN.hex +outputs=OUT.hex: one vector of " << n0 << " hexadecimal " << b0
    << "-bit words per line in, one line of " << m << " hexadecimal " << wo << "-bit words per vector out.\n";
  v << "module tb_sc_network;\n";
  v << "  reg clk = 1'b0, rst = 1'b1, in_valid = 1'b0, out_ready = 1'b0;\n";
  v << "  reg [" << b0 - 1 << ":0] in_data = " << literal(b0, 0) << ";\n";
  v << "  wire in_ready, out_valid;\n  wire [" << wo - 1 << ":0] out_data;\n";
  const std::int64_t load_words = static_cast<std::int64_t>(network_load_image(net).size());
  if (load_words > 0)
    v << "  reg wl_valid = 1'b0;\n  reg [7:0] wl_data = 8'd0;\n  wire wl_ready;\n  reg [15:0] wimg [0:"
      << load_words - 1 << "];\n  reg [8*4096-1:0] wl_path;\n";
  v << "  sc_network dut (.clk(clk), .rst(rst), .in_valid(in_valid), .in_ready(in_ready), "
       ".in_data(in_data),\n"
       "                  .out_valid(out_valid), .out_ready(out_ready), .out_data(out_data)"
    << (load_words > 0 ? ",\n                  .wl_valid(wl_valid), .wl_ready(wl_ready), .wl_data(wl_data)"
                       : "")
    << ");\n";
  v << "  always #5 clk = !clk;\n";
  v << "  integer now = 0;\n  always @(posedge clk) now = now + 1;\n";
  v << "  reg [" << b0 - 1 << ":0] vec [0:" << n0 - 1 << "];\n";
  v << "  reg [" << wo - 1 << ":0] res [0:" << m - 1 << "];\n";
  v << "  reg [31:0] word;\n  reg accepted;\n  reg [8*4096-1:0] in_path, out_path;\n";
  v << "  integer fi, fo, k, r, vectors, start, cycles;\n";
  v << "  initial begin\n";
  v << "    if (!$value$plusargs(\"inputs=%s\", in_path) || !$value$plusargs(\"outputs=%s\", out_path)) "
       "begin\n";
  v << "      $display(\"tb_sc_network: usage: vvp sim.vvp +inputs=FILE +outputs=FILE\");\n      $finish;\n  "
       "  end\n";
  v << "    fi = $fopen(in_path, \"r\");\n";
  v << "    if (fi == 0) begin $display(\"tb_sc_network: cannot open %0s\", in_path); $finish; end\n";
  v << "    fo = $fopen(out_path, \"w\");\n";
  v << "    if (fo == 0) begin $display(\"tb_sc_network: cannot write %0s\", out_path); $finish; end\n";
  v << "    vectors = 0;\n    cycles = 0;\n";
  v << "    @(negedge clk);\n    @(negedge clk);\n    rst = 1'b0;\n";
  if (load_words > 0) emit_testbench_weight_load(v, load_words);
  v << "    r = $fscanf(fi, \"%h\", word);\n";
  v << "    while (r == 1) begin\n";
  v << "      vec[0] = word;\n";
  v << "      for (k = 1; k < " << n0 << "; k = k + 1) begin\n";
  v << "        r = $fscanf(fi, \"%h\", word);\n";
  v << "        if (r != 1) begin $display(\"tb_sc_network: vector %0d has fewer than " << n0
    << " words\", vectors); $finish; end\n";
  v << "        vec[k] = word;\n      end\n";
  v << "      start = now;\n      k = 0;\n";
  v << "      while (k < " << n0 << ") begin\n";
  v << "        in_data = vec[k];\n        in_valid = 1'b1;\n        accepted = in_ready;\n";
  v << "        @(negedge clk);\n        if (accepted) k = k + 1;\n      end\n";
  v << "      in_valid = 1'b0;\n      out_ready = 1'b1;\n      k = 0;\n";
  v << "      while (k < " << m << ") begin\n";
  v << "        if (out_valid) begin res[k] = out_data; k = k + 1; end\n";
  v << "        @(negedge clk);\n      end\n";
  v << "      out_ready = 1'b0;\n      cycles = now - start;\n";
  v << "      for (k = 0; k < " << m << "; k = k + 1) begin\n";
  v << "        if (k > 0) $fwrite(fo, \" \");\n        $fwrite(fo, \"%h\", res[k]);\n      end\n";
  v << "      $fwrite(fo, \"\\n\");\n      vectors = vectors + 1;\n";
  v << "      r = $fscanf(fi, \"%h\", word);\n    end\n";
  v << "    $fclose(fo);\n";
  v << "    $display(\"tb_sc_network: %0d vectors, %0d cycles per inference\", vectors, cycles);\n";
  v << "    $finish;\n  end\nendmodule\n";
  return v.str();
}

namespace {

// One layer of the manifest: its knobs, shape, weights, bias correction, activation, fold and cycles.
nlohmann::json layer_manifest(const NetworkDesign& net, std::size_t i) {
  const NetworkLayerDesign& l = net.layers[i];
  const LayerDesign& d = l.design;
  const auto kept =
      std::count_if(l.weights.values.begin(), l.weights.values.end(), [](std::int32_t w) { return w != 0; });
  return {{"id", l.id},
          {"module", network_layer_module(net, i)},
          {"n_inputs", d.n_inputs},
          {"n_neurons", d.n_neurons},
          {"bitstream_length", d.bitstream_length},
          {"generator", sim::generator_name(d.generator)},
          {"lfsr_polynomial", sim::uses_polynomial(d.generator) ? d.polynomial : "none"},
          {"precision_bits", d.precision},
          {"weight_bits", effective_weight_bits(d)},
          {"mode", plan_mode_name(d.mode)},
          {"exact_inputs", exact_inputs(d)},
          {"weights", l.weights_given ? "given" : "seeded"},
          {"weight_seed", l.weights_given ? nlohmann::json(nullptr) : nlohmann::json(d.seed)},
          {"weight_scale", l.weights.value_scale},
          {"synapses", static_cast<std::int64_t>(l.weights.values.size())},
          {"synapses_kept", static_cast<std::int64_t>(kept)},
          {"signed", l.is_signed},
          {"dead_neurons", l.dead_neurons},
          {"bias_correction",
           {{"enabled", l.plan.bias_correction},
            {"ones_offset", l.ones_offset.empty() ? nlohmann::json::array() : nlohmann::json(l.ones_offset)},
            {"rounding_ones", l.round_ones},
            {"reset_offset_largest", largest_magnitude(l.accumulator_offsets())}}},
          {"activation",
           {{"kind", l.relu ? "relu" : "linear"},
            {"shift", l.shift},
            {"out_bits", l.relu ? l.out_bits : l.out_bits + 1},
            {"num_bits", l.num_bits},
            {"output_unit", l.output_unit}}},
          {"fold", fold_manifest(l)},
          {"cycles", layer_cycles(d)}};
}

// The top's ports, with the weight-load port when `load` (a network with SPRAM layers).
nlohmann::json manifest_ports(const NetworkDesign& net, bool load) {
  nlohmann::json ports = nlohmann::json::array({
      {{"name", "clk"}, {"direction", "input"}, {"width", 1}},
      {{"name", "rst"}, {"direction", "input"}, {"width", 1}},
      {{"name", "in_valid"}, {"direction", "input"}, {"width", 1}},
      {{"name", "in_ready"}, {"direction", "output"}, {"width", 1}},
      {{"name", "in_data"}, {"direction", "input"}, {"width", net.input_bits()}},
      {{"name", "out_valid"}, {"direction", "output"}, {"width", 1}},
      {{"name", "out_ready"}, {"direction", "input"}, {"width", 1}},
      {{"name", "out_data"}, {"direction", "output"}, {"width", net.output_bits()}},
  });
  if (!load) return ports;
  ports.push_back({{"name", "wl_valid"}, {"direction", "input"}, {"width", 1}});
  ports.push_back({{"name", "wl_ready"}, {"direction", "output"}, {"width", 1}});
  ports.push_back({{"name", "wl_data"}, {"direction", "input"}, {"width", kWeightLoadPortBits}});
  return ports;
}

}  // namespace

nlohmann::json network_manifest(const NetworkDesign& net, const std::string& tool_version) {
  nlohmann::json layers = nlohmann::json::array();
  for (std::size_t i = 0; i < net.layers.size(); ++i) layers.push_back(layer_manifest(net, i));
  const int b0 = net.input_bits();
  const int wo = net.output_bits();
  const auto load_words = static_cast<std::int64_t>(network_load_image(net).size());
  nlohmann::json files = {"sc_network.v", "tb_sc_network.v", "manifest.json"};
  std::string run = "vvp sim.vvp +inputs=inputs.hex +outputs=outputs.hex";
  if (load_words > 0) {
    files.push_back(kWeightLoadFile);
    run += " +weights=" + std::string(kWeightLoadFile);
  }
  nlohmann::json manifest = {
      {"generator", "sc-neurocore emit-network"},
      {"tool_version", tool_version},
      {"top", "sc_network"},
      {"files", files},
      {"layers", layers},
      {"ports", manifest_ports(net, load_words > 0)},
      {"pins", network_pins(net)},
      {"input_words", net.layers.front().design.n_inputs},
      {"input_bits", b0},
      {"output_words", net.layers.back().design.n_neurons},
      {"output_bits", wo},
      {"output_signed", true},
      {"compute_cycles", compute_cycles(net)},
      {"cycles_per_inference", cycles_per_inference(net)},
      {"weight_seed", net.seed},
      {"activation_calibration",
       {{"vectors", net.calibration == "given" ? "given (--calibration-inputs)" : "seeded uniform in [0, 1)"},
        {"count", net.calibration_vectors}}},
      {"simulate",
       {{"compile", "iverilog -g2005 -o sim.vvp sc_network.v tb_sc_network.v"},
        {"run", run},
        {"inputs_format", "one vector per line: " + std::to_string(net.layers.front().design.n_inputs) +
                              " hexadecimal " + std::to_string(b0) + "-bit words separated by spaces"},
        {"outputs_format", "one line per vector: " + std::to_string(net.layers.back().design.n_neurons) +
                               " hexadecimal " + std::to_string(wo) + "-bit two's complement words"}}}};
  if (load_words > 0)
    manifest["weight_load"] = {
        {"file", kWeightLoadFile},
        {"words", load_words},
        {"word_bits", kSpramWidth},
        {"port_bits", kWeightLoadPortBits},
        {"order",
         "after every reset, before the first vector: the SPRAM layers in network order, "
         "each row by row, blocks 0 to k-1 within a row; each word as two bytes on wl_data, low "
         "byte first, a byte per cycle wl_valid and wl_ready are high"}};
  return manifest;
}

int network_pins(const NetworkDesign& net) {
  return 6 + net.input_bits() + net.output_bits() + (spram_layers(net).empty() ? 0 : 2 + kWeightLoadPortBits);
}

std::string weight_load_hex(const NetworkDesign& net) {
  std::string text;
  for (const std::uint16_t word : network_load_image(net)) text += hex_word(word, kSpramWidth) + "\n";
  return text;
}

std::string hex_word(std::int64_t value, int bits) {
  const std::uint64_t mask = bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
  std::uint64_t v = static_cast<std::uint64_t>(value) & mask;
  const int digits = (bits + 3) / 4;
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int k = digits - 1; k >= 0; --k, v >>= 4)
    out[static_cast<std::size_t>(k)] = "0123456789abcdef"[v & 15];
  return out;
}

std::string hex_line(const std::vector<std::int64_t>& values, int bits) {
  return core::join(values, " ", [bits](std::int64_t value) { return hex_word(value, bits); });
}

}  // namespace scn::hw
