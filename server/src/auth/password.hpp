#pragma once
// Staff passwords: Argon2id via libsodium's crypto_pwhash_str (salt and parameters inside),
// and the password policy applied when an account is created and when a password changes.
#include <optional>
#include <string>

namespace yilu::server {

/// The encoded Argon2id hash, or nullopt if hashing failed (out of memory).
std::optional<std::string> hash_password(const std::string& password);
/// Whether the password matches the encoded hash (false for a malformed hash).
bool verify_password(const std::string& encoded, const std::string& password);
/// Does the same work as verify_password against a fixed hash that matches nothing, so that a
/// sign-in for an unknown or disabled account costs as long as one for a real account (no
/// timing oracle for which usernames exist). Always false.
bool verify_password_against_dummy(const std::string& password);
/// The password policy: at least 10 characters (Unicode code points, not bytes), at most 256
/// bytes, not all whitespace (Unicode spaces included), not one character repeated, not in the
/// common-password list (server/data/common_passwords.txt, compared lower-cased and trimmed).
/// The Chinese reason it is too weak, or nullopt if acceptable.
std::optional<std::string> weak_password_reason(const std::string& password);

}  // namespace yilu::server
