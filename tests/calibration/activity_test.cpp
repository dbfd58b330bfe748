// The netlist reader and VCD toggle counter of the power fit's activity measurement
// (calibration/activity.hpp) on a real Yosys 0.23 netlist of the counter24 fixture and its Icarus VCD over 8
// clock cycles.
#include "sc_neurocore/calibration/activity.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "test_util.hpp"

namespace scn::calibration {
namespace {

const std::string kNetlist = std::string(SCN_TEST_DATA_DIR) + "/power/activity/counter24.mapped.v";
const std::string kVcd = std::string(SCN_TEST_DATA_DIR) + "/power/activity/counter24.8cycles.vcd";

TEST(NetlistCells, ReadsEveryCellAndItsConnections) {
  const auto cells = netlist_cells(core::read_file(kNetlist), kNetlist);
  ASSERT_EQ(cells.size(), 70u);
  const auto count = [&](const std::string& type) {
    return std::count_if(cells.begin(), cells.end(), [&](const NetlistCell& c) { return c.type == type; });
  };
  EXPECT_EQ(count("SB_LUT4"), 24);
  EXPECT_EQ(count("SB_CARRY"), 22);
  EXPECT_EQ(count("SB_DFF"), 24);
  // The first cell: SB_CARRY count_SB_CARRY_CI (.CI(count[0]), .CO(msb_SB_LUT4_I2_I3[2]), .I0(1'h0), ...).
  EXPECT_EQ(cells[0].type, "SB_CARRY");
  EXPECT_EQ(cells[0].ports.at("CI"), (std::vector<std::string>{"count", "[", "0", "]"}));
  EXPECT_EQ(cells[0].ports.at("I0"), (std::vector<std::string>{"1'h0"}));
  // Every LUT output, carry out and flip-flop output is a net of its own.
  EXPECT_EQ(toggled_nets(cells).size(), 70u);
}

TEST(VcdToggles, CountsTheCounterBitsFlips) {
  const auto nets = toggled_nets(netlist_cells(core::read_file(kNetlist), kNetlist));
  const VcdToggles t = vcd_toggles(core::read_file(kVcd), nets, kVcd);
  EXPECT_EQ(t.clock_edges, 8);
  // The counter goes 16 -> 24 in the dump: bit 0 flips 8 times, bit 1 4, bit 2 2, bit 3 once.
  EXPECT_EQ(t.per_net.at({"count", 0}), 8);
  EXPECT_EQ(t.per_net.at({"count", 1}), 4);
  EXPECT_EQ(t.per_net.at({"count", 2}), 2);
  EXPECT_EQ(t.per_net.at({"count", 3}), 1);
  EXPECT_EQ(t.per_net.at({"count", 4}), 0);
  EXPECT_EQ(t.total, 36);  // 15 flip-flop, 15 LUT and 6 carry toggles
}

TEST(VcdToggles, AMissingNetOrAnUnknownEndIsAnError) {
  const std::string vcd = core::read_file(kVcd);
  EXPECT_THROW_MESSAGE(vcd_toggles(vcd, {{"nowhere", -1}}, "a.vcd"), core::InputError,
                       "a.vcd: net nowhere is not in the VCD");
  EXPECT_THROW_MESSAGE(vcd_toggles(vcd, {{"count", -1}}, "a.vcd"), core::InputError, "count is 24 bits wide");
  const std::string unknown =
      "$var wire 1 ! clk $end\n$var wire 1 # q $end\n$enddefinitions $end\n#0\nx#\n0!\n#5\n1!\n";
  EXPECT_THROW_MESSAGE(vcd_toggles(unknown, {{"q", -1}}, "u.vcd"), core::InputError,
                       "u.vcd: net q[-1] ends the simulation unknown");
}

}  // namespace
}  // namespace scn::calibration
