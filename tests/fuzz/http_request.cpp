// libFuzzer target: raw HTTP/1.1 bytes (one request, or several pipelined on one connection)
// through the server of `yilu serve`, in process and without sockets: httplib's request parsing
// and routing (Server::process_request, the step GuardedServer runs for every request of a
// connection), the router's authentication and every registered handler, over a throwaway data
// folder in /tmp with the sample catalog. What GuardedServer adds on the socket (deadlines,
// connections per address, the unframed-body budget) is not exercised here.
//
// Beyond what the sanitizers catch: a handler that throws, or an answer of 500, is a finding
// (the server turns both into internal_error for the client; behind them is a bug).
//
// To reach the signed-in routes, sessions are stored under fixed tokens: an input may send
// "Authorization: Bearer fuzz-resident000…" (or fuzz-clerk…, fuzz-reviewer…, fuzz-supervisor…,
// fuzz-admin…: the name padded with '0' to the 64 characters of a real token). "@APP@" anywhere
// in the input stands for the id of an application the resident submits just before the input
// runs (newborn_social_security_card: window w_social, department rsj, the clerk's and the
// reviewer's scope), so the staff actions find one in its first state; such an input is served
// as a new resident. The clock is fixed (2026-11-26 10:00 China Standard Time) and the
// per-address limits are lifted (every input comes from one address); the resident's daily
// quotas start again with a new resident every 50 inputs. The database keeps what earlier inputs
// wrote: should a crash need that, it reproduces from the corpus run, not from its file alone.
#include <httplib.h>
#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app_setup.hpp"
#include "auth/sms_sender.hpp"
#include "auth/tokens.hpp"
#include "fuzz/fuzz_check.hpp"
#include "http/server.hpp"
#include "support/in_memory_http.hpp"
#include "support/test_files.hpp"
#include "workflow/staff_accounts.hpp"

namespace {

using json = nlohmann::json;
using yilu::Timestamp;
namespace srv = yilu::server;

constexpr const char* kTarget = "fuzz_http_request";
/// 2026-11-26 (a Thursday) 10:00 China Standard Time, the server tests' "now".
constexpr Timestamp kNow = 1795658400;
/// Requests served from one input at most (a keep-alive connection's worth of pipelining).
constexpr int kMaxRequests = 8;
constexpr const char* kAppMarker = "@APP@";
/// Inputs served as one resident at most (the day's upload quota is a hundred files).
constexpr std::uint64_t kInputsPerResident = 50;
/// The item the resident submits for "@APP@": its example needs no upload.
constexpr const char* kAppItem = "newborn_social_security_card";

class SilentSms final : public srv::SmsSender {
 public:
  bool send_code(const std::string&, const std::string&) override { return true; }
  bool send_text(const std::string&, const std::string&) override { return true; }
  std::string describe() const override { return "fuzz"; }
};

/// The fixed token of a caller: its name padded to a real token's length.
std::string token_of(const std::string& name) { return name + std::string(64 - name.size(), '0'); }

struct Caller {
  std::string name;
  std::string kind;  ///< the session's subject kind
  std::string subject;
};

struct Fixture {
  std::string dir;
  std::unique_ptr<srv::App> app;
  std::unique_ptr<httplib::Server> server;
  std::vector<Caller> callers;  ///< whose sessions the fixed tokens open (token_of their name)
  std::string submission;       ///< the request that submits the "@APP@" application
  std::string application_id;   ///< the last one submitted
  std::uint64_t inputs = 0;
  std::uint64_t residents = 0;  ///< made so far (each has its own phone number)
};

Fixture* g_fixture = nullptr;

void remove_data_folder() {
  if (g_fixture) {
    std::error_code ignored;
    std::filesystem::remove_all(g_fixture->dir, ignored);
  }
}

std::string http_request(const std::string& method, const std::string& path, const std::string& token,
                         const std::string& body) {
  std::string r = method + " " + path + " HTTP/1.1\r\nHost: fuzz\r\nAuthorization: Bearer " + token + "\r\n";
  if (!body.empty()) r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  return r + "\r\n" + body;
}

int status_of(const std::string& response) {
  // "HTTP/1.1 200 OK\r\n…"
  if (response.size() < 12 || response.compare(0, 5, "HTTP/") != 0) return 0;
  return std::atoi(response.c_str() + 9);
}

json body_of(const std::string& response) {
  const std::size_t at = response.find("\r\n\r\n");
  return at == std::string::npos ? json() : json::parse(response.substr(at + 4), nullptr, false);
}

// The sessions of the fixed tokens, stored again if an input ended one (a logout, say).
void keep_sessions(Fixture& f) {
  for (const auto& c : f.callers) {
    const std::string hash = srv::sha256_hex(token_of(c.name));
    auto s = f.app->store->session(hash, kNow);
    if (s.ok() && s.value()) continue;
    f.app->store->delete_session(hash);
    const srv::Session session{c.kind, c.subject, kNow + 365 * 24 * 3600, 0, kNow};
    if (f.app->store->put_session(hash, session, kNow)) yilu::fuzz::broken(kTarget, "a session cannot be stored");
  }
}

// "fuzz-resident" becomes a new resident with the sample applicant's real name: its daily
// quotas (uploads, applications) start again although the clock stands still.
void new_resident(Fixture& f) {
  const std::string phone = "138" + std::to_string(10000000 + f.residents++ % 90000000);
  auto r = f.app->store->resident_by_phone(phone, kNow);
  if (!r.ok() || f.app->store->set_profile(r.value().id, "王测试", "460202198805123338"))
    yilu::fuzz::broken(kTarget, "cannot make a resident");
  f.callers.front().subject = r.value().id;
  f.app->store->delete_session(srv::sha256_hex(token_of(f.callers.front().name)));
  keep_sessions(f);
}

// A fresh application for "@APP@"; keeps the previous id when the server refuses.
void submit_application(Fixture& f) {
  const auto responses = yilu::test::serve_in_memory(*f.server, f.submission, kMaxRequests);
  if (responses.size() == 1 && status_of(responses[0]) == 201) {
    const json body = body_of(responses[0]);
    if (body.contains("application") && body["application"].contains("id"))
      f.application_id = body["application"]["id"].get<std::string>();
  }
  if (f.application_id.empty())
    yilu::fuzz::broken(kTarget, "the resident cannot submit the sample application",
                       responses.empty() ? std::string_view() : std::string_view(responses[0]));
}

Fixture& fixture() {
  if (g_fixture) return *g_fixture;
  auto f = std::make_unique<Fixture>();
  // $TMPDIR when set (a tmpfs such as /dev/shm spares the database's fsyncs), else /tmp.
  const char* tmp = std::getenv("TMPDIR");
  std::string tmpl = std::string(tmp && *tmp ? tmp : "/tmp") + "/yilu-fuzz-http-XXXXXX";
  if (!::mkdtemp(tmpl.data())) yilu::fuzz::broken(kTarget, "cannot make a data folder", tmpl);
  f->dir = tmpl;
  // Removed at exit; after a crash scripts/fuzz.sh removes it, finding its name here.
  std::fprintf(stderr, "fuzz data folder: %s\n", f->dir.c_str());
  if (!srv::crypto_init()) yilu::fuzz::broken(kTarget, "libsodium does not start");
  srv::AppOptions o;
  o.data_dir = f->dir + "/data";
  o.catalog_path = yilu::test::source_path("core/data/catalog/sanya.json");
  o.openapi_path = yilu::test::source_path("server/openapi.json");
  auto made = srv::make_app(o);
  if (!made.ok()) yilu::fuzz::broken(kTarget, "the app does not start", made.error().message);
  f->app = std::move(made.value());
  srv::App& app = *f->app;
  app.sms = std::make_unique<SilentSms>();
  app.clock = [] { return kNow; };
  app.limits.staff_idle_seconds = 0;
  app.limits.sms_resend_seconds = 0;
  constexpr int kUnlimited = 1 << 30;
  app.sms_by_address.configure(kUnlimited, 3600);
  app.logins_by_address.configure(kUnlimited, 60);
  app.wrong_codes_by_address.configure(kUnlimited, 3600);
  app.wrong_codes_global.configure(kUnlimited, 600);
  f->server = srv::http::build_server(app);
  f->server->set_exception_handler([](const httplib::Request& req, httplib::Response&, const std::exception_ptr& ep) {
    std::string what = "not a std::exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    yilu::fuzz::broken(kTarget, ("a handler threw on " + req.method + " " + req.path).c_str(), what);
  });

  // The callers: a resident (new_resident gives it a real name) and one account per staff role.
  f->callers.push_back({"fuzz-resident", "resident", ""});
  const srv::NewStaff staff[] = {
      {"fuzz-clerk", "fuzz-clerk", "clerk", "w_social", "", "fuzz-password-clerk"},
      {"fuzz-reviewer", "fuzz-reviewer", "reviewer", "", "rsj", "fuzz-password-reviewer"},
      {"fuzz-supervisor", "fuzz-supervisor", "supervisor", "", "", "fuzz-password-supervisor"},
      {"fuzz-admin", "fuzz-admin", "admin", "", "", "fuzz-password-admin"},
  };
  for (const auto& s : staff) {
    auto a = srv::create_staff_account(app.store.get(), app.catalog, s, kNow);
    if (!a.ok()) yilu::fuzz::broken(kTarget, "cannot make a staff account", a.error().code);
    f->callers.push_back({s.username, "staff", s.username});
  }

  const json catalog = json::parse(app.catalog_state()->text);
  json example;
  for (const auto& item : catalog["items"])
    if (item["id"] == kAppItem) example = item["example"]["application"];
  const json submission = {{"kind", "item"},
                           {"target_id", kAppItem},
                           {"answers", example.value("answers", json::object())},
                           {"fields", example.value("fields", json::object())},
                           {"materials", example.value("materials", json::object())},
                           {"proxy", {{"relation", "亲属"}}}};  // the example's applicant is the mother
  f->submission = http_request("POST", "/api/v1/applications", token_of("fuzz-resident"), submission.dump());

  g_fixture = f.release();
  std::atexit(remove_data_folder);
  new_resident(*g_fixture);
  submit_application(*g_fixture);
  return *g_fixture;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Fixture& f = fixture();
  std::string input(reinterpret_cast<const char*>(data), size);
  const bool needs_application = input.find(kAppMarker) != std::string::npos;
  // A new resident for each "@APP@" input (it starts from one application of its own), and now
  // and then for the others (before the day's upload quota is spent).
  if (needs_application || ++f.inputs % kInputsPerResident == 0) new_resident(f);
  keep_sessions(f);
  if (needs_application) {
    submit_application(f);
    for (std::size_t at = input.find(kAppMarker); at != std::string::npos;
         at = input.find(kAppMarker, at + f.application_id.size()))
      input.replace(at, std::strlen(kAppMarker), f.application_id);
  }
  for (const std::string& response : yilu::test::serve_in_memory(*f.server, input, kMaxRequests)) {
    if (response.empty()) continue;  // the connection ended before a request line
    const int status = status_of(response);
    if (status < 100 || status > 599) yilu::fuzz::broken(kTarget, "an answer without a status line", response);
    if (status == 500) yilu::fuzz::broken(kTarget, "an answer of 500", response);
  }
  return 0;
}
