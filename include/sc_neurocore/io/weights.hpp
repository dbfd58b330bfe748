// Weight files for `fit`: NumPy .npy (little-endian float32/float64, C order)
// and JSON nested lists; plus seeded random weights and .npy output.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sc_neurocore/core/weight_array.hpp"
#include "sc_neurocore/model/energy.hpp"

namespace scn::io {

// One array from a .npy file. InputError naming the file for a bad header,
// an unsupported dtype or order, a size mismatch, or a non-finite value.
core::WeightArray load_npy(const std::filesystem::path& path);
std::string npy_bytes(const core::WeightArray& array);  // format version 1.0
void save_npy(const std::filesystem::path& path, const core::WeightArray& array);

// A JSON file holding one matrix ([[...], ...]) or a list of matrices.
std::vector<core::WeightArray> load_json_weights(const std::filesystem::path& path);

// Every file in order (.npy -> one array; .json -> one or more).
std::vector<core::WeightArray> load_weight_files(const std::vector<std::filesystem::path>& paths);

// Standard-normal weights, n_inputs x n_neurons per layer, drawn with CPython's
// random.Random(seed).gauss(0, 1) in row-major order, layer after layer.
std::vector<core::WeightArray> random_weights(const std::vector<model::LayerSize>& layer_sizes,
                                              std::int64_t seed);

}  // namespace scn::io
