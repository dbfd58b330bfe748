// LFSR feedback polynomials over GF(2): parsing ("x16+x14+x13+x11+1"), the
// primitivity test (maximal period 2^n - 1) and the period by simulation.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace scn::sim {

// The LFSR feedback every layer gets unless its plan names another (the first of the published three).
inline constexpr const char* kDefaultPolynomial = "x16+x14+x13+x11+1";
// The published package's three LFSR polynomial choices, in its order.
inline constexpr std::array<const char*, 3> kPublishedPolynomials = {kDefaultPolynomial, "x16+x15+x13+x4+1",
                                                                     "x16+x12+x3+x1+1"};

struct Polynomial {
  int degree = 0;
  std::uint64_t terms = 0;  // bit i set when x^i is a term (bit 0 = the constant 1)
  bool operator==(const Polynomial&) const = default;
};

// "x16+x14+x13+x11+1", "x^16 + x^14 + x^13 + x^11 + 1", "x4+x+1". Degree 1-32.
// Throws InputError naming the text and the position of the fault.
Polynomial parse_polynomial(std::string_view text);
// The canonical text: "x16+x14+x13+x11+1".
std::string polynomial_text(const Polynomial& polynomial);

// True when the polynomial is primitive: x has multiplicative order 2^n - 1
// modulo it (checked with the prime factors of 2^n - 1), so an LFSR with this
// feedback runs through every non-zero state. Degrees 1-32.
bool is_primitive(const Polynomial& polynomial);

// Steps a Fibonacci LFSR from `seed` until the state repeats; degree <= 32.
std::uint64_t lfsr_period(const Polynomial& polynomial, std::uint32_t seed = 1);

}  // namespace scn::sim
