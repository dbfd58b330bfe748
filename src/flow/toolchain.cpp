#include "sc_neurocore/flow/toolchain.hpp"

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/join.hpp"

namespace scn::flow {

std::string build_path(const BuildContext& context, const std::string& relative) {
  const std::string folder = std::filesystem::absolute(context.dir).string();
  if (folder.find_first_of(" \t\n") != std::string::npos) return relative;
  return folder + "/" + relative;
}

const Toolchain& toolchain_for(const std::string& family) {
  static const std::vector<const Toolchain*> toolchains = {&ice40_toolchain(), &ecp5_toolchain()};
  for (const Toolchain* t : toolchains)
    if (t->family() == family) return *t;
  throw core::InputError("no open-source build flow for device family '" + family + "' (there is one for " +
                         core::join(toolchains, ", ", &Toolchain::family) + ")");
}

}  // namespace scn::flow
