#include "catalog_import/workbook.hpp"

#include <nlohmann/json.hpp>

namespace yilu::server {
namespace {

constexpr std::size_t kMaxSheets = 16;
constexpr std::size_t kMaxRows = 200000;
constexpr std::size_t kMaxColumns = 64;
constexpr std::size_t kMaxCellBytes = 8000;

// Lead byte and continuation bytes only (overlong forms are left to the JSON writer, which
// replaces what it cannot encode): enough to tell a GBK-saved CSV from a UTF-8 one.
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 9;
    if (n == 9 || i + n >= s.size()) return false;  // a bad lead byte, or cut off at the end
    for (std::size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    i += n + 1;
  }
  return true;
}

}  // namespace

const Sheet* Workbook::sheet(std::string_view name) const {
  for (const auto& s : sheets)
    if (s.name == name) return &s;
  return nullptr;
}

std::string column_letters(std::size_t column) {
  std::string out;
  for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) out.insert(out.begin(), char('A' + (n - 1) % 26));
  return out;
}

std::optional<std::vector<std::vector<std::string>>> read_csv_rows(std::string_view text, std::string& error) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!valid_utf8(text)) {
    error = "文件不是 UTF-8 编码的 CSV（在 Excel 中另存为“CSV UTF-8”）";
    return std::nullopt;
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool any = false;  // the current record has begun (a field, a comma or a quote)
  std::size_t line = 1, quote_line = 0;
  const auto end_record = [&] {
    row.push_back(std::move(field));
    field.clear();
    rows.push_back(std::move(row));
    row.clear();
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      quote_line = line;
      any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      end_record();
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) {
    error = "第 " + std::to_string(quote_line) + " 行的引号没有闭合";
    return std::nullopt;
  }
  if (any || !field.empty()) end_record();
  return rows;
}

std::optional<Workbook> workbook_from_json(std::string_view text, std::string& error) {
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  const auto fail = [&](std::string message) -> std::optional<Workbook> {
    error = std::move(message);
    return std::nullopt;
  };
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("sheets") || !doc["sheets"].is_array())
    return fail("工作簿应为 JSON：{\"sheets\":[{\"name\":…,\"rows\":[[…]]}]}");
  if (doc["sheets"].size() > kMaxSheets) return fail("工作表超过 " + std::to_string(kMaxSheets) + " 个");
  Workbook book;
  for (const auto& s : doc["sheets"]) {
    if (!s.is_object() || !s.contains("name") || !s["name"].is_string() || !s.contains("rows") || !s["rows"].is_array())
      return fail("每个工作表应有 name（文本）和 rows（行的数组）");
    Sheet sheet{s["name"].get<std::string>(), {}};
    if (s["rows"].size() > kMaxRows) return fail("工作表“" + sheet.name + "”超过 " + std::to_string(kMaxRows) + " 行");
    for (const auto& r : s["rows"]) {
      if (!r.is_array() || r.size() > kMaxColumns)
        return fail("工作表“" + sheet.name + "”第 " + std::to_string(sheet.rows.size() + 1) + " 行不是不超过 " +
                    std::to_string(kMaxColumns) + " 个单元格的数组");
      std::vector<std::string> row;
      for (const auto& cell : r) {
        if (!cell.is_string() || cell.get_ref<const std::string&>().size() > kMaxCellBytes)
          return fail("工作表“" + sheet.name + "”第 " + std::to_string(sheet.rows.size() + 1) +
                      " 行有单元格不是文本或超过 " + std::to_string(kMaxCellBytes) + " 字节");
        row.push_back(cell.get<std::string>());
      }
      sheet.rows.push_back(std::move(row));
    }
    book.sheets.push_back(std::move(sheet));
  }
  return book;
}

}  // namespace yilu::server
