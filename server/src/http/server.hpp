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

/// Call once the server is bound (bind_to_port / bind_to_any_port), on the thread that bound it
/// and before listen_after_bind: raises the listen backlog (GuardedServer::widen_backlog). Not
/// from the listening thread: a stop() during start-up would close the socket under it.
void widen_listen_backlog(httplib::Server& svr);

}  // namespace yilu::server::http
