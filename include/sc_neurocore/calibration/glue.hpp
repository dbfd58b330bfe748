// The fit of the network glue model (model/glue.hpp) to whole emitted networks: reading the CSVs of
// scripts/calibrate network-synthesise, the fit, its report, the generated src/model/calibrated/glue.inc,
// and the library's view of one network that the script compares its measurements with.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "sc_neurocore/hw/network.hpp"
#include "sc_neurocore/model/glue.hpp"

namespace scn::calibration {

// One measured network: its layers' designs (negative_fraction and sparsity of the real weights) and the
// glue measured, whole design less the sum of its layer modules packed alone.
struct NetworkGlueMeasurement {
  std::string network;
  std::vector<hw::LayerDesign> layers;
  // Per layer, what the glue reads of its weights (inputs_used, live_neurons, is_signed), when the CSV has
  // the columns inputs_used and live_neurons; else empty (the glue takes the expectation at the sparsity).
  std::vector<model::WeightCounts> counts;
  double luts = 0, ffs = 0, carries = 0, logic_cells = 0;  // the glue
  double whole_logic_cells = 0;                            // the whole design's, the scale of its error
};

// Reads a CSV of scripts/calibrate network-synthesise (one row per layer, in network order); InputError
// naming the file, the row and the field.
std::vector<NetworkGlueMeasurement> read_network_measurements_csv(const std::string& path);

// The counts of a measured network as network_glue_features takes them (empty when the CSV had none).
std::vector<const model::WeightCounts*> counts_of(const NetworkGlueMeasurement& network);

// Non-negative least squares on the error relative to the whole design (a glue error matters as much as a
// layer's of the same cells).
model::GlueModel fit_glue_model(const std::vector<NetworkGlueMeasurement>& networks,
                                const std::string& source);

// The coefficients as the C++ initialiser of src/model/calibrated/glue.inc.
std::string glue_model_cpp(const model::GlueModel& model, const std::string& command);

// `calibrate --network-glue`: the model of the networks of every file together, its coefficients and
// in-sample error (relative to the whole design) on `report`.
model::GlueModel fit_network_glue(const std::vector<std::string>& csvs, const std::string& source,
                                  std::ostream& report);

// `calibrate --predict-network`: per layer its structure (what the glue fit reads), the layer model of its
// counted weights and its glue; then the whole network's glue and cells (scripts/calibrate network-*).
nlohmann::json network_prediction(const hw::NetworkDesign& net);

}  // namespace scn::calibration
