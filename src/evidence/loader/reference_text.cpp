#include "sc_neurocore/evidence/loader/reference_text.hpp"

#include <re2/re2.h>

#include <array>
#include <charconv>
#include <string>

#include "sc_neurocore/core/error.hpp"

namespace scn::evidence {
namespace {

// "Same line" in docs/reference-behaviour.md §2.5: after the label, characters that are neither digits nor
// line breaks, then the value.
const std::string kSameLine = "[^0-9\\n]*";
const std::string kInt = "([0-9,]+)";
const std::string kFloat = "([0-9.]+)";
const std::string kUnit = "(mW|W)";

struct Rule {
  Rule(const std::string& text) : re(text, options()) {}
  static RE2::Options options() {
    RE2::Options options;
    options.set_case_sensitive(false);  // every published pattern is case-insensitive
    options.set_log_errors(false);
    return options;
  }
  RE2 re;
};

struct Patterns {
  std::array<Rule, 5> luts{{
      {"CLB\\s+LUTs" + kSameLine + kInt},
      {"Slice\\s+LUTs" + kSameLine + kInt},
      {"Logic\\s+LUTs" + kSameLine + kInt},
      {"ALMs?\\s+(?:needed|required|used)" + kSameLine + kInt},
      {"Total\\s+combinational\\s+functions" + kSameLine + kInt},
  }};
  // The first power rule's unit is in its label "(W)" / "(mW)": it captures (unit, value); the others (value,
  // unit).
  Rule power_labelled{"Total\\s+On-Chip\\s+Power\\s*\\(" + kUnit + "\\)\\s*[:|]?\\s*" + kFloat};
  std::array<Rule, 3> power{{
      {"Total\\s+On-Chip\\s+Power" + kSameLine + kFloat + "\\s*" + kUnit},
      {"Total\\s+thermal\\s+power\\s+dissipation" + kSameLine + kFloat + "\\s*" + kUnit},
      {"Thermal\\s+Power" + kSameLine + kFloat + "\\s*" + kUnit},
  }};
  std::array<Rule, 3> latency{{
      {"Latency\\s*\\(?cycles\\)?" + kSameLine + kInt},
      {"Latency\\s*:\\s*" + kInt + "\\s*cycles"},
      {"cycles" + kSameLine + kInt},
  }};
};

const Patterns& patterns() {
  static const Patterns compiled;
  return compiled;
}

// Python's int(text.replace(",", "")).
std::int64_t python_int(std::string text) {
  std::erase(text, ',');
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    throw core::InputError("invalid literal for int() with base 10: '" + text + "'");
  }
  return value;
}

// Python's float(text) for a run of digits and dots.
double python_float(const std::string& text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) {
    throw core::InputError("could not convert string to float: '" + text + "'");
  }
  return value;
}

// The unit is matched case-insensitively, so "2 MW" is 2 mW (a published pitfall, kept).
double to_mw(double value, const std::string& unit) { return unit.size() == 2 ? value : value * 1000; }

template <std::size_t N>
std::optional<std::int64_t> first_int(const std::array<Rule, N>& group, std::string_view text) {
  std::string value;
  for (const Rule& rule : group) {
    if (RE2::PartialMatch(text, rule.re, &value)) return python_int(value);
  }
  return std::nullopt;
}

std::optional<double> first_power(const Patterns& p, std::string_view text) {
  std::string value, unit;
  if (RE2::PartialMatch(text, p.power_labelled.re, &unit, &value)) return to_mw(python_float(value), unit);
  for (const Rule& rule : p.power) {
    if (RE2::PartialMatch(text, rule.re, &value, &unit)) return to_mw(python_float(value), unit);
  }
  return std::nullopt;
}

}  // namespace

ReferenceTextMetrics reference_text_metrics(std::string_view merged_text) {
  const Patterns& p = patterns();
  return {first_int(p.luts, merged_text), first_power(p, merged_text), first_int(p.latency, merged_text)};
}

}  // namespace scn::evidence
