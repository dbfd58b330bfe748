#include "sc_neurocore/io/weights.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::io {
namespace {

TEST(Npy, RoundTripsFloat32AndFloat64) {
  test::TempDir dir;
  const core::WeightArray f32 = make_matrix(2, 3, {1.5, -2.25, 0.0, 3.0, 4.0, -0.5}, core::DType::kFloat32);
  const core::WeightArray f64 = core::make_matrix(3, 1, {0.1, 0.2, 0.3});
  save_npy(dir.path() / "a.npy", f32);
  save_npy(dir.path() / "b.npy", f64);
  EXPECT_EQ(load_npy(dir.path() / "a.npy"), f32);
  EXPECT_EQ(load_npy(dir.path() / "b.npy"), f64);
}

TEST(Npy, HeaderIsWhatNumpyWrites) {
  const std::string bytes =
      npy_bytes(make_matrix(32, 16, std::vector<double>(512, 1.0), core::DType::kFloat32));
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
  EXPECT_EQ(bytes.find("{'descr': '<f4', 'fortran_order': False, 'shape': (32, 16), }"), 10u);
  EXPECT_EQ((bytes.size() - 512 * 4) % 64, 0u);  // data aligned to 64 bytes
  EXPECT_EQ(bytes[bytes.size() - 512 * 4 - 1], '\n');
}

TEST(Npy, RejectsWhatItCannotTrust) {
  test::TempDir dir;
  test::write_text(dir.path() / "text.npy", "not numpy at all");
  EXPECT_THROW_MESSAGE(load_npy(dir.path() / "text.npy"), core::InputError,
                       "text.npy: not a NumPy .npy file");
  std::string ints = npy_bytes(core::make_matrix(1, 2, {1, 2}));
  ints.replace(ints.find("<f8"), 3, "<i8");
  test::write_text(dir.path() / "ints.npy", ints);
  EXPECT_THROW_MESSAGE(load_npy(dir.path() / "ints.npy"), core::InputError,
                       "ints.npy: unsupported dtype '<i8'");
  std::string fortran = npy_bytes(core::make_matrix(1, 2, {1, 2}));
  fortran.replace(fortran.find("False"), 5, "True ");
  test::write_text(dir.path() / "f.npy", fortran);
  EXPECT_THROW_MESSAGE(load_npy(dir.path() / "f.npy"), core::InputError, "Fortran-ordered");
  std::string truncated = npy_bytes(core::make_matrix(2, 2, {1, 2, 3, 4}));
  truncated.resize(truncated.size() - 8);
  test::write_text(dir.path() / "t.npy", truncated);
  EXPECT_THROW_MESSAGE(load_npy(dir.path() / "t.npy"), core::InputError,
                       "t.npy: .npy data holds 24 bytes, shape needs 32");
  save_npy(dir.path() / "nan.npy", core::make_matrix(1, 2, {1.0, std::nan("")}));
  EXPECT_THROW_MESSAGE(load_npy(dir.path() / "nan.npy"), core::InputError,
                       "nan.npy: weight element 1 is not finite (nan)");
  save_npy(dir.path() / "inf.npy", core::make_matrix(1, 1, {-INFINITY}));
  EXPECT_THROW_MESSAGE(load_npy(dir.path() / "inf.npy"), core::InputError,
                       "inf.npy: weight element 0 is not finite (-inf)");
}

TEST(JsonWeights, OneMatrixOrAList) {
  test::TempDir dir;
  test::write_text(dir.path() / "one.json", "[[1, 2, 3], [4, 5, 6]]");
  const auto one = load_json_weights(dir.path() / "one.json");
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].shape, (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(one[0].values[5], 6.0);
  test::write_text(dir.path() / "two.json", "[[[1.5]], [[1, 2], [3, 4]]]");
  const auto two = load_json_weights(dir.path() / "two.json");
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[1].shape, (std::vector<std::size_t>{2, 2}));
  test::write_text(dir.path() / "ragged.json", "[[1, 2], [3]]");
  EXPECT_THROW_MESSAGE(load_json_weights(dir.path() / "ragged.json"), core::InputError,
                       "ragged.json: matrix row 1 must be a list of 2 numbers");
  test::write_text(dir.path() / "word.json", "[[1, \"x\"]]");
  EXPECT_THROW_MESSAGE(load_json_weights(dir.path() / "word.json"), core::InputError,
                       "row 0 column 1 is not a number");
}

TEST(RandomWeights, SeededStandardNormalLikeCPythonGauss) {
  const auto weights = random_weights({{2, 2}}, 5);
  ASSERT_EQ(weights.size(), 1u);
  // random.Random(5).gauss(0, 1) x3 in CPython 3.11.
  EXPECT_DOUBLE_EQ(weights[0].values[0], -1.1788417512306717);
  EXPECT_DOUBLE_EQ(weights[0].values[1], -1.1481606807908016);
  EXPECT_DOUBLE_EQ(weights[0].values[2], 0.6694689143859696);
  EXPECT_EQ(random_weights({{2, 2}}, 5), weights);
}

}  // namespace
}  // namespace scn::io
