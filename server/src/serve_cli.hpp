#pragma once
// `yilu serve` and `yilu admin`.
namespace yilu::server {

/// Runs the HTTP server until SIGTERM/SIGINT; returns the process exit code.
int run_serve(int argc, char** argv);
/// Staff account management on a data folder; returns the process exit code.
int run_admin(int argc, char** argv);

}  // namespace yilu::server
