// Reading input files with clear errors, and writing output files atomically
// (temporary file in the same folder, then rename): nothing is half-written.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scn::core {

inline constexpr std::size_t kMaxInputFileBytes = 64u * 1024u * 1024u;  // 64 MiB

// Reads a whole file. Throws FileError naming the path when it is missing, a
// directory, unreadable or larger than `max_bytes`.
std::string read_file(const std::filesystem::path& path, std::size_t max_bytes = kMaxInputFileBytes);

// Reads a text file that must be non-empty UTF-8 (FileError/InputError otherwise).
std::string read_utf8_text_file(const std::filesystem::path& path,
                                std::size_t max_bytes = kMaxInputFileBytes);

bool is_valid_utf8(std::string_view text);
// The text with every byte that is not part of a well-formed UTF-8 sequence removed (Python's
// decode("utf-8", errors="ignore"), as the published loader reads reports).
std::string utf8_dropping_invalid_bytes(std::string_view text);

// Re-encodes Latin-1 (ISO 8859-1) bytes as UTF-8.
std::string latin1_to_utf8(std::string_view text);

// Reads a tool report: non-empty, no NUL bytes (binary files are refused), at
// most `max_bytes`. Reports that are not UTF-8 are read as Latin-1, because
// Quartus writes the degree sign as the single byte 0xB0.
std::string read_report_text_file(const std::filesystem::path& path,
                                  std::size_t max_bytes = kMaxInputFileBytes);
// The same checks and decoding on bytes already read from `path`.
std::string report_text_from_bytes(std::string bytes, const std::filesystem::path& path);

// Writes `content` to a temporary file beside `path`, then renames it into
// place. With `create_parents`, missing parent folders are created first.
// Throws FileError naming the path; on failure nothing is left at `path`.
void write_file_atomically(const std::filesystem::path& path, std::string_view content,
                           bool create_parents = false);

// Writes a folder of files (name -> content) into a temporary folder beside `path`, then renames it into
// place, replacing an earlier folder of that name. FileError naming the path; on failure `path` is as it was.
void write_directory_atomically(const std::filesystem::path& path,
                                const std::vector<std::pair<std::string, std::string>>& files);

// A folder of its own under the system's temporary folder (TMPDIR), "<prefix>XXXXXX", removed with
// everything in it when the object goes (unless kept). FileError when it cannot be created.
class TemporaryFolder {
 public:
  explicit TemporaryFolder(const std::string& prefix);
  ~TemporaryFolder();
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Leaves the folder in place (a failed tool's logs, named by its error).
  void keep() { kept_ = true; }

 private:
  std::filesystem::path path_;
  bool kept_ = false;
};

}  // namespace scn::core
