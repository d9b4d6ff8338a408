#pragma once
// CSV as spreadsheets read it, for the exports the server streams (RFC 4180: commas, CRLF, a
// field quoted when it holds a comma, quote or line break, quotes doubled; text a spreadsheet
// would run as a formula gets a leading apostrophe). The same rules as the console's own table
// exports (web/src/util/csv.js), so a file reads alike from either.
#include <string>
#include <string_view>
#include <vector>

namespace yilu::server::http {

/// A UTF-8 byte order mark: Excel on a Chinese Windows reads the file as GBK without it.
inline constexpr std::string_view kCsvBom = "\xEF\xBB\xBF";

/// Appends one field to `out` (no separator).
void append_csv_field(std::string& out, std::string_view value);

/// Appends one record (fields separated by commas, ended by CRLF) to `out`.
void append_csv_record(std::string& out, const std::vector<std::string>& fields);

}  // namespace yilu::server::http
