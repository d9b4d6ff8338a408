#include <catch2/catch.hpp>

#include "yilu/identity.hpp"

using namespace yilu;

namespace {
const Date kToday = *parse_date("2026-11-26");
IdReason reason(const char* v) { return check_resident_id(v, kToday).reason; }
}  // namespace

TEST_CASE("resident ID: a valid number yields birth date, gender and region", "[identity]") {
  const IdCheck r = check_resident_id("11010519491231002X", kToday);
  REQUIRE(r.valid());
  CHECK(r.normalized_view() == "11010519491231002X");
  CHECK(format_date(r.birth_date) == "1949-12-31");
  CHECK_FALSE(r.male);
  CHECK(r.region() == "110105");
}

TEST_CASE("resident ID: the reasons, in check order", "[identity]") {
  CHECK(reason("") == IdReason::Length);
  CHECK(reason("1101051949123100") == IdReason::Length);
  CHECK(reason("110105491231002") == IdReason::Legacy15Digit);
  CHECK(reason("11010519491231002X0") == IdReason::Length);
  CHECK(reason("1101051949123100XX") == IdReason::Charset);
  CHECK(reason("10010519491231002X") == IdReason::Region);  // region before the date and the checksum
  CHECK(reason("11010519491331002X") == IdReason::BirthDate);
  CHECK(reason("110105194912310021") == IdReason::Checksum);
  // The date is checked against as_of, not against a clock.
  CHECK(check_resident_id("11010519491231002X", *parse_date("1949-12-30")).reason == IdReason::BirthDate);
  CHECK(check_resident_id("11010519491231002X", *parse_date("1949-12-31")).valid());
}

TEST_CASE("resident ID: what an input method types is normalized", "[identity]") {
  CHECK(check_resident_id("11010519491231002x", kToday).valid());
  CHECK(check_resident_id("１１０１０５１９４９１２３１００２Ｘ", kToday).valid());
  CHECK(check_resident_id("１１０１０５１９４９１２３１００２ｘ", kToday).normalized_view() == "11010519491231002X");
  // Chinese characters are not digits: a charset error, never a crash or a misread.
  CHECK(reason("一一〇一〇五一九四九一二三一〇〇二X") == IdReason::Charset);  // 18 characters, not digits
  CHECK(reason("11010519491231002中") == IdReason::Charset);
  CHECK(reason("\xff\xfe\xfd") == IdReason::Length);
  CHECK(reason("\xef") == IdReason::Length);
}

TEST_CASE("every check digit is found by exactly one last character", "[identity]") {
  // For a fixed body, exactly one of the 11 possible last characters is valid.
  const std::string body = "46020020000229123";
  int valid = 0;
  for (const char c : std::string("0123456789X")) valid += check_resident_id(body + c, kToday).valid() ? 1 : 0;
  CHECK(valid == 1);
}

TEST_CASE("credit code: reasons in check order and normalization", "[identity]") {
  CHECK(check_uscc("91350100M000100Y43").valid());  // the example printed in GB 32100-2015's explanations
  CHECK(check_uscc("91350100m000100y43").normalized_view() == "91350100M000100Y43");
  CHECK(check_uscc("91350100M000100Y4").reason == UsccReason::Length);
  CHECK(check_uscc("91350100M000100I43").reason == UsccReason::Charset);
  CHECK(check_uscc("9135A100M000100Y43").reason == UsccReason::Region);
  CHECK(check_uscc("91990100M000100Y43").reason == UsccReason::Region);
  CHECK(check_uscc("91350100M000100Y44").reason == UsccReason::Checksum);
  int valid = 0;
  for (const char c : std::string("0123456789ABCDEFGHJKLMNPQRTUWXY"))
    valid += check_uscc(std::string("91350100M000100Y4") + c).valid() ? 1 : 0;
  CHECK(valid == 1);
}
