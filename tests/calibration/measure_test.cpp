// The configuration rows the measurements start from (calibration/layer_rows.hpp) and the measurement CSV's
// columns (calibration/measure.hpp), against the committed sweeps of data/calibration/.
#include "sc_neurocore/calibration/measure.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "sc_neurocore/calibration/layer_rows.hpp"
#include "sc_neurocore/core/csv.hpp"
#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::calibration {
namespace {

std::string data(const std::string& name) {
  return std::string(SCN_EXAMPLES_DIR) + "/../data/calibration/" + name;
}

std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

TEST(LayerRows, ReadsTheKnobsOfEachRow) {
  const LayerRows rows = read_layer_rows(data("holdout-configs.csv"));
  ASSERT_EQ(rows.cells.size(), 16u);
  EXPECT_EQ(rows.lines.front(), 2);
  // Row 2: 64,9,2048,12,10,scc,x16+x12+x3+x+1,sc,0.79,381697
  const hw::LayerDesign d = row_design(rows, 1);
  EXPECT_EQ(d.n_inputs, 64);
  EXPECT_EQ(d.n_neurons, 9);
  EXPECT_EQ(d.bitstream_length, 2048);
  EXPECT_EQ(d.precision, 12);
  EXPECT_EQ(d.weight_bits, 10);
  EXPECT_EQ(d.generator, sim::Generator::kScc);
  EXPECT_EQ(d.polynomial, "x16+x12+x3+x+1");
  EXPECT_EQ(d.mode, sim::ComputeMode::kSc);
  EXPECT_DOUBLE_EQ(d.sparsity, 0.79);
  EXPECT_EQ(d.seed, 381697u);
  EXPECT_EQ(d.negative_fraction, 0.0);
  EXPECT_EQ(hw::module_name(d), "sc_layer_64x9_l2048_p12_q10_scc_sc_s790");
  EXPECT_DOUBLE_EQ(row_design(read_layer_rows(data("signed-holdout-configs.csv")), 0).negative_fraction,
                   0.36);
}

TEST(LayerRows, BadRowsNameTheFileTheRowAndTheField) {
  const test::TempDir dir;
  const std::string path = (dir.path() / "configs.csv").string();
  const std::string header =
      "n_inputs,n_neurons,bitstream_length,precision,weight_bits,generator,polynomial,mode,"
      "sparsity,seed\n";
  test::write_text(path,
                   header + "4,2,64,4,0,lfsr,x16+x14+x13+x11+1,sc,0.0,1\n\n4,2,64,four,0,lfsr,x,sc,0,1\n");
  const LayerRows rows = read_layer_rows(path);
  EXPECT_EQ(rows.lines, (std::vector<int>{2, 4}));
  EXPECT_THROW_MESSAGE(row_design(rows, 1), core::InputError,
                       path + ": row 4, field 'precision': not a number: 'four'");
  test::write_text(path, header + "4,2,64,4,0,lfsr,x16+x14+x13+x11+1,sc,1.5,1\n");
  EXPECT_THROW_MESSAGE(row_design(read_layer_rows(path), 0), core::InputError, path + ": row 2: ");
  test::write_text(path, header + "4,2,64\n");
  EXPECT_THROW_MESSAGE(read_layer_rows(path), core::InputError, path + ": row 2 has 3 fields, the header 10");
  test::write_text(path, "n_inputs,n_neurons\n4,2\n");
  EXPECT_THROW_MESSAGE(row_design(read_layer_rows(path), 0), core::InputError,
                       "no column 'bitstream_length'");
}

// The columns the committed measurement sweeps were written with, unsigned and signed, iCE40 and ECP5.
TEST(MeasuredColumns, AreThoseOfTheCommittedSweeps) {
  const auto header = [](const std::string& configs, const std::string& family) {
    std::string line = core::csv_line(measured_columns(read_layer_rows(data(configs)), family));
    line.pop_back();
    return line;
  };
  EXPECT_EQ(header("holdout-configs.csv", "ice40"), first_line(data("ice40-holdout.csv")));
  EXPECT_EQ(header("signed-holdout-configs.csv", "ice40"), first_line(data("ice40-signed-holdout.csv")));
  EXPECT_EQ(header("ecp5-fit-configs.csv", "ecp5"), first_line(data("ecp5-fit.csv")));
}

TEST(MeasuredCells, FollowTheColumns) {
  MeasuredLayer l;
  l.config = {"4", "2"};
  l.module = "m";
  l.luts = 10;
  l.ffs = 3;
  l.carries = 2;
  l.yosys = "Yosys 0.23";
  l.seconds = "0.8";
  l.logic_cells = "14";
  l.placed = "routed";
  l.fmax_mhz = "121.05";
  l.nextpnr = "nextpnr-ice40 -- Next Generation Place and Route (Version 0.4-1+b1)";
  l.device = "hx8k:ct256";
  EXPECT_EQ(measured_cells(l, "ecp5"),
            (std::vector<std::string>{"4", "2", "m", "10", "3", "2", "0", "Yosys 0.23", "0.8"}));
  EXPECT_EQ(measured_cells(l, "ice40").size(), 15u);
  EXPECT_EQ(measured_cells(l, "ice40")[12], "121.05");
  EXPECT_EQ(measured_text(l), "m: 10 LUTs, 3 FFs, 2 carries, 14 LCs, fmax 121.05");
}

}  // namespace
}  // namespace scn::calibration
