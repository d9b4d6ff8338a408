#include "http/submission.hpp"

#include <algorithm>

#include "auth/tokens.hpp"

namespace yilu::server::http {

namespace {

std::optional<SubmitError> convert_material(App& app, const Resident& me, json& entry, const std::string& path) {
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
      if (!is_sha256_hex(sha)) return SubmitError{"unknown_upload", fp};
      auto u = app.store->upload(me.id, sha);
      if (!u.ok() || !u.value()) return SubmitError{"unknown_upload", fp};
      f = json{{"upload", sha}, {"type", u.value()->kind}, {"bytes", u.value()->size}};
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
    if (!lic.ok()) return SubmitError{"storage_error", ""};
    const auto it = std::find_if(lic.value().begin(), lic.value().end(), [&](const Licence& l) {
      return lid.empty() ? (l.type == type && l.number == number) : l.id == lid;
    });
    if (it == lic.value().end()) {
      if (!lid.empty()) return SubmitError{"unknown_licence", path + "/licence_id"};
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

std::variant<CheckedForm, SubmitError> check_form(App& app, const Resident& me, const std::string& kind,
                                                  const std::string& target, const json& body, Timestamp now) {
  if (!app.catalog) return SubmitError{"catalog_not_loaded", ""};
  CheckedForm out;
  out.application = json::object();
  for (const char* k : {"answers", "fields", "materials"}) {
    auto it = body.find(k);
    if (it == body.end() || it->is_null()) continue;
    if (!it->is_object()) return SubmitError{"not_object", std::string("/") + k};
    out.application[k] = *it;
  }
  if (out.application.contains("materials")) {
    for (auto it = out.application["materials"].begin(); it != out.application["materials"].end(); ++it) {
      if (auto e = convert_material(app, me, it.value(), "/materials/" + it.key())) return *e;
    }
  }
  const Date today = cst_date(now);
  if (kind == "bundle") {
    const BundleDef* b = app.catalog->bundle(target);
    if (!b) return SubmitError{"unknown_target", "/target_id"};
    out.report = validate_bundle(*app.catalog, *b, out.application, today, "");
  } else {
    const ItemDef* i = app.catalog->item(target);
    if (!i) return SubmitError{"unknown_target", "/target_id"};
    out.report = validate_item(*app.catalog, *i, out.application, today, "");
  }
  return out;
}

void store_form(Application& a, const CheckedForm& f) {
  a.form = f.application.dump(-1, ' ', false, json::error_handler_t::replace);
  a.verdict = verdict_name(f.report.verdict);
  a.materials.clear();
  for (const auto& m : f.report.materials) {
    MaterialRecord r;
    r.material_id = m.def->id;
    r.name = m.def->name;
    r.stage = m.stage;
    r.required = m.required;
    r.state = material_state_name(m.state);
    r.licence = m.def->licence;
    a.materials.push_back(std::move(r));
  }
  a.files.clear();
  const auto mats = f.application.find("materials");
  if (mats == f.application.end() || !mats->is_object()) return;
  for (auto it = mats->begin(); it != mats->end(); ++it) {
    if (!it->is_object() || it->value("by", std::string()) != "file") continue;
    const auto files = it->find("files");
    if (files == it->end() || !files->is_array()) continue;
    for (std::size_t i = 0; i < files->size(); ++i) {
      const json& fj = (*files)[i];
      a.files.push_back(ApplicationFile{it.key(), static_cast<std::int64_t>(i), fj.value("upload", std::string()),
                                        fj.value("type", std::string()), fj.value("bytes", std::int64_t{0})});
    }
  }
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
