#include "routes_cli.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "http/server.hpp"

namespace yilu::server {

int run_routes(int, char**) {
  // Registration only captures the App; nothing is loaded or served.
  App app;
  std::vector<http::RouteInfo> routes;
  auto server = http::build_server(app, &routes);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : routes)
    out.push_back(
        {{"method", r.method}, {"path", r.path}, {"access", r.access.name}, {"kinds", http::access_kinds(r.access)}});
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}

}  // namespace yilu::server
