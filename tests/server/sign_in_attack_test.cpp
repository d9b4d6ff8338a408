// Sign-in under attack, each test written as the attack: locking a resident's number out,
// guessing codes from one address or many, probing which staff usernames exist, guessing a
// staff password, weak passwords, disabling the last admin, a stolen idle session, and
// forging lines in the log operators read sign-in codes from.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "auth/mask.hpp"
#include "auth/password.hpp"
#include "auth/tokens.hpp"
#include "log_text.hpp"
#include "test_server.hpp"

using namespace yilu;
using namespace yilu::test;

namespace {

// POSTs JSON from a chosen loopback source address (127.0.0.0/8 is all loopback on Linux),
// so the server sees a different client address: an attacker's, or the number's owner's.
Reply post_from(TestServer& s, const std::string& source, const std::string& path, const json& body,
                const std::string& token = {}) {
  Reply out;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return out;
  sockaddr_in src{};
  src.sin_family = AF_INET;
  ::inet_pton(AF_INET, source.c_str(), &src.sin_addr);
  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  dst.sin_port = htons(static_cast<std::uint16_t>(s.port()));
  ::inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) {
    ::close(fd);
    return out;
  }
  const std::string text = body.dump();
  std::string req = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
  if (!token.empty()) req += "Authorization: Bearer " + token + "\r\n";
  req += "Content-Length: " + std::to_string(text.size()) + "\r\nConnection: close\r\n\r\n" + text;
  for (std::size_t sent = 0; sent < req.size();) {
    const ssize_t n = ::write(fd, req.data() + sent, req.size() - sent);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string resp;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) resp.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  if (resp.rfind("HTTP/1.1 ", 0) != 0) return out;
  out.status = std::stoi(resp.substr(9, 3));
  const auto split = resp.find("\r\n\r\n");
  if (split != std::string::npos) out.text = resp.substr(split + 4);
  out.body = json::parse(out.text, nullptr, false);
  return out;
}

Reply request_code(TestServer& s, const std::string& from, const std::string& phone) {
  return post_from(s, from, "/api/v1/auth/sms/request", {{"phone", phone}});
}

Reply verify(TestServer& s, const std::string& from, const std::string& phone, const std::string& code) {
  return post_from(s, from, "/api/v1/auth/sms/verify", {{"phone", phone}, {"code", code}});
}

// A code that is certainly wrong: the real one with its first digit changed.
std::string wrong_code(const std::string& real) {
  std::string w = real.empty() ? "000000" : real;
  w[0] = static_cast<char>('0' + (w[0] - '0' + 1) % 10);
  return w;
}

std::string code_of(TestServer& s, const std::string& phone) {
  // The capturing sender keeps the last code sent to each number.
  return dynamic_cast<CapturingSms&>(*s.app().sms).code_for(phone);
}

std::string error_code(const Reply& r) { return r.body.is_object() ? r.body["error"].value("code", "") : ""; }

std::string create_and_login(TestServer& s, const std::string& username, const std::string& role,
                             const std::string& password) {
  auto a = server::create_staff_account(s.app().store.get(), s.app().catalog,
                                        {username, username, role, "", "", password}, s.now.load());
  if (!a.ok()) throw std::runtime_error("staff: " + a.error().code);
  return s.post("/api/v1/staff/login", {{"username", username}, {"password", password}}).body.value("token", "");
}

}  // namespace

// --- residents: SMS sign-in ---------------------------------------------------------------

TEST_CASE("a code killed by wrong guesses does not skip the resend wait", "[server][auth]") {
  TestServer s;
  const std::string victim = "13900000011";
  REQUIRE(request_code(s, "127.0.0.1", victim).status == 202);
  const std::string bad = wrong_code(code_of(s, victim));
  for (int i = 0; i < 4; ++i) CHECK(verify(s, "127.0.0.1", victim, bad).status == 401);
  CHECK(error_code(verify(s, "127.0.0.1", victim, bad)) == "too_many_attempts");
  // The attack cycled here at once; the wait still runs from the code just killed.
  const Reply again = request_code(s, "127.0.0.1", victim);
  CHECK(again.status == 429);
  CHECK(error_code(again) == "rate_limited");
  CHECK(again.body.value("retry_after", 0) > 0);
  CHECK(again.body.value("retry_after", 0) <= 60);
}

TEST_CASE("wrong guesses from one address do not kill the code for its owner", "[server][auth]") {
  TestServer s;
  const std::string victim = "13900000012";
  REQUIRE(request_code(s, "127.0.0.2", victim).status == 202);
  const std::string real = code_of(s, victim);
  for (int i = 0; i < 5; ++i) verify(s, "127.0.0.1", victim, wrong_code(real));
  // The attacker's address is done with this code, even with the right digits …
  CHECK(verify(s, "127.0.0.1", victim, real).status == 401);
  // … and the owner, on their own phone, signs in with it.
  const Reply mine = verify(s, "127.0.0.2", victim, real);
  CHECK(mine.status == 200);
  CHECK(mine.body.value("token", "").size() == 64);
}

TEST_CASE("an hour of code requests and wrong guesses from many addresses does not lock the owner out",
          "[server][auth]") {
  TestServer s;
  const std::string victim = "13900000013";
  int sent = 0;
  // Twenty attacker addresses take turns every 10 s for an hour: ask for a code, kill it.
  for (int step = 0; step < 360; ++step) {
    const std::string from = "127.0.1." + std::to_string(1 + step % 20);
    if (request_code(s, from, victim).status == 202) {
      ++sent;
      const std::string bad = wrong_code(code_of(s, victim));
      for (int i = 0; i < 5; ++i) verify(s, from, victim, bad);
    }
    s.now += 10;
  }
  // The number's owner is not flooded: the wait grows while the codes go unused.
  CHECK(sent <= 15);
  // The owner asks: at most a short wait, never the hour.
  Reply r = request_code(s, "127.0.0.2", victim);
  if (r.status == 429) {
    const std::int64_t wait = r.body.value("retry_after", std::int64_t{0});
    CHECK(wait <= 600);
    s.now += wait;
    r = request_code(s, "127.0.0.2", victim);
  }
  REQUIRE(r.status == 202);
  CHECK(verify(s, "127.0.0.2", victim, code_of(s, victim)).status == 200);
  // Signing in starts the number's history over: the next code needs only the usual wait.
  s.now += 61;
  CHECK(request_code(s, "127.0.0.2", victim).status == 202);
}

TEST_CASE("one address cannot guess more than its budget of codes", "[server][auth]") {
  TestServer s;
  std::vector<std::string> phones;
  for (int i = 0; i < 6; ++i) {
    phones.push_back("1390000010" + std::to_string(i));
    REQUIRE(request_code(s, "127.0.0.3", phones.back()).status == 202);
  }
  // Four wrong guesses on each of five live codes (under each code's own limit): 20.
  for (int p = 0; p < 5; ++p)
    for (int i = 0; i < 4; ++i)
      CHECK(verify(s, "127.0.0.1", phones[p], wrong_code(code_of(s, phones[p]))).status == 401);
  // The 21st guess from that address is not even checked, right or wrong.
  const Reply over = verify(s, "127.0.0.1", phones[5], code_of(s, phones[5]));
  CHECK(over.status == 429);
  CHECK(error_code(over) == "too_many_guesses");
  CHECK(over.body.value("retry_after", 0) > 0);
  // Residents elsewhere are not affected.
  CHECK(verify(s, "127.0.0.2", phones[5], code_of(s, phones[5])).status == 200);
  // An hour later the address may try again.
  s.now += 3601;
  CHECK(verify(s, "127.0.0.1", phones[0], wrong_code(code_of(s, phones[0]))).status == 401);
}

TEST_CASE("a guessing attack spread over many addresses stops at the global budget", "[server][auth]") {
  TestServer s;
  s.app().wrong_codes_global.configure(30, 600);
  std::vector<std::string> phones;
  for (int i = 0; i < 10; ++i) {
    phones.push_back("1390000020" + std::to_string(i));
    REQUIRE(request_code(s, "127.0.0.3", phones.back()).status == 202);
  }
  // Fifteen addresses, two wrong guesses each: the budget of 30 is spent.
  for (int a = 0; a < 15; ++a)
    for (int i = 0; i < 2; ++i) {
      const std::string& phone = phones[(a * 2 + i) % 10];
      CHECK(verify(s, "127.0.2." + std::to_string(1 + a), phone, wrong_code(code_of(s, phone))).status == 401);
    }
  // Every address that guessed wrong now waits …
  const Reply held = verify(s, "127.0.2.1", phones[0], wrong_code(code_of(s, phones[0])));
  CHECK(held.status == 429);
  CHECK(error_code(held) == "too_many_guesses");
  // … a fresh one gets one try (it is charged), then waits too …
  CHECK(verify(s, "127.0.3.1", phones[1], wrong_code(code_of(s, phones[1]))).status == 401);
  CHECK(verify(s, "127.0.3.1", phones[1], wrong_code(code_of(s, phones[1]))).status == 429);
  // … and a resident typing the right code signs in.
  CHECK(verify(s, "127.0.0.2", phones[2], code_of(s, phones[2])).status == 200);
}

TEST_CASE("the wait between unused codes to a number grows but stays short", "[server][auth]") {
  TestServer s;
  const std::string phone = "13900000031";
  std::int64_t longest = 0;
  int sent = 0;
  for (int i = 0; i < 12; ++i) {
    Reply r = request_code(s, "127.0.0.1", phone);
    if (r.status == 202) {
      ++sent;
      s.now += r.body.value("retry_after", std::int64_t{0});
    } else {
      REQUIRE(r.status == 429);
      longest = std::max(longest, r.body.value("retry_after", std::int64_t{0}));
      s.now += r.body.value("retry_after", std::int64_t{0});
    }
    longest = std::max(longest, r.body.value("retry_after", std::int64_t{0}));
  }
  CHECK(sent >= 6);
  CHECK(longest > 60);
  CHECK(longest <= 600);
}

// --- staff sign-in --------------------------------------------------------------------------

TEST_CASE("staff sign-in takes as long for an unknown username as for a real one", "[server][auth]") {
  TestServer s;
  create_and_login(s, "timing-real", "supervisor", "a-good-long-password");
  auto median_ms = [&](const std::string& username) {
    std::vector<double> t;
    for (int i = 0; i < 3; ++i) {
      const auto start = std::chrono::steady_clock::now();
      const Reply r = s.post("/api/v1/staff/login", {{"username", username}, {"password", "not-the-password"}});
      t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
      CHECK(r.status == 401);
    }
    std::sort(t.begin(), t.end());
    return t[1];
  };
  const double known = median_ms("timing-real");
  const double unknown = median_ms("timing-nobody");
  INFO("known " << known << " ms, unknown " << unknown << " ms");
  // Without the dummy hash an unknown name answered 40 times faster.
  CHECK(unknown > known / 3);
}

TEST_CASE("guessing a staff password backs off, and the right password waits too", "[server][auth]") {
  TestServer s;
  const std::string password = "correct-horse-battery";
  REQUIRE(!create_and_login(s, "guessed", "supervisor", password).empty());
  for (int i = 0; i < 5; ++i)
    CHECK(s.post("/api/v1/staff/login", {{"username", "guessed"}, {"password", "guess-" + std::to_string(i)}}).status ==
          401);
  // The attacker has just found it: refused until the wait has passed.
  Reply r = s.post("/api/v1/staff/login", {{"username", "guessed"}, {"password", password}});
  CHECK(r.status == 429);
  CHECK(error_code(r) == "too_many_failures");
  CHECK(r.body.value("retry_after", 0) == 30);
  // Each further failure doubles the wait.
  s.now += 30;
  CHECK(s.post("/api/v1/staff/login", {{"username", "guessed"}, {"password", "guess-5"}}).status == 401);
  r = s.post("/api/v1/staff/login", {{"username", "guessed"}, {"password", password}});
  CHECK(r.body.value("retry_after", 0) == 60);
  s.now += 60;
  CHECK(s.post("/api/v1/staff/login", {{"username", "guessed"}, {"password", password}}).status == 200);
  // Forgiven after success.
  CHECK(s.post("/api/v1/staff/login", {{"username", "guessed"}, {"password", "guess-6"}}).status == 401);
  CHECK(s.post("/api/v1/staff/login", {{"username", "guessed"}, {"password", password}}).status == 200);
  // An unknown name backs off the same way: a 429 does not tell which names exist.
  for (int i = 0; i < 5; ++i) s.post("/api/v1/staff/login", {{"username", "ghost"}, {"password", "x-long-guess"}});
  CHECK(error_code(s.post("/api/v1/staff/login", {{"username", "ghost"}, {"password", "x-long-guess"}})) ==
        "too_many_failures");
}

TEST_CASE("the password policy counts characters and refuses blank, repeated and common passwords", "[server][auth]") {
  using server::weak_password_reason;
  std::string nbsp10;
  for (int i = 0; i < 10; ++i) nbsp10 += "\xC2\xA0";
  std::string ideographic10;
  for (int i = 0; i < 10; ++i) ideographic10 += "\xE3\x80\x80";
  for (const std::string& weak :
       {std::string("password12"), std::string("Password123"), std::string("1234567890"), std::string("qwertyuiop"),
        std::string("woaini1314"), std::string("aaaaaaaaaa"), std::string("          "), nbsp10, ideographic10,
        std::string("密码密码密码"),  // 6 characters, 18 bytes
        std::string("张张张张张张张张张张")}) {
    INFO(weak);
    CHECK(weak_password_reason(weak).has_value());
  }
  for (const std::string& fine : {std::string("correct-horse-battery"), std::string("马电池订书钉很正确吧"),
                                  std::string("aaaaaaaaab"), std::string("test-password-admin")}) {
    INFO(fine);
    CHECK_FALSE(weak_password_reason(fine).has_value());
  }

  TestServer s;
  const std::string admin = s.staff("policy-admin", "admin");
  auto create = [&](const std::string& username, const std::string& password) {
    return s.post("/api/v1/admin/staff", {{"username", username}, {"password", password}, {"role", "supervisor"}},
                  admin);
  };
  for (const std::string& weak :
       {std::string("password12"), nbsp10, std::string("aaaaaaaaaa"), std::string("密码密码密码")}) {
    const Reply r = create("weak-one", weak);
    CHECK(r.status == 422);
    CHECK(error_code(r) == "weak_password");
    CHECK(r.body["error"].value("path", "") == "/password");
    CHECK(!r.body.value("reason", "").empty());
  }
  CHECK(create("strong-one", "马电池订书钉很正确吧").status == 201);
}

TEST_CASE("staff change their own password and every other session of theirs ends", "[server][auth]") {
  TestServer s;
  const std::string old_password = "first-long-password";
  const std::string t1 = create_and_login(s, "changer", "supervisor", old_password);
  const std::string t2 =
      s.post("/api/v1/staff/login", {{"username", "changer"}, {"password", old_password}}).body.value("token", "");
  REQUIRE(t1.size() == 64);
  REQUIRE(t2.size() == 64);
  const std::string path = "/api/v1/staff/password";
  CHECK(s.post(path, {{"current", old_password}, {"new", "second-long-password"}}).status == 401);
  CHECK(s.post(path, {{"current", old_password}, {"new", "second-long-password"}}, s.resident("13900000041")).status ==
        403);
  Reply r = s.post(path, {{"current", "not-my-password"}, {"new", "second-long-password"}}, t1);
  CHECK(r.status == 422);
  CHECK(error_code(r) == "wrong_password");
  r = s.post(path, {{"current", old_password}, {"new", "password123"}}, t1);
  CHECK(error_code(r) == "weak_password");
  CHECK(r.body["error"].value("path", "") == "/new");
  CHECK(error_code(s.post(path, {{"current", old_password}, {"new", old_password}}, t1)) == "password_unchanged");
  CHECK(s.post(path, {{"current", old_password}, {"new", "second-long-password"}}, t1).status == 200);
  CHECK(s.get("/api/v1/staff/me", t1).status == 200);
  CHECK(s.get("/api/v1/staff/me", t2).status == 401);
  CHECK(s.post("/api/v1/staff/login", {{"username", "changer"}, {"password", old_password}}).status == 401);
  CHECK(s.post("/api/v1/staff/login", {{"username", "changer"}, {"password", "second-long-password"}}).status == 200);
}

TEST_CASE("the last active admin cannot be disabled", "[server][auth]") {
  TestServer s;
  const std::string first = s.staff("first-admin", "admin");
  Reply r = s.post("/api/v1/admin/staff/first-admin/disable", json::object(), first);
  CHECK(r.status == 409);
  CHECK(error_code(r) == "last_admin");
  CHECK(s.get("/api/v1/staff/me", first).status == 200);
  const std::string second = s.staff("second-admin", "admin");
  CHECK(s.post("/api/v1/admin/staff/first-admin/disable", json::object(), second).status == 200);
  // A disabled admin does not count: the second is now the last one.
  CHECK(error_code(s.post("/api/v1/admin/staff/second-admin/disable", json::object(), second)) == "last_admin");
  CHECK(s.get("/api/v1/staff/me", second).status == 200);
}

TEST_CASE("a staff session ends after thirty idle minutes", "[server][auth]") {
  TestServer s;
  s.app().limits.staff_idle_seconds = 1800;
  const std::string token = s.staff("idler", "supervisor");
  REQUIRE(token.size() == 64);
  s.now += 1700;
  CHECK(s.get("/api/v1/staff/me", token).status == 200);  // in use: the clock restarts
  s.now += 1700;
  CHECK(s.get("/api/v1/staff/me", token).status == 200);
  // Marked seen at most once a minute: a request 30 s later writes nothing.
  const std::string hash = server::sha256_hex(token);
  const Timestamp seen = s.app().store->session(hash, s.now.load()).value()->last_seen;
  s.now += 30;
  CHECK(s.app().store->session(hash, s.now.load()).value()->last_seen == seen);
  s.now += 1801;
  CHECK(s.get("/api/v1/staff/me", token).status == 401);
  // Residents stay signed in across the idle time.
  const std::string resident = s.resident("13900000051");
  s.now += 7200;
  CHECK(s.get("/api/v1/me", resident).status == 200);
}

// --- the log --------------------------------------------------------------------------------

TEST_CASE("logged values cannot start a new line or drive the terminal", "[server][auth]") {
  using server::log_text;
  CHECK(log_text("x\n[sms] to 138****0000: code 000000") == "x\\n[sms] to 138****0000: code 000000");
  CHECK(log_text("a\rb\tc") == "a\\rb\\tc");
  CHECK(log_text("\x1b[2J") == "\\x1b[2J");
  CHECK(log_text(std::string("nul\0x", 5)) == "nul\\x00x");
  CHECK(log_text("del\x7f") == "del\\x7f");
  CHECK(log_text("c1 \xC2\x9B"
                 "2J") == "c1 \\u009b2J");                   // CSI as a code point
  CHECK(log_text("raw \x9B") == "raw \\x9b");                // not UTF-8 at all
  CHECK(log_text("ls \xE2\x80\xA8 ps") == "ls \\u2028 ps");  // line separator
  CHECK(log_text("bidi \xE2\x80\xAE") == "bidi \\u202e");    // right-to-left override
  CHECK(log_text("back\\slash") == "back\\\\slash");
  CHECK(log_text("张三 申请 YL-1") == "张三 申请 YL-1");
  CHECK(server::mask_numbers("/api/v1/x%0A\n13876001234") == "/api/v1/x%0A\\n138****1234");
}

TEST_CASE("a username cannot forge a sign-in code line in the log", "[server][auth]") {
  TestServer s;
  char path[] = "/tmp/yilu-log-XXXXXX";
  const int fd = ::mkstemp(path);
  REQUIRE(fd >= 0);
  std::fflush(stderr);
  const int saved = ::dup(2);
  ::dup2(fd, 2);
  const std::string forged = "[sms] to 138****0000: code 000000";
  const Reply r = s.post("/api/v1/staff/login", {{"username", "x\n" + forged}, {"password", "whatever-password"}});
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  ::close(fd);
  std::ifstream in(path);
  std::stringstream log;
  log << in.rdbuf();
  ::unlink(path);
  CHECK(r.status == 401);
  INFO(log.str());
  std::istringstream lines(log.str());
  int refused_lines = 0;
  for (std::string line; std::getline(lines, line);) {
    CHECK(line.rfind(forged, 0) != 0);
    if (line.find("sign-in refused") != std::string::npos) {
      ++refused_lines;
      CHECK(line.find("\\n[sms] to") != std::string::npos);  // the value is there, escaped
    }
  }
  CHECK(refused_lines == 1);
}
