// Simulator throughput in bit operations per second (items_per_second):
// one bit-op = one stream bit through a gate (AND, comparator, popcount).
// Run: build/bench/sim/bench_sim --benchmark_repetitions=5
#include <benchmark/benchmark.h>

#include "sc_neurocore/sim/streams.hpp"

namespace {

using namespace scn::sim;

const Polynomial kPolynomial = parse_polynomial("x16+x14+x13+x11+1");

// AND + popcount of two materialised streams: the MAC's inner loop.
void BM_AndPopcount(benchmark::State& state) {
  const int length = static_cast<int>(state.range(0));
  const auto seq = operand_sequences(Generator::kLfsr, kPolynomial, 8, length);
  const RandomPlanes x(seq.inputs, 8), w(seq.weights, 8);
  const Bitstream a = x.encode(100), b = w.encode(200);
  for (auto _ : state) benchmark::DoNotOptimize(popcount(bitwise_and(a, b)));
  state.SetItemsProcessed(state.iterations() * length);
}
BENCHMARK(BM_AndPopcount)->Arg(4096)->Arg(65536);

// The SNG: a b-bit comparator over L cycles, 64 cycles per word (bit-sliced).
void BM_Encode(benchmark::State& state) {
  const int bits = static_cast<int>(state.range(0));
  const int length = 4096;
  const auto seq = operand_sequences(Generator::kSobol, kPolynomial, bits, length);
  const RandomPlanes planes(seq.inputs, bits);
  std::uint32_t value = 1;
  for (auto _ : state) {
    benchmark::DoNotOptimize(planes.encode(value));
    value = (value * 37 + 11) & ((1u << bits) - 1);
  }
  state.SetItemsProcessed(state.iterations() * length);
}
BENCHMARK(BM_Encode)->Arg(8)->Arg(16);

// A whole SC dot product (two SNGs, AND, popcount per MAC): M = 64, L = 1024, b = 8.
void BM_DotProduct(benchmark::State& state) {
  const int length = 1024;
  const int macs = 64;
  const auto seq = operand_sequences(Generator::kSobol, kPolynomial, 8, length);
  const RandomPlanes x(seq.inputs, 8), w(seq.weights, 8);
  const auto draws = random_sequence(3, 16, 2 * macs);
  std::vector<double> inputs(macs), weights(macs);
  for (int k = 0; k < macs; ++k) {
    inputs[k] = draws[2 * k] / 65536.0;
    weights[k] = draws[2 * k + 1] / 65536.0;
  }
  for (auto _ : state) benchmark::DoNotOptimize(sc_dot_product(inputs, weights, x, w, ComputeMode::kSc));
  state.SetItemsProcessed(state.iterations() * macs * length);  // product bits
}
BENCHMARK(BM_DotProduct);

}  // namespace
