#pragma once
// Masking for logs and for responses that only need to show "which one": personal numbers
// never appear whole in the server log.
#include <string>
#include <string_view>

namespace yilu::server {

/// "13800138000" → "138****8000"; anything short → "***". Log-safe (control characters escaped).
std::string mask_phone(std::string_view phone);
/// An 18-character ID number → first 3 + 11 stars + last 4 ... the same for other lengths ≥ 8.
std::string mask_id_number(std::string_view id);
/// Replaces every run of 11+ digits (phones, ID numbers, with an optional trailing X) in free
/// text by its masked form: for request paths and other text that goes to the log. The result
/// is log-safe: control characters are escaped by log_text (log_text.hpp).
std::string mask_numbers(std::string_view text);

}  // namespace yilu::server
