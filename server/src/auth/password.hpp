#pragma once
// Staff passwords: Argon2id via libsodium's crypto_pwhash_str (salt and parameters inside).
#include <optional>
#include <string>

namespace yilu::server {

/// The encoded Argon2id hash, or nullopt if hashing failed (out of memory).
std::optional<std::string> hash_password(const std::string& password);
/// Whether the password matches the encoded hash (false for a malformed hash).
bool verify_password(const std::string& encoded, const std::string& password);
/// A password policy check: the Chinese reason it is too weak, or nullopt if acceptable.
std::optional<std::string> weak_password_reason(const std::string& password);

}  // namespace yilu::server
