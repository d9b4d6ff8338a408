#pragma once
// `yilu catalog import`: a center's standard item list (事项清单, one row per material) and its
// mapping of departments to windows (部门与窗口) become catalog items — departments, windows,
// limits, materials, fees, basis — and every problem is reported at its cell, in Chinese, without
// stopping at the first. The columns are documented in docs/catalog.md ("Importing a standard
// item list"); templates in docs/templates/.
//
// The table cannot say what an item's form asks beyond who applies (自然人 / 法人): imported
// items get the standard form for their applicants and are marked `to_complete: ["form"]`, not
// guessed. Only rows without problems are imported, and the result is checked by the core's
// catalog lint: the catalog returned always lints clean.
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog_import/workbook.hpp"

namespace yilu::server {

inline constexpr const char* kItemSheet = "事项清单";
inline constexpr const char* kMappingSheet = "部门与窗口";

struct ImportProblem {
  std::string sheet;    ///< kItemSheet or kMappingSheet ("" for the catalog as a whole)
  std::size_t row = 0;  ///< spreadsheet row, 1 = the header; 0: the sheet as a whole
  std::string column;   ///< the header's name, "" when the problem is the row's
  std::string cell;     ///< "H12", "" when there is no one cell
  std::string code;     ///< stable: import.missing_value, import.unknown_department, …
  std::string message;  ///< Chinese, for the operator
};

struct ImportOptions {
  std::string as_of;  ///< the date of the items' examples (YYYY-MM-DD): today, at the edge
  std::string catalog_id = "imported";
  std::string catalog_name = "导入的事项目录";
  std::string version = "imported-1";
  /// A catalog to import into (its items with the same ids are replaced), or null: a new one.
  const nlohmann::ordered_json* base = nullptr;
};

struct ImportResult {
  nlohmann::ordered_json catalog;  ///< the base plus every good row's item; lints clean
  std::vector<ImportProblem> problems;
  std::size_t items_read = 0;      ///< items in the sheet (rows with a 事项编码)
  std::size_t items_imported = 0;  ///< of them, in the catalog
  std::size_t departments = 0;     ///< departments of the mapping sheet
};

ImportResult import_item_list(const Workbook& book, const ImportOptions& options);

/// One line for people: "事项清单 H12（承诺办结时限）：缺少承诺办结时限 [import.missing_value]".
std::string problem_line(const ImportProblem& p);

}  // namespace yilu::server
