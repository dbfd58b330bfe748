// sc-neurocore: the command-line face of the engine. Errors are printed once
// here: exit 2 with one line for usage and input errors, 1 for internal ones.
// The same entry point serves the executable and `python3 -m sc_neurocore`.
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "command.hpp"
#include "sc_neurocore/core/error.hpp"
#include "sc_neurocore/core/file_io.hpp"
#include "sc_neurocore/core/join.hpp"

namespace scn::cli {

namespace {
std::vector<CommandFactory>& registry() {
  static std::vector<CommandFactory> factories;
  return factories;
}
}  // namespace

bool register_command(CommandFactory factory) {
  registry().push_back(factory);
  return true;
}

const std::vector<CommandFactory>& command_factories() { return registry(); }

void emit(const std::optional<std::filesystem::path>& out, const std::string& text) {
  if (out) {
    core::write_file_atomically(*out, text);
  } else {
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
}

}  // namespace scn::cli

namespace {

// Exit 1 is an internal error unless an external tool failed (`tool_failed`).
int print_error(const std::string& message, int code, bool tool_failed = false) {
  std::string line = message;
  std::replace(line.begin(), line.end(), '\n', ' ');
  std::cerr << "sc-neurocore: " << (code == 1 && !tool_failed ? "internal error: " : "error: ") << line
            << "\n";
  return code;
}

}  // namespace

namespace scn::cli {

namespace {
int run_command_line(int argc, char** argv) {
  CLI::App app{"sc-neurocore: fit stochastic-computing spiking neural networks onto FPGAs"};
  app.name("sc-neurocore");
  app.set_version_flag("--version", std::string("sc-neurocore ") + SCN_VERSION);
  app.require_subcommand(1);

  std::vector<std::unique_ptr<scn::cli::Command>> commands;
  for (const auto factory : scn::cli::command_factories()) commands.push_back(factory());
  std::sort(commands.begin(), commands.end(),
            [](const auto& a, const auto& b) { return a->name() < b->name(); });
  std::vector<std::pair<CLI::App*, scn::cli::Command*>> subcommands;
  for (auto& command : commands) {
    CLI::App* sub = app.add_subcommand(command->name(), command->description());
    for (const auto& alias : command->aliases()) sub->alias(alias);
    command->add_options(*sub);
    subcommands.emplace_back(sub, command.get());
  }

  // CLI11 reports an unknown command only as "a subcommand is required": name it.
  const auto is_command = [&](const std::string& word) {
    for (const auto& [sub, command] : subcommands)
      if (sub->check_name(word)) return true;
    return false;
  };
  if (argc > 1 && argv[1][0] != '-' && !is_command(argv[1])) {
    const std::string names =
        core::join(subcommands, ", ", [](const auto& entry) { return entry.first->get_name(); });
    return print_error("unknown command '" + std::string(argv[1]) + "'; commands: " + names, 2);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    return print_error(e.what(), 2);
  }

  try {
    for (auto& [sub, command] : subcommands)
      if (sub->parsed()) return command->run();
    return print_error("no command given; run sc-neurocore --help", 2);
  } catch (const core::InputError& e) {
    return print_error(e.what(), 2);
  } catch (const core::DoesNotFitError& e) {
    return print_error(e.what(), 3);
  } catch (const core::ToolError& e) {
    return print_error(e.what(), e.interrupted() ? 130 : 1, true);
  } catch (const std::exception& e) {
    return print_error(e.what(), 1);
  }
}

}  // namespace

int run(int argc, char** argv) {
  const int code = run_command_line(argc, argv);
  std::fflush(stdout);  // the Python entry point shares this process's stdio
  return code;
}

}  // namespace scn::cli
