#include "sc_neurocore/calibration/layer_rows.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/sim/characterise.hpp"

namespace scn::calibration {

LayerRows read_layer_rows(const std::string& path) {
  std::istringstream lines(core::read_utf8_text_file(path));
  std::string line;
  std::getline(lines, line);
  LayerRows rows{path, core::read_csv_header(line, path), {}, {}};
  int number = 1;
  while (std::getline(lines, line)) {
    ++number;
    if (line.empty()) continue;
    auto cells = core::split_csv_line(line);
    if (cells.size() != rows.header.names.size())
      throw core::InputError(path + ": row " + std::to_string(number) + " has " +
                             std::to_string(cells.size()) + " fields, the header " +
                             std::to_string(rows.header.names.size()));
    rows.cells.push_back(std::move(cells));
    rows.lines.push_back(number);
  }
  return rows;
}

double row_number(const LayerRows& rows, std::size_t row, std::size_t column) {
  const std::string& text = rows.cells[row][column];
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(v)) throw std::invalid_argument("trailing");
    return v;
  } catch (const std::exception&) {
    throw core::InputError(rows.path + ": row " + std::to_string(rows.lines[row]) + ", field '" +
                           rows.header.names[column] + "': not a number: '" + text + "'");
  }
}

hw::LayerDesign row_design(const LayerRows& rows, std::size_t row) {
  const core::CsvHeader& h = rows.header;
  auto number = [&](const char* name) { return row_number(rows, row, h.column(name)); };
  auto text = [&](const char* name) { return rows.cells[row][h.column(name)]; };
  hw::LayerDesign d;
  d.n_inputs = static_cast<int>(number("n_inputs"));
  d.n_neurons = static_cast<int>(number("n_neurons"));
  d.bitstream_length = static_cast<int>(number("bitstream_length"));
  d.precision = static_cast<int>(number("precision"));
  d.weight_bits = static_cast<int>(number("weight_bits"));
  d.generator = sim::parse_generator(text("generator"));
  d.polynomial = text("polynomial");
  d.mode = sim::parse_mode_text(text("mode"));
  d.sparsity = number("sparsity");
  d.seed = static_cast<std::uint64_t>(number("seed"));
  // Signed sweeps name each layer's share of negative synapses; older CSVs have no column (unsigned).
  if (h.has("negative_fraction")) d.negative_fraction = number("negative_fraction");
  // Folded sweeps name each layer's lanes and weight memory; neuron_lanes 0 (or no column) is a spatial
  // layer.
  if (h.has("neuron_lanes") && number("neuron_lanes") > 0) {
    d.fold.neuron_lanes = static_cast<int>(number("neuron_lanes"));
    d.fold.input_lanes = static_cast<int>(number("input_lanes"));
    d.fold.memory = hw::weight_memory_of_name(text("weight_memory"),
                                              rows.path + ": row " + std::to_string(rows.lines[row]) + ":");
    // Sweeps of first layers name whether the inputs sit in block RAM (1) or a register (0, or no column).
    d.fold.input_memory = h.has("input_memory") && number("input_memory") != 0;
  }
  try {
    hw::validate(d);
  } catch (const core::InputError& e) {
    throw core::InputError(rows.path + ": row " + std::to_string(rows.lines[row]) + ": " + e.what());
  }
  return d;
}

}  // namespace scn::calibration
