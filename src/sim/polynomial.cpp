#include "sc_neurocore/sim/polynomial.hpp"

#include <cctype>
#include <vector>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/sim/generators.hpp"

namespace scn::sim {
namespace {

[[noreturn]] void bad(std::string_view text, std::size_t position, const std::string& what) {
  throw core::InputError("polynomial '" + std::string(text) + "' at position " +
                         std::to_string(position + 1) + ": " + what);
}

// a * b mod p in GF(2)[x], deg p = n <= 32 (so products fit in 64 bits before reduction).
std::uint64_t multiply_mod(std::uint64_t a, std::uint64_t b, const Polynomial& p) {
  std::uint64_t product = 0;
  for (int i = 0; i < p.degree; ++i)
    if ((b >> i) & 1u) product ^= a << i;
  for (int bit = 2 * p.degree - 2; bit >= p.degree; --bit)
    if ((product >> bit) & 1u) product ^= p.terms << (bit - p.degree);
  return product;
}

std::uint64_t power_of_x_mod(std::uint64_t exponent, const Polynomial& p) {
  std::uint64_t result = 1;
  std::uint64_t base = p.degree == 1 ? (p.terms & 1u) : 2;  // x mod p (x = 1 mod x+1)
  while (exponent > 0) {
    if (exponent & 1u) result = multiply_mod(result, base, p);
    base = multiply_mod(base, base, p);
    exponent >>= 1;
  }
  return result;
}

std::vector<std::uint64_t> prime_factors(std::uint64_t value) {
  std::vector<std::uint64_t> factors;
  for (std::uint64_t d = 2; d * d <= value; ++d) {
    if (value % d != 0) continue;
    factors.push_back(d);
    while (value % d == 0) value /= d;
  }
  if (value > 1) factors.push_back(value);
  return factors;
}

}  // namespace

Polynomial parse_polynomial(std::string_view text) {
  Polynomial polynomial;
  std::size_t i = 0;
  const auto skip_spaces = [&] {
    while (i < text.size() && text[i] == ' ') ++i;
  };
  skip_spaces();
  if (i == text.size()) bad(text, 0, "empty");
  while (i < text.size()) {
    int exponent;
    if (text[i] == '1') {
      exponent = 0;
      ++i;
    } else if (text[i] == 'x' || text[i] == 'X') {
      ++i;
      if (i < text.size() && text[i] == '^') ++i;
      if (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        exponent = 0;
        const std::size_t start = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
          exponent = exponent * 10 + (text[i] - '0');
          if (exponent > 64) bad(text, start, "exponent too large");
          ++i;
        }
      } else {
        exponent = 1;  // "x"
      }
    } else {
      bad(text, i, "expected a term such as x16, x^3, x or 1");
    }
    if (exponent > 32) bad(text, i - 1, "degree above 32 is not supported");
    if ((polynomial.terms >> exponent) & 1u) bad(text, i - 1, "repeated term x" + std::to_string(exponent));
    polynomial.terms |= std::uint64_t{1} << exponent;
    polynomial.degree = std::max(polynomial.degree, exponent);
    skip_spaces();
    if (i == text.size()) break;
    if (text[i] != '+') bad(text, i, "expected '+'");
    ++i;
    skip_spaces();
    if (i == text.size()) bad(text, i - 1, "dangling '+'");
  }
  if (polynomial.degree < 1) bad(text, 0, "degree must be at least 1");
  return polynomial;
}

std::string polynomial_text(const Polynomial& polynomial) {
  std::string text;
  for (int e = polynomial.degree; e >= 0; --e) {
    if (!((polynomial.terms >> e) & 1u)) continue;
    if (!text.empty()) text += "+";
    text += e == 0 ? "1" : "x" + std::to_string(e);
  }
  return text;
}

bool is_primitive(const Polynomial& p) {
  if (p.degree < 1 || p.degree > 32 || !(p.terms & 1u)) return false;  // x divides it
  const std::uint64_t order = (std::uint64_t{1} << p.degree) - 1;
  if (power_of_x_mod(order, p) != 1) return false;
  for (const std::uint64_t q : prime_factors(order))
    if (power_of_x_mod(order / q, p) == 1) return false;
  return true;
}

std::uint64_t lfsr_period(const Polynomial& polynomial, std::uint32_t seed) {
  Lfsr lfsr(polynomial, seed);
  const std::uint32_t start = lfsr.state();
  std::uint64_t steps = 0;
  do {
    lfsr.step();
    ++steps;
  } while (lfsr.state() != start && steps <= (std::uint64_t{1} << polynomial.degree));
  return steps;
}

}  // namespace scn::sim
