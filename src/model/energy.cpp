#include "sc_neurocore/energy.hpp"

#include <algorithm>
#include <cmath>

#include "sc_neurocore/error.hpp"
#include "sc_neurocore/pyformat.hpp"
#include "sc_neurocore/targets.hpp"

namespace scn {
namespace {

void validate(const std::vector<LayerSize>& layer_sizes, const EstimateOptions& options) {
  for (std::size_t i = 0; i < layer_sizes.size(); ++i) {
    const auto& size = layer_sizes[i];
    if (size.n_inputs <= 0 || size.n_neurons <= 0) {
      throw InputError("layer " + std::to_string(i) + " size " + std::to_string(size.n_inputs) + "x" +
                       std::to_string(size.n_neurons) + ": n_inputs and n_neurons must be positive");
    }
  }
  if (options.bitstream_length <= 0) {
    throw InputError("bitstream length must be positive, got " + std::to_string(options.bitstream_length));
  }
  if (!(options.clock_mhz > 0) || !std::isfinite(options.clock_mhz)) {
    throw InputError("clock_mhz must be positive and finite, got " + py::float_repr(options.clock_mhz));
  }
}

LayerEstimate estimate_layer(std::size_t index, const LayerSize& size, const FpgaTarget& target,
                             const EstimateOptions& options) {
  const ModuleCost& neuron = options.event_driven ? module_cost::kEventNeuron : module_cost::kLifNeuron;
  const std::int64_t n_in = size.n_inputs;
  const std::int64_t n_out = size.n_neurons;
  const std::int64_t synapses = n_in * n_out;
  // Popcount MUX tree depth per neuron.
  const std::int64_t mux_tree = std::max<std::int64_t>(
      1, py::truncate_to_int(std::log2(static_cast<double>(std::max<std::int64_t>(n_in, 2)))));
  LayerEstimate layer;
  layer.name = "layer_" + std::to_string(index);
  layer.n_inputs = n_in;
  layer.n_neurons = n_out;
  layer.n_synapses = synapses;
  layer.bitstream_length = options.bitstream_length;
  layer.luts = n_out * neuron.luts + synapses * module_cost::kScSynapse.luts +
               n_in * module_cost::kBitstreamEncoder.luts + n_out * mux_tree;
  layer.ffs = n_out * neuron.ffs + n_in * module_cost::kBitstreamEncoder.ffs;
  layer.bram_bits = synapses > 1024 ? synapses * kBramBitsPerWeight : 0;
  layer.latency_cycles = options.bitstream_length + 2;
  const double activity = options.event_driven ? 0.1 : 0.5;
  layer.dynamic_power_mw = target.c_eff_per_lut_ff * 1e-15 * std::pow(target.voltage, 2) *
                           (options.clock_mhz * 1e6) * static_cast<double>(layer.luts) * activity * 1e3;
  return layer;
}

}  // namespace

void finalise_energy_report(EnergyReport& report) {
  report.total_luts = report.infra_luts;
  report.total_ffs = 0;
  std::int64_t bram_bits = 0;
  report.total_dynamic_power_mw = 0.0;
  report.total_latency_cycles = 0;
  for (const auto& layer : report.layers) {
    report.total_luts += layer.luts;
    report.total_ffs += layer.ffs;
    bram_bits += layer.bram_bits;
    report.total_dynamic_power_mw += layer.dynamic_power_mw;
    report.total_latency_cycles += layer.latency_cycles;
  }
  // Python sums LUTs as sum(layer luts) + infra; integer addition is exact either way.
  report.total_bram_kb = static_cast<double>(bram_bits) / 8192;
  report.energy_per_inference_nj =
      report.total_dynamic_power_mw *
      (static_cast<double>(report.total_latency_cycles) / (report.clock_freq_mhz * 1e6)) * 1e6;
  if (const FpgaTarget* target = find_fpga_target(report.target)) {
    report.fits_on_target = report.total_luts <= target->total_luts;
    report.utilization_pct =
        static_cast<double>(report.total_luts) / static_cast<double>(target->total_luts) * 100;
  } else {
    report.fits_on_target = true;
    report.utilization_pct = 0.0;
  }
}

namespace {

// The default profile: every layer costed by the grounded model with its knobs.
EnergyReport estimate_grounded(const std::vector<LayerSize>& layer_sizes, const FpgaTarget& target,
                               const EstimateOptions& options) {
  if (!options.layer_knobs.empty() && options.layer_knobs.size() != layer_sizes.size()) {
    throw InputError("got knobs for " + std::to_string(options.layer_knobs.size()) +
                     " layers, the network has " + std::to_string(layer_sizes.size()));
  }
  EnergyReport report;
  report.target = options.target;
  report.clock_freq_mhz = options.clock_mhz;
  report.profile = profile_name(Profile::kDefault);
  report.latency_convention = kLatencyConvention;
  double accuracy_sum = 0.0;
  for (std::size_t i = 0; i < layer_sizes.size(); ++i) {
    const LayerKnobs& knobs = options.layer_knobs.empty() ? options.knobs : options.layer_knobs[i];
    hw::LayerDesign design;
    try {
      design =
          layer_design(layer_sizes[i].n_inputs, layer_sizes[i].n_neurons, options.bitstream_length, knobs);
    } catch (const InputError& e) {
      throw InputError("layer " + std::to_string(i) + ": " + e.what());
    }
    const GroundedLayerCost cost = grounded_layer_cost(design, target, options.clock_mhz);
    LayerEstimate layer;
    layer.name = "layer_" + std::to_string(i);
    layer.n_inputs = layer_sizes[i].n_inputs;
    layer.n_neurons = layer_sizes[i].n_neurons;
    layer.n_synapses = layer.n_inputs * layer.n_neurons;
    layer.bitstream_length = options.bitstream_length;
    layer.luts = cost.luts;
    layer.ffs = cost.ffs;
    layer.bram_bits = cost.bram_bits;
    layer.dynamic_power_mw = cost.power_mw;
    layer.latency_cycles = cost.latency_cycles;
    layer.accuracy_score = cost.accuracy_score;
    layer.knobs = knobs;
    report.hardware_model = cost.hardware_model;
    accuracy_sum += cost.accuracy_score;
    report.layers.push_back(std::move(layer));
  }
  if (options.include_infra) {
    report.infra_luts = module_cost::kAxiLite.luts;
    if (options.event_driven)
      report.infra_luts += module_cost::kAerEncoder.luts + module_cost::kAerRouter.luts;
  }
  finalise_energy_report(report);
  report.end_to_end_latency_cycles = report.total_latency_cycles;
  report.total_latency_cycles = 0;
  for (const auto& layer : report.layers)
    report.total_latency_cycles = std::max(report.total_latency_cycles, layer.latency_cycles);
  report.energy_per_inference_nj =
      report.total_dynamic_power_mw *
      (static_cast<double>(report.total_latency_cycles) / (options.clock_mhz * 1e6)) * 1e6;
  report.mean_accuracy = layer_sizes.empty() ? 0.0 : accuracy_sum / static_cast<double>(layer_sizes.size());
  report.fits_on_target = report.total_luts <= target.total_luts &&
                          report.total_bram_kb <= static_cast<double>(target.total_bram_kb);
  return report;
}

}  // namespace

EnergyReport estimate(const std::vector<LayerSize>& layer_sizes, const EstimateOptions& options) {
  const FpgaTarget& target = fpga_target(options.target);
  validate(layer_sizes, options);
  if (options.profile == Profile::kDefault) return estimate_grounded(layer_sizes, target, options);
  EnergyReport report;
  report.target = options.target;
  report.clock_freq_mhz = options.clock_mhz;
  for (std::size_t i = 0; i < layer_sizes.size(); ++i)
    report.layers.push_back(estimate_layer(i, layer_sizes[i], target, options));
  if (options.include_infra) {
    report.infra_luts = module_cost::kAxiLite.luts;
    if (options.event_driven)
      report.infra_luts += module_cost::kAerEncoder.luts + module_cost::kAerRouter.luts;
  }
  finalise_energy_report(report);
  return report;
}

}  // namespace scn
