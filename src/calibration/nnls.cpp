#include "nnls.hpp"

#include <Eigen/Dense>
#include <algorithm>

namespace scn::calibration {
namespace {

// Lawson-Hanson non-negative least squares: min |A x - y| subject to x >= 0.
Eigen::VectorXd nnls(const Eigen::MatrixXd& a, const Eigen::VectorXd& y) {
  const Eigen::Index k = a.cols();
  Eigen::VectorXd x = Eigen::VectorXd::Zero(k);
  std::vector<bool> passive(static_cast<std::size_t>(k), false);
  const double tolerance = 1e-10 * a.norm() * y.norm();
  for (int outer = 0; outer < 10 * k; ++outer) {
    const Eigen::VectorXd w = a.transpose() * (y - a * x);
    Eigen::Index best = -1;
    for (Eigen::Index j = 0; j < k; ++j)
      if (!passive[static_cast<std::size_t>(j)] && w(j) > tolerance && (best < 0 || w(j) > w(best))) best = j;
    if (best < 0) break;
    passive[static_cast<std::size_t>(best)] = true;
    for (int inner = 0; inner < 10 * k; ++inner) {
      std::vector<Eigen::Index> cols;
      for (Eigen::Index j = 0; j < k; ++j)
        if (passive[static_cast<std::size_t>(j)]) cols.push_back(j);
      Eigen::MatrixXd ap(a.rows(), static_cast<Eigen::Index>(cols.size()));
      for (std::size_t c = 0; c < cols.size(); ++c) ap.col(static_cast<Eigen::Index>(c)) = a.col(cols[c]);
      const Eigen::VectorXd zp = ap.colPivHouseholderQr().solve(y);
      Eigen::VectorXd z = Eigen::VectorXd::Zero(k);
      for (std::size_t c = 0; c < cols.size(); ++c) z(cols[c]) = zp(static_cast<Eigen::Index>(c));
      bool positive = true;
      for (const Eigen::Index j : cols) positive = positive && z(j) > 0;
      if (positive) {
        x = z;
        break;
      }
      double alpha = 1.0;
      for (const Eigen::Index j : cols)
        if (z(j) <= 0) alpha = std::min(alpha, x(j) / (x(j) - z(j)));
      x += alpha * (z - x);
      for (const Eigen::Index j : cols)
        if (x(j) <= 1e-12) {
          x(j) = 0;
          passive[static_cast<std::size_t>(j)] = false;
        }
    }
  }
  return x;
}

}  // namespace

std::vector<double> fit_nonnegative_relative(const std::vector<std::vector<double>>& rows,
                                             const std::vector<double>& targets) {
  const auto n = static_cast<Eigen::Index>(rows.size());
  const auto k = static_cast<Eigen::Index>(rows.empty() ? 0 : rows.front().size());
  Eigen::MatrixXd a(n, k);
  Eigen::VectorXd y(n);
  for (Eigen::Index r = 0; r < n; ++r) {
    const double measured = std::max(1.0, targets[static_cast<std::size_t>(r)]);
    for (Eigen::Index c = 0; c < k; ++c)
      a(r, c) = rows[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] / measured;
    y(r) = targets[static_cast<std::size_t>(r)] / measured;
  }
  // Column scaling keeps the solve well conditioned; undone below.
  Eigen::VectorXd scale = a.colwise().norm().transpose();
  for (Eigen::Index c = 0; c < scale.size(); ++c)
    if (scale(c) == 0) scale(c) = 1;
  const Eigen::VectorXd x = nnls(a * scale.cwiseInverse().asDiagonal(), y);
  std::vector<double> out(static_cast<std::size_t>(k));
  for (Eigen::Index c = 0; c < k; ++c) out[static_cast<std::size_t>(c)] = x(c) / scale(c);
  return out;
}

double median_of(std::vector<double> values) {
  if (values.empty()) return 0.0;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
}

}  // namespace scn::calibration
