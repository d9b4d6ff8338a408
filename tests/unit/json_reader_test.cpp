// The request reader against its reference, nlohmann's parse (with the nesting check that ran
// before it): the same verdict (a value, bad JSON, too deep) and, for a value, the same tree with
// the same number kinds, for hand-picked edge cases, random documents and random damage to them.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "detail/json_value.hpp"
#include "yilu/call.hpp"

using yilu::detail::Document;
using yilu::detail::json;
using yilu::detail::ReadStatus;
using yilu::detail::Value;

namespace {

// Kind by kind, as nlohmann would hold it.
bool same(const Value& a, const json& b) {
  switch (a.kind()) {
    case Value::Kind::Null: return b.is_null();
    case Value::Kind::Boolean: return b.is_boolean() && a.get<bool>() == b.get<bool>();
    case Value::Kind::Integer:
      return b.is_number_integer() && !b.is_number_unsigned() && a.get<std::int64_t>() == b.get<std::int64_t>();
    case Value::Kind::Unsigned: return b.is_number_unsigned() && a.get<std::uint64_t>() == b.get<std::uint64_t>();
    case Value::Kind::Float: {
      if (!b.is_number_float()) return false;
      const double x = a.get<double>();
      const double y = b.get<double>();
      return x == y && std::signbit(x) == std::signbit(y);
    }
    case Value::Kind::String: return b.is_string() && a.str() == b.get_ref<const std::string&>();
    case Value::Kind::Array: {
      if (!b.is_array() || a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (!same(a[i], b[i])) return false;
      return true;
    }
    case Value::Kind::Object: {
      if (!b.is_object() || a.size() != b.size()) return false;
      std::size_t i = 0;
      for (auto it = b.begin(); it != b.end(); ++it, ++i)
        if (a.key(i) != it.key() || !same(a[i], *it) || a.find(it.key()) != &a[i]) return false;
      return true;
    }
  }
  return false;
}

void agrees(Document& doc, const std::string& text) {
  INFO(text.substr(0, 300));
  const ReadStatus got = doc.read(text, yilu::kMaxJsonDepth);
  if (yilu::json_nesting_exceeds(text)) {
    REQUIRE(got == ReadStatus::TooDeep);
    return;
  }
  const json expected = json::parse(text, nullptr, false);
  if (expected.is_discarded()) {
    REQUIRE(got == ReadStatus::BadJson);
    return;
  }
  REQUIRE(got == ReadStatus::Ok);
  REQUIRE(same(doc.root(), expected));
  REQUIRE(yilu::detail::to_nlohmann(doc.root()) == expected);
}

std::string random_text(std::mt19937& rng) {
  static const char* const kPieces[] = {
      "a",       "0",    " ", "\\\"",    "\\\\", "\\/", "\\b", "\\n", "\\u0041", "\\u00e9", "\\ud83d\\ude00",
      "\\u4e00", "出生", "é", "\\u0000", "x",    "op",  "id"};
  std::string s = "\"";
  for (int n = std::uniform_int_distribution<int>(0, 5)(rng); n > 0; --n)
    s += kPieces[std::uniform_int_distribution<std::size_t>(0, std::size(kPieces) - 1)(rng)];
  return s + "\"";
}

std::string random_document(std::mt19937& rng, int depth) {
  static const char* const kScalars[] = {"0",
                                         "-0",
                                         "1",
                                         "-1",
                                         "18446744073709551615",
                                         "18446744073709551616",
                                         "-9223372036854775808",
                                         "-9223372036854775809",
                                         "1.5",
                                         "-0.0",
                                         "1e2",
                                         "1E-2",
                                         "2.5e+10",
                                         "1e400",
                                         "true",
                                         "false",
                                         "null",
                                         "123456789012",
                                         "0.1",
                                         "1e-400"};
  const int kind = std::uniform_int_distribution<int>(0, depth > 4 ? 1 : 3)(rng);
  const char* ws = std::uniform_int_distribution<int>(0, 3)(rng) == 0 ? " \n\t\r" : "";
  if (kind == 0)
    return ws + std::string(kScalars[std::uniform_int_distribution<std::size_t>(0, std::size(kScalars) - 1)(rng)]);
  if (kind == 1) return random_text(rng) + ws;
  std::string s = kind == 2 ? "[" : "{";
  for (int n = std::uniform_int_distribution<int>(0, 5)(rng); n > 0; --n) {
    if (s.size() > 1) s += ",";
    if (kind == 3) s += random_text(rng) + ws + ":";
    s += random_document(rng, depth + 1);
  }
  return s + (kind == 2 ? "]" : "}");
}

}  // namespace

TEST_CASE("the reader agrees with nlohmann's parse on edge cases", "[json_reader]") {
  Document doc;
  for (const char* text : {"",
                           " ",
                           "{}",
                           "[]",
                           "{\"a\":1}",
                           "{\"a\":1,\"a\":2}",
                           "{\"b\":1,\"a\":[2,{\"c\":null}]}",
                           "[1,]",
                           "{\"a\":1,}",
                           "01",
                           "-",
                           "-01",
                           "1.",
                           ".5",
                           "+1",
                           "1e",
                           "1e+",
                           "0x10",
                           "NaN",
                           "Infinity",
                           "tru",
                           "nul",
                           "true false",
                           "\"\\ud800\"",
                           "\"\\udc00\"",
                           "\"\\ud800\\u0041\"",
                           "\"\\ud83d\\ude00\"",
                           "\"\\uZZZZ\"",
                           "\"\\x\"",
                           "\"tab\there\"",
                           "\"\xff\"",
                           "\"\xc0\xaf\"",
                           "\"\xed\xa0\x80\"",
                           "\"\xf4\x90\x80\x80\"",
                           "\"\xe4\xb8\"",
                           "\xef\xbb\xbf{}",
                           "\xef\xbb{}",
                           "\xef",
                           " \xef\xbb\xbf{}",
                           "{} x",
                           "{\"a\" 1}",
                           "{1:2}",
                           "[1 2]",
                           "\"unterminated",
                           "{\"op\":\"check_id\",\"value\":\"11010519491231002X\",\"id\":7}",
                           "1e400",
                           "-1e400",
                           "1e-400",
                           "[\"\\u0000\"]",
                           "18446744073709551615",
                           "18446744073709551616",
                           "-9223372036854775808",
                           "-9223372036854775809"}) {
    agrees(doc, text);
  }
  agrees(doc, std::string("[\"a\0b\"]", 7));
  agrees(doc, std::string("{}\0", 3));
  agrees(doc, std::string("{}\0garbage", 10));
  agrees(doc, std::string("[1\0]", 5));
  agrees(doc, std::string("0e38\0", 5) + std::string(yilu::kMaxJsonDepth + 1, '{'));
  // Nesting: at the limit, past it, and past it after a syntax error.
  agrees(doc, std::string(yilu::kMaxJsonDepth, '[') + std::string(yilu::kMaxJsonDepth, ']'));
  agrees(doc, std::string(yilu::kMaxJsonDepth + 1, '[') + std::string(yilu::kMaxJsonDepth + 1, ']'));
  agrees(doc, "x" + std::string(yilu::kMaxJsonDepth + 1, '['));
  agrees(doc, "[\"[[[[\"," + std::string(yilu::kMaxJsonDepth - 1, '[') + std::string(yilu::kMaxJsonDepth, ']'));
}

TEST_CASE("the reader agrees with nlohmann's parse on random documents and their damage", "[json_reader]") {
  std::mt19937 rng(3122026);
  Document doc;
  static const char kBytes[] = "{}[],:\"\\ 0123456789.eE+-tfnulx\xff\xe4";
  for (int i = 0; i < 4000; ++i) {
    const std::string text = random_document(rng, 0);
    agrees(doc, text);
    // A byte changed, a byte dropped, a prefix: each must be read as nlohmann reads it.
    std::string damaged = text;
    const auto at = std::uniform_int_distribution<std::size_t>(0, damaged.size() - 1)(rng);
    damaged[at] = kBytes[std::uniform_int_distribution<std::size_t>(0, sizeof kBytes - 2)(rng)];
    agrees(doc, damaged);
    agrees(doc, text.substr(0, at) + text.substr(at + 1));
    agrees(doc, text.substr(0, at));
  }
}

TEST_CASE("many keys in reverse order are sorted without quadratic work", "[json_reader]") {
  std::string text = "{";
  for (int i = 60000; i > 0; --i) text += (i == 60000 ? "\"" : ",\"") + std::to_string(i) + "\":" + std::to_string(i);
  text += ",\"1\":0}";
  Document doc;
  agrees(doc, text);
  REQUIRE(doc.root().size() == 60000);
  CHECK(doc.root().find("1")->get<std::int64_t>() == 0);  // the later value of a repeated key
}
