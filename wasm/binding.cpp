// The WebAssembly binding: bytes in, core call, bytes out. No logic lives here; one long-lived
// Engine per module instance holds the loaded calendar and catalog.
//
// Calls and the per-keystroke checks cross as UTF-8 bytes in one input buffer (C exports below,
// wrapped by api.js, appended to the glue with --post-js): the page encodes and decodes with the
// browser's native TextEncoder/TextDecoder, not embind's per-character string loops. The data
// files (calendar, catalog) keep embind, taking a string or a Uint8Array.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include <chrono>
#include <cstdint>
#include <string>

#include "yilu/call.hpp"
#include "yilu/contact.hpp"
#include "yilu/identity.hpp"

namespace {

yilu::Engine& engine() {
  static yilu::Engine instance;
  return instance;
}

// The page's clock is the edge (system_clock is Date.now() under Emscripten).
yilu::Timestamp now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The request or value the page wrote (api.js), and the last response, reused call after call.
std::string& input() {
  static std::string buffer;
  return buffer;
}
std::string& output() {
  static std::string buffer;
  return buffer;
}

std::string_view written(int length) { return std::string_view(input()).substr(0, static_cast<std::size_t>(length)); }

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

extern "C" {

/// Room for `bytes` bytes of input; the page writes there, then calls one of the functions below.
EMSCRIPTEN_KEEPALIVE char* yilu_input(int bytes) {
  if (input().size() < static_cast<std::size_t>(bytes)) input().resize(static_cast<std::size_t>(bytes));
  return input().data();
}

/// Engine::call on the first `length` input bytes, with the page's clock (now < 0) or the caller's
/// (seconds since the epoch: tests, replays). The response stays at the returned address, its size
/// given by yilu_output_length(), until the next call.
EMSCRIPTEN_KEEPALIVE const char* yilu_call(int length, double now) {
  const yilu::Timestamp at = now < 0 ? now_seconds() : static_cast<yilu::Timestamp>(now);
  engine().call(written(length), yilu::context_at(at), output());
  return output().data();
}

EMSCRIPTEN_KEEPALIVE int yilu_output_length() { return static_cast<int>(output().size()); }

// The per-keystroke checks without JSON: the reason as a number, 0 when valid (the enums of
// yilu/identity.hpp and yilu/contact.hpp). Their codes and Chinese messages come from the JSON
// ops (api.js asks once per reason); the ID is checked as of the page's today, as check_id does.
// api.js passes the page's clock (`now`, seconds since the epoch, as yilu_call takes it): reading
// it in here goes through the C library's clock, a few times slower than JS's Date.now().
EMSCRIPTEN_KEEPALIVE int yilu_check_id(int length, double now) {
  const yilu::Timestamp at = now < 0 ? now_seconds() : static_cast<yilu::Timestamp>(now);
  return static_cast<int>(yilu::check_resident_id(written(length), yilu::cst_date(at)).reason);
}
EMSCRIPTEN_KEEPALIVE int yilu_check_uscc(int length) {
  return static_cast<int>(yilu::check_uscc(written(length)).reason);
}
EMSCRIPTEN_KEEPALIVE int yilu_check_mobile(int length) {
  return static_cast<int>(yilu::check_mobile(written(length)).reason);
}

/// The JSON answer of one of the checks above (0 id, 1 uscc, 2 mobile) for the input bytes, at
/// yilu_call's address: where api.js learns a reason's code and message.
EMSCRIPTEN_KEEPALIVE const char* yilu_check_answer(int check, int length) {
  static const char* const kOps[] = {"check_id", "check_uscc", "check_mobile"};
  const char* op = check >= 0 && check < 3 ? kOps[check] : "";
  output() = engine().call_value(op, written(length), yilu::context_at(now_seconds()));
  return output().data();
}

}  // extern "C"

EMSCRIPTEN_BINDINGS(yilu_core) {
  emscripten::function("loadCalendar", &load_calendar);
  emscripten::function("loadCatalog", &load_catalog);
  emscripten::function("loadCatalogSlices", &load_catalog_slices);
}
