#pragma once
// Writing one workflow step from a handler: the workflow decided (a Change or a refusal with
// its code); this writes it atomically and answers with the application as the actor now
// sees it.
#include <httplib.h>

#include <string>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "http/router.hpp"
#include "workflow/actions.hpp"

namespace yilu::server::http {

/// The workflow's view of the caller.
workflow::Actor actor_of(const Caller& c);

/// Loads an application: nullopt after answering 404 (or 500 on a storage error).
std::optional<Application> load_application(App& app, const std::string& id, httplib::Response& res);

/// Applies the step and returns it as written (the status its tasks imply included), or
/// nullopt after answering: its refusal → the code's status; a state that moved meanwhile →
/// 409 `illegal_transition`. The step's notifications (workflow/notices.hpp) are stored with it
/// and then sent by SMS.
std::optional<Change> write_step(App& app, httplib::Response& res, Result<Change> step);

/// Sends each notice's SMS text to its resident's number (after the commit; a refusal is logged).
void send_sms(App& app, const std::vector<Notification>& notices);

/// 200 {"ok":true, "application": the application as `actor` now sees it} plus `extra`.
void send_application(App& app, httplib::Response& res, const Application& a, const workflow::Actor& actor,
                      bool with_body, nlohmann::json extra = nlohmann::json::object());

/// 200 {"ok":true, "application": in full as `actor` sees it, "timeline": every event}, or the
/// storage error.
void send_detail(App& app, httplib::Response& res, const Application& a, const workflow::Actor& actor);

/// A reason a person typed (补正 notice, refusal, decision, comment), without the spaces
/// around it (ASCII and U+3000; spaces alone give ""), cut to 2,000 bytes.
std::string reason_text(const nlohmann::json& body, const char* key);
/// At most `max_bytes` of UTF-8 text, never cutting a character in two.
std::string utf8_prefix(const std::string& s, std::size_t max_bytes);

}  // namespace yilu::server::http
