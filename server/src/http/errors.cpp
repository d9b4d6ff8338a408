#include "http/errors.hpp"

#include <algorithm>
#include <iterator>

namespace yilu::server::http {

namespace {

// Sorted by code at start-up would cost a lock; the table is small and read-only, so a
// linear scan (a few dozen string compares) is what every error pays.
const ErrorInfo kErrors[] = {
    {"bad_json", 400, "请求不是有效的 JSON"},
    {"not_object", 400, "请求体必须是 JSON 对象"},
    {"json_too_deep", 400, "请求的 JSON 嵌套层数过多（最多 64 层）"},
    {"unsupported_media_type", 415, "请求的内容类型不受支持（应为 application/json）"},
    {"payload_too_large", 413, "请求体过大"},
    {"range_not_satisfiable", 416, "请求的字节范围无效（最多 5 段、互不重叠、在内容长度以内）"},
    {"too_many_connections", 503, "来自同一地址的连接过多，请稍后再试"},
    {"not_found", 404, "未找到"},
    {"catalog_entry_not_found", 404, "办事目录中没有这个事项或一件事，目录可能已更新，请返回首页重新查找"},
    {"divisions_not_loaded", 503, "行政区划数据未加载，请手动填写 6 位行政区划代码"},
    {"method_not_allowed", 405, "不支持该请求方法"},
    {"unauthorized", 401, "请先登录"},
    {"forbidden", 403, "无权进行此操作"},
    {"internal_error", 500, "服务器内部错误，请稍后重试"},
    {"storage_error", 500, "数据存储出错，请稍后重试"},
    {"not_ready", 503, "服务暂未就绪（数据库不可用或版本不符），请稍后再试"},
    {"storage_unavailable", 503, "数据库暂时无法连接，请稍后重试；已提交成功的申请不会丢失"},
    {"storage_full", 507, "服务器存储空间已满，暂时不能保存新的内容；已保存的申请和材料不受影响，请稍后再试"},
    {"bad_request", 400, "请求有误"},
    {"missing_field", 422, "缺少必填项"},
    {"bad_phone", 400, "手机号码格式不正确"},
    {"rate_limited", 429, "操作过于频繁，请稍后再试"},
    {"sms_unavailable", 503, "短信发送失败，请稍后再试"},
    {"bad_code", 401, "验证码不正确"},
    {"code_expired", 401, "验证码已过期，请重新获取"},
    {"too_many_attempts", 429, "验证码错误次数过多，请重新获取"},
    {"bad_credentials", 401, "用户名或密码不正确"},
    {"invalid_id_number", 422, "身份证号码无效"},
    {"bad_name", 422, "姓名不正确"},
    {"profile_required", 403, "请先完成实名认证"},
    {"bad_multipart", 400, "上传格式不正确（应为 multipart/form-data，文件字段名为 file）"},
    {"bad_file_name", 400, "文件名无效"},
    {"file_too_large", 413, "文件超过该材料允许的大小"},
    {"unsupported_file_type", 415, "文件内容不是该材料允许的类型（按内容判断，不看文件名）"},
    {"file_damaged", 422, "文件不完整或格式不对（可能已损坏，或只是改了扩展名），请重新导出或拍照后上传"},
    {"file_active_content", 422, "文件里夹带网页、脚本或程序，不能作为申请材料"},
    {"upload_quota", 429, "今天上传的文件已达上限，请明天再试"},
    {"application_quota", 429, "今天提交的申请已达上限，请明天再试；如有急办事项请到综合窗口办理"},
    {"bad_cursor", 400, "翻页参数无效，请从第一页重新查看"},
    {"bad_limit", 400, "每页条数无效（1 到 200）"},
    {"bad_audit_kind", 400, "审计记录类型无效"},
    {"bad_time", 400, "时间格式无效（应为 YYYY-MM-DD 或 RFC 3339 时间）"},
    {"bad_period", 400, "统计时段无效：日期应为 YYYY-MM-DD，结束日期不早于开始日期，最长 3 年"},
    {"bad_group_by", 400, "分组方式无效，请从页面提供的分组中选择"},
    {"calendar_schedule_invalid", 422, "节假日安排有误，请按提示修改后再发布"},
    {"calendar_version_not_found", 404, "没有这个日历版本"},
    {"catalog_version_not_found", 404, "没有这个目录版本"},
    {"catalog_invalid", 422, "事项目录未通过检查，请按提示修改后再发布"},
    {"bad_workbook", 400, "无法读取表格：应为工作簿 JSON（每个单元格为文本），detail 说明原因"},
    {"missing_note", 422, "请填写催办说明"},
    {"missing_answer", 422, "请填写整改情况"},
    {"bad_interval", 400, "统计周期无效（day 按日、week 按周、month 按月）"},
    {"bad_level", 400, "督办等级无效（normal、yellow、red、overdue）"},
    {"unknown_item", 404, "事项不存在"},
    {"unknown_material", 404, "该事项没有这项材料"},
    {"unknown_target", 422, "申请的事项或一件事不存在"},
    {"bad_stage", 422, "一件事的阶段不正确"},
    {"unknown_upload", 422, "引用的上传文件不存在"},
    {"unknown_licence", 422, "引用的电子证照不存在或不属于本人"},
    {"invalid_application", 422, "申请材料或信息有误，请按提示修改"},
    {"bad_idempotency_key", 400, "Idempotency-Key 无效（1 到 128 个可见字符）"},
    {"idempotency_key_reused", 409, "同一个 Idempotency-Key 已用于另一份申请"},
    {"illegal_transition", 409, "当前状态下不能进行此操作"},
    {"already_extended", 409, "该事项已延长过一次期限"},
    {"missing_reason", 422, "请填写理由"},
    {"bad_score", 422, "评分应为 1 到 5 的整数"},
    {"bad_role", 422, "角色不正确（clerk、reviewer、supervisor、admin）"},
    {"unknown_window", 422, "窗口不存在"},
    {"unknown_department", 422, "部门不存在"},
    {"weak_password", 422, "密码太弱：至少 10 个字符，不能全是空白或同一个字符，不能是常见密码"},
    {"bad_username", 422, "用户名只能包含字母、数字、点、横线和下划线（1 到 64 个字符）"},
    {"username_taken", 409, "用户名已存在"},
    {"unknown_staff", 404, "工作人员账户不存在"},
    {"catalog_not_loaded", 503, "事项目录未加载"},
    {"calendar_not_loaded", 503, "工作日历未加载"},
    {"batch_too_large", 400, "批量请求过多"},
    {"bad_days", 422, "延长天数应为 1 到 30 的整数"},
    {"bad_status", 400, "状态筛选条件不正确"},
    {"applicant_not_self", 422, "申请人身份证号须为本人的（本事项不可代他人办理）"},
    {"proxy_relation_required", 422, "为他人代办时请填写与申请人的关系"},
    {"commitment_signer_mismatch", 422, "告知承诺书须由本人签署：签名应与实名认证的姓名一致"},
    {"not_owed", 422, "该材料不是待补交的容缺材料"},
    {"missing_files", 422, "请上传要补交的材料文件"},
    {"materials_owed", 409, "还有容缺材料未补交，补齐后才能出件"},
    {"profile_locked", 409, "实名信息已认证，不能在手机上更改；如需更正请到窗口办理"},
    {"profile_mismatch", 409, "该手机号已实名认证为其他姓名或身份证号"},
    {"too_many_guesses", 429, "验证码错误次数过多，请稍后再试"},
    {"too_many_failures", 429, "登录失败次数过多，请稍后再试"},
    {"wrong_password", 422, "当前密码不正确"},
    {"password_unchanged", 422, "新密码不能与当前密码相同"},
    {"last_admin", 409, "不能停用最后一个启用中的管理员账户"},
};

const ErrorInfo kUnknown{"", 400, "请求无法处理"};

}  // namespace

const ErrorInfo& error_info(std::string_view code) {
  const auto it =
      std::find_if(std::begin(kErrors), std::end(kErrors), [&](const ErrorInfo& e) { return code == e.code; });
  return it == std::end(kErrors) ? kUnknown : *it;
}

std::vector<ErrorInfo> all_errors() { return {std::begin(kErrors), std::end(kErrors)}; }

}  // namespace yilu::server::http
