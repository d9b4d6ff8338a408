#include "detail/messages.hpp"

#include <utility>

namespace yilu::detail {
namespace {

struct Entry {
  const char* code;
  const char* text;
};

// Sorted by nothing in particular; looked up linearly (a few dozen entries, cold path).
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
    {"line_too_long", "输入行过长（超过 {limit} 字节），已跳过"},
    {"calendar_not_loaded", "尚未加载节假日数据"},
    {"missing_reason", "延期必须说明理由"},
    {"internal_error", "系统内部错误，请稍后再试"},
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
};

std::string param_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string render_message(std::string_view code, const nlohmann::json& params) {
  const char* text = nullptr;
  for (const auto& e : kMessages)
    if (code == e.code) text = e.text;
  if (!text) return "错误（" + std::string(code) + "）";
  std::string out;
  for (const char* p = text; *p;) {
    if (*p == '{') {
      const char* close = p + 1;
      while (*close && *close != '}') ++close;
      if (*close == '}') {
        const std::string key(p + 1, close);
        const auto it = params.is_object() ? params.find(key) : params.end();
        if (it != params.end()) out += param_text(*it);
        p = close + 1;
        continue;
      }
    }
    out.push_back(*p++);
  }
  return out;
}

}  // namespace yilu::detail
