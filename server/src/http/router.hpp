#pragma once
// Registers handlers under OpenAPI-style paths ("/api/v1/applications/{id}") with WHO may call
// them, declared once per route: the router authenticates and checks the caller's kind before
// the handler runs (401 without a valid token, 403 for the wrong kind). Handlers only narrow
// the scope (the clerk of THIS application's window, the reviewer of THIS task's department).
// `yilu routes` prints the declarations; the OpenAPI `security` and the authorization test
// matrix are generated from them.
#include <httplib.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app.hpp"
#include "storage/records.hpp"

namespace yilu::server::http {

/// Who may call a route: a set of caller kinds (none = public).
struct Access {
  enum Kind : unsigned {
    Resident = 1u << 0,
    Clerk = 1u << 1,
    Reviewer = 1u << 2,
    Supervisor = 1u << 3,
    Admin = 1u << 4,
  };
  unsigned kinds = 0;
  const char* name = "public";  ///< stable name of the set ("public", "resident", "clerk" …)
};

/// The declared sets (docs/workflow.md "Who may do what").
inline constexpr Access kPublic{0, "public"};
inline constexpr Access kResident{Access::Resident, "resident"};
inline constexpr Access kAnyStaff{Access::Clerk | Access::Reviewer | Access::Supervisor | Access::Admin, "staff"};
inline constexpr Access kSignedIn{kAnyStaff.kinds | Access::Resident, "signed_in"};
inline constexpr Access kClerk{Access::Clerk, "clerk"};
inline constexpr Access kReviewer{Access::Reviewer, "reviewer"};
/// Supervisors and admins: read-only everywhere.
inline constexpr Access kSupervisor{Access::Supervisor | Access::Admin, "supervisor"};
inline constexpr Access kAdmin{Access::Admin, "admin"};
/// A window's queue: its clerks, and the readers of everything.
inline constexpr Access kClerkOrSupervisor{Access::Clerk | Access::Supervisor | Access::Admin, "clerk_or_supervisor"};
/// A department's tasks: its reviewers, and the readers of everything.
inline constexpr Access kReviewerOrSupervisor{Access::Reviewer | Access::Supervisor | Access::Admin,
                                              "reviewer_or_supervisor"};

/// The stable names of the kinds in a set, in a fixed order ("resident", "clerk", "reviewer",
/// "supervisor", "admin"); empty for public.
std::vector<std::string> access_kinds(const Access& a);

/// The authenticated caller (empty on a public route).
struct Caller {
  std::string token_hash;
  std::optional<Resident> resident;
  std::optional<StaffAccount> staff;
};

/// The kind bit of a caller (0 when anonymous).
unsigned caller_kind(const Caller& c);

struct RouteInfo {
  std::string method;  ///< lowercase: get, post, put
  std::string path;    ///< as in the OpenAPI document
  Access access;
};

using Handler = std::function<void(const httplib::Request&, httplib::Response&, const Caller&)>;

class Router {
 public:
  Router(httplib::Server& s, App& app) : server_(s), app_(app) {}
  void get(const std::string& path, Access access, Handler h);
  void post(const std::string& path, Access access, Handler h);
  void put(const std::string& path, Access access, Handler h);
  const std::vector<RouteInfo>& routes() const { return routes_; }

 private:
  httplib::Server::Handler guarded(Access access, Handler h);
  static std::string to_regex(const std::string& path);
  httplib::Server& server_;
  App& app_;
  std::vector<RouteInfo> routes_;
};

}  // namespace yilu::server::http
