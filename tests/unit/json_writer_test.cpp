// The response writer against its reference, nlohmann's dump (detail::dump): the same bytes for
// random values (strings with escapes, control characters, CJK and broken UTF-8; integers of both
// signs; floats), for members written out of order or twice, and after a rollback.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "detail/json_writer.hpp"

using yilu::detail::dump;
using yilu::detail::json;
using yilu::detail::JsonWriter;

namespace {

std::string random_text(std::mt19937& rng) {
  static const char* const kPieces[] = {"a",        "Z",    "0",    " ",        "\"",           "\\",
                                        "/",        "\b",   "\f",   "\n",       "\r",           "\t",
                                        "\x01",     "\x1f", "\x7f", "é",        "出生",         "一件事",
                                        "😀",        "\xff", "\xc3", "\xe4\xb8", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                                        "\xc0\xaf", "~",    "id"};
  std::uniform_int_distribution<std::size_t> len(0, 6);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kPieces) - 1);
  std::string s;
  for (std::size_t n = len(rng); n > 0; --n) s += kPieces[pick(rng)];
  return s;
}

json random_value(std::mt19937& rng, int depth) {
  std::uniform_int_distribution<int> kind(0, depth > 3 ? 6 : 8);
  switch (kind(rng)) {
    case 0: return nullptr;
    case 1: return std::uniform_int_distribution<int>(0, 1)(rng) == 1;
    case 2: return std::uniform_int_distribution<std::int64_t>(INT64_MIN, INT64_MAX)(rng);
    case 3: return std::uniform_int_distribution<std::uint64_t>(0, UINT64_MAX)(rng);
    case 4: {
      static const double kFloats[] = {0.0, -0.0, 1.5, 100.0, 1e100, -2.5e-8, 0.1, 3.0e15, 123456.789};
      return kFloats[std::uniform_int_distribution<std::size_t>(0, std::size(kFloats) - 1)(rng)];
    }
    case 5:
    case 6: return random_text(rng);
    case 7: {
      json a = json::array();
      for (int n = std::uniform_int_distribution<int>(0, 4)(rng); n > 0; --n) a.push_back(random_value(rng, depth + 1));
      return a;
    }
    default: {
      json o = json::object();
      for (int n = std::uniform_int_distribution<int>(0, 5)(rng); n > 0; --n)
        o[random_text(rng)] = random_value(rng, depth + 1);
      return o;
    }
  }
}

std::string written(const json& v) {
  JsonWriter w;
  w.value(v);
  return w.str();
}

}  // namespace

TEST_CASE("the writer gives nlohmann's bytes for any value", "[json_writer]") {
  std::mt19937 rng(20261203);
  for (int i = 0; i < 5000; ++i) {
    const json v = random_value(rng, 0);
    const std::string expected = dump(v);
    INFO(expected);
    REQUIRE(written(v) == expected);
  }
}

TEST_CASE("the writer escapes strings as nlohmann does, broken UTF-8 replaced", "[json_writer]") {
  for (const std::string& s :
       {std::string("plain"), std::string("引号\"和\\反斜杠"), std::string("\x00\x01\x1f\x7f", 4),
        std::string("tab\tnew\nline\rform\fback\b"), std::string("\xe4\xb8"), std::string("ok\xff\xfe出生"),
        std::string("\xed\xa0\x80surrogate"), std::string("\xf0\x9f\x98\x80")}) {
    JsonWriter w;
    w.string(s);
    CHECK(w.str() == dump(json(s)));
  }
}

TEST_CASE("members written out of order or twice come out as a std::map keeps them", "[json_writer]") {
  std::mt19937 rng(7);
  static const char* const kKeys[] = {"ok", "id", "error", "verdict", "as_of", "a", "出生", "Z", "", "ok"};
  for (int i = 0; i < 2000; ++i) {
    json expected = json::object();
    JsonWriter w;
    w.begin_object();
    for (int n = std::uniform_int_distribution<int>(0, 8)(rng); n > 0; --n) {
      const char* k = kKeys[std::uniform_int_distribution<std::size_t>(0, std::size(kKeys) - 1)(rng)];
      const json v = random_value(rng, 2);
      expected[k] = v;  // a later assignment replaces the value, as the call surface always did
      w.key(k);
      w.value(v);
    }
    w.end_object();
    REQUIRE(w.str() == dump(expected));
  }
}

TEST_CASE("a rollback forgets what a failed op wrote", "[json_writer]") {
  JsonWriter w;
  w.begin_object();
  w.member("zeta", 1);
  const JsonWriter::Mark before = w.mark();
  w.member("alpha", "dropped");
  w.key("nested");
  w.begin_array();
  w.begin_object();
  w.member("b", true);
  w.rollback(before);
  w.member("ok", false);
  w.end_object();
  CHECK(w.str() == R"({"ok":false,"zeta":1})");
}

TEST_CASE("a run of members kept as bytes is written as if its members were written again", "[json_writer]") {
  // The run, as a validate report's material head is made: members of a writer's own, in order.
  JsonWriter head;
  head.begin_object();
  head.member("commitment", false);
  head.member("id", "mother_id_card");
  head.member("name", "母亲居民身份证");
  const std::string run(head.view().substr(1));

  JsonWriter w;
  w.begin_object();
  w.raw_members(run, "name");
  w.member("required", true);
  w.member("state", "licence");
  w.end_object();
  CHECK(w.str() ==
        R"({"commitment":false,"id":"mother_id_card","name":"母亲居民身份证","required":true,"state":"licence"})");

  // A key before the run's last one sorts the run as one member: still nlohmann's order when the
  // key comes before the run's first key too.
  JsonWriter later;
  later.begin_object();
  later.raw_members(run, "name");
  later.member("as_of", "2026-12-05");
  later.end_object();
  json expected = json::parse("{" + run + "}");
  expected["as_of"] = "2026-12-05";
  CHECK(later.str() == dump(expected));
}
