// Small helpers shared by the test binaries: temporary folders, file text,
// running the CLI as a subprocess, and asserting on exception messages.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

// Asserts that `statement` throws `exception_type` whose what() contains `substring`.
#define EXPECT_THROW_MESSAGE(statement, exception_type, substring)                \
  do {                                                                            \
    try {                                                                         \
      statement;                                                                  \
      ADD_FAILURE() << "expected " #exception_type " from " #statement;           \
    } catch (const exception_type& e) {                                           \
      EXPECT_NE(std::string(e.what()).find(substring), std::string::npos)         \
          << "message: " << e.what() << "\nexpected to contain: " << (substring); \
    }                                                                             \
  } while (0)

namespace scn::test {

// A fresh folder under the system temp dir, removed with its content on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void write_text(const std::filesystem::path& path, const std::string& text);
std::string read_text(const std::filesystem::path& path);

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the built sc-neurocore binary with `args` (no shell), capturing stdout and stderr.
CliResult run_cli(const std::vector<std::string>& args);

// Number of lines in `text` (a final line without newline counts).
int line_count(const std::string& text);

}  // namespace scn::test
