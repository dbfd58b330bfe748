#include "sc_neurocore/core/file_io.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sc_neurocore/core/error.hpp"
#include "test_util.hpp"

namespace scn::core {
namespace {
namespace fs = std::filesystem;

TEST(ReadFile, ErrorsNameThePath) {
  test::TempDir dir;
  EXPECT_THROW_MESSAGE(read_file(dir.path() / "missing.json"), FileError, "missing.json: no such file");
  EXPECT_THROW_MESSAGE(read_file(dir.path()), FileError, "is a directory");
  test::write_text(dir.path() / "empty.txt", "");
  EXPECT_THROW_MESSAGE(read_utf8_text_file(dir.path() / "empty.txt"), InputError, "empty.txt: file is empty");
  test::write_text(dir.path() / "binary.rpt", std::string("\xff\xfe\x00\x01", 4));
  EXPECT_THROW_MESSAGE(read_utf8_text_file(dir.path() / "binary.rpt"), InputError,
                       "binary.rpt: file is not UTF-8");
}

TEST(ReadFile, RefusesFilesAboveTheLimit) {
  test::TempDir dir;
  test::write_text(dir.path() / "big.txt", std::string(2000, 'a'));
  EXPECT_THROW_MESSAGE(read_file(dir.path() / "big.txt", 1000), FileError, "big.txt: file is larger than");
  EXPECT_EQ(read_file(dir.path() / "big.txt", 2000).size(), 2000u);
}

TEST(Utf8, AcceptsValidAndRejectsMalformedSequences) {
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("\xc2\xb5W"));
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xe2\x82"));      // truncated
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));  // surrogate
}

TEST(TemporaryFolder, IsCreatedWithThePrefixAndRemovedWithItsContent) {
  std::filesystem::path kept;
  {
    const TemporaryFolder folder("scn-tmp-test-");
    kept = folder.path();
    EXPECT_TRUE(std::filesystem::is_directory(kept));
    EXPECT_EQ(kept.filename().string().rfind("scn-tmp-test-", 0), 0u);
    std::filesystem::create_directory(kept / "sub");
    write_file_atomically(kept / "sub" / "a.txt", "x");
  }
  EXPECT_FALSE(std::filesystem::exists(kept));
}

TEST(AtomicWrite, ReplacesContentAndLeavesNoTemporaryFiles) {
  test::TempDir dir;
  const fs::path out = dir.path() / "plan.json";
  write_file_atomically(out, "first\n");
  write_file_atomically(out, "second\n");
  EXPECT_EQ(test::read_text(out), "second\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(AtomicWrite, CreatesParentsOnlyWhenAsked) {
  test::TempDir dir;
  const fs::path nested = dir.path() / "a" / "b" / "out.json";
  EXPECT_THROW_MESSAGE(write_file_atomically(nested, "x"), FileError, "out.json: cannot write");
  EXPECT_FALSE(fs::exists(nested));
  write_file_atomically(nested, "x", /*create_parents=*/true);
  EXPECT_EQ(test::read_text(nested), "x");
}

TEST(AtomicWrite, RefusesADirectoryAsTarget) {
  test::TempDir dir;
  EXPECT_THROW_MESSAGE(write_file_atomically(dir.path(), "x"), FileError, "is a directory");
}

}  // namespace
}  // namespace scn::core
