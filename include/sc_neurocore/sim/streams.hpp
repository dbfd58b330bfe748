// Bit-true stochastic streams packed 64 cycles per word: SNG comparators,
// unipolar AND and bipolar XNOR multiplication, MUX scaled addition and
// popcount accumulation, and the SC dot product they make.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sc_neurocore/sim/generators.hpp"

namespace scn::sim {

struct Bitstream {
  int length = 0;  // cycles
  std::vector<std::uint64_t>
      words;  // bit t of the stream = bit (t % 64) of word t / 64; bits past length are 0
  bool operator==(const Bitstream&) const = default;
};

std::int64_t popcount(const Bitstream& stream);
Bitstream bitwise_and(const Bitstream& a, const Bitstream& b);   // unipolar multiply: p_a * p_b
Bitstream bitwise_xnor(const Bitstream& a, const Bitstream& b);  // bipolar multiply: (2p-1) products
// Scaled addition: cycle t takes a's bit when select's bit is 0, b's otherwise.
Bitstream mux(const Bitstream& select, const Bitstream& a, const Bitstream& b);

// b-bit random numbers of L cycles transposed into bit planes, so that a
// comparator runs on 64 cycles per machine word.
class RandomPlanes {
 public:
  RandomPlanes(std::span<const std::uint32_t> values, int bits);
  int length() const { return length_; }
  int bits() const { return bits_; }
  // The SNG: bit t = (random_t < value), value in [0, 2^bits] (2^bits = always 1).
  Bitstream encode(std::uint32_t value) const;
  // popcount(encode(a) AND encode(b)) without materialising either stream.
  std::int64_t and_count(std::uint32_t a, const RandomPlanes& other, std::uint32_t b) const;
  // encode(value) into words() words at `out`, without allocating (the network simulator's hot path).
  void encode_words(std::uint32_t value, std::uint64_t* out) const;
  std::size_t words() const { return words_; }

 private:
  int length_;
  int bits_;
  std::size_t words_;
  std::vector<std::uint64_t> planes_;  // planes_[bit * words_ + word]
};

// round(p * 2^bits), p clamped to [0, 1]: the value an SNG compares against.
std::uint32_t quantize_probability(double p, int bits);

enum class ComputeMode { kSc, kHybrid, kDeterministic };

// How many of M MACs are computed exactly: all (deterministic), int(0.3 M) (hybrid, as published) or none.
int exact_macs(ComputeMode mode, int mac_count);

// SC dot product sum_k x_k w_k / M of unipolar values in [0, 1]: the first
// exact_macs(mode, M) products from the quantised values, the rest by AND +
// popcount over L cycles of the shared operand sequences.
double sc_dot_product(std::span<const double> inputs, std::span<const double> weights,
                      const RandomPlanes& input_planes, const RandomPlanes& weight_planes, ComputeMode mode);

}  // namespace scn::sim
