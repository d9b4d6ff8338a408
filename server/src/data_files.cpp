#include "data_files.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace yilu::server {

std::string data_root() {
  if (const char* env = std::getenv("YILU_DATA_ROOT"); env && *env) return env;
  return YILU_DEFAULT_DATA_ROOT;
}

std::string default_calendar_path() { return data_root() + "/calendar/cn-calendar.json"; }

std::string sample_catalog_path() { return data_root() + "/catalog/sanya.json"; }

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return ss.str();
}

}  // namespace yilu::server
