#pragma once
// Test-only file access: paths relative to the source tree (compiled in as YILU_SOURCE_DIR).
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace yilu::test {

inline std::string source_path(const std::string& relative) { return std::string(YILU_SOURCE_DIR) + "/" + relative; }

inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(source_path(relative), std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + relative);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string calendar_text() { return read_source_file("core/data/calendar/cn-calendar.json"); }

}  // namespace yilu::test
