#include "sc_neurocore/core/python_random.hpp"

#include <bit>
#include <cmath>
#include <vector>

namespace scn::core {

void PythonRandom::init_genrand(std::uint32_t s) {
  state_[0] = s;
  for (int i = 1; i < kN; ++i) {
    state_[i] = 1812433253u * (state_[i - 1] ^ (state_[i - 1] >> 30)) + static_cast<std::uint32_t>(i);
  }
  index_ = kN;
}

PythonRandom::PythonRandom(std::int64_t seed) {
  // CPython splits |seed| into 32-bit words, least significant first.
  std::uint64_t magnitude =
      seed < 0 ? ~static_cast<std::uint64_t>(seed) + 1 : static_cast<std::uint64_t>(seed);
  std::vector<std::uint32_t> key;
  do {
    key.push_back(static_cast<std::uint32_t>(magnitude & 0xFFFFFFFFu));
    magnitude >>= 32;
  } while (magnitude != 0);

  init_genrand(19650218u);
  int i = 1;
  std::size_t j = 0;
  const int key_length = static_cast<int>(key.size());
  for (int k = kN > key_length ? kN : key_length; k > 0; --k) {
    state_[i] = (state_[i] ^ ((state_[i - 1] ^ (state_[i - 1] >> 30)) * 1664525u)) + key[j] +
                static_cast<std::uint32_t>(j);
    ++i;
    ++j;
    if (i >= kN) {
      state_[0] = state_[kN - 1];
      i = 1;
    }
    if (j >= key.size()) j = 0;
  }
  for (int k = kN - 1; k > 0; --k) {
    state_[i] =
        (state_[i] ^ ((state_[i - 1] ^ (state_[i - 1] >> 30)) * 1566083941u)) - static_cast<std::uint32_t>(i);
    ++i;
    if (i >= kN) {
      state_[0] = state_[kN - 1];
      i = 1;
    }
  }
  state_[0] = 0x80000000u;
  index_ = kN;
}

std::uint32_t PythonRandom::next_u32() {
  static constexpr std::uint32_t kMatrixA = 0x9908b0dfu;
  static constexpr std::uint32_t kUpperMask = 0x80000000u;
  static constexpr std::uint32_t kLowerMask = 0x7fffffffu;
  if (index_ >= kN) {
    int k = 0;
    for (; k < kN - kM; ++k) {
      const std::uint32_t y = (state_[k] & kUpperMask) | (state_[k + 1] & kLowerMask);
      state_[k] = state_[k + kM] ^ (y >> 1) ^ ((y & 1u) ? kMatrixA : 0u);
    }
    for (; k < kN - 1; ++k) {
      const std::uint32_t y = (state_[k] & kUpperMask) | (state_[k + 1] & kLowerMask);
      state_[k] = state_[k + (kM - kN)] ^ (y >> 1) ^ ((y & 1u) ? kMatrixA : 0u);
    }
    const std::uint32_t y = (state_[kN - 1] & kUpperMask) | (state_[0] & kLowerMask);
    state_[kN - 1] = state_[kM - 1] ^ (y >> 1) ^ ((y & 1u) ? kMatrixA : 0u);
    index_ = 0;
  }
  std::uint32_t y = state_[index_++];
  y ^= (y >> 11);
  y ^= (y << 7) & 0x9d2c5680u;
  y ^= (y << 15) & 0xefc60000u;
  y ^= (y >> 18);
  return y;
}

std::uint32_t PythonRandom::getrandbits(int k) { return next_u32() >> (32 - k); }

std::size_t PythonRandom::randbelow(std::size_t n) {
  if (n == 0) return 0;             // CPython draws even for n == 1 (getrandbits(1) until 0)
  const int k = std::bit_width(n);  // n.bit_length()
  std::size_t r = getrandbits(k);
  while (r >= n) r = getrandbits(k);
  return r;
}

double PythonRandom::random() {
  const std::uint32_t a = next_u32() >> 5;
  const std::uint32_t b = next_u32() >> 6;
  return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

double PythonRandom::gauss(double mu, double sigma) {
  constexpr double kTwoPi = 6.283185307179586;
  double z;
  if (has_gauss_next_) {
    z = gauss_next_;
    has_gauss_next_ = false;
  } else {
    const double x2pi = random() * kTwoPi;
    const double g2rad = std::sqrt(-2.0 * std::log(1.0 - random()));
    z = std::cos(x2pi) * g2rad;
    gauss_next_ = std::sin(x2pi) * g2rad;
    has_gauss_next_ = true;
  }
  return mu + z * sigma;
}

}  // namespace scn::core
