// `sc-neurocore synth`: the planned network emitted, built with the device family's open-source tools
// (flow/toolchain.hpp), every report read by the evidence parsers into BUILD/evidence.json, and the
// measurements compared with the model's predictions in BUILD/comparison.json (docs/synth.md).
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "sc_neurocore/model/layer_shapes.hpp"
#include "sc_neurocore/pipeline/network_job.hpp"
#include "sc_neurocore/search/surrogate.hpp"

namespace scn::flow {

struct SynthOptions {
  pipeline::NetworkSources sources;
  std::string device = "ice40-hx8k";
  std::string package;                                      // empty = the device's default package
  std::optional<double> clock_mhz;                          // default: the device's calibrated clock
  int seed = 1;                                             // nextpnr's placement seed
  std::filesystem::path out;                                // BUILD
  int jobs = 1;                                             // layers synthesised at once
  double timeout_seconds = 0;                               // per stage; 0 = none
  std::map<std::string, std::filesystem::path> tool_paths;  // tool name -> given path (--yosys ...)
  bool quiet = false;                                       // no progress lines
  // Build even when the prediction exceeds the device (the model is a few % off either way): the packer
  // then decides, and a design that is too big still exits 3 with what synthesis measured.
  bool force = false;
};

struct SynthResult {
  std::filesystem::path build;
  nlohmann::json evidence;
  nlohmann::json comparison;
  bool placed = false;
  std::vector<std::string> warnings;
};

// Runs the flow. InputError (exit 2, no BUILD) for bad input or a missing tool; DoesNotFitError (exit 3)
// when the prediction exceeds the device before any tool runs (no BUILD; unless force) or packing does (BUILD
// written with what was measured); ToolError naming the stage and its log when a tool fails, times out or
// Ctrl-C stops it (no BUILD).
SynthResult synth(const SynthOptions& options);

// The loop closed: the observations of BUILD/evidence.json (each layer's measured cells) fed to the default
// profile's planner on the build's device and clock, with the network's weights. FileError when BUILD has no
// evidence.json; ObservationLoadError when it is not a synth evidence payload.
struct BuildFeedback {
  nlohmann::json evidence;
  std::vector<core::BenchmarkObservation> observations;
  core::SurrogateOptimizerReport report;
};
BuildFeedback optimise_from_build(const std::vector<core::LayerProfile>& network,
                                  const core::TargetHardwareProfile& target,
                                  const std::filesystem::path& build,
                                  const std::vector<model::LayerWeights>& weights = {},
                                  search::SurrogateOptions options = {});

// The comparison as a table for the terminal.
std::string comparison_table(const nlohmann::json& comparison);

}  // namespace scn::flow
