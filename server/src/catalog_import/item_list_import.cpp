#include "catalog_import/item_list_import.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>

#include "yilu/catalog.hpp"

namespace yilu::server {
namespace {

using json = nlohmann::ordered_json;

// The columns of the two sheets (docs/catalog.md). Found by header name, in any order.
namespace col {
constexpr const char* kCode = "事项编码";
constexpr const char* kName = "事项名称";
constexpr const char* kKind = "事项类型";
constexpr const char* kDepartment = "实施主体";
constexpr const char* kWindow = "受理窗口";
constexpr const char* kApplicants = "服务对象";
constexpr const char* kLegal = "法定办结时限";
constexpr const char* kPromised = "承诺办结时限";
constexpr const char* kOnline = "是否网办";
constexpr const char* kFees = "收费";
constexpr const char* kBasis = "设定依据";
constexpr const char* kPlace = "办理地点";
constexpr const char* kHours = "办理时间";
constexpr const char* kMaterial = "材料名称";
constexpr const char* kForm = "材料形式";
constexpr const char* kCopies = "份数";
constexpr const char* kNeeded = "是否必要";
constexpr const char* kDeferrable = "是否容缺";
constexpr const char* kCommitment = "是否告知承诺";
// The mapping sheet.
constexpr const char* kDepartmentId = "部门编号";
constexpr const char* kLevel = "层级";
constexpr const char* kWindowId = "窗口编号";
constexpr const char* kWindowKind = "窗口类型";
constexpr const char* kRegion = "地方节假日";  // the calendar overlay the department follows (hainan)
}  // namespace col

// An item's own columns: given on its first row, and either empty or the same on its further
// material rows (merged cells in an export read as empty; other exports repeat them).
const char* const kItemColumns[] = {col::kName,       col::kKind,  col::kDepartment, col::kWindow,
                                    col::kApplicants, col::kLegal, col::kPromised,   col::kOnline,
                                    col::kFees,       col::kBasis, col::kPlace,      col::kHours};
const char* const kItemRequired[] = {col::kCode,     col::kName,     col::kKind,   col::kDepartment, col::kApplicants,
                                     col::kLegal,    col::kPromised, col::kOnline, col::kFees,       col::kBasis,
                                     col::kMaterial, col::kForm,     col::kNeeded};
const char* const kMappingRequired[] = {col::kDepartment, col::kDepartmentId, col::kLevel,
                                        col::kWindow,     col::kWindowId,     col::kWindowKind};

const char* const kItemKinds[] = {"行政许可", "行政确认", "行政给付", "行政征收",     "行政裁决",
                                  "行政奖励", "行政检查", "行政强制", "其他行政权力", "公共服务"};

// The 告知承诺书 an item gets when a material may be replaced by a commitment: the general text
// of the State Council's 证明事项告知承诺制 guidance; the operator completes it per item.
constexpr const char* kCommitmentText =
    "本人（单位）已知晓告知的全部内容，所填写的信息及提交的材料真实、准确、完整，符合告知的条件和要求，"
    "愿意承担不实承诺的法律责任。";

// Values for the imported items' examples (the lint validates every example): the sample
// catalog's made-up applicant and company.
constexpr const char* kExampleName = "王海明";
constexpr const char* kExampleId = "460202198805123338";
constexpr const char* kExampleCompany = "三亚鹿回头数字科技有限公司";
constexpr const char* kExampleUscc = "91460200MA5T3K8X2Q";
constexpr const char* kExamplePhone = "13907551234";

std::string trim(const std::string& s) {
  // ASCII space, tab, CR/LF and the ideographic space U+3000 (full-width input).
  std::size_t b = 0, e = s.size();
  const auto space_at = [&](std::size_t i, bool back) -> std::size_t {
    if (back) {
      if (i >= 1 && (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\r' || s[i - 1] == '\n')) return 1;
      if (i >= 3 && s.compare(i - 3, 3, "\xE3\x80\x80") == 0) return 3;
    } else {
      if (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) return 1;
      if (s.compare(i, 3, "\xE3\x80\x80") == 0) return 3;
    }
    return 0;
  };
  while (b < e)
    if (const std::size_t n = space_at(b, false)) b += n;
    else break;
  while (e > b)
    if (const std::size_t n = space_at(e, true)) e -= n;
    else break;
  return s.substr(b, e - b);
}

bool is_ascii_id(const std::string& s, std::size_t max, bool code) {
  if (s.empty() || s.size() > max) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '_' ||
           (code && ((c >= 'A' && c <= 'Z') || c == '-'));
  });
}

// "15", "15个工作日", "15 工作日" → 15; anything else (0, 3651, "十五") → nullopt.
std::optional<int> workdays(const std::string& text) {
  std::size_t i = 0;
  int n = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i < 5) n = n * 10 + (text[i++] - '0');
  if (i == 0) return std::nullopt;
  std::string rest = trim(text.substr(i));
  if (!rest.empty() && rest != "个工作日" && rest != "工作日") return std::nullopt;
  if (n < 1 || n > 3650) return std::nullopt;
  return n;
}

std::string join(const std::vector<std::string>& list, const char* sep) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : sep) + s;
  return out;
}

// One sheet's header: the column of each name.
struct Header {
  std::map<std::string, std::size_t> index;
  std::optional<std::size_t> of(const std::string& name) const {
    const auto it = index.find(name);
    return it == index.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  }
};

struct MappedWindow {
  std::string id, name, kind, location, hours;
  std::size_t row = 0;
};
struct MappedDepartment {
  std::string id, name, level, window, region;
  std::size_t row = 0;
};

class Importer {
 public:
  Importer(const Workbook& book, const ImportOptions& options) : book_(book), options_(options) {}

  ImportResult run() {
    read_mapping();
    read_items();
    assemble();
    return std::move(result_);
  }

 private:
  // ---- problems ----
  void problem(const char* sheet, std::size_t row, const std::string& column, std::optional<std::size_t> at,
               const char* code, std::string message) {
    ImportProblem p{sheet, row, column, "", code, std::move(message)};
    if (at && row > 0) p.cell = column_letters(*at) + std::to_string(row);
    result_.problems.push_back(std::move(p));
  }

  // Reads a header row; reports the required columns it lacks. False: the sheet cannot be read.
  bool read_header(const Sheet& sheet, const char* const* required, std::size_t n_required, Header& header) {
    if (sheet.rows.empty()) {
      problem(sheet.name.c_str(), 0, "", std::nullopt, "import.empty_sheet", "工作表“" + sheet.name + "”是空的");
      return false;
    }
    for (std::size_t c = 0; c < sheet.rows[0].size(); ++c) {
      const std::string name = trim(sheet.rows[0][c]);
      if (!name.empty()) header.index.emplace(name, c);
    }
    bool ok = true;
    for (std::size_t k = 0; k < n_required; ++k)
      if (!header.of(required[k])) {
        problem(sheet.name.c_str(), 1, required[k], std::nullopt, "import.missing_column",
                "工作表“" + sheet.name + "”缺少“" + required[k] + "”列");
        ok = false;
      }
    return ok;
  }

  static std::string cell(const Sheet& sheet, const Header& h, std::size_t r, const char* name) {
    const auto c = h.of(name);
    if (!c || *c >= sheet.rows[r].size()) return "";
    return trim(sheet.rows[r][*c]);
  }

  static bool empty_row(const std::vector<std::string>& row) {
    return std::all_of(row.begin(), row.end(), [](const std::string& s) { return trim(s).empty(); });
  }

  // ---- 部门与窗口 ----
  void read_mapping() {
    const Sheet* sheet = book_.sheet(kMappingSheet);
    if (!sheet) {
      problem(kMappingSheet, 0, "", std::nullopt, "import.missing_sheet",
              std::string("缺少“") + kMappingSheet + "”工作表：实施主体对应哪个部门、由哪个窗口受理");
      return;
    }
    Header h;
    if (!read_header(*sheet, kMappingRequired, std::size(kMappingRequired), h)) return;
    std::set<std::string> department_ids;
    for (std::size_t r = 1; r < sheet->rows.size(); ++r) {
      if (empty_row(sheet->rows[r])) continue;
      const std::size_t row = r + 1;
      const auto get = [&](const char* name) { return cell(*sheet, h, r, name); };
      const auto bad = [&](const char* name, const char* code, std::string message) {
        problem(kMappingSheet, row, name, h.of(name), code, std::move(message));
      };
      bool ok = true;
      for (const char* name : kMappingRequired)
        if (get(name).empty()) {
          bad(name, "import.missing_value", std::string("缺少") + name);
          ok = false;
        }
      if (!ok) continue;
      MappedDepartment d{get(col::kDepartmentId), get(col::kDepartment), get(col::kLevel),
                         get(col::kWindowId),     get(col::kRegion),     row};
      if (!d.region.empty() && !is_ascii_id(d.region, 40, false)) {
        bad(col::kRegion, "import.bad_id", "地方节假日应为日历中的地区编号（如 hainan），现为“" + d.region + "”");
        ok = false;
      }
      MappedWindow w{get(col::kWindowId), get(col::kWindow), get(col::kWindowKind),
                     get(col::kPlace),    get(col::kHours),  row};
      if (!is_ascii_id(d.id, 40, false)) {
        bad(col::kDepartmentId, "import.bad_id",
            "部门编号应为小写字母、数字和下划线（不超过 40 个），现为“" + d.id + "”");
        ok = false;
      } else if (!department_ids.insert(d.id).second) {
        bad(col::kDepartmentId, "import.duplicate_value", "部门编号“" + d.id + "”重复");
        ok = false;
      }
      if (departments_.count(d.name)) {
        bad(col::kDepartment, "import.duplicate_value",
            "实施主体“" + d.name + "”已在第 " + std::to_string(departments_[d.name].row) + " 行登记");
        ok = false;
      }
      if (d.level == "市级") d.level = "city";
      else if (d.level == "区级" || d.level == "县级") d.level = "district";
      else {
        bad(col::kLevel, "import.bad_value", "层级应为 市级、区级 之一，现为“" + d.level + "”");
        ok = false;
      }
      if (w.kind == "综合窗口") w.kind = "comprehensive";
      else if (w.kind == "部门窗口") w.kind = "department";
      else {
        bad(col::kWindowKind, "import.bad_value", "窗口类型应为 综合窗口、部门窗口 之一，现为“" + w.kind + "”");
        ok = false;
      }
      if (!is_ascii_id(w.id, 40, false)) {
        bad(col::kWindowId, "import.bad_id", "窗口编号应为小写字母、数字和下划线（不超过 40 个），现为“" + w.id + "”");
        ok = false;
      } else if (const auto it = windows_.find(w.id); it != windows_.end()) {
        // The same window on several departments' rows: one window, described alike.
        const MappedWindow& first = it->second;
        if (first.name != w.name || first.kind != w.kind) {
          bad(col::kWindow, "import.inconsistent_value",
              "窗口编号“" + w.id + "”在第 " + std::to_string(first.row) + " 行的名称或类型与此行不同");
          ok = false;
        }
      } else if (window_names_.count(w.name)) {
        bad(col::kWindow, "import.duplicate_value", "受理窗口“" + w.name + "”已用于另一个窗口编号");
        ok = false;
      }
      if (!ok) continue;
      if (!windows_.count(w.id)) {
        window_names_[w.name] = w.id;
        windows_.emplace(w.id, w);
        window_order_.push_back(w.id);
      } else {
        MappedWindow& first = windows_[w.id];
        if (first.location.empty()) first.location = w.location;
        if (first.hours.empty()) first.hours = w.hours;
      }
      departments_.emplace(d.name, d);
      department_order_.push_back(d.name);
    }
    result_.departments = departments_.size();
  }

  // ---- 事项清单 ----
  struct Material {
    std::string name, form;
    int copies = 1;
    bool required = false, deferrable = false, commitment = false;
  };
  struct Item {
    std::string code, name, kind, department, window, applicants, online, basis;
    int legal = 0, promised = 0;
    json fees;
    std::vector<Material> materials;
    std::size_t row = 0;  // its first row
    bool broken = false;
  };

  void read_items() {
    const Sheet* sheet = book_.sheet(kItemSheet);
    if (!sheet) {
      problem(kItemSheet, 0, "", std::nullopt, "import.missing_sheet",
              std::string("缺少“") + kItemSheet + "”工作表（每行一份材料）");
      return;
    }
    Header h;
    if (!read_header(*sheet, kItemRequired, std::size(kItemRequired), h)) return;
    std::map<std::string, std::size_t> first_row_of_code;
    Item* current = nullptr;
    for (std::size_t r = 1; r < sheet->rows.size(); ++r) {
      if (empty_row(sheet->rows[r])) continue;
      const std::size_t row = r + 1;
      const auto get = [&](const char* name) { return cell(*sheet, h, r, name); };
      const std::string code = get(col::kCode);
      bool item_columns = false;
      for (const char* name : kItemColumns) item_columns = item_columns || !get(name).empty();
      if (code.empty() && item_columns) {
        problem(kItemSheet, row, col::kCode, h.of(col::kCode), "import.missing_value",
                "缺少事项编码（此行填写了事项信息）");
        current = nullptr;
        skipping_ = true;
        continue;
      }
      if (!code.empty() && (!current || code != current->code)) {
        if (const auto seen = first_row_of_code.find(code); seen != first_row_of_code.end()) {
          problem(kItemSheet, row, col::kCode, h.of(col::kCode), "import.duplicate_value",
                  "事项编码 " + code + " 已在第 " + std::to_string(seen->second) + " 行出现");
          current = nullptr;
          skipping_ = true;
          continue;
        }
        first_row_of_code.emplace(code, row);
        ++result_.items_read;
        items_.push_back(read_item(*sheet, h, r));
        current = &items_.back();
        skipping_ = false;
      } else if (!code.empty()) {
        check_repeated(*sheet, h, r, *current);
      } else if (!current) {
        if (!skipping_)
          problem(kItemSheet, row, col::kCode, h.of(col::kCode), "import.orphan_row",
                  "此行之前没有事项：材料行属于它上面最近的有事项编码的行");
        continue;
      }
      read_material(*sheet, h, r, *current);
    }
  }

  Item read_item(const Sheet& sheet, const Header& h, std::size_t r) {
    const std::size_t row = r + 1;
    const auto get = [&](const char* name) { return cell(sheet, h, r, name); };
    Item it;
    it.row = row;
    const auto bad = [&](const char* name, const char* code, std::string message) {
      problem(kItemSheet, row, name, h.of(name), code, std::move(message));
      it.broken = true;
    };
    const auto required = [&](const char* name) {
      std::string v = get(name);
      if (v.empty()) bad(name, "import.missing_value", std::string("缺少") + name);
      return v;
    };
    it.code = get(col::kCode);
    if (!is_ascii_id(it.code, 64, true))
      bad(col::kCode, "import.bad_id", "事项编码应为字母、数字和连字符（不超过 64 个），现为“" + it.code + "”");
    it.name = required(col::kName);
    it.kind = required(col::kKind);
    if (!it.kind.empty() && std::find(std::begin(kItemKinds), std::end(kItemKinds), it.kind) == std::end(kItemKinds))
      bad(col::kKind, "import.bad_value",
          "事项类型应为 " + join({std::begin(kItemKinds), std::end(kItemKinds)}, "、") + " 之一，现为“" + it.kind +
              "”");
    const std::string department = required(col::kDepartment);
    if (!department.empty()) {
      const auto d = departments_.find(department);
      if (d == departments_.end()) {
        bad(col::kDepartment, "import.unknown_department",
            "实施主体“" + department + "”不在“" + kMappingSheet + "”工作表中");
      } else {
        it.department = department;
        it.window = d->second.window;
      }
    }
    if (const std::string window = get(col::kWindow); !window.empty()) {
      const auto w = window_names_.find(window);
      if (w == window_names_.end())
        bad(col::kWindow, "import.unknown_window", "受理窗口“" + window + "”不在“" + kMappingSheet + "”工作表中");
      else it.window = w->second;
    }
    it.applicants = required(col::kApplicants);
    if (!it.applicants.empty()) {
      const std::string& a = it.applicants;
      const bool person = a.find("自然人") != std::string::npos;
      const bool company = a.find("法人") != std::string::npos;
      if (!person && !company)
        bad(col::kApplicants, "import.bad_value", "服务对象应为 自然人、法人 或 自然人、法人，现为“" + a + "”");
      it.applicants = person && company ? "both" : person ? "person" : "company";
    }
    const auto days = [&](const char* name) {
      const std::string v = required(name);
      if (v.empty()) return 0;
      const auto n = workdays(v);
      if (!n) bad(name, "import.bad_number", std::string(name) + "应为 1–3650 个工作日，现为“" + v + "”");
      return n.value_or(0);
    };
    it.legal = days(col::kLegal);
    it.promised = days(col::kPromised);
    if (it.legal > 0 && it.promised > it.legal)
      bad(col::kPromised, "import.promised_exceeds_legal",
          "承诺办结时限（" + std::to_string(it.promised) + " 个工作日）超过法定办结时限（" + std::to_string(it.legal) +
              " 个工作日）");
    const std::string online = required(col::kOnline);
    if (online == "全程网办") it.online = "full_online";
    else if (online == "最多跑一次") it.online = "at_most_once";
    else if (online == "现场办理") it.online = "on_site";
    else if (!online.empty())
      bad(col::kOnline, "import.bad_value", "是否网办应为 全程网办、最多跑一次、现场办理 之一，现为“" + online + "”");
    const std::string fees = required(col::kFees);
    if (!fees.empty()) it.fees = fee_list(fees);
    it.basis = required(col::kBasis);
    return it;
  }

  // "不收费" / "无" → one free entry; "工本费：20元/证；加急费：50元" → two, amounts as written.
  static json fee_list(const std::string& text) {
    if (text == "不收费" || text == "无" || text == "免费")
      return json::array({{{"name", "不收费"}, {"amount", "0"}, {"basis", ""}}});
    json out = json::array();
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = std::min(text.find("；", start), text.find(';', start));
      if (end == std::string::npos) end = text.size();
      const std::string part = trim(text.substr(start, end - start));
      if (!part.empty()) {
        std::size_t colon = part.find("：");
        std::size_t width = 3;
        if (colon == std::string::npos) {
          colon = part.find(':');
          width = 1;
        }
        if (colon == std::string::npos) out.push_back({{"name", "收费"}, {"amount", part}, {"basis", ""}});
        else
          out.push_back(
              {{"name", trim(part.substr(0, colon))}, {"amount", trim(part.substr(colon + width))}, {"basis", ""}});
      }
      start = end + (end < text.size() && text[end] == ';' ? 1 : 3);
    }
    return out;
  }

  // A further row of the same item that repeats the item's columns: they must agree.
  void check_repeated(const Sheet& sheet, const Header& h, std::size_t r, Item& it) {
    const Sheet& s = sheet;
    for (const char* name : kItemColumns) {
      const std::string v = cell(s, h, r, name);
      const std::string first = cell(s, h, it.row - 1, name);
      if (!v.empty() && v != first) {
        problem(kItemSheet, r + 1, name, h.of(name), "import.inconsistent_value",
                std::string("同一事项的") + name + "与第 " + std::to_string(it.row) + " 行不同（“" + first + "”）");
        it.broken = true;
      }
    }
  }

  void read_material(const Sheet& sheet, const Header& h, std::size_t r, Item& it) {
    const std::size_t row = r + 1;
    const auto get = [&](const char* name) { return cell(sheet, h, r, name); };
    const char* const columns[] = {col::kMaterial, col::kForm,       col::kCopies,
                                   col::kNeeded,   col::kDeferrable, col::kCommitment};
    bool any = false;
    for (const char* name : columns) any = any || !get(name).empty();
    if (!any || get(col::kMaterial) == "无") return;  // an item without materials, or a row without one
    const auto bad = [&](const char* name, const char* code, std::string message) {
      problem(kItemSheet, row, name, h.of(name), code, std::move(message));
      it.broken = true;
    };
    Material m;
    m.name = get(col::kMaterial);
    if (m.name.empty()) bad(col::kMaterial, "import.missing_value", "缺少材料名称（此行填写了材料信息）");
    for (const auto& other : it.materials)
      if (!m.name.empty() && other.name == m.name)
        bad(col::kMaterial, "import.duplicate_value", "材料“" + m.name + "”在本事项中出现了两次");
    const std::string form = get(col::kForm);
    if (form.empty()) bad(col::kForm, "import.missing_value", "缺少材料形式（原件、复印件、原件和复印件、电子件）");
    else if (form == "原件") m.form = "original";
    else if (form == "复印件") m.form = "copy";
    else if (form == "原件和复印件" || form == "原件及复印件") m.form = "original_and_copy";
    else if (form == "电子件" || form == "电子证照") m.form = "electronic";
    else
      bad(col::kForm, "import.bad_value", "材料形式应为 原件、复印件、原件和复印件、电子件 之一，现为“" + form + "”");
    if (const std::string copies = get(col::kCopies); !copies.empty()) {
      const bool digits =
          copies.size() <= 2 && std::all_of(copies.begin(), copies.end(), [](char c) { return c >= '0' && c <= '9'; });
      m.copies = digits ? std::stoi(copies) : 0;
      if (m.copies < 1) bad(col::kCopies, "import.bad_number", "份数应为 1–99，现为“" + copies + "”");
    }
    const std::string needed = get(col::kNeeded);
    if (needed == "必要" || needed == "是") m.required = true;
    else if (needed == "非必要" || needed == "否") m.required = false;
    else if (needed.empty()) bad(col::kNeeded, "import.missing_value", "缺少是否必要（必要、非必要）");
    else bad(col::kNeeded, "import.bad_value", "是否必要应为 必要、非必要 之一，现为“" + needed + "”");
    const auto yes_no = [&](const char* name) {
      const std::string v = get(name);
      if (v.empty() || v == "否") return false;
      if (v == "是") return true;
      bad(name, "import.bad_value", std::string(name) + "应为 是、否 之一，现为“" + v + "”");
      return false;
    };
    m.deferrable = yes_no(col::kDeferrable);
    m.commitment = yes_no(col::kCommitment);
    it.materials.push_back(std::move(m));
  }

  // ---- the catalog ----
  json item_json(const Item& it) const {
    const MappedDepartment& d = departments_.at(it.department);
    json j = {{"id", "item_" + lower(it.code)},
              {"name", it.name},
              {"department", d.id},
              {"window", it.window},
              {"level", d.level},
              {"kind", it.kind},
              {"online_level", it.online},
              {"legal_days", it.legal},
              {"promised_days", it.promised}};
    json fields = json::array();
    json answers = json::object();
    json values = json::object();
    const bool person = it.applicants != "company", company = it.applicants != "person";
    const bool both = person && company;
    if (both) {
      j["questions"] = json::array({{{"id", "applicant_kind"},
                                     {"text", "申请人类型"},
                                     {"options", json::array({{{"value", "person"}, {"label", "个人"}},
                                                              {{"value", "company"}, {"label", "单位"}}})}}});
      answers["applicant_kind"] = "person";
    }
    const auto when = [&](json field, const char* kind) {
      if (!both) {
        field["required"] = true;
      } else {
        const json cond = {{"field", "applicant_kind"}, {"equals", kind}};
        field["required_when"] = cond;
        field["shown_when"] = cond;
      }
      return field;
    };
    if (person) {
      fields.push_back(when(
          {{"id", "applicant_name"}, {"label", "申请人姓名"}, {"type", "text"}, {"min_length", 2}, {"max_length", 30}},
          "person"));
      fields.push_back(
          when({{"id", "applicant_id"}, {"label", "申请人身份证号码"}, {"type", "resident_id"}}, "person"));
      values["applicant_name"] = kExampleName;
      values["applicant_id"] = kExampleId;
    }
    if (company) {
      fields.push_back(
          when({{"id", "company_name"}, {"label", "单位名称"}, {"type", "text"}, {"max_length", 100}}, "company"));
      fields.push_back(when({{"id", "company_uscc"}, {"label", "统一社会信用代码"}, {"type", "uscc"}}, "company"));
      if (!both) {
        values["company_name"] = kExampleCompany;
        values["company_uscc"] = kExampleUscc;
      }
    }
    fields.push_back({{"id", "contact_phone"}, {"label", "联系电话"}, {"type", "mobile"}, {"required", true}});
    values["contact_phone"] = kExamplePhone;
    j["fields"] = fields;
    json materials = json::array();
    json given = json::object();
    bool commitment = false;
    for (std::size_t k = 0; k < it.materials.size(); ++k) {
      const Material& m = it.materials[k];
      const std::string id = "m" + std::to_string(k + 1);
      json mj = {{"id", id}, {"name", m.name}, {"form", m.form}, {"copies", m.copies}};
      if (m.required) mj["required"] = true;
      if (m.deferrable) mj["deferrable"] = true;
      if (m.commitment) mj["commitment"] = true;
      commitment = commitment || m.commitment;
      materials.push_back(mj);
      if (m.required)
        given[id] = {{"by", "file"}, {"files", json::array({{{"type", "pdf"}, {"bytes", 204800}, {"pages", 2}}})}};
    }
    j["materials"] = materials;
    json to_complete = json::array({"form"});
    if (commitment) {
      j["commitment"] = {{"text", kCommitmentText}};
      to_complete.push_back("commitment_text");
    }
    if (person && !company) j["applicant"] = {{"fields", json::array({"applicant_id"})}, {"proxy", false}};
    j["fees"] = it.fees;
    j["basis"] = it.basis;
    j["source"] = "reported";
    j["to_complete"] = to_complete;
    json application = {{"fields", values}, {"materials", given}};
    if (!answers.empty()) application["answers"] = answers;
    j["example"] = {{"as_of", options_.as_of}, {"application", application}};
    return j;
  }

  static std::string lower(std::string s) {
    for (char& c : s) c = c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c == '-' ? '_' : c;
    return s;
  }

  // Replaces the entry of `list` with the same id, or appends.
  static void put(json& list, json entry) {
    for (auto& e : list)
      if (e.value("id", "") == entry["id"]) {
        e = std::move(entry);
        return;
      }
    list.push_back(std::move(entry));
  }

  void assemble() {
    json c = options_.base ? *options_.base
                           : json{{"schema_version", 1},
                                  {"id", options_.catalog_id},
                                  {"name", options_.catalog_name},
                                  {"version", options_.version},
                                  {"departments", json::array()},
                                  {"windows", json::array()},
                                  {"licence_types", json::array()},
                                  {"items", json::array()},
                                  {"bundles", json::array()}};
    for (const char* list : {"departments", "windows", "items"})
      if (!c.contains(list) || !c[list].is_array()) c[list] = json::array();
    for (const auto& id : window_order_) {
      const MappedWindow& w = windows_.at(id);
      put(c["windows"],
          {{"id", w.id}, {"name", w.name}, {"kind", w.kind}, {"location", w.location}, {"hours", w.hours}});
    }
    for (const auto& name : department_order_) {
      const MappedDepartment& d = departments_.at(name);
      json dj = {{"id", d.id}, {"name", d.name}, {"level", d.level}};
      if (!d.region.empty()) dj["region"] = d.region;
      put(c["departments"], std::move(dj));
    }
    // The items that read without a problem, checked again by the core's lint: an item the
    // lint rejects is reported at its row and left out, so the catalog returned lints clean.
    std::vector<const Item*> good;
    for (const auto& it : items_)
      if (!it.broken) good.push_back(&it);
    for (int round = 0;; ++round) {
      json trial = c;
      std::map<std::size_t, const Item*> at;  // index in trial["items"] → imported item
      for (const Item* it : good) {
        json j = item_json(*it);
        const std::string id = j["id"];
        std::size_t index = trial["items"].size();
        for (std::size_t k = 0; k < trial["items"].size(); ++k)
          if (trial["items"][k].value("id", "") == id) index = k;
        put(trial["items"], std::move(j));
        at[index] = it;
      }
      const auto problems = lint_catalog(trial.dump());
      std::set<const Item*> rejected;
      for (const auto& p : problems) {
        const Item* it = nullptr;
        if (p.path.rfind("/items/", 0) == 0) {
          const auto i = at.find(std::stoul(p.path.substr(7)));
          if (i != at.end()) it = i->second;
        }
        if (it) {
          if (rejected.insert(it).second)
            problem(kItemSheet, it->row, "", std::nullopt, "import.lint",
                    "事项未通过目录检查（" + p.code + " " + p.path + "）：" + p.message);
        } else if (round == 0) {
          problem("", 0, "", std::nullopt, "import.lint", "目录检查：" + p.path + " " + p.code + "：" + p.message);
        }
      }
      if (rejected.empty()) {
        result_.items_imported = good.size();
        result_.catalog = std::move(trial);
        return;
      }
      good.erase(std::remove_if(good.begin(), good.end(), [&](const Item* it) { return rejected.count(it) > 0; }),
                 good.end());
    }
  }

  const Workbook& book_;
  const ImportOptions& options_;
  ImportResult result_;
  std::map<std::string, MappedDepartment> departments_;  // by 实施主体
  std::vector<std::string> department_order_;
  std::map<std::string, MappedWindow> windows_;      // by 窗口编号
  std::map<std::string, std::string> window_names_;  // 受理窗口 → 窗口编号
  std::vector<std::string> window_order_;
  std::deque<Item> items_;  // a deque: the reader keeps a pointer to the item it is reading
  bool skipping_ = false;   // inside a rejected item's rows (no orphan report for them)
};

}  // namespace

ImportResult import_item_list(const Workbook& book, const ImportOptions& options) {
  return Importer(book, options).run();
}

std::string problem_line(const ImportProblem& p) {
  std::string where = p.sheet.empty() ? "目录" : p.sheet;
  if (!p.cell.empty()) where += " " + p.cell;
  else if (p.row > 0) where += " 第 " + std::to_string(p.row) + " 行";
  if (!p.column.empty()) where += "（" + p.column + "）";
  return where + "：" + p.message + " [" + p.code + "]";
}

}  // namespace yilu::server
