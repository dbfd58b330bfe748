#include "sc_neurocore/model/design_space.hpp"

#include <algorithm>
#include <cctype>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/model/sc_cost_model.hpp"

namespace scn::model {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

const char* decorrelator_name(DecorrelatorKind kind) {
  switch (kind) {
    case DecorrelatorKind::kNone:
      return "None";
    case DecorrelatorKind::kLFSR:
      return "LFSR";
    case DecorrelatorKind::kSobol:
      return "Sobol";
    case DecorrelatorKind::kHalton:
      return "Halton";
    case DecorrelatorKind::kSCC:
      return "SCC_Decorrelator";
  }
  return "None";
}

const char* mode_name(ModeKind kind) {
  switch (kind) {
    case ModeKind::kSC:
      return "SC";
    case ModeKind::kHybrid:
      return "Hybrid";
    case ModeKind::kDeterministic:
      return "Deterministic";
  }
  return "SC";
}

DecorrelatorKind parse_decorrelator(std::string_view name) {
  const std::string key = lower(name);
  if (key == "none") return DecorrelatorKind::kNone;
  if (key == "lfsr") return DecorrelatorKind::kLFSR;
  if (key == "sobol") return DecorrelatorKind::kSobol;
  if (key == "halton") return DecorrelatorKind::kHalton;
  if (key == "scc_decorrelator" || key == "scc") return DecorrelatorKind::kSCC;
  throw core::InputError("unknown decorrelator '" + std::string(name) +
                         "'; valid: None, LFSR, Sobol, Halton, SCC_Decorrelator (any case)");
}

ModeKind parse_mode(std::string_view name) {
  const std::string key = lower(name);
  if (key == "sc") return ModeKind::kSC;
  if (key == "hybrid") return ModeKind::kHybrid;
  if (key == "deterministic") return ModeKind::kDeterministic;
  throw core::InputError("unknown mode '" + std::string(name) +
                         "'; valid: SC, Hybrid, Deterministic (any case)");
}

const std::string& DesignGrid::polynomial_name(const DesignPoint& point) const {
  static const std::string kNoPolynomial = "none";
  return point.polynomial < 0 ? kNoPolynomial : polynomials[static_cast<std::size_t>(point.polynomial)];
}

DesignGrid make_design_grid(const std::vector<std::int64_t>& bitstream_lengths,
                            const std::vector<std::int64_t>& precisions,
                            const std::vector<std::string>& polynomials) {
  DesignGrid grid;
  grid.polynomials = polynomials;
  constexpr DecorrelatorKind kDecorrelators[] = {DecorrelatorKind::kNone, DecorrelatorKind::kLFSR,
                                                 DecorrelatorKind::kSobol, DecorrelatorKind::kHalton,
                                                 DecorrelatorKind::kSCC};
  for (const ModeKind mode : {ModeKind::kSC, ModeKind::kHybrid}) {
    for (const auto length : bitstream_lengths)
      for (const auto precision : precisions)
        for (const auto decorrelator : kDecorrelators) {
          if (decorrelator == DecorrelatorKind::kLFSR) {
            for (std::size_t p = 0; p < polynomials.size(); ++p)
              grid.points.push_back({length, precision, decorrelator, mode, static_cast<int>(p)});
          } else {
            grid.points.push_back({length, precision, decorrelator, mode, -1});
          }
        }
  }
  grid.points.push_back({1, 16, DecorrelatorKind::kNone, ModeKind::kDeterministic, -1});
  return grid;
}

namespace {

// Powers of two below `size`, then `size`.
std::vector<int> lane_counts(std::int64_t size) {
  std::vector<int> counts;
  for (std::int64_t lanes = 1; lanes < size; lanes *= 2) counts.push_back(static_cast<int>(lanes));
  counts.push_back(static_cast<int>(size));
  return counts;
}

}  // namespace

std::vector<hw::Fold> fold_options(std::int64_t n_inputs, std::int64_t n_neurons,
                                   const std::vector<hw::WeightMemory>& memories) {
  std::vector<hw::Fold> options;
  for (const hw::WeightMemory memory : memories)
    for (const int neuron_lanes : lane_counts(n_neurons))
      for (const int input_lanes : lane_counts(n_inputs))
        if (std::int64_t{neuron_lanes} * input_lanes < n_inputs * n_neurons)
          options.push_back({neuron_lanes, input_lanes, memory});
  return options;
}

std::vector<std::vector<CandidateCost>> CostModel::cost_tables(const std::vector<LayerCostSpec>& layers,
                                                               const DesignGrid& grid) const {
  std::vector<std::vector<CandidateCost>> tables;
  tables.reserve(layers.size());
  for (const LayerCostSpec& layer : layers) {
    auto& table = tables.emplace_back();
    table.reserve(grid.points.size());
    for (const DesignPoint& point : grid.points) table.push_back(cost(layer.mac_count, point, grid));
  }
  return tables;
}

CandidateCost AnalyticalCostModel::cost(std::int64_t mac_count, const DesignPoint& point,
                                        const DesignGrid& grid) const {
  const SurrogateLabel label =
      analytical_label({mac_count, false, point.bitstream_length, decorrelator_name(point.decorrelator),
                        mode_name(point.mode), point.precision_bits, grid.polynomial_name(point)});
  // analytical_label clamps LUTs >= 1, power >= 1e-9, latency >= 1, accuracy in [0.1, 1].
  return {static_cast<std::int64_t>(label.luts), label.power_mw,
          static_cast<std::int64_t>(label.latency_cycles), label.accuracy, false};
}

}  // namespace scn::model
