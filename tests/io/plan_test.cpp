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

}  // namespace
}  // namespace scn::io
