#pragma once
// The server's one table of Chinese messages, keyed by stable error code (the core has its
// own table for its codes; the server passes those messages through unchanged).
#include <string>

namespace yilu::server::http {

/// The message for a server error code; a generic one for an unknown code.
std::string message_for(const std::string& code);

}  // namespace yilu::server::http
