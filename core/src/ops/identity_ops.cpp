// check_id, check_uscc, check_mobile: the contract of docs/core-api.md, plus a Chinese `message` for an invalid value.
#include "detail/messages.hpp"
#include "detail/ops.hpp"
#include "detail/request.hpp"
#include "yilu/contact.hpp"
#include "yilu/identity.hpp"

namespace yilu::detail {
namespace {

// An invalid value's reason and its Chinese message. The members are written in the answer's
// key order (message, reason, then valid; birth_date … region for a valid ID): the writer then
// has only "ok" to move into place.
void write_reason(JsonWriter& out, std::string_view family, std::string_view reason) {
  std::string scratch;
  out.member("message", reason_message(family, reason, scratch));
  out.member("reason", reason);
}

}  // namespace

OpStatus op_check_id(const Value& request, const OpContext& ctx, JsonWriter& out) {
  const Fields f(request);
  const auto value = f.string("value");
  if (!value.ok()) return value.error();
  const auto as_of = f.date_or("as_of", ctx.call.today);
  if (!as_of.ok()) return as_of.error();
  const IdCheck r = check_resident_id(value.value(), as_of.value());
  if (r.valid()) {
    out.member("birth_date", DateText(r.birth_date).view());
    out.member("gender", r.male ? "male" : "female");
    out.member("normalized", r.normalized_view());
    out.member("region", r.region());
  } else {
    write_reason(out, "id", id_reason_code(r.reason));
  }
  out.member("valid", r.valid());
  return std::nullopt;
}

OpStatus op_check_uscc(const Value& request, const OpContext&, JsonWriter& out) {
  const Fields f(request);
  const auto value = f.string("value");
  if (!value.ok()) return value.error();
  const UsccCheck r = check_uscc(value.value());
  if (r.valid()) out.member("normalized", r.normalized_view());
  else write_reason(out, "uscc", uscc_reason_code(r.reason));
  out.member("valid", r.valid());
  return std::nullopt;
}

OpStatus op_check_mobile(const Value& request, const OpContext&, JsonWriter& out) {
  const Fields f(request);
  const auto value = f.string("value");
  if (!value.ok()) return value.error();
  const MobileCheck r = check_mobile(value.value());
  if (r.valid()) out.member("normalized", r.normalized_view());
  else write_reason(out, "mobile", mobile_reason_code(r.reason));
  out.member("valid", r.valid());
  return std::nullopt;
}

}  // namespace yilu::detail
