// The calibration fits (calibration/cells.hpp, calibration/fmax.hpp) recover known coefficients from
// measurements that follow them exactly, and refuse too few rows.
#include <gtest/gtest.h>

#include <cmath>

#include "sc_neurocore/calibration/cells.hpp"
#include "sc_neurocore/calibration/fmax.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/model/grounded_model.hpp"
#include "test_util.hpp"

namespace scn::calibration {
namespace {
using namespace scn::model;  // the models the fits fill in

std::vector<hw::LayerDesign> sweep_designs() {
  std::vector<hw::LayerDesign> designs;
  const char* generators[] = {"none", "lfsr", "sobol", "halton", "scc"};
  const char* modes[] = {"sc", "hybrid"};
  int k = 0;
  for (int n : {3, 8, 17, 40})
    for (int m : {1, 4, 11})
      for (int length : {32, 300, 2048}) {
        LayerKnobs knobs;
        knobs.generator = generators[k % 5];
        knobs.mode = modes[(k / 5) % 2];
        knobs.precision = 4 + k % 9;
        knobs.weight_bits = k % 3 == 0 ? 0 : 2 + k % (knobs.precision - 1);
        knobs.sparsity = (k % 4) * 0.2;
        designs.push_back(layer_design(n, m, length, knobs));
        ++k;
      }
  return designs;
}

TEST(CalibrationFit, CellModelRecoversKnownCoefficients) {
  CellFeatures truth{};
  truth[3] = 1.5;                     // per SC synapse
  truth[4] = 2.0;                     // per accumulator bit
  truth[8] = 1.0;                     // per LFSR state bit
  truth[kLutFeatureCount + 1] = 0.5;  // per cycle-counter FF (the FF features follow the LUT ones)
  std::vector<Measurement> rows;
  for (const auto& d : sweep_designs()) {
    Measurement m;
    m.design = d;
    const WeightCounts counts = seeded_weight_counts(d);  // the fit counts the seeded weights
    const auto f = cell_features(d, "ice40", &counts);
    double cells = 0;
    for (std::size_t k = 0; k < f.size(); ++k) cells += truth[k] * f[k];
    m.logic_cells = cells;
    m.luts = std::max(1.0, cells / 2);
    m.ffs = 10;
    m.carries = 5;
    rows.push_back(m);
  }
  const CalibratedModel model = fit_calibrated_model(rows, "ice40", "synthetic");
  ASSERT_TRUE(model.has_cells);
  EXPECT_EQ(model.logic_unit, "ICESTORM_LC");
  for (const auto& row : rows) {
    const WeightCounts counts = seeded_weight_counts(row.design);
    const auto f = cell_features(row.design, "ice40", &counts);
    double predicted = 0;
    for (std::size_t k = 0; k < f.size(); ++k) predicted += model.cells[k] * f[k];
    EXPECT_NEAR(predicted, row.logic_cells, 1e-6 * std::max(1.0, row.logic_cells));
  }
  // Without a logic_cells column there is no packing model.
  for (auto& row : rows) row.logic_cells = -1;
  EXPECT_FALSE(fit_calibrated_model(rows, "ecp5", "synthetic").has_cells);
}

TEST(CalibrationFit, FmaxModelRecoversKnownDelays) {
  FmaxFeatures truth{};
  truth[0] = 6.0;  // ns: clock-to-out, setup and the shortest route
  truth[1] = 0.3;  // per comparator bit
  truth[2] = 0.9;  // per popcount level
  truth[8] = 0.4;  // per doubling of the design
  std::vector<FmaxMeasurement> rows;
  for (const auto& d : sweep_designs()) {
    const double cells = 50.0 * d.n_inputs * d.n_neurons;
    const auto f = fmax_features(d, static_cast<std::int64_t>(cells));
    double delay = 0;
    for (std::size_t k = 0; k < f.size(); ++k) delay += truth[k] * f[k];
    rows.push_back({d, cells, 1000.0 / delay});
  }
  const FmaxModel model = fit_fmax_model(rows, "ice40", "ice40-hx8k", "synthetic");
  for (const auto& row : rows)
    EXPECT_NEAR(predict_layer_fmax_mhz(row.design, static_cast<std::int64_t>(row.logic_cells), model),
                row.fmax_mhz, 1e-6 * row.fmax_mhz);
  EXPECT_GT(model.calibrated_clock_mhz, 0.0);
  EXPECT_THROW_MESSAGE(fit_fmax_model({rows.begin(), rows.begin() + 5}, "ice40", "ice40-hx8k", "s"),
                       core::InputError, "the fmax fit needs at least 20 placed layers, got 5");
}

}  // namespace
}  // namespace scn::calibration
