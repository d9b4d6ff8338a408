#include "yilu/calendar.hpp"

#include <algorithm>

#include "detail/digits.hpp"
#include "detail/fingerprint.hpp"
#include "detail/json_access.hpp"
#include "detail/json_value.hpp"
#include "detail/request.hpp"

namespace yilu {

using detail::member;
using detail::Value;

namespace {

constexpr int kMaxEstimateYears = 50;  // bounds memory for a hostile `through_year`

enum class Mark : std::uint8_t { None, Rest, Work };

// `what` names the fault: the message table's `calendar.<what>` entry.
Error invalid(std::string path, const char* what) {
  return detail::make_error("calendar_invalid", std::move(path),
                            {{"what", detail::render_message(std::string("calendar.") + what)}});
}

}  // namespace

// Builds the per-day marks from the JSON, then the cumulative tables. A friend of Calendar.
struct CalendarBuilder {
  Calendar cal;
  std::vector<Mark> marks;  // base schedule
  std::vector<std::uint16_t> names;
  std::vector<std::uint8_t> makeup;

  std::uint16_t name_index(std::string_view name) {
    for (std::size_t i = 0; i < cal.names_.size(); ++i)
      if (cal.names_[i] == name) return static_cast<std::uint16_t>(i);
    cal.names_.emplace_back(name);
    return static_cast<std::uint16_t>(cal.names_.size() - 1);
  }

  // Applies {date: name} entries of one year to marks; each date must lie in that year.
  std::optional<Error> apply(const Value& entries, int year, Mark mark, const std::string& path, std::vector<Mark>& m,
                             std::vector<std::uint16_t>& n, std::vector<std::uint8_t>* mk) {
    if (!entries.is_object()) return invalid(path, "entries_not_object");
    for (std::size_t e = 0; e < entries.size(); ++e) {
      const auto d = parse_date(entries.key(e));
      const auto name = detail::as_string(entries[e]);
      const auto p = [&] { return detail::pointer_append(path, entries.key(e)); };
      if (!d || ymd_from_date(*d).year != year) return invalid(p(), "entry_date");
      if (!name || name->empty() || name->size() > 64) return invalid(p(), "entry_name");
      const std::int32_t i = d->days - cal.first_day_.days;
      if (i < 0 || i >= cal.day_count_) return invalid(p(), "entry_out_of_range");
      m[static_cast<std::size_t>(i)] = mark;
      n[static_cast<std::size_t>(i)] = name_index(*name);
      if (mk) (*mk)[static_cast<std::size_t>(i)] = mark == Mark::Work ? 1 : 0;
    }
    return std::nullopt;
  }

  // Applies a {YYYY: {holidays, workdays}} object.
  std::optional<Error> apply_years(const Value& years, const std::string& path, int lo, int hi, std::vector<Mark>& m,
                                   std::vector<std::uint16_t>& n, std::vector<std::uint8_t>* mk) {
    if (!years.is_object()) return invalid(path, "years_not_object");
    for (std::size_t y = 0; y < years.size(); ++y) {
      const std::string_view key = years.key(y);
      const std::string yp = detail::pointer_append(path, key);
      int year = 0;
      if (key.size() != 4 || !detail::fixed_digits(key, 0, 4, year) || year < lo || year > hi)
        return invalid(yp, "year_out_of_range");
      if (!years[y].is_object()) return invalid(yp, "not_object");
      if (const Value* h = member(years[y], "holidays"))
        if (auto e = apply(*h, year, Mark::Rest, yp + "/holidays", m, n, mk)) return e;
      if (const Value* w = member(years[y], "workdays"))
        if (auto e = apply(*w, year, Mark::Work, yp + "/workdays", m, n, mk)) return e;
    }
    return std::nullopt;
  }

  std::optional<Error> apply_fixed(const Value& rules, std::vector<Mark>& m) {
    if (!rules.is_array()) return invalid("/estimate/fixed_holidays", "fixed_not_array");
    for (std::size_t r = 0; r < rules.size(); ++r) {
      const std::string p = "/estimate/fixed_holidays/" + std::to_string(r);
      const Value* mo = member(rules[r], "month");
      const Value* da = member(rules[r], "day");
      const Value* dn = member(rules[r], "days");
      const Value* nm = member(rules[r], "name");
      const auto month = mo ? detail::as_int(*mo, 1, 12) : std::nullopt;
      const auto day = da ? detail::as_int(*da, 1, 31) : std::nullopt;
      const auto days = dn ? detail::as_int(*dn, 1, 15) : std::nullopt;
      const auto name = nm ? detail::as_string(*nm) : std::nullopt;
      if (!month || !day || !days || !name || name->empty()) return invalid(p, "fixed_rule");
      const std::uint16_t ni = name_index(*name);
      for (int y = cal.last_year_ + 1; y <= cal.horizon_year_; ++y) {
        const auto start = make_date(y, static_cast<int>(*month), static_cast<int>(*day));
        if (!start) return invalid(p, "fixed_date");
        for (std::int64_t k = 0; k < *days; ++k) {
          const std::int32_t i = start->days + static_cast<std::int32_t>(k) - cal.first_day_.days;
          if (i >= 0 && i < cal.day_count_) {
            m[static_cast<std::size_t>(i)] = Mark::Rest;
            names[static_cast<std::size_t>(i)] = ni;
          }
        }
      }
    }
    return std::nullopt;
  }

  Calendar::Table index(const std::vector<Mark>& m, const std::vector<std::uint16_t>& n,
                        const std::vector<std::uint8_t>& mk) const {
    Calendar::Table t;
    const auto count = static_cast<std::size_t>(cal.day_count_);
    t.workdays_before.resize(count + 1);
    t.nth_workday.reserve(count * 5 / 7 + 16);
    std::int32_t acc = 0;
    int weekday = iso_weekday(cal.first_day_);  // counted on, not computed per day
    for (std::size_t i = 0; i < count; ++i, weekday = weekday == 7 ? 1 : weekday + 1) {
      t.workdays_before[i] = acc;
      bool work = weekday <= 5;
      if (m[i] == Mark::Rest) work = false;
      if (m[i] == Mark::Work) work = true;
      if (work) {
        t.nth_workday.push_back(static_cast<std::int32_t>(i));
        ++acc;
      }
    }
    t.workdays_before[count] = acc;
    t.name = n;
    t.makeup = mk;
    return t;
  }
};

Result<Calendar> Calendar::from_json(std::string_view text) {
  // A calendar nests four levels; anything much deeper is not one.
  detail::Document read;
  if (read.read(text, 64) != detail::ReadStatus::Ok || !read.root().is_object()) return invalid("", "not_json_object");
  const Value& doc = read.root();
  CalendarBuilder b;
  Calendar& c = b.cal;
  const Value* fy = member(doc, "first_year");
  const Value* ly = member(doc, "last_year");
  const auto first = fy ? detail::as_int(*fy, 1900, 2100) : std::nullopt;
  const auto last = ly ? detail::as_int(*ly, 1900, 2100) : std::nullopt;
  if (!first) return invalid("/first_year", "first_year");
  if (!last || *last < *first) return invalid("/last_year", "last_year");
  c.first_year_ = static_cast<int>(*first);
  c.last_year_ = static_cast<int>(*last);
  c.horizon_year_ = c.last_year_ + 10;
  const Value* est = member(doc, "estimate");
  if (const Value* th = est ? member(*est, "through_year") : nullptr) {
    const auto through = detail::as_int(*th, c.last_year_, c.last_year_ + kMaxEstimateYears);
    if (!through) return invalid("/estimate/through_year", "through_year");
    c.horizon_year_ = static_cast<int>(*through);
  }
  c.names_.emplace_back();  // index 0: no name
  c.first_day_ = date_from_ymd(c.first_year_, 1, 1);
  c.last_published_day_ = date_from_ymd(c.last_year_, 12, 31);
  c.day_count_ = date_from_ymd(c.horizon_year_ + 1, 1, 1).days - c.first_day_.days;
  const auto count = static_cast<std::size_t>(c.day_count_);
  b.marks.assign(count, Mark::None);
  b.names.assign(count, 0);
  b.makeup.assign(count, 0);

  const Value* years = member(doc, "years");
  if (!years) return invalid("/years", "years_missing");
  if (auto e = b.apply_years(*years, "/years", c.first_year_, c.last_year_, b.marks, b.names, &b.makeup)) return *e;
  if (est) {
    if (const Value* fixed = member(*est, "fixed_holidays"))
      if (auto e = b.apply_fixed(*fixed, b.marks)) return *e;
    if (const Value* ey = member(*est, "years"))
      if (auto e = b.apply_years(*ey, "/estimate/years", c.last_year_ + 1, c.horizon_year_, b.marks, b.names, nullptr))
        return *e;
  }
  c.base_ = b.index(b.marks, b.names, b.makeup);

  if (const Value* regions = member(doc, "regions")) {
    if (!regions->is_object()) return invalid("/regions", "regions_not_object");
    for (std::size_t r = 0; r < regions->size(); ++r) {
      const std::string_view id = regions->key(r);
      const std::string rp = detail::pointer_append("/regions", id);
      if (id.empty() || id.size() > 64) return invalid(rp, "region_id");
      const Value* ry = member((*regions)[r], "years");
      if (!ry) return invalid(rp + "/years", "years_missing");
      std::vector<Mark> m = b.marks;
      std::vector<std::uint16_t> n = b.names;
      std::vector<std::uint8_t> mk = b.makeup;
      if (auto e = b.apply_years(*ry, rp + "/years", c.first_year_, c.horizon_year_, m, n, &mk)) return *e;
      c.overlays_.push_back(Overlay{std::string(id), b.index(m, n, mk)});
    }
  }
  c.version_ = detail::fnv1a_hex(text);
  return std::move(b.cal);
}

const Calendar::Table* Calendar::table_for(std::string_view region) const {
  if (region.empty()) return &base_;
  for (const auto& o : overlays_)
    if (o.id == region) return &o.table;
  return nullptr;
}

Result<std::int32_t> Calendar::index_of(Date d) const {
  const std::int32_t i = d.days - first_day_.days;
  if (i < 0) return detail::make_error("date_before_calendar", "", {{"first_year", first_year_}});
  if (i >= day_count_) return detail::make_error("date_after_calendar", "", {{"horizon_year", horizon_year_}});
  return i;
}

namespace {
Error unknown_region(std::string_view region) {
  return detail::make_error("unknown_region", "", {{"region", std::string(region)}});
}
}  // namespace

Result<DayInfo> Calendar::day_info(Date d, std::string_view region) const {
  const Table* t = table_for(region);
  if (!t) return unknown_region(region);
  const auto i = index_of(d);
  if (!i.ok()) return i.error();
  const auto k = static_cast<std::size_t>(i.value());
  DayInfo info;
  info.workday = t->workdays_before[k + 1] != t->workdays_before[k];
  info.holiday = names_[t->name[k]];
  info.makeup_workday = t->makeup[k] != 0;
  info.provisional = is_provisional(d);
  return info;
}

Result<WorkdayDate> Calendar::add_workdays(Date d, std::int64_t n, std::string_view region) const {
  const Table* t = table_for(region);
  if (!t) return unknown_region(region);
  const auto i = index_of(d);
  if (!i.ok()) return i.error();
  const std::int64_t target =
      static_cast<std::int64_t>(t->workdays_before[static_cast<std::size_t>(i.value()) + 1]) + n - 1;
  if (n < 1 || target >= static_cast<std::int64_t>(t->nth_workday.size()))
    return Error{"days_out_of_range",
                 detail::render_message("calendar.days_out_of_range", {{"horizon_year", horizon_year_}}), ""};
  const Date out{first_day_.days + t->nth_workday[static_cast<std::size_t>(target)]};
  return WorkdayDate{out, is_provisional(out)};
}

Result<std::int32_t> Calendar::workdays_between(Date from, Date to, std::string_view region) const {
  const Table* t = table_for(region);
  if (!t) return unknown_region(region);
  const auto a = index_of(from);
  if (!a.ok()) return a.error();
  const auto b = index_of(to);
  if (!b.ok()) return b.error();
  return t->workdays_before[static_cast<std::size_t>(b.value()) + 1] -
         t->workdays_before[static_cast<std::size_t>(a.value()) + 1];
}

std::vector<std::string> Calendar::regions() const {
  std::vector<std::string> out;
  for (const auto& o : overlays_) out.push_back(o.id);
  return out;
}

}  // namespace yilu
