// Joining items into one line of text: "a, b, c".
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace scn::core {

// The items, each turned into text by `to_text` (by default the item itself), with `separator` between them.
template <typename Range, typename ToText = std::identity>
std::string join(const Range& items, std::string_view separator, ToText to_text = {}) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += separator;
    out += std::invoke(to_text, item);
    first = false;
  }
  return out;
}

}  // namespace scn::core
