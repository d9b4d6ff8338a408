#pragma once
// Registers handlers under OpenAPI-style paths ("/api/v1/applications/{id}") and remembers
// them, so a test can check that every route is described in server/openapi.json.
#include <httplib.h>

#include <string>
#include <vector>

namespace yilu::server::http {

struct RouteInfo {
  std::string method;  ///< lowercase: get, post, put
  std::string path;    ///< as in the OpenAPI document
};

class Router {
 public:
  explicit Router(httplib::Server& s) : server_(s) {}
  void get(const std::string& path, httplib::Server::Handler h);
  void post(const std::string& path, httplib::Server::Handler h);
  void put(const std::string& path, httplib::Server::Handler h);
  const std::vector<RouteInfo>& routes() const { return routes_; }

 private:
  static std::string to_regex(const std::string& path);
  httplib::Server& server_;
  std::vector<RouteInfo> routes_;
};

}  // namespace yilu::server::http
