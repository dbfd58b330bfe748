#include "sc_neurocore/model/glue.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "linear_model.hpp"
#include "sc_neurocore/core/bits.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/hw/folded_layer.hpp"
#include "sc_neurocore/hw/verilog.hpp"

namespace scn::model {
namespace {

const std::vector<GlueModel> kGlueModels = {
#include "calibrated/glue.inc"
};

// The planner calls this per candidate: no allocation (the model name is left to network_glue). Not clamped
// at 0: the glue is what the whole design takes beyond its layer modules packed alone, and a signed layer's
// share is negative when its saving outweighs its registers and activations (measured: whole - layers of
// -291 to +786 cells on trained networks).
LayerHardware hardware_of(const GlueFeatures& f, const GlueModel* model) {
  LayerHardware out;
  if (model == nullptr) return out;
  out.luts = std::llround(dot(model->luts, f));
  out.ffs = std::llround(dot(model->ffs, f));
  out.carry_cells = std::llround(dot(model->carries, f));
  out.logic_cells = std::llround(dot(model->logic_cells, f));
  return out;
}

void add(LayerHardware& total, const LayerHardware& part) {
  total.luts += part.luts;
  total.ffs += part.ffs;
  total.carry_cells += part.carry_cells;
  total.logic_cells += part.logic_cells;
}

// The counters that stage a first layer's inputs into its input memory (hw/network_verilog.cpp,
// emit_input_staging): the lane, the slice and its write address, the write enable.
double input_staging_counter_bits(const hw::LayerDesign& d) {
  const auto slices = static_cast<std::uint64_t>(hw::fold_shape(d, false).input_slices);
  return core::register_width(static_cast<std::uint64_t>(d.fold.input_lanes - 1)) +
         2.0 * core::register_width(slices - 1) + 1.0;
}

}  // namespace

const std::array<const char*, kGlueFeatureCount>& glue_feature_names() {
  static const std::array<const char*, kGlueFeatureCount> names = {
      "input_register_bits",   "first_input_register_bits", "activation_bits", "clamp_bits",
      "hybrid_num_adder_bits", "hybrid_multiplier_bits",    "layers",          "constant",
      "output_register_bits",  "signed_layer_synapses"};
  return names;
}

GlueFeatures layer_glue_features(const hw::LayerDesign& d, bool first_layer, const WeightCounts* weights) {
  const double n = d.n_inputs, m = d.n_neurons, b = d.precision;
  const bool is_signed = is_signed_layer(d, weights);
  const bool sc = hw::exact_inputs(d) < d.n_inputs;
  const bool exact = hw::exact_inputs(d) > 0;
  // Synthesis removes the register of an input no synapse reads and the activation of a neuron without a
  // synapse (a constant): the counts of real weights, else the expectation at the design's sparsity. A folded
  // layer's input multiplexer reads every input, whatever its weights (they sit in a memory).
  const double inputs_read = d.fold.folded() ? n
                             : weights       ? static_cast<double>(weights->inputs_used)
                                             : n * (1.0 - std::pow(d.sparsity, m));
  const double live =
      weights ? static_cast<double>(weights->live_neurons) : m * (1.0 - std::pow(d.sparsity, n));
  GlueFeatures f{};
  // x_i: n b-bit registers the controller loads (layer 0: a shift register of the input words, every stage
  // of which passes the words on).
  // Inputs in block RAM (Fold::input_memory): the register that stages a slice's words (SIMD x b), loaded as
  // an input register is, and its lane, slice and write-address counters and write enable; the memory itself
  // is the folded layer's (model/folded_cells).
  const bool input_memory = d.fold.folded() && d.fold.input_memory;
  f[0] = input_memory ? static_cast<double>(d.fold.input_lanes) * b + input_staging_counter_bits(d)
                      : inputs_read * b;
  f[1] = first_layer && !input_memory ? n * b : 0.0;
  // Per neuron: the clamp's output multiplexer (b bits) and the test of the num bits above them.
  f[2] = live * b;
  // A bias-corrected layer's ones are signed: the clamp tests one bit more.
  f[3] =
      live * (sc ? hw::sc_ones_width(d, is_signed || d.bias_corrected) : hw::exact_sum_width(d, is_signed));
  // Hybrid: num = exact_sum * L + (sc_ones << 2b) adds the two parts (SC alone: a shift, no logic), and the
  // constant multiplication by L takes an adder of the product's width per set bit of L after the first
  // (L = 300 = 256 + 32 + 8 + 4: three). Measured: about a cell per bit (docs/hardware.md, "Network glue").
  const double product_bits =
      hw::exact_sum_width(d, is_signed) + core::real_register_width(d.bitstream_length);
  f[4] = sc && exact ? live * product_bits : 0.0;
  f[5] = sc && exact ? live * (std::popcount(static_cast<unsigned>(d.bitstream_length)) - 1) * product_bits
                     : 0.0;
  f[6] = 1.0;  // the layer's reset pulse and its done in the controller's multiplexer
  // A saving, hence negative (the fit keeps coefficients >= 0): a signed layer's logic packs smaller inside
  // the whole design than its module alone, by an amount that grows with its SC synapses (measured on
  // trained and trained-like networks: docs/hardware.md, "Trained networks").
  const double sc_synapses = weights ? static_cast<double>(weights->sc_synapses) : hw::active_sc_synapses(d);
  f[9] = is_signed && !d.fold.folded() ? -sc_synapses : 0.0;  // a folded layer has no logic per synapse
  return f;
}

GlueFeatures network_glue_fixed_features(std::size_t layers, int last_neurons, int last_precision) {
  GlueFeatures f{};
  f[7] = layers > 0 ? 1.0 : 0.0;  // FSM, word and layer counters, handshakes
  f[8] = layers > 0 ? static_cast<double>(last_neurons) * (last_precision + 1) : 0.0;  // y
  return f;
}

const GlueModel* glue_model_for_family(std::string_view family) {
  for (const auto& model : kGlueModels)
    if (model.family == family) return &model;
  return nullptr;
}

LayerHardware layer_glue(const hw::LayerDesign& d, bool first_layer, std::string_view family,
                         const WeightCounts* weights) {
  return hardware_of(layer_glue_features(d, first_layer, weights), glue_model_for_family(family));
}

LayerHardware network_glue_fixed(std::size_t layers, int last_neurons, int last_precision,
                                 std::string_view family) {
  return hardware_of(network_glue_fixed_features(layers, last_neurons, last_precision),
                     glue_model_for_family(family));
}

LayerHardware network_glue(const std::vector<hw::LayerDesign>& layers, std::string_view family,
                           const std::vector<const WeightCounts*>& weights) {
  LayerHardware total;
  if (layers.empty()) return total;
  for (std::size_t i = 0; i < layers.size(); ++i)
    add(total, layer_glue(layers[i], i == 0, family, weights.empty() ? nullptr : weights[i]));
  add(total, network_glue_fixed(layers.size(), layers.back().n_neurons, layers.back().precision, family));
  if (const GlueModel* model = glue_model_for_family(family)) total.model = "glue (" + model->source + ")";
  return total;
}

GlueFeatures network_glue_features(const std::vector<hw::LayerDesign>& layers,
                                   const std::vector<const WeightCounts*>& weights) {
  GlueFeatures total{};
  auto accumulate = [&](const GlueFeatures& f) {
    for (std::size_t k = 0; k < kGlueFeatureCount; ++k) total[k] += f[k];
  };
  for (std::size_t i = 0; i < layers.size(); ++i)
    accumulate(layer_glue_features(layers[i], i == 0, weights.empty() ? nullptr : weights[i]));
  accumulate(network_glue_fixed_features(layers.size(), layers.back().n_neurons, layers.back().precision));
  return total;
}

}  // namespace scn::model
