#include "sc_neurocore/sim/generators.hpp"

#include <array>

#include "sc_neurocore/core/error.hpp"

namespace scn::sim {
namespace {

std::uint32_t low_mask(int bits) { return bits >= 32 ? 0xFFFFFFFFu : (std::uint32_t{1} << bits) - 1; }

void check_bits(int bits, int limit, const char* what) {
  if (bits < 1 || bits > limit) {
    throw core::InputError(std::string(what) + ": precision " + std::to_string(bits) + " bits is outside 1-" +
                           std::to_string(limit));
  }
}

// Joe & Kuo, new-joe-kuo-6.21201: dimension d >= 2 as (s, a, m_1..m_s).
struct JoeKuo {
  int s;
  std::uint32_t a;
  std::array<std::uint32_t, 5> m;
};
constexpr JoeKuo kJoeKuo[] = {
    {1, 0, {1}},               // d = 2
    {2, 1, {1, 3}},            // d = 3
    {3, 1, {1, 3, 1}},         // d = 4
    {3, 2, {1, 1, 1}},         // d = 5
    {4, 1, {1, 1, 3, 3}},      // d = 6
    {4, 4, {1, 3, 5, 13}},     // d = 7
    {5, 2, {1, 1, 5, 5, 17}},  // d = 8
};

}  // namespace

Lfsr::Lfsr(const Polynomial& polynomial, std::uint32_t seed, LfsrForm form)
    : degree_(polynomial.degree), mask_(low_mask(polynomial.degree)), taps_(0), state_(0), form_(form) {
  if (degree_ < 1 || degree_ > 32)
    throw core::InputError("LFSR degree must be 1-32, got " + std::to_string(degree_));
  for (int t = 1; t <= degree_; ++t) {
    if (!((polynomial.terms >> t) & 1u)) continue;
    taps_ |= form == LfsrForm::kFibonacci ? std::uint32_t{1} << (degree_ - t) : std::uint32_t{1} << (t - 1);
  }
  state_ = seed & mask_;
  if (state_ == 0)
    throw core::InputError("LFSR seed must be non-zero in its " + std::to_string(degree_) + " bits");
}

void Lfsr::step() {
  if (form_ == LfsrForm::kFibonacci) {
    const std::uint32_t feedback = static_cast<std::uint32_t>(__builtin_parity(state_ & taps_));
    state_ = ((state_ >> 1) | (feedback << (degree_ - 1))) & mask_;
  } else {
    state_ = (state_ & 1u) ? (state_ >> 1) ^ taps_ : state_ >> 1;
  }
}

std::vector<std::uint32_t> lfsr_sequence(const Polynomial& polynomial, std::uint32_t seed, int bits,
                                         int length, LfsrForm form) {
  check_bits(bits, polynomial.degree, "LFSR");
  Lfsr lfsr(polynomial, seed, form);
  std::vector<std::uint32_t> values(static_cast<std::size_t>(length));
  for (auto& v : values) {
    v = lfsr.value(bits);
    lfsr.step();
  }
  return values;
}

std::vector<std::uint32_t> lfsr_low_window_sequence(const Polynomial& polynomial, std::uint32_t seed,
                                                    int bits, int length) {
  check_bits(bits, polynomial.degree, "LFSR");
  Lfsr lfsr(polynomial, seed);
  std::vector<std::uint32_t> values(static_cast<std::size_t>(length));
  for (auto& v : values) {
    v = lfsr.state() & low_mask(bits);
    lfsr.step();
  }
  return values;
}

std::vector<std::uint32_t> sobol_directions(int dimension) {
  if (dimension < 1 || dimension > 8)
    throw core::InputError("Sobol dimension must be 1-8, got " + std::to_string(dimension));
  std::vector<std::uint32_t> v(32);
  if (dimension == 1) {
    for (int k = 0; k < 32; ++k) v[k] = std::uint32_t{1} << (31 - k);
    return v;
  }
  const JoeKuo& jk = kJoeKuo[dimension - 2];
  for (int k = 0; k < jk.s; ++k) v[k] = jk.m[k] << (31 - k);
  for (int k = jk.s; k < 32; ++k) {
    v[k] = v[k - jk.s] ^ (v[k - jk.s] >> jk.s);
    for (int j = 1; j < jk.s; ++j)
      if ((jk.a >> (jk.s - 1 - j)) & 1u) v[k] ^= v[k - j];
  }
  return v;
}

std::vector<std::uint32_t> sobol_sequence(int dimension, int bits, int length) {
  check_bits(bits, 32, "Sobol");
  const auto v = sobol_directions(dimension);
  std::vector<std::uint32_t> values(static_cast<std::size_t>(length));
  std::uint32_t point = 0;
  for (int i = 0; i < length; ++i) {
    values[static_cast<std::size_t>(i)] = point >> (32 - bits);
    // Gray code: the next point flips the direction number of i's lowest zero bit.
    point ^= v[static_cast<std::size_t>(__builtin_ctz(~static_cast<std::uint32_t>(i)))];
  }
  return values;
}

std::vector<std::uint32_t> halton_sequence(int base, int bits, int length) {
  check_bits(bits, 24, "Halton");
  if (base < 2) throw core::InputError("Halton base must be at least 2, got " + std::to_string(base));
  std::vector<std::uint32_t> values(static_cast<std::size_t>(length));
  for (int i = 0; i < length; ++i) {
    // phi(i) = reversed / base^digits, exactly in integers.
    std::uint64_t reversed = 0;
    std::uint64_t scale = 1;
    for (std::uint64_t n = static_cast<std::uint64_t>(i); n > 0; n /= static_cast<std::uint64_t>(base)) {
      reversed = reversed * static_cast<std::uint64_t>(base) + n % static_cast<std::uint64_t>(base);
      scale *= static_cast<std::uint64_t>(base);
    }
    values[static_cast<std::size_t>(i)] = static_cast<std::uint32_t>((reversed << bits) / scale);
  }
  return values;
}

std::vector<std::uint32_t> random_sequence(std::uint64_t seed, int bits, int length) {
  check_bits(bits, 32, "random");
  std::vector<std::uint32_t> values(static_cast<std::size_t>(length));
  for (auto& v : values) {
    std::uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    v = static_cast<std::uint32_t>((z ^ (z >> 31)) >> (64 - bits));
  }
  return values;
}

Generator parse_generator(const std::string& name) {
  if (name == "none") return Generator::kNone;
  if (name == "lfsr") return Generator::kLfsr;
  if (name == "sobol") return Generator::kSobol;
  if (name == "halton") return Generator::kHalton;
  if (name == "scc") return Generator::kScc;
  if (name == "random") return Generator::kRandom;
  throw core::InputError("unknown generator '" + name + "'; valid: none, lfsr, sobol, halton, scc");
}

std::string generator_name(Generator generator) {
  switch (generator) {
    case Generator::kNone:
      return "none";
    case Generator::kLfsr:
      return "lfsr";
    case Generator::kSobol:
      return "sobol";
    case Generator::kHalton:
      return "halton";
    case Generator::kScc:
      return "scc";
    case Generator::kRandom:
      return "random";
  }
  return "none";
}

bool uses_polynomial(Generator g) {
  return g == Generator::kNone || g == Generator::kLfsr || g == Generator::kScc;
}

Polynomial generator_polynomial(Generator generator, std::string_view polynomial) {
  return parse_polynomial(uses_polynomial(generator) ? polynomial : kDefaultPolynomial);
}

OperandSequences operand_sequences(Generator generator, const Polynomial& polynomial, int bits, int length) {
  switch (generator) {
    case Generator::kNone: {
      auto shared = lfsr_sequence(polynomial, kInputSeed, bits, length);
      return {shared, shared};
    }
    case Generator::kLfsr:
      return {lfsr_sequence(polynomial, kInputSeed, bits, length),
              lfsr_sequence(polynomial, kWeightSeed, bits, length)};
    case Generator::kSobol:
      return {sobol_sequence(1, bits, length), sobol_sequence(2, bits, length)};
    case Generator::kHalton:
      return {halton_sequence(2, bits, length), halton_sequence(3, bits, length)};
    case Generator::kScc:
      return {lfsr_sequence(polynomial, kInputSeed, bits, length),
              lfsr_low_window_sequence(polynomial, kInputSeed, bits, length)};
    case Generator::kRandom:
      return {random_sequence(1, bits, length), random_sequence(2, bits, length)};
  }
  return {};
}

}  // namespace scn::sim
