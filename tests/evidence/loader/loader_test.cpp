// docs/reference-behaviour.md §2.2–2.4 and §2.6 (the newest, strict rules).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/evidence/loader/observations.hpp"
#include "test_util.hpp"

namespace scn::evidence {
namespace {

using nlohmann::json;

json complete_record() {
  return {{"mac_count", 64},        {"bitstream_length", 128}, {"decorrelator", "LFSR"},
          {"mode", "SC"},           {"precision_bits", 8},     {"lfsr_polynomial", "x16+x15+x13+x4+1"},
          {"luts_used", 300},       {"power_mw", 1.2},         {"latency_cycles", 128},
          {"accuracy_score", 0.999}};
}

const core::BenchmarkObservation kComplete{64,  128, "LFSR", "SC",  8,    "x16+x15+x13+x4+1",
                                           300, 1.2, 128,    0.999, false};

TEST(PayloadShapes, TopLevelListAndEveryRecordKey) {
  EXPECT_EQ(observations_from_payload(json::array({complete_record()})), std::vector{kComplete});
  for (const char* key : {"observations", "benchmark_observations", "layers", "runs", "results"}) {
    SCOPED_TRACE(key);
    EXPECT_EQ(observations_from_payload({{key, json::array({complete_record(), complete_record()})}}).size(),
              2u);
  }
}

TEST(PayloadShapes, FirstListKeyInOrderWins) {
  json other = complete_record();
  other["luts_used"] = 999;
  const json payload = {{"results", json::array({other})},
                        {"observations", json::array({complete_record()})},
                        {"runs", "not a list"}};
  EXPECT_EQ(observations_from_payload(payload).at(0).luts_used, 300);
  // A non-list under an earlier key is skipped, not an error.
  const json skipped = {{"observations", "none"}, {"layers", json::array({other})}};
  EXPECT_EQ(observations_from_payload(skipped).at(0).luts_used, 999);
}

TEST(PayloadShapes, SingleRecordPayloads) {
  EXPECT_EQ(observations_from_payload(complete_record()), std::vector{kComplete});  // has luts_used
  json with_report = complete_record();
  with_report.erase("luts_used");
  with_report["report"] = {{"luts_used", 300}};
  EXPECT_EQ(observations_from_payload(with_report), std::vector{kComplete});
  json with_measurement = complete_record();
  with_measurement.erase("power_mw");
  with_measurement["measurement"] = {{"power_mw", 1.2}};
  EXPECT_EQ(observations_from_payload(with_measurement), std::vector{kComplete});
}

TEST(PayloadShapes, DefaultsFromDesignDefaultsOrDesign) {
  json record = {{"luts_used", 300}, {"power_mw", 1.2}, {"latency_cycles", 128}, {"accuracy_score", 0.999}};
  json design = complete_record();
  for (const char* key : {"luts_used", "power_mw", "latency_cycles", "accuracy_score"}) design.erase(key);
  EXPECT_EQ(observations_from_payload({{"design_defaults", design}, {"observations", json::array({record})}}),
            std::vector{kComplete});
  EXPECT_EQ(observations_from_payload({{"design", design}, {"observations", json::array({record})}}),
            std::vector{kComplete});
  // Falsy design_defaults fall through to design.
  EXPECT_EQ(
      observations_from_payload(
          {{"design_defaults", json::object()}, {"design", design}, {"observations", json::array({record})}}),
      std::vector{kComplete});
  // The record's own keys beat the defaults (shallow merge).
  json own = record;
  own["bitstream_length"] = 256;
  EXPECT_EQ(
      observations_from_payload({{"design", design}, {"runs", json::array({own})}}).at(0).bitstream_length,
      256);
  EXPECT_THROW_MESSAGE(
      observations_from_payload({{"design", json::array({1})}, {"runs", json::array({record})}}),
      core::ObservationLoadError, "<memory>: observation record must be a JSON object");
}

TEST(PayloadShapes, Rejections) {
  EXPECT_THROW_MESSAGE(observations_from_payload(json::array({complete_record(), 3}), "e.json"),
                       core::ObservationLoadError,
                       "e.json observation 1: observation record must be a JSON object");
  EXPECT_THROW_MESSAGE(observations_from_payload(json::array(), "e.json"), core::ObservationLoadError,
                       "e.json contains no observation records");
  EXPECT_THROW_MESSAGE(observations_from_payload({{"observations", json::array()}}, "e.json"),
                       core::ObservationLoadError, "e.json contains no observation records");
  EXPECT_THROW_MESSAGE(observations_from_payload({{"note", "nothing here"}}, "e.json"),
                       core::ObservationLoadError, "e.json contains no observation records");
  EXPECT_THROW_MESSAGE(observations_from_payload("text", "e.json"), core::ObservationLoadError,
                       "e.json: observation payload must be a JSON object or list");
  EXPECT_THROW_MESSAGE(observations_from_payload(3.5, "e.json"), core::ObservationLoadError,
                       "observation payload must be a JSON object or list");
}

TEST(NestedViews, MeasurementViewsBeatDesignViewsBeatTopLevel) {
  json record = complete_record();
  record["design"] = {{"bitstream_length", 256}};
  record["candidate"] = {{"bitstream_length", 512}, {"mode", "Hybrid"}};
  EXPECT_EQ(observations_from_payload(record).at(0).bitstream_length, 256);  // design after candidate
  EXPECT_EQ(observations_from_payload(record).at(0).mode, "Hybrid");
  record["measurement"] = {{"luts_used", 1}};
  record["report"] = {{"luts_used", 2}};
  record["resources"] = {{"luts_used", 3}};
  record["timing"] = {{"luts_used", 4}, {"latency_cycles", 77}};
  record["power"] = {{"luts_used", 5}, {"power_mw", 9.5}};
  const auto o = observations_from_payload(record).at(0);
  EXPECT_EQ(o.luts_used, 5);  // power beats timing beats resources beats report beats measurement
  EXPECT_EQ(o.latency_cycles, 77);
  EXPECT_EQ(o.power_mw, 9.5);
  // A numeric "power" is not a view: the top-level power_mw stays.
  json numeric = complete_record();
  numeric["power"] = 12.0;
  EXPECT_EQ(observations_from_payload(numeric).at(0).power_mw, 1.2);
}

TEST(Aliases, FirstPresentKeyWins) {
  const std::pair<const char*, std::vector<const char*>> groups[] = {
      {"luts_used", {"luts", "lut", "clb_luts", "logic_luts", "alm"}},
      {"power_mw", {"total_power_mw", "total_on_chip_power_mw", "thermal_power_mw"}},
      {"latency_cycles", {"cycles", "latency"}},
      {"accuracy_score", {"accuracy", "score", "parity_score"}}};
  for (const auto& [field, aliases] : groups) {
    for (const char* alias : aliases) {
      SCOPED_TRACE(alias);
      json record = complete_record();
      record.erase(field);
      record[alias] = 42;
      const auto o = observations_from_payload(json::array({record})).at(0);
      const double value = std::string(field) == "luts_used"        ? o.luts_used
                           : std::string(field) == "power_mw"       ? o.power_mw
                           : std::string(field) == "latency_cycles" ? o.latency_cycles
                                                                    : o.accuracy_score;
      EXPECT_EQ(value, 42.0);
    }
  }
  json both = complete_record();
  both["luts"] = 7;  // luts_used comes first in the alias order
  EXPECT_EQ(observations_from_payload(both).at(0).luts_used, 300);
}

TEST(MissingFields, SingleAndAliasGroups) {
  const std::pair<const char*, const char*> cases[] = {
      {"mac_count", "missing mac_count"},
      {"bitstream_length", "missing bitstream_length"},
      {"decorrelator", "missing decorrelator"},
      {"mode", "missing mode"},
      {"precision_bits", "missing precision_bits"},
      {"lfsr_polynomial", "missing lfsr_polynomial"},
      {"luts_used", "missing one of luts_used, luts, lut, clb_luts, logic_luts, alm"},
      {"power_mw", "missing one of power_mw, total_power_mw, total_on_chip_power_mw, thermal_power_mw"},
      {"latency_cycles", "missing one of latency_cycles, cycles, latency"},
      {"accuracy_score", "missing one of accuracy_score, accuracy, score, parity_score"}};
  for (const auto& [field, message] : cases) {
    json record = complete_record();
    record.erase(field);
    EXPECT_THROW_MESSAGE(observations_from_payload(json::array({complete_record(), record}), "obs.json"),
                         core::ObservationLoadError, std::string("obs.json observation 1: ") + message);
  }
}

TEST(IntegerFields, RejectBooleansFractionsNonFiniteAndNegatives) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (const char* field :
       {"mac_count", "bitstream_length", "precision_bits", "luts_used", "latency_cycles"}) {
    SCOPED_TRACE(field);
    const std::pair<json, std::string> cases[] = {
        {true, " must be an int"},    {128.9, " must be an int"},   {nan, " must be an int"},
        {inf, " must be an int"},     {-inf, " must be an int"},    {"300", " must be an int"},
        {nullptr, " must be an int"}, {-3, " must be non-negative"}};
    for (const auto& [value, problem] : cases) {
      json record = complete_record();
      record[field] = value;
      EXPECT_THROW_MESSAGE(observations_from_payload(record, "o.json"), core::ObservationLoadError,
                           std::string("o.json observation 0: ") + field + problem);
    }
    json integral = complete_record();
    integral[field] = 128.0;  // integral floats are accepted
    EXPECT_NO_THROW(observations_from_payload(integral));
  }
  json alias = complete_record();
  alias.erase("luts_used");
  alias["alm"] = true;
  EXPECT_THROW_MESSAGE(observations_from_payload(json::array({alias})), core::ObservationLoadError,
                       "alm must be an int");
  // Without luts_used, report or measurement a bare object is not a record (docs/reference-behaviour.md
  // §2.2).
  EXPECT_THROW_MESSAGE(observations_from_payload(alias), core::ObservationLoadError,
                       "contains no observation records");
}

TEST(FloatFields, RejectBooleansNonFiniteAndNegatives) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (const char* field : {"power_mw", "accuracy_score"}) {
    SCOPED_TRACE(field);
    const std::pair<json, std::string> cases[] = {
        {true, " must be numeric"}, {"1.5", " must be numeric"}, {nullptr, " must be numeric"},
        {nan, " must be finite"},   {inf, " must be finite"},    {-0.5, " must be non-negative"}};
    for (const auto& [value, problem] : cases) {
      json record = complete_record();
      record[field] = value;
      EXPECT_THROW_MESSAGE(observations_from_payload(record, "o.json"), core::ObservationLoadError,
                           std::string("o.json observation 0: ") + field + problem);
    }
  }
  json accuracy = complete_record();
  accuracy["accuracy_score"] = 1.5;  // no range check, as published
  EXPECT_EQ(observations_from_payload(accuracy).at(0).accuracy_score, 1.5);
}

TEST(StringFields, RejectEmptyAndNonStrings) {
  for (const char* field : {"decorrelator", "mode", "lfsr_polynomial"}) {
    for (const json& value : {json(""), json(3), json(nullptr), json::array({"LFSR"})}) {
      json record = complete_record();
      record[field] = value;
      EXPECT_THROW_MESSAGE(observations_from_payload(record, "o.json"), core::ObservationLoadError,
                           std::string("o.json observation 0: ") + field + " must be a string");
    }
  }
}

TEST(CriticalPath, MustBeABooleanWhenPresent) {
  json record = complete_record();
  record["is_critical_path"] = true;
  EXPECT_TRUE(observations_from_payload(record).at(0).is_critical_path);
  for (const json& value : {json("false"), json(1), json(nullptr)}) {
    record["is_critical_path"] = value;
    EXPECT_THROW_MESSAGE(observations_from_payload(record, "o.json"), core::ObservationLoadError,
                         "o.json observation 0: is_critical_path must be a boolean");
  }
}

TEST(FieldOrder, FirstFailingFieldInTableOrderIsReported) {
  json record = complete_record();
  record["power_mw"] = -1;
  record["bitstream_length"] = -1;
  EXPECT_THROW_MESSAGE(observations_from_payload(record), core::ObservationLoadError,
                       "bitstream_length must be non-negative");
}

TEST(LoadObservations, FilesAndTheirErrors) {
  test::TempDir dir;
  test::write_text(dir.path() / "ok.json", json({{"observations", json::array({complete_record()})}}).dump());
  EXPECT_EQ(load_observations(dir.path() / "ok.json"), std::vector{kComplete});
  EXPECT_THROW_MESSAGE(load_observations(dir.path() / "missing.json"), core::FileError,
                       "missing.json: no such file");
  test::write_text(dir.path() / "bad.json", "{\"observations\": [\n  {\"mac_count\": 1,}\n]}");
  EXPECT_THROW_MESSAGE(load_observations(dir.path() / "bad.json"), core::ObservationLoadError,
                       "bad.json is not valid JSON: line 2, column 19");
  test::write_text(dir.path() / "empty.json", "");
  EXPECT_THROW_MESSAGE(load_observations(dir.path() / "empty.json"), core::ObservationLoadError,
                       "empty.json: file is empty");
  test::write_text(dir.path() / "latin1.json",
                   "{\"note\": \"0 \xb0"
                   "C\"}");
  EXPECT_THROW_MESSAGE(load_observations(dir.path() / "latin1.json"), core::ObservationLoadError,
                       "latin1.json: file is not UTF-8 text");
  EXPECT_THROW_MESSAGE(load_observations(dir.path()), core::ObservationLoadError, "is a directory");
  test::write_text(dir.path() / "nan.json", "[{\"power_mw\": NaN}]");
  EXPECT_THROW_MESSAGE(load_observations(dir.path() / "nan.json"), core::ObservationLoadError,
                       "nan.json is not valid JSON");
}

TEST(LoadObservations, RefusesFilesOver64MiB) {
  test::TempDir dir;
  const auto big = dir.path() / "big.json";
  {
    std::ofstream out(big, std::ios::binary);
    const std::string chunk(1 << 20, ' ');
    for (int i = 0; i < 65; ++i) out << chunk;
  }
  EXPECT_THROW_MESSAGE(load_observations(big), core::ObservationLoadError,
                       "big.json: file is larger than 64 MiB");
}

TEST(ObservationRecord, ElevenKeysRoundTrip) {
  const json record = observation_to_record(kComplete);
  EXPECT_EQ(record.size(), 11u);
  EXPECT_EQ(observations_from_payload(record), std::vector{kComplete});
}

}  // namespace
}  // namespace scn::evidence
