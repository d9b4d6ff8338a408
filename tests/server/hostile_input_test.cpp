// Requests written as an attacker writes them: absurd nesting, thousands of ranges, endless
// chunked bodies, text cut inside a character, a wide-open umask, slow clients holding
// connections. Each must be refused or served without taking the service down.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <thread>

#include "http/step.hpp"
#include "sample_applications.hpp"
#include "support/test_files.hpp"
#include "test_server.hpp"

using namespace yilu::test;

namespace {

// A TCP connection to the test server from `from` (any 127/8 address is loopback), or -1.
int connect_from(const char* from, int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in src{};
  src.sin_family = AF_INET;
  ::inet_pton(AF_INET, from, &src.sin_addr);
  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  dst.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&src), sizeof src) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool send_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// What the server sent until it closed or `ms` passed with nothing new.
std::string read_some(int fd, int ms) {
  std::string out;
  char buf[4096];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, ms) <= 0) break;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

int status_of(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) return 0;
  return std::atoi(response.substr(9, 3).c_str());
}

Reply get_with(TestServer& s, const std::string& path, httplib::Headers headers, const std::string& token = {}) {
  return s.request("GET", path, {}, token, std::move(headers));
}

std::string many_ranges(int n) {
  std::string r = "bytes=";
  for (int i = 0; i < n; ++i) r += i ? ",0-" : "0-";
  return r;
}

long max_rss_kib() {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

mode_t mode_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 07777;  // missing: never a mode we expect
  return st.st_mode & 07777;
}

}  // namespace

TEST_CASE("json nested 75,062 deep is a 400 json_too_deep and the server keeps answering", "[server][hostile]") {
  TestServer s;
  const std::string me = s.resident("13700000101");
  const std::string deep = std::string(75062, '[') + std::string(75062, ']');

  auto core = s.request("POST", "/api/v1/core", deep);
  CHECK(core.status == 400);
  CHECK(core.body["error"]["code"] == "json_too_deep");
  auto filed = s.request("POST", "/api/v1/applications", deep, me);
  CHECK(filed.status == 400);
  CHECK(filed.body["error"]["code"] == "json_too_deep");
  // The same depth inside an object, to a route that reads a JSON object.
  auto obj = s.request("POST", "/api/v1/applications", R"({"kind":)" + std::string(70000, '[') + "}", me);
  CHECK(obj.status == 400);
  CHECK(obj.body["error"]["code"] == "json_too_deep");
  // One request (not a batch) goes to the core, which answers with its own code.
  auto single = s.request("POST", "/api/v1/core", R"({"op":"check_id","value":)" + std::string(70000, '{') + "}");
  CHECK(single.body["ok"] == false);
  CHECK(single.body["error"]["code"] == "json_too_deep");

  // Still serving, and ordinary nesting still works.
  CHECK(s.get("/api/v1/versions").status == 200);
  auto batch = s.request("POST", "/api/v1/core", R"([{"op":"check_id","value":"11010519491231002X"}])");
  CHECK(batch.status == 200);
  CHECK(batch.body[0]["ok"] == true);
}

TEST_CASE("2,700 ranges get a small 416 on every route that serves bytes; one range still works", "[server][hostile]") {
  char tmpl[] = "/tmp/yilu-web-XXXXXX";
  const std::string web = ::mkdtemp(tmpl);
  std::ofstream(web + "/index.html") << "<!doctype html><title>一鹿快办</title>";
  std::ofstream(web + "/app.js") << std::string(8192, 'x');
  TestServer s(web);
  const std::string me = s.resident("13700000102");
  auto up = s.upload(me, tiny_pdf(), "出生记录.pdf");
  REQUIRE(up.status == 201);
  const std::string upload = "/api/v1/uploads/" + up.body["upload"]["id"].get<std::string>();

  for (const std::string path : {"/api/v1/catalog", "/api/v1/calendar", upload.c_str(), "/app.js"}) {
    INFO(path);
    const std::string token = path == upload ? me : std::string();
    auto whole = get_with(s, path, {}, token);
    REQUIRE(whole.status == 200);
    const std::size_t length = whole.text.size();
    REQUIRE(length > 50);

    auto flood = get_with(s, path, {{"Range", many_ranges(2700)}}, token);
    CHECK(flood.status == 416);
    CHECK(flood.text.size() < 1024);
    CHECK(flood.body["error"]["code"] == "range_not_satisfiable");
    CHECK(flood.headers.find("Content-Range") != flood.headers.end());
    CHECK(flood.headers.count("Content-Range") == 1);
    if (flood.headers.count("Content-Range"))
      CHECK(flood.headers.find("Content-Range")->second == "bytes */" + std::to_string(length));

    // Overlapping, too many, past the end: each refused.
    CHECK(get_with(s, path, {{"Range", "bytes=0-20,10-30"}}, token).status == 416);
    CHECK(get_with(s, path, {{"Range", "bytes=0-1,3-4,6-7,9-10,12-13,15-16"}}, token).status == 416);
    CHECK(get_with(s, path, {{"Range", "bytes=" + std::to_string(length) + "-"}}, token).status == 416);

    // One valid range is served as before.
    auto part = get_with(s, path, {{"Range", "bytes=0-9"}}, token);
    CHECK(part.status == 206);
    CHECK(part.text == whole.text.substr(0, 10));
    auto suffix = get_with(s, path, {{"Range", "bytes=-5"}}, token);
    CHECK(suffix.status == 206);
    CHECK(suffix.text == whole.text.substr(length - 5));
  }
  // An error body is never multiplied by the ranges either.
  auto missing = get_with(s, "/api/v1/no/such/route", {{"Range", many_ranges(2700)}});
  CHECK(missing.status == 404);
  CHECK(missing.text.size() < 1024);
  std::system(("rm -rf '" + web + "'").c_str());
}

TEST_CASE("a chunked body over the size limit is refused with 413 before it is read in full", "[server][hostile]") {
  TestServer s;
  const long rss_before = max_rss_kib();
  const int fd = connect_from("127.0.0.1", s.port());
  REQUIRE(fd >= 0);
  REQUIRE(send_all(fd,
                   "POST /api/v1/core HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                   "Transfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "100000\r\n" + std::string(1u << 20, ' ') + "\r\n";
  int sent = 0;
  while (sent < 200 && send_all(fd, chunk)) ++sent;
  const std::string answer = read_some(fd, 5000);
  ::close(fd);
  INFO("chunks sent before the server stopped reading: " << sent << "; answer: " << answer.substr(0, 200));
  // The server stopped reading near its limit (20 MiB), so most chunks never left the client.
  CHECK(sent < 100);
  if (!answer.empty()) CHECK(status_of(answer) == 413);
  CHECK(max_rss_kib() - rss_before < 150 * 1024);

  // A small chunked request is still read and answered.
  const int ok = connect_from("127.0.0.1", s.port());
  REQUIRE(ok >= 0);
  const std::string body = R"({"op":"check_id","value":"11010519491231002X"})";
  char size_line[16];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", body.size());
  REQUIRE(send_all(ok, std::string("POST /api/v1/core HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                   "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n") +
                           size_line + body + "\r\n0\r\n\r\n"));
  const std::string small = read_some(ok, 5000);
  ::close(ok);
  CHECK(status_of(small) == 200);
  CHECK(small.find("\"ok\":true") != std::string::npos);

  // A compressed body would be inflated without a limit: refused before it is read.
  auto gz = s.request("POST", "/api/v1/core", "x", {}, {{"Content-Encoding", "gzip"}});
  CHECK(gz.status == 415);
  CHECK(s.get("/api/v1/versions").status == 200);
}

TEST_CASE("chinese text over a byte limit is cut at a character boundary, never a 500", "[server][hostile]") {
  TestServer s;
  const std::string me = s.resident("13700000103");
  auto sub = s.post("/api/v1/applications", item_application(s, me, "unemployment_registration"), me);
  REQUIRE(sub.status == 201);
  const std::string id = sub.body["application"]["id"];
  const std::string window = sub.body["application"]["window"];
  const std::string clerk = s.staff("clerk-hostile", "clerk", window);

  // 667 × 3 bytes = 2001: one byte over the reason limit, inside the last character.
  const std::string zhang = "张";
  auto refused = s.post("/api/v1/staff/applications/" + id + "/refuse", {{"reason", repeat(zhang, 667)}}, clerk);
  INFO(refused.text.substr(0, 300));
  REQUIRE(refused.status == 200);
  auto rated = s.post("/api/v1/applications/" + id + "/rating", {{"score", 3}, {"comment", repeat(zhang, 667)}}, me);
  REQUIRE(rated.status == 200);

  auto detail = s.get("/api/v1/staff/applications/" + id, clerk);
  REQUIRE(detail.status == 200);
  // Replacement characters would mean a cut inside a character reached the store.
  CHECK(detail.text.find("\xEF\xBF\xBD") == std::string::npos);
  CHECK(detail.body["application"]["rating"]["comment"] == repeat(zhang, 333));
  CHECK(detail.text.find(repeat(zhang, 666)) != std::string::npos);
  CHECK(detail.text.find(repeat(zhang, 667)) == std::string::npos);
  auto inbox = s.get("/api/v1/me/notifications", me);
  CHECK(inbox.status == 200);
  CHECK(inbox.text.find("\xEF\xBF\xBD") == std::string::npos);

  // The one cutter every route uses (reasons, notes, comments, the 代办 relation at 60 bytes).
  using yilu::server::http::utf8_prefix;
  CHECK(utf8_prefix(repeat(zhang, 21), 60) == repeat(zhang, 20));
  CHECK(utf8_prefix(repeat(zhang, 21), 61) == repeat(zhang, 20));
  CHECK(utf8_prefix(repeat("😀", 3), 7) == "😀");
  CHECK(utf8_prefix("ab张", 3) == "ab");
}

TEST_CASE("the database and uploads are private whatever the umask or the folders' old modes", "[server][hostile]") {
  char tmpl[] = "/tmp/yilu-modes-XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  const std::string data = dir + "/data";
  const mode_t old_umask = ::umask(0);
  // Folders left wide open by an earlier install.
  ::mkdir(data.c_str(), 0777);
  ::mkdir((data + "/blobs").c_str(), 0777);
  {
    yilu::server::AppOptions o;
    o.data_dir = data;
    o.catalog_path = std::string(YILU_SOURCE_DIR) + "/core/data/catalog/sanya.json";
    o.openapi_path = std::string(YILU_SOURCE_DIR) + "/server/openapi.json";
    auto made = yilu::server::make_app(o);
    REQUIRE(made.ok());
    auto& app = *made.value();
    auto put = app.blobs->put("一份材料");
    REQUIRE(put.ok());
    const std::string sha = put.value();
    // The migrations wrote: -wal and -shm exist while the database is open.
    CHECK(mode_of(data) == 0700);
    CHECK(mode_of(data + "/yilu.db") == 0600);
    CHECK(mode_of(data + "/yilu.db-wal") == 0600);
    CHECK(mode_of(data + "/yilu.db-shm") == 0600);
    CHECK(mode_of(data + "/blobs") == 0700);
    CHECK(mode_of(data + "/blobs/tmp") == 0700);
    CHECK(mode_of(data + "/blobs/" + sha.substr(0, 2)) == 0700);
    CHECK(mode_of(data + "/blobs/" + sha.substr(0, 2) + "/" + sha) == 0600);
  }
  ::umask(old_umask);
  std::system(("rm -rf '" + dir + "'").c_str());
}

TEST_CASE("90 slow connections from one address do not stop a client from another", "[server][hostile]") {
  TestServer s;
  // Each sends half a request and then nothing: it holds a worker while the server waits.
  std::vector<int> slow;
  const auto opening = std::chrono::steady_clock::now();
  for (int i = 0; i < 90; ++i) {
    const int fd = connect_from("127.0.0.1", s.port());
    REQUIRE(fd >= 0);
    REQUIRE(send_all(fd, "GET /api/v1/versions HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    slow.push_back(fd);
  }
  // A listen backlog of 5 dropped SYNs of a burst: connects then waited 1 s and 3 s to be retried.
  CHECK(std::chrono::steady_clock::now() - opening < std::chrono::seconds(3));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  const auto start = std::chrono::steady_clock::now();
  const int other = connect_from("127.0.0.2", s.port());
  REQUIRE(other >= 0);
  REQUIRE(send_all(other, "GET /api/v1/versions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
  const std::string answer = read_some(other, 5000);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::close(other);
  INFO("answered in " << seconds << " s");
  CHECK(status_of(answer) == 200);
  CHECK(seconds < 5.0);

  // Past the per-address cap the slow ones were turned away at once with a 503.
  int refused = 0;
  for (const int fd : slow)
    if (status_of(read_some(fd, 100)) == 503) ++refused;
  CHECK(refused >= 90 - static_cast<int>(s.app().limits.connections_per_address));
  for (const int fd : slow) ::close(fd);
}

TEST_CASE("a client dribbling header lines is cut off at the header deadline", "[server][hostile]") {
  TestServer s;
  const int fd = connect_from("127.0.0.1", s.port());
  REQUIRE(fd >= 0);
  REQUIRE(send_all(fd, "GET /api/v1/versions HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
  // One header line a second, each well within the read timeout: only a deadline stops this.
  const auto start = std::chrono::steady_clock::now();
  bool cut = false;
  for (int i = 0; i < 25 && !cut; ++i) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    cut = !send_all(fd, "X-Slow-" + std::to_string(i) + ": 1\r\n");
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 0) > 0) cut = true;  // an answer (400) or the close
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::close(fd);
  INFO("cut after " << seconds << " s");
  CHECK(cut);
  CHECK(seconds < 20.0);
}

namespace {

// Files under the blob store's two-character folders (what uploads left on disk).
int blob_count(const std::string& root) {
  const std::string cmd = "find '" + root + "' -mindepth 2 -type f -not -path '" + root + "/tmp/*' | wc -l";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return -1;
  int n = -1;
  if (std::fscanf(p, "%d", &n) != 1) n = -1;
  ::pclose(p);
  return n;
}

}  // namespace

TEST_CASE("a program, a page or a fake OFD uploaded as a material is refused and nothing is stored",
          "[server][hostile][uploads]") {
  TestServer s;
  const std::string me = s.resident("13800138101");
  const std::string blobs = s.dir() + "/data/blobs";
  const std::string page = "<html><body><script>fetch('/api/v1/me')</script></body></html>";
  struct Attack {
    const char* what;
    std::string bytes;
    const char* name;
    const char* code;
    const char* reason;
  };
  std::string exe = "MZ" + std::string(62, '\x90') + sample_pdf();
  exe.insert(120, "This program cannot be run in DOS mode.");
  const std::vector<Attack> attacks = {
      {"an MZ executable with %PDF- at offset 64", exe, "scan.pdf", "file_active_content", "active_content"},
      {"HTML and script after a PDF", sample_pdf() + page, "scan.pdf", "file_active_content", "active_content"},
      {"a JPEG header followed by HTML",
       std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20) + page, "photo.jpg",
       "file_active_content", "active_content"},
      {"a zip named OFD full of pages", sample_zip({{"OFD.xml", "<ofd/>"}, {"index.html", "hi"}, {"app.js", "x"}}),
       "licence.ofd", "file_damaged", "ofd_entry"},
      {"a PDF that runs JavaScript", sample_pdf() + "9 0 obj << /OpenAction << /S /JavaScript /JS (x) >> >> endobj",
       "scan.pdf", "file_active_content", "pdf_script"},
      {"a PDF header on a text file", "%PDF-1.7\nhello\n%%EOF\n", "scan.pdf", "file_damaged", "pdf_structure"},
  };
  for (const auto& a : attacks) {
    INFO(a.what);
    auto r = s.upload(me, a.bytes, a.name);
    CHECK(r.status == 422);
    CHECK(r.body["error"]["code"] == a.code);
    CHECK(r.body["reason"] == a.reason);
    CHECK_FALSE(r.body["error"]["message"].get<std::string>().empty());
  }
  CHECK(blob_count(blobs) == 0);
  // A real file of each type still goes in.
  CHECK(s.upload(me, sample_pdf(), "scan.pdf").status == 201);
  CHECK(s.upload(me, sample_jpeg(), "photo.jpg").status == 201);
  CHECK(s.upload(me, sample_png(), "photo.png").status == 201);
  CHECK(s.upload(me, sample_ofd(), "licence.ofd").status == 201);
  CHECK(blob_count(blobs) == 4);
}

TEST_CASE("a resident's uploads stop at the daily quota, the same file is not counted twice, the next day is new",
          "[server][hostile][uploads]") {
  TestServer s;
  s.app().limits.uploads_per_day = 3;
  const std::string me = s.resident("13800138102");
  const std::string other = s.resident("13800138103");
  for (int i = 0; i < 3; ++i) REQUIRE(s.upload(me, sample_pdf("page " + std::to_string(i)), "a.pdf").status == 201);
  auto over = s.upload(me, sample_pdf("page 3"), "a.pdf");
  CHECK(over.status == 429);
  CHECK(over.body["error"]["code"] == "upload_quota");
  // 10:00 CST: the quota renews at midnight, 14 hours on.
  CHECK(over.body["retry_after"] == 14 * 3600);
  CHECK(blob_count(s.dir() + "/data/blobs") == 3);  // the refused file was never written
  // Uploading a file already uploaded again costs nothing; another resident has their own quota.
  CHECK(s.upload(me, sample_pdf("page 1"), "again.pdf").status == 201);
  CHECK(s.upload(other, sample_pdf("page 3"), "a.pdf").status == 201);
  s.now += 14 * 3600;
  CHECK(s.upload(me, sample_pdf("page 3"), "a.pdf").status == 201);
  // The byte budget holds the same way.
  s.app().limits.upload_bytes_per_day = 100000;
  CHECK(s.upload(me, sample_pdf("big", 60000), "big.pdf").status == 201);
  auto too_much = s.upload(me, sample_pdf("bigger", 60000), "big2.pdf");
  CHECK(too_much.status == 429);
  CHECK(too_much.body["error"]["code"] == "upload_quota");
}

TEST_CASE("a resident's applications stop at the daily cap; a retry of an accepted one is still answered",
          "[server][hostile]") {
  TestServer s;
  s.app().limits.applications_per_day = 2;
  const std::string me = s.resident("13800138104");
  const json body = item_application(s, me, "seal_engraving");
  const auto submit = [&](const std::string& key) {
    return s.post("/api/v1/applications", body, me, {{"Idempotency-Key", key}});
  };
  auto first = submit("k1");
  REQUIRE(first.status == 201);
  REQUIRE(submit("k2").status == 201);
  auto third = submit("k3");
  CHECK(third.status == 429);
  CHECK(third.body["error"]["code"] == "application_quota");
  CHECK(third.body["retry_after"].get<int>() > 0);
  // The retry of the first is its stored answer, not a refusal.
  auto retry = submit("k1");
  CHECK(retry.status == 201);
  CHECK(retry.body["application"]["id"] == first.body["application"]["id"]);
  auto mine = s.get("/api/v1/me/applications", me);
  CHECK(mine.body["total"] == 2);
  s.now += 24 * 3600;
  CHECK(submit("k4").status == 201);
}

TEST_CASE("lists past a thousand rows are paged to the end and counted in full", "[server][hostile]") {
  TestServer s;
  s.app().limits.applications_per_day = 0;
  const int n = 1050;
  const std::string me = s.resident("13800138105");
  const json body = item_application(s, me, "seal_engraving");
  for (int i = 0; i < n; ++i) {
    REQUIRE(s.post("/api/v1/applications", body, me).status == 201);
    if (i % 100 == 99) s.now += 1;  // several per second and several seconds: both cursor parts matter
  }
  const std::string clerk = s.staff("clerk_m", "clerk", "w_market");
  const std::string supervisor = s.staff("sup", "supervisor");

  // Every page of a list, following next_cursor; the ids in order, and the totals seen.
  const auto walk = [&](const std::string& path, const std::string& key, const std::string& token) {
    std::vector<std::string> ids;
    std::set<std::int64_t> totals;
    std::string cursor;
    for (int pages = 0; pages < 100; ++pages) {
      auto r = s.get(path + (path.find('?') == std::string::npos ? "?" : "&") + "limit=200" +
                         (cursor.empty() ? "" : "&cursor=" + cursor),
                     token);
      REQUIRE(r.status == 200);
      for (const auto& a : r.body[key]) ids.push_back(a["id"]);
      totals.insert(r.body["total"].get<std::int64_t>());
      if (r.body["next_cursor"].is_null()) break;
      cursor = r.body["next_cursor"];
    }
    return std::make_pair(ids, totals);
  };
  const auto distinct = [](const std::vector<std::string>& ids) {
    return std::set<std::string>(ids.begin(), ids.end()).size();
  };

  const auto [queue, queue_totals] = walk("/api/v1/staff/queue", "applications", clerk);
  CHECK(queue.size() == n);
  CHECK(distinct(queue) == n);
  CHECK(queue_totals == std::set<std::int64_t>{n});
  const auto [mine, mine_totals] = walk("/api/v1/me/applications", "applications", me);
  CHECK(mine.size() == n);
  CHECK(distinct(mine) == n);
  CHECK(mine_totals == std::set<std::int64_t>{n});
  // The same applications in both lists.
  CHECK(std::set<std::string>(mine.begin(), mine.end()) == std::set<std::string>(queue.begin(), queue.end()));
  const auto [overview, overview_totals] = walk("/api/v1/staff/overview", "applications", supervisor);
  CHECK(overview.size() == n);
  CHECK(distinct(overview) == n);
  auto o = s.get("/api/v1/staff/overview?limit=1", supervisor);
  const auto& c = o.body["counts"];
  CHECK(c["normal"].get<int>() + c["yellow"].get<int>() + c["red"].get<int>() + c["overdue"].get<int>() == n);
  const auto& w = o.body["by_window"]["w_market"];
  CHECK(w["normal"].get<int>() + w["yellow"].get<int>() + w["red"].get<int>() + w["overdue"].get<int>() == n);
  // A cursor that was never handed out is a 400, not a silent first page.
  CHECK(s.get("/api/v1/staff/queue?cursor=nonsense", clerk).body["error"]["code"] == "bad_cursor");
  CHECK(s.get("/api/v1/staff/queue?limit=100000", clerk).body["error"]["code"] == "bad_limit");
}
