// The same budgeted problem as a mixed-integer program, solved by CBC.
#pragma once

#include <vector>

#include "sc_neurocore/search/exact/budgeted_search.hpp"

namespace scn::test {

struct CbcSolution {
  bool feasible = false;
  bool proven = false;
  std::vector<int> choice;
  double objective = 0.0;  // recomputed from the plan with plan_objective
};

// max sum v_ij x_ij - t z  s.t.  sum_j x_ij = 1,  sum luts x <= A,  sum power x <= B,
// sum_j lat_ij x_ij <= z for every layer, x binary; candidates above the latency cap are left out.
CbcSolution solve_with_cbc(const search::BudgetedProblem& problem);

}  // namespace scn::test
