// The two optimiser profiles (product.md "Two profiles"): `reference`
// reproduces the published package number for number; `default` is ours and
// falls back to the reference part wherever its own part does not exist yet.
#pragma once

#include <string>
#include <string_view>

namespace scn {

enum class Profile { kReference, kDefault };

// "reference" or "default"; throws InputError listing the valid names otherwise.
Profile parse_profile(std::string_view name);
std::string profile_name(Profile profile);

}  // namespace scn
