// The measurement CSV reader: cells, CRLF lines, and the column errors naming the file.
#include "sc_neurocore/core/csv.hpp"

#include <gtest/gtest.h>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::core {
namespace {

TEST(SplitCsvLine, CellsEmptyCellsAndCarriageReturns) {
  EXPECT_EQ(split_csv_line("a,b,,c"), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_EQ(split_csv_line("x16+x14+x13+x11+1,0.25\r"),
            (std::vector<std::string>{"x16+x14+x13+x11+1", "0.25"}));
  EXPECT_EQ(split_csv_line(""), (std::vector<std::string>{""}));
  EXPECT_EQ(split_csv_line(","), (std::vector<std::string>{"", ""}));
}

TEST(CsvLine, QuotesOnlyCellsPythonsCsvWriterQuotes) {
  EXPECT_EQ(csv_line({"x16+x14+x13+x11+1", "0.25", "", "Yosys 0.23"}),
            "x16+x14+x13+x11+1,0.25,,Yosys 0.23\n");
  EXPECT_EQ(csv_line({"Yosys 0.60 (git sha1 abc, clang 18)", "say \"hi\"", "a\nb"}),
            "\"Yosys 0.60 (git sha1 abc, clang 18)\",\"say \"\"hi\"\"\",\"a\nb\"\n");
  EXPECT_EQ(csv_line({""}), "\"\"\n");
  // What it writes, the quoted reader reads back.
  const std::vector<std::string> cells = {"a, b", "c\"d", "", "e"};
  std::string line = csv_line(cells);
  line.pop_back();
  EXPECT_EQ(split_quoted_csv_line(line), cells);
}

TEST(SplitQuotedCsvLine, QuotedFieldsKeepCommasAndDoubledQuotesAsPythonsCsvReads) {
  // Row 17 of data/power/ice40up5k-tinyvision.csv, shortened.
  EXPECT_EQ(split_quoted_csv_line("17,\"PLL (12MHz in, 16MHz output)\",pll,,\"a, b\"\r"),
            (std::vector<std::string>{"17", "PLL (12MHz in, 16MHz output)", "pll", "", "a, b"}));
  EXPECT_EQ(split_quoted_csv_line("\"say \"\"hi\"\"\",x"), (std::vector<std::string>{"say \"hi\"", "x"}));
  // A quote inside an unquoted field is text; so is an apostrophe.
  EXPECT_EQ(split_quoted_csv_line("a\"b,28 LC's"), (std::vector<std::string>{"a\"b", "28 LC's"}));
  EXPECT_EQ(split_quoted_csv_line(""), (std::vector<std::string>{""}));
  EXPECT_EQ(split_quoted_csv_line("\"\","), (std::vector<std::string>{"", ""}));
}

TEST(CsvHeader, FindsColumnsAndNamesTheFileOfAMissingOne) {
  const CsvHeader header = read_csv_header("n_inputs,n_neurons,luts\r", "fit.csv");
  EXPECT_EQ(header.column("n_inputs"), 0u);
  EXPECT_EQ(header.column("luts"), 2u);
  EXPECT_TRUE(header.has("n_neurons"));
  EXPECT_FALSE(header.has("carries"));
  EXPECT_THROW_MESSAGE(header.column("carries"), InputError, "fit.csv: header has no column 'carries'");
}

}  // namespace
}  // namespace scn::core
