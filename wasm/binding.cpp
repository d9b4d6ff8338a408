// The WebAssembly binding: strings in, core call, strings out. No logic lives here; one
// long-lived Engine per module instance holds the loaded calendar and catalog.
#include <emscripten/bind.h>

#include <chrono>
#include <string>

#include "yilu/call.hpp"

namespace {

yilu::Engine& engine() {
  static yilu::Engine instance;
  return instance;
}

// The page's clock is the edge (system_clock is Date.now() under Emscripten).
yilu::Timestamp now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string call(const std::string& request) { return engine().call(request, yilu::context_at(now_seconds())); }

// For tests and replays: the same call with the caller's "now" (seconds since the epoch).
std::string call_at(const std::string& request, double now) {
  return engine().call(request, yilu::context_at(static_cast<yilu::Timestamp>(now)));
}

std::string load_calendar(const std::string& text) { return yilu::load_response(engine().load_calendar(text)); }

std::string load_catalog(const std::string& text) { return yilu::load_response(engine().load_catalog(text)); }

}  // namespace

EMSCRIPTEN_BINDINGS(yilu_core) {
  emscripten::function("call", &call);
  emscripten::function("callAt", &call_at);
  emscripten::function("loadCalendar", &load_calendar);
  emscripten::function("loadCatalog", &load_catalog);
}
