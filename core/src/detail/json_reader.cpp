// The one-pass reader of detail::Value (json_value.hpp). What it accepts and how it types numbers
// follow nlohmann's lexer and parser (the reference it is tested against), rule by rule.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "detail/json_value.hpp"
#include "detail/utf8.hpp"
#include "yilu/call.hpp"

namespace yilu::detail {

// ---- the arena ----

void* Document::allocate(std::size_t bytes, std::size_t align) {
  for (;;) {
    if (block_ < blocks_.size()) {
      const std::size_t at = (used_ + align - 1) / align * align;
      if (at + bytes <= block_sizes_[block_]) {
        used_ = at + bytes;
        return blocks_[block_].get() + at;
      }
      ++block_;
      used_ = 0;
      continue;
    }
    // A new block: at least 16 KiB, doubling, and large enough for this request.
    std::size_t size = block_sizes_.empty() ? 16384 : block_sizes_.back() * 2;
    size = std::max(size, bytes + align);
    blocks_.emplace_back(new char[size]);
    block_sizes_.push_back(size);
  }
}

std::string_view Document::store(std::string_view s) {
  if (s.empty()) return {};
  char* at = static_cast<char*>(allocate(s.size(), 1));
  std::copy(s.begin(), s.end(), at);
  return {at, s.size()};
}

Value Document::make_array(const std::vector<Value>& items) {
  Value out;
  out.kind_ = Value::Kind::Array;
  out.count_ = static_cast<std::uint32_t>(items.size());
  auto* store = static_cast<Value*>(allocate(items.size() * sizeof(Value), alignof(Value)));
  std::uninitialized_copy(items.begin(), items.end(), store);
  out.items_ = store;
  return out;
}

Value Document::make_object(const std::vector<std::pair<std::string_view, Value>>& members) {
  Value out;
  out.kind_ = Value::Kind::Object;
  out.count_ = static_cast<std::uint32_t>(members.size());
  auto* items = static_cast<Value*>(allocate(members.size() * sizeof(Value), alignof(Value)));
  auto* keys =
      static_cast<std::string_view*>(allocate(members.size() * sizeof(std::string_view), alignof(std::string_view)));
  for (std::size_t i = 0; i < members.size(); ++i) {
    new (keys + i) std::string_view(members[i].first);
    new (items + i) Value(members[i].second);
  }
  out.items_ = items;
  out.keys_ = keys;
  return out;
}

void Document::clear() {
  root_ = Value{};
  block_ = 0;
  used_ = 0;
  values_.clear();
  keys_.clear();
}

void Document::trim(std::size_t keep) {
  clear();
  // The blocks are kept while they add up to `keep` (the first one always).
  std::size_t total = 0;
  std::size_t n = 0;
  while (n < blocks_.size() && (n == 0 || total + block_sizes_[n] <= keep)) total += block_sizes_[n++];
  blocks_.resize(n);
  block_sizes_.resize(n);
  const auto shrink = [keep](auto& v) {
    using V = std::decay_t<decltype(v)>;
    if (v.capacity() * sizeof(typename V::value_type) > keep) V().swap(v);
  };
  shrink(values_);
  shrink(keys_);
  shrink(scratch_);
  shrink(order_);
  shrink(sorted_values_);
  shrink(sorted_keys_);
}

const Value* Value::find(std::string_view key) const {
  // A request's few members are scanned (most differ in length); larger objects are searched.
  if (count_ <= 8) {
    for (std::uint32_t i = 0; i < count_; ++i)
      if (same_key(keys_[i], key)) return &items_[i];
    return nullptr;
  }
  const std::string_view* lo = keys_;
  const std::string_view* hi = keys_ + count_;
  const auto* it = std::lower_bound(lo, hi, key, key_before);
  return it != hi && same_key(*it, key) ? &items_[it - keys_] : nullptr;
}

// ---- the reader ----

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

class JsonReader {
 public:
  JsonReader(Document& doc, std::string_view text, std::size_t max_depth)
      : doc_(doc), p_(text.data()), end_(text.data() + text.size()), max_depth_(max_depth) {}

  /// Whether the text went on past a NUL byte after the value (nlohmann's end of input).
  bool unread() const { return unread_; }

  ReadStatus run(Value& out) {
    // A UTF-8 byte order mark may open the text; a lone 0xEF may not.
    if (p_ < end_ && static_cast<unsigned char>(*p_) == 0xEF) {
      if (end_ - p_ < 3 || static_cast<unsigned char>(p_[1]) != 0xBB || static_cast<unsigned char>(p_[2]) != 0xBF)
        return ReadStatus::BadJson;
      p_ += 3;
    }
    skip_space();
    if (!value(out, 0)) return too_deep_ ? ReadStatus::TooDeep : ReadStatus::BadJson;
    skip_space();
    // nlohmann's lexer takes a NUL byte for the end of the input (for C strings): what follows
    // one after the value is not read.
    if (p_ == end_) return ReadStatus::Ok;
    if (*p_ != '\0') return ReadStatus::BadJson;
    unread_ = true;
    return ReadStatus::Ok;
  }

 private:
  void skip_space() {
    while (p_ < end_ && is_space(*p_)) ++p_;
  }

  bool literal(const char* word, std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return false;
    p_ += n;
    return true;
  }

  bool value(Value& out, std::size_t depth) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '{': return object(out, depth + 1);
      case '[': return array(out, depth + 1);
      case '"': out.kind_ = Value::Kind::String; return string(out.text_);
      case 't':
        out.kind_ = Value::Kind::Boolean;
        out.boolean_ = true;
        return literal("true", 4);
      case 'f':
        out.kind_ = Value::Kind::Boolean;
        out.boolean_ = false;
        return literal("false", 5);
      case 'n': out.kind_ = Value::Kind::Null; return literal("null", 4);
      default: return number(out);
    }
  }

  // Moves the children [first, end) of the reader's stack into the arena.
  const Value* settle(std::size_t first) {
    std::vector<Value>& stack = doc_.values_;
    const std::size_t n = stack.size() - first;
    auto* items = static_cast<Value*>(doc_.allocate(n * sizeof(Value), alignof(Value)));
    std::uninitialized_copy(stack.begin() + static_cast<std::ptrdiff_t>(first), stack.end(), items);
    stack.resize(first);
    return items;
  }

  // Opens an array or object at nesting `level` (past the limit: too deep).
  bool open(std::size_t level) {
    if (level > max_depth_) {
      too_deep_ = true;
      return false;
    }
    ++p_;  // [ or {
    skip_space();
    return true;
  }

  // Consumes `close` if it is next (an empty array or object).
  bool closes_at_once(char close) {
    if (p_ == end_ || *p_ != close) return false;
    ++p_;
    return true;
  }

  enum class Next : std::uint8_t { More, Done, Bad };
  // After an element or member: a comma (more follow), `close` (done), or anything else.
  Next after_element(char close) {
    skip_space();
    if (p_ == end_) return Next::Bad;
    if (*p_ == ',') {
      ++p_;
      skip_space();
      return Next::More;
    }
    if (*p_ != close) return Next::Bad;
    ++p_;
    return Next::Done;
  }

  bool array(Value& out, std::size_t level) {
    if (!open(level)) return false;
    const std::size_t first = doc_.values_.size();
    if (!closes_at_once(']')) {
      for (Next next = Next::More; next == Next::More;) {
        Value element;
        if (!value(element, level)) return false;
        doc_.values_.push_back(element);
        next = after_element(']');
        if (next == Next::Bad) return false;
      }
    }
    out.kind_ = Value::Kind::Array;
    out.count_ = static_cast<std::uint32_t>(doc_.values_.size() - first);
    out.items_ = settle(first);
    return true;
  }

  bool object(Value& out, std::size_t level) {
    if (!open(level)) return false;
    const std::size_t first = doc_.values_.size();
    const std::size_t first_key = doc_.keys_.size();
    if (!closes_at_once('}')) {
      for (Next next = Next::More; next == Next::More;) {
        if (p_ == end_ || *p_ != '"') return false;
        std::string_view key;
        if (!string(key)) return false;
        skip_space();
        if (p_ == end_ || *p_ != ':') return false;
        ++p_;
        skip_space();
        Value member;
        if (!value(member, level)) return false;
        doc_.keys_.push_back(key);
        doc_.values_.push_back(member);
        next = after_element('}');
        if (next == Next::Bad) return false;
      }
    }
    finish_object(out, first, first_key);
    return true;
  }

  // Members in key order, a repeated key's last value kept (nlohmann's std::map and operator[]).
  void finish_object(Value& out, std::size_t first, std::size_t first_key) {
    std::vector<Value>& values = doc_.values_;
    std::vector<std::string_view>& keys = doc_.keys_;
    const std::size_t n = keys.size() - first_key;
    bool in_order = true;
    for (std::size_t i = 1; i < n && in_order; ++i) in_order = key_before(keys[first_key + i - 1], keys[first_key + i]);
    if (!in_order) {
      std::vector<std::uint32_t>& order = doc_.order_;
      order.resize(n);
      for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(i);
      const std::string_view* k = keys.data() + first_key;
      const auto before = [k](std::uint32_t a, std::uint32_t b) { return key_before(k[a], k[b]); };
      if (n <= 16) {
        // A request's few members: an insertion sort (stable, nothing allocated).
        for (std::size_t i = 1; i < n; ++i)
          for (std::size_t j = i; j > 0 && before(order[j], order[j - 1]); --j) std::swap(order[j], order[j - 1]);
      } else {
        std::stable_sort(order.begin(), order.end(), before);
      }
      std::vector<Value>& sorted_values = doc_.sorted_values_;
      std::vector<std::string_view>& sorted_keys = doc_.sorted_keys_;
      sorted_values.clear();
      sorted_keys.clear();
      for (std::size_t i = 0; i < n; ++i) {
        if (i + 1 < n && k[order[i]] == k[order[i + 1]]) continue;  // a later one wins
        sorted_keys.push_back(k[order[i]]);
        sorted_values.push_back(values[first + order[i]]);
      }
      values.resize(first);
      keys.resize(first_key);
      values.insert(values.end(), sorted_values.begin(), sorted_values.end());
      keys.insert(keys.end(), sorted_keys.begin(), sorted_keys.end());
    }
    const std::size_t count = keys.size() - first_key;
    auto* key_store =
        static_cast<std::string_view*>(doc_.allocate(count * sizeof(std::string_view), alignof(std::string_view)));
    std::uninitialized_copy(keys.begin() + static_cast<std::ptrdiff_t>(first_key), keys.end(), key_store);
    keys.resize(first_key);
    out.kind_ = Value::Kind::Object;
    out.count_ = static_cast<std::uint32_t>(count);
    out.keys_ = key_store;
    out.items_ = settle(first);
  }

  // A string at p_ (the opening quote). Without escapes it stays in the text; with escapes it is
  // decoded into the arena.
  bool string(std::string_view& out) {
    ++p_;
    const char* start = p_;
    for (;;) {
      p_ += plain_ascii_run(reinterpret_cast<const unsigned char*>(p_), static_cast<std::size_t>(end_ - p_));
      if (p_ == end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        out = std::string_view(start, static_cast<std::size_t>(p_ - start));
        ++p_;
        return true;
      }
      if (c == '\\') break;
      if (c < 0x20) return false;
      if (c < 0x80) {
        ++p_;
        continue;
      }
      const std::size_t n =
          utf8_sequence(reinterpret_cast<const unsigned char*>(p_), static_cast<std::size_t>(end_ - p_));
      if (n == 0) return false;
      p_ += n;
    }
    std::string& s = doc_.scratch_;
    s.assign(start, static_cast<std::size_t>(p_ - start));
    for (;;) {
      if (p_ == end_) return false;
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        break;
      }
      if (c < 0x20) return false;
      if (c >= 0x80) {
        const std::size_t n =
            utf8_sequence(reinterpret_cast<const unsigned char*>(p_), static_cast<std::size_t>(end_ - p_));
        if (n == 0) return false;
        s.append(p_, n);
        p_ += n;
        continue;
      }
      if (c != '\\') {
        // A run of plain ASCII up to the next quote, escape or other byte, copied at once.
        const std::size_t run = std::max<std::size_t>(
            1, plain_ascii_run(reinterpret_cast<const unsigned char*>(p_), static_cast<std::size_t>(end_ - p_)));
        s.append(p_, run);
        p_ += run;
        continue;
      }
      if (++p_ == end_) return false;
      switch (*p_++) {
        case '"': s.push_back('"'); break;
        case '\\': s.push_back('\\'); break;
        case '/': s.push_back('/'); break;
        case 'b': s.push_back('\b'); break;
        case 'f': s.push_back('\f'); break;
        case 'n': s.push_back('\n'); break;
        case 'r': s.push_back('\r'); break;
        case 't': s.push_back('\t'); break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate first
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low = 0;
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
            p_ += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(s, cp);
          break;
        }
        default: return false;
      }
    }
    out = doc_.store(s);
    return true;
  }

  bool hex4(std::uint32_t& out) {
    if (end_ - p_ < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const int h = hex_digit(p_[i]);
      if (h < 0) return false;
      out = out * 16 + static_cast<std::uint32_t>(h);
    }
    p_ += 4;
    return true;
  }

  static bool digit(const char* p, const char* end) { return p < end && *p >= '0' && *p <= '9'; }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? ; an integer that fits is Unsigned (no sign)
  // or Integer (a sign), else the float strtod reads, refused when it overflows.
  bool number(Value& out) {
    const char* start = p_;
    const bool negative = *p_ == '-';
    if (negative) ++p_;
    if (!digit(p_, end_)) return false;
    if (*p_ == '0') {
      ++p_;
    } else {
      while (digit(p_, end_)) ++p_;
    }
    bool integral = true;
    if (p_ < end_ && *p_ == '.') {
      integral = false;
      ++p_;
      if (!digit(p_, end_)) return false;
      while (digit(p_, end_)) ++p_;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      integral = false;
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!digit(p_, end_)) return false;
      while (digit(p_, end_)) ++p_;
    }
    if (integral) {
      std::uint64_t magnitude = 0;
      bool overflow = false;
      for (const char* d = start + (negative ? 1 : 0); d < p_; ++d) {
        const auto v = static_cast<std::uint64_t>(*d - '0');
        if (magnitude > (UINT64_MAX - v) / 10) {
          overflow = true;
          break;
        }
        magnitude = magnitude * 10 + v;
      }
      if (!overflow && !negative) {
        out.kind_ = Value::Kind::Unsigned;
        out.unsigned_ = magnitude;
        return true;
      }
      if (!overflow && magnitude <= static_cast<std::uint64_t>(INT64_MAX) + 1) {
        out.kind_ = Value::Kind::Integer;
        out.integer_ =
            magnitude == static_cast<std::uint64_t>(INT64_MAX) + 1 ? INT64_MIN : -static_cast<std::int64_t>(magnitude);
        return true;
      }
    }
    std::string& s = doc_.scratch_;
    s.assign(start, static_cast<std::size_t>(p_ - start));
    const double d = std::strtod(s.c_str(), nullptr);
    if (!std::isfinite(d)) return false;
    out.kind_ = Value::Kind::Float;
    out.float_ = d;
    return true;
  }

  Document& doc_;
  const char* p_;
  const char* end_;
  std::size_t max_depth_;
  bool too_deep_ = false;
  bool unread_ = false;
};

ReadStatus Document::read(std::string_view text, std::size_t max_depth) {
  clear();
  Value out;
  JsonReader reader(*this, text, max_depth);
  const ReadStatus status = reader.run(out);
  // Text this reader did not reach (after a syntax error, or after a NUL that ended the value)
  // that nests too deep makes the request "too deep", as the check over the whole text that ran
  // before nlohmann's parse said.
  const bool unread = status == ReadStatus::BadJson || (status == ReadStatus::Ok && reader.unread());
  if (unread && json_nesting_exceeds(text, max_depth)) {
    clear();
    return ReadStatus::TooDeep;
  }
  if (status == ReadStatus::Ok) {
    root_ = out;
    return status;
  }
  clear();
  return status;
}

// ---- nlohmann values, both ways ----

Value Document::copy(const json& v) {
  Value out;
  switch (v.type()) {
    case json::value_t::boolean:
      out.kind_ = Value::Kind::Boolean;
      out.boolean_ = v.get<bool>();
      break;
    case json::value_t::number_integer:
      out.kind_ = Value::Kind::Integer;
      out.integer_ = v.get<std::int64_t>();
      break;
    case json::value_t::number_unsigned:
      out.kind_ = Value::Kind::Unsigned;
      out.unsigned_ = v.get<std::uint64_t>();
      break;
    case json::value_t::number_float:
      out.kind_ = Value::Kind::Float;
      out.float_ = v.get<double>();
      break;
    case json::value_t::string: {
      const std::string& s = *v.get_ptr<const json::string_t*>();
      out.kind_ = Value::Kind::String;
      out.text_ = store(s);
      break;
    }
    case json::value_t::array:
    case json::value_t::object: {
      const std::size_t n = v.size();
      auto* items = static_cast<Value*>(allocate(n * sizeof(Value), alignof(Value)));
      std::string_view* keys = nullptr;
      if (v.is_object())
        keys = static_cast<std::string_view*>(allocate(n * sizeof(std::string_view), alignof(std::string_view)));
      std::size_t i = 0;
      for (auto it = v.begin(); it != v.end(); ++it, ++i) {
        new (items + i) Value(copy(*it));
        if (keys) {
          new (keys + i) std::string_view(store(it.key()));
        }
      }
      out.kind_ = v.is_object() ? Value::Kind::Object : Value::Kind::Array;
      out.count_ = static_cast<std::uint32_t>(n);
      out.items_ = items;
      out.keys_ = keys;
      break;
    }
    default: break;  // null (a discarded value is never adopted)
  }
  return out;
}

const Value& Document::adopt(const json& v) {
  clear();
  root_ = copy(v);
  return root_;
}

json to_nlohmann(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Null: return nullptr;
    case Value::Kind::Boolean: return v.get<bool>();
    case Value::Kind::Integer: return v.get<std::int64_t>();
    case Value::Kind::Unsigned: return v.get<std::uint64_t>();
    case Value::Kind::Float: return v.get<double>();
    case Value::Kind::String: return std::string(v.str());
    case Value::Kind::Array: {
      json out = json::array();
      for (const Value& e : v) out.push_back(to_nlohmann(e));
      return out;
    }
    case Value::Kind::Object: {
      json out = json::object();
      for (std::size_t i = 0; i < v.size(); ++i) out[std::string(v.key(i))] = to_nlohmann(v[i]);
      return out;
    }
  }
  return nullptr;
}

bool equals(const Value& a, const json& b) {
  switch (a.kind()) {
    case Value::Kind::Null: return b.is_null();
    case Value::Kind::Boolean: return b.is_boolean() && b.get<bool>() == a.get<bool>();
    case Value::Kind::String: return b.is_string() && str(b) == a.str();
    case Value::Kind::Integer:
    case Value::Kind::Unsigned:
    case Value::Kind::Float:
      // nlohmann compares numbers of different kinds after converting one; a scalar's copy does.
      return b.is_number() && to_nlohmann(a) == b;
    case Value::Kind::Array:
    case Value::Kind::Object: return to_nlohmann(a) == b;
  }
  return false;
}

bool equals(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) return to_nlohmann(a) == to_nlohmann(b);
  if (a.kind() != b.kind() || a.size() != b.size()) return false;
  switch (a.kind()) {
    case Value::Kind::Null: return true;
    case Value::Kind::Boolean: return a.get<bool>() == b.get<bool>();
    case Value::Kind::String: return a.str() == b.str();
    case Value::Kind::Array:
    case Value::Kind::Object:
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (a.is_object() && a.key(i) != b.key(i)) return false;
        if (!equals(a[i], b[i])) return false;
      }
      return true;
    default: return false;
  }
}

}  // namespace yilu::detail
