// Arbitrary bytes through the evidence path: JSON parsing, then the
// observation loader. Only scn::core::Error may escape.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/evidence/loader/observations.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string error;
  const nlohmann::json payload = scn::core::parse_json_or_error(text, error);
  if (!error.empty()) return 0;
  try {
    for (const auto& observation : scn::evidence::observations_from_payload(payload, "fuzz"))
      (void)scn::evidence::observation_to_record(observation);
    (void)scn::core::to_python_json(payload);
  } catch (const scn::core::Error&) {
  }
  return 0;
}
