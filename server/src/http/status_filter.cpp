#include "http/status_filter.hpp"

namespace yilu::server::http {

namespace {

std::optional<workflow::AppStatus> parse_one(const std::string& s, workflow::AppStatus*) {
  return workflow::parse_app_status(s);
}
std::optional<workflow::TaskStatus> parse_one(const std::string& s, workflow::TaskStatus*) {
  return workflow::parse_task_status(s);
}

}  // namespace

template <class E>
std::optional<std::vector<E>> parse_statuses(const std::string& text, const std::vector<E>& fallback) {
  if (text.empty()) return fallback;
  std::vector<E> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!part.empty()) {
      const auto s = parse_one(part, static_cast<E*>(nullptr));
      if (!s) return std::nullopt;
      out.push_back(*s);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (out.empty()) return fallback;
  return out;
}

template std::optional<std::vector<workflow::AppStatus>> parse_statuses(const std::string&,
                                                                        const std::vector<workflow::AppStatus>&);
template std::optional<std::vector<workflow::TaskStatus>> parse_statuses(const std::string&,
                                                                         const std::vector<workflow::TaskStatus>&);

}  // namespace yilu::server::http
