#pragma once
// XLSX files are read by the npm library read-excel-file (web/scripts/xlsx_workbook.mjs), run
// with Node: a maintained reader of the format, the same one the admin console uses in the
// browser, rather than a zip and XML parser of our own.
#include <optional>
#include <string>

namespace yilu::server {

/// The script: $YILU_XLSX_READER if set, else the source tree's web/scripts/xlsx_workbook.mjs.
std::string xlsx_reader_path();

/// Runs `node <script> FILE` and returns its output (workbook JSON, catalog_import/workbook.hpp);
/// nullopt with `error` (the script's own message in Chinese, or why it could not run).
std::optional<std::string> read_xlsx_workbook(const std::string& file, std::string& error);

}  // namespace yilu::server
