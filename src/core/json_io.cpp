#include "sc_neurocore/core/json_io.hpp"

#include <cmath>
#include <cstdio>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/pyformat.hpp"

namespace scn::core {
namespace {

// Decodes one UTF-8 code point starting at text[i]; advances i. Invalid bytes
// are returned as U+FFFD so output stays valid JSON.
char32_t decode_utf8(const std::string& text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  int extra = 0;
  char32_t code = 0;
  if (lead < 0x80) {
    ++i;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    extra = 1;
    code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3;
    code = lead & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k <= extra; ++k) {
    if (i + k >= text.size() || (byte(i + k) & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return code;
}

void append_escaped_string(const std::string& text, std::string& out) {
  out += '"';
  char unicode_escape[16];
  for (std::size_t i = 0; i < text.size();) {
    const char32_t code = decode_utf8(text, i);
    switch (code) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (code < 0x20 || code > 0x7F) {  // control or non-ASCII; DEL stays raw, as in Python
          if (code >= 0x10000) {           // ensure_ascii writes a surrogate pair
            const char32_t v = code - 0x10000;
            std::snprintf(unicode_escape, sizeof unicode_escape, "\\u%04x",
                          static_cast<unsigned>(0xD800 + (v >> 10)));
            out += unicode_escape;
            std::snprintf(unicode_escape, sizeof unicode_escape, "\\u%04x",
                          static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
          } else {
            std::snprintf(unicode_escape, sizeof unicode_escape, "\\u%04x", static_cast<unsigned>(code));
          }
          out += unicode_escape;
        } else {
          out += static_cast<char>(code);
        }
    }
  }
  out += '"';
}

void append_value(const nlohmann::json& value, int depth, std::string& out) {
  const std::string indent(static_cast<std::size_t>(depth + 1) * 2, ' ');
  const std::string closing_indent(static_cast<std::size_t>(depth) * 2, ' ');
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      out += "null";
      break;
    case nlohmann::json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      break;
    case nlohmann::json::value_t::number_integer:
      out += std::to_string(value.get<std::int64_t>());
      break;
    case nlohmann::json::value_t::number_unsigned:
      out += std::to_string(value.get<std::uint64_t>());
      break;
    case nlohmann::json::value_t::number_float:
      out += python_json_float(value.get<double>());
      break;
    case nlohmann::json::value_t::string:
      append_escaped_string(value.get_ref<const std::string&>(), out);
      break;
    case nlohmann::json::value_t::array: {
      if (value.empty()) {
        out += "[]";
        break;
      }
      out += "[\n";
      bool first = true;
      for (const auto& item : value) {
        if (!first) out += ",\n";
        first = false;
        out += indent;
        append_value(item, depth + 1, out);
      }
      out += "\n" + closing_indent + "]";
      break;
    }
    case nlohmann::json::value_t::object: {
      if (value.empty()) {
        out += "{}";
        break;
      }
      // nlohmann::json stores objects in a std::map: keys are already sorted
      // bytewise, which for UTF-8 equals Python's code-point order.
      out += "{\n";
      bool first = true;
      for (const auto& [key, item] : value.items()) {
        if (!first) out += ",\n";
        first = false;
        out += indent;
        append_escaped_string(key, out);
        out += ": ";
        append_value(item, depth + 1, out);
      }
      out += "\n" + closing_indent + "}";
      break;
    }
    default:
      out += "null";
      break;
  }
}

}  // namespace

std::string python_json_float(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return py::float_repr(value);
}

std::string to_python_json(const nlohmann::json& value) {
  std::string out;
  append_value(value, 0, out);
  return out;
}

nlohmann::json parse_json_or_error(const std::string& text, std::string& error) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's message is "[json.exception.parse_error.101] parse error at line L, column C: ...".
    std::string message = e.what();
    const auto at = message.find(" at line ");
    error = at == std::string::npos ? message : message.substr(at + 4);
    return nlohmann::json(nlohmann::json::value_t::discarded);
  } catch (const nlohmann::json::exception& e) {
    // e.g. out_of_range 406 "number overflow parsing '5e677'": drop the "[json.exception...] " tag.
    std::string message = e.what();
    const auto tag_end = message.find("] ");
    error = tag_end == std::string::npos ? message : message.substr(tag_end + 2);
    return nlohmann::json(nlohmann::json::value_t::discarded);
  }
}

nlohmann::json parse_json(const std::string& text, const std::string& source) {
  std::string error;
  nlohmann::json value = parse_json_or_error(text, error);
  if (!error.empty()) throw InputError(source + " is not valid JSON: " + error);
  return value;
}

}  // namespace scn::core
