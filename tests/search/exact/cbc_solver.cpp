#include "cbc_solver.hpp"

#include <CbcModel.hpp>
#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>
#include <cmath>

namespace scn::test {

CbcSolution solve_with_cbc(const search::BudgetedProblem& problem) {
  const std::size_t n = problem.layers.size();
  struct Column {
    std::size_t layer;
    int candidate;
  };
  std::vector<Column> columns;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < problem.layers[i].size(); ++j) columns.push_back({i, static_cast<int>(j)});
  CbcSolution result;
  const int z = static_cast<int>(columns.size());
  // Rows: n assignment rows, LUTs, power and the summed latency.
  CoinPackedMatrix matrix(false, 0, 0);
  matrix.setDimensions(0, z);
  std::vector<double> row_lower, row_upper;
  const auto add_row = [&](const std::vector<int>& index, const std::vector<double>& value, double lo,
                           double hi) {
    matrix.appendRow(static_cast<int>(index.size()), index.data(), value.data());
    row_lower.push_back(lo);
    row_upper.push_back(hi);
  };
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<int> index;
    std::vector<double> value;
    for (int c = 0; c < z; ++c)
      if (columns[c].layer == i) index.push_back(c), value.push_back(1.0);
    add_row(index, value, 1.0, 1.0);
  }
  std::vector<int> all(z);
  std::vector<double> luts(z), power(z), latency(z);
  for (int c = 0; c < z; ++c) {
    const auto& candidate = problem.layers[columns[c].layer][columns[c].candidate];
    all[c] = c;
    luts[c] = static_cast<double>(candidate.luts);
    power[c] = candidate.power_mw;
    latency[c] = static_cast<double>(candidate.latency_cycles);
  }
  add_row(all, luts, -COIN_DBL_MAX, static_cast<double>(problem.max_luts));
  add_row(all, power, -COIN_DBL_MAX, problem.max_power_mw);
  if (problem.max_latency_cycles > 0)
    add_row(all, latency, -COIN_DBL_MAX,
            static_cast<double>(problem.max_latency_cycles - problem.latency_overhead_cycles));
  std::vector<double> lower(z, 0.0), upper(z, 1.0), objective(z, 0.0);
  for (int c = 0; c < z; ++c)  // minimise the negated objective (the overhead's term is a constant)
    objective[c] =
        -problem.layers[columns[c].layer][columns[c].candidate].value + problem.latency_weight * latency[c];

  OsiClpSolverInterface solver;
  solver.messageHandler()->setLogLevel(0);
  solver.loadProblem(matrix, lower.data(), upper.data(), objective.data(), row_lower.data(),
                     row_upper.data());
  for (int c = 0; c < z; ++c) solver.setInteger(c);
  solver.setDblParam(OsiPrimalTolerance, 1e-9);
  CbcModel model(solver);
  model.setLogLevel(0);
  model.messageHandler()->setLogLevel(0);
  model.setAllowableGap(0.0);
  model.setAllowableFractionGap(0.0);
  model.setAllowablePercentageGap(0.0);
  model.setIntegerTolerance(1e-9);
  // CBC cuts nodes that cannot improve by its cutoff increment (1e-4 by default);
  // plan objectives differ by far less, so the increment must be tiny.
  model.setDblParam(CbcModel::CbcCutoffIncrement, 1e-12);
  model.branchAndBound();
  result.proven = model.isProvenOptimal() || model.isProvenInfeasible();
  if (model.bestSolution() == nullptr) return result;
  const double* x = model.bestSolution();
  result.choice.assign(n, -1);
  for (int c = 0; c < z; ++c)
    if (x[c] > 0.5) result.choice[columns[c].layer] = columns[c].candidate;
  result.feasible = search::plan_fits(problem, result.choice);
  if (result.feasible) result.objective = search::plan_objective(problem, result.choice);
  return result;
}

}  // namespace scn::test
