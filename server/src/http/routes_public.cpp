// Public data the page shares with the server, and the core's call surface over HTTP.
#include "http/prepared_body.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"

namespace yilu::server::http {

namespace {

constexpr std::size_t kMaxBatch = 1000;
constexpr const char* kImmutable = "public, max-age=31536000, immutable";
constexpr const char* kRevalidate = "no-cache";

// The catalog's slices are named by the catalog's fingerprint: asked for with ?v= equal to it,
// they never change and are cached for a year; without it (or with an old one) they are
// revalidated like the index.
const char* slice_cache_control(const httplib::Request& req, const CatalogPublication& publication) {
  return req.get_param_value("v") == publication.fingerprint() ? kImmutable : kRevalidate;
}

}  // namespace

void register_public_routes(Router& r, App& app) {
  r.get("/api/v1/health", kPublic, [](const httplib::Request&, httplib::Response& res, const Caller&) {
    send_json(res, 200, {{"ok", true}, {"version", "0.1.0"}});
  });
  // Readiness, for the proxy in front: the database answers and its schema is the one this
  // server's migrations give it (health says only that the process is up).
  r.get("/api/v1/ready", kPublic, [&app](const httplib::Request&, httplib::Response& res, const Caller&) {
    auto v = app.store->schema_version();
    if (!v.ok()) return send_error(res, "not_ready");
    const int expected = app.store->expected_schema_version();
    if (v.value() != expected)
      return send_error_with(res, "not_ready", {{"schema", v.value()}, {"expected", expected}});
    send_json(res, 200, {{"ok", true}, {"schema", v.value()}});
  });
  r.get("/api/v1/openapi.json", kPublic, [&app](const httplib::Request&, httplib::Response& res, const Caller&) {
    res.set_content(app.openapi_text, "application/json; charset=utf-8");
  });
  r.get("/api/v1/versions", kPublic, [&app](const httplib::Request&, httplib::Response& res, const Caller&) {
    const CallContext ctx = app.ctx();
    json out = {{"ok", true}, {"server", "0.1.0"}};
    out["calendar"] = json::parse(app.engine()->call(R"({"op":"calendar_info"})", ctx), nullptr, false);
    out["catalog"] = json::parse(app.engine()->call(R"({"op":"catalog_info"})", ctx), nullptr, false);
    send_json(res, 200, out);
  });
  r.get("/api/v1/catalog", kPublic, [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
    const auto state = app.catalog_state();  // one version for the body and its header
    if (!state || !state->body) return send_error(res, "catalog_not_loaded");
    res.set_header("X-Yilu-Catalog-Version", state->catalog->fingerprint());
    send_prepared(req, res, *state->body, kRevalidate);
  });
  r.get("/api/v1/catalog/index", kPublic, [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
    const auto state = app.catalog_state();
    if (!state || !state->publication) return send_error(res, "catalog_not_loaded");
    const CatalogPublication& publication = *state->publication;
    res.set_header("X-Yilu-Catalog-Version", publication.fingerprint());
    send_prepared(req, res, publication.index(), kRevalidate);
  });
  r.get("/api/v1/catalog/summary", kPublic, [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
    const auto state = app.catalog_state();
    if (!state || !state->publication) return send_error(res, "catalog_not_loaded");
    const CatalogPublication& publication = *state->publication;
    res.set_header("X-Yilu-Catalog-Version", publication.fingerprint());
    send_prepared(req, res, publication.summary(), kRevalidate);
  });
  r.get("/api/v1/catalog/index/{kind}/{id}", kPublic,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
          const auto state = app.catalog_state();
          if (!state || !state->publication) return send_error(res, "catalog_not_loaded");
          const CatalogPublication& publication = *state->publication;
          const auto group = publication.group(req.matches[1].str(), req.matches[2].str());
          if (!group) return send_error(res, "catalog_entry_not_found");
          res.set_header("X-Yilu-Catalog-Version", publication.fingerprint());
          send_prepared(req, res, *group, kRevalidate);
        });
  r.get("/api/v1/catalog/items/{id}", kPublic,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
          const auto state = app.catalog_state();
          if (!state || !state->publication) return send_error(res, "catalog_not_loaded");
          const CatalogPublication& publication = *state->publication;
          const auto slice = publication.item(req.matches[1].str());
          if (!slice) return send_error(res, "catalog_entry_not_found");
          res.set_header("X-Yilu-Catalog-Version", publication.fingerprint());
          send_prepared(req, res, *slice, slice_cache_control(req, publication));
        });
  r.get("/api/v1/catalog/bundles/{id}", kPublic,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
          const auto state = app.catalog_state();
          if (!state || !state->publication) return send_error(res, "catalog_not_loaded");
          const CatalogPublication& publication = *state->publication;
          const auto slice = publication.bundle(req.matches[1].str());
          if (!slice) return send_error(res, "catalog_entry_not_found");
          res.set_header("X-Yilu-Catalog-Version", publication.fingerprint());
          send_prepared(req, res, *slice, slice_cache_control(req, publication));
        });
  r.get("/api/v1/calendar", kPublic, [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
    const auto state = app.calendar_state();  // one calendar for the body and its version
    if (!state || !state->body) return send_error(res, "calendar_not_loaded");
    const Calendar* cal = state->engine.calendar();
    res.set_header("X-Yilu-Calendar-Version", cal ? cal->version() : std::string());
    send_prepared(req, res, *state->body, kRevalidate);
  });
  r.get("/api/v1/divisions", kPublic, [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
    if (!app.divisions_body) return send_error(res, "divisions_not_loaded");
    send_prepared(req, res, *app.divisions_body, kRevalidate);
  });
  r.post("/api/v1/core", kPublic, [&app](const httplib::Request& req, httplib::Response& res, const Caller&) {
    if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
      return send_error(res, "unsupported_media_type");
    const CallContext ctx = app.ctx();
    // A single request goes to the engine as-is (it parses and answers every error itself);
    // only a batch needs splitting here.
    std::size_t i = 0;
    while (i < req.body.size() &&
           (req.body[i] == ' ' || req.body[i] == '\n' || req.body[i] == '\r' || req.body[i] == '\t'))
      ++i;
    if (i == req.body.size() || req.body[i] != '[') {
      res.status = 200;
      res.set_content(app.engine()->call(req.body, ctx), "application/json; charset=utf-8");
      return;
    }
    // Each element is dumped for the engine, and dump() recurses once per level.
    if (json_nesting_exceeds(req.body)) return send_error(res, "json_too_deep");
    const json batch = json::parse(req.body, nullptr, false);
    if (batch.is_discarded()) return send_error(res, "bad_json");
    if (batch.size() > kMaxBatch) return send_error(res, "batch_too_large");
    std::string out = "[";
    for (std::size_t k = 0; k < batch.size(); ++k) {
      if (k) out.push_back(',');
      out += app.engine()->call(batch[k].dump(), ctx);
    }
    out.push_back(']');
    res.status = 200;
    res.set_content(out, "application/json; charset=utf-8");
  });
}

}  // namespace yilu::server::http
