#include "http/step.hpp"

#include <cstdio>

#include "http/respond.hpp"
#include "http/views.hpp"
#include "log_text.hpp"
#include "step_facts.hpp"
#include "workflow/model.hpp"
#include "workflow/notices.hpp"
#include "workflow/reminding.hpp"

namespace yilu::server::http {

workflow::Actor actor_of(const Caller& c) { return workflow::Actor{c.resident, c.staff}; }

std::optional<Application> load_application(App& app, const std::string& id, httplib::Response& res) {
  auto a = app.store->application(id);
  if (!a.ok()) {
    send_core_error(res, a.error());
    return std::nullopt;
  }
  if (!a.value()) {
    send_error(res, "not_found");
    return std::nullopt;
  }
  return *a.value();
}

std::optional<Change> write_step(App& app, httplib::Response& res, Result<Change> step) {
  if (!step.ok()) {
    send_error(res, step.error().code, step.error().path);
    return std::nullopt;
  }
  Change& c = step.value();
  if (auto e = add_step_facts(app, c)) {
    send_core_error(res, *e);
    return std::nullopt;
  }
  auto w = app.store->apply(c);
  if (!w.ok()) {
    send_core_error(res, w.error());
    return std::nullopt;
  }
  if (w.value() == WriteOutcome::Conflict) {
    send_error(res, "illegal_transition");
    return std::nullopt;
  }
  for (const auto& e : c.events)
    std::fprintf(stderr, "[app] %s %s by %s\n", log_text(c.application_id).c_str(), log_text(e.kind).c_str(),
                 log_text(e.actor_id).c_str());
  send_sms(app, c.notifications);
  return std::move(c);
}

void send_sms(App& app, const std::vector<Notification>& notices) {
  // After the commit: the inbox has them whatever the gateway says.
  for (const auto& n : notices) {
    auto r = app.store->resident(n.resident_id);
    if (!r.ok() || !r.value() || !app.sms) continue;
    if (!app.sms->send_text(r.value()->phone, n.sms))
      std::fprintf(stderr, "[sms] notice %s to resident %s refused by the gateway\n", log_text(n.kind).c_str(),
                   log_text(n.resident_id).c_str());
  }
}

void send_application(App& app, httplib::Response& res, const Application& a, const workflow::Actor& actor,
                      bool with_body, nlohmann::json extra) {
  extra["ok"] = true;
  extra["application"] = application_full(app, a, actor, with_body);
  send_json(res, 200, extra);
}

void send_detail(App& app, httplib::Response& res, const Application& a, const workflow::Actor& actor) {
  auto events = app.store->events_of(a.id);
  if (!events.ok()) return send_core_error(res, events.error());
  nlohmann::json timeline = nlohmann::json::array();
  for (const auto& e : events.value())
    if (actor.staff || !workflow::internal_event(e.kind)) timeline.push_back(event_json(e));
  send_json(res, 200,
            {{"ok", true}, {"application", application_full(app, a, actor, true)}, {"timeline", std::move(timeline)}});
}

std::string utf8_prefix(const std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t n = max_bytes;
  // Back off continuation bytes (10xxxxxx) so the cut falls before a character's first byte.
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

namespace {

// Spaces around a person's text carry nothing; a reason of spaces alone is no reason (the
// ideographic space U+3000 included: Chinese input methods type it).
std::string trimmed(std::string s) {
  const auto space_at = [&](std::size_t i) -> std::size_t {
    if (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) return 1;
    if (i + 3 <= s.size() && s.compare(i, 3, "\xE3\x80\x80") == 0) return 3;
    return 0;
  };
  std::size_t begin = 0;
  while (std::size_t n = space_at(begin)) begin += n;
  std::size_t end = s.size();
  for (;;) {
    if (end > begin && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\n' || s[end - 1] == '\r')) {
      --end;
    } else if (end >= begin + 3 && s.compare(end - 3, 3, "\xE3\x80\x80") == 0) {
      end -= 3;
    } else {
      break;
    }
  }
  return s.substr(begin, end - begin);
}

}  // namespace

std::string reason_text(const nlohmann::json& body, const char* key) {
  return utf8_prefix(trimmed(str(body, key)), 2000);
}

}  // namespace yilu::server::http
