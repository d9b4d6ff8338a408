#pragma once
// Reading a subcommand's arguments and environment, the same way in every `yilu` command.
#include <cstdlib>
#include <cstring>
#include <string>

namespace yilu::server {

/// The environment variable's value, or `fallback` when it is unset or empty.
inline std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

/// "--flag value" or "--flag=value" at argv[i] into `out`; advances i past a separate value.
inline bool take(int argc, char** argv, int& i, const char* flag, std::string& out) {
  const std::size_t n = std::strlen(flag);
  if (std::strncmp(argv[i], flag, n) != 0) return false;
  if (argv[i][n] == '=') {
    out = argv[i] + n + 1;
    return true;
  }
  if (argv[i][n] != '\0' || i + 1 >= argc) return false;
  out = argv[++i];
  return true;
}

}  // namespace yilu::server
