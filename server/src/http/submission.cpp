#include "http/submission.hpp"

#include <algorithm>
#include <cstdio>

#include "auth/tokens.hpp"
#include "http/respond.hpp"
#include "http/step.hpp"
#include "yilu/applicant.hpp"

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

std::vector<const ItemDef*> items_of(const Catalog& catalog, const std::string& kind, const std::string& target) {
  std::vector<const ItemDef*> out;
  if (kind == "item") {
    out.push_back(catalog.item(target));
  } else if (const BundleDef* b = catalog.bundle(target)) {
    for (const auto& st : b->stages)
      for (const auto& id : st.items) out.push_back(catalog.item(id));
  }
  return out;
}

// Who files it (实名, 代办) and who signed its commitments: the resident's own ID in the
// applicant fields, or a relation where the items allow filing for someone else.
std::optional<SubmitError> check_filer(const Catalog& catalog, const Resident& me, const std::string& kind,
                                       const std::string& target, const json& body, CheckedForm& f, Date today) {
  const json fields = f.application.value("fields", json::object());
  const ApplicantCheck who = check_applicant(items_of(catalog, kind, target), fields, me.id_number, today);
  if (who.match == ApplicantMatch::Other) {
    if (!who.proxy_allowed) return SubmitError{"applicant_not_self", "/fields/" + who.field};
    const auto proxy = body.find("proxy");
    const std::string relation =
        proxy != body.end() && proxy->is_object() ? utf8_prefix(str(*proxy, "relation"), 60) : std::string();
    if (relation.empty()) return SubmitError{"proxy_relation_required", "/proxy/relation"};
    f.proxy_relation = relation;
    f.principal_id = who.principal_id;
  }
  const auto mats = f.application.find("materials");
  if (mats == f.application.end() || !mats->is_object()) return std::nullopt;
  for (auto it = mats->begin(); it != mats->end(); ++it) {
    if (!it->is_object() || it->value("by", std::string()) != "commitment") continue;
    // The typed signature must be the resident's real name (spaces around it aside).
    std::string signer = it->value("signer", std::string());
    const auto b = signer.find_first_not_of(" \t");
    const auto e = signer.find_last_not_of(" \t");
    signer = b == std::string::npos ? std::string() : signer.substr(b, e - b + 1);
    if (signer.empty() || signer != me.name)
      return SubmitError{"commitment_signer_mismatch", "/materials/" + it.key() + "/signer"};
    (*it)["signer"] = signer;
  }
  return std::nullopt;
}

}  // namespace

std::variant<CheckedForm, SubmitError> check_form(App& app, const Resident& me, const std::string& kind,
                                                  const std::string& target, const json& body, Timestamp now) {
  if (!app.catalog) return SubmitError{"catalog_not_loaded", ""};
  if (me.id_number.empty() || me.name.empty()) return SubmitError{"profile_required", ""};
  CheckedForm out;
  out.checked_at = now;
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
  if (out.report.verdict != Verdict::NotAcceptable)
    if (auto e = check_filer(*app.catalog, me, kind, target, body, out, today)) return *e;
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
    if (m.state == MaterialState::Commitment) {
      const auto mats = f.application.find("materials");
      if (mats != f.application.end() && mats->is_object() && mats->contains(r.material_id))
        r.signer = (*mats)[r.material_id].value("signer", std::string());
      r.signed_at = f.checked_at;
    }
    a.materials.push_back(std::move(r));
  }
  a.proxy_relation = f.proxy_relation;
  a.principal_id = f.principal_id;
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

SupplyCheck check_supply(App& app, const Resident& owner, const Application& a, const std::string& material_id,
                         const json& body, Timestamp now) {
  SupplyCheck out;
  const MaterialDef* def = nullptr;
  for (const auto& id : a.items) {
    const ItemDef* item = app.catalog ? app.catalog->item(id) : nullptr;
    if (!item) continue;
    for (const auto& m : item->materials)
      if (!def && m.id == material_id) def = &m;
  }
  if (!def) {
    out.error = SubmitError{"not_owed", "/material"};
    return out;
  }
  json entry = {{"by", "file"}, {"files", body.contains("files") ? body["files"] : json::array()}};
  if (auto e = convert_material(app, owner, entry, "")) {
    out.error = e;
    return out;
  }
  const ValidationReport r = validate_supply(*app.catalog, *def, entry, cst_date(now), "");
  if (!r.problems.empty()) {
    out.problems = r.problems;
    return out;
  }
  const json& files = entry["files"];
  for (std::size_t i = 0; i < files.size(); ++i)
    out.files.push_back(ApplicationFile{material_id, static_cast<std::int64_t>(i),
                                        files[i].value("upload", std::string()), files[i].value("type", std::string()),
                                        files[i].value("bytes", std::int64_t{0})});
  return out;
}

Application new_application(const App& app, const std::string& resident_id, const std::string& kind,
                            const std::string& target, const CheckedForm& f, Timestamp now) {
  const Ymd d = ymd_from_date(cst_date(now));
  char day[16];
  std::snprintf(day, sizeof day, "%04d%02d%02d", d.year, d.month, d.day);
  Application a;
  a.id = std::string("YL") + day + "-" + random_hex(5);
  a.resident_id = resident_id;
  a.kind = kind;
  a.target_id = target;
  a.stage = kind == "bundle" ? 1 : 0;
  a.window = target_window(app, kind, target);
  a.items = target_items(app, kind, target);
  a.status = workflow::AppStatus::Submitted;
  store_form(a, f);
  a.submitted_at = now;
  a.updated_at = now;
  a.catalog_version = app.catalog_state()->id;  // its rules stay this version's
  return a;
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
