#include <filesystem>
#include <iostream>

#include "command.hpp"
#include "options.hpp"
#include "sc_neurocore/compress/fit_to_target.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/io/network.hpp"
#include "sc_neurocore/io/plan.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/io/weights.hpp"
#include "sc_neurocore/pipeline/plan_validation.hpp"

namespace scn::cli {
namespace {

class FitCommand : public Command {
 public:
  std::string name() const override { return "fit"; }
  std::string description() const override {
    return "fit_to_target: shorten bitstreams, prune and quantise until the network fits";
  }
  void add_options(CLI::App& command) override {
    command.add_option("--layers", layers_, "Layer sizes, e.g. 32x16,16x8 (n_inputs x n_neurons)")
        ->required();
    auto* weights = command
                        .add_option("--weights", weight_files_,
                                    "Weight files, comma-separated: .npy (float32/float64, C order) or JSON "
                                    "nested lists (one matrix, or a list of matrices)")
                        ->delimiter(',');
    auto* random = command.add_option("--random-weights", random_seed_,
                                      "Use standard-normal weights drawn with this seed instead of files");
    weights->excludes(random);
    command.add_option("--target", options_.target, "FPGA target (see `targets`)")->capture_default_str();
    command.add_option("--max-iterations", options_.max_iterations, "Maximum optimisation steps")
        ->capture_default_str();
    command
        .add_option("--min-bitstream-length", options_.min_bitstream_length,
                    "Smallest bitstream length allowed")
        ->capture_default_str();
    command
        .add_option("--initial-bitstream-length", options_.initial_bitstream_length,
                    "Starting bitstream length")
        ->capture_default_str();
    command.add_flag("--json", json_, "Print the result with its steps as JSON");
    command.add_flag("--no-fold", no_fold_,
                     "Default profile: never fold a layer (no weights in memory, no fewer lanes)");
    command
        .add_option(
            "--max-utilisation", options_.max_utilisation,
            "Default profile: fraction of the device's logic cells the result may use (routable margin)")
        ->capture_default_str();
    min_accuracy_ =
        command
            .add_option(
                "--min-accuracy", options_.min_accuracy,
                "Default profile: accuracy-score floor no step may cross (the layers' signal scores x "
                "the share of the trained weights kept; 0 = none; with --validation 0 unless given)")
            ->capture_default_str();
    auto* validation =
        command
            .add_option(
                "--validation", validation_,
                "X.json,L.json (or X.json,Y.json): input vectors and class labels (or the float "
                "network's outputs); every configuration the fit would step to is simulated on them "
                "and no step may take the task accuracy (or end-to-end score) below --min-task-accuracy")
            ->delimiter(',');
    command
        .add_option("--min-task-accuracy", min_task_accuracy_,
                    "With --validation: the floor (default: 0.95 x the starting configuration's)")
        ->needs(validation);
    command.add_option(
        "--clock-mhz", options_.clock_mhz,
        "Default profile: clock for power and energy (default: the device's calibrated clock)");
    command.add_option("--weights-out", weights_out_, "Folder for the optimised weights (layer_<i>.npy)");
    command.add_option(
        "--plan-out", plan_out_,
        "Write the result as a plan (layers layer_0, layer_1, ...) that emit-network, simulate and "
        "synth read");
    command.add_option("--network-out", network_out_,
                       "Write the network manifest of the fitted layers (ids, shapes) for emit-network");
    add_profile_option(command, profile_);
    add_knob_options(command, options_.knobs, false);  // sparsity comes from the weights
  }

  int run() override {
    const auto sizes = io::parse_layer_sizes(layers_);
    std::vector<core::WeightArray> weights;
    if (random_seed_) {
      weights = io::random_weights(sizes, *random_seed_);
    } else if (!weight_files_.empty()) {
      weights = io::load_weight_files({weight_files_.begin(), weight_files_.end()});
    } else {
      throw core::InputError("fit needs --weights FILE[,FILE...] or --random-weights SEED");
    }
    if (weights_out_) prepare_weights_folder(*weights_out_);
    options_.profile = chosen_profile(profile_, core::Profile::kDefault);
    options_.folds = !no_fold_;
    if (!validation_.empty()) add_validation(sizes);
    const compress::OptimizationResult result = fit_to_target(sizes, weights, options_);
    if (weights_out_) {
      for (std::size_t i = 0; i < result.optimized_weights.size(); ++i)
        io::save_npy(*weights_out_ / ("layer_" + std::to_string(i) + ".npy"), result.optimized_weights[i]);
    }
    if (plan_out_) emit(plan_out_, io::json_document(io::fit_plan_json(result, sizes, options_.knobs)));
    if (network_out_) emit(network_out_, io::json_document(io::fit_network_json(sizes)));
    emit(std::nullopt, json_ ? io::json_document(io::to_json(result)) : io::summary(result) + "\n");
    return 0;
  }

 private:
  // The task-accuracy floor replaces the signal-score floor unless --min-accuracy is given too.
  void add_validation(const std::vector<model::LayerSize>& sizes) {
    options_.validation = pipeline::fit_validation(
        sizes, options_.knobs, pipeline::load_validation_data(validation_, std::nullopt),
        [](const std::string& line) { std::cerr << line << std::endl; });
    options_.min_task_accuracy = min_task_accuracy_;
    if (min_accuracy_->count() == 0) options_.min_accuracy = 0.0;
  }

  static void prepare_weights_folder(const std::filesystem::path& folder) {
    std::error_code ec;
    if (std::filesystem::exists(folder, ec) && !std::filesystem::is_directory(folder, ec)) {
      throw core::FileError(folder.string() + ": --weights-out must be a folder, found a file");
    }
    std::filesystem::create_directories(folder, ec);
    if (ec) throw core::FileError(folder.string() + ": cannot create --weights-out folder: " + ec.message());
  }

  std::string layers_;
  CLI::Option* min_accuracy_ = nullptr;
  std::vector<std::string> validation_;
  std::optional<double> min_task_accuracy_;
  std::vector<std::string> weight_files_;
  std::optional<std::int64_t> random_seed_;
  compress::FitOptions options_;
  bool json_ = false;
  bool no_fold_ = false;
  std::optional<std::filesystem::path> weights_out_;
  std::optional<std::filesystem::path> plan_out_;
  std::optional<std::filesystem::path> network_out_;
  std::string profile_;  // empty: SC_NEUROCORE_PROFILE, else default
};

SCN_REGISTER_COMMAND(FitCommand)

}  // namespace
}  // namespace scn::cli
