#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/test_files.hpp"
#include "yilu/call.hpp"

using namespace yilu;
using nlohmann::json;

namespace {

const Engine& engine() {
  static const Engine e = [] {
    Engine x;
    REQUIRE_FALSE(x.load_calendar(test::calendar_text()));
    return x;
  }();
  return e;
}

const CallContext kCtx = context_at(*parse_timestamp("2026-06-01T10:00:00+08:00"));

json call(const std::string& request) {
  const std::string out = engine().call(request, kCtx);
  const json j = json::parse(out, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  REQUIRE(j.contains("ok"));
  return j;
}

std::string code_of(const std::string& request) {
  const json j = call(request);
  REQUIRE(j["ok"] == false);
  return j["error"]["code"].get<std::string>();
}

}  // namespace

TEST_CASE("bad input never crashes: each is an ok:false response with a stable code", "[call]") {
  CHECK(code_of("") == "bad_json");
  CHECK(code_of("{") == "bad_json");
  CHECK(code_of("null") == "not_object");
  CHECK(code_of("{}") == "missing_field");
  CHECK(code_of(R"({"op":null})") == "wrong_type");
  CHECK(code_of(R"({"op":"add_workdays","date":"2024-09-27","days":0})") == "days_out_of_range");
  CHECK(code_of(R"({"op":"add_workdays","date":"2024-09-27","days":-1})") == "days_out_of_range");
  CHECK(code_of(R"({"op":"add_workdays","date":"2024-09-27","days":1e12})") == "days_out_of_range");
  CHECK(code_of(R"({"op":"add_workdays","date":"2024-09-27","days":18446744073709551615})") == "days_out_of_range");
  CHECK(code_of(R"({"op":"add_workdays","date":"2024-09-27","days":-9223372036854775808})") == "days_out_of_range");
  CHECK(code_of(R"({"op":"add_workdays","date":"2024-09-27","days":1e400})") == "bad_json");
  CHECK(code_of(R"({"op":"add_workdays","date":"2024-09-27","days":true})") == "wrong_type");
  CHECK(code_of(R"({"op":"add_workdays","date":["2024-09-27"],"days":1})") == "wrong_type");
  CHECK(code_of(R"({"op":"is_workday","date":"2024-13-01"})") == "bad_date");
  CHECK(code_of(R"({"op":"is_workday","date":"2023-02-29"})") == "bad_date");
  CHECK(code_of(R"({"op":"is_workday","date":"2003-06-01"})") == "date_before_calendar");
  CHECK(code_of(R"({"op":"check_id"})") == "missing_field");
  CHECK(code_of(R"({"op":"deadline","accepted_at":"2024-09-27T10:00:00+08:00","limit_days":5,"pauses":{}})") ==
        "wrong_type");
  CHECK(code_of(R"({"op":"deadline","accepted_at":"2024-09-27T10:00:00+08:00","limit_days":5,"pauses":[1]})") ==
        "wrong_type");
  CHECK(code_of("\"\xff\"") == "bad_json");  // invalid UTF-8 is rejected by the parser
}

TEST_CASE("a request over the size limit is refused without parsing", "[call]") {
  std::string big = R"({"op":"check_id","value":")" + std::string(5u << 20, '1') + "\"}";
  CHECK(code_of(big) == "request_too_large");
}

TEST_CASE("json nested deeper than the limit is refused before parsing, by a stable code", "[call]") {
  // 75,062 levels overflowed the stack of the recursive dump() (SIGSEGV in the server).
  const std::string deep = std::string(75062, '[') + std::string(75062, ']');
  CHECK(code_of(deep) == "json_too_deep");
  const json r = call(deep);
  CHECK(r["error"]["message"].get<std::string>().find("64") != std::string::npos);
  const std::string deep_obj = R"({"op":"check_id","value":)" + std::string(100000, '{') + "}";
  CHECK(code_of(deep_obj) == "json_too_deep");
  // Exactly the limit is parsed and answered as usual (the request object is level 1).
  const auto nested = [](std::size_t levels) {
    return R"({"op":"check_id","value":)" + std::string(levels - 1, '[') + std::string(levels - 1, ']') + "}";
  };
  CHECK(code_of(nested(kMaxJsonDepth)) == "wrong_type");
  CHECK(code_of(nested(kMaxJsonDepth + 1)) == "json_too_deep");
  // Brackets inside strings, escaped quotes and backslashes included, are text, not nesting.
  const std::string in_string = R"({"op":"check_id","value":"\"\\)" + std::string(1000, '[') + "\"}";
  const json answered = call(in_string);
  CHECK((answered["ok"] == true || answered["error"]["code"] != "json_too_deep"));
  CHECK_FALSE(json_nesting_exceeds(R"(["\"[[[[", "\\", [[1]]])", 3));
  CHECK(json_nesting_exceeds(R"(["\\", [[[1]]]])", 3));
}

TEST_CASE("the request id is echoed and the contract fields are present", "[call]") {
  const json r = call(R"({"op":"check_id","value":"11010519491231002X","id":42})");
  CHECK(r["id"] == 42);
  CHECK(r["valid"] == true);
  CHECK(r["birth_date"] == "1949-12-31");
  CHECK(r["gender"] == "female");
  CHECK(r["region"] == "110105");
  const json w = call(R"({"op":"is_workday","date":"2026-02-14"})");
  CHECK(w["workday"] == true);
  CHECK(w["holiday"].is_null());
  CHECK(w["provisional"] == false);
  const json a = call(R"({"op":"add_workdays","date":"2024-09-27","days":20})");
  CHECK(a["date"] == "2024-10-30");
  CHECK(a["provisional"] == false);
}

TEST_CASE("check_id defaults as_of to the caller's today", "[call]") {
  // Born 2026-06-02: valid for a caller on 2026-06-03, not for one on 2026-06-01.
  const std::string born = R"({"op":"check_id","value":"110105202606020011"})";
  const json before = call(born);
  CHECK(before["valid"] == false);
  CHECK(before["reason"] == "birth_date");
  const auto later = context_at(*parse_timestamp("2026-06-03T10:00:00+08:00"));
  const json after = json::parse(engine().call(born, later));
  CHECK(after["reason"] != "birth_date");
}

TEST_CASE("without a calendar, calendar ops say so", "[call]") {
  Engine empty;
  const json r = json::parse(empty.call(R"({"op":"is_workday","date":"2024-01-01"})", kCtx));
  CHECK(r["error"]["code"] == "calendar_not_loaded");
  CHECK(json::parse(empty.call(R"({"op":"check_id","value":"11010519491231002X"})", kCtx))["ok"] == true);
  CHECK(empty.load_calendar("{}").has_value());
  CHECK(json::parse(load_response(empty.load_calendar("{}")))["error"]["code"] == "calendar_invalid");
}

TEST_CASE("call_value answers as the JSON request of the same op and value", "[call]") {
  for (const char* op : {"check_id", "check_uscc", "check_mobile", "no_such_op"}) {
    for (const std::string& value :
         {std::string("11010519491231002X"), std::string("91350100M000100Y43"), std::string("13876001234"),
          std::string("１３８７６００１２３４"), std::string("12"), std::string("bad\xff"), std::string()}) {
      INFO(op << " " << value);
      const std::string request =
          json{{"op", op}, {"value", value}}.dump(-1, ' ', false, json::error_handler_t::replace);
      const std::string via_value = engine().call_value(op, value, kCtx);
      if (value.find('\xff') == std::string::npos) CHECK(via_value == engine().call(request, kCtx));
      CHECK(json::parse(via_value, nullptr, false).is_object());
    }
  }
}

TEST_CASE("a huge request leaves the reader ready for the next one", "[call]") {
  // ~1 MiB of small values fills many arena blocks; the call gives them back and the next reads.
  std::string big = R"({"op":"add_workdays","date":"2026-01-05","days":20,"pad":[)";
  while (big.size() < kMaxRequestBytes - 16) big += "0,";
  big += "0]}";
  const json small = call(R"({"op":"add_workdays","date":"2026-01-05","days":20,"id":7})");
  REQUIRE(small["ok"] == true);
  for (int i = 0; i < 3; ++i) {
    CHECK(call(big)["date"] == small["date"]);
    CHECK(call(R"({"op":"add_workdays","date":"2026-01-05","days":20,"id":7})") == small);
  }
}
