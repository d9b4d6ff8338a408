#pragma once
// The period and number format every supervision figure shares.
#include <optional>

#include <httplib.h>

#include "app.hpp"
#include "yilu/date.hpp"

namespace yilu::server::http {

/// A figure's days, both included.
struct Period {
  Date from;
  Date to;
};

/// ?from= and ?to= (YYYY-MM-DD), by default this month up to today, at most three years; nullopt
/// after answering bad_period.
std::optional<Period> period_of(App& app, const httplib::Request& req, httplib::Response& res);

/// One decimal, as the console shows it (87.5 %, 6.3 working days).
double one_decimal(double v);

}  // namespace yilu::server::http
