#include "sc_neurocore/model/energy.hpp"

#include <algorithm>
#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/hw/weights.hpp"
#include "sc_neurocore/model/cells.hpp"
#include "sc_neurocore/model/fmax.hpp"
#include "sc_neurocore/model/glue.hpp"
#include "sc_neurocore/model/power.hpp"
#include "sc_neurocore/model/targets.hpp"

namespace scn::model {
namespace {

void validate(const std::vector<LayerSize>& layer_sizes, const EstimateOptions& options) {
  for (std::size_t i = 0; i < layer_sizes.size(); ++i) {
    const auto& size = layer_sizes[i];
    if (size.n_inputs <= 0 || size.n_neurons <= 0) {
      throw core::InputError("layer " + std::to_string(i) + " size " + std::to_string(size.n_inputs) + "x" +
                             std::to_string(size.n_neurons) + ": n_inputs and n_neurons must be positive");
    }
  }
  if (options.bitstream_length <= 0) {
    throw core::InputError("bitstream length must be positive, got " +
                           std::to_string(options.bitstream_length));
  }
  if (options.clock_mhz && (!(*options.clock_mhz > 0) || !std::isfinite(*options.clock_mhz))) {
    throw core::InputError("clock_mhz must be positive and finite, got " +
                           core::py::float_repr(*options.clock_mhz));
  }
  if (!options.layer_weights.empty() && options.layer_weights.size() != layer_sizes.size())
    throw core::InputError("got weights for " + std::to_string(options.layer_weights.size()) +
                           " layers, the network has " + std::to_string(layer_sizes.size()));
}

LayerEstimate estimate_layer(std::size_t index, const LayerSize& size, const FpgaTarget& target,
                             const EstimateOptions& options) {
  const ModuleCost& neuron = options.event_driven ? module_cost::kEventNeuron : module_cost::kLifNeuron;
  const std::int64_t n_in = size.n_inputs;
  const std::int64_t n_out = size.n_neurons;
  const std::int64_t synapses = n_in * n_out;
  // Popcount MUX tree depth per neuron.
  const std::int64_t mux_tree = std::max<std::int64_t>(
      1, core::py::truncate_to_int(std::log2(static_cast<double>(std::max<std::int64_t>(n_in, 2)))));
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
                           (options.clock_mhz.value_or(100.0) * 1e6) * static_cast<double>(layer.luts) *
                           activity * 1e3;
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

// The default profile's report before any layer: the device, the clock and the budget it is planned at.
EnergyReport grounded_report_frame(const Device& device, double clock, const EstimateOptions& options) {
  EnergyReport report;
  report.target = options.target;
  report.device = device.key;
  report.lut_unit = device.logic_unit;
  report.clock_freq_mhz = clock;
  report.clock_basis = clock_basis(device, options.clock_mhz.has_value());
  report.profile = profile_name(core::Profile::kDefault);
  report.latency_convention = kLatencyConvention;
  report.device_logic_cells = device.logic_cells;
  report.max_utilisation = options.max_utilisation;
  report.logic_cell_budget = logic_cell_ceiling(device, options.max_utilisation);
  return report;
}

hw::LayerDesign grounded_layer_design(std::size_t i, const LayerSize& size, const EstimateOptions& options,
                                      const LayerKnobs& knobs) {
  try {
    return layer_design(size.n_inputs, size.n_neurons, options.bitstream_length, knobs);
  } catch (const core::InputError& e) {
    throw core::InputError("layer " + std::to_string(i) + ": " + e.what());
  }
}

// Layer i's real weights as emit-network quantises them (hw::quantise_layer_weights at the design's precision
// and weight bits), counted.
WeightCounts layer_weight_counts(std::size_t i, const hw::LayerDesign& d, const EstimateOptions& options) {
  const core::WeightArray& w = options.layer_weights[i];
  const std::string where = "layer " + std::to_string(i);
  if (w.shape.size() != 2 || w.shape[0] != static_cast<std::size_t>(d.n_inputs) ||
      w.shape[1] != static_cast<std::size_t>(d.n_neurons))
    throw core::InputError(where + ": weights are not " + std::to_string(d.n_inputs) + "x" +
                           std::to_string(d.n_neurons));
  return count_weights(d, hw::quantise_layer_weights(w, d.precision, hw::effective_weight_bits(d), where));
}

LayerEstimate grounded_layer_estimate(std::size_t i, const LayerSize& size, const EstimateOptions& options,
                                      const LayerKnobs& knobs, const GroundedLayerCost& cost) {
  LayerEstimate layer;
  layer.name = "layer_" + std::to_string(i);
  layer.n_inputs = size.n_inputs;
  layer.n_neurons = size.n_neurons;
  layer.n_synapses = layer.n_inputs * layer.n_neurons;
  layer.bitstream_length = options.bitstream_length;
  layer.luts = cost.luts;
  layer.ffs = cost.ffs;
  layer.carry_cells = cost.carry_cells;
  layer.logic_cells = cost.logic_cells;
  layer.fmax_mhz = cost.fmax_mhz;
  layer.toggles_per_cycle = cost.toggles_per_cycle;
  layer.bram_bits = cost.bram_bits;
  layer.dynamic_power_mw = cost.power_mw;
  layer.latency_cycles = cost.latency_cycles;
  layer.accuracy_score = cost.accuracy_score;
  layer.knobs = knobs;
  return layer;
}

// The network top around the layers (input registers, activations, controller) and the bus infrastructure:
// in the totals, not in any layer's figures, which stay the layer module's own (model/glue.hpp; 0 without a
// glue calibration).
void add_infrastructure_and_glue(EnergyReport& report, const std::vector<hw::LayerDesign>& designs,
                                 const Device& device, const EstimateOptions& options,
                                 const std::vector<WeightCounts>& counts) {
  if (options.include_infra) {
    report.infra_luts = module_cost::kAxiLite.luts;
    if (options.event_driven)
      report.infra_luts += module_cost::kAerEncoder.luts + module_cost::kAerRouter.luts;
  }
  finalise_energy_report(report);
  // The infrastructure's published LUT figure counts as cells too: each of its LUTs takes one.
  report.total_logic_cells += report.infra_luts;
  std::vector<const WeightCounts*> pointers;
  for (const WeightCounts& c : counts) pointers.push_back(&c);
  const LayerHardware glue = network_glue(designs, device.family, pointers);
  report.total_luts += glue.luts;
  report.total_ffs += glue.ffs;
  report.total_carry_cells += glue.carry_cells;
  report.total_logic_cells += glue.logic_cells;
}

// The emitted network runs its layers one after another: its latency is the input words, every layer's
// cycles and the output words (hw::cycles_per_inference, measured by the Icarus tests).
void set_hardware_latency(EnergyReport& report, const std::vector<hw::LayerDesign>& designs) {
  report.total_latency_cycles = network_latency_cycles(designs);
  report.end_to_end_latency_cycles = report.total_latency_cycles;
}

void add_power(EnergyReport& report, const Device& device, double clock) {
  const PowerModel& power = power_model_for(device);
  report.fixed_power_mw = fixed_power_mw(power, device, clock);
  report.total_power_mw = report.total_dynamic_power_mw + report.fixed_power_mw;
  report.power_basis = power.basis;
  report.power_source = power.source;
  report.power_uncertainty_factor = power.uncertainty_factor;
  report.energy_per_inference_nj =
      report.total_power_mw * (static_cast<double>(report.total_latency_cycles) / (clock * 1e6)) * 1e6;
}

void judge_fit_and_clock(EnergyReport& report, const Device& device, double clock,
                         const EstimateOptions& options) {
  report.utilization_pct =
      static_cast<double>(report.total_logic_cells) / static_cast<double>(device.logic_cells) * 100;
  report.fits_on_target =
      report.total_logic_cells <= report.logic_cell_budget && report.total_bram_kb <= device.bram_kbits / 8.0;
  if (report.fmax_mhz > 0 && clock > report.fmax_mhz)
    report.warnings.push_back(std::string(options.clock_mhz ? "requested" : "default") + " clock " +
                              core::py::fixed(clock, 1) + " MHz is above the predicted fmax " +
                              core::py::fixed(report.fmax_mhz, 1) +
                              " MHz of the slowest layer (set --clock-mhz)");
}

// The default profile at `clock`: every layer costed by the grounded model with its knobs, on the catalogue
// device.
EnergyReport estimate_grounded_at(const std::vector<LayerSize>& layer_sizes, const EstimateOptions& options,
                                  const Device& device, double clock) {
  EnergyReport report = grounded_report_frame(device, clock, options);
  double accuracy_sum = 0.0;
  std::vector<hw::LayerDesign> designs;
  std::vector<WeightCounts> counts;
  for (std::size_t i = 0; i < layer_sizes.size(); ++i) {
    const LayerKnobs& knobs = options.layer_knobs.empty() ? options.knobs : options.layer_knobs[i];
    designs.push_back(grounded_layer_design(i, layer_sizes[i], options, knobs));
    if (!options.layer_weights.empty()) counts.push_back(layer_weight_counts(i, designs.back(), options));
    const GroundedLayerCost cost =
        grounded_layer_cost(designs.back(), device, clock, counts.empty() ? nullptr : &counts.back());
    report.hardware_model = cost.hardware_model;
    accuracy_sum += cost.accuracy_score;
    report.total_carry_cells += cost.carry_cells;
    report.total_logic_cells += cost.logic_cells;
    if (cost.fmax_mhz > 0 && (report.fmax_mhz == 0 || cost.fmax_mhz < report.fmax_mhz))
      report.fmax_mhz = cost.fmax_mhz;
    report.layers.push_back(grounded_layer_estimate(i, layer_sizes[i], options, knobs, cost));
  }
  add_infrastructure_and_glue(report, designs, device, options, counts);
  set_hardware_latency(report, designs);
  add_power(report, device, clock);
  report.mean_accuracy = layer_sizes.empty() ? 0.0 : accuracy_sum / static_cast<double>(layer_sizes.size());
  judge_fit_and_clock(report, device, clock, options);
  return report;
}

// Without a requested clock, the design is estimated at the clock it meets (met_clock_mhz of its predicted
// fmax, never above the device's calibrated clock), as plans are made and synth builds them; the layers'
// fmax does not depend on the clock, so one more pass suffices.
EnergyReport estimate_grounded(const std::vector<LayerSize>& layer_sizes, const EstimateOptions& options) {
  if (!options.layer_knobs.empty() && options.layer_knobs.size() != layer_sizes.size()) {
    throw core::InputError("got knobs for " + std::to_string(options.layer_knobs.size()) +
                           " layers, the network has " + std::to_string(layer_sizes.size()));
  }
  const Device& device = model::device(options.target);
  if (options.clock_mhz) return estimate_grounded_at(layer_sizes, options, device, *options.clock_mhz);
  const double cap = default_clock_mhz(device);
  EnergyReport report = estimate_grounded_at(layer_sizes, options, device, cap);
  if (report.fmax_mhz <= 0) return report;
  const double fmax = report.fmax_mhz;
  const double clock = met_clock_mhz(fmax, cap);
  if (clock < cap) report = estimate_grounded_at(layer_sizes, options, device, clock);
  report.clock_basis = met_clock_basis(fmax, cap, clock);
  return report;
}

}  // namespace

EnergyReport estimate(const std::vector<LayerSize>& layer_sizes, const EstimateOptions& options) {
  validate(layer_sizes, options);
  if (options.profile == core::Profile::kDefault) return estimate_grounded(layer_sizes, options);
  const FpgaTarget& target = fpga_target(options.target);
  EnergyReport report;
  report.target = options.target;
  report.clock_freq_mhz = options.clock_mhz.value_or(100.0);
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

}  // namespace scn::model
