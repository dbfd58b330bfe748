// collect-synthesis and feedback: vendor reports in, evidence (and a plan) out.
#include "command.hpp"
#include "options.hpp"
#include "sc_neurocore/evidence/synthesis.hpp"
#include "sc_neurocore/io/network.hpp"
#include "sc_neurocore/io/views.hpp"

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
    command.add_option("--out", out_, "Evidence JSON to write (atomically; folders are created)");
  }
  int run() override {
    const nlohmann::json payload = evidence::build_payload_from_reports(flags_.resolve(name()));
    if (out_) {
      evidence::write_payload(payload, *out_);
      emit(std::nullopt, "Evidence written: " + out_->string() + "\n");
    } else {
      emit(std::nullopt, evidence::payload_text(payload));
    }
    return 0;
  }

 private:
  SynthesisFlags flags_;
  std::optional<std::filesystem::path> out_;
};

// optimise_from_synthesis_reports: the evidence, then the plan that uses it.
class FeedbackCommand : public Command {
 public:
  std::string name() const override { return "feedback"; }
  std::string description() const override {
    return "Parse synthesis reports into evidence and rerun the optimiser with it";
  }
  void add_options(CLI::App& command) override {
    command.add_option("--network", network_, "Network manifest JSON")->required();
    budget_.add(command);
    flags_.add(command);
    add_profile_option(command, profile_);
    command.add_option("--out", out_, "Evidence JSON to write (atomically; folders are created)");
    command.add_option("--plan-out", plan_out_, "Plan JSON to write (atomically); stdout otherwise");
  }
  int run() override {
    const TargetHardwareProfile target = budget_.resolve(name());
    const auto options = flags_.resolve(name());
    const auto network = io::layer_profiles(io::load_network(network_));
    const auto result =
        evidence::optimise_from_synthesis_reports(network, target, options, parse_profile(profile_));
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
  std::string network_;
  BudgetFlags budget_;
  SynthesisFlags flags_;
  std::string profile_ = "default";
  std::optional<std::filesystem::path> out_;
  std::optional<std::filesystem::path> plan_out_;
};

SCN_REGISTER_COMMAND(CollectSynthesisCommand)
SCN_REGISTER_COMMAND(FeedbackCommand)

}  // namespace
}  // namespace scn::cli
