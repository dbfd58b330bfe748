// The two optimiser profiles (product.md "Two profiles"): `reference`
// reproduces the published package number for number; `default` is ours and
// falls back to the reference part wherever its own part does not exist yet.
#pragma once

#include <string>
#include <string_view>

namespace scn::core {

enum class Profile { kReference, kDefault };

// "reference" or "default"; throws InputError listing the valid names otherwise.
Profile parse_profile(std::string_view name);
std::string profile_name(Profile profile);

// The migration switch: SC_NEUROCORE_PROFILE=reference makes every call that names no profile behave as the
// published package (README, "Migrating"). An explicit profile wins over it.
inline constexpr const char* kProfileVariable = "SC_NEUROCORE_PROFILE";
// The variable's profile; `fallback` when it is unset or empty. InputError naming the variable otherwise.
Profile profile_from_environment(Profile fallback);
// `given` when not empty (parse_profile), else profile_from_environment(fallback).
Profile chosen_profile(std::string_view given, Profile fallback);

}  // namespace scn::core
