#pragma once
// `yilu demo-year`: fills a database with a made-up year of activity (demo/demo_year.hpp), with
// progress on the terminal; and the same for `yilu serve --demo-year N` on an empty database.
#include <cstdint>

#include "app.hpp"

namespace yilu::server::demo {

int run_demo_year_cli(int argc, char** argv);

/// Fills `applications` applications ending now when the database holds none yet (a demo
/// started again keeps its data), printing progress to stderr. False on a storage error.
bool fill_if_empty(App& app, std::int64_t applications);

}  // namespace yilu::server::demo
