// Bit counts, with the two meanings the hardware and its models need kept apart by name.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>

namespace scn::core {

// Python's int.bit_length(): the bits of `value` without leading zeros, 0 for 0.
constexpr int bit_length(std::uint64_t value) { return static_cast<int>(std::bit_width(value)); }

// The width of a register that holds `value`: at least one bit, so 0 needs 1.
constexpr int register_width(std::uint64_t value) { return value == 0 ? 1 : bit_length(value); }

// register_width of a real-valued count (a mean fan-in, a bitstream length as a feature) as the cost models
// take it: 1 below 1, floor(log2(value)) + 1 above.
inline double real_register_width(double value) { return value < 1 ? 1.0 : std::floor(std::log2(value)) + 1; }

}  // namespace scn::core
