// The predicted hardware of a whole emitted network (hw/network.hpp): every
// layer by the calibrated layer model with its real weights, plus the glue
// of the top (model/glue.hpp when calibrated), and the design's fmax as its
// slowest layer's. What `synth` compares the tools' measurements with.
#pragma once

#include <string>
#include <vector>

#include "sc_neurocore/hw/network.hpp"
#include "sc_neurocore/model/cells.hpp"
#include "sc_neurocore/model/devices.hpp"

namespace scn::model {

struct PredictedHardware {
  std::int64_t logic_cells = 0;  // the device's logic unit
  std::int64_t luts = 0;
  std::int64_t carry_cells = 0;
  std::int64_t ffs = 0;
  std::int64_t bram_blocks = 0;
  std::int64_t spram_blocks = 0;  // SB_SPRAM256KA (model/memory_blocks.hpp, spram_blocks)
  double fmax_mhz = 0.0;          // 0 = the family has no fmax calibration
};

struct NetworkPrediction {
  std::vector<PredictedHardware> layers;  // network order
  PredictedHardware glue;                 // the top's registers, activations and control
  PredictedHardware design;               // layers + glue
  std::string model;                      // the calibrations used
};

NetworkPrediction predict_network(const hw::NetworkDesign& network, const Device& device);

}  // namespace scn::model
