#include "detail/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace yilu::detail {

void JsonWriter::clear() {
  out_.clear();
  keys_.clear();
  frames_.clear();
  members_.clear();
}

void JsonWriter::rollback(const Mark& m) {
  out_.truncate(m.bytes);
  frames_.resize(m.frames);
  members_.resize(m.members);
  if (!frames_.empty()) {
    frames_.back().count = m.count;
    frames_.back().sorted = m.sorted;
  }
}

// A value inside an array is preceded by a comma after the first; inside an object the key did it.
void JsonWriter::before_value() {
  if (frames_.empty() || frames_.back().object) return;
  if (frames_.back().count++ > 0) out_.push_back(',');
}

void JsonWriter::close_member() {
  Frame& f = frames_.back();
  if (f.count > 0) members_.back().end = out_.size();
}

// A new member keyed `k` starts here: the comma, and its record for sorting at the end.
void JsonWriter::start_member(std::string_view k) {
  close_member();
  Frame& f = frames_.back();
  if (f.count > 0) {
    out_.push_back(',');
    // nlohmann's std::map order: a key not strictly after the previous one means sorting at the end.
    if (!key_before(key_of(members_.back()), k)) f.sorted = false;
  }
  ++f.count;
  Member m;
  m.key_at = keys_.size();
  m.key_len = k.size();
  m.begin = out_.size();
  keys_.append(k);
  members_.push_back(m);
}

void JsonWriter::key(std::string_view k) {
  start_member(k);
  escape(k);
  out_.push_back(':');
}

void JsonWriter::raw_members(std::string_view bytes, std::string_view last_key) {
  start_member(last_key);
  out_.append(bytes);
}

void JsonWriter::begin_object() {
  before_value();
  out_.push_back('{');
  Frame f;
  f.content = out_.size();
  f.first_member = members_.size();
  f.object = true;
  frames_.push_back(f);
}

void JsonWriter::end_object() {
  close_member();
  Frame& f = frames_.back();
  if (!f.sorted) sort_members(f);
  members_.resize(f.first_member);
  if (members_.empty()) keys_.clear();
  frames_.pop_back();
  out_.push_back('}');
}

// Rewrites the object's members in key order, the last of a repeated key winning (as assigning
// to a std::map does). The members' records are dropped once the object closes, so they are
// sorted in place; the object's bytes are set aside once and copied back member by member.
void JsonWriter::sort_members(Frame& f) {
  Member* const first = members_.data() + f.first_member;
  Member* const last = members_.data() + members_.size();
  const auto before = [this](const Member& a, const Member& b) { return key_before(key_of(a), key_of(b)); };
  if (last - first <= 16) {
    // A response's few members ("ok" and "id" after an op's): an insertion sort, nothing allocated.
    for (Member* i = first + 1; i < last; ++i)
      for (Member* j = i; j > first && before(*j, j[-1]); --j) std::swap(*j, j[-1]);
  } else {
    std::stable_sort(first, last, before);
  }
  scratch_.clear();
  scratch_.append(out_.data() + f.content, out_.size() - f.content);
  out_.truncate(f.content);
  for (const Member* m = first; m != last; ++m) {
    if (m + 1 != last && same_key(key_of(*m), key_of(m[1]))) continue;  // a later one wins
    if (out_.size() != f.content) out_.push_back(',');
    out_.append(scratch_.data() + (m->begin - f.content), m->end - m->begin);
  }
}

void JsonWriter::begin_array() {
  before_value();
  out_.push_back('[');
  Frame f;
  f.content = out_.size();
  frames_.push_back(f);
}

void JsonWriter::end_array() {
  frames_.pop_back();
  out_.push_back(']');
}

// One pass: ASCII is copied in runs, escapes written as nlohmann writes them, multi-byte sequences
// checked as they come; a broken one hands the whole string to nlohmann's replacement.
void JsonWriter::escape(std::string_view s) {
  const std::size_t start = out_.size();
  out_.push_back('"');
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t run = 0;  // start of the bytes not yet copied
  std::size_t i = 0;
  while (i < n) {
    i += plain_ascii_run(p + i, n - i);
    if (i == n) break;
    const unsigned c = p[i];
    if (c >= 0x80) {
      // A run of multi-byte characters (Chinese text, most of a report's bytes), checked one
      // after another without going back to the ASCII scan between them.
      do {
        const std::size_t len = utf8_sequence(p + i, n - i);
        if (len == 0) {
          out_.truncate(start);
          out_.append(dump(json(std::string(s))));  // rare (text from outside)
          return;
        }
        i += len;
      } while (i < n && p[i] >= 0x80);
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out_.append(s.data() + run, i - run);
    run = ++i;
    switch (c) {
      case '"': out_.append("\\\"", 2); break;
      case '\\': out_.append("\\\\", 2); break;
      case '\b': out_.append("\\b", 2); break;
      case '\f': out_.append("\\f", 2); break;
      case '\n': out_.append("\\n", 2); break;
      case '\r': out_.append("\\r", 2); break;
      case '\t': out_.append("\\t", 2); break;
      default: {
        static const char kHex[] = "0123456789abcdef";
        const char u[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out_.append(u, sizeof u);
      }
    }
  }
  out_.append(s.data() + run, n - run);
  out_.push_back('"');
}

void JsonWriter::string(std::string_view s) {
  before_value();
  escape(s);
}

void JsonWriter::boolean(bool b) {
  before_value();
  if (b) out_.append("true", 4);
  else out_.append("false", 5);
}

void JsonWriter::null() {
  before_value();
  out_.append("null", 4);
}

void JsonWriter::signed_integer(std::int64_t i) {
  before_value();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, i);
  out_.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

void JsonWriter::unsigned_integer(std::uint64_t u) {
  before_value();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, u);
  out_.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

void JsonWriter::number(double d) {
  before_value();
  out_.append(dump(json(d)));  // nlohmann's shortest round-trip format ("1.5", "100.0", "null")
}

void JsonWriter::value(const json& v) {
  switch (v.type()) {
    case json::value_t::object:
      begin_object();
      for (const auto& [k, m] : v.items()) {
        key(k);
        value(m);
      }
      end_object();
      return;
    case json::value_t::array:
      begin_array();
      for (const auto& m : v) value(m);
      end_array();
      return;
    case json::value_t::string: string(*v.get_ptr<const json::string_t*>()); return;
    case json::value_t::boolean: boolean(v.get<bool>()); return;
    case json::value_t::number_integer: signed_integer(v.get<std::int64_t>()); return;
    case json::value_t::number_unsigned: unsigned_integer(v.get<std::uint64_t>()); return;
    case json::value_t::number_float: number(v.get<double>()); return;
    case json::value_t::null: null(); return;
    case json::value_t::binary:  // never built by the core; written as nlohmann would
    case json::value_t::discarded:
      before_value();
      out_.append(dump(v));
      return;
  }
}

void JsonWriter::value(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Null: null(); return;
    case Value::Kind::Boolean: boolean(v.get<bool>()); return;
    case Value::Kind::Integer: signed_integer(v.get<std::int64_t>()); return;
    case Value::Kind::Unsigned: unsigned_integer(v.get<std::uint64_t>()); return;
    case Value::Kind::Float: number(v.get<double>()); return;
    case Value::Kind::String: string(v.str()); return;
    case Value::Kind::Array:
      begin_array();
      for (const Value& e : v) value(e);
      end_array();
      return;
    case Value::Kind::Object:
      begin_object();
      for (std::size_t i = 0; i < v.size(); ++i) {
        key(v.key(i));
        value(v[i]);
      }
      end_object();
      return;
  }
}

}  // namespace yilu::detail
