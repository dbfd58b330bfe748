// Signed layers in the calibration fit: signed rows fit the signed-only features after the unsigned rows
// fitted the rest, so they never move the unsigned model (calibration/cells.hpp).
#include <gtest/gtest.h>

#include "model/model_fixtures.hpp"
#include "sc_neurocore/calibration/cells.hpp"
#include "sc_neurocore/hw/layer_design.hpp"
#include "sc_neurocore/hw/verilog.hpp"
#include "test_util.hpp"

namespace scn::calibration {
namespace {
using namespace scn::model;  // the cell features and model the fit fills in

using test::kNegativeScSynapses;
using test::kSignedExactBits;
using test::kSubtractorBits;
using test::signed_design;

TEST(SignedFit, SignedRowsFitTheSignedFeaturesAndLeaveTheUnsignedModelAlone) {
  CellFeatures truth{};
  truth[0] = 20.0;                   // constant
  truth[3] = 1.5;                    // per SC synapse
  truth[4] = 0.7;                    // per accumulator bit
  truth[kSubtractorBits] = 0.9;      // per subtractor bit
  truth[kNegativeScSynapses] = 0.8;  // per negative SC synapse
  std::vector<Measurement> unsigned_rows, rows;
  for (int k = 0; k < 40; ++k) {
    Measurement m;
    m.design = signed_design(0.0, 0.1 * (k % 5));
    m.design.n_inputs = 3 + k % 11;
    m.design.n_neurons = 1 + k % 7;
    m.design.bitstream_length = 16 << (k % 6);
    m.design.seed = static_cast<std::uint64_t>(k);
    const WeightCounts counts = seeded_weight_counts(m.design);  // what the fit counts
    const CellFeatures f = cell_features(m.design, "ice40", &counts);
    m.logic_cells = 0;
    for (std::size_t c = 0; c < kCellFeatureCount; ++c) m.logic_cells += truth[c] * f[c];
    m.luts = m.ffs = m.carries = m.logic_cells / 2;
    unsigned_rows.push_back(m);
    rows.push_back(m);
    Measurement signed_row = m;
    signed_row.design.negative_fraction = 0.3 + 0.1 * (k % 4);
    const WeightCounts signed_counts = seeded_weight_counts(signed_row.design);
    const CellFeatures g = cell_features(signed_row.design, "ice40", &signed_counts);
    signed_row.logic_cells = 0;
    for (std::size_t c = 0; c < kCellFeatureCount; ++c) signed_row.logic_cells += truth[c] * g[c];
    if (hw::negative_synapses(signed_row.design) > 0) rows.push_back(signed_row);
  }
  const CalibratedModel alone = fit_calibrated_model(unsigned_rows, "ice40", "synthetic");
  const CalibratedModel both = fit_calibrated_model(rows, "ice40", "synthetic");
  for (std::size_t c = 0; c < kCellFeatureCount; ++c) {
    if (c < kSubtractorBits || c > kSignedExactBits) {
      EXPECT_EQ(both.cells[c], alone.cells[c]) << c;
    }
  }
  for (const auto& row : rows) {
    const WeightCounts counts = seeded_weight_counts(row.design);
    const auto predicted = estimate_layer_hardware(row.design, both, &counts).logic_cells;
    EXPECT_NEAR(static_cast<double>(predicted), row.logic_cells, 1.0 + 1e-6 * row.logic_cells);
  }
}

}  // namespace
}  // namespace scn::calibration
