#pragma once
// The server's one error table: stable code → HTTP status → Chinese message. Handlers name a
// code; the status and the message come from here (the core has its own table for its codes,
// whose messages the server passes through unchanged).
#include <string_view>
#include <vector>

namespace yilu::server::http {

struct ErrorInfo {
  const char* code;
  int status;
  const char* message;
};

/// The entry of a server error code; for an unknown code, status 400 and a generic message.
const ErrorInfo& error_info(std::string_view code);

/// Every entry (for the documentation test and the OpenAPI generator).
std::vector<ErrorInfo> all_errors();

}  // namespace yilu::server::http
