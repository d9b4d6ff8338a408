#pragma once
// httplib::Server with the limits the compiled cpp-httplib 0.11 lacks, which slow or hostile
// clients used to take the service down:
// - a deadline for reading each request's headers and another for its body (the library only
//   times out one read at a time, so a header line every few seconds held a worker forever);
// - a cap on concurrent connections per client address (the worker pool is fixed);
// - a byte budget for bodies not framed by Content-Length (chunked, or read until close),
//   which the library reads in full whatever set_payload_max_length says.
// The library runs each accepted socket through a virtual (process_and_close_socket); we
// replace that loop with the same keep-alive loop over our own Stream, and keep its request
// parsing and routing (process_request).
#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

namespace yilu::server::http {

struct ConnectionLimits {
  /// Connections one address may hold at once (0: no cap). Past it a connection gets a 503
  /// `too_many_connections` at once and is closed.
  std::size_t per_address = 32;
  /// From a request's first byte to the end of its headers.
  std::chrono::milliseconds header_time{10'000};
  /// From the end of the headers to the end of the body (20 MiB at 1.4 Mbit/s; behind nginx,
  /// which buffers the body, it arrives at once).
  std::chrono::milliseconds body_time{120'000};
};

class GuardedServer final : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits) : limits_(limits) {}

  /// Raises the bound socket's listen backlog to SOMAXCONN. The library listens with a backlog
  /// of 5 (compiled in): a burst of connections, hostile or not, had SYNs dropped and retried
  /// after 1 s and 3 s, so a client from elsewhere waited seconds to be accepted. Call it once
  /// bound, on the binding thread (http::widen_listen_backlog).
  void widen_backlog();

 private:
  bool process_and_close_socket(socket_t sock) override;
  bool admit(const std::string& address);
  void release(const std::string& address);

  ConnectionLimits limits_;
  std::mutex mu_;
  std::map<std::string, std::size_t> open_;  ///< connections per address
};

/// For the pre-routing handler, on the worker thread serving the request: the rest of this
/// request's body may take at most `bytes` on the wire; past that the read fails and
/// body_over_budget() says why. No effect outside a GuardedServer connection.
void limit_unframed_body(std::size_t bytes);

/// True when the request on this thread stopped at its body budget (answer 413).
bool body_over_budget();

/// The connection on this thread closes after the response (its body was not read).
void close_after_response();

/// The pre-routing check of request bodies: a Content-Encoding is refused (415: a gzip body
/// is inflated by the library without any limit), an unknown Transfer-Encoding is refused (400),
/// and a body without Content-Length gets `max_bytes` as its budget. Sends the error and says
/// Handled, or Unhandled to go on.
httplib::Server::HandlerResponse check_request_body(const httplib::Request& req, httplib::Response& res,
                                                    std::size_t max_bytes);

}  // namespace yilu::server::http
