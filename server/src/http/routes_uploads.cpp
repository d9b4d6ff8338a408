// Material files: multipart upload (type by content and structure, limits from the catalog,
// a daily quota per resident), download.
#include <algorithm>
#include <cstdio>

#include "log_text.hpp"

#include "auth/tokens.hpp"
#include "http/access.hpp"
#include "http/audit.hpp"
#include "http/respond.hpp"
#include "http/routes.hpp"
#include "http/views.hpp"
#include "uploads/sniff.hpp"
#include "uploads/structure.hpp"
#include "yilu/file_types.hpp"

namespace yilu::server::http {

namespace {

// The material's accepted types are the core's file type ids, as is what the sniffer says.
bool type_allowed(const std::vector<std::string>& allowed, const std::string& kind) {
  return std::find(allowed.begin(), allowed.end(), kind) != allowed.end();
}

}  // namespace

void register_upload_routes(Router& r, App& app) {
  r.post("/api/v1/uploads", kResident, [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
    const Resident* me = &*c.resident;
    if (!req.is_multipart_form_data() || !req.has_file("file")) return send_error(res, "bad_multipart");
    const httplib::MultipartFormData file = req.get_file_value("file");
    const std::string name = clean_file_name(file.filename);
    if (name.empty() || name != file.filename) return send_error(res, "bad_file_name", "/file");
    // Without a material: any type the core knows (the submission checks the material's own list).
    std::vector<std::string> allowed;
    for (const auto& t : file_types()) allowed.emplace_back(t.id);
    std::int64_t max_bytes = static_cast<std::int64_t>(app.limits.upload_bytes);
    const std::string item_id = req.has_file("item") ? req.get_file_value("item").content : std::string();
    const std::string material_id = req.has_file("material") ? req.get_file_value("material").content : std::string();
    if (!item_id.empty() || !material_id.empty()) {
      const ItemDef* item = app.catalog ? app.catalog->item(item_id) : nullptr;
      if (!item) return send_error(res, "unknown_item", "/item");
      const auto m = std::find_if(item->materials.begin(), item->materials.end(),
                                  [&](const MaterialDef& d) { return d.id == material_id; });
      if (m == item->materials.end()) return send_error(res, "unknown_material", "/material");
      allowed = m->file_types;
      max_bytes = std::min(max_bytes, m->max_bytes);
    }
    if (static_cast<std::int64_t>(file.content.size()) > max_bytes)
      return send_error_with(res, "file_too_large", {{"path", "/file"}, {"limit", max_bytes}});
    const std::string kind = sniff_kind(file.content);
    if (kind.empty() || !type_allowed(allowed, kind))
      return send_error_with(res, "unsupported_file_type", {{"path", "/file"}, {"allowed", allowed}});
    if (const std::string why = structure_problem(kind, file.content); !why.empty()) {
      std::fprintf(stderr, "[upload] refused a %s from resident %s: %s\n", kind.c_str(), log_text(me->id).c_str(),
                   why.c_str());
      const bool active = why == "active_content" || why == "pdf_script";
      return send_error_with(res, active ? "file_active_content" : "file_damaged",
                             {{"path", "/file"}, {"reason", why}});
    }
    const Timestamp now = app.now();
    const auto quota = daily_quota(now, app.limits.uploads_per_day, app.limits.upload_bytes_per_day);
    const auto size = static_cast<std::int64_t>(file.content.size());
    const auto over_quota = [&] { too_many(res, "upload_quota", seconds_to_next_day(now)); };
    // Checked before the bytes are written (a refused file leaves nothing on disk), and again
    // in the write (parallel uploads cannot all slip under it).
    auto used = app.store->uploads_since(me->id, quota.since);
    if (!used.ok()) return send_core_error(res, used.error());
    if ((quota.max_count > 0 && used.value().count + 1 > quota.max_count) ||
        (quota.max_bytes > 0 && used.value().bytes + size > quota.max_bytes)) {
      auto same = app.store->upload(me->id, sha256_hex(file.content));
      if (!same.ok()) return send_core_error(res, same.error());
      if (!same.value()) return over_quota();
    }
    auto sha = app.blobs->put(file.content);
    if (!sha.ok()) return send_core_error(res, sha.error());
    Upload u{me->id, sha.value(), kind, content_type_of(kind), size, name, now};
    auto w = app.store->put_upload(u, quota);
    if (!w.ok()) return send_core_error(res, w.error());
    if (w.value() == WriteOutcome::Refused) return over_quota();
    send_json(res, 201, {{"ok", true}, {"upload", upload_json(u)}});
  });

  r.get("/api/v1/uploads/{id}", kSignedIn,
        [&app](const httplib::Request& req, httplib::Response& res, const Caller& c) {
          const std::string sha = req.matches[1];
          std::optional<Upload> meta;
          if (c.resident) {
            auto u = app.store->upload(c.resident->id, sha);
            if (!u.ok()) return send_core_error(res, u.error());
            meta = u.value();
          } else {
            // Staff reach a file through an application they may see (?application=<id>).
            auto a = app.store->application(req.get_param_value("application"));
            if (!a.ok()) return send_core_error(res, a.error());
            auto has = a.value() ? app.store->application_has_file(a.value()->id, sha) : Result<bool>(false);
            if (has.ok() && has.value()) {
              auto tasks = app.store->tasks_of(a.value()->id);
              if (tasks.ok() && staff_can_view(*c.staff, *a.value(), tasks.value())) {
                auto u = app.store->upload(a.value()->resident_id, sha);
                if (u.ok()) meta = u.value();
              }
            }
          }
          if (!meta) return send_error(res, "not_found");
          auto bytes = app.blobs->get(sha);
          if (!bytes) return send_error(res, "not_found");
          if (c.staff) audit_caller(app, req, c, "file_read", req.get_param_value("application") + "/" + sha);
          res.set_header("Content-Disposition", "attachment");
          res.set_header("X-Content-Type-Options", "nosniff");
          res.set_content(*bytes, meta->content_type);
        });
}

}  // namespace yilu::server::http
