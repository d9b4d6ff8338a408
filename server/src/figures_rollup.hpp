#pragma once
// The supervision figures of past days kept as daily counts (Store::roll_up_supervision), so a
// year's figure reads a few thousand rows instead of every decision, rating and event. Run by
// `yilu serve` at start and every few minutes; a figure is the same before and after.
#include <cstdint>

#include "app.hpp"

namespace yilu::server {

/// Rolls up every day that is over on every server's clock — up to two days ago (China
/// Standard Time), a margin for servers whose clocks differ — a month per transaction, so the
/// writer is never held for long. Returns the last rolled day (days since 1970-01-01), or -1
/// after logging a storage error (the next run retries).
std::int32_t roll_up_figures(App& app);

}  // namespace yilu::server
