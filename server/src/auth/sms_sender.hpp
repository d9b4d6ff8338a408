#pragma once
// Where one-time sign-in codes go. The embedded default writes them to the server log (there
// is no SMS gateway on a fresh machine); a deployment plugs in its gateway here.
#include <string>

namespace yilu::server {

class SmsSender {
 public:
  virtual ~SmsSender() = default;
  /// Sends the code; false when the gateway refused (the caller answers 503).
  virtual bool send_code(const std::string& phone, const std::string& code) = 0;
  /// Sends a notice (the workflow's templates, workflow/notices.hpp); false when refused —
  /// the notice stays in the in-app inbox either way.
  virtual bool send_text(const std::string& phone, const std::string& text) = 0;
  /// One line for the start-up banner saying where codes go.
  virtual std::string describe() const = 0;
};

/// Writes "[sms] to 138****8000: code 123456" to stderr. The code itself must be readable
/// there (that is the whole point of this sender); the number is masked.
class LogSmsSender final : public SmsSender {
 public:
  bool send_code(const std::string& phone, const std::string& code) override;
  bool send_text(const std::string& phone, const std::string& text) override;
  std::string describe() const override;
};

}  // namespace yilu::server
