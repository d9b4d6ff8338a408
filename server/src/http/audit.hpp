#pragma once
// The audit trail of people's access (docs/server-api.md, 审计): staff sign-ins and their
// failures, every staff read of an application or a file, account changes, a resident's
// real-name profile. Entries are stored append-only (the database refuses UPDATE and DELETE);
// the admin reads them with filters at GET /api/v1/admin/audit.
#include <httplib.h>

#include <string>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "http/router.hpp"

namespace yilu::server::http {

/// Records one entry. A failed write (a full disk) is logged with the entry for the operator and
/// does not fail the request: reading an application must keep working when nothing can be
/// written (the log line is then the trail).
void audit(App& app, const httplib::Request& req, const std::string& kind, const std::string& actor_kind,
           const std::string& actor_id, const std::string& subject,
           const nlohmann::json& detail = nlohmann::json::object());

/// The same, for what a signed-in caller did (staff or resident).
void audit_caller(App& app, const httplib::Request& req, const Caller& c, const std::string& kind,
                  const std::string& subject, const nlohmann::json& detail = nlohmann::json::object());

/// The Chinese name of an audit kind (for the admin's view), "" for an unknown kind.
std::string audit_label(const std::string& kind);

}  // namespace yilu::server::http
