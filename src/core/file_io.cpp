#include "sc_neurocore/core/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <system_error>

#include "sc_neurocore/core/error.hpp"

namespace scn::core {
namespace fs = std::filesystem;

std::string read_file(const fs::path& path, std::size_t max_bytes) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) throw FileError(path.string() + ": no such file");
  if (fs::is_directory(status)) throw FileError(path.string() + ": is a directory, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path.string() + ": cannot open for reading: " + std::strerror(errno));
  // Read at most max_bytes + 1 so special files without a size are bounded too.
  std::string content;
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    content.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (content.size() > max_bytes) {
      throw FileError(path.string() + ": file is larger than " + std::to_string(max_bytes / (1024 * 1024)) +
                      " MiB, refusing to read it");
    }
  }
  if (in.bad()) throw FileError(path.string() + ": read error");
  return content;
}

namespace {

// Length of the well-formed UTF-8 sequence at text[i], 0 when it is not one (a bad lead byte, a truncated
// sequence, an overlong form, a surrogate or a value above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  std::size_t extra;
  char32_t code;
  if (c < 0x80) {
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    extra = 1;
    code = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    extra = 2;
    code = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    extra = 3;
    code = c & 0x07;
  } else {
    return 0;
  }
  if (i + extra >= text.size()) return 0;
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    code = (code << 6) | (cc & 0x3F);
  }
  if ((extra == 1 && code < 0x80) || (extra == 2 && code < 0x800) || (extra == 3 && code < 0x10000) ||
      (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
    return 0;
  return extra + 1;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

std::string utf8_dropping_invalid_bytes(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      ++i;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

std::string read_utf8_text_file(const fs::path& path, std::size_t max_bytes) {
  std::string content = read_file(path, max_bytes);
  if (content.empty()) throw InputError(path.string() + ": file is empty");
  if (!is_valid_utf8(content)) throw InputError(path.string() + ": file is not UTF-8 text");
  return content;
}

std::string latin1_to_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out += c;
    } else {
      out += static_cast<char>(0xC0 | (byte >> 6));
      out += static_cast<char>(0x80 | (byte & 0x3F));
    }
  }
  return out;
}

std::string read_report_text_file(const fs::path& path, std::size_t max_bytes) {
  return report_text_from_bytes(read_file(path, max_bytes), path);
}

std::string report_text_from_bytes(std::string content, const fs::path& path) {
  if (content.empty()) throw InputError(path.string() + ": file is empty");
  if (content.find('\0') != std::string::npos)
    throw InputError(path.string() + ": binary file, not a text report");
  if (!is_valid_utf8(content)) content = latin1_to_utf8(content);
  return content;
}

void write_file_atomically(const fs::path& path, std::string_view content, bool create_parents) {
  const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::error_code ec;
  if (create_parents && !fs::exists(parent, ec)) {
    fs::create_directories(parent, ec);
    if (ec) throw FileError(path.string() + ": cannot create parent folder: " + ec.message());
  }
  if (fs::is_directory(path, ec)) throw FileError(path.string() + ": is a directory, expected a file path");
  std::string temp = (parent / ("." + path.filename().string() + ".tmp.XXXXXX")).string();
  const int fd = ::mkstemp(temp.data());
  if (fd < 0) throw FileError(path.string() + ": cannot write: " + std::strerror(errno));
  const char* data = content.data();
  std::size_t left = content.size();
  bool ok = true;
  while (left > 0) {
    const ssize_t written = ::write(fd, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  const int saved_errno = errno;
  // mkstemp creates 0600; give the file the permissions a plain create would.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ok = ok && ::fchmod(fd, 0666 & ~mask) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
    const int error = ok ? errno : saved_errno;
    ::unlink(temp.c_str());
    throw FileError(path.string() + ": cannot write: " + std::strerror(error));
  }
}

void write_directory_atomically(const fs::path& path,
                                const std::vector<std::pair<std::string, std::string>>& files) {
  const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::error_code ec;
  if (fs::exists(path, ec) && !fs::is_directory(path, ec))
    throw FileError(path.string() + ": exists and is not a folder");
  std::string temp = (parent / ("." + path.filename().string() + ".tmp.XXXXXX")).string();
  if (::mkdtemp(temp.data()) == nullptr)
    throw FileError(path.string() + ": cannot create a temporary folder beside it: " + std::strerror(errno));
  const fs::path staging(temp);
  try {
    for (const auto& [name, content] : files) write_file_atomically(staging / name, content);
    fs::permissions(staging, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                 fs::perms::others_read | fs::perms::others_exec);
    fs::path previous;
    if (fs::exists(path, ec)) {
      previous = parent / ("." + path.filename().string() + ".old." +
                           staging.filename().string().substr(staging.filename().string().size() - 6));
      fs::rename(path, previous);
    }
    fs::rename(staging, path);
    if (!previous.empty()) fs::remove_all(previous, ec);
  } catch (const fs::filesystem_error& e) {
    fs::remove_all(staging, ec);
    throw FileError(path.string() + ": cannot write the folder: " + e.code().message());
  } catch (...) {
    fs::remove_all(staging, ec);
    throw;
  }
}

TemporaryFolder::TemporaryFolder(const std::string& prefix) {
  std::error_code ec;
  const fs::path base = fs::temp_directory_path(ec);
  std::string name = ((ec ? fs::path("/tmp") : base) / (prefix + "XXXXXX")).string();
  if (::mkdtemp(name.data()) == nullptr)
    throw FileError(name + ": cannot create a temporary folder: " + std::strerror(errno));
  path_ = name;
}

TemporaryFolder::~TemporaryFolder() {
  std::error_code ec;
  if (!kept_) fs::remove_all(path_, ec);
}

}  // namespace scn::core
