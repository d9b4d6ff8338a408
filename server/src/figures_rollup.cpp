#include "figures_rollup.hpp"

#include <cstdio>

#include "yilu/date.hpp"

namespace yilu::server {

std::int32_t roll_up_figures(App& app) {
  const std::int32_t through = cst_date(app.now()).days - 2;
  std::int32_t last = -1;
  for (;;) {
    auto r = app.store->roll_up_supervision(through, 31);
    if (!r.ok()) {
      std::fprintf(stderr, "[figures] daily counts not rolled up: %s\n", r.error().message.c_str());
      return -1;
    }
    if (r.value() == last || r.value() >= through) return r.value();
    last = r.value();
  }
}

}  // namespace yilu::server
