#pragma once
// An in-process `yilu serve` for tests: a fresh data folder, the real sample catalog, a clock
// the test controls, an SMS sender that hands codes to the test. It listens on 127.0.0.1 on
// a free port (bind_to_any_port + listen_after_bind on a thread) and stops in the destructor.
#include <httplib.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "app_setup.hpp"
#include "auth/tokens.hpp"
#include "http/server.hpp"
#include "support/sample_files.hpp"
#include "support/test_store.hpp"
#include "workflow/staff_accounts.hpp"

namespace yilu::test {

using json = nlohmann::json;

/// Keeps the codes instead of sending them.
class CapturingSms final : public server::SmsSender {
 public:
  bool send_code(const std::string& phone, const std::string& code) override {
    std::lock_guard<std::mutex> lock(mu_);
    codes_[phone] = code;
    return true;
  }
  bool send_text(const std::string& phone, const std::string& text) override {
    std::lock_guard<std::mutex> lock(mu_);
    texts_[phone].push_back(text);
    return true;
  }
  std::string describe() const override { return "test"; }
  std::string code_for(const std::string& phone) {
    std::lock_guard<std::mutex> lock(mu_);
    return codes_[phone];
  }
  /// Every notice sent to the number, in order.
  std::vector<std::string> texts_for(const std::string& phone) {
    std::lock_guard<std::mutex> lock(mu_);
    return texts_[phone];
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> codes_;
  std::map<std::string, std::vector<std::string>> texts_;
};

struct Reply {
  int status = 0;
  json body;
  std::string text;
  httplib::Headers headers;
};

/// 2026-11-26 (a Thursday) 10:00 China Standard Time.
constexpr Timestamp kTestNow = 1795658400;

class TestServer {
 public:
  /// `web_dir`: static files to serve (empty: none).
  explicit TestServer(const std::string& web_dir = {}) {
    char tmpl[] = "/tmp/yilu-server-test-XXXXXX";
    dir_ = ::mkdtemp(tmpl);
    server::crypto_init();
    server::AppOptions o;
    o.data_dir = dir_ + "/data";
    o.db_url = test::test_db_url(o.data_dir + "/yilu.db");
    db_url_ = o.db_url;
    o.catalog_path = std::string(YILU_SOURCE_DIR) + "/core/data/catalog/sanya.json";
    o.openapi_path = std::string(YILU_SOURCE_DIR) + "/server/openapi.json";
    o.web_dir = web_dir;
    auto made = server::make_app(o);
    if (!made.ok()) throw std::runtime_error(made.error().message);
    app_ = std::move(made.value());
    auto sms = std::make_unique<CapturingSms>();
    sms_ = sms.get();
    app_->sms = std::move(sms);
    app_->clock = [this] { return now.load(); };
    // The tests move the clock across days; staff would sign in again each morning.
    app_->limits.staff_session_seconds = 60 * 24 * 3600;
    app_->limits.staff_idle_seconds = 0;  // nor idle out between those days (tests of it set it)
    app_->limits.overview_max_age = 0;    // the overview as of each request (a test of the kept one sets it)
    svr_ = server::http::build_server(*app_, &routes);
    // A route that throws, to prove the exception handler (registered after the API, so it is
    // not among `routes` and not in the OpenAPI document).
    svr_->Get("/test/throw", [](const httplib::Request&, httplib::Response&) { throw std::runtime_error("boom"); });
    port_ = svr_->bind_to_any_port("127.0.0.1");
    server::http::widen_listen_backlog(*svr_);
    thread_ = std::thread([this] { svr_->listen_after_bind(); });
    for (int i = 0; i < 500 && !svr_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ~TestServer() {
    svr_->stop();
    thread_.join();
    app_.reset();
    std::string cmd = "rm -rf '" + dir_ + "'";
    if (std::system(cmd.c_str()) != 0) {
    }
  }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  int port() const { return port_; }
  server::App& app() { return *app_; }
  const std::string& dir() const { return dir_; }
  /// The store's database (SQLite in dir(), or a PostgreSQL schema: support/test_store.hpp).
  const std::string& db_url() const { return db_url_; }

  Reply request(const std::string& method, const std::string& path, const std::string& body = {},
                const std::string& token = {}, httplib::Headers headers = {},
                const std::string& content_type = "application/json") {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30);
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    httplib::Result r = method == "GET"   ? c.Get(path.c_str(), headers)
                        : method == "PUT" ? c.Put(path.c_str(), headers, body, content_type.c_str())
                                          : c.Post(path.c_str(), headers, body, content_type.c_str());
    Reply out;
    if (!r) return out;
    out.status = r->status;
    out.text = r->body;
    out.headers = r->headers;
    out.body = json::parse(r->body, nullptr, false);
    return out;
  }
  Reply get(const std::string& path, const std::string& token = {}) { return request("GET", path, {}, token); }
  Reply post(const std::string& path, const json& body, const std::string& token = {}, httplib::Headers headers = {}) {
    return request("POST", path, body.dump(), token, std::move(headers));
  }

  /// Signs a resident in by SMS code and gives the real name (实名) once; the token. The
  /// default ID is the applicant of the sample catalog's examples.
  std::string resident(const std::string& phone, const std::string& id_number = kExampleApplicantId,
                       const std::string& name = kExampleName) {
    const std::string token = resident_without_profile(phone);
    if (!id_number.empty())
      request("PUT", "/api/v1/me/profile", json{{"name", name}, {"id_number", id_number}}.dump(), token);
    return token;
  }
  /// Signs a resident in by SMS code without a real name yet; the token.
  std::string resident_without_profile(const std::string& phone) {
    post("/api/v1/auth/sms/request", {{"phone", phone}});
    auto r = post("/api/v1/auth/sms/verify", {{"phone", phone}, {"code", sms_->code_for(phone)}});
    return r.body.value("token", std::string());
  }
  /// The notices sent by SMS to the number, in order.
  std::vector<std::string> texts_for(const std::string& phone) { return sms_->texts_for(phone); }

  static constexpr const char* kExampleApplicantId = "460202198805123338";
  static constexpr const char* kExampleName = "王测试";

  /// Creates a staff account (Argon2id) and signs it in; the token.
  std::string staff(const std::string& username, const std::string& role, const std::string& window = {},
                    const std::string& department = {}) {
    const std::string password = "test-password-" + username;
    auto a = server::create_staff_account(app_->store.get(), app_->catalog,
                                          {username, username, role, window, department, password}, now.load());
    if (!a.ok() && a.error().code != "username_taken") throw std::runtime_error("staff: " + a.error().code);
    auto r = post("/api/v1/staff/login", {{"username", username}, {"password", password}});
    return r.body.value("token", std::string());
  }

  /// Uploads bytes as a multipart file; the reply.
  Reply upload(const std::string& token, const std::string& bytes, const std::string& filename,
               const std::string& item = {}, const std::string& material = {}) {
    httplib::Client c("127.0.0.1", port_);
    httplib::MultipartFormDataItems items = {{"file", bytes, filename, "application/octet-stream"}};
    if (!item.empty()) items.push_back({"item", item, "", ""});
    if (!material.empty()) items.push_back({"material", material, "", ""});
    httplib::Headers h = {{"Authorization", "Bearer " + token}};
    auto r = c.Post("/api/v1/uploads", h, items);
    Reply out;
    if (!r) return out;
    out.status = r->status;
    out.text = r->body;
    out.body = json::parse(r->body, nullptr, false);
    return out;
  }

  std::atomic<Timestamp> now{kTestNow};
  std::vector<server::http::RouteInfo> routes;

 private:
  std::string dir_;
  std::string db_url_;
  std::unique_ptr<server::App> app_;
  CapturingSms* sms_ = nullptr;
  std::unique_ptr<httplib::Server> svr_;
  std::thread thread_;
  int port_ = 0;
};

/// Signs every commitment entry of `materials` with `name` (the typed signature).
inline void sign_commitments(json& materials, const std::string& name = TestServer::kExampleName) {
  for (auto& [id, m] : materials.items())
    if (m.is_object() && m.value("by", "") == "commitment") m["signer"] = name;
}

/// A small well-formed PDF (tests/support/sample_files.hpp).
inline std::string tiny_pdf() { return sample_pdf(); }
/// A small well-formed JPEG structure.
inline std::string tiny_jpeg() { return sample_jpeg(); }

}  // namespace yilu::test
