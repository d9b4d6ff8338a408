#pragma once
// Where the shipped data (holiday calendar, sample catalog) lives, and reading it from disk.
#include <optional>
#include <string>

namespace yilu::server {

/// The data folder: $YILU_DATA_ROOT if set, else the source tree's core/data (compiled in).
std::string data_root();
/// The default calendar file: <data_root>/calendar/cn-calendar.json.
std::string default_calendar_path();
/// The shipped sample catalog: <data_root>/catalog/sanya.json (the default of yilu core and yilu catalog lint).
std::string sample_catalog_path();
/// A whole file's bytes, or nullopt if it cannot be read.
std::optional<std::string> read_file(const std::string& path);

}  // namespace yilu::server
