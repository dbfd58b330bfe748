// Flag helpers shared by several subcommands.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace scn::cli {

// --profile reference|default (default: default).
inline void add_profile_option(CLI::App& command, std::string& profile) {
  command
      .add_option("--profile", profile,
                  "Optimiser profile: reference (published behaviour) or default (ours)")
      ->check(CLI::IsMember({"reference", "default"}))
      ->capture_default_str();
}

}  // namespace scn::cli
