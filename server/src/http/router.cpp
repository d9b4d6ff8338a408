#include "http/router.hpp"

namespace yilu::server::http {

std::string Router::to_regex(const std::string& path) {
  // "{name}" becomes one path segment; other regex metacharacters in our paths are only '.'.
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      const std::size_t close = path.find('}', i);
      out += "([^/]+)";
      i = close;
    } else if (path[i] == '.') {
      out += "\\.";
    } else {
      out.push_back(path[i]);
    }
  }
  return out;
}

void Router::get(const std::string& path, httplib::Server::Handler h) {
  server_.Get(to_regex(path), std::move(h));
  routes_.push_back({"get", path});
}
void Router::post(const std::string& path, httplib::Server::Handler h) {
  server_.Post(to_regex(path), std::move(h));
  routes_.push_back({"post", path});
}
void Router::put(const std::string& path, httplib::Server::Handler h) {
  server_.Put(to_regex(path), std::move(h));
  routes_.push_back({"put", path});
}

}  // namespace yilu::server::http
