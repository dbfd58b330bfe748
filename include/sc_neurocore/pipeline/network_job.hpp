// What `emit-network` and `simulate` do, for the CLI and Python alike: load a
// network manifest, a plan and optional weights into a NetworkDesign, write
// the generated folder, and simulate the network on input vectors.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sc_neurocore/hw/network.hpp"

namespace scn::pipeline {

struct NetworkSources {
  std::filesystem::path network;               // the manifest (shapes: n_inputs / n_neurons)
  std::filesystem::path plan;                  // per-layer knobs (io/plan.hpp)
  std::vector<std::filesystem::path> weights;  // .npy per layer or JSON list of matrices; empty = seeded
  std::uint64_t seed = 1;                      // of the seeded weights (layer i uses seed + i)
  // Input vectors (JSON, reals in [0, 1]) that set the activation shifts; empty = 256 seeded vectors.
  std::filesystem::path calibration;
};

// The same, in memory (the Python API): the manifest and plan as JSON values, the weights as arrays.
struct NetworkInputs {
  nlohmann::json network;
  std::string network_source = "network";
  nlohmann::json plan;
  std::string plan_source = "plan";
  std::vector<core::WeightArray> weights;  // empty = seeded
  std::string weights_source = "weights";
  std::uint64_t seed = 1;
  std::vector<std::vector<double>> calibration;  // empty = seeded
};

// The design of the sources. A layer without n_inputs / n_neurons takes its shape from its weight matrix,
// else the square guess of its mac_count (which rarely chains: the error says to give the shape).
hw::NetworkDesign network_design(const NetworkInputs& inputs);
hw::NetworkDesign load_network_design(const NetworkSources& sources);

// The folder of emit-network: sc_network.v, tb_sc_network.v, manifest.json (written atomically).
void write_network_folder(const hw::NetworkDesign& design, const std::filesystem::path& out,
                          const std::string& tool_version);

struct LayerAccuracy {
  std::string id;
  // The characterisation's accuracy_score of the layer's knobs and shape, for operands on the hardware's
  // grid (the exact reference is the integer computation, as below).
  double predicted_score = 0.0;
  // The same definition on the given inputs: 1 - RMSE(num) / std(exact num), over neurons and vectors.
  double measured_score = 0.0;
  double noise_share = 0.0;  // the random part of the accumulator's MSE, noise_rmse^2 / rmse^2 (0 if exact)
  double snr_db = 0.0;       // 10 log10(var(exact num) / MSE(num))
  double rmse = 0.0;         // decoded outputs of the SC network against the exact network, real units
  double bias = 0.0;         // mean of (SC - exact) of the decoded outputs
};

struct NetworkSimulation {
  std::vector<std::vector<std::uint32_t>> inputs;  // layer 0's integers, per vector
  std::vector<std::vector<std::int64_t>> raw;      // the last layer's output words, per vector
  std::vector<std::vector<double>> outputs;        // raw decoded
  std::vector<std::vector<double>> exact;          // the exact network's decoded outputs
  std::vector<LayerAccuracy> layers;
  std::int64_t synapse_bit_ops = 0;  // per inference
};

// Reals in [0, 1], one vector per row; InputError "<source>: vector <v> ..." for a wrong length, a value
// outside [0, 1] or not a number.
std::vector<std::vector<double>> input_vectors_from_json(const nlohmann::json& inputs,
                                                         const std::string& source, std::size_t n_inputs);

NetworkSimulation simulate_network(const hw::NetworkDesign& design,
                                   const std::vector<std::vector<double>>& inputs);

nlohmann::json simulation_json(const NetworkSimulation& simulation);

// Accuracy on the user's data (docs/network.md). `reference`: the float network's outputs, one vector of
// finite reals per input vector, the last layer's width; adds "end_to_end" {"sc", "exact"}: each the error
// statistics (rmse, bias, noise_rmse, snr_db, accuracy_score = 1 - RMSE / std(reference)) of that network's
// decoded outputs against the reference. `labels`: one class index per input vector; adds "task_accuracy"
// {"sc", "exact", "vectors"}: the share of vectors whose argmax output is the label. Either may be null.
// InputError "<source>: ..." naming the vector and the element for a wrong count, width or value.
void add_accuracy_on_data(nlohmann::json& result, const NetworkSimulation& simulation,
                          const nlohmann::json* reference, const std::string& reference_source,
                          const nlohmann::json* labels, const std::string& labels_source);
// The testbench's files: one line per vector.
std::string hex_inputs(const hw::NetworkDesign& design, const NetworkSimulation& simulation);
std::string hex_outputs(const hw::NetworkDesign& design, const NetworkSimulation& simulation);

}  // namespace scn::pipeline
