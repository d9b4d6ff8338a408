// Importing a center's standard item list (docs/catalog.md, "Importing a standard item list"):
// CSV reading, and the rows → catalog items with every problem at its cell.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "catalog_import/item_list_import.hpp"
#include "catalog_import/workbook.hpp"
#include "data_files.hpp"
#include "yilu/catalog.hpp"

using namespace yilu::server;
using Row = std::vector<std::string>;

namespace {

const Row kItemHeader = {"事项编码",     "事项名称",     "事项类型", "实施主体", "受理窗口", "服务对象",
                         "法定办结时限", "承诺办结时限", "是否网办", "收费",     "设定依据", "办理地点",
                         "办理时间",     "材料名称",     "材料形式", "份数",     "是否必要", "是否容缺"};
const Row kMappingHeader = {"实施主体", "部门编号", "层级", "受理窗口", "窗口编号", "窗口类型", "办理地点", "办理时间"};

// An item's first row (its columns A–M) with its first material (N–R).
Row item_row(const std::string& code, const std::string& name, const std::string& department,
             const std::string& applicants, const std::string& legal, const std::string& promised,
             const std::string& material, const std::string& form) {
  return {code,         name,     "行政许可",         department, "", applicants, legal, promised,
          "最多跑一次", "不收费", "《某条例》第一条", "",         "", material,   form,  "1",
          "必要",       "否"};
}
// A further material row of the item above (item columns empty, as merged cells read).
Row material_row(const std::string& material, const std::string& form, const std::string& needed,
                 const std::string& deferrable) {
  Row r(13, "");
  for (const auto& v : {material, form, std::string("1"), needed, deferrable}) r.push_back(v);
  return r;
}

struct Generated {
  Workbook book;
  std::size_t good = 0;
  std::vector<std::string> broken_cells;  // "H17", …
};

// A center's list: `departments` departments (a third of them district ones), `items` good items
// spread over them, a few broken ones among them, each with one problem.
Generated generate(std::size_t items, std::size_t departments) {
  Generated g;
  Sheet mapping{kMappingSheet, {kMappingHeader}};
  for (std::size_t d = 0; d < departments; ++d) {
    const bool social = d % 3 == 0;
    const std::string id = "d" + std::to_string(d);
    mapping.rows.push_back({"三亚市第" + std::to_string(d) + "局", id, d % 3 == 2 ? "区级" : "市级",
                            social ? "社会民生综合窗口" : "第" + std::to_string(d) + "局窗口",
                            social ? "w_social" : "w_" + id, social ? "综合窗口" : "部门窗口", "政务服务中心",
                            "周一至周五"});
  }
  Sheet list{kItemSheet, {kItemHeader}};
  const auto row_no = [&] { return std::to_string(list.rows.size() + 1); };
  std::size_t serial = 0;
  for (std::size_t i = 0; i < items; ++i) {
    const std::string code = "46020000" + std::to_string(100000 + serial++);
    const std::string dept = "三亚市第" + std::to_string(i % departments) + "局";
    const std::string legal = std::to_string(10 + i % 40);
    const std::string promised = std::to_string(1 + i % 10);
    const char* applicants = i % 3 == 0 ? "自然人" : i % 3 == 1 ? "法人" : "自然人、法人";
    list.rows.push_back(
        item_row(code, "事项" + std::to_string(i), dept, applicants, legal, promised, "申请表", "原件"));
    if (i % 2 == 0) list.rows.push_back(material_row("身份证明", "复印件", "必要", i % 4 == 0 ? "是" : "否"));
    if (i % 5 == 0) {
      // The other export style: the item's columns repeated on its further rows.
      Row again = list.rows[list.rows.size() - 1 - (i % 2 == 0 ? 1 : 0)];
      again[13] = "情况说明";
      again[14] = "电子件";
      again[16] = "非必要";
      list.rows.push_back(again);
    }
    ++g.good;
    if (i % 70 == 35) {  // a broken item after every 70th: each kind in turn
      const std::string bad_code = "46020000" + std::to_string(100000 + serial++);
      switch ((i / 70) % 3) {
        case 0:
          g.broken_cells.push_back("H" + row_no());
          list.rows.push_back(
              item_row(bad_code, "缺时限" + std::to_string(i), dept, "自然人", "20", "", "申请表", "原件"));
          break;
        case 1:
          g.broken_cells.push_back("D" + row_no());
          list.rows.push_back(item_row(bad_code, "无主体" + std::to_string(i), "三亚市不存在局", "自然人", "20", "5",
                                       "申请表", "原件"));
          break;
        default:
          list.rows.push_back(
              item_row(bad_code, "缺形式" + std::to_string(i), dept, "法人", "20", "5", "申请表", "原件"));
          g.broken_cells.push_back("O" + row_no());
          list.rows.push_back(material_row("附件", "", "必要", "否"));
      }
    }
  }
  g.book.sheets = {list, mapping};
  return g;
}

ImportOptions options() {
  ImportOptions o;
  o.as_of = "2026-12-01";
  return o;
}

std::set<std::string> cells_of(const ImportResult& r) {
  std::set<std::string> out;
  for (const auto& p : r.problems) out.insert(p.cell);
  return out;
}

}  // namespace

TEST_CASE("catalog import: CSV is read as spreadsheets write it", "[catalog_import]") {
  std::string error;
  const auto rows = read_csv_rows(
      "\xEF\xBB\xBF"
      "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\nlast",
      error);
  REQUIRE(rows);
  REQUIRE(rows->size() == 3);
  CHECK((*rows)[0] == Row{"a", "b,c", "say \"hi\""});
  CHECK((*rows)[1] == Row{"two\nlines", "", "x"});
  CHECK((*rows)[2] == Row{"last"});
  CHECK_FALSE(read_csv_rows("a,b\n\"open,c\n", error));
  CHECK(error.find("第 2 行") != std::string::npos);
  CHECK_FALSE(read_csv_rows("\xD5\xC5\xC8\xFD,1\n", error));  // 张三 saved as GBK
  CHECK(error.find("UTF-8") != std::string::npos);
  CHECK(column_letters(0) == "A");
  CHECK(column_letters(25) == "Z");
  CHECK(column_letters(26) == "AA");
  CHECK(column_letters(701) == "ZZ");
  CHECK(column_letters(702) == "AAA");
}

TEST_CASE("catalog import: the workbook JSON holds text cells only", "[catalog_import]") {
  std::string error;
  const auto book = workbook_from_json(R"({"sheets":[{"name":"事项清单","rows":[["a",""],["b"]]}]})", error);
  REQUIRE(book);
  REQUIRE(book->sheet(kItemSheet));
  CHECK(book->sheet(kItemSheet)->rows.size() == 2);
  CHECK_FALSE(book->sheet(kMappingSheet));
  CHECK_FALSE(workbook_from_json(R"({"sheets":[{"name":"x","rows":[[1]]}]})", error));
  CHECK_FALSE(workbook_from_json("not json", error));
}

TEST_CASE("catalog import: 800 items of 40 departments, the broken rows listed at their cells", "[catalog_import]") {
  const Generated g = generate(800, 40);
  const ImportResult r = import_item_list(g.book, options());
  CHECK(r.departments == 40);
  CHECK(r.items_imported == g.good);
  CHECK(r.items_read == g.good + g.broken_cells.size());
  REQUIRE(g.broken_cells.size() >= 9);
  CHECK(r.problems.size() == g.broken_cells.size());
  CHECK(cells_of(r) == std::set<std::string>(g.broken_cells.begin(), g.broken_cells.end()));
  std::set<std::string> codes;
  for (const auto& p : r.problems) {
    codes.insert(p.code);
    CHECK(p.sheet == kItemSheet);
    CHECK_FALSE(p.message.empty());
  }
  CHECK(codes == std::set<std::string>{"import.missing_value", "import.unknown_department"});
  // The good rows are a catalog the core lints clean, and loads.
  const std::string text = r.catalog.dump();
  CHECK(yilu::lint_catalog(text).empty());
  const auto load = yilu::Catalog::from_json(text);
  REQUIRE(load.catalog);
  CHECK(load.catalog->items().size() == g.good);
  CHECK(load.catalog->departments().size() == 40);
}

TEST_CASE("catalog import: an item's limits, materials, fees and window come from its rows", "[catalog_import]") {
  Workbook book = generate(0, 3).book;
  Sheet& list = book.sheets[0];
  Row first =
      item_row("4602-AB-01", "护士执业注册（变更）", "三亚市第1局", "自然人", "20个工作日", "7", "申请表", "原件");
  first[4] = "社会民生综合窗口";  // received at a comprehensive window, not the department's own
  first[9] = "工本费：20元/证；加急费:50元";
  list.rows.push_back(first);
  list.rows.push_back(material_row("护士执业证书", "原件和复印件", "必要", "是"));
  list.rows.push_back(material_row("体检证明", "电子件", "非必要", ""));
  const ImportResult r = import_item_list(book, options());
  REQUIRE(r.problems.empty());
  REQUIRE(r.catalog["items"].size() == 1);
  const auto& it = r.catalog["items"][0];
  CHECK(it["id"] == "item_4602_ab_01");
  CHECK(it["department"] == "d1");
  CHECK(it["window"] == "w_social");
  CHECK(it["legal_days"] == 20);
  CHECK(it["promised_days"] == 7);
  CHECK(it["online_level"] == "at_most_once");
  REQUIRE(it["materials"].size() == 3);
  CHECK(it["materials"][1]["form"] == "original_and_copy");
  CHECK(it["materials"][1]["deferrable"] == true);
  CHECK(it["materials"][1]["required"] == true);
  CHECK(it["materials"][2]["form"] == "electronic");
  CHECK_FALSE(it["materials"][2].contains("required"));
  REQUIRE(it["fees"].size() == 2);
  CHECK(it["fees"][0]["name"] == "工本费");
  CHECK(it["fees"][0]["amount"] == "20元/证");
  CHECK(it["fees"][1]["amount"] == "50元");
  CHECK(it["to_complete"] == nlohmann::ordered_json::array({"form"}));
  CHECK(it["applicant"]["fields"][0] == "applicant_id");
}

TEST_CASE("catalog import: every problem of a row is reported, not only the first", "[catalog_import]") {
  Workbook book = generate(0, 2).book;
  Sheet& list = book.sheets[0];
  Row r1 = item_row("4602000001", "甲", "三亚市第0局", "外国人", "十五", "30", "申请表", "扫描件");
  r1[8] = "网上办";
  list.rows.push_back(r1);
  // A repeated item row that disagrees with the first (name, 是否网办), and a duplicate code later on.
  Row again = item_row("4602000001", "乙", "三亚市第0局", "外国人", "十五", "30", "附件", "原件");
  list.rows.push_back(again);
  list.rows.push_back(item_row("4602000002", "丙", "三亚市第1局", "法人", "20", "30", "申请表", "原件"));
  list.rows.push_back(item_row("4602000001", "丁", "三亚市第1局", "法人", "20", "3", "申请表", "原件"));
  list.rows.push_back(Row{"", "戊（无编码）"});
  const ImportResult r = import_item_list(book, options());
  CHECK(r.items_imported == 0);
  std::set<std::string> got;
  for (const auto& p : r.problems) got.insert(p.cell + " " + p.code);
  CHECK(got == std::set<std::string>{"F2 import.bad_value", "G2 import.bad_number", "I2 import.bad_value",
                                     "O2 import.bad_value", "B3 import.inconsistent_value",
                                     "I3 import.inconsistent_value", "H4 import.promised_exceeds_legal",
                                     "A5 import.duplicate_value", "A6 import.missing_value"});
}

TEST_CASE("catalog import: a sheet without its columns or the mapping imports nothing", "[catalog_import]") {
  Workbook book;
  book.sheets.push_back(Sheet{kItemSheet, {{"事项名称", "实施主体"}, {"甲", "乙"}}});
  const ImportResult r = import_item_list(book, options());
  CHECK(r.items_imported == 0);
  std::set<std::string> codes;
  for (const auto& p : r.problems) codes.insert(p.code);
  CHECK(codes.count("import.missing_sheet") == 1);  // 部门与窗口
  CHECK(codes.count("import.missing_column") == 1);
  CHECK(r.problems.size() == 1 + 11);  // the mapping sheet, and 11 required columns missing
}

TEST_CASE("catalog import: into the sample catalog, its items and bundles kept", "[catalog_import]") {
  const auto text = read_file(sample_catalog_path());
  REQUIRE(text);
  const auto base = nlohmann::ordered_json::parse(*text);
  Workbook book = generate(30, 5).book;
  ImportOptions o = options();
  o.base = &base;
  const ImportResult r = import_item_list(book, o);
  CHECK(r.items_imported == 30);
  CHECK(r.catalog["items"].size() == base["items"].size() + 30);
  CHECK(r.catalog["bundles"] == base["bundles"]);
  CHECK(yilu::lint_catalog(r.catalog.dump()).empty());
}
