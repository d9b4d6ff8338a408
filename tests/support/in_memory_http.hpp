#pragma once
// Raw HTTP bytes served by an httplib::Server in process, without a socket: the request parsing,
// routing and handlers of a real server, the bytes read from memory. The HTTP fuzz target and the
// ThreadSanitizer warm-up of cpp-httplib use it.
#include <httplib.h>
#include <sys/types.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace yilu::test {

/// One connection's bytes from memory; what the server writes is kept.
class MemoryStream final : public httplib::Stream {
 public:
  explicit MemoryStream(std::string_view in) : in_(in) {}

  bool is_readable() const override { return pos_ < in_.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, std::size_t size) override {
    const std::size_t n = std::min(size, in_.size() - pos_);
    if (n > 0) std::memcpy(ptr, in_.data() + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, std::size_t size) override {
    out_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = "192.0.2.7";  // TEST-NET-1: one fixed client address
    port = 50000;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = "127.0.0.1";
    port = 8080;
  }
  socket_t socket() const override { return INVALID_SOCKET; }

  bool exhausted() const { return pos_ >= in_.size(); }
  const std::string& written() const { return out_; }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  std::string out_;
};

namespace detail {
// Server::process_request (one request of a connection) is protected; a member pointer named
// through a derived class reaches it on any server, whatever its dynamic type.
struct RequestProcessor : httplib::Server {
  using Fn = bool (httplib::Server::*)(httplib::Stream&, bool, bool&, const std::function<void(httplib::Request&)>&);
  static Fn get() { return &RequestProcessor::process_request; }
};
}  // namespace detail

/// Serves the requests in `bytes` as one keep-alive connection would (pipelined, at most
/// `max_requests`, until the bytes end or a request closes the connection); the raw responses.
inline std::vector<std::string> serve_in_memory(httplib::Server& server, std::string_view bytes, int max_requests) {
  static const detail::RequestProcessor::Fn process = detail::RequestProcessor::get();
  MemoryStream strm(bytes);
  std::vector<std::string> responses;
  for (int i = 0; i < max_requests && !strm.exhausted(); ++i) {
    const std::size_t before = strm.written().size();
    bool closed = false;
    const bool kept = (server.*process)(strm, false, closed, nullptr);
    responses.push_back(strm.written().substr(before));
    if (!kept || closed) break;
  }
  return responses;
}

}  // namespace yilu::test
