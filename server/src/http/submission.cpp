#include "http/submission.hpp"

#include <algorithm>

#include "auth/tokens.hpp"

namespace yilu::server::http {

namespace {

// The catalog's name for a sniffed kind, as the material lists it ("jpg" in practice).
std::string catalog_type(const App& app, const std::string& material_id, const std::string& kind) {
  if (kind != "jpeg") return kind;
  if (app.catalog) {
    for (const auto& item : app.catalog->items())
      for (const auto& m : item.materials)
        if (m.id == material_id)
          for (const auto& t : m.file_types)
            if (t == "jpeg" || t == "jpg") return t;
  }
  return "jpg";
}

std::optional<SubmitError> convert_material(App& app, const Resident& me, const std::string& id, json& entry,
                                            const std::string& path) {
  if (!entry.is_object()) return std::nullopt;  // the core reports a malformed entry itself
  const std::string by = entry.value("by", std::string());
  if (by == "file") {
    auto files = entry.find("files");
    if (files == entry.end() || !files->is_array()) return std::nullopt;
    for (std::size_t i = 0; i < files->size(); ++i) {
      json& f = (*files)[i];
      const std::string fp = path + "/files/" + std::to_string(i) + "/upload";
      const std::string sha = f.is_object() ? f.value("upload", std::string()) : std::string();
      // Metadata from the client is never trusted: every file must be an upload of this
      // resident, measured by the server.
      if (!is_sha256_hex(sha)) return SubmitError{422, "unknown_upload", fp};
      auto u = app.store->upload(me.id, sha);
      if (!u.ok() || !u.value()) return SubmitError{422, "unknown_upload", fp};
      f = json{{"upload", sha}, {"type", catalog_type(app, id, u.value()->kind)}, {"bytes", u.value()->size}};
    }
  } else if (by == "licence") {
    // A licence this center issued is referenced by its id and must be the resident's own.
    // A reference by type and number is bound to the resident's licence when one matches;
    // otherwise it names a licence from elsewhere (ID card, marriage certificate) that the
    // national licence library holds: passed on marked unverified, for the clerk to check at
    // acceptance (a deployment plugs the library lookup in here).
    const std::string lid = entry.value("licence_id", std::string());
    const std::string type = entry.value("licence", std::string());
    const std::string number = entry.value("number", std::string());
    auto lic = app.store->licences_of(me.id);
    if (!lic.ok()) return SubmitError{500, "storage_error", ""};
    const auto it = std::find_if(lic.value().begin(), lic.value().end(), [&](const Licence& l) {
      return lid.empty() ? (l.type == type && l.number == number) : l.id == lid;
    });
    if (it == lic.value().end()) {
      if (!lid.empty()) return SubmitError{422, "unknown_licence", path + "/licence_id"};
      entry["verified"] = false;
      return std::nullopt;
    }
    entry["licence"] = it->type;
    entry["number"] = it->number;
    entry["licence_id"] = it->id;
    entry["verified"] = true;
  }
  return std::nullopt;
}

}  // namespace

std::variant<json, SubmitError> core_application(App& app, const Resident& me, const json& body) {
  json out = json::object();
  for (const char* k : {"answers", "fields", "materials"}) {
    auto it = body.find(k);
    if (it == body.end() || it->is_null()) continue;
    if (!it->is_object()) return SubmitError{400, "not_object", std::string("/") + k};
    out[k] = *it;
  }
  if (out.contains("materials")) {
    for (auto it = out["materials"].begin(); it != out["materials"].end(); ++it) {
      if (auto e = convert_material(app, me, it.key(), it.value(), "/materials/" + it.key())) return *e;
    }
  }
  return out;
}

json run_validate(const App& app, const std::string& kind, const std::string& target, const json& application) {
  json req = {{"op", "validate"}, {"application", application}};
  req[kind == "bundle" ? "bundle" : "item"] = target;
  json res = json::parse(app.engine.call(req.dump(), app.ctx()), nullptr, false);
  if (!res.is_object()) return json{{"ok", false}, {"error", {{"code", "internal_error"}, {"message", ""}}}};
  return res;
}

std::vector<std::string> target_items(const App& app, const std::string& kind, const std::string& target) {
  std::vector<std::string> out;
  if (!app.catalog) return out;
  if (kind == "item") {
    if (app.catalog->item(target)) out.push_back(target);
  } else if (const BundleDef* b = app.catalog->bundle(target)) {
    for (const auto& st : b->stages)
      for (const auto& i : st.items) out.push_back(i);
  }
  return out;
}

std::string target_window(const App& app, const std::string& kind, const std::string& target) {
  if (!app.catalog) return {};
  if (kind == "item") {
    const ItemDef* i = app.catalog->item(target);
    return i ? i->window : std::string();
  }
  const BundleDef* b = app.catalog->bundle(target);
  return b ? b->window : std::string();
}

}  // namespace yilu::server::http
