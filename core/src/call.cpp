#include "yilu/call.hpp"

#include <utility>

#include "yilu/catalog_slice.hpp"

#include "catalog/catalog_reader.hpp"
#include "catalog/slice_merge.hpp"
#include "detail/call_reference.hpp"
#include "detail/json_value.hpp"
#include "detail/ops.hpp"
#include "detail/request.hpp"
#include "yilu/catalog.hpp"

namespace yilu {

using detail::json;

namespace {

struct OpEntry {
  std::string_view name;  // compared without a strlen per entry
  detail::OpFn fn;
  bool needs_calendar;
};

const OpEntry kOps[] = {
    {"check_id", &detail::op_check_id, false},
    {"check_uscc", &detail::op_check_uscc, false},
    {"check_mobile", &detail::op_check_mobile, false},
    {"is_workday", &detail::op_is_workday, true},
    {"add_workdays", &detail::op_add_workdays, true},
    {"workdays_between", &detail::op_workdays_between, true},
    {"deadline", &detail::op_deadline, true},
    {"calendar_info", &detail::op_calendar_info, true},
    // The catalog: each op answers catalog_not_loaded itself when there is none.
    {"validate", &detail::op_validate, false},
    {"plan_bundle", &detail::op_plan_bundle, true},
    {"guide", &detail::op_guide, false},
    {"catalog_info", &detail::op_catalog_info, false},
    {"lint_catalog", &detail::op_lint_catalog, false},
    {"file_types", &detail::op_file_types, false},
};

// The members of a failed response: {"error":{"code","message","path"?},"ok":false}.
void write_error(detail::JsonWriter& out, const Error& e) {
  out.key("error");
  out.begin_object();
  out.member("code", e.code);
  out.member("message", e.message);
  if (!e.path.empty()) out.member("path", e.path);
  out.end_object();
  out.member("ok", false);
}

// The request's "id" (a string or number), echoed so that callers can match responses. Written
// last: it replaces an op's own "id" member, as it always has.
void echo_id(const detail::Value& request, detail::JsonWriter& out) {
  const detail::Value* id = detail::member(request, "id");
  if (id && (id->is_string() || id->is_number())) out.member("id", *id);
}

// The response's members for one read request.
void respond(const detail::Value& request, const detail::OpContext& ctx, detail::JsonWriter& out) {
  if (!request.is_object()) return write_error(out, detail::make_error("not_object", ""));
  const detail::Fields f(request);
  const auto op = f.string("op");
  if (!op.ok()) return write_error(out, op.error());
  for (const auto& entry : kOps) {
    if (op.value() != entry.name) continue;
    if (entry.needs_calendar && !ctx.engine.calendar())
      return write_error(out, detail::make_error("calendar_not_loaded", ""));
    const detail::JsonWriter::Mark before = out.mark();
    if (const auto error = entry.fn(request, ctx, out)) {
      out.rollback(before);  // nothing of a failed op is kept
      return write_error(out, *error);
    }
    out.member("ok", true);
    return;
  }
  write_error(out, detail::make_error("unknown_op", "/op", {{"op", std::string(op.value())}}));
}

// The whole response to one read request, valid until the thread's next answer. One writer per
// thread: its buffers serve every call after the first.
std::string_view answer(const Engine& engine, const detail::Value& request, const CallContext& ctx) {
  thread_local detail::JsonWriter out;
  out.clear();
  out.begin_object();
  respond(request, detail::OpContext{engine, ctx}, out);
  echo_id(request, out);
  out.end_object();
  return out.view();
}

// Documents above this size give their memory back after the call (a hostile 1 MiB request).
constexpr std::size_t kKeptReaderBytes = 256 * 1024;

std::string error_text(const Error& e) {
  detail::JsonWriter out;
  out.begin_object();
  write_error(out, e);
  out.end_object();
  return out.str();
}

}  // namespace

Engine::Engine() = default;
Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

std::optional<Error> Engine::load_calendar(std::string_view json_text) {
  auto cal = Calendar::from_json(json_text);
  if (!cal.ok()) return cal.error();
  calendar_ = std::make_shared<const Calendar>(std::move(cal.value()));
  return std::nullopt;
}

Engine Engine::with_catalog(std::shared_ptr<const Catalog> catalog) const {
  Engine e;
  e.calendar_ = calendar_;
  e.catalog_ = std::move(catalog);
  return e;
}

Result<Engine> Engine::with_calendar(std::string_view json_text) const {
  Engine e;
  if (auto err = e.load_calendar(json_text)) return *err;
  e.catalog_ = catalog_;
  return e;
}

namespace {

Error invalid_catalog(const CatalogLoad& load) {
  const Problem& first = load.problems.front();
  return detail::make_error("catalog_invalid", first.path,
                            {{"count", load.problems.size()}, {"first", first.path + " " + first.message}});
}

}  // namespace

std::optional<Error> Engine::load_catalog(std::string_view json_text) {
  CatalogLoad load = Catalog::from_json(json_text);
  if (!load.catalog) return invalid_catalog(load);
  catalog_ = std::make_shared<const Catalog>(std::move(*load.catalog));
  return std::nullopt;
}

std::optional<Error> Engine::load_catalog_slices(std::string_view json_array_text) {
  detail::MergedSlices merged;
  if (auto e = merged.read(json_array_text)) return e;
  // A merged slice is named by "slice_of": the fingerprint of a text is never used.
  CatalogLoad load = CatalogReader::load(merged.root(), std::string());
  if (!load.catalog) return invalid_catalog(load);
  catalog_ = std::make_shared<const Catalog>(std::move(*load.catalog));
  return std::nullopt;
}

namespace {

// Reads and answers one request: the response's bytes, valid until the thread's next call; or,
// for a request that cannot be read (or a bug), an error response in `error` and an empty view.
std::string_view read_and_answer(const Engine& engine, std::string_view request, const CallContext& ctx,
                                 std::string& error) {
#if defined(__cpp_exceptions)
  try {
#endif
    if (request.size() > kMaxRequestBytes) {
      error = error_response("request_too_large");
      return {};
    }
    thread_local detail::Document doc;
    const detail::ReadStatus read = doc.read(request, kMaxJsonDepth);
    if (read != detail::ReadStatus::Ok) {
      error = error_response(read == detail::ReadStatus::TooDeep ? "json_too_deep" : "bad_json");
      return {};
    }
    const std::string_view response = answer(engine, doc.root(), ctx);  // the writer's, not doc's
    doc.trim(kKeptReaderBytes);
    return response;
#if defined(__cpp_exceptions)
  } catch (...) {
    // Only reachable through a bug; the wasm build (no exceptions) would abort here instead,
    // which the shared fuzz vectors guard against.
    error = error_response("internal_error");
    return {};
  }
#endif
}

}  // namespace

std::string Engine::call(std::string_view request, const CallContext& ctx) const {
  std::string error;
  const std::string_view response = read_and_answer(*this, request, ctx, error);
  return error.empty() ? std::string(response) : error;
}

void Engine::call(std::string_view request, const CallContext& ctx, std::string& response) const {
  std::string error;
  const std::string_view text = read_and_answer(*this, request, ctx, error);
  if (error.empty()) response.assign(text.data(), text.size());
  else response = std::move(error);
}

namespace detail {

// What Engine::call did before it had its own reader, kept as the reference its reader is tested
// against (tests/unit/call_reference_test.cpp, the call_reference fuzz target).
std::string call_reference(const Engine& engine, std::string_view request, const CallContext& ctx) {
  if (request.size() > kMaxRequestBytes) return error_response("request_too_large");
  // Before the parser builds a DOM that every later walk would recurse through.
  if (json_nesting_exceeds(request)) return error_response("json_too_deep");
  const json parsed = json::parse(request.begin(), request.end(), nullptr, false);
  if (parsed.is_discarded()) return error_response("bad_json");
  Document doc;
  return std::string(answer(engine, doc.adopt(parsed), ctx));
}

}  // namespace detail

std::string Engine::call_value(std::string_view op, std::string_view value, const CallContext& ctx) const {
  json request = json::object();
  request["op"] = op;
  request["value"] = value;
  detail::Document doc;
  return std::string(answer(*this, doc.adopt(request), ctx));
}

bool json_nesting_exceeds(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      // Inside a string only an unescaped quote matters; "\\" escapes the backslash itself.
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

std::string error_response(std::string_view code, std::string_view path) {
  json params = json::object();
  if (code == "request_too_large" || code == "line_too_long") params["limit"] = kMaxRequestBytes;
  if (code == "json_too_deep") params["limit"] = kMaxJsonDepth;
  return error_text(detail::make_error(std::string(code), std::string(path), params));
}

std::string load_response(const std::optional<Error>& error) {
  if (!error) return R"({"ok":true})";
  return error_text(*error);
}

CallContext context_at(Timestamp now) { return CallContext{cst_date(now), now}; }

}  // namespace yilu
