#include "sc_neurocore/core/pyformat.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace scn::core::py {

double round_half_even(double value) {
  // nearbyint honours the current rounding mode, which is round-to-nearest-even
  // by default; std::round would send halves away from zero.
  return std::nearbyint(value);
}

double round_ndigits(double value, int ndigits) {
  if (!std::isfinite(value)) return value;
  // printf rounds the exact binary value to `ndigits` decimals (ties to even),
  // as CPython's round() does through dtoa; parsing back gives the same double.
  return std::strtod(fixed(value, ndigits).c_str(), nullptr);
}

std::int64_t truncate_to_int(double value) { return static_cast<std::int64_t>(std::trunc(value)); }

std::string float_repr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  // Shortest round-trip digits in scientific form: "d.ddde[+-]x".
  std::array<char, 64> buffer{};
  auto [end, ec] =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::scientific);
  (void)ec;
  std::string text(buffer.data(), end);
  const auto e_pos = text.find('e');
  std::string mantissa = text.substr(0, e_pos);
  const int exponent = std::atoi(text.c_str() + e_pos + 1);
  std::string sign;
  if (!mantissa.empty() && mantissa[0] == '-') {
    sign = "-";
    mantissa.erase(0, 1);
  }
  std::string digits;
  for (char c : mantissa)
    if (c != '.') digits += c;

  if (exponent < -4 || exponent >= 16) {
    std::string out = sign + digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char exp_text[16];
    std::snprintf(exp_text, sizeof exp_text, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return out + exp_text;
  }
  std::string out;
  if (exponent < 0) {
    out = "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  } else {
    const auto point = static_cast<std::size_t>(exponent) + 1;
    if (digits.size() <= point) {
      out = digits + std::string(point - digits.size(), '0') + ".0";
    } else {
      out = digits.substr(0, point) + "." + digits.substr(point);
    }
  }
  return sign + out;
}

std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  // printf rounds the exact binary value half-even, as Python's format does.
  const int size = std::snprintf(nullptr, 0, "%.*f", decimals, value);
  std::string out(static_cast<std::size_t>(size), '\0');
  std::snprintf(out.data(), out.size() + 1, "%.*f", decimals, value);
  return out;
}

namespace {
std::string group_integer_digits(const std::string& digits) {
  std::string out;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}
}  // namespace

std::string thousands(std::int64_t value) {
  const bool negative = value < 0;
  // Avoid overflow on INT64_MIN by working on the unsigned magnitude.
  const std::uint64_t magnitude =
      negative ? (~static_cast<std::uint64_t>(value) + 1) : static_cast<std::uint64_t>(value);
  return (negative ? "-" : "") + group_integer_digits(std::to_string(magnitude));
}

std::string thousands_fixed(double value, int decimals) {
  std::string text = fixed(value, decimals);
  if (!std::isfinite(value)) return text;
  std::string sign;
  if (text[0] == '-') {
    sign = "-";
    text.erase(0, 1);
  }
  const auto point = text.find('.');
  const std::string integer = text.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : text.substr(point);
  return sign + group_integer_digits(integer) + fraction;
}

std::string percent(double value, int decimals) { return fixed(value * 100.0, decimals) + "%"; }

std::string list_repr(const std::string* begin, const std::string* end) {
  std::string out = "[";
  for (const std::string* it = begin; it != end; ++it) {
    if (it != begin) out += ", ";
    out += "'" + *it + "'";
  }
  return out + "]";
}

}  // namespace scn::core::py
