// The rows of a layer-configuration CSV (scripts/calibrate sample) and of the measurement CSVs built on it:
// the header, every non-empty row's cells and line, and each row's layer as the hardware generator builds it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sc_neurocore/core/csv.hpp"
#include "sc_neurocore/hw/layer_design.hpp"

namespace scn::calibration {

struct LayerRows {
  std::string path;
  core::CsvHeader header;
  std::vector<std::vector<std::string>> cells;  // one per non-empty row, header.names.size() cells each
  std::vector<int> lines;                       // the file line of each row (the header is line 1)
};

// InputError naming the file and the row when a row has another number of fields than the header.
LayerRows read_layer_rows(const std::string& path);

// The cell of `column` in row `row` as a finite number; InputError naming the file, the row and the field.
double row_number(const LayerRows& rows, std::size_t row, std::size_t column);

// The layer of a row: n_inputs, n_neurons, bitstream_length, precision, weight_bits, generator, polynomial,
// mode, sparsity, seed and, when the file has the columns, negative_fraction and the fold (neuron_lanes,
// input_lanes, weight_memory); validated (InputError naming
// the file and the row).
hw::LayerDesign row_design(const LayerRows& rows, std::size_t row);

}  // namespace scn::calibration
