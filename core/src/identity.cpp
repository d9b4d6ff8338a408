#include "yilu/identity.hpp"

#include "detail/fullwidth.hpp"

namespace yilu {
namespace {

// Province-level codes of GB/T 2260 (digits 1–2 of an ID or of a division code), plus 83
// (residence permits of Taiwan residents, GB/T 2260 practice since 2018).
bool is_province(int code) {
  switch (code) {
    case 11:
    case 12:
    case 13:
    case 14:
    case 15:
    case 21:
    case 22:
    case 23:
    case 31:
    case 32:
    case 33:
    case 34:
    case 35:
    case 36:
    case 37:
    case 41:
    case 42:
    case 43:
    case 44:
    case 45:
    case 46:
    case 50:
    case 51:
    case 52:
    case 53:
    case 54:
    case 61:
    case 62:
    case 63:
    case 64:
    case 65:
    case 71:
    case 81:
    case 82:
    case 83: return true;
    default: return false;
  }
}

// The 31 characters of GB 32100-2015 (no I, O, Z, S, V), in value order, as a byte table.
struct UsccTable {
  signed char v[256];
  constexpr UsccTable() : v{} {
    const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    for (signed char& x : v) x = -1;
    for (int k = 0; k < 31; ++k) v[static_cast<unsigned char>(alphabet[k])] = static_cast<signed char>(k);
  }
  constexpr int operator[](unsigned char c) const { return v[c]; }
};
constexpr UsccTable kUsccValue{};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
int digit(char c) { return c - '0'; }

}  // namespace

const char* id_reason_code(IdReason r) {
  switch (r) {
    case IdReason::None: return "";
    case IdReason::Length: return "length";
    case IdReason::Legacy15Digit: return "legacy_15_digit";
    case IdReason::Charset: return "charset";
    case IdReason::Region: return "region";
    case IdReason::BirthDate: return "birth_date";
    case IdReason::Checksum: return "checksum";
  }
  return "";
}

IdCheck check_resident_id(std::string_view value, Date as_of) {
  IdCheck r;
  auto& s = r.normalized;
  const int n = detail::normalize_ascii(value, s);
  if (n == 15) {
    bool all_digits = true;
    for (int i = 0; i < 15; ++i) all_digits = all_digits && is_digit(s[static_cast<std::size_t>(i)]);
    r.reason = all_digits ? IdReason::Legacy15Digit : IdReason::Length;
    return r;
  }
  if (n != 18) {
    r.reason = IdReason::Length;
    return r;
  }
  for (std::size_t i = 0; i < 17; ++i)
    if (!is_digit(s[i])) {
      r.reason = IdReason::Charset;
      return r;
    }
  if (!is_digit(s[17]) && s[17] != 'X') {
    r.reason = IdReason::Charset;
    return r;
  }
  const int province = digit(s[0]) * 10 + digit(s[1]);
  if (!is_province(province) && s[0] != '9') {
    r.reason = IdReason::Region;
    return r;
  }
  const int y = digit(s[6]) * 1000 + digit(s[7]) * 100 + digit(s[8]) * 10 + digit(s[9]);
  const int m = digit(s[10]) * 10 + digit(s[11]);
  const int d = digit(s[12]) * 10 + digit(s[13]);
  const auto birth = make_date(y, m, d);
  if (!birth || y < 1850 || *birth > as_of) {
    r.reason = IdReason::BirthDate;
    return r;
  }
  static const int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char kCheck[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += digit(s[i]) * kWeights[i];
  if (kCheck[sum % 11] != s[17]) {
    r.reason = IdReason::Checksum;
    return r;
  }
  r.birth_date = *birth;
  r.male = digit(s[16]) % 2 == 1;
  return r;
}

const char* uscc_reason_code(UsccReason r) {
  switch (r) {
    case UsccReason::None: return "";
    case UsccReason::Length: return "length";
    case UsccReason::Charset: return "charset";
    case UsccReason::Region: return "region";
    case UsccReason::Checksum: return "checksum";
  }
  return "";
}

UsccCheck check_uscc(std::string_view value) {
  UsccCheck r;
  auto& s = r.normalized;
  if (detail::normalize_ascii(value, s) != 18) {
    r.reason = UsccReason::Length;
    return r;
  }
  int values[18];
  for (std::size_t i = 0; i < 18; ++i) {
    const int v = kUsccValue[static_cast<unsigned char>(s[i])];
    if (v < 0) {
      r.reason = UsccReason::Charset;
      return r;
    }
    values[i] = v;
  }
  for (std::size_t i = 2; i < 8; ++i)
    if (!is_digit(s[i])) {
      r.reason = UsccReason::Region;
      return r;
    }
  if (!is_province(digit(s[2]) * 10 + digit(s[3]))) {
    r.reason = UsccReason::Region;
    return r;
  }
  int sum = 0, w = 1;
  for (std::size_t i = 0; i < 17; ++i) {
    sum += values[i] * w;
    w = w * 3 % 31;
  }
  const int check = (31 - sum % 31) % 31;
  if (values[17] != check) r.reason = UsccReason::Checksum;
  return r;
}

}  // namespace yilu
