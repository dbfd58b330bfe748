// Designs and feature lookups shared by the model's tests and the calibration fits' tests
// (tests/calibration/), which check the same features from the two sides: prediction and fit.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <string>

#include "sc_neurocore/hw/layer_design.hpp"
#include "sc_neurocore/model/glue.hpp"
#include "sc_neurocore/model/grounded_model.hpp"

namespace scn::test {

// Indices of the signed-only cell features (model/cells.hpp's feature order).
inline constexpr std::size_t kSubtractorBits = 13;
inline constexpr std::size_t kNegativeScSynapses = 14;
inline constexpr std::size_t kSignedExactBits = 15;

// A 12 x 5 layer with the given share of negative weights.
inline hw::LayerDesign signed_design(double negative_fraction, double sparsity = 0.3) {
  hw::LayerDesign d;
  d.n_inputs = 12;
  d.n_neurons = 5;
  d.bitstream_length = 64;
  d.precision = 6;
  d.sparsity = sparsity;
  d.seed = 9;
  d.negative_fraction = negative_fraction;
  return d;
}

inline hw::LayerDesign knob_design(int n, int m, int length, int precision, const char* mode = "sc") {
  model::LayerKnobs knobs;
  knobs.precision = precision;
  knobs.mode = mode;
  return model::layer_design(n, m, length, knobs);
}

// The index of a glue feature by name; a test failure when there is none.
inline std::size_t glue_feature(const char* name) {
  const auto& names = model::glue_feature_names();
  for (std::size_t k = 0; k < names.size(); ++k)
    if (std::string(names[k]) == name) return k;
  ADD_FAILURE() << "no glue feature " << name;
  return 0;
}

}  // namespace scn::test
