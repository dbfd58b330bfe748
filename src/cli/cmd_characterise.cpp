#include "command.hpp"
#include "sc_neurocore/sim/characterise.hpp"

namespace scn::cli {
namespace {

// Measures SC dot-product error per (length, generator, polynomial, precision, mode, M) with the bit-true
// simulator.
class CharacteriseCommand : public Command {
 public:
  std::string name() const override { return "characterise"; }
  std::vector<std::string> aliases() const override { return {"characterize"}; }
  std::string description() const override {
    return "Measure SC dot-product error with the bit-true simulator (the default profile's accuracy table)";
  }
  void add_options(CLI::App& command) override {
    command.add_option("--out", out_, "Write the CSV table here (atomically) instead of stdout");
    command.add_option("--cpp-out", cpp_out_,
                       "Also write the rows as C++ initialisers (src/sim/characterisation_table.inc)");
    command.add_option("--lengths", spec_.lengths, "Bitstream lengths")
        ->delimiter(',')
        ->capture_default_str();
    command.add_option("--precisions", spec_.precisions, "Comparator precisions in bits")
        ->delimiter(',')
        ->capture_default_str();
    command.add_option("--mac-counts", spec_.mac_counts, "Dot-product lengths M")
        ->delimiter(',')
        ->capture_default_str();
    command.add_option("--polynomials", spec_.polynomials, "LFSR polynomials")
        ->delimiter(',')
        ->capture_default_str();
    command.add_option("--draws", spec_.draws, "Random input/weight draws per cell")->capture_default_str();
    command.add_option("--seed", spec_.seed, "Seed of the draws")->capture_default_str();
  }
  int run() override {
    const auto rows = sim::characterise(spec_);
    const std::string csv = sim::characterisation_csv(rows);
    if (cpp_out_) emit(cpp_out_, sim::characterisation_cpp(rows));
    emit(out_, csv);
    return 0;
  }

 private:
  sim::CharacterisationSpec spec_;
  std::optional<std::filesystem::path> out_;
  std::optional<std::filesystem::path> cpp_out_;
};

SCN_REGISTER_COMMAND(CharacteriseCommand)

}  // namespace
}  // namespace scn::cli
