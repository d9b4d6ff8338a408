#pragma once
// A read-only JSON document read in one pass over a request's bytes (json_reader.cpp): the call
// surface's requests without nlohmann's tree of maps and strings. Values live in the document's
// arena; strings without escapes point into the request text, which must outlive the document.
//
// It reads exactly what nlohmann::json::parse reads and refuses what it refuses (strict RFC 8259,
// UTF-8 checked, a leading BOM skipped, floats that overflow refused), and a value answers as
// nlohmann's would: an integer without a sign is unsigned, an object's members come in key order
// with a repeated key's last value. The accessors carry nlohmann's names, so code written for
// both (templates over the value type: validation, conditions) reads the same. Checked against
// nlohmann's parse by tests/unit/json_reader_test.cpp and the call_reference fuzz target.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/json_access.hpp"

namespace yilu::detail {

class Value {
 public:
  enum class Kind : std::uint8_t { Null, Boolean, Integer, Unsigned, Float, String, Array, Object };

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool is_boolean() const { return kind_ == Kind::Boolean; }
  bool is_number() const { return kind_ == Kind::Integer || kind_ == Kind::Unsigned || kind_ == Kind::Float; }
  bool is_number_integer() const { return kind_ == Kind::Integer || kind_ == Kind::Unsigned; }
  bool is_number_unsigned() const { return kind_ == Kind::Unsigned; }
  bool is_number_float() const { return kind_ == Kind::Float; }
  bool is_string() const { return kind_ == Kind::String; }
  bool is_array() const { return kind_ == Kind::Array; }
  bool is_object() const { return kind_ == Kind::Object; }
  bool is_structured() const { return is_array() || is_object(); }
  bool is_primitive() const { return !is_structured(); }

  /// As nlohmann's get<T>() for the types read here (numbers convert as it converts them).
  template <class T>
  T get() const {
    if constexpr (std::is_same_v<T, bool>) {
      return boolean_;
    } else {
      static_assert(std::is_arithmetic_v<T>);
      switch (kind_) {
        case Kind::Integer: return static_cast<T>(integer_);
        case Kind::Unsigned: return static_cast<T>(unsigned_);
        case Kind::Float: return static_cast<T>(float_);
        default: return T{};
      }
    }
  }

  /// The string's bytes (empty for other kinds).
  std::string_view str() const { return is_string() ? text_ : std::string_view{}; }

  /// Elements of an array or members of an object.
  std::size_t size() const { return is_structured() ? count_ : 0; }
  bool empty() const { return size() == 0; }
  const Value& operator[](std::size_t i) const { return items_[i]; }
  const Value* begin() const { return items_; }
  const Value* end() const { return items_ + size(); }
  /// An object's i-th key (in key order).
  std::string_view key(std::size_t i) const { return keys_[i]; }
  /// An object's member, or nullptr (binary search: the keys are sorted).
  const Value* find(std::string_view key) const;

 private:
  friend class JsonReader;
  friend class Document;

  Kind kind_ = Kind::Null;
  bool boolean_ = false;
  std::uint32_t count_ = 0;
  union {
    std::int64_t integer_;
    std::uint64_t unsigned_;
    double float_ = 0;
  };
  std::string_view text_;
  const Value* items_ = nullptr;
  const std::string_view* keys_ = nullptr;
};

/// What reading a text gave: a value, or why not (the call surface's codes).
enum class ReadStatus : std::uint8_t { Ok, BadJson, TooDeep };

/// The arena of one or more read values; reused call after call (clear keeps its blocks).
class Document {
 public:
  Document() = default;
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  /// Reads `text` (which must outlive the value) like nlohmann::json::parse; nesting deeper than
  /// `max_depth` is TooDeep, as json_nesting_exceeds would say of the text.
  ReadStatus read(std::string_view text, std::size_t max_depth);
  /// The value read last (Null before a successful read).
  const Value& root() const { return root_; }

  /// A copy of an nlohmann value (the reference reader in tests; strings copied into the arena).
  const Value& adopt(const json& v);

  void clear();
  /// Gives back memory beyond `keep` bytes (after a huge request), keeping the rest for reuse.
  void trim(std::size_t keep);

  // The arena: blocks of bytes that never move.
  void* allocate(std::size_t bytes, std::size_t align);
  /// A copy of `s` in the arena.
  std::string_view store(std::string_view s);
  /// Values made of others (a merge of several documents): the elements or members are copied
  /// into the arena; an object's keys must be sorted and unique, as the reader leaves them.
  Value make_array(const std::vector<Value>& items);
  Value make_object(const std::vector<std::pair<std::string_view, Value>>& members);

 private:
  friend class JsonReader;
  Value copy(const json& v);

  Value root_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<std::size_t> block_sizes_;
  std::size_t block_ = 0;  // the block being filled
  std::size_t used_ = 0;   // bytes used in it
  // The reader's stacks of the open containers' children, kept between reads.
  std::vector<Value> values_;
  std::vector<std::string_view> keys_;
  std::string scratch_;
  std::vector<std::uint32_t> order_;  // sorting an object's members
  std::vector<Value> sorted_values_;
  std::vector<std::string_view> sorted_keys_;
};

/// The value as an nlohmann value (for the code that still takes one: a guide's answers).
json to_nlohmann(const Value& v);

/// Equality as nlohmann's operator== (numbers compare across integer, unsigned and float).
bool equals(const Value& a, const json& b);
/// Whether two values are equal as nlohmann's == says (numbers of different kinds by value).
bool equals(const Value& a, const Value& b);

// The accessors of json_access.hpp for a Value.
inline const Value* member(const Value& obj, std::string_view key) { return obj.is_object() ? obj.find(key) : nullptr; }
inline std::optional<std::string_view> as_string(const Value& v) {
  if (!v.is_string()) return std::nullopt;
  return v.str();
}
inline std::optional<std::int64_t> as_int(const Value& v, std::int64_t lo, std::int64_t hi) {
  return integral_in(v, lo, hi);
}

/// A string's bytes through either value type.
inline std::string_view str(const json& v) { return std::string_view(*v.get_ptr<const json::string_t*>()); }
inline std::string_view str(const Value& v) { return v.str(); }

/// Calls f(key, value) for each member of an object, in key order, for either value type.
template <class F>
void each_member(const json& obj, F&& f) {
  for (auto it = obj.begin(); it != obj.end(); ++it) f(std::string_view(it.key()), *it);
}
template <class F>
void each_member(const Value& obj, F&& f) {
  for (std::size_t i = 0; i < obj.size(); ++i) f(obj.key(i), obj[i]);
}

}  // namespace yilu::detail
