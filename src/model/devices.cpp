#include "sc_neurocore/model/devices.hpp"

#include <nlohmann/json.hpp>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/core/pyformat.hpp"

namespace scn::model {

extern const char* const kDeviceCatalogueJson;  // generated from data/devices.json (devices_data.cpp.in)

namespace {

// The published catalogue keys name one part each (docs/reference-behaviour.md §1.5.1: ice40_hx8k, ecp5_85k,
// artix7_100t, zynq_7020).
struct Alias {
  const char* alias;
  const char* key;
};
constexpr Alias kAliases[] = {
    {"ice40", "ice40-hx8k"}, {"ecp5", "ecp5-85f"}, {"artix7", "artix7-100t"}, {"zynq", "zynq-7020"}};

class EntryReader {
 public:
  EntryReader(const nlohmann::json& entry, std::string where) : entry_(entry), where_(std::move(where)) {}

  const nlohmann::json& field(const char* name) const {
    const auto it = entry_.find(name);
    if (it == entry_.end()) throw core::InputError(where_ + ": field '" + name + "' is missing");
    return *it;
  }
  std::string text(const char* name) const {
    const auto& v = field(name);
    if (!v.is_string()) throw core::InputError(where_ + ": field '" + name + "' must be a string");
    return v.get<std::string>();
  }
  std::string optional_text(const char* name) const { return entry_.contains(name) ? text(name) : ""; }
  double number(const char* name) const {
    const auto& v = field(name);
    if (!v.is_number() || v.get<double>() < 0)
      throw core::InputError(where_ + ": field '" + name + "' must be a non-negative number");
    return v.get<double>();
  }
  std::int64_t count(const char* name) const {
    const auto& v = field(name);
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0)
      throw core::InputError(where_ + ": field '" + name + "' must be a non-negative integer");
    return v.get<std::int64_t>();
  }
  std::vector<std::string> texts(const char* name) const {
    std::vector<std::string> out;
    const auto& v = field(name);
    if (!v.is_array()) throw core::InputError(where_ + ": field '" + name + "' must be a list of strings");
    for (const auto& item : v) {
      if (!item.is_string())
        throw core::InputError(where_ + ": field '" + name + "' must be a list of strings");
      out.push_back(item.get<std::string>());
    }
    return out;
  }
  const std::string& where() const { return where_; }

 private:
  const nlohmann::json& entry_;
  std::string where_;
};

Device parse_device(const nlohmann::json& entry, const std::string& where) {
  if (!entry.is_object()) throw core::InputError(where + ": must be an object");
  const EntryReader r(entry, where);
  Device d;
  d.key = r.text("key");
  const EntryReader named(entry, where + " (" + d.key + ")");
  d.part = named.text("part");
  d.vendor = named.text("vendor");
  d.family = named.text("family");
  d.series = named.text("series");
  d.logic_unit = named.text("logic_unit");
  d.logic_cells = named.count("logic_cells");
  d.lut_inputs = static_cast<int>(named.count("lut_inputs"));
  d.luts = named.count("luts");
  d.ffs = named.count("ffs");
  d.bram_blocks = named.count("bram_blocks");
  d.bram_block_kbits = named.number("bram_block_kbits");
  d.bram_kbits = named.number("bram_kbits");
  d.spram_kbits = named.number("spram_kbits");
  d.dsp = named.count("dsp");
  d.dsp_unit = named.text("dsp_unit");
  d.bram_unit = named.text("bram_unit");
  const auto& widths = named.field("bram_widths");
  if (!widths.is_array() || widths.empty())
    throw core::InputError(named.where() + ": field 'bram_widths' must be a non-empty list of data widths");
  for (const auto& w : widths) {
    if (!w.is_number_integer() || w.get<int>() < 1)
      throw core::InputError(named.where() + ": field 'bram_widths' holds " + w.dump() + ", not a width");
    d.bram_widths.push_back(w.get<int>());
  }
  d.plls = static_cast<int>(named.count("plls"));
  d.max_user_io = static_cast<int>(named.count("max_user_io"));
  const auto& packages = named.field("packages");
  if (!packages.is_array() || packages.empty())
    throw core::InputError(named.where() + ": field 'packages' must be a non-empty list");
  for (std::size_t i = 0; i < packages.size(); ++i) {
    const EntryReader p(packages[i], named.where() + ", packages[" + std::to_string(i) + "]");
    d.packages.push_back({p.text("name"), static_cast<int>(p.count("user_io"))});
  }
  d.default_package = named.text("default_package");
  if (!d.package(d.default_package))
    throw core::InputError(named.where() + ": field 'default_package' names '" + d.default_package +
                           "', which is not among its packages");
  d.speed_grades = named.texts("speed_grades");
  d.core_voltage = named.number("core_voltage");
  if (entry.contains("static_core_current_ua"))
    d.static_core_current_ua = named.number("static_core_current_ua");
  const EntryReader tools(named.field("toolchain"), named.where() + ", toolchain");
  d.yosys_synth = tools.text("yosys_synth");
  d.nextpnr = tools.text("nextpnr");
  d.device_flag = tools.text("device_flag");
  d.sources = named.texts("sources");
  if (d.sources.empty())
    throw core::InputError(named.where() + ": field 'sources' must name where the figures come from");
  d.notes = named.optional_text("notes");
  if (d.logic_cells <= 0) throw core::InputError(named.where() + ": field 'logic_cells' must be positive");
  return d;
}

}  // namespace

const DevicePackage* Device::package(std::string_view name) const {
  for (const auto& p : packages)
    if (p.name == name) return &p;
  return nullptr;
}

void Device::check_package(const std::string& name) const {
  if (name.empty() || package(name) != nullptr) return;
  const std::string names = core::join(packages, ", ", &DevicePackage::name);
  throw core::InputError("--package " + name + ": not a package of " + key + " (" + names + ")");
}

std::vector<Device> parse_device_catalogue(const std::string& text, const std::string& source) {
  const nlohmann::json doc = core::parse_json(text, source);
  if (!doc.is_object() || !doc.contains("devices") || !doc["devices"].is_array())
    throw core::InputError(source + ": a device catalogue is an object with a 'devices' list");
  std::vector<Device> out;
  for (std::size_t i = 0; i < doc["devices"].size(); ++i) {
    Device d = parse_device(doc["devices"][i], source + ": devices[" + std::to_string(i) + "]");
    for (const auto& other : out)
      if (other.key == d.key)
        throw core::InputError(source + ": devices[" + std::to_string(i) + "]: key '" + d.key + "' repeats");
    out.push_back(std::move(d));
  }
  return out;
}

const std::vector<Device>& devices() {
  static const std::vector<Device> catalogue =
      parse_device_catalogue(kDeviceCatalogueJson, "data/devices.json");
  return catalogue;
}

std::string canonical_device_key(std::string_view key) {
  for (const Alias& a : kAliases)
    if (key == a.alias) return a.key;
  return std::string(key);
}

const Device* find_device(std::string_view key) {
  const std::string canonical = canonical_device_key(key);
  for (const auto& d : devices())
    if (d.key == canonical) return &d;
  return nullptr;
}

std::vector<std::string> device_keys() {
  std::vector<std::string> keys;
  for (const auto& d : devices()) keys.push_back(d.key);
  return keys;
}

const Device& device(std::string_view key) {
  if (const Device* d = find_device(key)) return *d;
  auto keys = device_keys();
  for (const Alias& a : kAliases) keys.emplace_back(a.alias);
  throw core::InputError("unknown device '" + std::string(key) +
                         "'; valid devices: " + core::py::list_repr(keys.data(), keys.data() + keys.size()));
}

}  // namespace scn::model
