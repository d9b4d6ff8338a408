#include "http/figure_period.hpp"

#include <cmath>
#include <string>
#include <utility>

#include "http/respond.hpp"

namespace yilu::server::http {

namespace {

// The longest period one figure covers: a few years of decisions, read through the indexes.
constexpr std::int32_t kMaxPeriodDays = 3 * 366;

}  // namespace

double one_decimal(double v) { return std::round(v * 10.0) / 10.0; }

std::optional<Period> period_of(App& app, const httplib::Request& req, httplib::Response& res) {
  const Date today = cst_date(app.now());
  const Ymd now_ymd = ymd_from_date(today);
  Period p{date_from_ymd(now_ymd.year, now_ymd.month, 1), today};
  for (const auto& [param, date] : {std::pair<const char*, Date*>{"from", &p.from}, {"to", &p.to}}) {
    if (!req.has_param(param)) continue;
    const auto d = parse_date(req.get_param_value(param));
    if (!d) {
      send_error(res, "bad_period", std::string("/") + param);
      return std::nullopt;
    }
    *date = *d;
  }
  if (p.to < p.from || p.to.days - p.from.days >= kMaxPeriodDays) {
    send_error(res, "bad_period", "/to");
    return std::nullopt;
  }
  return p;
}

}  // namespace yilu::server::http
