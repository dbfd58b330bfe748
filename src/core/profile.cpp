#include "sc_neurocore/core/profile.hpp"

#include <cstdlib>

#include "sc_neurocore/core/error.hpp"

namespace scn::core {

Profile parse_profile(std::string_view name) {
  if (name == "reference") return Profile::kReference;
  if (name == "default") return Profile::kDefault;
  throw InputError("unknown profile '" + std::string(name) + "'; valid profiles: reference, default");
}

std::string profile_name(Profile profile) { return profile == Profile::kReference ? "reference" : "default"; }

Profile profile_from_environment(Profile fallback) {
  const char* value = std::getenv(kProfileVariable);
  if (value == nullptr || *value == '\0') return fallback;
  const std::string_view name(value);
  if (name == "reference") return Profile::kReference;
  if (name == "default") return Profile::kDefault;
  throw InputError(std::string(kProfileVariable) + "='" + std::string(name) +
                   "': unknown profile; valid profiles: reference, default");
}

Profile chosen_profile(std::string_view given, Profile fallback) {
  return given.empty() ? profile_from_environment(fallback) : parse_profile(given);
}

}  // namespace scn::core
