// A resident's applications: submit (re-validated by the core, durable before 201), detail
// with timeline, resubmit after 补正, rating.
#include <algorithm>
#include <cstdio>

#include "auth/mask.hpp"
#include "auth/tokens.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/step.hpp"
#include "http/submission.hpp"
#include "http/views.hpp"
#include "log_text.hpp"
#include "workflow/rating_facts.hpp"

namespace yilu::server::http {

namespace {

bool good_key(const std::string& k) {
  if (k.empty() || k.size() > 128) return false;
  for (const char c : k)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

// Checks the form with the core; on refusal (or an invalid form: 422 with every problem) sends
// the response and returns nullopt.
std::optional<CheckedForm> checked(App& app, const Resident& me, const std::string& kind, const std::string& target,
                                   const json& body, httplib::Response& res) {
  auto built = check_form(app, me, kind, target, body, app.now());
  if (auto* e = std::get_if<SubmitError>(&built)) {
    send_error(res, e->code, e->path);
    return std::nullopt;
  }
  CheckedForm f = std::move(std::get<CheckedForm>(built));
  if (f.report.verdict == Verdict::NotAcceptable) {
    send_error_with(
        res, "invalid_application",
        {{"problems", problems_to_json(f.report.problems)}, {"warnings", problems_to_json(f.report.warnings)}});
    return std::nullopt;
  }
  return f;
}

// 秒批: an instant item's complete application is decided by the system at once; true when
// it was (the response is then sent). A replay of the request's Idempotency-Key answers with
// the 收件 response stored before the decision; the application itself shows the result.
bool decide_at_once(App& app, const Application& a, const workflow::Actor& owner, httplib::Response& res) {
  if (!app.catalog) return false;
  const ItemDef* item = a.kind == "item" ? app.catalog->item(a.target_id) : nullptr;
  if (!item || !item->instant || a.verdict != "acceptable") return false;
  // 秒批 right after the durable 收件: should this step fail or the process die in between,
  // the application waits at the window like any other (nothing is lost, the clerk decides).
  Change step = [&] {
    auto r = workflow::instant_decision(
        a, *app.catalog, [] { return "L" + random_hex(8); }, app.now());
    return r.ok() ? r.value() : Change{};
  }();
  if (step.application_id.empty()) return false;
  auto written = write_step(app, res, std::move(step));
  if (!written) {
    res = httplib::Response{};
    return false;
  }
  json out = {{"ok", true}, {"application", application_full(app, written->updated, owner, false)}};
  res.status = 201;
  res.set_content(out.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
  return true;
}

// Whether the workflow offers the action to the actor now (the state first: a body for an
// application that is not waiting for it is a 409, not a 422).
bool allows(const Application& a, const workflow::Actor& actor, workflow::Action action) {
  const auto allowed = workflow::allowed_actions(a, actor);
  return std::find(allowed.begin(), allowed.end(), action) != allowed.end();
}

}  // namespace

void register_application_routes(Router& r, App& app) {
  r.post("/api/v1/applications", kResident,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
           const Resident* me = &*c.resident;
           const std::string key = req.get_header_value("Idempotency-Key");
           if (req.has_header("Idempotency-Key") && !good_key(key)) return send_error(res, "bad_idempotency_key");
           auto body = json_body(req, res);
           if (!body) return;
           const std::string request_hash = sha256_hex(body->dump());
           const auto replay = [&](const IdempotentResponse& prev) {
             if (prev.request_hash != request_hash) return send_error(res, "idempotency_key_reused");
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
           if (kind != "item" && kind != "bundle") return send_error(res, "unknown_target", "/kind");
           const auto items = target_items(app, kind, target);
           if (items.empty()) return send_error(res, "unknown_target", "/target_id");
           auto f = checked(app, *me, kind, target, *body, res);
           if (!f) return;

           const Timestamp now = app.now();
           Application a = new_application(app, me->id, kind, target, *f, now);
           Event ev{0, a.id, "", "submitted", "resident", me->id, "", now, json{{"verdict", a.verdict}}.dump()};
           // The answer carries the id, status and due-date preview; the body the resident just sent
           // is not echoed (GET /applications/{id} has it), which keeps a submission's CPU down.
           const json response = {{"ok", true}, {"application", application_json(app, a, {}, {}, actor_of(c), false)}};
           const std::string text = response.dump(-1, ' ', false, json::error_handler_t::replace);
           std::optional<IdempotentResponse> existing;
           auto w = app.store->create_application(a, ev, key, IdempotentResponse{request_hash, 201, text}, &existing,
                                                  daily_quota(now, app.limits.applications_per_day, 0));
           if (!w.ok()) return send_core_error(res, w.error());
           if (w.value() == WriteOutcome::Conflict && existing) return replay(*existing);
           if (w.value() == WriteOutcome::Refused) return too_many(res, "application_quota", seconds_to_next_day(now));
           std::fprintf(stderr, "[app] %s submitted %s %s\n", log_text(a.id).c_str(), log_text(kind).c_str(),
                        log_text(target).c_str());
           if (decide_at_once(app, a, actor_of(c), res)) return;
           res.status = 201;
           res.set_content(text, "application/json; charset=utf-8");
         });

  // The resident's own application; anyone else's is "not found" (never "forbidden", which
  // would confirm that the id exists).
  const auto own = [&app](const httplib::Request& req, httplib::Response& res,
                          const Caller& c) -> std::optional<Application> {
    auto a = app.store->application(req.matches[1]);
    if (!a.ok()) {
      send_core_error(res, a.error());
      return std::nullopt;
    }
    if (!a.value() || a.value()->resident_id != c.resident->id) {
      send_error(res, "not_found");
      return std::nullopt;
    }
    return *a.value();
  };

  r.get("/api/v1/applications/{id}", kResident,
        [&app, own](const httplib::Request& req, httplib::Response& res, const Caller& c) {
          auto a = own(req, res, c);
          if (!a) return;
          send_detail(app, res, *a, actor_of(c));
        });

  r.post("/api/v1/applications/{id}/resubmit", kResident,
         [&app, own](const httplib::Request& req, httplib::Response& res, const Caller& c) {
           auto a = own(req, res, c);
           if (!a) return;
           auto body = json_body(req, res);
           if (!body) return;
           const auto actor = actor_of(c);
           if (!allows(*a, actor, workflow::Action::Resubmit)) return send_error(res, "illegal_transition");
           auto f = checked(app, *c.resident, a->kind, a->target_id, *body, res);
           if (!f) return;
           Application revised;
           store_form(revised, *f);
           if (auto written = write_step(app, res, workflow::resubmit(*a, actor, revised, app.now())))
             send_application(app, res, written->updated, actor, true);
         });

  r.post("/api/v1/applications/{id}/rating", kResident,
         [&app, own](const httplib::Request& req, httplib::Response& res, const Caller& c) {
           auto a = own(req, res, c);
           if (!a) return;
           auto body = json_body(req, res);
           if (!body) return;
           const auto score = body->find("score");
           if (score == body->end() || !score->is_number_integer() || score->get<std::int64_t>() < 1 ||
               score->get<std::int64_t>() > 5)
             return send_error(res, "bad_score", "/score");
           Rating rating;
           rating.score = score->get<std::int64_t>();
           rating.comment = reason_text(*body, "comment");
           if (rating.comment.size() > 1000) rating.comment = utf8_prefix(rating.comment, 1000);
           const auto actor = actor_of(c);
           auto step = workflow::rate(*a, actor, std::move(rating), app.now());
           if (step.ok()) {
             // Counted for the clerk who accepted it: the timeline says who that was.
             auto events = app.store->events_of(a->id);
             if (!events.ok()) return send_core_error(res, events.error());
             workflow::add_rating_records(step.value(), app.catalog, workflow::rated_clerk(*a, events.value()));
           }
           if (auto written = write_step(app, res, std::move(step)))
             send_application(app, res, written->updated, actor, false);
         });

  // 容缺补交 from the phone: the files of a deferred material, after acceptance.
  r.post(
      "/api/v1/applications/{id}/supply", kResident,
      [&app, own](const httplib::Request& req, httplib::Response& res, const Caller& c) {
        auto a = own(req, res, c);
        if (!a) return;
        auto body = json_body(req, res);
        if (!body) return;
        const auto actor = actor_of(c);
        const std::string material = str(*body, "material");
        if (!allows(*a, actor, workflow::Action::Supply)) return send_error(res, "illegal_transition");
        const auto owed = workflow::owed_materials(*a);
        if (std::none_of(owed.begin(), owed.end(), [&](const MaterialRecord* m) { return m->material_id == material; }))
          return send_error(res, "not_owed", "/material");
        SupplyCheck checked = check_supply(app, *c.resident, *a, material, *body, app.now());
        if (checked.error) return send_error(res, checked.error->code, checked.error->path);
        if (!checked.problems.empty())
          return send_error_with(res, "invalid_application", {{"problems", problems_to_json(checked.problems)}});
        if (auto written =
                write_step(app, res, workflow::supply(*a, actor, material, std::move(checked.files), "", app.now())))
          send_application(app, res, written->updated, actor, true);
      });

  r.post(
      "/api/v1/applications/{id}/withdraw", kResident,
      [&app, own](const httplib::Request& req, httplib::Response& res, const Caller& c) {
        auto a = own(req, res, c);
        if (!a) return;
        auto body = json_body(req, res, true);
        if (!body) return;
        const auto actor = actor_of(c);
        if (auto written = write_step(app, res, workflow::withdraw(*a, actor, reason_text(*body, "reason"), app.now())))
          send_application(app, res, written->updated, actor, false);
      });
}

}  // namespace yilu::server::http
