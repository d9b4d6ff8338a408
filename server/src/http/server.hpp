#pragma once
// The HTTP server of `yilu serve`: every route, the error and exception handlers, limits,
// static files of the web app with the SPA fallback.
#include <httplib.h>

#include <memory>
#include <vector>

#include "app.hpp"
#include "http/router.hpp"

namespace yilu::server::http {

/// A configured server (not yet listening). `routes` receives the registered API routes.
std::unique_ptr<httplib::Server> build_server(App& app, std::vector<RouteInfo>* routes = nullptr);

}  // namespace yilu::server::http
