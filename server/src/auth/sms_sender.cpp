#include "auth/sms_sender.hpp"

#include <cstdio>

#include "auth/mask.hpp"
#include "log_text.hpp"

namespace yilu::server {

bool LogSmsSender::send_code(const std::string& phone, const std::string& code) {
  std::fprintf(stderr, "[sms] to %s: code %s\n", mask_phone(phone).c_str(), log_text(code).c_str());
  std::fflush(stderr);
  return true;
}

bool LogSmsSender::send_text(const std::string& phone, const std::string& text) {
  // Notices carry text staff typed (reasons): one line each, whatever they contain.
  std::fprintf(stderr, "[sms] to %s: %s\n", mask_phone(phone).c_str(), log_text(text).c_str());
  std::fflush(stderr);
  return true;
}

std::string LogSmsSender::describe() const { return "短信发送器：未配置短信网关，验证码写入本日志（[sms] 行）"; }

}  // namespace yilu::server
