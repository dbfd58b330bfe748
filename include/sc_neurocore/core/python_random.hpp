// CPython's random.Random (MT19937 seeded with init_by_array), so the
// reference profile's simulated annealing reproduces the published package's
// Python path draw for draw: same seed, same choices, same result.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace scn::core {

class PythonRandom {
 public:
  // random.Random(seed) for a non-negative integer seed (negative seeds use |seed|, as CPython).
  explicit PythonRandom(std::int64_t seed);

  // random.getrandbits(k) for 1 <= k <= 32.
  std::uint32_t getrandbits(int k);
  // random.Random._randbelow(n): rejection sampling with getrandbits(n.bit_length()).
  std::size_t randbelow(std::size_t n);
  // random.choice(seq) index for a sequence of length n > 0.
  std::size_t choice_index(std::size_t n) { return randbelow(n); }
  // random.random(): 53-bit double in [0, 1).
  double random();
  // random.gauss(mu, sigma): Box-Muller with CPython's cached second value.
  double gauss(double mu = 0.0, double sigma = 1.0);

 private:
  std::uint32_t next_u32();
  void init_genrand(std::uint32_t s);

  static constexpr int kN = 624;
  static constexpr int kM = 397;
  std::array<std::uint32_t, kN> state_{};
  int index_ = kN + 1;
  bool has_gauss_next_ = false;
  double gauss_next_ = 0.0;
};

}  // namespace scn::core
