#pragma once
// Exception-free reads from untrusted nlohmann::json values: types are checked before any
// get<>, and nothing here calls .at() (under -fno-exceptions a throw is an abort).
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace yilu::detail {

using json = nlohmann::json;

/// Whether `v` nests arrays and objects deeper than `limit` (a scalar is depth 0). Walks with its
/// own stack: copying or dumping a value recurses once per level, so a value from outside must
/// pass this before either (a 1 MiB text can nest half a million levels).
/// Either JSON value type: nlohmann's or the core's reader's (json_value.hpp).
template <class V>
bool nested_deeper_than(const V& v, std::size_t limit) {
  std::vector<std::pair<const V*, std::size_t>> stack{{&v, 0}};
  while (!stack.empty()) {
    const auto [at, depth] = stack.back();
    stack.pop_back();
    if (!at->is_structured()) continue;
    if (depth + 1 > limit) return true;
    for (const auto& child : *at) stack.emplace_back(&child, depth + 1);
  }
  return false;
}

/// The member `key` of an object, or nullptr if `obj` is not an object or lacks it.
inline const json* member(const json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

/// An integral value (a float with no fraction counts) within [lo, hi], else nullopt. V is
/// nlohmann::json or a request's detail::Value (the same accessors).
template <class V>
std::optional<std::int64_t> integral_in(const V& v, std::int64_t lo, std::int64_t hi) {
  std::int64_t out = 0;
  if (v.is_number_integer()) {
    if (v.is_number_unsigned()) {
      const auto u = v.template get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
      out = static_cast<std::int64_t>(u);
    } else {
      out = v.template get<std::int64_t>();
    }
  } else if (v.is_number_float()) {
    const double d = v.template get<double>();
    if (!(d >= -9.0e15 && d <= 9.0e15) || d != static_cast<double>(static_cast<std::int64_t>(d))) return std::nullopt;
    out = static_cast<std::int64_t>(d);
  } else {
    return std::nullopt;
  }
  if (out < lo || out > hi) return std::nullopt;
  return out;
}

inline std::optional<std::int64_t> as_int(const json& v, std::int64_t lo, std::int64_t hi) {
  return integral_in(v, lo, hi);
}

/// A string's bytes, or nullopt if not a string.
inline std::optional<std::string_view> as_string(const json& v) {
  if (!v.is_string()) return std::nullopt;
  return std::string_view(*v.get_ptr<const json::string_t*>());
}

/// Serializes with invalid UTF-8 replaced (never throws): the same bytes in every build.
inline std::string dump(const json& v) { return v.dump(-1, ' ', false, json::error_handler_t::replace); }

/// Appends a JSON-pointer token, escaped per RFC 6901.
inline std::string pointer_append(std::string base, std::string_view token) {
  base.push_back('/');
  for (const char c : token) {
    if (c == '~') base += "~0";
    else if (c == '/') base += "~1";
    else base.push_back(c);
  }
  return base;
}

}  // namespace yilu::detail
