// SurrogateSCOptimizer: the published ridge-regression surrogate optimiser
// (docs/reference-behaviour.md §1.3). The reference profile reproduces it exactly,
// including its weaknesses (docs/reference-behaviour.md §4.2): it ranks candidates by a linear surrogate
// that can predict negative costs.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sc_neurocore/core/profile.hpp"
#include "sc_neurocore/core/types.hpp"
#include "sc_neurocore/model/layer_shapes.hpp"
#include "sc_neurocore/model/sc_cost_model.hpp"
#include "sc_neurocore/sim/polynomial.hpp"

namespace scn::search {

// Ridge regression with every column (intercept included) regularised:
// C = solve(XᵀX + αI, XᵀY), by LU with partial pivoting as numpy.linalg.solve.
class RidgeSurrogate {
 public:
  explicit RidgeSurrogate(double alpha = 1e-3) : alpha_(alpha) {}

  // Throws InputError "... two-dimensional" / "row count mismatch" like the published class.
  void fit(const Eigen::MatrixXd& features, const Eigen::MatrixXd& targets);
  // Fit from accumulated normal equations (XᵀX, XᵀY), as the optimiser builds them.
  void fit_normal_equations(const Eigen::MatrixXd& gram, const Eigen::MatrixXd& cross);
  // Throws StateError "surrogate is not fitted" before fit.
  Eigen::MatrixXd predict(const Eigen::MatrixXd& features) const;

  bool fitted() const { return fitted_; }
  double alpha() const { return alpha_; }
  const Eigen::MatrixXd& coefficients() const { return coefficients_; }

 private:
  double alpha_;
  bool fitted_ = false;
  Eigen::MatrixXd coefficients_;
};

struct SurrogateOptions {
  std::vector<std::int64_t> bitstream_options{64, 128, 256, 512, 1024, 2048};
  std::vector<std::int64_t> precision_options{4, 6, 8, 12, 16};
  std::vector<std::string> lfsr_polynomials{sim::kPublishedPolynomials.begin(),
                                            sim::kPublishedPolynomials.end()};
  std::vector<core::BenchmarkObservation> observations;
  core::Profile profile = core::Profile::kDefault;
  // Default profile: the FPGA catalogue key whose synthesis-calibrated model costs the candidates.
  std::string device = "ice40";
  // Default profile: the clock power is costed at (0 = the device's calibrated clock), and the fraction of
  // the device's logic cells a plan may use (the routable margin).
  double clock_mhz = 0.0;
  double max_utilisation = core::kDefaultMaxUtilisation;
  // Default profile: also plan folded layers (weights in memory, fewer synapse lanes, more cycles) on the
  // devices with a folded-layer model (docs/hardware.md, "Folded layers"): when no spatial plan meets the
  // budgets, or, with fold_always, whenever the objective prefers them. The frontier always holds them.
  bool folds = true;
  bool fold_always = false;
  // Default profile: layer candidates predicted slower than this are left out (0 = none); plans under a time
  // budget set it so that a plan meets the clock its cycle cap was counted at.
  double min_layer_fmax_mhz = 0.0;
};

inline constexpr int kSurrogateFeatureCount = 14;

namespace detail {
class ObservationIndex;  // first observation matching a candidate exactly
}  // namespace detail

// The 14 features of a candidate (docs/reference-behaviour.md §1.3.7).
Eigen::Matrix<double, 1, kSurrogateFeatureCount> surrogate_features(
    const model::SurrogateCandidate& candidate);

class SurrogateSCOptimizer {
 public:
  // Bitstream and precision options are de-duplicated and sorted; polynomials keep order and duplicates.
  explicit SurrogateSCOptimizer(core::TargetHardwareProfile target, SurrogateOptions options = {});

  const core::TargetHardwareProfile& target() const { return target_; }
  const std::vector<std::int64_t>& bitstream_options() const { return options_.bitstream_options; }
  const std::vector<std::int64_t>& precision_options() const { return options_.precision_options; }
  const std::vector<std::string>& lfsr_polynomials() const { return options_.lfsr_polynomials; }
  const std::vector<core::BenchmarkObservation>& observations() const { return options_.observations; }
  core::Profile profile() const { return options_.profile; }
  std::int64_t training_points() const { return training_points_; }
  const RidgeSurrogate& surrogate() const { return surrogate_; }

  // The per-layer design grid in the published order (421 candidates by default).
  std::vector<model::SurrogateCandidate> candidate_grid(const core::LayerProfile& layer) const;

  // Trains on every layer's analytical grid plus 4 copies of each observation.
  void fit(const std::vector<core::LayerProfile>& network);

  // Feasible candidates for the remaining budget, best utility first (stable).
  std::vector<core::SurrogateLayerConfig> rank_layer_candidates(const core::LayerProfile& layer,
                                                                double remaining_luts,
                                                                double remaining_power) const;

  // `weights` (default profile only; InputError in the reference profile): one trained matrix per layer,
  // whose real counts the default profile costs instead of expectations (search/layer_shapes.hpp).
  core::SurrogateOptimizerReport optimise(const std::vector<core::LayerProfile>& network,
                                          const std::vector<model::LayerWeights>& weights = {});

  // The network Pareto frontier over (total LUTs, total power, weighted
  // accuracy) of the default profile's costs, sorted by LUTs.
  struct NetworkFrontier pareto_frontier(const std::vector<core::LayerProfile>& network,
                                         std::size_t max_points = 20000,
                                         const std::vector<model::LayerWeights>& weights = {}) const;

 private:
  struct Divisors {
    double luts;
    double power;
    double latency;
  };
  // A grid candidate's label (predicted, or measured when an observation
  // matches) and the report entry derived from it; both independent of the
  // budget left, so they are computed once per (mac_count, critical).
  struct ScoredCandidate {
    model::SurrogateLabel label;
    core::SurrogateLayerConfig config;
  };
  Divisors divisors() const;
  double utility(const model::SurrogateLabel& label) const;
  // Every grid candidate of `layer`, best utility first (stable).
  std::vector<ScoredCandidate> scored_candidates(const core::LayerProfile& layer) const;
  // The published filter: raw label within the remaining LUTs and power, and the latency cap.
  bool admits(const model::SurrogateLabel& label, double remaining_luts, double remaining_power) const;
  // optimise's stages. The scored grids of one call, built on first use per (mac_count, critical).
  struct ScoredGrids;
  const std::vector<ScoredCandidate>& scored_for(const core::LayerProfile& layer, ScoredGrids& grids) const;
  // First pass: each layer in `order` takes its best candidate within what earlier layers left.
  core::SurrogateConfigMap take_best_admitted(const std::vector<const core::LayerProfile*>& order,
                                              ScoredGrids& grids, std::vector<std::string>& rejected) const;
  // Then the single best utility gain at a time, until none is left.
  void rebalance(const std::vector<core::LayerProfile>& network, ScoredGrids& grids,
                 core::SurrogateConfigMap& config) const;

  core::TargetHardwareProfile target_;
  SurrogateOptions options_;
  std::shared_ptr<const detail::ObservationIndex> observed_;
  RidgeSurrogate surrogate_;
  std::int64_t training_points_ = 0;
};

}  // namespace scn::search
