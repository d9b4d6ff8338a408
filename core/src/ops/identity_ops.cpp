// check_id, check_uscc, check_mobile: the contract of docs/core-api.md, plus a Chinese `message` for an invalid value.
#include "detail/messages.hpp"
#include "detail/ops.hpp"
#include "detail/request.hpp"
#include "yilu/contact.hpp"
#include "yilu/identity.hpp"

namespace yilu::detail {

OpStatus op_check_id(const Value& request, const OpContext& ctx, JsonWriter& out) {
  const Fields f(request);
  const auto value = f.string("value");
  if (!value.ok()) return value.error();
  const auto as_of = f.date_or("as_of", ctx.call.today);
  if (!as_of.ok()) return as_of.error();
  const IdCheck r = check_resident_id(value.value(), as_of.value());
  out.member("valid", r.valid());
  if (r.valid()) {
    out.member("normalized", r.normalized_view());
    out.member("birth_date", DateText(r.birth_date).view());
    out.member("gender", r.male ? "male" : "female");
    out.member("region", r.region());
  } else {
    const std::string_view reason = id_reason_code(r.reason);
    out.member("reason", reason);
    out.member("message", render_message(std::string("id.").append(reason)));
  }
  return std::nullopt;
}

OpStatus op_check_uscc(const Value& request, const OpContext&, JsonWriter& out) {
  const Fields f(request);
  const auto value = f.string("value");
  if (!value.ok()) return value.error();
  const UsccCheck r = check_uscc(value.value());
  out.member("valid", r.valid());
  if (r.valid()) {
    out.member("normalized", r.normalized_view());
  } else {
    const std::string_view reason = uscc_reason_code(r.reason);
    out.member("reason", reason);
    out.member("message", render_message(std::string("uscc.").append(reason)));
  }
  return std::nullopt;
}

OpStatus op_check_mobile(const Value& request, const OpContext&, JsonWriter& out) {
  const Fields f(request);
  const auto value = f.string("value");
  if (!value.ok()) return value.error();
  const MobileCheck r = check_mobile(value.value());
  out.member("valid", r.valid());
  if (r.valid()) {
    out.member("normalized", r.normalized_view());
  } else {
    const std::string_view reason = mobile_reason_code(r.reason);
    out.member("reason", reason);
    out.member("message", render_message(std::string("mobile.").append(reason)));
  }
  return std::nullopt;
}

}  // namespace yilu::detail
