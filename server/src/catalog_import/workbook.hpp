#pragma once
// A spreadsheet as the catalog import reads it: named sheets of rows of text cells. It comes
// from CSV files (read here) or from an XLSX file read by the npm library read-excel-file
// (web/scripts/xlsx_workbook.mjs in the CLI, the admin console in the browser), which hands it
// over as JSON: {"sheets":[{"name":"事项清单","rows":[["事项编码",…],…]}]}.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yilu::server {

struct Sheet {
  std::string name;
  std::vector<std::vector<std::string>> rows;  ///< row 0 is the header (spreadsheet row 1)
};

struct Workbook {
  std::vector<Sheet> sheets;
  const Sheet* sheet(std::string_view name) const;
};

/// Reads CSV (RFC 4180: commas, fields quoted with doubled quotes, CRLF or LF; a UTF-8 byte
/// order mark is skipped). Fails (nullopt, `error` in Chinese) only on a quote left open or
/// text that is not UTF-8.
std::optional<std::vector<std::vector<std::string>>> read_csv_rows(std::string_view text, std::string& error);

/// Reads the workbook JSON above. Every cell must be a string; limits guard the server
/// (at most 16 sheets, 200,000 rows, 64 columns, 8,000 bytes a cell).
std::optional<Workbook> workbook_from_json(std::string_view text, std::string& error);

/// "A", …, "Z", "AA", … for a 0-based column index.
std::string column_letters(std::size_t column);

}  // namespace yilu::server
