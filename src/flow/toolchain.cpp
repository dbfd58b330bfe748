#include "sc_neurocore/flow/toolchain.hpp"

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/join.hpp"

namespace scn::flow {

const Toolchain& toolchain_for(const std::string& family) {
  static const std::vector<const Toolchain*> toolchains = {&ice40_toolchain(), &ecp5_toolchain()};
  for (const Toolchain* t : toolchains)
    if (t->family() == family) return *t;
  throw core::InputError("no open-source build flow for device family '" + family + "' (there is one for " +
                         core::join(toolchains, ", ", &Toolchain::family) + ")");
}

}  // namespace scn::flow
