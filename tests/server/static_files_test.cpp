// The web app's files as the phone gets them: compressed once (by the build, or at load),
// picked by Accept-Encoding, cached for a year under /assets/ and revalidated (304) elsewhere,
// index.html for the page's own routes. Requests are written by hand (a raw socket) so that no
// client default adds an Accept-Encoding, and bodies are read as sent, before any decoding.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>

#include "http/compression.hpp"
#include "http/prepared_body.hpp"
#include "http/static_files.hpp"
#include "test_server.hpp"

using namespace yilu::test;
namespace fs = std::filesystem;
using yilu::server::http::Coding;
using yilu::server::http::PreparedBody;

namespace {

struct Raw {
  int status = 0;
  std::map<std::string, std::string> headers;  ///< names lower-cased
  std::string body;                            ///< as sent (still encoded)
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

/// One request over a fresh connection with exactly these header lines.
Raw raw_request(int port, const std::string& method, const std::string& path,
                const std::vector<std::pair<std::string, std::string>>& headers = {}) {
  Raw out;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(fd >= 0);
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in dst{};
  dst.sin_family = AF_INET;
  dst.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &dst.sin_addr);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&dst), sizeof dst) == 0);
  std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
  req += "\r\n";
  REQUIRE(::send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size()));
  std::string all;
  char buf[16384];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) all.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  const std::size_t end = all.find("\r\n\r\n");
  REQUIRE(end != std::string::npos);
  out.status = std::atoi(all.substr(9, 3).c_str());
  std::size_t line = all.find("\r\n") + 2;
  while (line < end) {
    const std::size_t next = all.find("\r\n", line);
    const std::string h = all.substr(line, next - line);
    const std::size_t colon = h.find(':');
    std::string name = h.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    INFO("header sent twice: " << name);
    CHECK(out.headers.count(name) == 0);
    out.headers[name] = h.substr(h.find_first_not_of(' ', colon + 1));
    line = next + 2;
  }
  out.body = all.substr(end + 4);
  return out;
}

/// The bytes a Content-Encoding stands for, decoded once (httplib's decoders: another
/// implementation than the encoder's).
std::string decode(const std::string& coding, const std::string& bytes) {
  if (coding.empty() || coding == "identity") return bytes;
  std::unique_ptr<httplib::detail::decompressor> d;
  if (coding == "br") d = std::make_unique<httplib::detail::brotli_decompressor>();
  if (coding == "gzip") d = std::make_unique<httplib::detail::gzip_decompressor>();
  REQUIRE(d);
  std::string out;
  REQUIRE(d->decompress(bytes.data(), bytes.size(), [&](const char* p, std::size_t n) {
    out.append(p, n);
    return true;
  }));
  return out;
}

/// A throwaway web folder, removed at the end of the test.
struct WebDir {
  std::string path;
  WebDir() {
    char tmpl[] = "/tmp/yilu-web-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~WebDir() { fs::remove_all(path); }
  void write(const std::string& rel, const std::string& bytes) const {
    fs::create_directories(fs::path(path + "/" + rel).parent_path());
    std::ofstream(path + "/" + rel, std::ios::binary) << bytes;
  }
};

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kIndex = "<!doctype html><title>一鹿快办</title>" + repeat("<p>掌上办事，一次不跑。</p>", 40);
const std::string kScript = repeat("export const item = {name: '出生登记', window: 'w1'};\n", 200);
const std::string kStyle = repeat(".van-cell { color: #1f5fbf; padding: 10px 16px; }\n", 200);

/// The folder a build makes: index.html, a hashed script with the build's .br and .gz (low
/// settings, so they differ from what the server would make itself), a stylesheet and a wasm
/// without variants, the service worker, an icon.
void write_build(const WebDir& web) {
  web.write("index.html", kIndex);
  web.write("assets/index-B9x_k2Qa.js", kScript);
  web.write("assets/index-B9x_k2Qa.js.br", *yilu::server::http::brotli_compress(kScript, 1, true));
  web.write("assets/index-B9x_k2Qa.js.gz", *yilu::server::http::gzip_compress(kScript, 1));
  web.write("assets/index-Cq3Lm9Zt.css", kStyle);
  web.write("assets/yilu_core-D4e5F6g7.wasm", std::string("\0asm\1\0\0\0", 8) + std::string(4000, '\0'));
  web.write("sw.js", "self.addEventListener('fetch', () => {});");
  web.write("icon.png", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, 'p'));
  web.write(".hidden", "never served");
}

}  // namespace

TEST_CASE("static files: the build's brotli for br, its gzip for gzip alone, the bytes otherwise", "[server][static]") {
  WebDir web;
  write_build(web);
  const std::string js = "/assets/index-B9x_k2Qa.js";
  std::ifstream br_file(web.path + js + ".br", std::ios::binary), gz_file(web.path + js + ".gz", std::ios::binary);
  const std::string br((std::istreambuf_iterator<char>(br_file)), {}),
      gz((std::istreambuf_iterator<char>(gz_file)), {});
  TestServer s(web.path);

  auto r = raw_request(s.port(), "GET", js, {{"Accept-Encoding", "gzip, deflate, br"}});
  CHECK(r.status == 200);
  CHECK(r.header("content-encoding") == "br");
  CHECK(r.body == br);  // the build's file as it is, not compressed again here
  CHECK(decode("br", r.body) == kScript);
  CHECK(r.header("content-type") == "text/javascript; charset=utf-8");
  CHECK(r.header("vary") == "Accept-Encoding");
  CHECK(r.header("content-length") == std::to_string(br.size()));

  r = raw_request(s.port(), "GET", js, {{"Accept-Encoding", "gzip"}});
  CHECK(r.header("content-encoding") == "gzip");
  CHECK(r.body == gz);
  CHECK(decode("gzip", r.body) == kScript);

  r = raw_request(s.port(), "GET", js, {{"Accept-Encoding", "br;q=0, gzip;q=0.5"}});
  CHECK(r.header("content-encoding") == "gzip");

  for (const std::string ae : {"", "identity", "deflate", "br;q=0, gzip;q=0", "*;q=0"}) {
    INFO("Accept-Encoding: " << ae);
    r = raw_request(s.port(), "GET", js,
                    ae.empty() ? std::vector<std::pair<std::string, std::string>>{}
                               : std::vector<std::pair<std::string, std::string>>{{"Accept-Encoding", ae}});
    CHECK(r.status == 200);
    CHECK(r.header("content-encoding").empty());
    CHECK(r.body == kScript);
    CHECK(r.header("vary") == "Accept-Encoding");
  }
  // Hidden files and the variants themselves are not files of the app.
  CHECK(raw_request(s.port(), "GET", "/.hidden").body != "never served");
  CHECK(raw_request(s.port(), "GET", js + ".br").status == 404);
}

TEST_CASE("static files: compressed once, whether the build or the server compressed them", "[server][static]") {
  WebDir web;
  write_build(web);
  web.write("data/sample.json",
            R"({"name":"出生登记","items":[)" + repeat(R"({"id":"birth","level":"city"},)", 100) + "{}]}");
  TestServer s(web.path);
  // text/css and text/html are what httplib itself compresses for a client saying gzip or br:
  // decoded once, the body is the file.
  for (const std::string path : {"/assets/index-Cq3Lm9Zt.css", "/index.html", "/assets/index-B9x_k2Qa.js"}) {
    for (const std::string ae : {"br", "gzip", "gzip, br", "br, gzip, deflate, zstd"}) {
      INFO(path << " with Accept-Encoding: " << ae);
      auto r = raw_request(s.port(), "GET", path, {{"Accept-Encoding", ae}});
      REQUIRE(r.status == 200);
      const std::string coding = r.header("content-encoding");
      CHECK((coding == "br" || coding == "gzip"));
      CHECK(r.header("content-length") == std::to_string(r.body.size()));
      std::ifstream f(web.path + path, std::ios::binary);
      CHECK(decode(coding, r.body) == std::string((std::istreambuf_iterator<char>(f)), {}));
    }
  }
  // Types httplib leaves alone are compressed too: wasm (streaming compile needs exactly
  // application/wasm) and JSON.
  auto wasm = raw_request(s.port(), "GET", "/assets/yilu_core-D4e5F6g7.wasm", {{"Accept-Encoding", "br"}});
  CHECK(wasm.header("content-type") == "application/wasm");
  CHECK(wasm.header("content-encoding") == "br");
  CHECK(decode("br", wasm.body).size() == 4008);
  auto json = raw_request(s.port(), "GET", "/data/sample.json", {{"Accept-Encoding", "gzip"}});
  CHECK(json.header("content-encoding") == "gzip");
  CHECK(nlohmann::json::parse(decode("gzip", json.body))["name"] == "出生登记");
  // An icon does not shrink: sent as it is, with nothing to vary on.
  auto icon = raw_request(s.port(), "GET", "/icon.png", {{"Accept-Encoding", "br, gzip"}});
  CHECK(icon.header("content-type") == "image/png");
  CHECK(icon.header("content-encoding").empty());
  CHECK(icon.header("vary").empty());
}

TEST_CASE("static files: a year for hashed assets, revalidation (304) for the rest", "[server][static]") {
  WebDir web;
  write_build(web);
  TestServer s(web.path);

  auto asset = raw_request(s.port(), "GET", "/assets/index-Cq3Lm9Zt.css");
  CHECK(asset.header("cache-control") == "public, max-age=31536000, immutable");
  CHECK(asset.header("etag").size() == 34);  // "…" around 32 hex digits

  for (const std::string path : {"/index.html", "/", "/sw.js", "/icon.png"}) {
    INFO(path);
    auto first = raw_request(s.port(), "GET", path, {{"Accept-Encoding", "br"}});
    REQUIRE(first.status == 200);
    CHECK(first.header("cache-control") == "no-cache");
    const std::string etag = first.header("etag");
    REQUIRE(etag.size() == 34);

    auto again = raw_request(s.port(), "GET", path, {{"Accept-Encoding", "br"}, {"If-None-Match", etag}});
    CHECK(again.status == 304);
    CHECK(again.body.empty());
    CHECK(again.header("etag") == etag);
    CHECK(again.header("cache-control") == "no-cache");
    CHECK(raw_request(s.port(), "GET", path, {{"If-None-Match", "\"other\", W/" + etag}}).status == 304);
    CHECK(raw_request(s.port(), "GET", path, {{"If-None-Match", "*"}}).status == 304);
    CHECK(raw_request(s.port(), "GET", path, {{"If-None-Match", "\"other\""}}).status == 200);
  }
  CHECK(raw_request(s.port(), "GET", "/").body == kIndex);
  // The same ETag for the same bytes, another for other bytes.
  CHECK(raw_request(s.port(), "GET", "/").header("etag") == raw_request(s.port(), "GET", "/index.html").header("etag"));
  CHECK(raw_request(s.port(), "GET", "/sw.js").header("etag") != raw_request(s.port(), "GET", "/").header("etag"));
}

TEST_CASE("static files: the page's own routes get index.html; the API and missing assets never do",
          "[server][static]") {
  WebDir web;
  write_build(web);
  TestServer s(web.path);
  const std::string index_etag = raw_request(s.port(), "GET", "/index.html").header("etag");

  auto page = raw_request(s.port(), "GET", "/guide/item/x", {{"Accept-Encoding", "gzip"}});
  CHECK(page.status == 200);
  CHECK(page.header("content-type") == "text/html; charset=utf-8");
  CHECK(page.header("cache-control") == "no-cache");
  CHECK(page.header("etag") == index_etag);
  CHECK(decode(page.header("content-encoding"), page.body) == kIndex);
  CHECK(raw_request(s.port(), "GET", "/guide/item/x", {{"If-None-Match", index_etag}}).status == 304);

  auto head = raw_request(s.port(), "HEAD", "/guide/item/x");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(head.header("content-length") == std::to_string(kIndex.size()));

  auto api = s.get("/api/v1/nope");
  CHECK(api.status == 404);
  CHECK(api.body["error"]["code"] == "not_found");
  CHECK(raw_request(s.port(), "HEAD", "/api/v1/nope").status == 404);
  // An old page asking for a hash that is gone gets a 404, never HTML as its script.
  auto gone = raw_request(s.port(), "GET", "/assets/index-Old0hash.js");
  CHECK(gone.status == 404);
  CHECK(gone.header("content-type").find("json") != std::string::npos);
  CHECK(s.get("/api/v1/health").status == 200);
}

TEST_CASE("static files: HEAD has GET's headers and no body", "[server][static]") {
  WebDir web;
  write_build(web);
  TestServer s(web.path);
  for (const std::string ae : {"", "br", "gzip"}) {
    INFO("Accept-Encoding: " << ae);
    std::vector<std::pair<std::string, std::string>> h;
    if (!ae.empty()) h.emplace_back("Accept-Encoding", ae);
    auto get = raw_request(s.port(), "GET", "/assets/index-B9x_k2Qa.js", h);
    auto head = raw_request(s.port(), "HEAD", "/assets/index-B9x_k2Qa.js", h);
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    for (const char* name : {"content-length", "content-type", "content-encoding", "etag", "cache-control", "vary"})
      CHECK(head.header(name) == get.header(name));
  }
}

TEST_CASE("static files: ranges of the bytes only, never of an encoding", "[server][static]") {
  WebDir web;
  write_build(web);
  TestServer s(web.path);
  const std::string js = "/assets/index-B9x_k2Qa.js";
  auto part = raw_request(s.port(), "GET", js, {{"Range", "bytes=0-9"}});
  CHECK(part.status == 206);
  CHECK(part.body == kScript.substr(0, 10));
  CHECK(part.header("content-range") == "bytes 0-9/" + std::to_string(kScript.size()));
  // A client that accepts br gets the whole encoded body.
  auto whole = raw_request(s.port(), "GET", js, {{"Range", "bytes=0-9"}, {"Accept-Encoding", "br"}});
  CHECK(whole.status == 200);
  CHECK(decode("br", whole.body) == kScript);
  // If-Range: ranges of this version only.
  const std::string etag = part.header("etag");
  CHECK(raw_request(s.port(), "GET", js, {{"Range", "bytes=0-9"}, {"If-Range", etag}}).status == 206);
  auto changed = raw_request(s.port(), "GET", js, {{"Range", "bytes=0-9"}, {"If-Range", "\"older\""}});
  CHECK(changed.status == 200);
  CHECK(changed.body == kScript);
  // Bad ranges are refused as everywhere else, with nothing cacheable.
  auto bad = raw_request(s.port(), "GET", js, {{"Range", "bytes=0-20,10-30"}});
  CHECK(bad.status == 416);
  CHECK(bad.header("cache-control").empty());
}

TEST_CASE("static files: a variant older than its file is left out", "[server][static]") {
  WebDir web;
  write_build(web);
  const std::string changed = repeat("export const item = {name: '结婚登记'};\n", 200);
  const fs::path js = web.path + "/assets/index-B9x_k2Qa.js";
  web.write("assets/index-B9x_k2Qa.js", changed);  // rewritten after its .br and .gz
  fs::last_write_time(fs::path(js.string() + ".br"), fs::last_write_time(js) - std::chrono::hours(1));
  fs::last_write_time(fs::path(js.string() + ".gz"), fs::last_write_time(js) - std::chrono::hours(1));
  TestServer s(web.path);
  for (const std::string ae : {"br", "gzip"}) {
    auto r = raw_request(s.port(), "GET", "/assets/index-B9x_k2Qa.js", {{"Accept-Encoding", ae}});
    CHECK(decode(r.header("content-encoding"), r.body) == changed);
  }
}

TEST_CASE("prepared bodies: JSON with a charset is compressed, keeps its ETag, answers 304", "[server][static]") {
  const std::string text =
      R"({"ok":true,"items":[)" + repeat(R"({"id":"birth_registration","name":"出生登记"},)", 50) + "{}]}";
  const auto body = PreparedBody::make(text, "application/json; charset=utf-8", "\"fp-1234\"");
  CHECK(body.etag() == "\"fp-1234\"");
  REQUIRE(body.encoded(Coding::br));
  REQUIRE(body.encoded(Coding::gzip));
  CHECK(decode("br", *body.encoded(Coding::br)) == text);
  CHECK(decode("gzip", *body.encoded(Coding::gzip)) == text);
  CHECK(PreparedBody::make(text, "image/png").encoded(Coding::br) == nullptr);
  CHECK(PreparedBody::make("", "application/json").bytes().empty());

  // Sent from a plain handler, as the data routes do.
  httplib::Server svr;
  svr.Get("/data", [&](const httplib::Request& req, httplib::Response& res) {
    yilu::server::http::send_prepared(req, res, body, "no-cache");
  });
  svr.Get("/empty", [](const httplib::Request& req, httplib::Response& res) {
    yilu::server::http::send_prepared(req, res, PreparedBody::make("", "application/json"), "no-cache");
  });
  const int port = svr.bind_to_any_port("127.0.0.1");
  std::thread t([&] { svr.listen_after_bind(); });
  while (!svr.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  auto r = raw_request(port, "GET", "/data", {{"Accept-Encoding", "gzip, br"}});
  CHECK(r.header("content-type") == "application/json; charset=utf-8");
  CHECK(r.header("content-encoding") == "br");
  CHECK(decode("br", r.body) == text);
  CHECK(r.header("etag") == "\"fp-1234\"");
  CHECK(raw_request(port, "GET", "/data", {{"If-None-Match", "\"fp-1234\""}}).status == 304);
  auto empty = raw_request(port, "GET", "/empty", {{"Accept-Encoding", "br"}});
  CHECK(empty.status == 200);
  CHECK(empty.body.empty());
  CHECK(empty.header("content-length") == "0");
  svr.stop();
  t.join();
}

TEST_CASE("content negotiation: Accept-Encoding and If-None-Match as clients write them", "[server][static]") {
  using yilu::server::http::choose_coding;
  using yilu::server::http::etag_matches;
  CHECK(choose_coding("gzip, deflate, br", true, true) == Coding::br);
  CHECK(choose_coding("gzip, deflate, br", false, true) == Coding::gzip);
  CHECK(choose_coding("gzip, deflate, br", false, false) == Coding::identity);
  CHECK(choose_coding("BR;Q=0.8, GZIP", true, true) == Coding::gzip);  // the higher q wins
  CHECK(choose_coding("br;q=0, gzip", true, true) == Coding::gzip);
  CHECK(choose_coding("br;q=0.000", true, false) == Coding::identity);
  CHECK(choose_coding("*", true, true) == Coding::br);
  CHECK(choose_coding("*;q=0.5, br;q=0", true, true) == Coding::gzip);
  CHECK(choose_coding("x-gzip", true, true) == Coding::gzip);
  CHECK(choose_coding("", true, true) == Coding::identity);
  CHECK(choose_coding("identity", true, true) == Coding::identity);
  CHECK(choose_coding("brotli, gzipped", true, true) == Coding::identity);  // names, not substrings

  CHECK(etag_matches("\"a1\"", "\"a1\""));
  CHECK(etag_matches("W/\"a1\"", "\"a1\""));
  CHECK(etag_matches("\"x\", \"a1\"", "\"a1\""));
  CHECK(etag_matches("\"x\",W/\"a1\"", "\"a1\""));
  CHECK(etag_matches("*", "\"a1\""));
  CHECK_FALSE(etag_matches("\"a\"", "\"a1\""));
  CHECK_FALSE(etag_matches("\"a1", "\"a1\""));
  CHECK_FALSE(etag_matches("a1", "\"a1\""));
  CHECK_FALSE(etag_matches("", "\"a1\""));
}
