#pragma once
/// The core's one request/response surface: JSON text in, JSON text out, identical in the
/// native and the WebAssembly build. Ops and their fields are documented in docs/core-api.md.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "yilu/calendar.hpp"
#include "yilu/date.hpp"
#include "yilu/error.hpp"

namespace yilu {

class Catalog;

/// What the caller knows about the world: the core never reads the clock itself.
struct CallContext {
  Date today{};       ///< the default `as_of` of checks (China Standard Time)
  Timestamp now = 0;  ///< the default "now" of supervision
};

/// Requests larger than this are answered with `request_too_large` without being parsed.
constexpr std::size_t kMaxRequestBytes = 1u << 20;

/// Requests nesting arrays and objects deeper than this are answered with `json_too_deep`
/// without being parsed: walking such a value (dump, copy, compare) recurses once per level,
/// and 75,000 levels overflow the stack of a server thread or of the wasm module.
constexpr std::size_t kMaxJsonDepth = 64;

/// True when `text` opens more than `limit` arrays/objects at once. A single pass over the
/// bytes with a counter (no recursion, no allocation); brackets inside strings, escaped quotes
/// included, do not count. Says nothing about validity: malformed text is the parser's to refuse.
bool json_nesting_exceeds(std::string_view text, std::size_t limit = kMaxJsonDepth);

/// Holds the loaded data (calendar, catalog) and answers `call` requests. Loading replaces
/// data only when the new text is valid; calls are const and safe to run concurrently.
class Engine {
 public:
  Engine();
  ~Engine();
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;

  /// Loads the holiday calendar; on failure returns the error and keeps the previous one.
  std::optional<Error> load_calendar(std::string_view json_text);

  /// A new engine answering with this one's catalog (shared, not copied) and `json_text` as its
  /// calendar: how a server puts a newly published calendar in force while calls still run on
  /// this one. The error of load_calendar when the text is not a valid calendar.
  Result<Engine> with_calendar(std::string_view json_text) const;

  /// An engine answering with `catalog` and the calendar of `with_calendar` (both shared, not
  /// copied): a server answers for an application with the catalog version it was filed under
  /// and the calendar in force.
  Engine with_catalog(std::shared_ptr<const Catalog> catalog) const;

  /// The loaded catalog as shared with engines made from this one (null when none).
  const std::shared_ptr<const Catalog>& shared_catalog() const { return catalog_; }

  /// Loads the service catalog (docs/catalog.md); on failure returns `catalog_invalid` (the
  /// first problem's path, the count in the message) and keeps the previous catalog.
  /// Every problem is listed by lint_catalog (yilu/catalog.hpp) or the `lint_catalog` op.
  std::optional<Error> load_catalog(std::string_view json_text);

  /// Loads slices of a catalog (a JSON array of slices, yilu/catalog_slice.hpp) as the catalog:
  /// answers for their items and bundles are those of the whole catalog. Same errors as
  /// load_catalog; the previous catalog stays on failure.
  std::optional<Error> load_catalog_slices(std::string_view json_array_text);

  /// One JSON request in, one JSON response out (a single line). Never throws: a malformed
  /// request gives {"ok":false,"error":{"code","message"[,"path"]}}.
  std::string call(std::string_view request, const CallContext& ctx) const;
  /// The same response written into `response` (its content replaced, its capacity reused): for
  /// callers that answer call after call into one buffer (the wasm binding).
  void call(std::string_view request, const CallContext& ctx, std::string& response) const;

  /// The response of {"op": op, "value": value} without its JSON text: for typed callers of the
  /// value checks (check_id, check_uscc, check_mobile) that need an answer's reason and message
  /// for a value of any size (the wasm's per-keystroke checks, wasm/api.js).
  std::string call_value(std::string_view op, std::string_view value, const CallContext& ctx) const;

  /// The loaded calendar, or nullptr.
  const Calendar* calendar() const { return calendar_.get(); }

  /// The loaded catalog, or nullptr.
  const Catalog* catalog() const { return catalog_.get(); }

 private:
  std::shared_ptr<const Calendar> calendar_;
  std::shared_ptr<const Catalog> catalog_;
};

/// The response a caller sends for a request it could not even read (a line over the size
/// limit, say): the same shape and message table as every other error.
std::string error_response(std::string_view code, std::string_view path = {});

/// The response for a load (calendar, catalog): {"ok":true} or {"ok":false,"error":{…}}.
std::string load_response(const std::optional<Error>& error);

/// Today and now in China Standard Time, from seconds since the epoch (for edges that own a clock).
CallContext context_at(Timestamp now);

}  // namespace yilu
