// The published package's report reading (docs/reference-behaviour.md §2.5), kept for
// the reference profile: regular-expression rules over the merged text of all
// reports, with their known pitfalls ("1.2e-01 W" reads as 1.2 W, "2 MW" as
// 2 mW, "Clock cycles per sample 4 ns" as latency 4). The default profile
// parses each report by its structure instead (evidence/report.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace scn::evidence {

struct ReferenceTextMetrics {
  std::optional<std::int64_t> luts_used;
  std::optional<double> power_mw;
  std::optional<std::int64_t> latency_cycles;
};

// The first matching pattern of each group, in priority order, over the whole
// text. A captured number Python could not convert (e.g. "1.2.3" as a power,
// "," as a LUT count) throws InputError with Python's ValueError message.
ReferenceTextMetrics reference_text_metrics(std::string_view merged_text);

}  // namespace scn::evidence
