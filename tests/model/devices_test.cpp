// The device catalogue (data/devices.json): the parts people use, with their facts and sources.
#include "sc_neurocore/model/devices.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::model {
namespace {

TEST(Devices, TheRequiredPartsWithTheirFacts) {
  for (const char* key :
       {"ice40-hx1k", "ice40-hx4k", "ice40-hx8k", "ice40-lp8k", "ice40-up5k", "ecp5-12f", "ecp5-25f",
        "ecp5-45f", "ecp5-85f", "artix7-35t", "artix7-100t", "zynq-7010", "zynq-7020"}) {
    const Device* d = find_device(key);
    ASSERT_NE(d, nullptr) << key;
    EXPECT_GT(d->logic_cells, 0) << key;
    EXPECT_FALSE(d->packages.empty()) << key;
    EXPECT_NE(d->package(d->default_package), nullptr) << key;
    EXPECT_FALSE(d->sources.empty()) << key;
    EXPECT_GT(d->core_voltage, 0.9) << key;
    int widest = 0;
    for (const auto& p : d->packages) widest = std::max(widest, p.user_io);
    EXPECT_EQ(d->max_user_io, widest) << key;
  }
  const Device& hx8k = device("ice40-hx8k");
  EXPECT_EQ(hx8k.logic_unit, "ICESTORM_LC");
  EXPECT_EQ(hx8k.logic_cells, 7680);
  EXPECT_EQ(hx8k.bram_blocks, 32);
  EXPECT_EQ(hx8k.bram_unit, "SB_RAM40_4K");
  EXPECT_EQ(device("ecp5-25f").bram_unit, "DP16KD");
  EXPECT_EQ(device("artix7-35t").bram_unit, "RAMB36E1");
  EXPECT_EQ(hx8k.default_package, "ct256");
  EXPECT_EQ(hx8k.package("ct256")->user_io, 206);
  EXPECT_EQ(hx8k.device_flag, "--hx8k");
  const Device& up5k = device("ice40-up5k");
  EXPECT_EQ(up5k.logic_cells, 5280);
  EXPECT_EQ(up5k.dsp, 8);
  EXPECT_EQ(up5k.dsp_unit, "SB_MAC16");
  EXPECT_EQ(up5k.spram_kbits, 1024.0);
  EXPECT_EQ(up5k.default_package, "sg48");
  EXPECT_EQ(device("ice40-hx1k").logic_cells, 1280);
  EXPECT_EQ(device("ecp5-85f").logic_unit, "LUT4");
  EXPECT_EQ(device("ecp5-85f").dsp, 156);
  EXPECT_EQ(device("artix7-100t").logic_unit, "LUT6");
  EXPECT_EQ(device("artix7-100t").ffs, 126800);
  EXPECT_EQ(device("zynq-7020").luts, 53200);
}

TEST(Devices, PublishedKeysAreAliasesOfThePublishedParts) {
  EXPECT_EQ(device("ice40").key, "ice40-hx8k");
  EXPECT_EQ(device("ecp5").key, "ecp5-85f");
  EXPECT_EQ(device("artix7").key, "artix7-100t");
  EXPECT_EQ(device("zynq").key, "zynq-7020");
  EXPECT_EQ(canonical_device_key("ice40-up5k"), "ice40-up5k");
}

TEST(Devices, UnknownDeviceListsTheCatalogue) {
  EXPECT_THROW_MESSAGE(
      device("ice40-hx9k"), core::InputError,
      "unknown device 'ice40-hx9k'; valid devices: ['ice40-hx1k', 'ice40-hx4k', 'ice40-hx8k'");
}

TEST(Devices, ABadCatalogueNamesTheEntryAndTheField) {
  const std::string entry =
      R"({"key": "x", "part": "X", "vendor": "V", "family": "ice40", "series": "HX", "logic_unit": "ICESTORM_LC",
          "logic_cells": 10, "lut_inputs": 4, "luts": 10, "ffs": 10, "bram_blocks": 0, "bram_block_kbits": 4,
          "bram_kbits": 0, "bram_unit": "SB_RAM40_4K", "bram_widths": [2, 4, 8, 16], "spram_kbits": 0, "dsp": 0, "dsp_unit": "", "plls": 0,
          "max_user_io": 8,
          "packages": [{"name": "p8", "user_io": 8}], "default_package": "p8", "speed_grades": [],
          "core_voltage": 1.2, "toolchain": {"yosys_synth": "synth_ice40", "nextpnr": "", "device_flag": ""},
          "sources": ["test"]})";
  EXPECT_EQ(parse_device_catalogue("{\"devices\": [" + entry + "]}", "t.json").front().key, "x");
  std::string bad = entry;
  bad.replace(bad.find("\"logic_cells\": 10"), 17, "\"logic_cells\": -1");
  EXPECT_THROW_MESSAGE(parse_device_catalogue("{\"devices\": [" + bad + "]}", "t.json"), core::InputError,
                       "t.json: devices[0] (x): field 'logic_cells' must be a non-negative integer");
  bad = entry;
  bad.replace(bad.find("\"default_package\": \"p8\""), 23, "\"default_package\": \"q9\"");
  EXPECT_THROW_MESSAGE(parse_device_catalogue("{\"devices\": [" + bad + "]}", "t.json"), core::InputError,
                       "field 'default_package' names 'q9', which is not among its packages");
  bad = entry;
  bad.replace(bad.find("[2, 4, 8, 16]"), 13, "[2, 0]");
  EXPECT_THROW_MESSAGE(parse_device_catalogue("{\"devices\": [" + bad + "]}", "t.json"), core::InputError,
                       "t.json: devices[0] (x): field 'bram_widths' holds 0, not a width");
  EXPECT_THROW_MESSAGE(parse_device_catalogue("{\"devices\": [" + entry + ", " + entry + "]}", "t.json"),
                       core::InputError, "t.json: devices[1]: key 'x' repeats");
}

}  // namespace
}  // namespace scn::model
