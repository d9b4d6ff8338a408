#pragma once
// The one table of Chinese messages, keyed by stable codes: errors of the call surface and
// problems found by validation. Both builds render from it, so their bytes agree.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace yilu::detail {

/// The message for `code` with {name} placeholders filled from `params` (an object);
/// an unknown code renders a generic message naming the code.
std::string render_message(std::string_view code);
std::string render_message(std::string_view code, const nlohmann::json& params);

/// The message of `family`.`reason` (id.check_digit …) as render_message gives it for no
/// parameters, without building a string when the table's text has no placeholder (the
/// per-keystroke checks' messages): a view of the table, or of `scratch` when rendered.
std::string_view reason_message(std::string_view family, std::string_view reason, std::string& scratch);

/// The word for a value's type ("object" → 对象), the {expected} of wrong_type messages: the
/// message table's `type.<type>` entry.
std::string type_word(std::string_view type);

}  // namespace yilu::detail
