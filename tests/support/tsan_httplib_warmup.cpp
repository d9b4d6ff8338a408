// ThreadSanitizer builds only (tests/CMakeLists.txt adds this file to the server tests under
// YILU_TSAN). cpp-httplib is a system library compiled without TSan, and keeps tables in
// function-local statics: the request methods (Server::parse_request_line), the Range and
// multipart regexes. The first worker thread that needs one initializes it; later workers read it
// after the library's unsynchronized "already initialized" check, which TSan cannot see, so it
// reports a race between two workers inside libcpp-httplib.so (a memcpy, then a memcmp, no
// project frame). A suppression cannot name that code (the library has no symbols for it) and
// one naming the library would hide every race in our handlers, which it calls. Instead a few
// requests are served in memory before main, when no other thread exists: the tables are made
// on the main thread, which every later thread is ordered after. Nothing else changes.
#include <httplib.h>

#include <string>

#include "support/in_memory_http.hpp"

namespace {

[[maybe_unused]] const bool warmed_up = [] {
  httplib::Server server;
  server.Get("/", [](const httplib::Request&, httplib::Response& res) { res.set_content("warm-up", "text/plain"); });
  server.Post("/", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.has_file("file") ? req.get_file_value("file").filename : std::string(), "text/plain");
  });
  const std::string body =
      "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n%PDF-\r\n--b--\r\n";
  const std::string requests =
      "GET / HTTP/1.1\r\nHost: x\r\nRange: bytes=0-1,3-4\r\n\r\n"
      "HEAD / HTTP/1.1\r\nHost: x\r\nRange: bytes=2-\r\n\r\n"
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  return !yilu::test::serve_in_memory(server, requests, 3).empty();
}();

}  // namespace
