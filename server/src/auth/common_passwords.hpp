#pragma once
// The common-password list, compiled in from server/data/common_passwords.txt (a generated
// source, server/CMakeLists.txt): one password per line, '#' lines are comments.
#include <string_view>

namespace yilu::server {

/// The list file's text as it was at build time. Never fails.
std::string_view common_passwords_text();

}  // namespace yilu::server
