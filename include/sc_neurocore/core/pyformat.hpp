// Python-compatible number semantics and formatting (docs/reference-behaviour.md §5).
// Every place that must print or round a number exactly as the published
// Python package does goes through these functions.
#pragma once

#include <cstdint>
#include <string>

namespace scn::core::py {

// Python's round()/numpy.round: halves go to the even neighbour.
double round_half_even(double value);

// Python's round(value, ndigits): the decimal rounding of the exact binary value.
double round_ndigits(double value, int ndigits);

// Python's int(x) on a float: truncation toward zero.
std::int64_t truncate_to_int(double value);

// Python's repr(float): shortest round-trip digits; scientific notation when
// the decimal exponent is < -4 or >= 16; integral values keep ".0";
// non-finite values are "nan", "inf", "-inf".
std::string float_repr(double value);

// Python's format(value, ".Nf").
std::string fixed(double value, int decimals);

// Python's format(value, ",") for integers.
std::string thousands(std::int64_t value);

// Python's format(value, ",.Nf").
std::string thousands_fixed(double value, int decimals);

// Python's format(value, ".N%"): multiplies by 100 and appends "%".
std::string percent(double value, int decimals);

// Python's str(list_of_str): "['a', 'b']".
std::string list_repr(const std::string* begin, const std::string* end);

}  // namespace scn::core::py
