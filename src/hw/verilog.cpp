#include "sc_neurocore/hw/verilog.hpp"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <map>
#include <sstream>

#include "sc_neurocore/core/bits.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/sim/polynomial.hpp"

namespace scn::hw {
namespace {

std::string literal(int width, std::uint64_t value) {
  return std::to_string(width) + "'d" + std::to_string(value);
}

const char* mode_text(sim::ComputeMode mode) {
  switch (mode) {
    case sim::ComputeMode::kSc:
      return "sc";
    case sim::ComputeMode::kHybrid:
      return "hybrid";
    case sim::ComputeMode::kDeterministic:
      return "deterministic";
  }
  return "sc";
}

// Fibonacci LFSR of the design's polynomial: LFSR gives r_in and r_w a register each, SCC reads two windows
// of one register, None shares one number (and so correlates inputs with weights).
void emit_lfsr_source(std::ostream& v, const LayerDesign& d, const std::string& restart) {
  const int b = d.precision;
  const sim::Polynomial p = sim::parse_polynomial(d.polynomial);
  const int n = p.degree;
  std::uint64_t taps = 0;  // Fibonacci: x^t taps state bit n - t
  for (int t = 1; t <= n; ++t)
    if ((p.terms >> t) & 1u) taps |= std::uint64_t{1} << (n - t);
  const std::uint64_t mask = n >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
  v << "  // Fibonacci LFSR " << sim::polynomial_text(p) << ": feedback = ^(state & taps), shift right.\n";
  v << "  localparam [" << n - 1 << ":0] TAPS = " << literal(n, taps) << ";\n";
  v << "  reg [" << n - 1 << ":0] lfsr_in;\n";
  v << "  wire [" << b - 1 << ":0] r_in = lfsr_in[" << n - 1 << ":" << n - b << "];\n";
  if (d.generator == sim::Generator::kLfsr) {
    v << "  reg [" << n - 1 << ":0] lfsr_w;\n";
    v << "  wire [" << b - 1 << ":0] r_w = lfsr_w[" << n - 1 << ":" << n - b << "];\n";
  } else if (d.generator == sim::Generator::kScc) {
    v << "  // SCC isolator: the weights read the low window, the input window " << n - b
      << " cycles later.\n";
    v << "  wire [" << b - 1 << ":0] r_w = lfsr_in[" << b - 1 << ":0];\n";
  } else {
    v << "  wire [" << b - 1 << ":0] r_w = r_in;  // shared: no decorrelation\n";
  }
  v << "  always @(posedge clk) begin\n";
  v << "    if (" << restart << ") begin\n";
  v << "      lfsr_in <= " << literal(n, sim::kInputSeed & mask) << ";\n";
  if (d.generator == sim::Generator::kLfsr)
    v << "      lfsr_w <= " << literal(n, sim::kWeightSeed & mask) << ";\n";
  v << "    end else if (running) begin\n";
  v << "      lfsr_in <= {^(lfsr_in & TAPS), lfsr_in[" << n - 1 << ":1]};\n";
  if (d.generator == sim::Generator::kLfsr)
    v << "      lfsr_w <= {^(lfsr_w & TAPS), lfsr_w[" << n - 1 << ":1]};\n";
  v << "    end\n  end\n";
}

// Sobol dimensions 1 and 2 in Gray-code order: each cycle XORs in the direction number of the cycle count's
// lowest zero bit, so one priority decoder and an XOR per cycle replace the index-to-point transform.
void emit_sobol_source(std::ostream& v, const LayerDesign& d, const std::string& restart) {
  const int b = d.precision;
  const int cw = cycle_counter_width(d);
  const auto va = sim::sobol_directions(1);
  const auto vb = sim::sobol_directions(2);
  v << "  // Sobol dimensions 1 and 2, Gray-code order: point ^= V[lowest zero bit of the index].\n";
  v << "  reg [" << b - 1 << ":0] sobol_in, sobol_w;\n";
  v << "  reg [" << b - 1 << ":0] dir_in, dir_w;\n";
  v << "  always @* begin\n";
  for (int k = 0; k < cw; ++k) {
    v << "    " << (k == 0 ? "if" : "else if") << " (!cycle[" << k
      << "]) begin dir_in = " << literal(b, va[static_cast<std::size_t>(k)] >> (32 - b))
      << "; dir_w = " << literal(b, vb[static_cast<std::size_t>(k)] >> (32 - b)) << "; end\n";
  }
  v << "    else begin dir_in = " << literal(b, 0) << "; dir_w = " << literal(b, 0) << "; end\n";
  v << "  end\n";
  v << "  wire [" << b - 1 << ":0] r_in = sobol_in;\n";
  v << "  wire [" << b - 1 << ":0] r_w = sobol_w;\n";
  v << "  always @(posedge clk) begin\n";
  v << "    if (" << restart << ") begin sobol_in <= " << literal(b, 0) << "; sobol_w <= " << literal(b, 0)
    << "; end\n";
  v << "    else if (running) begin sobol_in <= sobol_in ^ dir_in; sobol_w <= sobol_w ^ dir_w; end\n";
  v << "  end\n";
}

// Halton bases 2 and 3: base 2 costs only wiring (the bit-reversed cycle count); base 3 has no such shortcut,
// so its first L points sit in a ROM indexed by the cycle.
void emit_halton_source(std::ostream& v, const LayerDesign& d) {
  const int b = d.precision;
  const int cw = cycle_counter_width(d);
  v << "  // Halton base 2 = the bit-reversed cycle count; base 3 from a ROM of the first L points.\n";
  v << "  wire [" << b - 1 << ":0] r_in;\n";
  v << "  genvar gi;\n";
  v << "  generate for (gi = 0; gi < " << b << "; gi = gi + 1) begin : reverse\n";
  v << "    if (gi < " << cw << ") assign r_in[" << b - 1 << " - gi] = cycle[gi];\n";
  v << "    else assign r_in[" << b - 1 << " - gi] = 1'b0;\n";
  v << "  end endgenerate\n";
  const auto base3 = sim::halton_sequence(3, b, d.bitstream_length);
  v << "  reg [" << b - 1 << ":0] r_w;\n";
  v << "  always @* begin\n    case (cycle)\n";
  for (int t = 0; t < d.bitstream_length; ++t)
    v << "      " << literal(cw, static_cast<std::uint64_t>(t))
      << ": r_w = " << literal(b, base3[static_cast<std::size_t>(t)]) << ";\n";
  v << "      default: r_w = " << literal(b, 0) << ";\n    endcase\n  end\n";
}

// What every stage of one layer module reads: the design, its weights and offsets, and the widths derived
// from them once, so the ports, the accumulators and the exact sums agree on them.
struct LayerModule {
  const LayerDesign& d;
  const std::vector<std::int32_t>& signed_weights;
  const std::vector<std::int64_t>& ones_offsets;
  std::uint64_t largest_offset;
  bool is_signed;
  int n;      // inputs
  int m;      // neurons
  int b;      // SNG precision
  int exact;  // inputs computed exactly (the first `exact` ones)
  int sw;     // sc_ones width
  int ew;     // exact_sum width
  int cw;     // cycle counter width
  int pw;     // popcount width

  std::int32_t signed_weight(int i, int j) const {
    return signed_weights[static_cast<std::size_t>(i) * m + j];
  }
  std::uint32_t weight(int i, int j) const {
    return static_cast<std::uint32_t>(std::abs(signed_weight(i, j)));
  }
  // The accumulator's reset value: -offset in sw-bit two's complement.
  std::string start(int j) const {
    const std::int64_t offset = ones_offsets.empty() ? 0 : ones_offsets[static_cast<std::size_t>(j)];
    if (offset == 0) return literal(sw, 0);
    const std::uint64_t mask = (std::uint64_t{1} << sw) - 1;
    return literal(sw, static_cast<std::uint64_t>(-offset) & mask);
  }
};

// One weight per synapse and one offset per neuron (or none): anything else is the caller's mistake, reported
// before any text is written.
void check_weight_counts(const LayerDesign& d, const std::vector<std::int32_t>& signed_weights,
                         const std::vector<std::int64_t>& ones_offsets) {
  if (signed_weights.size() != static_cast<std::size_t>(d.n_inputs) * static_cast<std::size_t>(d.n_neurons))
    throw core::InputError("emit_layer_verilog: " + std::to_string(signed_weights.size()) + " weights for " +
                           std::to_string(d.n_inputs) + "x" + std::to_string(d.n_neurons) + " synapses");
  if (!ones_offsets.empty() && ones_offsets.size() != static_cast<std::size_t>(d.n_neurons))
    throw core::InputError("emit_layer_verilog: " + std::to_string(ones_offsets.size()) + " offsets for " +
                           std::to_string(d.n_neurons) + " neurons");
}

// The widths follow from the weights' signs and the largest offset: sc_ones becomes two's complement as soon
// as either can make an accumulator negative.
LayerModule describe_layer_module(const LayerDesign& d, const std::vector<std::int32_t>& signed_weights,
                                  const std::vector<std::int64_t>& ones_offsets) {
  const std::uint64_t largest_offset = largest_magnitude(ones_offsets);
  const bool is_signed =
      std::any_of(signed_weights.begin(), signed_weights.end(), [](std::int32_t w) { return w < 0; });
  const int exact = exact_inputs(d);
  return {d,
          signed_weights,
          ones_offsets,
          largest_offset,
          is_signed,
          d.n_inputs,
          d.n_neurons,
          d.precision,
          exact,
          sc_ones_width(d, is_signed || largest_offset > 0, largest_offset),
          exact_sum_width(d, is_signed),
          cycle_counter_width(d),
          core::register_width(static_cast<std::uint64_t>(d.n_inputs - exact))};
}

// The header comments say how to read the outputs (they are the module's only documentation once it leaves
// the tool), then the port list.
void emit_module_header(std::ostringstream& v, const LayerModule& l, const std::string& module) {
  const LayerDesign& d = l.d;
  v << "// Generated by sc-neurocore emit-verilog; do not edit.\n";
  v << "// SC layer " << l.n << " inputs x " << l.m << " neurons, L = " << d.bitstream_length << ", " << l.b
    << "-bit SNGs, " << effective_weight_bits(d) << "-bit weights, generator "
    << sim::generator_name(d.generator)
    << (sim::uses_polynomial(d.generator)
            ? " (" + sim::polynomial_text(sim::parse_polynomial(d.polynomial)) + ")"
            : "")
    << ", mode " << mode_text(d.mode) << ", " << active_synapses(d) << " of " << l.n * l.m
    << " synapses kept (weight seed " << d.seed << ")"
    << (l.is_signed ? "; signed weights: sc_ones and exact_sum are two's complement" : "") << ".\n";
  if (l.largest_offset > 0)
    v << "// Bias correction: each accumulator starts at minus its neuron's calibrated SC bias (at most "
      << l.largest_offset << " ones), so sc_ones is two's complement.\n";
  v << "// Neuron j's dot product = exact_sum[j] / 2^" << 2 * l.b << " + sc_ones[j] / " << d.bitstream_length
    << "; done rises after " << d.bitstream_length << " cycles.\n";
  v << "module " << (module.empty() ? module_name(d) : module) << " (\n";
  v << "  input  wire clk,\n  input  wire rst,\n";
  v << "  input  wire [" << l.n * l.b - 1 << ":0] x,\n";
  v << "  output wire done,\n";
  v << "  output wire [" << l.m * l.sw - 1 << ":0] sc_ones,\n";
  v << "  output wire [" << l.m * l.ew - 1 << ":0] exact_sum\n);\n";
}

// The cycle counter: it stops at L, which is what `done` reports and what gates every accumulator.
void emit_cycle_counter(std::ostringstream& v, const LayerModule& l) {
  const int cw = l.cw;
  v << "  reg [" << cw - 1 << ":0] cycle;\n";
  v << "  wire running = cycle != " << literal(cw, static_cast<std::uint64_t>(l.d.bitstream_length)) << ";\n";
  v << "  assign done = !running;\n";
  v << "  always @(posedge clk) begin\n";
  v << "    if (rst) cycle <= " << literal(cw, 0) << ";\n";
  v << "    else if (running) cycle <= cycle + " << literal(cw, 1) << ";\n";
  v << "  end\n";
}

// The stochastic number generators, shared across the layer so their cost grows with inputs and distinct
// weights, not with synapses.
void emit_number_generators(std::ostringstream& v, const LayerModule& l) {
  emit_random_source(v, l.d, "rst");
  v << "  // Input SNGs: one comparator per input, shared by every neuron.\n";
  v << "  wire [" << l.n - 1 << ":0] xs;\n";
  for (int i = l.exact; i < l.n; ++i)
    v << "  assign xs[" << i << "] = r_in < x[" << i * l.b + l.b - 1 << ":" << i * l.b << "];\n";
  for (int i = 0; i < l.exact; ++i) v << "  assign xs[" << i << "] = 1'b0;\n";
  // Weight SNGs: one comparator per distinct constant, shared by the synapses that use it.
  std::map<std::uint32_t, int> distinct;
  for (int i = l.exact; i < l.n; ++i)
    for (int j = 0; j < l.m; ++j)
      if (l.weight(i, j) != 0) distinct.emplace(l.weight(i, j), 0);
  v << "  // Weight SNGs: one comparator per distinct weight (" << distinct.size()
    << "), pruned synapses have none.\n";
  for (const auto& [w, unused] : distinct) v << "  wire ws_" << w << " = r_w < " << literal(l.b, w) << ";\n";
}

// A pw-bit wire counting the products that are high this cycle.
void emit_popcount(std::ostringstream& v, int pw, const std::string& name,
                   const std::vector<std::string>& products) {
  v << "  wire [" << pw - 1 << ":0] " << name << " =";
  if (products.empty()) v << " " << literal(pw, 0);
  for (std::size_t k = 0; k < products.size(); ++k) v << (k == 0 ? " " : "\n      + ") << products[k];
  v << ";\n";
}

// Neuron j's SC part: its accumulator adds the popcount of its positive products (and, signed, subtracts that
// of its negative ones) each cycle; a neuron without SC synapses keeps its reset value.
void emit_neuron_accumulator(std::ostringstream& v, const LayerModule& l, int j) {
  std::vector<std::string> positive, negative;
  for (int i = l.exact; i < l.n; ++i)
    if (l.weight(i, j) != 0)
      (l.signed_weight(i, j) < 0 ? negative : positive)
          .push_back("(xs[" + std::to_string(i) + "] & ws_" + std::to_string(l.weight(i, j)) + ")");
  v << "  reg [" << l.sw - 1 << ":0] acc_" << j << ";\n";
  if (positive.empty() && negative.empty()) {
    v << "  always @(posedge clk) acc_" << j << " <= " << l.start(j) << ";\n";
  } else {
    const std::string pop = l.is_signed ? "pos_" : "pop_";
    emit_popcount(v, l.pw, pop + std::to_string(j), positive);
    if (l.is_signed) emit_popcount(v, l.pw, "neg_" + std::to_string(j), negative);
    v << "  always @(posedge clk) begin\n";
    v << "    if (rst) acc_" << j << " <= " << l.start(j) << ";\n";
    v << "    else if (running) acc_" << j << " <= acc_" << j << " + " << pop << j
      << (l.is_signed ? " - neg_" + std::to_string(j) : "") << ";\n";
    v << "  end\n";
  }
  v << "  assign sc_ones[" << j * l.sw + l.sw - 1 << ":" << j * l.sw << "] = acc_" << j << ";\n";
}

// Neuron j's exact part: the exact inputs times their constant weights, summed in one registered expression
// (the first term loses its sign operator; a leading negative term subtracts from zero).
void emit_neuron_exact_sum(std::ostringstream& v, const LayerModule& l, int j) {
  const int b = l.b;
  const int ew = l.ew;
  std::vector<std::pair<bool, std::string>> terms;  // (negative, product)
  for (int i = 0; i < l.exact; ++i)
    if (l.weight(i, j) != 0)
      terms.emplace_back(l.signed_weight(i, j) < 0, "x[" + std::to_string(i * b + b - 1) + ":" +
                                                        std::to_string(i * b) + "] * " +
                                                        literal(b, l.weight(i, j)));
  v << "  reg [" << ew - 1 << ":0] exact_" << j << ";\n";
  v << "  always @(posedge clk) exact_" << j << " <= ";
  if (terms.empty() || terms.front().first) v << literal(ew, 0);
  for (std::size_t k = 0; k < terms.size(); ++k) {
    const bool first = k == 0 && !terms[k].first;
    v << (first ? "" : terms[k].first ? "\n      - " : "\n      + ") << terms[k].second;
  }
  v << ";\n";
  v << "  assign exact_sum[" << j * ew + ew - 1 << ":" << j * ew << "] = exact_" << j << ";\n";
}

}  // namespace

void emit_random_source(std::ostream& v, const LayerDesign& d, const std::string& restart) {
  switch (d.generator) {
    case sim::Generator::kNone:
    case sim::Generator::kLfsr:
    case sim::Generator::kScc:
      emit_lfsr_source(v, d, restart);
      return;
    case sim::Generator::kSobol:
      emit_sobol_source(v, d, restart);
      return;
    case sim::Generator::kHalton:
      emit_halton_source(v, d);
      return;
    case sim::Generator::kRandom:
      return;  // rejected by validate()
  }
}

std::string verilog_literal(int width, std::uint64_t value) { return literal(width, value); }

int cycle_counter_width(const LayerDesign& d) {
  return core::register_width(static_cast<std::uint64_t>(d.bitstream_length));
}

int sc_ones_width(const LayerDesign& d, bool is_signed, std::uint64_t largest_offset) {
  const std::int64_t sc_inputs = d.n_inputs - exact_inputs(d);
  return core::register_width(static_cast<std::uint64_t>(sc_inputs) *
                                  static_cast<std::uint64_t>(d.bitstream_length) +
                              largest_offset) +
         (is_signed ? 1 : 0);
}

std::uint64_t largest_magnitude(const std::vector<std::int64_t>& offsets) {
  std::uint64_t largest = 0;
  for (const std::int64_t v : offsets) largest = std::max(largest, static_cast<std::uint64_t>(std::llabs(v)));
  return largest;
}

int exact_sum_width(const LayerDesign& d, bool is_signed) {
  const std::uint64_t top = (std::uint64_t{1} << d.precision) - 1;
  return core::register_width(static_cast<std::uint64_t>(exact_inputs(d)) * top * top) + (is_signed ? 1 : 0);
}

std::string emit_layer_verilog(const LayerDesign& d, const std::vector<std::uint32_t>& weights) {
  return emit_layer_verilog(d, std::vector<std::int32_t>(weights.begin(), weights.end()));
}

std::string emit_layer_verilog(const LayerDesign& d, const std::vector<std::int32_t>& signed_weights,
                               const std::string& module, const std::vector<std::int64_t>& ones_offsets) {
  validate(d);
  check_weight_counts(d, signed_weights, ones_offsets);
  const LayerModule layer = describe_layer_module(d, signed_weights, ones_offsets);
  std::ostringstream v;
  emit_module_header(v, layer, module);
  emit_cycle_counter(v, layer);
  if (layer.exact < layer.n) emit_number_generators(v, layer);  // only when some input is stochastic
  for (int j = 0; j < layer.m; ++j) {
    v << "  // Neuron " << j << "\n";
    emit_neuron_accumulator(v, layer, j);
    emit_neuron_exact_sum(v, layer, j);
  }
  v << "endmodule\n";
  return v.str();
}

std::string emit_testbench(const LayerDesign& d, const std::vector<std::uint32_t>& inputs) {
  const int n = d.n_inputs;
  const int m = d.n_neurons;
  const int b = d.precision;
  const int sw = sc_ones_width(d);
  const int ew = exact_sum_width(d);
  std::ostringstream v;
  v << "module tb;\n";
  v << "  reg clk = 0, rst = 1;\n  reg [" << n * b - 1 << ":0] x;\n";
  v << "  wire done;\n  wire [" << m * sw - 1 << ":0] sc_ones;\n  wire [" << m * ew - 1 << ":0] exact_sum;\n";
  v << "  " << module_name(d)
    << " dut(.clk(clk), .rst(rst), .x(x), .done(done), .sc_ones(sc_ones), .exact_sum(exact_sum));\n";
  v << "  always #5 clk = !clk;\n  integer j;\n";
  v << "  initial begin\n";
  for (int i = 0; i < n; ++i)
    v << "    x[" << i * b + b - 1 << ":" << i * b
      << "] = " << literal(b, inputs[static_cast<std::size_t>(i)]) << ";\n";
  v << "    @(posedge clk); @(posedge clk); #1 rst = 0;\n";
  v << "    @(posedge clk); #1;\n";
  v << "    while (!done) begin @(posedge clk); #1; end\n";
  v << "    @(posedge clk); #1;\n";
  v << "    for (j = 0; j < " << m << "; j = j + 1)\n";
  v << "      $display(\"neuron %0d %0d %0d\", j, sc_ones[j*" << sw << " +: " << sw << "], exact_sum[j*" << ew
    << " +: " << ew << "]);\n";
  v << "    $finish;\n  end\nendmodule\n";
  return v.str();
}

}  // namespace scn::hw
