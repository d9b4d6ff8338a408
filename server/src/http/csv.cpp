#include "http/csv.hpp"

namespace yilu::server::http {

namespace {

// -?digits(.digits)?%? : a number stays a number even when it starts with '-'.
bool is_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  const std::size_t int_start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == int_start) return false;
  if (i < s.size() && s[i] == '.') {
    const std::size_t frac_start = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == frac_start) return false;
  }
  if (i < s.size() && s[i] == '%') ++i;
  return i == s.size();
}

bool looks_like_formula(std::string_view s) {
  if (s.empty()) return false;
  const char c = s.front();
  return (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') && !is_number(s);
}

}  // namespace

void append_csv_field(std::string& out, std::string_view value) {
  const bool guard = looks_like_formula(value);
  const bool quote = value.find_first_of(",\"\r\n") != std::string_view::npos;
  if (quote) out += '"';
  if (guard) out += '\'';
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  if (quote) out += '"';
}

void append_csv_record(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    append_csv_field(out, fields[i]);
  }
  out += "\r\n";
}

}  // namespace yilu::server::http
