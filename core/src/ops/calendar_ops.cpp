// is_workday, add_workdays, workdays_between, deadline (by hand or for a catalog item), calendar_info.
#include "detail/ops.hpp"
#include "detail/request.hpp"
#include "yilu/catalog.hpp"
#include "yilu/deadline.hpp"
#include "yilu/item_deadline.hpp"

namespace yilu::detail {
namespace {

// The largest `days` accepted: any larger answer would lie past every calendar horizon anyway.
constexpr std::int64_t kMaxDays = 100000;

Error with_path(Error e, std::string path) {
  if (e.path.empty()) e.path = std::move(path);
  return e;
}

}  // namespace

OpStatus op_is_workday(const Value& request, const OpContext& ctx, JsonWriter& out) {
  const Fields f(request);
  const auto d = f.date("date");
  if (!d.ok()) return d.error();
  const auto region = f.string_or_empty("region");
  if (!region.ok()) return region.error();
  const auto info = ctx.engine.calendar()->day_info(d.value(), region.value());
  if (!info.ok()) return with_path(info.error(), info.error().code == "unknown_region" ? "/region" : "/date");
  const DayInfo& i = info.value();
  out.member("workday", i.workday);
  if (!i.workday && !i.holiday.empty()) out.member("holiday", i.holiday);
  else out.member_null("holiday");
  if (i.makeup_workday) out.member("makeup_for", i.holiday);
  out.member("provisional", i.provisional);
  return std::nullopt;
}

OpStatus op_add_workdays(const Value& request, const OpContext& ctx, JsonWriter& out) {
  const Fields f(request);
  const auto d = f.date("date");
  if (!d.ok()) return d.error();
  const auto days = f.integer("days", 1, kMaxDays, "days_out_of_range");
  if (!days.ok()) return days.error();
  const auto region = f.string_or_empty("region");
  if (!region.ok()) return region.error();
  const auto r = ctx.engine.calendar()->add_workdays(d.value(), days.value(), region.value());
  if (!r.ok()) {
    if (r.error().code == "days_out_of_range") return make_error("days_out_of_range", "/days", {{"max", kMaxDays}});
    return with_path(r.error(), r.error().code == "unknown_region" ? "/region" : "/date");
  }
  out.member("date", DateText(r.value().date).view());
  out.member("provisional", r.value().provisional);
  return std::nullopt;
}

OpStatus op_workdays_between(const Value& request, const OpContext& ctx, JsonWriter& out) {
  const Fields f(request);
  const auto from = f.date("from");
  if (!from.ok()) return from.error();
  const auto to = f.date("to");
  if (!to.ok()) return to.error();
  const auto region = f.string_or_empty("region");
  if (!region.ok()) return region.error();
  const Calendar& cal = *ctx.engine.calendar();
  const auto n = cal.workdays_between(from.value(), to.value(), region.value());
  if (!n.ok()) return with_path(n.error(), n.error().code == "unknown_region" ? "/region" : "");
  out.member("workdays", n.value());
  out.member("provisional", cal.is_provisional(from.value()) || cal.is_provisional(to.value()));
  return std::nullopt;
}

namespace {

bool present(const Fields& f, std::string_view key) {
  const Value* v = f.find(key);
  return v && !v->is_null();
}

// The limit, whether the acceptance day counts and the region: from an item of the loaded
// catalog (item_deadline_input, the rule the server and the bundle plan use), or given by hand.
Result<DeadlineInput> read_limit(const Fields& f, const OpContext& ctx, Timestamp accepted_at) {
  if (present(f, "item")) {
    // The item decides all three: a second source for any of them would be a second rule.
    for (const char* key : {"limit_days", "counts_acceptance_day", "region"})
      if (present(f, key)) return make_error("item_and_limit", f.path(key), {{"field", key}});
    const Catalog* catalog = ctx.engine.catalog();
    if (!catalog) return make_error("catalog_not_loaded", "");
    const auto id = f.string("item");
    if (!id.ok()) return id.error();
    const ItemDef* item = catalog->item(id.value());
    if (!item) return make_error("unknown_item", "/item", {{"id", std::string(id.value())}});
    const Value* answers = f.find("answers");
    if (answers && answers->is_null()) answers = nullptr;
    if (answers && !answers->is_object()) return f.wrong_type("answers", "object");
    if (!answers) return item_deadline_input(*catalog, *item, nullptr, accepted_at);
    const json given = to_nlohmann(*answers);  // the item's deadline rule reads nlohmann values
    return item_deadline_input(*catalog, *item, &given, accepted_at);
  }
  if (present(f, "answers")) return make_error("answers_without_item", "/answers");
  DeadlineInput in;
  in.accepted_at = accepted_at;
  const auto limit = f.integer("limit_days", 1, 3650, "days_out_of_range");
  if (!limit.ok()) return limit.error();
  in.limit_days = limit.value();
  const auto counts = f.boolean_or("counts_acceptance_day", false);
  if (!counts.ok()) return counts.error();
  in.counts_acceptance_day = counts.value();
  const auto region = f.string_or_empty("region");
  if (!region.ok()) return region.error();
  in.region = std::string(region.value());
  return in;
}

Result<DeadlineInput> read_deadline_input(const Fields& f, const OpContext& ctx, Timestamp now) {
  const auto accepted = f.timestamp("accepted_at");
  if (!accepted.ok()) return accepted.error();
  auto limit = read_limit(f, ctx, accepted.value());
  if (!limit.ok()) return limit.error();
  DeadlineInput in = std::move(limit.value());

  if (const Value* pauses = f.find("pauses"); pauses && !pauses->is_null()) {
    if (!pauses->is_array()) return f.wrong_type("pauses", "array");
    if (pauses->size() > 100) return make_error("value_out_of_range", "/pauses", {{"field", "pauses"}});
    for (std::size_t i = 0; i < pauses->size(); ++i) {
      const Fields p((*pauses)[i], "/pauses/" + std::to_string(i));
      if (!(*pauses)[i].is_object())
        return make_error("wrong_type", "/pauses/" + std::to_string(i),
                          {{"field", "pauses"}, {"expected", type_word("object")}});
      const auto start = p.timestamp("start");
      if (!start.ok()) return start.error();
      Pause pause{start.value(), std::nullopt};
      if (const Value* end = p.find("end"); end && !end->is_null()) {
        const auto e = p.timestamp("end");
        if (!e.ok()) return e.error();
        if (e.value() < start.value()) return make_error("bad_interval", p.path("end"));
        pause.end = e.value();
      }
      if (!pause.end && start.value() > now) pause.end = start.value();  // not begun yet at "now"
      in.pauses.push_back(pause);
    }
  }
  if (const Value* ext = f.find("extensions"); ext && !ext->is_null()) {
    if (!ext->is_array()) return f.wrong_type("extensions", "array");
    if (ext->size() > 10) return make_error("value_out_of_range", "/extensions", {{"field", "extensions"}});
    for (std::size_t i = 0; i < ext->size(); ++i) {
      const std::string base = "/extensions/" + std::to_string(i);
      if (!(*ext)[i].is_object())
        return make_error("wrong_type", base, {{"field", "extensions"}, {"expected", type_word("object")}});
      const Fields x((*ext)[i], base);
      const auto days = x.integer("days", 1, 365, "days_out_of_range");
      if (!days.ok()) return days.error();
      const auto reason = x.string_or_empty("reason");
      if (!reason.ok()) return reason.error();
      if (reason.value().empty()) return make_error("missing_reason", x.path("reason"));
      in.extension_days += days.value();
    }
  }
  return in;
}

}  // namespace

OpStatus op_deadline(const Value& request, const OpContext& ctx, JsonWriter& out) {
  const Fields f(request);
  const auto now = f.timestamp_or("now", ctx.call.now);
  if (!now.ok()) return now.error();
  const auto in = read_deadline_input(f, ctx, now.value());
  if (!in.ok()) return in.error();
  const auto yellow = f.integer_or("yellow_days", 0, 3650, default_yellow_days(in.value().limit_days));
  if (!yellow.ok()) return yellow.error();
  const Calendar& cal = *ctx.engine.calendar();
  const auto d = compute_deadline(cal, in.value(), now.value());
  if (!d.ok()) return with_path(d.error(), "/accepted_at");
  const auto s = supervise(cal, d.value(), now.value(), yellow.value(), in.value().region);
  if (!s.ok()) return with_path(s.error(), "/now");
  out.member("due_date", DateText(d.value().due_date).view());
  out.member("due_at", format_timestamp_cst(d.value().due_at));
  out.member("paused_workdays", d.value().paused_workdays);
  out.member("paused_now", d.value().paused_now);
  out.member("provisional", d.value().provisional);
  out.member("level", supervision_name(s.value().level));
  out.member("remaining_workdays", s.value().remaining_workdays);
  if (present(f, "item")) out.member("limit_days", in.value().limit_days);  // the limit the item gives here
  return std::nullopt;
}

OpStatus op_calendar_info(const Value&, const OpContext& ctx, JsonWriter& out) {
  const Calendar& cal = *ctx.engine.calendar();
  out.member("first_year", cal.first_year());
  out.member("last_year", cal.last_year());
  out.member("horizon_year", cal.horizon_year());
  out.member("version", cal.version());
  out.member("regions", json(cal.regions()));
  return std::nullopt;
}

}  // namespace yilu::detail
