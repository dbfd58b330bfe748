#include "sc_neurocore/core/python_random.hpp"

#include <gtest/gtest.h>

namespace scn::core {
namespace {

// Expected values printed by CPython 3.11: random.Random(42).getrandbits(32) etc.
TEST(PythonRandom, MatchesCPythonStreamForSeed42) {
  PythonRandom rng(42);
  EXPECT_EQ(rng.getrandbits(32), 2746317213u);
  EXPECT_EQ(rng.getrandbits(32), 478163327u);
}

TEST(PythonRandom, RandomMatchesCPython) {
  PythonRandom rng(42);
  EXPECT_DOUBLE_EQ(rng.random(), 0.6394267984578837);
  EXPECT_DOUBLE_EQ(rng.random(), 0.025010755222666936);
}

TEST(PythonRandom, ChoiceMatchesCPython) {
  PythonRandom rng(123);
  // [random.Random(123).choice(range(61)) for _ in range(5)] in CPython 3.11
  const std::size_t expected[] = {3, 17, 5, 49, 26};
  for (std::size_t value : expected) EXPECT_EQ(rng.choice_index(61), value);
}

// choice() over a one-element sequence still consumes draws in CPython.
TEST(PythonRandom, ChoiceOfOneStillDraws) {
  PythonRandom rng(7);
  EXPECT_EQ(rng.choice_index(1), 0u);
  EXPECT_EQ(rng.choice_index(1), 0u);
  EXPECT_DOUBLE_EQ(rng.random(), 0.3948234964231735);
}

}  // namespace
}  // namespace scn::core
