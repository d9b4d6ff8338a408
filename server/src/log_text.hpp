#pragma once
// One escaping function for every value that goes into the server log. Operators read the log
// line by line (it carries the one-time codes of the default SMS sender: `[sms] to …: code …`),
// so a value that could start a new line, rewrite the terminal or hide text would let a caller
// forge lines: every untrusted value (usernames, numbers, ids, reasons, paths) passes here.
#include <string>
#include <string_view>

namespace yilu::server {

/// The text with every control character escaped so it stays on one visible line: C0 controls
/// and DEL as \n, \r, \t or \xNN; C1 controls (U+0080–U+009F), the line and paragraph
/// separators and the bidirectional overrides as \uXXXX; bytes that are not UTF-8 as \xNN;
/// a backslash as \\ (so an escape in the log is never ambiguous). Never fails.
std::string log_text(std::string_view text);

}  // namespace yilu::server
