#pragma once
// `yilu routes`: the server's route declarations (method, path, who may call) as JSON, the one
// source of the OpenAPI document's `security` and of the authorization test matrix.

namespace yilu::server {

/// Prints [{"method","path","access","kinds"}] on stdout; returns the exit status.
int run_routes(int argc, char** argv);

}  // namespace yilu::server
