// Random-number sources of stochastic number generators (SNGs), defined
// exactly as the generated Verilog implements them (bit for bit):
//
// - LFSR, Fibonacci form (default): n-bit state s; feedback bit = XOR of
//   s >> (n - t) for every term x^t (t >= 1); s = (s >> 1) | (feedback << (n-1)).
//   Galois form: s = (s >> 1) ^ (s & 1 ? mask : 0), mask = sum of 1 << (t-1).
//   The b-bit number of a cycle is the top b bits of the state, s >> (n - b).
// - Sobol: Gray-code construction over 32-bit direction numbers (dimension 1
//   = van der Corput; 2-8 from Joe and Kuo's new-joe-kuo-6.21201); the b-bit
//   number is the top b bits of the 32-bit point. Point 0 is 0.
// - Halton base B: floor(phi_B(i) * 2^b), phi_B the radical inverse of i.
// - Random: splitmix64, top b bits (reference curves only; not hardware).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sc_neurocore/sim/polynomial.hpp"

namespace scn::sim {

enum class LfsrForm { kFibonacci, kGalois };

class Lfsr {
 public:
  // Throws InputError for a zero seed (modulo 2^n) or a degree above 32.
  Lfsr(const Polynomial& polynomial, std::uint32_t seed, LfsrForm form = LfsrForm::kFibonacci);
  void step();
  std::uint32_t state() const { return state_; }
  // The top `bits` bits of the state; bits <= degree.
  std::uint32_t value(int bits) const { return state_ >> (degree_ - bits); }
  int degree() const { return degree_; }

 private:
  int degree_;
  std::uint32_t mask_;  // all n bits
  std::uint32_t taps_;  // Fibonacci: bits n - t; Galois: bits t - 1
  std::uint32_t state_;
  LfsrForm form_;
};

// The b-bit numbers of the first `length` cycles.
std::vector<std::uint32_t> lfsr_sequence(const Polynomial& polynomial, std::uint32_t seed, int bits,
                                         int length, LfsrForm form = LfsrForm::kFibonacci);
// The LFSR's low `bits` bits per cycle: for a Fibonacci register these are the
// top bits of (n - bits) cycles earlier, the isolator the SCC decorrelator uses.
std::vector<std::uint32_t> lfsr_low_window_sequence(const Polynomial& polynomial, std::uint32_t seed,
                                                    int bits, int length);
std::vector<std::uint32_t> sobol_sequence(int dimension, int bits, int length);  // dimension 1-8
std::vector<std::uint32_t> halton_sequence(int base, int bits, int length);      // base >= 2
std::vector<std::uint32_t> random_sequence(std::uint64_t seed, int bits, int length);

// Sobol direction numbers of a dimension (32 entries, left-aligned in 32 bits).
std::vector<std::uint32_t> sobol_directions(int dimension);

// How the two operands of the SC multipliers get their random numbers.
enum class Generator {
  kNone,    // one shared LFSR for inputs and weights: no decorrelation at all
  kLfsr,    // two LFSRs with the same polynomial, different seeds
  kSobol,   // Sobol dimensions 1 (inputs) and 2 (weights)
  kHalton,  // Halton bases 2 (inputs) and 3 (weights)
  kScc,     // one LFSR; weights read its low window (an isolator of n - b cycles)
  kRandom,  // independent random bits (reference only)
};

// "none", "lfsr", "sobol", "halton", "scc", "random"; InputError otherwise.
Generator parse_generator(const std::string& name);
std::string generator_name(Generator generator);
// True for the generators built from an LFSR polynomial: none, lfsr, scc.
bool uses_polynomial(Generator generator);
// The feedback polynomial the generator's LFSR runs on: `polynomial` for the LFSR-based generators, the
// default for the others (Sobol and Halton have no LFSR; the value is unused but always valid).
Polynomial generator_polynomial(Generator generator, std::string_view polynomial);

// The seeds the characterisation and the Verilog generator use.
inline constexpr std::uint32_t kInputSeed = 0xACE1u;
inline constexpr std::uint32_t kWeightSeed = 0x5B3Du;

struct OperandSequences {
  std::vector<std::uint32_t> inputs;
  std::vector<std::uint32_t> weights;
};

// The per-cycle b-bit numbers of both operands for `length` cycles.
OperandSequences operand_sequences(Generator generator, const Polynomial& polynomial, int bits, int length);

}  // namespace scn::sim
