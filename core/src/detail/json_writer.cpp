#include "detail/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace yilu::detail {

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    std::size_t n = 0;
    unsigned lo = 0x80;
    unsigned hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;  // no overlong forms
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;  // nothing past U+10FFFF
    } else {
      return false;
    }
    if (static_cast<std::size_t>(end - p) <= n) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (std::size_t i = 2; i <= n; ++i)
      if ((p[i] & 0xC0) != 0x80) return false;
    p += n + 1;
  }
  return true;
}

void JsonWriter::clear() {
  out_.clear();
  keys_.clear();
  frames_.clear();
  members_.clear();
}

void JsonWriter::rollback(const Mark& m) {
  out_.resize(m.bytes);
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

void JsonWriter::key(std::string_view k) {
  close_member();
  Frame& f = frames_.back();
  if (f.count > 0) {
    out_.push_back(',');
    // nlohmann's std::map order: a key not strictly after the previous one means sorting at the end.
    if (!(key_of(members_.back()) < k)) f.sorted = false;
  }
  ++f.count;
  Member m;
  m.key_at = keys_.size();
  m.key_len = k.size();
  m.begin = out_.size();
  keys_.append(k);
  members_.push_back(m);
  escape(k);
  out_.push_back(':');
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
// to a std::map does).
void JsonWriter::sort_members(Frame& f) {
  const auto first = members_.begin() + static_cast<std::ptrdiff_t>(f.first_member);
  std::vector<Member> order(first, members_.end());
  std::stable_sort(order.begin(), order.end(),
                   [this](const Member& a, const Member& b) { return key_of(a) < key_of(b); });
  scratch_.clear();
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i + 1 < order.size() && key_of(order[i]) == key_of(order[i + 1])) continue;  // a later one wins
    if (!scratch_.empty()) scratch_.push_back(',');
    scratch_.append(out_, order[i].begin, order[i].end - order[i].begin);
  }
  out_.resize(f.content);
  out_.append(scratch_);
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

void JsonWriter::escape(std::string_view s) {
  if (!valid_utf8(s)) {
    // Rare (text from outside): nlohmann's own replacement of the broken sequences.
    out_.append(dump(json(std::string(s))));
    return;
  }
  out_.push_back('"');
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out_.append("\\\""); break;
      case '\\': out_.append("\\\\"); break;
      case '\b': out_.append("\\b"); break;
      case '\f': out_.append("\\f"); break;
      case '\n': out_.append("\\n"); break;
      case '\r': out_.append("\\r"); break;
      case '\t': out_.append("\\t"); break;
      default: {
        static const char kHex[] = "0123456789abcdef";
        const char u[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out_.append(u, sizeof u);
      }
    }
  }
  out_.append(s.data() + run, s.size() - run);
  out_.push_back('"');
}

void JsonWriter::string(std::string_view s) {
  before_value();
  escape(s);
}

void JsonWriter::boolean(bool b) {
  before_value();
  out_.append(b ? "true" : "false");
}

void JsonWriter::null() {
  before_value();
  out_.append("null");
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

}  // namespace yilu::detail
