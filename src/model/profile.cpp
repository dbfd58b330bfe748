#include "sc_neurocore/profile.hpp"

#include "sc_neurocore/error.hpp"

namespace scn {

Profile parse_profile(std::string_view name) {
  if (name == "reference") return Profile::kReference;
  if (name == "default") return Profile::kDefault;
  throw InputError("unknown profile '" + std::string(name) + "'; valid profiles: reference, default");
}

std::string profile_name(Profile profile) { return profile == Profile::kReference ? "reference" : "default"; }

}  // namespace scn
