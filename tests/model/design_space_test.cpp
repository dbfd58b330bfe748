#include "sc_neurocore/model/design_space.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/search/surrogate.hpp"
#include "test_util.hpp"

namespace scn::model {
namespace {

TEST(DesignGrid, SameOrderAsThePublishedSurrogateGrid) {
  const search::SurrogateSCOptimizer reference({"t", {1, 1.0}});
  const DesignGrid grid = make_design_grid(reference.bitstream_options(), reference.precision_options(),
                                           reference.lfsr_polynomials());
  const auto published = reference.candidate_grid({"l", 77, false});
  ASSERT_EQ(grid.points.size(), 421u);
  ASSERT_EQ(published.size(), grid.points.size());
  for (std::size_t i = 0; i < published.size(); ++i) {
    const DesignPoint& p = grid.points[i];
    EXPECT_EQ(published[i].bitstream_length, p.bitstream_length) << i;
    EXPECT_EQ(published[i].precision_bits, p.precision_bits) << i;
    EXPECT_EQ(published[i].decorrelator, decorrelator_name(p.decorrelator)) << i;
    EXPECT_EQ(published[i].mode, mode_name(p.mode)) << i;
    EXPECT_EQ(published[i].lfsr_polynomial, grid.polynomial_name(p)) << i;
  }
  EXPECT_EQ(make_design_grid({64, 128}, {4, 8}, {"a", "b", "c"}).points.size(), 57u);
}

TEST(DesignNames, CaseInsensitiveAndValidated) {
  EXPECT_EQ(parse_decorrelator("sobol"), DecorrelatorKind::kSobol);
  EXPECT_EQ(parse_decorrelator("SCC"), DecorrelatorKind::kSCC);
  EXPECT_EQ(parse_decorrelator("scc_decorrelator"), DecorrelatorKind::kSCC);
  EXPECT_EQ(parse_decorrelator("NONE"), DecorrelatorKind::kNone);
  EXPECT_EQ(parse_mode("hybrid"), ModeKind::kHybrid);
  EXPECT_EQ(parse_mode("Deterministic"), ModeKind::kDeterministic);
  EXPECT_THROW_MESSAGE(parse_decorrelator("gaussian"), core::InputError,
                       "unknown decorrelator 'gaussian'; valid: None");
  EXPECT_THROW_MESSAGE(parse_mode("analog"), core::InputError,
                       "unknown mode 'analog'; valid: SC, Hybrid, Deterministic");
}

TEST(AnalyticalCostModel, IsTheAnalyticalLabelAndNeverNegative) {
  const DesignGrid grid = make_design_grid({64, 2048}, {4, 16}, {"x16+x14+x13+x11+1"});
  const AnalyticalCostModel model;
  for (const std::int64_t mac_count : {0, 1, 3, 192, 4096}) {
    for (const auto& point : grid.points) {
      const CandidateCost cost = model.cost(mac_count, point, grid);
      const SurrogateLabel label =
          analytical_label({mac_count, false, point.bitstream_length, decorrelator_name(point.decorrelator),
                            mode_name(point.mode), point.precision_bits, grid.polynomial_name(point)});
      EXPECT_EQ(static_cast<double>(cost.luts), label.luts);
      EXPECT_EQ(cost.power_mw, label.power_mw);
      EXPECT_GE(cost.luts, 1);
      EXPECT_GT(cost.power_mw, 0.0);
      EXPECT_GE(cost.latency_cycles, 1);
      EXPECT_GE(cost.accuracy, 0.1);
      EXPECT_FALSE(cost.measured);
    }
  }
}

}  // namespace
}  // namespace scn::model
