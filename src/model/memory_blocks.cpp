#include "sc_neurocore/model/memory_blocks.hpp"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <limits>
#include <set>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/hw/folded_layer.hpp"

namespace scn::model {

namespace {

// The width Yosys configures the blocks to: the least cost 64 n + (a - 1) W / 2, the narrowest on ties.
struct BlockLayout {
  std::int64_t width = 0;    // w
  std::int64_t stacked = 0;  // a: address ranges side by side
  std::int64_t blocks = 0;   // n
};

BlockLayout block_layout(const Device& device, std::int64_t width, std::int64_t depth) {
  const auto block_bits = static_cast<std::uint64_t>(device.bram_block_kbits * 1024);
  double best_cost = std::numeric_limits<double>::infinity();
  BlockLayout best;
  for (const int w : device.bram_widths) {
    const auto d = static_cast<std::int64_t>(std::bit_floor(block_bits / static_cast<std::uint64_t>(w)));
    if (d < 1) continue;
    const std::int64_t stacked = (depth + d - 1) / d;
    const std::int64_t blocks = (stacked * width + w - 1) / w;
    const double cost = 64.0 * static_cast<double>(blocks) + 0.5 * static_cast<double>((stacked - 1) * width);
    if (cost < best_cost) {
      best_cost = cost;
      best = {w, stacked, blocks};
    }
  }
  return best;
}

}  // namespace

std::int64_t memory_blocks(const Device& device, std::int64_t varying_bits, std::int64_t depth) {
  if (varying_bits <= 0 || depth <= 0) return 0;
  return block_layout(device, varying_bits, depth).blocks;
}

std::int64_t blocks_holding_columns(const Device& device, std::int64_t width, std::int64_t depth,
                                    std::int64_t first_used, std::int64_t used) {
  if (width <= 0 || depth <= 0 || used <= 0) return 0;
  const BlockLayout layout = block_layout(device, width, depth);
  std::int64_t blocks = 0, last = -1;
  for (std::int64_t range = 0; range < layout.stacked; ++range)
    for (std::int64_t c = first_used; c < first_used + used; ++c) {
      const std::int64_t block = (range * width + c) / layout.width;
      if (block != last) ++blocks;
      last = block;
    }
  return blocks;
}

std::int64_t spram_blocks(const hw::LayerDesign& design) {
  if (!design.fold.folded() || design.fold.memory != hw::WeightMemory::kSpram) return 0;
  return hw::spram_layout(design).blocks;
}

const Device& family_block_ram(std::string_view family) {
  for (const Device& d : devices())
    if (d.family == family && !d.bram_widths.empty()) return d;
  throw core::InputError("no device of family '" + std::string(family) + "' in the catalogue has block RAM");
}

std::int64_t varying_columns(const std::vector<std::uint32_t>& entries, int words, int lanes,
                             int entry_bits) {
  if (words < 2) return 0;
  std::int64_t varying = 0;
  for (int lane = 0; lane < lanes; ++lane) {
    std::uint32_t seen_one = 0, seen_zero = 0;
    for (int w = 0; w < words; ++w) {
      const std::uint32_t e = entries[static_cast<std::size_t>(w) * static_cast<std::size_t>(lanes) +
                                      static_cast<std::size_t>(lane)];
      seen_one |= e;
      seen_zero |= ~e;
    }
    const std::uint32_t mask = entry_bits >= 32 ? ~0u : (1u << entry_bits) - 1;
    varying += std::popcount(seen_one & seen_zero & mask);
  }
  return varying;
}

std::int64_t distinct_varying_columns(const std::vector<std::uint32_t>& entries, int words, int lanes,
                                      int entry_bits) {
  if (words < 2) return 0;
  const std::size_t chunks = (static_cast<std::size_t>(words) + 63) / 64;
  std::set<std::vector<std::uint64_t>> patterns;
  std::vector<std::uint64_t> pattern(chunks);
  for (int lane = 0; lane < lanes; ++lane)
    for (int bit = 0; bit < entry_bits; ++bit) {
      std::fill(pattern.begin(), pattern.end(), 0);
      int ones = 0;
      for (int w = 0; w < words; ++w)
        if (((entries[static_cast<std::size_t>(w) * static_cast<std::size_t>(lanes) +
                      static_cast<std::size_t>(lane)] >>
              bit) &
             1u) != 0) {
          pattern[static_cast<std::size_t>(w) / 64] |= std::uint64_t{1} << (w % 64);
          ++ones;
        }
      if (ones > 0 && ones < words) patterns.insert(pattern);
    }
  return static_cast<std::int64_t>(patterns.size());
}

std::int64_t folded_distinct_columns(const hw::LayerDesign& d,
                                     const std::vector<std::int32_t>& signed_weights) {
  const bool is_signed =
      std::any_of(signed_weights.begin(), signed_weights.end(), [](std::int32_t w) { return w < 0; });
  const hw::FoldShape s = hw::fold_shape(d, is_signed);
  if (static_cast<std::int64_t>(s.chunks) * s.word_bits > kDistinctColumnsLimit) return -1;
  return distinct_varying_columns(hw::weight_memory_entries(d, signed_weights), s.chunks, d.fold.lanes(),
                                  s.entry_bits);
}

std::int64_t folded_varying_columns(const hw::LayerDesign& d,
                                    const std::vector<std::int32_t>& signed_weights) {
  return FoldedColumnCounter(d, signed_weights).varying_columns(d.fold.input_lanes);
}

FoldedColumnCounter::FoldedColumnCounter(const hw::LayerDesign& d, const std::vector<std::int32_t>& weights)
    : n_inputs_(d.n_inputs), n_neurons_(d.n_neurons), neuron_lanes_(d.fold.neuron_lanes) {
  const bool is_signed = std::any_of(weights.begin(), weights.end(), [](std::int32_t w) { return w < 0; });
  const int q = hw::effective_weight_bits(d);
  const int drop = d.precision - q;
  const int entry_bits = q + (is_signed ? 1 : 0);
  mask_ = entry_bits >= 32 ? ~0u : (1u << entry_bits) - 1;
  const auto pe = static_cast<std::size_t>(neuron_lanes_);
  ones_.assign(static_cast<std::size_t>(n_inputs_) * pe, 0u);
  zeros_.assign(ones_.size(), 0u);
  for (int i = 0; i < n_inputs_; ++i) {
    const std::int32_t* row = weights.data() + static_cast<std::size_t>(i) * n_neurons_;
    for (int j = 0, lane = 0; j < n_neurons_; ++j, lane = lane + 1 == neuron_lanes_ ? 0 : lane + 1) {
      const std::int32_t w = row[j];
      const std::uint32_t e = (static_cast<std::uint32_t>(std::abs(w)) >> drop) | (w < 0 ? 1u << q : 0u);
      ones_[static_cast<std::size_t>(i) * pe + lane] |= e;
      zeros_[static_cast<std::size_t>(i) * pe + lane] |= ~e;
    }
  }
}

std::int64_t FoldedColumnCounter::varying_columns(int input_lanes) const {
  const int groups = (n_neurons_ + neuron_lanes_ - 1) / neuron_lanes_;
  const int slices = (n_inputs_ + input_lanes - 1) / input_lanes;
  if (groups * slices < 2) return 0;
  const auto pe = static_cast<std::size_t>(neuron_lanes_);
  std::vector<std::uint32_t> one(pe), zero(pe);
  std::int64_t varying = 0;
  for (int input_lane = 0; input_lane < input_lanes; ++input_lane) {
    const int inputs = input_lane < n_inputs_ ? (n_inputs_ - input_lane + input_lanes - 1) / input_lanes : 0;
    std::fill(one.begin(), one.end(), 0u);
    std::fill(zero.begin(), zero.end(), 0u);
    for (int i = input_lane; i < n_inputs_;
         i += input_lanes)  // row by row: each input's lanes are contiguous
      for (std::size_t lane = 0; lane < pe; ++lane) {
        one[lane] |= ones_[static_cast<std::size_t>(i) * pe + lane];
        zero[lane] |= zeros_[static_cast<std::size_t>(i) * pe + lane];
      }
    for (std::size_t lane = 0; lane < pe; ++lane) {
      // A lane some chunk leaves empty holds 0 there (past the last neuron or input).
      const int neurons = (n_neurons_ - static_cast<int>(lane) + neuron_lanes_ - 1) / neuron_lanes_;
      const std::uint32_t zeros = inputs * neurons < groups * slices ? ~0u : zero[lane];
      varying += std::popcount(one[lane] & zeros & mask_);
    }
  }
  return varying;
}

}  // namespace scn::model
