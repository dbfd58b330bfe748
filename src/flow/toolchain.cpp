#include "sc_neurocore/flow/toolchain.hpp"

#include "sc_neurocore/error.hpp"

namespace scn::flow {

const Toolchain& toolchain_for(const std::string& family) {
  static const std::vector<const Toolchain*> toolchains = {&ice40_toolchain(), &ecp5_toolchain()};
  std::string names;
  for (const Toolchain* t : toolchains) {
    if (t->family() == family) return *t;
    names += (names.empty() ? "" : ", ") + t->family();
  }
  throw InputError("no open-source build flow for device family '" + family + "' (there is one for " + names +
                   ")");
}

}  // namespace scn::flow
