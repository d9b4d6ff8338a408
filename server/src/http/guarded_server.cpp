#include "http/guarded_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include "http/errors.hpp"
#include "http/respond.hpp"

namespace yilu::server::http {

namespace {

using Clock = std::chrono::steady_clock;

// Waits are cut into slices so that a stopping server frees its workers within one slice.
constexpr int kSliceMs = 200;
// The request line and headers together (the library bounds each line, not their number).
constexpr std::size_t kMaxHeaderBytes = 64 * 1024;

bool address_of(const sockaddr_storage& ss, std::string& ip, int& port) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (ss.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(ss);
    if (!::inet_ntop(AF_INET, &a.sin_addr, buf, sizeof buf)) return false;
    port = ntohs(a.sin_port);
  } else if (ss.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(ss);
    if (!::inet_ntop(AF_INET6, &a.sin6_addr, buf, sizeof buf)) return false;
    port = ntohs(a.sin6_port);
  } else {
    return false;
  }
  ip = buf;
  return true;
}

void peer(socket_t sock, std::string& ip, int& port) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  if (::getpeername(sock, reinterpret_cast<sockaddr*>(&ss), &len) == 0) address_of(ss, ip, port);
}

void local(socket_t sock, std::string& ip, int& port) {
  sockaddr_storage ss{};
  socklen_t len = sizeof ss;
  if (::getsockname(sock, reinterpret_cast<sockaddr*>(&ss), &len) == 0) address_of(ss, ip, port);
}

// One connection's socket with per-request deadlines and a body budget. The library's line
// reader asks for one byte at a time, hence the buffer.
class GuardedStream final : public httplib::Stream {
 public:
  GuardedStream(socket_t sock, const std::atomic<socket_t>& server_sock, const ConnectionLimits& limits,
                std::chrono::milliseconds read_timeout, std::chrono::milliseconds write_timeout)
      : sock_(sock),
        server_sock_(server_sock),
        limits_(limits),
        read_timeout_(read_timeout),
        write_timeout_(write_timeout) {}

  /// Waits up to `idle` for the next request's first byte; false when none came or the server stops.
  bool wait_for_request(std::chrono::milliseconds idle) {
    if (broken_) return false;
    if (pos_ < end_) return true;
    return wait(POLLIN, Clock::now() + idle);
  }

  /// A new request starts: its header clock runs from now.
  void begin_request() {
    in_headers_ = true;
    header_bytes_ = 0;
    tail_ = 0;
    deadline_ = Clock::now() + limits_.header_time;
    budget_ = 0;
    budget_used_ = 0;
    over_budget_ = false;
    close_after_ = false;
  }

  void limit_body(std::size_t bytes) {
    budget_ = bytes;
    budget_used_ = 0;
  }
  bool over_budget() const { return over_budget_; }
  void close_after() { close_after_ = true; }
  bool must_close() const { return broken_ || close_after_ || over_budget_; }

  bool is_readable() const override { return pos_ < end_ || poll_once(POLLIN, kSliceMs) > 0; }
  bool is_writable() const override { return poll_once(POLLOUT, kSliceMs) > 0; }

  ssize_t read(char* ptr, std::size_t size) override {
    if (broken_) return -1;
    if (pos_ == end_) {
      const auto limit = std::min(deadline_, Clock::now() + read_timeout_);
      ssize_t n = -1;
      do {
        if (!wait(POLLIN, limit)) return fail();
        n = ::recv(sock_, buf_, sizeof buf_, 0);
      } while (n < 0 && (errno == EINTR || errno == EAGAIN));
      if (n <= 0) return n == 0 ? 0 : fail();
      pos_ = 0;
      end_ = static_cast<std::size_t>(n);
    }
    std::size_t n = std::min(size, end_ - pos_);
    if (in_headers_) {
      // The headers end at the first empty line: from then on the body's clock runs.
      for (std::size_t i = 0; i < n; ++i) {
        tail_ = (tail_ << 8) | static_cast<unsigned char>(buf_[pos_ + i]);
        if (tail_ == 0x0D0A0D0Au) {
          n = i + 1;
          in_headers_ = false;
          deadline_ = Clock::now() + limits_.body_time;
          break;
        }
      }
      header_bytes_ += n;
      if (header_bytes_ > kMaxHeaderBytes) return fail();
    } else if (budget_ > 0) {
      if (budget_used_ + n > budget_) {
        over_budget_ = true;
        return fail();
      }
      budget_used_ += n;
    }
    std::memcpy(ptr, buf_ + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, std::size_t size) override {
    if (!wait(POLLOUT, Clock::now() + write_timeout_)) return -1;
    const ssize_t n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    return n < 0 && errno == EINTR ? 0 : n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { peer(sock_, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { local(sock_, ip, port); }
  socket_t socket() const override { return sock_; }

 private:
  int poll_once(short events, int ms) const {
    pollfd p{sock_, events, 0};
    const int r = ::poll(&p, 1, ms);
    if (r > 0 && (p.revents & (POLLERR | POLLNVAL))) return -1;
    return r;
  }

  // Readiness before `until`, in slices so that a stopping server is noticed.
  bool wait(short events, Clock::time_point until) const {
    for (;;) {
      if (server_sock_ == INVALID_SOCKET) return false;
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
      if (left <= 0) return false;
      const int r = poll_once(events, static_cast<int>(std::min<long long>(left, kSliceMs)));
      if (r > 0) return true;
      if (r < 0 && errno != EINTR) return false;
    }
  }

  ssize_t fail() {
    broken_ = true;
    return -1;
  }

  socket_t sock_;
  const std::atomic<socket_t>& server_sock_;
  const ConnectionLimits& limits_;
  std::chrono::milliseconds read_timeout_;
  std::chrono::milliseconds write_timeout_;
  char buf_[16 * 1024];
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool in_headers_ = true;
  std::size_t header_bytes_ = 0;
  std::uint32_t tail_ = 0;
  Clock::time_point deadline_{};
  std::size_t budget_ = 0;
  std::size_t budget_used_ = 0;
  bool over_budget_ = false;
  bool close_after_ = false;
  bool broken_ = false;
};

// The connection served by this worker thread, for the pre-routing and error handlers.
thread_local GuardedStream* t_current = nullptr;

// A 503 written straight to a refused socket: no worker should stay on it.
void refuse_busy(socket_t sock) {
  const ErrorInfo& info = error_info("too_many_connections");
  const std::string body =
      std::string(R"({"error":{"code":"too_many_connections","message":")") + info.message + R"("},"ok":false})";
  const std::string head =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
      "Retry-After: 5\r\nConnection: close\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  const std::string all = head + body;
  ::send(sock, all.data(), all.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

}  // namespace

void GuardedServer::widen_backlog() {
  const socket_t s = svr_sock_;
  // listen() again on a listening socket only changes its backlog.
  if (s != INVALID_SOCKET) ::listen(s, SOMAXCONN);
}

bool GuardedServer::admit(const std::string& address) {
  std::lock_guard<std::mutex> lock(mu_);
  std::size_t& n = open_[address];
  if (limits_.per_address != 0 && n >= limits_.per_address) {
    if (n == 0) open_.erase(address);
    return false;
  }
  ++n;
  return true;
}

void GuardedServer::release(const std::string& address) {
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = open_.find(address);
  if (it != open_.end() && --it->second == 0) open_.erase(it);
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  std::string address;
  int port = 0;
  peer(sock, address, port);
  bool ret = false;
  if (!admit(address)) {
    refuse_busy(sock);
  } else {
    using std::chrono::milliseconds;
    using std::chrono::seconds;
    GuardedStream strm(sock, svr_sock_, limits_,
                       std::chrono::duration_cast<milliseconds>(seconds(read_timeout_sec_)) +
                           std::chrono::duration_cast<milliseconds>(std::chrono::microseconds(read_timeout_usec_)),
                       std::chrono::duration_cast<milliseconds>(seconds(write_timeout_sec_)) +
                           std::chrono::duration_cast<milliseconds>(std::chrono::microseconds(write_timeout_usec_)));
    t_current = &strm;
    // The library's keep-alive loop: at most keep_alive_max_count_ requests, each after at
    // most keep_alive_timeout_sec_ of quiet; the last one says Connection: close.
    for (std::size_t left = keep_alive_max_count_;
         left > 0 && svr_sock_ != INVALID_SOCKET && strm.wait_for_request(seconds(keep_alive_timeout_sec_)); --left) {
      bool connection_closed = false;
      strm.begin_request();
      ret = process_request(strm, left == 1, connection_closed, nullptr);
      if (!ret || connection_closed || strm.must_close()) break;
    }
    t_current = nullptr;
    release(address);
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

void limit_unframed_body(std::size_t bytes) {
  if (t_current) t_current->limit_body(bytes);
}

bool body_over_budget() { return t_current && t_current->over_budget(); }

void close_after_response() {
  if (t_current) t_current->close_after();
}

httplib::Server::HandlerResponse check_request_body(const httplib::Request& req, httplib::Response& res,
                                                    std::size_t max_bytes) {
  using R = httplib::Server::HandlerResponse;
  const std::string encoding = req.get_header_value("Content-Encoding");
  if (!encoding.empty() && encoding != "identity") {
    close_after_response();
    send_error(res, "unsupported_media_type");
    return R::Handled;
  }
  if (req.has_header("Transfer-Encoding")) {
    std::string te = req.get_header_value("Transfer-Encoding");
    std::transform(te.begin(), te.end(), te.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (te != "chunked") {
      close_after_response();
      send_error(res, "bad_request");
      return R::Handled;
    }
    limit_unframed_body(max_bytes);
  } else if (!req.has_header("Content-Length")) {
    // Read until the client closes: the same budget.
    limit_unframed_body(max_bytes);
  }
  return R::Unhandled;
}

}  // namespace yilu::server::http
