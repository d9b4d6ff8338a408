#include "http/router.hpp"

#include "http/ranges.hpp"
#include "http/respond.hpp"

namespace yilu::server::http {

std::vector<std::string> access_kinds(const Access& a) {
  static const std::pair<unsigned, const char*> kNames[] = {{Access::Resident, "resident"},
                                                            {Access::Clerk, "clerk"},
                                                            {Access::Reviewer, "reviewer"},
                                                            {Access::Supervisor, "supervisor"},
                                                            {Access::Admin, "admin"}};
  std::vector<std::string> out;
  for (const auto& [bit, name] : kNames)
    if (a.kinds & bit) out.emplace_back(name);
  return out;
}

unsigned caller_kind(const Caller& c) {
  if (c.resident) return Access::Resident;
  if (!c.staff) return 0;
  switch (c.staff->role) {
    case workflow::Role::Clerk: return Access::Clerk;
    case workflow::Role::Reviewer: return Access::Reviewer;
    case workflow::Role::Supervisor: return Access::Supervisor;
    case workflow::Role::Admin: return Access::Admin;
  }
  return 0;
}

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

httplib::Server::Handler Router::guarded(Access access, Handler h) {
  // The Router lives only while routes are registered; the handlers keep the App itself.
  return [&app = app_, access, h = std::move(h)](const httplib::Request& req, httplib::Response& res) {
    Caller caller;
    if (access.kinds != 0) {
      auto found = authenticate(app, req);
      if (!found.ok()) return send_core_error(res, found.error());
      auto& p = found.value();
      if (!p) return send_error(res, "unauthorized");
      caller.token_hash = std::move(p->token_hash);
      caller.resident = std::move(p->resident);
      caller.staff = std::move(p->staff);
      if ((caller_kind(caller) & access.kinds) == 0) return send_error(res, "forbidden");
    }
    h(req, res, caller);
    // Last, with the whole body known: httplib cuts it into the requested ranges afterwards.
    enforce_range_policy(req, res);
  };
}

void Router::get(const std::string& path, Access access, Handler h) {
  server_.Get(to_regex(path), guarded(access, std::move(h)));
  routes_.push_back({"get", path, access});
}
void Router::post(const std::string& path, Access access, Handler h) {
  server_.Post(to_regex(path), guarded(access, std::move(h)));
  routes_.push_back({"post", path, access});
}
void Router::put(const std::string& path, Access access, Handler h) {
  server_.Put(to_regex(path), guarded(access, std::move(h)));
  routes_.push_back({"put", path, access});
}

}  // namespace yilu::server::http
