#include "http/audit.hpp"

#include <cstdio>

#include "http/respond.hpp"
#include "log_text.hpp"

namespace yilu::server::http {

void audit(App& app, const httplib::Request& req, const std::string& kind, const std::string& actor_kind,
           const std::string& actor_id, const std::string& subject, const nlohmann::json& detail) {
  const AuditEntry e{0,
                     app.now(),
                     kind,
                     actor_kind,
                     actor_id.substr(0, 64),
                     subject.substr(0, 200),
                     client_address(app, req),
                     detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
  if (auto err = app.store->append_audit(e))
    std::fprintf(stderr, "[audit] not stored (%s): %s %s by %s:%s from %s %s\n", err->code.c_str(),
                 log_text(e.kind).c_str(), log_text(e.subject).c_str(), log_text(e.actor_kind).c_str(),
                 log_text(e.actor_id).c_str(), log_text(e.address).c_str(), log_text(e.detail).c_str());
}

void audit_caller(App& app, const httplib::Request& req, const Caller& c, const std::string& kind,
                  const std::string& subject, const nlohmann::json& detail) {
  if (c.staff) return audit(app, req, kind, "staff", c.staff->username, subject, detail);
  if (c.resident) return audit(app, req, kind, "resident", c.resident->id, subject, detail);
  audit(app, req, kind, "anonymous", "", subject, detail);
}

std::string audit_label(const std::string& kind) {
  static const std::pair<const char*, const char*> kLabels[] = {
      {"staff_sign_in", "工作人员登录"},     {"staff_sign_in_failed", "工作人员登录失败"},
      {"staff_sign_out", "工作人员退出"},    {"staff_password_changed", "修改密码"},
      {"application_read", "查看申请"},      {"file_read", "查看材料文件"},
      {"account_created", "新建账号"},       {"account_disabled", "停用账号"},
      {"profile_changed", "实名信息变更"},   {"calendar_published", "发布节假日安排"},
      {"catalog_published", "发布事项目录"},
  };
  for (const auto& [k, label] : kLabels)
    if (kind == k) return label;
  return "";
}

}  // namespace yilu::server::http
