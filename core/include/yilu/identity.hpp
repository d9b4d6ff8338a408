#pragma once
/// Resident identity numbers (GB 11643-1999) and unified social credit codes (GB 32100-2015).
/// Pure functions, no allocation: fast enough to run on every keystroke and every request.
#include <array>
#include <string_view>

#include "yilu/date.hpp"

namespace yilu {

/// Why an identity number is invalid. The checks run in this order; the first failure wins.
enum class IdReason {
  None,           ///< valid
  Length,         ///< not 18 characters (after normalization)
  Legacy15Digit,  ///< a 15-digit first-generation number, no longer valid
  Charset,        ///< not 17 digits followed by a digit or X
  Region,         ///< digits 1–2 are not a province-level code (nor 9, foreign permanent residents)
  BirthDate,      ///< digits 7–14 are not a real date, or the date is after `as_of`
  Checksum,       ///< the ISO 7064 MOD 11-2 check character does not match
};

/// The stable reason code ("length", "charset", …); "" for None.
const char* id_reason_code(IdReason r);

struct IdCheck {
  IdReason reason = IdReason::None;
  std::array<char, 18> normalized{};  ///< ASCII digits and uppercase X (valid when reason == None)
  Date birth_date{};
  bool male = false;
  bool valid() const { return reason == IdReason::None; }
  std::string_view normalized_view() const { return {normalized.data(), normalized.size()}; }
  std::string_view region() const { return {normalized.data(), 6}; }
};

/// Checks a resident ID. Full-width digits and X typed with a Chinese input method, and a
/// lowercase x, are normalized first; no other character is changed.
IdCheck check_resident_id(std::string_view value, Date as_of);

/// Why a unified social credit code is invalid, in check order.
enum class UsccReason {
  None,      ///< valid
  Length,    ///< not 18 characters
  Charset,   ///< a character outside 0-9A-HJ-NPQRTUWXY
  Region,    ///< characters 3–8 are not an administrative-division code
  Checksum,  ///< the MOD 31 check character does not match
};

/// The stable reason code; "" for None.
const char* uscc_reason_code(UsccReason r);

struct UsccCheck {
  UsccReason reason = UsccReason::None;
  std::array<char, 18> normalized{};
  bool valid() const { return reason == UsccReason::None; }
  std::string_view normalized_view() const { return {normalized.data(), normalized.size()}; }
};

/// Checks a credit code; lowercase letters and full-width characters are normalized first.
UsccCheck check_uscc(std::string_view value);

}  // namespace yilu
