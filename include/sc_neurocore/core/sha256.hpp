// SHA-256 (FIPS 180-4), for the provenance of evidence files.
#pragma once

#include <string>
#include <string_view>

namespace scn::core {

// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace scn::core
