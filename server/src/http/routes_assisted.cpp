// 帮办: a walk-in resident at the comprehensive window, with the clerk filing for them. The
// resident is found (or registered) by mobile number and real name; the application is the
// resident's own, checked by the same core rules as from the phone, and recorded as filed at
// the window by this clerk. Paper originals are checked at the counter, so the form carries
// licences, commitments and deferrals, not uploads.
#include <cstdio>

#include "http/audit.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/step.hpp"
#include "http/submission.hpp"
#include "http/views.hpp"
#include "log_text.hpp"
#include "yilu/contact.hpp"
#include "yilu/identity.hpp"

namespace yilu::server::http {

namespace {

// The walk-in resident named in the body, with the real name set; nullopt after answering.
std::optional<Resident> walk_in(App& app, const json& body, const httplib::Request& req, httplib::Response& res,
                                const Caller& c) {
  const json who = body.value("resident", json::object());
  if (!who.is_object()) {
    send_error(res, "not_object", "/resident");
    return std::nullopt;
  }
  const MobileCheck phone = check_mobile(str(who, "phone"));
  if (!phone.valid()) {
    send_error(res, "bad_phone", "/resident/phone");
    return std::nullopt;
  }
  const std::string name = str(who, "name");
  if (name.empty() || name.size() > 90) {
    send_error(res, "bad_name", "/resident/name");
    return std::nullopt;
  }
  const IdCheck id = check_resident_id(str(who, "id_number"), app.ctx().today);
  if (!id.valid()) {
    send_error_with(res, "invalid_id_number", {{"path", "/resident/id_number"}, {"reason", id_reason_code(id.reason)}});
    return std::nullopt;
  }
  auto r = app.store->resident_by_phone(std::string(phone.normalized_view()), app.now());
  if (!r.ok()) {
    send_core_error(res, r.error());
    return std::nullopt;
  }
  Resident me = r.value();
  const std::string normalized(id.normalized_view());
  if (me.id_number.empty()) {
    if (auto e = app.store->set_profile(me.id, name, normalized)) {
      send_core_error(res, *e);
      return std::nullopt;
    }
    me.name = name;
    me.id_number = normalized;
    audit_caller(app, req, c, "profile_changed", me.id, {{"by", "window"}});
  } else if (me.id_number != normalized || me.name != name) {
    send_error(res, "profile_mismatch", "/resident");
    return std::nullopt;
  }
  return me;
}

}  // namespace

void register_assisted_routes(Router& r, App& app) {
  r.post("/api/v1/staff/applications", kClerk,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
           auto body = json_body(req, res);
           if (!body) return;
           const std::string kind = str(*body, "kind");
           const std::string target = str(*body, "target_id");
           if (kind != "item" && kind != "bundle") return send_error(res, "unknown_target", "/kind");
           if (target_items(app, kind, target).empty()) return send_error(res, "unknown_target", "/target_id");
           // A clerk files what their own window receives.
           if (target_window(app, kind, target) != c.staff->window) return send_error(res, "forbidden");
           auto me = walk_in(app, *body, req, res, c);
           if (!me) return;
           const Timestamp now = app.now();
           auto built = check_form(app, *me, kind, target, *body, now);
           if (auto* e = std::get_if<SubmitError>(&built)) return send_error(res, e->code, e->path);
           const CheckedForm& f = std::get<CheckedForm>(built);
           if (f.report.verdict == Verdict::NotAcceptable)
             return send_error_with(res, "invalid_application",
                                    {{"problems", problems_to_json(f.report.problems)},
                                     {"warnings", problems_to_json(f.report.warnings)}});
           Application a = new_application(app, me->id, kind, target, f, now);
           a.channel = "window";
           a.assisted_by = c.staff->username;
           a.assisted_by_name = c.staff->display_name;
           Event ev{0,
                    a.id,
                    "",
                    "assisted_submitted",
                    "staff",
                    c.staff->username,
                    c.staff->display_name,
                    now,
                    json{{"verdict", a.verdict}, {"resident", me->id}}.dump()};
           auto w = app.store->create_application(a, ev, "", IdempotentResponse{}, nullptr);
           if (!w.ok()) return send_core_error(res, w.error());
           std::fprintf(stderr, "[app] %s filed at window %s by %s\n", log_text(a.id).c_str(),
                        log_text(a.window).c_str(), log_text(c.staff->username).c_str());
           send_json(res, 201, {{"ok", true}, {"application", application_full(app, a, actor_of(c), true)}});
         });
}

}  // namespace yilu::server::http
