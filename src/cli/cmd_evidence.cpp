// collect-synthesis and feedback: vendor reports in, evidence (and a plan) out.
#include "command.hpp"
#include "options.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/join.hpp"
#include "sc_neurocore/evidence/loader/synthesis.hpp"
#include "sc_neurocore/flow/synth.hpp"
#include "sc_neurocore/io/network.hpp"
#include "sc_neurocore/io/views.hpp"
#include "sc_neurocore/io/weights.hpp"

namespace scn::cli {
namespace {

class CollectSynthesisCommand : public Command {
 public:
  std::string name() const override { return "collect-synthesis"; }
  std::string description() const override {
    return "Collect FPGA synthesis, power and timing reports into optimiser evidence JSON";
  }
  void add_options(CLI::App& command) override {
    flags_.add(command);
    add_profile_option(command, profile_);
    command.add_option("--out", out_, "Evidence JSON to write (atomically; folders are created)");
  }
  int run() override {
    const core::Profile profile = chosen_profile(profile_, core::Profile::kDefault);
    if (profile == core::Profile::kReference) return run_as_published();
    evidence::BuildPayloadOptions options = flags_.resolve(name());
    options.profile = profile;
    return collect(options);
  }

 private:
  int collect(const evidence::BuildPayloadOptions& options) {
    const nlohmann::json payload = evidence::build_payload_from_reports(options);
    if (out_) {
      evidence::write_payload(payload, *out_);
      emit(std::nullopt, "Evidence written: " + out_->string() + "\n");
    } else {
      emit(std::nullopt, evidence::payload_text(payload));
    }
    return 0;
  }

  // The published command's conventions: a power report is required too, and a missing flag or a bad
  // report is "Error: ..." on stdout with exit 1 (scripts written against it test exactly that).
  int run_as_published() {
    const std::string missing = missing_flags({{flags_.design.has_value(), "--design"},
                                               {flags_.utilisation.has_value(), "--utilisation"},
                                               {flags_.power.has_value(), "--power"},
                                               {flags_.accuracy_score.has_value(), "--accuracy-score"}});
    if (!missing.empty()) {
      emit(std::nullopt, "Error: collect-synthesis requires " + missing + "\n");
      return 1;
    }
    try {
      evidence::BuildPayloadOptions options = flags_.resolve(name());
      options.profile = core::Profile::kReference;
      return collect(options);
    } catch (const core::InputError& e) {
      emit(std::nullopt, std::string("Error: ") + e.what() + "\n");
      return 1;
    }
  }

  SynthesisFlags flags_;
  std::string profile_;  // empty: SC_NEUROCORE_PROFILE, else default (structural report parsing)
  std::optional<std::filesystem::path> out_;
};

// optimise_from_synthesis_reports: the evidence, then the plan that uses it; or, with --build, the evidence
// `synth` wrote (optimise_from_build).
class FeedbackCommand : public Command {
 public:
  std::string name() const override { return "feedback"; }
  std::string description() const override {
    return "Parse synthesis reports (or a synth build folder) into evidence and rerun the optimiser with it";
  }
  void add_options(CLI::App& command) override {
    command.add_option("--network", network_, "Network manifest JSON")->required();
    budget_.add(command);
    command.add_option("--build", build_,
                       "A build folder of `sc-neurocore synth` (instead of the report flags)");
    command
        .add_option("--weights", weights_,
                    "Weights of the network's layers (with --build; as optimise reads them)")
        ->delimiter(',');
    flags_.add(command);
    add_profile_option(command, profile_);
    command.add_option("--out", out_, "Evidence JSON to write (atomically; folders are created)");
    command.add_option("--plan-out", plan_out_, "Plan JSON to write (atomically); stdout otherwise");
  }
  int run() override {
    const core::TargetHardwareProfile target = budget_.resolve(name());
    const auto network = io::layer_profiles(io::load_network(network_));
    if (build_) return run_build(target, network);
    if (!weights_.empty()) throw core::InputError("feedback --weights needs --build");
    const auto options = flags_.resolve(name());
    const auto result = evidence::optimise_from_synthesis_reports(
        network, target, options, chosen_profile(profile_, core::Profile::kDefault));
    const std::string plan = io::json_document(io::plan_json(result.report));
    // Write the plan first: if it fails, no evidence file claims a plan exists.
    if (plan_out_) emit(plan_out_, plan);
    if (out_) evidence::write_payload(result.evidence_payload, *out_);
    if (out_) emit(std::nullopt, "Evidence written: " + out_->string() + "\n");
    if (plan_out_)
      emit(std::nullopt, "Plan written: " + plan_out_->string() + "\n");
    else
      emit(std::nullopt, plan);
    return 0;
  }

 private:
  int run_build(const core::TargetHardwareProfile& target, const std::vector<core::LayerProfile>& network) {
    // A build's evidence is the default profile's (the published package has no such loop): the migration
    // switch does not apply, an explicit --profile reference is refused.
    if (!profile_.empty() && core::parse_profile(profile_) != core::Profile::kDefault)
      throw core::InputError("feedback --build needs --profile default");
    std::vector<model::LayerWeights> weights;
    if (!weights_.empty()) {
      const auto arrays = io::load_weight_files({weights_.begin(), weights_.end()});
      const std::string source = core::join(weights_, ",");
      for (const auto& a : arrays) weights.push_back({a, source});
    }
    const auto result = flow::optimise_from_build(network, target, *build_, weights);
    const std::string plan = io::json_document(io::plan_json(result.report));
    if (plan_out_) emit(plan_out_, plan);
    if (out_) evidence::write_payload(result.evidence, *out_);
    std::vector<std::string> measured_layers;
    for (const auto& [id, c] : result.report.config)
      if (c.costs == "measured") measured_layers.push_back(id);
    const std::string measured = core::join(measured_layers, ", ");
    emit(std::nullopt, "Learned from " + std::to_string(result.report.training_points) +
                           " measured point(s) of " + build_->string() +
                           "; layers costed from measurements: " +
                           (measured.empty() ? std::string("none") : measured) + "\n");
    if (plan_out_)
      emit(std::nullopt, "Plan written: " + plan_out_->string() + "\n");
    else
      emit(std::nullopt, plan);
    return 0;
  }

  std::string network_;
  BudgetFlags budget_;
  std::optional<std::filesystem::path> build_;
  std::vector<std::string> weights_;
  SynthesisFlags flags_;
  std::string profile_;  // empty: SC_NEUROCORE_PROFILE, else default
  std::optional<std::filesystem::path> out_;
  std::optional<std::filesystem::path> plan_out_;
};

SCN_REGISTER_COMMAND(CollectSynthesisCommand)
SCN_REGISTER_COMMAND(FeedbackCommand)

}  // namespace
}  // namespace scn::cli
