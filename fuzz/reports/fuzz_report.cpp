// Feeds arbitrary bytes to one report dialect's parser (SCN_FUZZ_DIALECT set),
// or to detection + parsing when it is empty. Only scn::core::Error may escape the
// library; anything else, a crash, a hang or a sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dialect.hpp"
#include "sc_neurocore/core/error.hpp"

namespace {

const scn::evidence::ReportDialect* chosen_dialect() {
  static const scn::evidence::ReportDialect* dialect = []() -> const scn::evidence::ReportDialect* {
    const std::string_view wanted = SCN_FUZZ_DIALECT;
    for (const auto* candidate : scn::evidence::report_dialects())
      if (candidate->name() == wanted) return candidate;
    return nullptr;
  }();
  return dialect;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    if (const auto* dialect = chosen_dialect()) {
      const scn::evidence::ReportText report(text, "fuzz");
      (void)dialect->detect(report);
      (void)scn::evidence::to_json(dialect->parse(report));
    } else {
      (void)scn::evidence::to_json(scn::evidence::parse_report(text, "fuzz"));
    }
  } catch (const scn::core::Error&) {
  }
  return 0;
}
