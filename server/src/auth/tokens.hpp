#pragma once
// Randomness and hashing for tokens, codes and content addresses (libsodium).
#include <string>
#include <string_view>

namespace yilu::server {

/// Initializes libsodium; false if the library cannot start (the server must not run then).
bool crypto_init();
/// `bytes` random bytes as lowercase hex (CSPRNG).
std::string random_hex(std::size_t bytes);
/// A random decimal code of `digits` digits (uniform, CSPRNG).
std::string random_digits(int digits);
/// SHA-256 of the bytes as lowercase hex.
std::string sha256_hex(std::string_view bytes);
/// Whether `s` looks like a SHA-256 hex digest (64 lowercase hex characters).
bool is_sha256_hex(std::string_view s);
/// Constant-time equality of two strings of the same length (false otherwise).
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace yilu::server
