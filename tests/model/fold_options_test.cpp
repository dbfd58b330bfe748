// The fold options the default planner costs (model/design_space.hpp).
#include <gtest/gtest.h>

#include "sc_neurocore/model/design_space.hpp"

namespace scn::model {
namespace {

TEST(FoldOptions, PowersOfTwoAndTheSizeOnEveryMemoryFewerLanesThanSynapses) {
  const auto options = fold_options(5, 3, {hw::WeightMemory::kBlockRam, hw::WeightMemory::kLogic});
  // Neuron lanes 1, 2, 3; input lanes 1, 2, 4, 5; all but 3 x 5 (every synapse: the spatial layer).
  ASSERT_EQ(options.size(), 2u * (3 * 4 - 1));
  EXPECT_EQ(options.front(), (hw::Fold{1, 1, hw::WeightMemory::kBlockRam}));
  EXPECT_EQ(options[10], (hw::Fold{3, 4, hw::WeightMemory::kBlockRam}));
  EXPECT_EQ(options[11], (hw::Fold{1, 1, hw::WeightMemory::kLogic}));
  EXPECT_EQ(options.back(), (hw::Fold{3, 4, hw::WeightMemory::kLogic}));
  for (const hw::Fold& f : options) EXPECT_LT(f.neuron_lanes * f.input_lanes, 15);
  EXPECT_TRUE(fold_options(1, 1, {hw::WeightMemory::kBlockRam}).empty());  // one synapse: nothing to fold
  EXPECT_EQ(fold_options(784, 64, {hw::WeightMemory::kBlockRam}).size(), 7u * 11 - 1);
}

}  // namespace
}  // namespace scn::model
