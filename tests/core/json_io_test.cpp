#include "sc_neurocore/core/json_io.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::core {
namespace {

TEST(PythonJson, SortsKeysIndentsAndFormatsFloats) {
  nlohmann::json value = {
      {"energy", {{"latency_seconds", 1.28e-06}, {"clock_mhz", 100.0}, {"inferences_per_run", 2}}},
      {"observations", nlohmann::json::array()},
      {"flag", true},
      {"name", nullptr}};
  EXPECT_EQ(to_python_json(value),
            "{\n"
            "  \"energy\": {\n"
            "    \"clock_mhz\": 100.0,\n"
            "    \"inferences_per_run\": 2,\n"
            "    \"latency_seconds\": 1.28e-06\n"
            "  },\n"
            "  \"flag\": true,\n"
            "  \"name\": null,\n"
            "  \"observations\": []\n"
            "}");
}

TEST(PythonJson, EscapesLikeEnsureAscii) {
  nlohmann::json value = {"caf\xc3\xa9 \"q\" \\ \n \x01 \xf0\x9f\x98\x80"};
  EXPECT_EQ(to_python_json(value), "[\n  \"caf\\u00e9 \\\"q\\\" \\\\ \\n \\u0001 \\ud83d\\ude00\"\n]");
}

TEST(PythonJson, WritesNonFiniteFloatsAsPythonTokens) {
  nlohmann::json value = nlohmann::json::array(
      {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(), -1e16, {}});
  EXPECT_EQ(to_python_json(value), "[\n  NaN,\n  Infinity,\n  -1e+16,\n  null\n]");
  EXPECT_EQ(to_python_json(nlohmann::json::object()), "{}");
}

TEST(ParseJson, ReportsLineAndColumnOfTheFault) {
  try {
    parse_json("{\n  \"a\": 1,\n  \"b\": }\n", "net.json");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("net.json is not valid JSON: line 3, column 8", 0), 0u) << e.what();
  }
}

TEST(ParseJson, NumberOverflowIsAnInputErrorNotACrash) {
  EXPECT_THROW_MESSAGE(parse_json("5e677", "big.json"), InputError,
                       "big.json is not valid JSON: number overflow");
}

}  // namespace
}  // namespace scn::core
