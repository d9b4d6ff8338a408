#pragma once
// A JSON writer that appends straight into one string: the call surface's responses without an
// intermediate nlohmann object. Its bytes are those of detail::dump (nlohmann's compact dump with
// invalid UTF-8 replaced): members of an object come out sorted by key (nlohmann's objects are
// std::maps, and every response so far has been written that way), a repeated key keeps its last
// value, strings are escaped alike, floats are formatted by nlohmann itself. The writer is checked
// against detail::dump by tests/unit/json_writer_test.cpp and a fuzz target.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/byte_buffer.hpp"
#include "detail/json_access.hpp"
#include "detail/json_value.hpp"
#include "detail/utf8.hpp"

namespace yilu::detail {

class JsonWriter {
 public:
  /// A position to return to (rollback) when what was written since must not be kept.
  struct Mark {
    std::size_t bytes = 0;
    std::size_t frames = 0;
    std::size_t members = 0;
    std::size_t count = 0;  // the innermost open object's or array's state then
    bool sorted = true;
  };

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// The next member's key, inside an object.
  void key(std::string_view k);

  void string(std::string_view s);
  void boolean(bool b);
  void null();
  void signed_integer(std::int64_t i);
  void unsigned_integer(std::uint64_t u);
  void number(double d);
  /// Any integer type (not bool): printed like nlohmann prints it.
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  void number(I i) {
    if constexpr (std::is_signed_v<I>) signed_integer(static_cast<std::int64_t>(i));
    else unsigned_integer(static_cast<std::uint64_t>(i));
  }
  /// Any nlohmann value (an error's params, a guide built as an object), written the same way.
  void value(const json& v);
  /// A value of a request (an echoed "id").
  void value(const Value& v);

  /// Members written earlier by this writer's own calls and kept as bytes (`"a":1,"b":2`, no
  /// comma before or after), in key order, the last of them keyed `last_key`: appended as they
  /// are. Sorting treats the run as one member keyed `last_key`, so every later key of the object
  /// must come after it (the validate op's material heads: docs/core-api.md).
  void raw_members(std::string_view bytes, std::string_view last_key);

  // Shorthands for one member.
  template <class T>
  void member(std::string_view k, T&& v) {
    key(k);
    put(std::forward<T>(v));
  }
  void member_null(std::string_view k) {
    key(k);
    null();
  }

  Mark mark() const {
    Mark m{out_.size(), frames_.size(), members_.size(), 0, true};
    if (!frames_.empty()) {
      m.count = frames_.back().count;
      m.sorted = frames_.back().sorted;
    }
    return m;
  }
  void rollback(const Mark& m);

  std::string_view view() const { return out_.view(); }
  std::string str() const { return std::string(out_.view()); }
  void clear();

 private:
  struct Frame {
    std::size_t content = 0;       // first byte after the opening bracket
    std::size_t first_member = 0;  // index into members_ (objects)
    std::size_t count = 0;         // values (arrays) or members (objects) written so far
    bool object = false;
    bool sorted = true;  // the keys so far came in nlohmann's order, none repeated
  };
  struct Member {
    std::size_t key_at = 0;  // the raw key in keys_
    std::size_t key_len = 0;
    std::size_t begin = 0;  // the member's bytes in out_ ("key":value), without the comma
    std::size_t end = 0;
  };

  void before_value();
  void start_member(std::string_view k);
  void escape(std::string_view s);
  void close_member();
  void sort_members(Frame& f);
  std::string_view key_of(const Member& m) const { return std::string_view(keys_.data() + m.key_at, m.key_len); }

  void put(std::string_view s) { string(s); }
  void put(const std::string& s) { string(s); }
  void put(const char* s) { string(s); }
  void put(bool b) { boolean(b); }
  void put(const json& v) { value(v); }
  void put(const Value& v) { value(v); }
  template <class N, class = std::enable_if_t<std::is_arithmetic_v<std::decay_t<N>>>>
  void put(N n) {
    number(n);
  }

  ByteBuffer out_;
  ByteBuffer keys_;
  std::vector<Frame> frames_;
  std::vector<Member> members_;
  ByteBuffer scratch_;
};

}  // namespace yilu::detail
