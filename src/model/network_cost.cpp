#include "sc_neurocore/model/network_cost.hpp"

#include <algorithm>

#include "sc_neurocore/model/fmax.hpp"

namespace scn::cost {
namespace {

std::int64_t bram_blocks(std::int64_t bits, const Device& device) {
  const auto block = static_cast<std::int64_t>(device.bram_block_kbits * 1024);
  return block > 0 ? (bits + block - 1) / block : 0;
}

void add(PredictedHardware& total, const PredictedHardware& part) {
  total.logic_cells += part.logic_cells;
  total.luts += part.luts;
  total.carry_cells += part.carry_cells;
  total.ffs += part.ffs;
  total.bram_blocks += part.bram_blocks;
}

}  // namespace

NetworkPrediction predict_network(const hw::NetworkDesign& network, const Device& device) {
  const CalibratedModel& model = calibrated_model_for_family(device.family);
  const FmaxModel* fmax = fmax_model_for_family(device.family);
  const SeriesSpeed* speed = fmax ? fmax->speed(device.series) : nullptr;
  NetworkPrediction prediction;
  prediction.model = model.source;
  for (const hw::NetworkLayerDesign& layer : network.layers) {
    const WeightCounts counts = count_weights(layer.design, layer.weights);
    const LayerHardware h = estimate_layer_hardware(layer.design, model, &counts);
    PredictedHardware p{h.logic_cells, h.luts, h.carry_cells, h.ffs, bram_blocks(h.bram_bits, device), 0.0};
    if (fmax && speed) p.fmax_mhz = speed->scale * predict_layer_fmax_mhz(layer.design, h.logic_cells, *fmax);
    add(prediction.design, p);
    if (p.fmax_mhz > 0 && (prediction.design.fmax_mhz == 0 || p.fmax_mhz < prediction.design.fmax_mhz))
      prediction.design.fmax_mhz = p.fmax_mhz;
    prediction.layers.push_back(p);
  }
  add(prediction.design, prediction.glue);
  return prediction;
}

}  // namespace scn::cost
