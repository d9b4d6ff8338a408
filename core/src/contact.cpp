#include "yilu/contact.hpp"

#include "detail/fullwidth.hpp"

namespace yilu {

const char* mobile_reason_code(MobileReason r) {
  switch (r) {
    case MobileReason::None: return "";
    case MobileReason::Length: return "length";
    case MobileReason::Charset: return "charset";
    case MobileReason::Prefix: return "prefix";
  }
  return "";
}

MobileCheck check_mobile(std::string_view value) {
  MobileCheck r;
  auto& s = r.normalized;
  if (detail::normalize_ascii(value, s) != 11) {
    r.reason = MobileReason::Length;
    return r;
  }
  for (const char c : s)
    if (c < '0' || c > '9') {
      r.reason = MobileReason::Charset;
      return r;
    }
  // Mainland mobile numbers start 13–19 (GB/T numbering plan; 10, 11, 12 are never mobiles).
  if (s[0] != '1' || s[1] < '3') r.reason = MobileReason::Prefix;
  return r;
}

}  // namespace yilu
