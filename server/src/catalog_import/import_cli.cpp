#include "catalog_import/import_cli.hpp"

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "catalog_import/item_list_import.hpp"
#include "catalog_import/xlsx_reader.hpp"
#include "clock.hpp"
#include "data_files.hpp"
#include "yilu/date.hpp"

namespace yilu::server {
namespace {

void usage() {
  std::fputs(
      "用法: yilu catalog import 事项清单.xlsx [选项]\n"
      "      yilu catalog import 事项清单.csv 部门与窗口.csv [选项]\n"
      "  把标准事项清单（每行一份材料）和部门与窗口对应表导入为事项目录（列见 docs/catalog.md）。\n"
      "  列出每一处问题（工作表、单元格、列名、说明、代码），没有问题的行照常导入。\n"
      "  -o 文件          写出导入后的目录（不给则只检查）\n"
      "  --into 目录文件  导入到已有目录中（同一事项编码的事项被替换）\n"
      "  --as-of 日期     事项示例申请的日期（默认今天）\n"
      "  --version 版本   新目录的版本号（默认 imported-日期）\n"
      "  退出码：0 全部导入；1 有问题（其余已导入）；2 用法错误或文件无法读取。\n",
      stderr);
}

bool ends_with(const std::string& s, const char* suffix) {
  const std::string x(suffix);
  return s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}

// One input file into the workbook: an XLSX (every sheet), a workbook JSON, or a CSV file whose
// header says which sheet it is (部门编号 only appears on the mapping).
bool add_file(const std::string& path, Workbook& book) {
  std::string error;
  if (ends_with(path, ".xlsx") || ends_with(path, ".XLSX")) {
    const auto text = read_xlsx_workbook(path, error);
    auto read = text ? workbook_from_json(*text, error) : std::nullopt;
    if (!read) {
      std::fprintf(stderr, "yilu catalog import: %s：%s\n", path.c_str(), error.c_str());
      return false;
    }
    for (auto& s : read->sheets) book.sheets.push_back(std::move(s));
    return true;
  }
  const auto text = read_file(path);
  if (!text) {
    std::fprintf(stderr, "yilu catalog import: 无法读取 %s\n", path.c_str());
    return false;
  }
  if (ends_with(path, ".json")) {
    auto read = workbook_from_json(*text, error);
    if (!read) {
      std::fprintf(stderr, "yilu catalog import: %s：%s\n", path.c_str(), error.c_str());
      return false;
    }
    for (auto& s : read->sheets) book.sheets.push_back(std::move(s));
    return true;
  }
  auto rows = read_csv_rows(*text, error);
  if (!rows) {
    std::fprintf(stderr, "yilu catalog import: %s：%s\n", path.c_str(), error.c_str());
    return false;
  }
  bool mapping = false;
  if (!rows->empty())
    for (const auto& h : rows->front()) mapping = mapping || h.find("部门编号") != std::string::npos;
  book.sheets.push_back(Sheet{mapping ? kMappingSheet : kItemSheet, std::move(*rows)});
  return true;
}

}  // namespace

int run_catalog_import(int argc, char** argv) {
  std::vector<std::string> files;
  std::string out, into, version;
  ImportOptions options;
  options.as_of = format_date(cst_date(now_seconds()));
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if ((a == "-o" || a == "--into" || a == "--as-of" || a == "--version") && !has_value) {
      std::fprintf(stderr, "yilu catalog import: %s 需要一个值\n", a.c_str());
      return 2;
    }
    if (a == "-o") out = argv[++i];
    else if (a == "--into") into = argv[++i];
    else if (a == "--as-of") options.as_of = argv[++i];
    else if (a == "--version") version = argv[++i];
    else if (a == "-h" || a == "--help") {
      usage();
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "yilu catalog import: 未知选项 %s\n", a.c_str());
      usage();
      return 2;
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    usage();
    return 2;
  }
  if (!parse_date(options.as_of)) {
    std::fprintf(stderr, "yilu catalog import: --as-of 应为 YYYY-MM-DD\n");
    return 2;
  }
  options.version = version.empty() ? "imported-" + options.as_of : version;
  nlohmann::ordered_json base;
  if (!into.empty()) {
    const auto text = read_file(into);
    if (text) base = nlohmann::ordered_json::parse(*text, nullptr, false);
    if (!text || base.is_discarded() || !base.is_object()) {
      std::fprintf(stderr, "yilu catalog import: 无法读取目录 %s\n", into.c_str());
      return 2;
    }
    if (!version.empty()) base["version"] = version;
    options.base = &base;
  }
  Workbook book;
  for (const auto& f : files)
    if (!add_file(f, book)) return 2;

  const ImportResult r = import_item_list(book, options);
  for (const auto& p : r.problems) std::printf("%s\n", problem_line(p).c_str());
  std::printf("读取 %zu 个事项，导入 %zu 个；部门 %zu 个；问题 %zu 处\n", r.items_read, r.items_imported, r.departments,
              r.problems.size());
  if (!out.empty()) {
    std::ofstream f(out, std::ios::binary | std::ios::trunc);
    f << r.catalog.dump(1) << '\n';
    if (!f.flush()) {
      std::fprintf(stderr, "yilu catalog import: 无法写入 %s\n", out.c_str());
      return 2;
    }
    std::printf("已写入 %s（先用 yilu catalog lint 检查，再发布）\n", out.c_str());
  }
  return r.problems.empty() ? 0 : 1;
}

}  // namespace yilu::server
