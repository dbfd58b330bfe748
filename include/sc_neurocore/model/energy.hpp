// The energy/resource estimator: the published one (reference profile,
// docs/reference-behaviour.md §1.5.3–1.5.4) and the grounded one (default profile:
// grounded_model.hpp) behind one entry point.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sc_neurocore/core/profile.hpp"
#include "sc_neurocore/core/types.hpp"
#include "sc_neurocore/core/weight_array.hpp"
#include "sc_neurocore/model/grounded_model.hpp"

namespace scn::model {

// (n_inputs, n_neurons) of one dense layer.
struct LayerSize {
  std::int64_t n_inputs = 0;
  std::int64_t n_neurons = 0;
  bool operator==(const LayerSize&) const = default;
};

struct LayerEstimate {
  std::string name;
  std::int64_t n_inputs = 0;
  std::int64_t n_neurons = 0;
  std::int64_t n_synapses = 0;
  std::int64_t bitstream_length = 0;
  std::int64_t luts = 0;
  std::int64_t ffs = 0;
  std::int64_t bram_bits = 0;
  double dynamic_power_mw = 0.0;
  std::int64_t latency_cycles = 0;
  // Default profile only:
  double accuracy_score = 0.0;  // characterised SC accuracy of the layer's dot products
  LayerKnobs knobs{};           // the knobs the layer was costed with
  std::int64_t carry_cells = 0;
  std::int64_t logic_cells = 0;    // in the device's logic unit (EnergyReport::lut_unit)
  double fmax_mhz = 0.0;           // predicted after placement; 0 = no fmax calibration for the family
  double toggles_per_cycle = 0.0;  // simulated switching activity the power figure comes from
};

struct EnergyReport {
  std::string target;
  std::vector<LayerEstimate> layers;
  std::int64_t infra_luts = 0;
  double clock_freq_mhz = 100.0;
  // Derived (computed by finalise_energy_report):
  std::int64_t total_luts = 0;
  std::int64_t total_ffs = 0;
  double total_bram_kb = 0.0;
  double total_dynamic_power_mw = 0.0;
  // Reference: the sum over layers (as published); default: the emitted network's cycles per inference, its
  // input and output words included (grounded_model.hpp).
  std::int64_t total_latency_cycles = 0;
  double energy_per_inference_nj = 0.0;
  bool fits_on_target = false;
  double utilization_pct = 0.0;
  // Default profile only:
  std::string profile = "reference";
  std::string latency_convention = "sequential";  // both: the layers run one after another
  std::int64_t end_to_end_latency_cycles = 0;     // default profile: total_latency_cycles
  std::string hardware_model{};                   // the calibration the LUT/FF figures come from
  double mean_accuracy = 0.0;                     // mean accuracy_score over layers
  std::string device{};                           // catalogue key the estimate is for
  std::string lut_unit{};                         // the unit that decides fitting: ICESTORM_LC, LUT4, ...
  std::int64_t total_carry_cells = 0;
  std::int64_t total_logic_cells = 0;
  std::int64_t device_logic_cells = 0;
  double max_utilisation = 0.0;        // the routable margin fits_on_target keeps
  std::int64_t logic_cell_budget = 0;  // floor(max_utilisation x device_logic_cells)
  double fmax_mhz = 0.0;               // the slowest layer's predicted fmax (0 = not calibrated)
  std::string clock_basis{};           // "requested" or where the default clock comes from
  double fixed_power_mw = 0.0;         // static + clock tree: the design's, not a layer's
  double total_power_mw = 0.0;         // layers' dynamic + fixed
  std::string power_basis{};
  std::string power_source{};
  double power_uncertainty_factor = 0.0;
  std::vector<std::string> warnings{};
};

// Fills the derived fields from target, layers, infra_luts and clock (EnergyReport.__post_init__).
void finalise_energy_report(EnergyReport& report);

struct EstimateOptions {
  std::string target = "ice40";
  std::int64_t bitstream_length = 256;
  std::string neuron_type = "lif";  // accepted and ignored, as published
  bool event_driven = false;
  // Reference: 100 MHz when not given. Default: the device's calibrated clock when not given.
  std::optional<double> clock_mhz{};
  bool include_infra = true;
  // reference: the published estimator (ignores the knobs below);
  // default: the grounded model, per layer with `knobs` (or `layer_knobs[i]` when given).
  core::Profile profile = core::Profile::kReference;
  LayerKnobs knobs{};
  std::vector<LayerKnobs> layer_knobs{};
  // Default profile: per layer its real weights (n_inputs x n_neurons), counted as emit-network quantises
  // them at the layer's precision and weight bits, as plans count theirs (signs, zeros, distinct
  // comparators); empty: the knobs' expectation over random weights.
  std::vector<core::WeightArray> layer_weights{};
  double max_utilisation = core::kDefaultMaxUtilisation;
};

// Throws InputError for an unknown target (the message lists the valid keys),
// for non-positive layer sizes, bitstream length or clock, and (default
// profile) for invalid knobs, naming the layer and the knob.
EnergyReport estimate(const std::vector<LayerSize>& layer_sizes, const EstimateOptions& options = {});

}  // namespace scn::model
