#include "http/views.hpp"

#include "auth/mask.hpp"
#include "workflow/deadlines.hpp"
#include "workflow/state_machine.hpp"

namespace yilu::server::http {

namespace {

json parsed_or(const std::string& text, json fallback) {
  if (text.empty()) return fallback;
  json v = json::parse(text, nullptr, false);
  return v.is_discarded() ? fallback : v;
}

std::string ts(Timestamp t) { return t ? format_timestamp_cst(t) : std::string(); }

}  // namespace

std::vector<std::string> items_of(const Application& a) {
  std::vector<std::string> out;
  const json v = json::parse(a.items, nullptr, false);
  if (!v.is_array()) return out;
  for (const auto& i : v)
    if (i.is_string()) out.push_back(i.get<std::string>());
  return out;
}

std::vector<std::string> stage_items(const App& app, const Application& a) {
  if (a.kind != "bundle") return items_of(a);
  std::vector<std::string> out;
  const BundleDef* b = app.catalog ? app.catalog->bundle(a.target_id) : nullptr;
  if (!b || a.stage < 1 || a.stage > static_cast<std::int64_t>(b->stages.size())) return out;
  return b->stages[static_cast<std::size_t>(a.stage - 1)].items;
}

json task_json(const App& app, const Task& t) {
  json pauses = json::array();
  for (const auto& p : parsed_or(t.pauses, json::array())) {
    json q = {{"start", ts(p.value("start", Timestamp{0}))}, {"reason", p.value("reason", std::string())}};
    if (p.contains("end") && p["end"].is_number_integer()) q["end"] = ts(p["end"].get<Timestamp>());
    pauses.push_back(std::move(q));
  }
  json out = {{"id", t.id},
              {"application_id", t.application_id},
              {"item_id", t.item_id},
              {"department", t.department},
              {"status", t.status},
              {"pauses", pauses},
              {"extensions", parsed_or(t.extensions, json::array())},
              {"decision_note", t.note},
              {"updated_at", ts(t.updated_at)}};
  if (app.catalog) {
    if (const ItemDef* item = app.catalog->item(t.item_id)) out["item_name"] = item->name;
    if (const Department* d = app.catalog->department(t.department)) out["department_name"] = d->name;
  }
  if (t.stage) out["stage"] = t.stage;
  out["started_at"] = ts(t.started_at);
  json d = workflow::task_deadline(app, t, app.now());
  // A decided task is off the clock: its due date stays for the record, its level does not apply.
  if (d.is_object() && (t.status == "approved" || t.status == "rejected")) d["level"] = "done";
  out["deadline"] = d;
  return out;
}

json application_json(const App& app, const Application& a, const std::vector<Task>& tasks,
                      const std::vector<Licence>& licences, bool with_body) {
  const auto items = items_of(a);
  const auto current = stage_items(app, a);
  json out = {{"id", a.id},
              {"kind", a.kind},
              {"target_id", a.target_id},
              {"window", a.window},
              {"resident_id", a.resident_id},
              {"status", a.status},
              {"items", items},
              {"submitted_at", ts(a.submitted_at)},
              {"updated_at", ts(a.updated_at)}};
  if (a.kind == "bundle") out["stage"] = a.stage;
  if (app.catalog) {
    if (a.kind == "item") {
      if (const ItemDef* i = app.catalog->item(a.target_id)) out["target_name"] = i->name;
    } else if (const BundleDef* b = app.catalog->bundle(a.target_id)) {
      out["target_name"] = b->name;
    }
    if (const Window* w = app.catalog->window(a.window)) out["window_name"] = w->name;
  }
  if (a.accepted_at) out["accepted_at"] = ts(a.accepted_at);
  const Timestamp now = app.now();
  if (!a.accepted_at && workflow::is_open(a.status)) {
    // Not accepted yet: what the due date would be if the clerk accepted it now.
    std::vector<json> ds;
    for (const auto& id : current) ds.push_back(workflow::item_deadline(app, id, now, json::array(), json::array(), now));
    out["due_preview"] = workflow::combine(ds);
  }
  json task_list = json::array();
  std::vector<json> ds;
  bool current_tasks = false;
  for (const auto& t : tasks) {
    json tj = task_json(app, t);
    // The application's clock is its running stage's: earlier stages are history.
    if (t.stage == a.stage) {
      current_tasks = true;
      if (tj.contains("deadline")) {
        json d = tj["deadline"];
        if (d.is_object() && d.value("level", "") == "done") d["level"] = "normal";
        ds.push_back(d);
      }
    }
    task_list.push_back(std::move(tj));
  }
  out["tasks"] = task_list;
  if (a.accepted_at) {
    if (!current_tasks) {
      for (const auto& id : current)
        ds.push_back(workflow::item_deadline(app, id, a.accepted_at, json::array(), json::array(), now));
    }
    json d = workflow::combine(ds);
    if (d.is_object() && !workflow::is_open(a.status)) d["level"] = "done";
    out["deadline"] = d;
  }
  if (!a.supplement.empty()) out["supplement"] = parsed_or(a.supplement, json::object());
  if (!a.refusal_reason.empty()) out["refusal_reason"] = a.refusal_reason;
  if (!a.rating.empty()) out["rating"] = parsed_or(a.rating, json::object());
  json lic = json::array();
  for (const auto& l : licences) lic.push_back(licence_json(l));
  out["licences"] = lic;
  if (with_body) {
    const json body = parsed_or(a.body, json::object());
    for (const char* k : {"answers", "fields", "materials"})
      if (body.contains(k)) out[k] = body[k];
    // What each required material stands on; a reused one names the licence that an earlier
    // stage issued for it (电子证照复用) once it exists.
    json status = body.contains("required_materials") ? body["required_materials"] : json::array();
    for (auto& m : status) {
      if (!m.is_object() || m.value("state", std::string()) != "reused") continue;
      const std::string type = m.value("licence", std::string());
      for (const auto& l : licences)
        if (l.type == type) m["licence_issued"] = licence_json(l);
    }
    out["material_status"] = status;
  }
  return out;
}

json application_full(App& app, const Application& a, bool with_body) {
  auto tasks = app.store->tasks_of(a.id);
  auto lic = app.store->licences_of_application(a.id);
  return application_json(app, a, tasks.ok() ? tasks.value() : std::vector<Task>{},
                          lic.ok() ? lic.value() : std::vector<Licence>{}, with_body);
}

json event_json(const Event& e) {
  json actor = {{"kind", e.actor_kind}, {"id", e.actor_id}};
  if (!e.actor_name.empty()) actor["name"] = e.actor_name;
  json out = {{"seq", e.seq}, {"kind", e.kind}, {"actor", actor}, {"at", ts(e.at)}, {"data", parsed_or(e.data, json::object())}};
  if (!e.task_id.empty()) out["task_id"] = e.task_id;
  return out;
}

json licence_json(const Licence& l) {
  return {{"id", l.id},         {"type", l.type},       {"name", l.name},
          {"number", l.number}, {"item_id", l.item_id}, {"application_id", l.application_id},
          {"issued_at", ts(l.issued_at)}};
}

json upload_json(const Upload& u) {
  return {{"id", u.sha256}, {"kind", u.kind}, {"content_type", u.content_type}, {"size", u.size}, {"name", u.name}};
}

json staff_json(const StaffAccount& s) {
  json out = {{"username", s.username}, {"display_name", s.display_name}, {"role", s.role}, {"disabled", s.disabled}};
  if (!s.window.empty()) out["window"] = s.window;
  if (!s.department.empty()) out["department"] = s.department;
  return out;
}

json resident_json(const Resident& r) {
  json out = {{"id", r.id}, {"phone_masked", mask_phone(r.phone)}, {"profile", nullptr}};
  if (!r.id_number.empty()) {
    out["profile"] = {{"name", r.name}, {"id_number_masked", mask_id_number(r.id_number)}};
  }
  return out;
}

}  // namespace yilu::server::http
