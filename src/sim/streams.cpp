#include "sc_neurocore/sim/streams.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "sc_neurocore/core/error.hpp"

namespace scn::sim {
namespace {

std::size_t word_count(int length) { return (static_cast<std::size_t>(length) + 63) / 64; }

std::uint64_t tail_mask(int length) {
  const int tail = length % 64;
  return tail == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << tail) - 1;
}

void require_same_length(const Bitstream& a, const Bitstream& b) {
  if (a.length != b.length) {
    throw core::InputError("bitstreams of different lengths: " + std::to_string(a.length) + " and " +
                           std::to_string(b.length));
  }
}

template <typename Op>
Bitstream combine(const Bitstream& a, const Bitstream& b, Op op) {
  require_same_length(a, b);
  Bitstream out{a.length, std::vector<std::uint64_t>(a.words.size())};
  for (std::size_t w = 0; w < a.words.size(); ++w) out.words[w] = op(a.words[w], b.words[w]);
  if (!out.words.empty()) out.words.back() &= tail_mask(a.length);
  return out;
}

}  // namespace

std::int64_t popcount(const Bitstream& stream) {
  std::int64_t count = 0;
  for (const std::uint64_t word : stream.words) count += std::popcount(word);
  return count;
}

Bitstream bitwise_and(const Bitstream& a, const Bitstream& b) {
  return combine(a, b, [](std::uint64_t x, std::uint64_t y) { return x & y; });
}

Bitstream bitwise_xnor(const Bitstream& a, const Bitstream& b) {
  return combine(a, b, [](std::uint64_t x, std::uint64_t y) { return ~(x ^ y); });
}

Bitstream mux(const Bitstream& select, const Bitstream& a, const Bitstream& b) {
  require_same_length(select, a);
  require_same_length(select, b);
  Bitstream out{a.length, std::vector<std::uint64_t>(a.words.size())};
  for (std::size_t w = 0; w < a.words.size(); ++w)
    out.words[w] = (a.words[w] & ~select.words[w]) | (b.words[w] & select.words[w]);
  return out;
}

RandomPlanes::RandomPlanes(std::span<const std::uint32_t> values, int bits)
    : length_(static_cast<int>(values.size())), bits_(bits), words_(word_count(length_)) {
  if (bits < 1 || bits > 31)
    throw core::InputError("SNG precision must be 1-31 bits, got " + std::to_string(bits));
  planes_.assign(static_cast<std::size_t>(bits) * words_, 0);
  for (std::size_t t = 0; t < values.size(); ++t) {
    const std::uint64_t bit = std::uint64_t{1} << (t % 64);
    for (int j = 0; j < bits; ++j)
      if ((values[t] >> j) & 1u) planes_[static_cast<std::size_t>(j) * words_ + t / 64] |= bit;
  }
}

void RandomPlanes::encode_words(std::uint32_t value, std::uint64_t* out) const {
  const std::uint64_t last = tail_mask(length_);
  if (value >= (std::uint32_t{1} << bits_)) {  // p = 1
    std::fill(out, out + words_, ~std::uint64_t{0});
    if (words_ > 0) out[words_ - 1] = last;
    return;
  }
  for (std::size_t w = 0; w < words_; ++w) {
    // Bit-serial comparison, most significant bit first, 64 cycles at once.
    std::uint64_t less = 0;
    std::uint64_t equal = ~std::uint64_t{0};
    for (int j = bits_ - 1; j >= 0; --j) {
      const std::uint64_t r = planes_[static_cast<std::size_t>(j) * words_ + w];
      const std::uint64_t x = ((value >> j) & 1u) ? ~std::uint64_t{0} : 0;
      less |= equal & ~r & x;
      equal &= ~(r ^ x);
    }
    out[w] = less;
  }
  if (words_ > 0) out[words_ - 1] &= last;
}

Bitstream RandomPlanes::encode(std::uint32_t value) const {
  Bitstream stream{length_, std::vector<std::uint64_t>(words_)};
  encode_words(value, stream.words.data());
  return stream;
}

std::int64_t RandomPlanes::and_count(std::uint32_t a, const RandomPlanes& other, std::uint32_t b) const {
  if (other.length_ != length_) throw core::InputError("operand sequences of different lengths");
  std::vector<std::uint64_t> first(words_), second(words_);
  encode_words(a, first.data());
  other.encode_words(b, second.data());
  std::int64_t count = 0;
  for (std::size_t w = 0; w < words_; ++w) count += std::popcount(first[w] & second[w]);
  return count;
}

std::uint32_t quantize_probability(double p, int bits) {
  const double scale = std::ldexp(1.0, bits);
  return static_cast<std::uint32_t>(std::nearbyint(std::clamp(p, 0.0, 1.0) * scale));
}

int exact_macs(ComputeMode mode, int mac_count) {
  switch (mode) {
    case ComputeMode::kSc:
      return 0;
    case ComputeMode::kHybrid:
      return static_cast<int>(0.3 * mac_count);  // the published 30 % share, truncated
    case ComputeMode::kDeterministic:
      return mac_count;
  }
  return 0;
}

double sc_dot_product(std::span<const double> inputs, std::span<const double> weights,
                      const RandomPlanes& input_planes, const RandomPlanes& weight_planes, ComputeMode mode) {
  if (inputs.size() != weights.size() || inputs.empty())
    throw core::InputError("dot product needs equal non-empty operands");
  const int bits = input_planes.bits();
  const int m = static_cast<int>(inputs.size());
  const int exact = exact_macs(mode, m);
  const double scale = std::ldexp(1.0, bits);
  double sum = 0.0;
  for (int k = 0; k < exact; ++k) {
    sum += static_cast<double>(quantize_probability(inputs[k], bits)) *
           static_cast<double>(quantize_probability(weights[k], bits)) / (scale * scale);
  }
  std::int64_t ones = 0;
  for (int k = exact; k < m; ++k) {
    ones += input_planes.and_count(quantize_probability(inputs[k], bits), weight_planes,
                                   quantize_probability(weights[k], bits));
  }
  sum += static_cast<double>(ones) / static_cast<double>(input_planes.length());
  return sum / m;
}

}  // namespace scn::sim
