// The WebAssembly binding: strings (or data bytes) in, core call, strings out. No logic lives here; one
// long-lived Engine per module instance holds the loaded calendar and catalog.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <chrono>
#include <cstdint>
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

// The data files arrive as a string or as UTF-8 bytes (a Uint8Array). Bytes are copied into
// the heap by one native TypedArray.set; a string goes through embind's per-character UTF-8
// loop, which for the 140 KB catalog cost the page ~20 ms of cold JS before the core was ready.
std::string data_text(const emscripten::val& data) {
  if (data.isString()) return data.as<std::string>();
  std::string text(data["length"].as<std::size_t>(), '\0');
  // The view is made and filled with no allocation in between (a heap growth would detach it).
  emscripten::val(emscripten::typed_memory_view(text.size(), reinterpret_cast<std::uint8_t*>(text.data())))
      .call<void>("set", data);
  return text;
}

std::string load_calendar(const emscripten::val& data) {
  return yilu::load_response(engine().load_calendar(data_text(data)));
}

std::string load_catalog(const emscripten::val& data) {
  return yilu::load_response(engine().load_catalog(data_text(data)));
}

// A JSON array of catalog slices (the server's /api/v1/catalog/items|bundles/{id} answers).
std::string load_catalog_slices(const emscripten::val& data) {
  return yilu::load_response(engine().load_catalog_slices(data_text(data)));
}

}  // namespace

EMSCRIPTEN_BINDINGS(yilu_core) {
  emscripten::function("call", &call);
  emscripten::function("callAt", &call_at);
  emscripten::function("loadCalendar", &load_calendar);
  emscripten::function("loadCatalog", &load_catalog);
  emscripten::function("loadCatalogSlices", &load_catalog_slices);
}
