#include "auth/password.hpp"

#include <sodium.h>

namespace yilu::server {

// INTERACTIVE limits (64 MiB, 2 passes): sign-in stays well under a second on two cores while
// an offline guess costs the same. Staff sign in once a shift, so this is not on a hot path.
std::optional<std::string> hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    return std::nullopt;
  return std::string(out);
}

bool verify_password(const std::string& encoded, const std::string& password) {
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

std::optional<std::string> weak_password_reason(const std::string& password) {
  if (password.size() < 10) return std::string("密码至少 10 个字符");
  if (password.size() > 256) return std::string("密码过长");
  return std::nullopt;
}

}  // namespace yilu::server
