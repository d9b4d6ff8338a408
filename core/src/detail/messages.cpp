#include "detail/messages.hpp"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

namespace yilu::detail {
namespace {

struct Entry {
  std::string_view code;
  std::string_view text;
};

// Grouped by subject; looked up through by_code() (every invalid value a resident types, every
// problem of a validate report renders one).
const Entry kMessages[] = {
    // The call surface
    {"bad_json", "请求不是有效的 JSON"},
    {"not_object", "请求应为 JSON 对象"},
    {"unknown_op", "不支持的操作：{op}"},
    {"missing_field", "缺少必填字段：{field}"},
    {"wrong_type", "字段 {field} 的类型应为{expected}"},
    {"bad_date", "字段 {field} 不是有效的日期（应为 YYYY-MM-DD 格式的真实日期）"},
    {"bad_timestamp", "字段 {field} 不是有效的时间（应为 2024-09-27T09:30:00+08:00 这样的格式）"},
    {"days_out_of_range", "工作日数超出范围：应为 1 到 {max} 之间的整数"},
    {"value_out_of_range", "字段 {field} 超出允许范围"},
    {"request_too_large", "请求过大（超过 {limit} 字节）"},
    {"json_too_deep", "请求的 JSON 嵌套层数过多（超过 {limit} 层）"},
    {"line_too_long", "输入行过长（超过 {limit} 字节），已跳过"},
    {"calendar_not_loaded", "尚未加载节假日数据"},
    {"missing_reason", "延期必须说明理由"},
    {"internal_error", "系统内部错误，请稍后再试"},
    {"item_and_limit", "已按事项（item）计算时限，不能再给出 {field}：时限、是否计受理当日和日历地区均由事项目录决定"},
    {"answers_without_item", "情形回答（answers）只在按事项（item）计算时限时使用"},
    {"bad_interval", "中止期间的结束时间早于开始时间"},
    {"deadline.bad_days", "时限应为正整数个工作日，延期天数不能为负"},
    // The calendar: data and date errors
    {"calendar_invalid", "节假日数据有误：{what}"},
    {"calendar.not_json_object", "不是有效的 JSON 对象"},
    {"calendar.entries_not_object", "应为对象 {日期: 节日名}"},
    {"calendar.entry_date", "日期格式应为该年份的 YYYY-MM-DD"},
    {"calendar.entry_name", "节日名应为非空字符串"},
    {"calendar.entry_out_of_range", "日期超出范围"},
    {"calendar.years_not_object", "years 应为对象"},
    {"calendar.year_out_of_range", "年份超出数据范围"},
    {"calendar.not_object", "应为对象"},
    {"calendar.fixed_not_array", "应为数组"},
    {"calendar.fixed_rule", "需要 month、day、days、name"},
    {"calendar.fixed_date", "不是有效的日期"},
    {"calendar.first_year", "first_year 应为 1900–2100 的整数"},
    {"calendar.last_year", "last_year 应为不小于 first_year 的整数"},
    {"calendar.through_year", "through_year 应在 last_year 之后 50 年以内"},
    {"calendar.years_missing", "缺少 years"},
    {"calendar.regions_not_object", "regions 应为对象"},
    {"calendar.region_id", "地区标识应为 1–64 个字符"},
    {"date_before_calendar", "日期早于节假日数据的起始年份 {first_year} 年"},
    {"date_after_calendar", "日期晚于节假日数据可推算的范围（{horizon_year} 年）"},
    {"calendar.days_out_of_range", "工作日数应为正整数，且结果不晚于 {horizon_year} 年"},
    {"unknown_region", "未知的日历地区：{region}"},
    // Words for the type a value should have: the {expected} of wrong_type messages
    {"type.object", "对象"},
    {"type.array", "数组"},
    {"type.nonempty_array", "非空数组"},
    {"type.string", "字符串"},
    {"type.nonempty_string", "非空字符串"},
    {"type.integer", "整数"},
    {"type.boolean", "布尔值"},
    {"type.numeric", "数值"},
    {"type.number", "数字"},
    {"type.text", "文本"},
    {"type.yes_no", "是/否"},
    {"type.list", "列表"},
    {"list.separator", "、"},
    // Mobile numbers: reasons a resident reads under the field
    {"mobile.length", "手机号码应为 11 位数字"},
    {"mobile.charset", "手机号码只能包含数字"},
    {"mobile.prefix", "手机号码应以 13–19 开头"},
    // Identity numbers: reasons a resident reads under the field
    {"id.length", "身份证号码应为 18 位"},
    {"id.legacy_15_digit", "15 位的第一代身份证号码已停止使用，请填写 18 位号码"},
    {"id.charset", "身份证号码前 17 位应为数字，最后一位为数字或 X"},
    {"id.region", "身份证号码前两位不是有效的省级行政区划代码"},
    {"id.birth_date", "身份证号码中的出生日期（第 7–14 位）无效"},
    {"id.checksum", "身份证号码校验位不正确，请核对是否输错"},
    {"uscc.length", "统一社会信用代码应为 18 位"},
    {"uscc.charset", "统一社会信用代码含有无效字符（不使用 I、O、Z、S、V）"},
    {"uscc.region", "统一社会信用代码第 3–8 位不是有效的行政区划代码"},
    {"uscc.checksum", "统一社会信用代码校验位不正确，请核对是否输错"},
    // The catalog: problems found when loading or linting catalog data
    {"catalog_invalid", "事项目录数据有误（共 {count} 处问题），第一处：{first}"},
    {"catalog_not_loaded", "尚未加载事项目录"},
    {"unknown_item", "事项目录中没有该事项：{id}"},
    {"unknown_bundle", "事项目录中没有该“一件事”：{id}"},
    {"item_or_bundle", "请指定 item（单个事项）或 bundle（一件事）之一"},
    {"catalog.bad_json", "事项目录不是有效的 JSON"},
    {"catalog.too_deep", "事项目录的嵌套超过 {max} 层"},
    {"catalog.schema_version", "不支持的目录格式版本 {found}（支持 {supported}）"},
    {"catalog.missing", "缺少必需的内容（应为{expected}）"},
    {"catalog.wrong_type", "类型不对（应为{expected}）"},
    {"catalog.unknown_key", "无法识别的键“{key}”（拼写错误？说明请写在以 _ 开头的键中）"},
    {"catalog.duplicate_id", "标识“{id}”重复"},
    {"catalog.unknown_department", "部门“{id}”不存在"},
    {"catalog.unknown_window", "窗口“{id}”不存在"},
    {"catalog.unknown_licence", "电子证照类型“{id}”不存在"},
    {"catalog.unknown_life_event", "办事场景（人生大事或企业经营阶段）“{id}”不存在"},
    {"catalog.slice_mismatch", "目录片段不属于同一份目录，或同一编号“{id}”的内容不一致"},
    {"catalog.unknown_item", "事项“{id}”不存在"},
    {"catalog.unknown_reference", "引用的字段或情形问题“{name}”不存在"},
    {"catalog.unknown_option", "“{value}”不是该情形问题的选项"},
    {"catalog.bad_value", "取值超出范围（{min} 到 {max}）"},
    {"catalog.bad_enum", "取值无效，可选：{allowed}"},
    {"catalog.bad_range", "下限大于上限"},
    {"catalog.bad_date_bound", "日期界限无效（应为 YYYY-MM-DD、as_of 或 as_of-18y 这样的相对写法）"},
    {"catalog.bad_condition", "条件写法无效（应为 all/any/not，或 field 加 equals/in/gt/ge/lt/le/present 之一）"},
    {"catalog.condition_too_deep", "条件嵌套超过 {max} 层"},
    {"catalog.example_too_deep", "示例申请的嵌套超过 {max} 层"},
    {"catalog.condition_on_group", "条件不能直接引用重复组“{name}”"},
    {"catalog.not_applicable", "该字段类型（{type}）不使用此设置"},
    {"catalog.nested_group", "重复组中不能再嵌套重复组"},
    {"catalog.key_deferrable", "关键材料“{id}”不能设为容缺"},
    {"commitment.default_text",
     "本人自愿以告知承诺方式办理“{item}"
     "”，承诺如下：一、本人已知晓本事项的办理条件和所需材料；二、本人以承诺代替的材料所载事项真实、准确、有效，本人符合"
     "办理条件；三、本人同意行政机关在作出决定后对承诺内容进行核查；四、如承诺不实，本人愿意承担相应法律责任，并同意行"
     "政机关依法撤销已作出的决定。"},
    {"catalog.promised_exceeds_legal", "承诺时限 {promised} 个工作日超过法定时限 {legal} 个工作日"},
    {"catalog.option_exceeds_promised", "情形时限 {days} 个工作日超过事项的承诺时限 {promised} 个工作日"},
    {"catalog.licence_not_yet_issued", "电子证照“{id}”在此前的阶段中没有事项出具，不能复用"},
    {"catalog.field_conflict", "同一“一件事”中字段“{name}”在事项 {item} 中的类型与此前不同"},
    {"catalog.rule_field_type", "规则引用的字段“{name}”应为 {expected} 类型"},
    {"catalog.too_many", "数量超过上限 {max}"},
    {"catalog.required_and_conditional", "已设为必填（required: true），不能再设条件必填（required_when）"},
    {"catalog.example_missing", "事项缺少示例申请（example）"},
    {"catalog.unknown_file_type", "文件类型“{type}”不在可接受的类型中（可用：{allowed}）"},
    // Validation of an application: what a resident reads under a field or material
    {"application.wrong_type", "申请内容的格式不对（应为{expected}）"},
    {"application.too_many", "填写的项目过多（最多 {max} 项）"},
    {"application.unknown_key", "无法识别的内容“{key}”，已忽略"},
    {"answer.required", "请回答：{question}"},
    {"answer.not_option", "“{question}”的回答不是可选项之一"},
    {"answer.unknown", "无法识别的情形问题“{key}”，已忽略"},
    {"field.required", "请填写{label}"},
    {"field.wrong_type", "{label}的格式不对（应为{expected}）"},
    {"field.not_integer", "{label}应为整数"},
    {"field.too_small", "{label}不能小于 {min}"},
    {"field.too_large", "{label}不能大于 {max}"},
    {"field.too_long", "{label}不能超过 {max} 个字"},
    {"field.too_short", "{label}至少应有 {min} 个字"},
    {"field.mobile", "{label}不是有效的手机号码（11 位数字，以 1 开头）"},
    {"field.email", "{label}不是有效的电子邮箱地址"},
    {"field.area_code", "{label}不是有效的行政区划代码（6 位数字，以 {prefix} 开头）"},
    {"field.not_option", "{label}的取值不是可选项之一"},
    {"field.bad_date", "{label}不是有效的日期（应为 YYYY-MM-DD）"},
    {"field.date_too_early", "{label}不能早于 {min}"},
    {"field.date_too_late", "{label}不能晚于 {max}"},
    {"field.not_shown", "本情形无需填写{label}，已忽略"},
    {"field.unknown", "无法识别的字段“{key}”，已忽略"},
    {"group.too_many", "{label}最多填写 {max} 组"},
    {"group.too_few", "{label}至少填写 {min} 组"},
    {"rule.date_order", "{before}应早于{after}"},
    {"rule.min_age", "{label}对应的申请人应年满 {years} 周岁"},
    {"rule.id_birth_date", "{label}与{id_label}中的出生日期（{id_date}）不一致"},
    {"rule.id_gender", "{label}与{id_label}中的性别不一致"},
    {"material.missing", "请提交材料：{name}"},
    {"material.bad_entry", "材料“{name}”的提交方式无效（应为上传文件、电子证照、告知承诺或容缺）"},
    {"material.no_files", "材料“{name}”没有上传文件"},
    {"material.too_many_files", "材料“{name}”最多上传 {max} 个文件"},
    {"material.bad_file", "材料“{name}”的文件信息不完整（类型、大小、页数）"},
    {"material.file_type", "材料“{name}”的文件类型不支持（可用：{allowed}）"},
    {"material.too_large", "材料“{name}”的文件超过 {max_mib} MB"},
    {"material.too_many_pages", "材料“{name}”的页数超过 {max} 页"},
    {"material.licence_not_accepted", "材料“{name}”不能以电子证照代替"},
    {"material.licence_mismatch", "材料“{name}”只能以“{licence}”电子证照代替"},
    {"material.licence_number", "材料“{name}”缺少电子证照编号"},
    {"material.commitment_not_allowed", "材料“{name}”不适用告知承诺"},
    {"material.commitment_unsigned", "材料“{name}”的告知承诺书尚未签署"},
    {"material.not_deferrable", "材料“{name}”是关键材料或不适用容缺，必须当场提交"},
    {"material.reused", "材料“{name}”将复用前一阶段出具的电子证照，无需提交"},
    {"material.not_required", "本情形无需提交材料“{name}”，已忽略"},
    {"material.unknown", "无法识别的材料“{key}”，已忽略"},
};

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

std::string param_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The entries in code order, sorted once: a binary search instead of comparing every code.
const std::vector<const Entry*>& by_code() {
  static const std::vector<const Entry*> sorted = [] {
    std::vector<const Entry*> v;
    for (const Entry& e : kMessages) v.push_back(&e);
    std::sort(v.begin(), v.end(), [](const Entry* a, const Entry* b) { return a->code < b->code; });
    return v;
  }();
  return sorted;
}

const Entry* find_message(std::string_view code) {
  const auto& v = by_code();
  const auto it =
      std::lower_bound(v.begin(), v.end(), code, [](const Entry* e, std::string_view c) { return e->code < c; });
  return it != v.end() && (*it)->code == code ? *it : nullptr;
}

// The text with each {name} replaced by its parameter (params: an object, or null for none).
std::string render(std::string_view code, const nlohmann::json* params) {
  const Entry* entry = find_message(code);
  if (!entry) return "错误（" + std::string(code) + "）";
  const std::string_view text = entry->text;
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t open = text.find('{', at);
    out.append(text.substr(at, open == std::string_view::npos ? std::string_view::npos : open - at));
    if (open == std::string_view::npos) break;
    std::size_t close = open + 1;
    // Only {name} with an ASCII identifier is a placeholder: "{日期: 节日名}" is text.
    while (close < text.size() && is_name_char(text[close])) ++close;
    if (close < text.size() && text[close] == '}' && close != open + 1) {
      const std::string key(text.substr(open + 1, close - open - 1));
      if (params && params->is_object()) {
        const auto it = params->find(key);
        if (it != params->end()) out += param_text(*it);
      }
      at = close + 1;
    } else {
      out.push_back('{');
      at = open + 1;
    }
  }
  return out;
}

}  // namespace

std::string type_word(std::string_view type) { return render_message("type." + std::string(type)); }

std::string render_message(std::string_view code) { return render(code, nullptr); }

std::string_view reason_message(std::string_view family, std::string_view reason, std::string& scratch) {
  char code[64];
  if (family.size() + 1 + reason.size() > sizeof code)
    return scratch = render_message(std::string(family) + "." + std::string(reason));
  std::memcpy(code, family.data(), family.size());
  code[family.size()] = '.';
  std::memcpy(code + family.size() + 1, reason.data(), reason.size());
  const std::string_view key(code, family.size() + 1 + reason.size());
  const Entry* entry = find_message(key);
  if (entry && std::string_view(entry->text).find('{') == std::string_view::npos) return entry->text;
  return scratch = render(key, nullptr);
}

std::string render_message(std::string_view code, const nlohmann::json& params) { return render(code, &params); }

}  // namespace yilu::detail
