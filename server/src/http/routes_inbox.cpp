// The resident's inbox (消息): the notifications the workflow stored with each step
// (workflow/notices.hpp), newest first, with the unread count for the tab's badge.
#include "http/paging.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"

namespace yilu::server::http {

namespace {

std::string ts(Timestamp t) { return t ? format_timestamp_cst(t) : std::string(); }

json notification_json(const Notification& n) {
  json out = {{"id", n.id},
              {"kind", n.kind},
              {"title", n.title},
              {"body", n.body},
              {"created_at", ts(n.created_at)},
              {"read", n.read_at != 0}};
  out["application_id"] = n.application_id.empty() ? json(nullptr) : json(n.application_id);
  return out;
}

void send_unread(App& app, httplib::Response& res, const std::string& resident_id) {
  auto unread = app.store->unread_count(resident_id);
  if (!unread.ok()) return send_core_error(res, unread.error());
  send_json(res, 200, {{"ok", true}, {"unread", unread.value()}});
}

}  // namespace

void register_inbox_routes(Router& r, App& app) {
  r.get("/api/v1/me/notifications", kResident,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
          const auto page = page_request(req, res);
          if (!page) return;
          auto list = app.store->notifications_page(c.resident->id, *page);
          if (!list.ok()) return send_core_error(res, list.error());
          auto unread = app.store->unread_count(c.resident->id);
          if (!unread.ok()) return send_core_error(res, unread.error());
          json items = json::array();
          for (const auto& n : list.value().rows) items.push_back(notification_json(n));
          json body = {{"ok", true}, {"unread", unread.value()}, {"notifications", items}};
          add_page_fields(body, list.value());
          send_json(res, 200, body);
        });

  r.post("/api/v1/me/notifications/read", kResident,
         [&app](const httplib::Request&, httplib::Response& res, const Caller& c) {
           auto w = app.store->mark_read(c.resident->id, 0, app.now());
           if (!w.ok()) return send_core_error(res, w.error());
           send_unread(app, res, c.resident->id);
         });

  r.post("/api/v1/me/notifications/{id}/read", kResident,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
           const std::string raw = req.matches[1];
           std::int64_t id = 0;
           for (const char ch : raw) {
             if (ch < '0' || ch > '9' || id > 1'000'000'000'000LL) return send_error(res, "not_found");
             id = id * 10 + (ch - '0');
           }
           if (id <= 0) return send_error(res, "not_found");
           auto w = app.store->mark_read(c.resident->id, id, app.now());
           if (!w.ok()) return send_core_error(res, w.error());
           // Another resident's notification is "not found", as for applications.
           if (w.value() == WriteOutcome::Conflict) return send_error(res, "not_found");
           send_unread(app, res, c.resident->id);
         });
}

}  // namespace yilu::server::http
