#include <catch2/catch.hpp>

#include <string>
#include <utility>

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

namespace {

// GB 32100-2015 written out from the standard's own tables, independently of the core: the
// value of each character (table 1; I, O, Z, S, V are never used) and the weight of each
// position (3^(i-1) mod 31); the check character's value is 31 - (sum mod 31), 31 being 0.
int uscc_char_value(char c) {
  static const std::pair<char, int> kTable[] = {
      {'0', 0},  {'1', 1},  {'2', 2},  {'3', 3},  {'4', 4},  {'5', 5},  {'6', 6},  {'7', 7},
      {'8', 8},  {'9', 9},  {'A', 10}, {'B', 11}, {'C', 12}, {'D', 13}, {'E', 14}, {'F', 15},
      {'G', 16}, {'H', 17}, {'J', 18}, {'K', 19}, {'L', 20}, {'M', 21}, {'N', 22}, {'P', 23},
      {'Q', 24}, {'R', 25}, {'T', 26}, {'U', 27}, {'W', 28}, {'X', 29}, {'Y', 30}};
  for (const auto& [ch, v] : kTable)
    if (ch == c) return v;
  FAIL("not a credit-code character: " << c);
  return -1;
}

char uscc_check_char(const std::string& body) {
  static const int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  REQUIRE(body.size() == 17);
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += uscc_char_value(body[i]) * kWeights[i];
  const int check = (31 - sum % 31) % 31;
  for (const char c : std::string("0123456789ABCDEFGHJKLMNPQRTUWXY"))
    if (uscc_char_value(c) == check) return c;
  FAIL("no character for value " << check);
  return '?';
}

}  // namespace

TEST_CASE("credit code: W, X and Y count in the body and as the check character", "[identity]") {
  // Bodies with the late letters of the alphabet, and check characters W and Y. The last
  // characters were computed once outside the test from the same tables and are written out, so
  // the helper above is checked too.
  const char* const codes[] = {"91460100MA5TW0R1X3", "12460200MB1W2345K6", "93460100MAW8Y0Q7UN",
                               "91460200MA5T00002W", "91460200MA5T00022Y", "Y1460200MA5TWXY03Y"};
  for (const char* code : codes) {
    const std::string c = code;
    INFO(c);
    CHECK(uscc_check_char(c.substr(0, 17)) == c[17]);
    const UsccCheck r = check_uscc(c);
    CHECK(r.reason == UsccReason::None);
    CHECK(r.valid());
    // Exactly one of the 31 characters completes the body.
    int valid = 0;
    for (const char last : std::string("0123456789ABCDEFGHJKLMNPQRTUWXY"))
      valid += check_uscc(c.substr(0, 17) + last).valid() ? 1 : 0;
    CHECK(valid == 1);
  }
  // The letters the standard leaves out are a charset error wherever they stand, even where a
  // look-alike would make the checksum right.
  for (const char* code : {"91350100M000100V43", "91460100MA5TV0R1X3", "91460200MA5T0000SW", "91460200MA5T00002V",
                           "91460200MA5T00002Z", "91460200MA5T00002I", "91460200MA5T00002O"}) {
    INFO(code);
    CHECK(check_uscc(code).reason == UsccReason::Charset);
  }
}
