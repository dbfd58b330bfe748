#include "sc_neurocore/model/network_cost.hpp"

#include <algorithm>

#include "sc_neurocore/model/fmax.hpp"
#include "sc_neurocore/model/glue.hpp"
#include "sc_neurocore/model/memory_blocks.hpp"

namespace scn::model {
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
  total.spram_blocks += part.spram_blocks;
}

}  // namespace

NetworkPrediction predict_network(const hw::NetworkDesign& network, const Device& device) {
  const CalibratedModel& model = calibrated_model_for_family(device.family);
  const FmaxModel* fmax = fmax_model_for_family(device.family);
  const SeriesSpeed* speed = fmax ? fmax->speed(device.series) : nullptr;
  NetworkPrediction prediction;
  prediction.model = model.source;
  std::vector<hw::LayerDesign> designs;
  std::vector<WeightCounts> all_counts;
  all_counts.reserve(network.layers.size());
  for (const hw::NetworkLayerDesign& layer : network.layers) {
    designs.push_back(layer.design);
    all_counts.push_back(count_weights(layer.design, layer.weights));
    const WeightCounts& counts = all_counts.back();
    const LayerHardware h = estimate_layer_hardware(layer.design, model, &counts);
    PredictedHardware p{h.logic_cells,
                        h.luts,
                        h.carry_cells,
                        h.ffs,
                        bram_blocks(h.bram_bits, device),
                        spram_blocks(layer.design),
                        0.0};
    if (fmax && speed) p.fmax_mhz = speed->scale * predict_layer_fmax_mhz(layer.design, h.logic_cells, *fmax);
    add(prediction.design, p);
    if (p.fmax_mhz > 0 && (prediction.design.fmax_mhz == 0 || p.fmax_mhz < prediction.design.fmax_mhz))
      prediction.design.fmax_mhz = p.fmax_mhz;
    prediction.layers.push_back(p);
  }
  // The top's registers, activations and control (model/glue.hpp): what the plan counts beyond its layers.
  std::vector<const WeightCounts*> counts;
  for (const WeightCounts& c : all_counts) counts.push_back(&c);
  const LayerHardware glue = network_glue(designs, device.family, counts);
  prediction.glue = {glue.logic_cells, glue.luts, glue.carry_cells, glue.ffs, 0, 0, 0.0};
  add(prediction.design, prediction.glue);
  return prediction;
}

}  // namespace scn::model
