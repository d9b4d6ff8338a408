#pragma once
// The server's edge to the wall clock: the only place that reads it.
#include <chrono>

#include "yilu/date.hpp"

namespace yilu::server {

inline Timestamp now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace yilu::server
