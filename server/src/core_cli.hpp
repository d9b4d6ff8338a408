#pragma once
// `yilu core`: the core's call surface over stdin/stdout, one JSON request per line.
namespace yilu::server {

/// Runs the command with its arguments (after "core"); returns the process exit code.
int run_core_cli(int argc, char** argv);

}  // namespace yilu::server
