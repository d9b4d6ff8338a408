#include "auth/password.hpp"

#include <sodium.h>

#include <cstdint>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "auth/common_passwords.hpp"

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

bool verify_password_against_dummy(const std::string& password) {
  // Hashed once, with the same parameters as real accounts, from a random secret nobody knows.
  static const std::string dummy = [] {
    unsigned char secret[32];
    randombytes_buf(secret, sizeof secret);
    auto h = hash_password(std::string(reinterpret_cast<const char*>(secret), sizeof secret));
    return h ? *h : std::string();
  }();
  if (dummy.empty()) {
    // Hashing failed (out of memory): still spend the work of one hash.
    hash_password(password);
    return false;
  }
  verify_password(dummy, password);
  return false;
}

namespace {

// Code points of UTF-8 text (request bodies are valid UTF-8: the JSON parser checked them);
// a stray byte counts as one character of its own.
std::vector<std::uint32_t> code_points(std::string_view s) {
  std::vector<std::uint32_t> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
    if (i + len > s.size()) len = 1;
    std::uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

// White space and invisible fillers: ASCII spaces and controls, NBSP, the Unicode spaces
// (U+2000–U+200B, U+202F, U+205F, U+3000 the ideographic space), separators, BOM.
bool blank(std::uint32_t c) {
  return c <= 0x20 || c == 0x7F || c == 0x85 || c == 0xA0 || c == 0x1680 || c == 0x180E ||
         (c >= 0x2000 && c <= 0x200D) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x2060 ||
         c == 0x3000 || c == 0xFEFF;
}

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> s;
    std::string_view text = common_passwords_text();
    while (!text.empty()) {
      const std::size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      s.insert(lower_trimmed(line));
    }
    return s;
  }();
  return set;
}

}  // namespace

std::optional<std::string> weak_password_reason(const std::string& password) {
  if (password.size() > 256) return std::string("密码过长（最多 256 字节）");
  const std::vector<std::uint32_t> cps = code_points(password);
  if (cps.size() < 10) return std::string("密码至少 10 个字符");
  bool all_blank = true;
  bool all_same = true;
  for (const std::uint32_t c : cps) {
    all_blank = all_blank && blank(c);
    all_same = all_same && c == cps.front();
  }
  if (all_blank) return std::string("密码不能全是空白字符");
  if (all_same) return std::string("密码不能是同一个字符的重复");
  if (common_passwords().count(lower_trimmed(password))) return std::string("该密码过于常见，请换一个");
  return std::nullopt;
}

}  // namespace yilu::server
