// Catalog versions from the admin console (docs/catalog.md, "Versions"): the list, publishing
// a new version (the core's lint first: nothing with a problem is published), and restoring an
// earlier one as the newest. In force at once, without a restart.
#include "catalog_pub/catalog_versions.hpp"
#include "http/audit.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"

namespace yilu::server::http {

namespace {

// A center's catalog of 2,000 items is a few megabytes of JSON.
constexpr std::size_t kCatalogBodyLimit = 16u << 20;

json version_json(const CatalogVersion& v) {
  return {{"id", v.id},
          {"version", v.version},
          {"fingerprint", v.fingerprint},
          {"items", v.items},
          {"published_at", format_timestamp_cst(v.published_at)},
          {"published_by", v.published_by},
          {"summary", v.summary}};
}

void answer_publishing(App& app, const httplib::Request& req, httplib::Response& res, const Caller& c,
                       Result<CatalogPublishing> published) {
  if (!published.ok()) return send_core_error(res, published.error());
  const auto& p = published.value();
  if (!p.problems.empty()) {
    json problems = json::array();
    for (const auto& x : p.problems) problems.push_back({{"path", x.path}, {"code", x.code}, {"message", x.message}});
    return send_error_with(res, "catalog_invalid", {{"problems", problems}});
  }
  audit_caller(app, req, c, "catalog_published", std::to_string(p.version.id),
               {{"summary", p.version.summary}, {"version", p.version.version}});
  send_json(res, 200, {{"ok", true}, {"version", version_json(p.version)}});
}

}  // namespace

void register_catalog_version_routes(Router& r, App& app) {
  r.get("/api/v1/admin/catalog/versions", kAdmin,
        [&app](const httplib::Request&, httplib::Response& res, const Caller&) {
          auto versions = app.store->catalog_versions(100);
          if (!versions.ok()) return send_core_error(res, versions.error());
          json list = json::array();
          for (const auto& v : versions.value()) list.push_back(version_json(v));
          send_json(res, 200, {{"ok", true}, {"in_force", app.catalog_state()->id}, {"versions", list}});
        });

  // {catalog: {…the whole catalog…}, note?}
  r.post("/api/v1/admin/catalog/versions", kAdmin,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
           if (req.body.size() > kCatalogBodyLimit) return send_error(res, "payload_too_large");
           if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
             return send_error(res, "unsupported_media_type");
           if (json_nesting_exceeds(req.body)) return send_error(res, "json_too_deep");
           // Ordered: the stored text keeps the members in the order the catalog was written.
           const auto body = nlohmann::ordered_json::parse(req.body, nullptr, false);
           if (body.is_discarded()) return send_error(res, "bad_json");
           if (!body.is_object() || !body.contains("catalog") || !body["catalog"].is_object())
             return send_error(res, "missing_field", "/catalog");
           const std::string note = body.value("note", std::string());
           answer_publishing(app, req, res, c,
                             publish_catalog_version(app, body["catalog"].dump(), c.staff->username, note));
         });

  // One click back: the version's text published again as the newest version.
  r.post("/api/v1/admin/catalog/versions/{id}/restore", kAdmin,
         [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
           const std::string id_text = req.matches[1].str();
           std::int64_t id = 0;
           for (char ch : id_text) id = ch >= '0' && ch <= '9' && id < (1LL << 50) ? id * 10 + (ch - '0') : -1;
           auto v = id > 0 ? app.store->catalog_version(id) : Result<std::optional<CatalogVersion>>(std::nullopt);
           if (!v.ok()) return send_core_error(res, v.error());
           if (!v.value()) return send_error(res, "catalog_version_not_found");
           answer_publishing(app, req, res, c,
                             publish_catalog_version(app, std::move(v.value()->text), c.staff->username,
                                                     "恢复第 " + std::to_string(id) + " 版"));
         });
}

}  // namespace yilu::server::http
