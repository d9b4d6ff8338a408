// A resident's applications: submit (re-validated by the core, durable before 201), detail
// with timeline, resubmit after 补正, rating.
#include <cstdio>

#include "auth/mask.hpp"
#include "auth/tokens.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/submission.hpp"
#include "http/views.hpp"
#include "workflow/state_machine.hpp"

namespace yilu::server::http {

namespace {

bool good_key(const std::string& k) {
  if (k.empty() || k.size() > 128) return false;
  for (const char c : k)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

std::string new_application_id(Timestamp now) {
  const Ymd d = ymd_from_date(cst_date(now));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
  return std::string("YL") + buf + "-" + random_hex(5);
}

// Builds the core application and validates it; on refusal sends the response and returns
// nullopt. On success returns {application for storage, validate response}.
std::optional<std::pair<json, json>> validated(App& app, const Resident& me, const std::string& kind,
                                               const std::string& target, const json& body, httplib::Response& res) {
  auto built = core_application(app, me, body);
  if (auto* e = std::get_if<SubmitError>(&built)) {
    send_error(res, e->status, e->code, e->path);
    return std::nullopt;
  }
  json application = std::get<json>(built);
  json report = run_validate(app, kind, target, application);
  if (!report.value("ok", false)) {
    // The request itself was malformed for the core (wrong types at the top level …).
    const json err = report.value("error", json::object());
    send_json(res, 400, {{"ok", false}, {"error", err}});
    return std::nullopt;
  }
  if (report.value("verdict", std::string()) == "not_acceptable") {
    send_error_with(res, 422, "invalid_application",
                    {{"problems", report.value("problems", json::array())},
                     {"warnings", report.value("warnings", json::array())}});
    return std::nullopt;
  }
  return std::make_pair(std::move(application), std::move(report));
}

json stored_body(const json& application, const json& report) {
  json b = application;
  b["verdict"] = report.value("verdict", std::string());
  b["required_materials"] = report.value("materials", json::array());
  return b;
}

}  // namespace

void register_application_routes(Router& r, App& app) {
  r.post("/api/v1/applications", [&app](const httplib::Request& req, httplib::Response& res) {
    auto me = require_resident(app, req, res);
    if (!me) return;
    const std::string key = req.get_header_value("Idempotency-Key");
    if (req.has_header("Idempotency-Key") && !good_key(key)) return send_error(res, 400, "bad_idempotency_key");
    auto body = json_body(req, res);
    if (!body) return;
    const std::string request_hash = sha256_hex(body->dump());
    const auto replay = [&](const IdempotentResponse& prev) {
      if (prev.request_hash != request_hash) return send_error(res, 409, "idempotency_key_reused");
      res.set_header("Idempotent-Replayed", "true");
      res.status = prev.status;
      res.set_content(prev.response, "application/json; charset=utf-8");
    };
    if (!key.empty()) {
      auto prev = app.store->idempotent(me->id, key);
      if (!prev.ok()) return send_core_error(res, prev.error());
      if (prev.value()) return replay(*prev.value());
    }
    const std::string kind = str(*body, "kind");
    const std::string target = str(*body, "target_id");
    if (kind != "item" && kind != "bundle") return send_error(res, 422, "unknown_target", "/kind");
    const auto items = target_items(app, kind, target);
    if (items.empty()) return send_error(res, 422, "unknown_target", "/target_id");
    auto v = validated(app, *me, kind, target, *body, res);
    if (!v) return;

    const Timestamp now = app.now();
    Application a;
    a.id = new_application_id(now);
    a.resident_id = me->id;
    a.kind = kind;
    a.target_id = target;
    a.stage = kind == "bundle" ? 1 : 0;
    a.window = target_window(app, kind, target);
    a.items = json(items).dump();
    a.status = "submitted";
    a.body = stored_body(v->first, v->second).dump();
    a.submitted_at = now;
    a.updated_at = now;
    Event ev{0, a.id, "", "submitted", "resident", me->id, "", now,
             json{{"verdict", v->second.value("verdict", std::string())}}.dump()};
    // The answer carries the id, status and due-date preview; the body the resident just sent
    // is not echoed (GET /applications/{id} has it), which keeps a submission's CPU down.
    const json response = {{"ok", true}, {"application", application_json(app, a, {}, {}, false)}};
    const std::string text = response.dump(-1, ' ', false, json::error_handler_t::replace);
    std::optional<IdempotentResponse> existing;
    auto w = app.store->create_application(a, ev, key, IdempotentResponse{request_hash, 201, text}, &existing);
    if (!w.ok()) return send_core_error(res, w.error());
    if (w.value() == WriteOutcome::Conflict && existing) return replay(*existing);
    std::fprintf(stderr, "[app] %s submitted %s %s\n", a.id.c_str(), kind.c_str(), target.c_str());
    res.status = 201;
    res.set_content(text, "application/json; charset=utf-8");
  });

  // The resident's own application; anyone else's is "not found" (never "forbidden", which
  // would confirm that the id exists).
  const auto own = [&app](const httplib::Request& req, httplib::Response& res, Resident& me) -> std::optional<Application> {
    auto who = require_resident(app, req, res);
    if (!who) return std::nullopt;
    me = *who;
    auto a = app.store->application(req.matches[1]);
    if (!a.ok()) {
      send_core_error(res, a.error());
      return std::nullopt;
    }
    if (!a.value() || a.value()->resident_id != me.id) {
      send_error(res, 404, "not_found");
      return std::nullopt;
    }
    return *a.value();
  };

  r.get("/api/v1/applications/{id}", [&app, own](const httplib::Request& req, httplib::Response& res) {
    Resident me;
    auto a = own(req, res, me);
    if (!a) return;
    auto events = app.store->events_of(a->id);
    if (!events.ok()) return send_core_error(res, events.error());
    json timeline = json::array();
    for (const auto& e : events.value()) timeline.push_back(event_json(e));
    send_json(res, 200, {{"ok", true}, {"application", application_full(app, *a, true)}, {"timeline", timeline}});
  });

  r.post("/api/v1/applications/{id}/resubmit", [&app, own](const httplib::Request& req, httplib::Response& res) {
    Resident me;
    auto a = own(req, res, me);
    if (!a) return;
    auto body = json_body(req, res);
    if (!body) return;
    auto next = workflow::next_status(a->status, workflow::Action::Resubmit);
    if (!next.ok()) return send_error(res, 409, next.error().code);
    auto v = validated(app, me, a->kind, a->target_id, *body, res);
    if (!v) return;
    const Timestamp now = app.now();
    Change c;
    c.application_id = a->id;
    c.expected_status = a->status;
    c.updated = *a;
    c.updated.status = next.value();
    c.updated.body = stored_body(v->first, v->second).dump();
    c.updated.updated_at = now;
    c.events.push_back(Event{0, a->id, "", "resubmitted", "resident", me.id, "", now,
                             json{{"verdict", v->second.value("verdict", std::string())}}.dump()});
    auto w = app.store->apply(c);
    if (!w.ok()) return send_core_error(res, w.error());
    if (w.value() == WriteOutcome::Conflict) return send_error(res, 409, "illegal_transition");
    send_json(res, 200, {{"ok", true}, {"application", application_full(app, c.updated, true)}});
  });

  r.post("/api/v1/applications/{id}/rating", [&app, own](const httplib::Request& req, httplib::Response& res) {
    Resident me;
    auto a = own(req, res, me);
    if (!a) return;
    auto body = json_body(req, res);
    if (!body) return;
    const auto score = body->find("score");
    if (score == body->end() || !score->is_number_integer() || score->get<std::int64_t>() < 1 || score->get<std::int64_t>() > 5)
      return send_error(res, 422, "bad_score", "/score");
    const std::string comment = str(*body, "comment").substr(0, 1000);
    auto next = workflow::next_status(a->status, workflow::Action::Rate);
    if (!next.ok()) return send_error(res, 409, next.error().code);
    const Timestamp now = app.now();
    const json rating = {{"score", score->get<std::int64_t>()}, {"comment", comment}, {"at", format_timestamp_cst(now)}};
    Change c;
    c.application_id = a->id;
    c.expected_status = a->status;
    c.updated = *a;
    c.updated.status = next.value();
    c.updated.rating = rating.dump();
    c.updated.updated_at = now;
    c.events.push_back(Event{0, a->id, "", "rated", "resident", me.id, "", now, rating.dump()});
    auto w = app.store->apply(c);
    if (!w.ok()) return send_core_error(res, w.error());
    if (w.value() == WriteOutcome::Conflict) return send_error(res, 409, "illegal_transition");
    send_json(res, 200, {{"ok", true}, {"application", application_full(app, c.updated, false)}});
  });
}

}  // namespace yilu::server::http
