// The published energy/resource estimator (reference-behaviour §1.5.3–1.5.4).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace scn {

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
  std::int64_t total_latency_cycles = 0;  // sum over layers: layers run one after another
  double energy_per_inference_nj = 0.0;
  bool fits_on_target = false;
  double utilization_pct = 0.0;
};

// Fills the derived fields from target, layers, infra_luts and clock (EnergyReport.__post_init__).
void finalise_energy_report(EnergyReport& report);

struct EstimateOptions {
  std::string target = "ice40";
  std::int64_t bitstream_length = 256;
  std::string neuron_type = "lif";  // accepted and ignored, as published
  bool event_driven = false;
  double clock_mhz = 100.0;
  bool include_infra = true;
};

// Throws InputError for an unknown target (the message lists the valid keys)
// and for non-positive layer sizes, bitstream length or clock.
EnergyReport estimate(const std::vector<LayerSize>& layer_sizes, const EstimateOptions& options = {});

}  // namespace scn
