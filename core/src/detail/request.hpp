#pragma once
// Typed, exception-free access to the fields of one request object. Every failure is an
// Error whose code is stable and whose path is the field's JSON pointer.
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "detail/json_access.hpp"
#include "detail/json_value.hpp"
#include "detail/messages.hpp"
#include "yilu/date.hpp"
#include "yilu/error.hpp"

namespace yilu::detail {

/// An Error with its message rendered from the code table.
inline Error make_error(std::string code, std::string path, const json& params = json::object()) {
  std::string message = render_message(code, params);
  return Error{std::move(code), std::move(message), std::move(path)};
}

/// The fields of a request object (as read by detail::Document).
class Fields {
 public:
  explicit Fields(const Value& obj, std::string base = {}) : obj_(obj), base_(std::move(base)) {}

  const Value* find(std::string_view key) const { return member(obj_, key); }
  std::string path(std::string_view key) const { return pointer_append(base_, key); }

  Result<std::string_view> string(std::string_view key) const {
    const Value* v = find(key);
    if (!v) return missing(key);
    const auto s = as_string(*v);
    if (!s) return wrong_type(key, "string");
    return *s;
  }

  Result<Date> date(std::string_view key) const {
    const auto s = string(key);
    if (!s.ok()) return s.error();
    const auto d = parse_date(s.value());
    if (!d) return make_error("bad_date", path(key), {{"field", std::string(key)}});
    return *d;
  }

  /// The date at `key`, or `fallback` when the field is absent (null counts as absent).
  Result<Date> date_or(std::string_view key, Date fallback) const {
    const Value* v = find(key);
    if (!v || v->is_null()) return fallback;
    return date(key);
  }

  Result<Timestamp> timestamp(std::string_view key) const {
    const auto s = string(key);
    if (!s.ok()) return s.error();
    const auto t = parse_timestamp(s.value());
    if (!t) return make_error("bad_timestamp", path(key), {{"field", std::string(key)}});
    return *t;
  }

  Result<Timestamp> timestamp_or(std::string_view key, Timestamp fallback) const {
    const Value* v = find(key);
    if (!v || v->is_null()) return fallback;
    return timestamp(key);
  }

  /// An integer in [lo, hi]: a non-integer is `wrong_type`, one outside is `out_of_range_code`.
  Result<std::int64_t> integer(std::string_view key, std::int64_t lo, std::int64_t hi,
                               const char* out_of_range_code = "value_out_of_range") const {
    const Value* v = find(key);
    if (!v) return missing(key);
    if (!v->is_number()) return wrong_type(key, "integer");
    const auto out_of_range = [&] {
      return make_error(out_of_range_code, path(key), {{"field", std::string(key)}, {"min", lo}, {"max", hi}});
    };
    if (v->is_number_float()) {
      const double d = v->get<double>();
      if (!std::isfinite(d) || std::floor(d) != d) return wrong_type(key, "integer");
      if (d < static_cast<double>(lo) || d > static_cast<double>(hi)) return out_of_range();
      return static_cast<std::int64_t>(d);
    }
    if (v->is_number_unsigned()) {
      const auto u = v->get<std::uint64_t>();
      if (hi < 0 || u > static_cast<std::uint64_t>(hi) || static_cast<std::int64_t>(u) < lo) return out_of_range();
      return static_cast<std::int64_t>(u);
    }
    const auto i = v->get<std::int64_t>();
    if (i < lo || i > hi) return out_of_range();
    return i;
  }

  Result<std::int64_t> integer_or(std::string_view key, std::int64_t lo, std::int64_t hi, std::int64_t fallback,
                                  const char* out_of_range_code = "value_out_of_range") const {
    const Value* v = find(key);
    if (!v || v->is_null()) return fallback;
    return integer(key, lo, hi, out_of_range_code);
  }

  Result<bool> boolean_or(std::string_view key, bool fallback) const {
    const Value* v = find(key);
    if (!v || v->is_null()) return fallback;
    if (!v->is_boolean()) return wrong_type(key, "boolean");
    return v->get<bool>();
  }

  /// An optional string field: absent or null gives an empty view.
  Result<std::string_view> string_or_empty(std::string_view key) const {
    const Value* v = find(key);
    if (!v || v->is_null()) return std::string_view{};
    return string(key);
  }

  Error missing(std::string_view key) const {
    return make_error("missing_field", path(key), {{"field", std::string(key)}});
  }
  /// `type` names the expected type ("string", "object" …): the message table's `type.<type>` word.
  Error wrong_type(std::string_view key, std::string_view type) const {
    return make_error("wrong_type", path(key), {{"field", std::string(key)}, {"expected", type_word(type)}});
  }

 private:
  const Value& obj_;
  std::string base_;
};

}  // namespace yilu::detail
