// Arbitrary bytes through the evidence path: JSON parsing, then the
// observation loader. Only scn::Error may escape.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sc_neurocore/error.hpp"
#include "sc_neurocore/evidence/observations.hpp"
#include "sc_neurocore/json_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string error;
  const nlohmann::json payload = scn::parse_json_or_error(text, error);
  if (!error.empty()) return 0;
  try {
    for (const auto& observation : scn::evidence::observations_from_payload(payload, "fuzz"))
      (void)scn::evidence::observation_to_record(observation);
    (void)scn::to_python_json(payload);
  } catch (const scn::Error&) {
  }
  return 0;
}
