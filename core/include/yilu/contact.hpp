#pragma once
/// Contact details: the mainland mobile number. One rule for the validation of `mobile` fields,
/// the `check_mobile` op and every edge that asks for a number (a resident's sign-in).
#include <array>
#include <string_view>

namespace yilu {

/// Why a mobile number is invalid. The checks run in this order; the first failure wins.
enum class MobileReason {
  None,     ///< valid
  Length,   ///< not 11 characters (after normalization)
  Charset,  ///< a character that is not a digit
  Prefix,   ///< does not start with 13–19
};

/// The stable reason code ("length", "charset", "prefix"); "" for None.
const char* mobile_reason_code(MobileReason r);

struct MobileCheck {
  MobileReason reason = MobileReason::None;
  std::array<char, 11> normalized{};  ///< ASCII digits (meaningful when reason == None)
  bool valid() const { return reason == MobileReason::None; }
  std::string_view normalized_view() const { return {normalized.data(), normalized.size()}; }
};

/// Checks a mainland mobile number: 11 digits starting 13–19. Full-width digits typed with a
/// Chinese input method are normalized first, as check_resident_id does; nothing is trimmed
/// (a space is a charset or length error). Never fails: an invalid number is a result.
MobileCheck check_mobile(std::string_view value);

}  // namespace yilu
