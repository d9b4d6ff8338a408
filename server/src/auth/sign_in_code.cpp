#include "auth/sign_in_code.hpp"

#include <nlohmann/json.hpp>

namespace yilu::server {

std::string pending_code_text(const PendingCode& p) {
  if (p.sent_at == 0) return {};
  return nlohmann::json{{"code_hash", p.code_hash}, {"expires_at", p.expires_at},          {"sent_at", p.sent_at},
                        {"attempts", p.attempts},   {"by_address", p.attempts_by_address}, {"unverified", p.unverified}}
      .dump();
}

PendingCode parse_pending_code(const std::string& text) {
  PendingCode p;
  // Written by this program; anything else (a hand edit, an older format) counts as nothing.
  try {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return p;
    p.code_hash = j.value("code_hash", std::string());
    p.expires_at = j.value("expires_at", Timestamp{0});
    p.sent_at = j.value("sent_at", Timestamp{0});
    p.attempts = j.value("attempts", 0);
    p.unverified = j.value("unverified", 0);
    if (const auto it = j.find("by_address"); it != j.end() && it->is_object())
      for (const auto& [address, n] : it->items())
        if (n.is_number_integer()) p.attempts_by_address[address] = n.get<int>();
    return p;
  } catch (const nlohmann::json::exception&) {
    return {};
  }
}

}  // namespace yilu::server
