#include "sc_neurocore/io/network.hpp"

#include <charconv>
#include <cmath>
#include <unordered_set>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/model/layer_shapes.hpp"

namespace scn::io {
namespace {

// A JSON integer, or an integral float such as 128.0; never a boolean.
std::optional<std::int64_t> json_integer(const nlohmann::json& value) {
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    const double v = value.get<double>();
    if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9.2e18) return static_cast<std::int64_t>(v);
  }
  return std::nullopt;
}

std::optional<std::int64_t> optional_positive_size(const nlohmann::json& layer, const char* key,
                                                   const std::string& where) {
  if (!layer.contains(key)) return std::nullopt;
  const auto value = json_integer(layer.at(key));
  if (!value || *value <= 0) throw core::InputError(where + " " + key + " must be a positive integer");
  return value;
}

// mac_count: given, or n_inputs x n_neurons when both are (a shaped layer need not repeat it).
std::int64_t layer_mac_count(const nlohmann::json& item, const std::string& where,
                             std::optional<std::int64_t> n_inputs, std::optional<std::int64_t> n_neurons) {
  if (!item.contains("mac_count")) {
    if (n_inputs && n_neurons) return *n_inputs * *n_neurons;
    throw core::InputError(where + " missing mac_count (or n_inputs and n_neurons)");
  }
  const auto mac_count = json_integer(item.at("mac_count"));
  if (!mac_count) throw core::InputError(where + " has invalid mac_count");
  if (*mac_count < 0) throw core::InputError(where + " mac_count must be non-negative");
  return *mac_count;
}

NetworkLayer parse_layer(const nlohmann::json& item, std::size_t index, const std::string& source) {
  const std::string where = source + ": layer " + std::to_string(index);
  if (!item.is_object()) throw core::InputError(where + " must be a JSON object");
  if (!item.contains("id")) throw core::InputError(where + " missing id");
  const auto& id = item.at("id");
  if (!id.is_string() || id.get_ref<const std::string&>().empty()) {
    throw core::InputError(where + " id must be a non-empty string");
  }
  bool critical = false;
  if (item.contains("is_critical_path")) {
    if (!item.at("is_critical_path").is_boolean())
      throw core::InputError(where + " is_critical_path must be a boolean");
    critical = item.at("is_critical_path").get<bool>();
  }
  const auto n_inputs = optional_positive_size(item, "n_inputs", where);
  const auto n_neurons = optional_positive_size(item, "n_neurons", where);
  NetworkLayer layer{
      {id.get<std::string>(), layer_mac_count(item, where, n_inputs, n_neurons), critical}, {}, {}};
  layer.n_inputs = layer.profile.n_inputs = n_inputs;
  layer.n_neurons = layer.profile.n_neurons = n_neurons;
  model::validate_layer_shape(layer.profile, index, source);
  return layer;
}

bool parse_positive(std::string_view text, std::int64_t& value) {
  if (text.empty() || text.front() == '+' || text.front() == '-') return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && value > 0;
}

}  // namespace

std::vector<NetworkLayer> network_from_json(const nlohmann::json& manifest, const std::string& source) {
  if (!manifest.is_object()) throw core::InputError(source + ": network manifest must be a JSON object");
  if (!manifest.contains("layers") || !manifest.at("layers").is_array() || manifest.at("layers").empty()) {
    throw core::InputError(source + ": network manifest must contain a non-empty layers list");
  }
  std::vector<NetworkLayer> layers;
  std::unordered_set<std::string> ids;
  const auto& items = manifest.at("layers");
  for (std::size_t i = 0; i < items.size(); ++i) {
    layers.push_back(parse_layer(items[i], i, source));
    if (!ids.insert(layers.back().profile.id).second) {
      throw core::InputError(source + ": layer " + std::to_string(i) + " has duplicate id '" +
                             layers.back().profile.id + "'");
    }
  }
  return layers;
}

std::vector<NetworkLayer> load_network(const std::filesystem::path& path) {
  const std::string source = path.string();
  return network_from_json(core::parse_json(core::read_utf8_text_file(path), source), source);
}

std::vector<core::LayerProfile> layer_profiles(const std::vector<NetworkLayer>& layers) {
  std::vector<core::LayerProfile> profiles;
  profiles.reserve(layers.size());
  for (const auto& layer : layers) profiles.push_back(layer.profile);
  return profiles;
}

std::vector<model::LayerSize> parse_layer_sizes(const std::string& text) {
  std::vector<model::LayerSize> sizes;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const std::size_t x = item.find('x');
    model::LayerSize size;
    if (x == std::string::npos || !parse_positive(std::string_view(item).substr(0, x), size.n_inputs) ||
        !parse_positive(std::string_view(item).substr(x + 1), size.n_neurons)) {
      throw core::InputError("--layers: invalid layer '" + item +
                             "': expected N_INPUTSxN_NEURONS with positive integers, e.g. 784x128,128x10");
    }
    sizes.push_back(size);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return sizes;
}

}  // namespace scn::io
