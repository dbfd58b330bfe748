// Text into HTML and SVG: every value read from an input file goes through escape_markup.
#pragma once

#include <string>
#include <string_view>

namespace scn::report {

// & < > " ' as character references: safe in element text and in quoted attributes, in HTML and XML.
std::string escape_markup(std::string_view text);

}  // namespace scn::report
