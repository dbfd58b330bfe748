// The plan reader: hand-written plans, the fields it ignores, and the errors naming the file, layer and
// field.
#include "sc_neurocore/io/plan.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::io {
namespace {

TEST(PlanReader, AcceptsAHandWrittenPlanAndIgnoresCostFields) {
  const auto plan = plan_from_json(
      nlohmann::json::parse(R"({"layers": [{"id": "a", "bitstream_length": 128, "decorrelator": "Sobol",
        "precision_bits": 6, "mode": "SC", "luts_used": -5}]})"),
      "p.json");
  ASSERT_EQ(plan.size(), 1u);
  EXPECT_EQ(plan[0].bitstream_length, 128);
  EXPECT_EQ(plan[0].lfsr_polynomial, "none");
}

TEST(PlanReader, NamesTheFileTheLayerAndTheField) {
  EXPECT_THROW_MESSAGE(plan_from_json(nlohmann::json::parse(R"({"layers": [{"id": "a", "decorrelator": "LFSR",
        "precision_bits": 6, "mode": "SC"}]})"),
                                      "p.json"),
                       core::InputError, "p.json: layer 0 ('a') missing bitstream_length");
  EXPECT_THROW_MESSAGE(
      plan_from_json(nlohmann::json::parse(R"({"layers": [{"id": "a", "bitstream_length": "64",
        "decorrelator": "LFSR", "precision_bits": 6, "mode": "SC"}]})"),
                     "p.json"),
      core::InputError, "p.json: layer 0 ('a') bitstream_length must be an integer");
  EXPECT_THROW_MESSAGE(
      plan_from_json(nlohmann::json::parse(R"({"layers": [], "rejected_layers": ["enc"]})"), "p.json"),
      core::InputError, "p.json: the plan rejected layer \"enc\"");
}

TEST(PlanReader, BiasCorrectionIsABoolean) {
  const auto plan = plan_from_json(
      nlohmann::json::parse(R"({"layers": [{"id": "a", "bitstream_length": 64, "decorrelator": "LFSR",
        "precision_bits": 6, "mode": "SC", "bias_correction": false}]})"),
      "p.json");
  EXPECT_FALSE(plan[0].bias_correction);
  EXPECT_THROW_MESSAGE(plan_from_json(nlohmann::json::parse(R"({"layers": [{"id": "a", "bitstream_length": 64,
        "decorrelator": "LFSR", "precision_bits": 6, "mode": "SC", "bias_correction": "yes"}]})"),
                                      "p.json"),
                       core::InputError,
                       "p.json: layer 0 ('a') bias_correction must be true or false, got \"yes\"");
}

std::vector<hw::PlannedLayer> with_fold(const std::string& fold) {
  return plan_from_json(nlohmann::json::parse(R"({"layers": [{"id": "a", "bitstream_length": 64,
        "decorrelator": "LFSR", "precision_bits": 6, "mode": "SC", "fold": )" +
                                              fold + "}]}"),
                        "p.json");
}

TEST(PlanReader, FoldNamesTheLanesAndTheWeightMemory) {
  const auto plan = with_fold(R"({"neuron_lanes": 4, "input_lanes": 3, "weight_memory": "logic"})");
  EXPECT_EQ(plan[0].fold, (hw::Fold{4, 3, hw::WeightMemory::kLogic}));
  EXPECT_EQ(with_fold(R"({"neuron_lanes": 2})")[0].fold, (hw::Fold{2, 1, hw::WeightMemory::kBlockRam}));
  EXPECT_FALSE(with_fold("null")[0].fold.folded());
  EXPECT_THROW_MESSAGE(with_fold(R"({"input_lanes": 2})"), core::InputError,
                       "p.json: layer 0 ('a') fold: missing neuron_lanes");
  EXPECT_THROW_MESSAGE(with_fold(R"({"neuron_lanes": 0})"), core::InputError,
                       "p.json: layer 0 ('a') fold: neuron_lanes must be at least 1, got 0");
  EXPECT_EQ(with_fold(R"({"neuron_lanes": 2, "weight_memory": "spram"})")[0].fold,
            (hw::Fold{2, 1, hw::WeightMemory::kSpram}));
  EXPECT_THROW_MESSAGE(
      with_fold(R"({"neuron_lanes": 2, "weight_memory": "ebr"})"), core::InputError,
      "p.json: layer 0 ('a') fold: weight_memory must be block_ram, logic or spram, got 'ebr'");
  EXPECT_THROW_MESSAGE(
      with_fold(R"({"neuron_lanes": 2, "pe": 4})"), core::InputError,
      "p.json: layer 0 ('a') fold: unknown field 'pe' (neuron_lanes, input_lanes, weight_memory, "
      "input_memory)");
  EXPECT_EQ(with_fold(R"({"neuron_lanes": 2, "input_lanes": 4, "input_memory": true})")[0].fold,
            (hw::Fold{2, 4, hw::WeightMemory::kBlockRam, true}));
  EXPECT_THROW_MESSAGE(with_fold(R"({"neuron_lanes": 2, "input_memory": 1})"), core::InputError,
                       "p.json: layer 0 ('a') fold: input_memory must be true or false, got 1");
}

// fold_json writes what plan_from_json reads: input_memory only when set.
TEST(PlanReader, FoldJsonRoundTrips) {
  const hw::Fold in_memory{8, 16, hw::WeightMemory::kSpram, true};
  EXPECT_EQ(fold_json(in_memory).dump(),
            R"({"input_lanes":16,"input_memory":true,"neuron_lanes":8,"weight_memory":"spram"})");
  EXPECT_EQ(with_fold(fold_json(in_memory).dump())[0].fold, in_memory);
  EXPECT_FALSE(fold_json(hw::Fold{2, 1, hw::WeightMemory::kLogic}).contains("input_memory"));
}

}  // namespace
}  // namespace scn::io
