// Subcommands register themselves (one file each, like Yosys passes), so
// adding a command touches no switch in main.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace scn::cli {

class Command {
 public:
  virtual ~Command() = default;
  virtual std::string name() const = 0;
  virtual std::string description() const = 0;
  virtual std::vector<std::string> aliases() const { return {}; }
  // Declares the flags on this command's CLI11 sub-app; values bind to members.
  virtual void add_options(CLI::App& command) = 0;
  // Runs after a successful parse. Throws scn::core::InputError for bad input.
  virtual int run() = 0;
};

using CommandFactory = std::unique_ptr<Command> (*)();
bool register_command(CommandFactory factory);
const std::vector<CommandFactory>& command_factories();

// Parses argv, runs the chosen command, prints errors once; returns the exit code.
int run(int argc, char** argv);

// Prints `text` to stdout, or writes it atomically to `out` when given.
void emit(const std::optional<std::filesystem::path>& out, const std::string& text);

}  // namespace scn::cli

#define SCN_REGISTER_COMMAND(CommandClass)                                                        \
  namespace {                                                                                     \
  const bool kRegistered##CommandClass = ::scn::cli::register_command(                            \
      []() -> std::unique_ptr<::scn::cli::Command> { return std::make_unique<CommandClass>(); }); \
  }
