// AutoCAD drawings: the six-byte version string names a release AutoCAD has written. The
// rest of the format is closed; its content is checked for pages and programs like any file.
#include <array>

#include "uploads/structure.hpp"

namespace yilu::server {

namespace {

// R13, R14, 2000, 2004, 2007, 2010, 2013, 2018.
constexpr std::array<std::string_view, 8> kVersions = {"AC1012", "AC1014", "AC1015", "AC1018",
                                                       "AC1021", "AC1024", "AC1027", "AC1032"};

}  // namespace

std::string dwg_problem(std::string_view b) {
  for (const auto v : kVersions)
    if (b.substr(0, 6) == v) return "";
  return "dwg_version";
}

}  // namespace yilu::server
