#include "sc_neurocore/io/weights.hpp"

#include <bit>
#include <cmath>
#include <cstring>

#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/json_io.hpp"
#include "sc_neurocore/core/pyformat.hpp"
#include "sc_neurocore/core/python_random.hpp"

namespace scn::io {
namespace fs = std::filesystem;
namespace {

static_assert(std::endian::native == std::endian::little, "npy I/O assumes a little-endian host");

constexpr char kNpyMagic[] = "\x93NUMPY";

// Value of `key` in the npy header dict text, e.g. "'descr': '<f4'" -> "'<f4'".
std::string header_field(const std::string& header, const std::string& key, const std::string& source) {
  const std::string quoted = "'" + key + "'";
  const auto at = header.find(quoted);
  if (at == std::string::npos) throw core::InputError(source + ": npy header has no " + key);
  auto pos = header.find(':', at + quoted.size());
  if (pos == std::string::npos)
    throw core::InputError(source + ": npy header field " + key + " is malformed");
  ++pos;
  while (pos < header.size() && header[pos] == ' ') ++pos;
  std::size_t end = pos;
  if (header[pos] == '(') {
    end = header.find(')', pos);
    if (end == std::string::npos) throw core::InputError(source + ": npy header shape is malformed");
    ++end;
  } else {
    while (end < header.size() && header[end] != ',' && header[end] != '}') ++end;
  }
  return header.substr(pos, end - pos);
}

std::vector<std::size_t> parse_shape(const std::string& text, const std::string& source) {
  std::vector<std::size_t> shape;
  std::size_t i = 1;  // after '('
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',')) ++i;
    if (i >= text.size() || text[i] == ')') break;
    std::size_t end = i;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end == i) throw core::InputError(source + ": npy header shape " + text + " is malformed");
    shape.push_back(std::stoull(text.substr(i, end - i)));
    i = end;
  }
  return shape;
}

void require_finite(const core::WeightArray& array, const std::string& source) {
  for (std::size_t k = 0; k < array.values.size(); ++k) {
    if (!std::isfinite(array.values[k])) {
      throw core::InputError(source + ": weight element " + std::to_string(k) + " is not finite (" +
                             core::py::float_repr(array.values[k]) + ")");
    }
  }
}

core::WeightArray json_matrix(const nlohmann::json& value, const std::string& where) {
  if (!value.is_array() || value.empty()) throw core::InputError(where + " must be a non-empty list of rows");
  core::WeightArray array;
  const std::size_t cols = value[0].is_array() ? value[0].size() : 0;
  array.shape = {value.size(), cols};
  for (std::size_t r = 0; r < value.size(); ++r) {
    const auto& row = value[r];
    if (!row.is_array() || row.size() != cols || cols == 0) {
      throw core::InputError(where + " row " + std::to_string(r) + " must be a list of " +
                             std::to_string(cols) + " numbers like row 0");
    }
    for (std::size_t c = 0; c < cols; ++c) {
      if (!row[c].is_number()) {
        throw core::InputError(where + " row " + std::to_string(r) + " column " + std::to_string(c) +
                               " is not a number");
      }
      array.values.push_back(row[c].get<double>());
    }
  }
  return array;
}

}  // namespace

core::WeightArray load_npy(const fs::path& path) {
  const std::string source = path.string();
  const std::string bytes = core::read_file(path);
  if (bytes.size() < 10 || bytes.compare(0, 6, kNpyMagic, 6) != 0)
    throw core::InputError(source + ": not a NumPy .npy file");
  const auto major = static_cast<unsigned char>(bytes[6]);
  std::size_t header_length = 0;
  std::size_t header_start = 0;
  if (major == 1) {
    header_length = static_cast<unsigned char>(bytes[8]) |
                    (static_cast<std::size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) throw core::InputError(source + ": truncated .npy header");
    for (int k = 3; k >= 0; --k)
      header_length = (header_length << 8) | static_cast<unsigned char>(bytes[8 + k]);
    header_start = 12;
  } else {
    throw core::InputError(source + ": unsupported .npy format version " + std::to_string(major));
  }
  if (header_start + header_length > bytes.size()) throw core::InputError(source + ": truncated .npy header");
  const std::string header = bytes.substr(header_start, header_length);
  const std::string descr = header_field(header, "descr", source);
  if (header_field(header, "fortran_order", source) != "False") {
    throw core::InputError(source + ": Fortran-ordered arrays are not supported; save with C order");
  }
  core::WeightArray array;
  array.shape = parse_shape(header_field(header, "shape", source), source);
  std::size_t item_size;
  if (descr == "'<f4'") {
    array.dtype = core::DType::kFloat32;
    item_size = 4;
  } else if (descr == "'<f8'") {
    array.dtype = core::DType::kFloat64;
    item_size = 8;
  } else {
    throw core::InputError(source + ": unsupported dtype " + descr +
                           "; weights must be little-endian float32 or float64");
  }
  std::size_t count = 1;
  for (const std::size_t dim : array.shape) count *= dim;
  const std::size_t data_start = header_start + header_length;
  if (bytes.size() - data_start != count * item_size) {
    throw core::InputError(source + ": .npy data holds " + std::to_string(bytes.size() - data_start) +
                           " bytes, shape needs " + std::to_string(count * item_size));
  }
  array.values.resize(count);
  for (std::size_t k = 0; k < count; ++k) {
    const char* at = bytes.data() + data_start + k * item_size;
    if (item_size == 4) {
      float v;
      std::memcpy(&v, at, 4);
      array.values[k] = v;
    } else {
      std::memcpy(&array.values[k], at, 8);
    }
  }
  require_finite(array, source);
  return array;
}

std::string npy_bytes(const core::WeightArray& array) {
  std::string shape = "(";
  for (std::size_t i = 0; i < array.shape.size(); ++i) shape += std::to_string(array.shape[i]) + ", ";
  if (array.shape.size() > 1)
    shape.resize(shape.size() - 2);
  else if (array.shape.size() == 1)
    shape.resize(shape.size() - 1);
  shape += ")";
  const bool f32 = array.dtype == core::DType::kFloat32;
  std::string header = std::string("{'descr': '") + (f32 ? "<f4" : "<f8") +
                       "', 'fortran_order': False, 'shape': " + shape + ", }";
  // Pad with spaces so the data starts on a 64-byte boundary; end with '\n'.
  const std::size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string out(kNpyMagic, 6);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xFF);
  out += static_cast<char>((header.size() >> 8) & 0xFF);
  out += header;
  for (const double v : array.values) {
    if (f32) {
      const auto f = static_cast<float>(v);
      out.append(reinterpret_cast<const char*>(&f), 4);
    } else {
      out.append(reinterpret_cast<const char*>(&v), 8);
    }
  }
  return out;
}

void save_npy(const fs::path& path, const core::WeightArray& array) {
  core::write_file_atomically(path, npy_bytes(array));
}

std::vector<core::WeightArray> load_json_weights(const fs::path& path) {
  const std::string source = path.string();
  const nlohmann::json value = core::parse_json(core::read_utf8_text_file(path), source);
  std::vector<core::WeightArray> arrays;
  // A list of matrices has numbers three levels down; one matrix has them two levels down.
  const bool list_of_matrices = value.is_array() && !value.empty() && value[0].is_array() &&
                                !value[0].empty() && value[0][0].is_array();
  if (list_of_matrices) {
    for (std::size_t i = 0; i < value.size(); ++i)
      arrays.push_back(json_matrix(value[i], source + ": matrix " + std::to_string(i)));
  } else {
    arrays.push_back(json_matrix(value, source + ": matrix"));
  }
  for (const auto& array : arrays) require_finite(array, source);
  return arrays;
}

std::vector<core::WeightArray> load_weight_files(const std::vector<fs::path>& paths) {
  std::vector<core::WeightArray> arrays;
  for (const auto& path : paths) {
    if (path.extension() == ".npy") {
      arrays.push_back(load_npy(path));
    } else {
      auto loaded = load_json_weights(path);
      arrays.insert(arrays.end(), loaded.begin(), loaded.end());
    }
  }
  return arrays;
}

std::vector<core::WeightArray> random_weights(const std::vector<model::LayerSize>& layer_sizes,
                                              std::int64_t seed) {
  core::PythonRandom rng(seed);
  std::vector<core::WeightArray> arrays;
  for (const auto& size : layer_sizes) {
    core::WeightArray array;
    array.shape = {static_cast<std::size_t>(size.n_inputs), static_cast<std::size_t>(size.n_neurons)};
    array.dtype = core::DType::kFloat64;
    array.values.resize(static_cast<std::size_t>(size.n_inputs * size.n_neurons));
    for (double& v : array.values) v = rng.gauss(0.0, 1.0);
    arrays.push_back(std::move(array));
  }
  return arrays;
}

}  // namespace scn::io
