#include "http/views.hpp"

#include <map>

#include "auth/mask.hpp"
#include "workflow/deadlines.hpp"
#include "workflow/labels.hpp"
#include "workflow/reminding.hpp"
#include "yilu/guide.hpp"

namespace yilu::server::http {

namespace {

std::string ts(Timestamp t) { return t ? format_timestamp_cst(t) : std::string(); }

json parsed_or(const std::string& text, json fallback) {
  if (text.empty()) return fallback;
  json v = json::parse(text, nullptr, false);
  return v.is_discarded() ? fallback : v;
}

json action_names(const std::vector<workflow::Action>& actions) {
  json out = json::array();
  for (auto a : actions) out.push_back(workflow::name(a));
  return out;
}

// `due`: a deferred material's 补交 due date, once accepted; `commitment_text`: the 告知承诺书
// the applicant signed (the catalog's text for the material's item).
json material_json(const MaterialRecord& m, const std::vector<Licence>& licences, const json& due,
                   const std::string& commitment_text) {
  json out = {{"id", m.material_id},
              {"name", m.name},
              {"required", m.required},
              {"state", m.state},
              {"licence", m.licence.empty() ? json(nullptr) : json(m.licence)}};
  if (m.stage) out["stage"] = m.stage;
  if (m.supplied_at) {
    out["supplied_at"] = ts(m.supplied_at);
    out["supplied_by"] = m.supplied_by.empty() ? "resident" : m.supplied_by;
  }
  if (m.state == "deferred" && !due.is_null()) out["due_date"] = due;
  if (m.state == "commitment")
    out["commitment"] = {{"text", commitment_text}, {"signer", m.signer}, {"signed_at", ts(m.signed_at)}};
  // A reused material names the licence an earlier stage issued for it (电子证照复用) once it exists.
  if (m.state == "reused")
    for (const auto& l : licences)
      if (l.type == m.licence) out["licence_issued"] = licence_json(l);
  return out;
}

// The 告知承诺书 of the first item of the application that takes a commitment for the material.
std::string commitment_text_of(const Catalog* catalog, const Application& a, const std::string& material_id) {
  if (!catalog) return {};
  for (const auto& id : a.items)
    if (const ItemDef* item = catalog->item(id))
      for (const auto& m : item->materials)
        if (m.id == material_id && m.commitment) return commitment_text(*item);
  return {};
}

}  // namespace

namespace {

// A task against its application, whose form's answers the caller parsed once.
json task_view(const App& app, const Application& a, const json& answers, const Task& t,
               const workflow::Actor& viewer) {
  json pauses = json::array();
  for (const auto& p : t.pauses) {
    json q = {{"start", ts(p.start)}, {"reason", p.reason}};
    if (p.end) q["end"] = ts(*p.end);
    pauses.push_back(std::move(q));
  }
  json extensions = json::array();
  for (const auto& x : t.extensions) extensions.push_back({{"days", x.days}, {"reason", x.reason}, {"at", ts(x.at)}});
  json allowed = json::array();
  for (auto act : workflow::allowed_task_actions(a, t, viewer)) allowed.push_back(workflow::name(act));
  json out = {{"id", t.id},
              {"kind", workflow::name(t.kind)},
              {"application_id", t.application_id},
              {"item_id", t.item_id},
              {"department", t.department},
              {"status", workflow::name(t.status)},
              {"status_label", workflow::label(t.kind, t.status)},
              {"pauses", pauses},
              {"extensions", extensions},
              {"decision_note", t.note},
              {"updated_at", ts(t.updated_at)},
              {"allowed_actions", allowed}};
  if (app.catalog) {
    if (const ItemDef* item = app.catalog->item(t.item_id)) out["item_name"] = item->name;
    if (const Department* d = app.catalog->department(t.department)) out["department_name"] = d->name;
  }
  if (t.stage) out["stage"] = t.stage;
  if (viewer.staff) {
    // 催办 are the center's internal business: staff see them, the resident does not.
    json reminders = json::array();
    for (const auto& r : t.reminders) {
      json j = {{"at", ts(r.at)}, {"by_kind", r.actor_kind}, {"note", r.note}};
      if (!r.actor_name.empty()) j["by_name"] = r.actor_name;
      if (!r.level.empty()) {
        j["level"] = r.level;
        j["level_label"] = workflow::reminder_level_label(r.level);
      }
      reminders.push_back(std::move(j));
    }
    out["reminders"] = std::move(reminders);
    out["can_remind"] = workflow::may_remind(t, *viewer.staff);
  }
  out["started_at"] = ts(t.started_at);
  const auto d = workflow::task_due(*app.engine_for(a), answers, t, app.now());
  // A decided task is off the clock: its due date stays for the record, its level does not apply.
  out["deadline"] = d ? workflow::due_json(*d, !workflow::is_open(t.status)) : json(nullptr);
  return out;
}

}  // namespace

json task_json(const App& app, const Application& a, const Task& t, const workflow::Actor& viewer) {
  return task_view(app, a, workflow::answers_of(a), t, viewer);
}

namespace {

// One rule for the level an application shows (application_json and application_level).
std::string level_from(bool open, const std::optional<workflow::Due>& due) {
  if (!open) return "done";
  return due ? std::string(supervision_name(due->supervision.level)) : std::string("normal");
}

}  // namespace

std::string application_level(const App& app, const Application& a, const std::vector<Task>& tasks) {
  const bool open = workflow::is_open(a.status);
  return level_from(open, open ? workflow::application_due(*app.engine_for(a), a, tasks, app.now()) : std::nullopt);
}

std::optional<std::string> task_level(const App& app, const Application& a, const json& answers, const Task& t) {
  const auto d = workflow::task_due(*app.engine_for(a), answers, t, app.now());
  if (!d) return std::nullopt;
  return workflow::level_name(*d, !workflow::is_open(t.status));
}

json owed_json(const App& app, const Application& a) {
  json owed = json::array();
  for (const auto& o : workflow::owed_with_due(*app.engine_for(a), a, app.now())) {
    json j = {{"material_id", o.material->material_id}, {"name", o.material->name}};
    if (o.due) {
      j["due_date"] = format_date(o.due->deadline.due_date);
      j["level"] = supervision_name(o.due->supervision.level);
      j["remaining_workdays"] = o.due->supervision.remaining_workdays;
    }
    owed.push_back(std::move(j));
  }
  return owed;
}

json application_json(const App& app, const Application& a, const std::vector<Task>& tasks,
                      const std::vector<Licence>& licences, const workflow::Actor& viewer, bool with_body) {
  json out = {{"id", a.id},
              {"kind", a.kind},
              {"target_id", a.target_id},
              {"window", a.window},
              {"resident_id", a.resident_id},
              {"status", workflow::name(a.status)},
              {"status_label", workflow::label(a.status)},
              {"items", a.items},
              {"submitted_at", ts(a.submitted_at)},
              {"updated_at", ts(a.updated_at)},
              {"allowed_actions", action_names(workflow::allowed_actions(a, viewer))}};
  if (a.resubmitted_at) out["resubmitted_at"] = ts(a.resubmitted_at);
  out["channel"] = a.channel;
  if (!a.assisted_by.empty()) out["assisted_by"] = {{"username", a.assisted_by}, {"name", a.assisted_by_name}};
  if (!a.proxy_relation.empty())
    out["proxy"] = {{"relation", a.proxy_relation}, {"principal_id_masked", mask_id_number(a.principal_id)}};
  if (a.instant) out["instant"] = true;
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
  const bool open = workflow::is_open(a.status);
  const auto due = workflow::application_due(*app.engine_for(a), a, tasks, app.now());
  if (!a.accepted_at) {
    // Not accepted yet: what the due date would be if the clerk accepted it now.
    if (open) out["due_preview"] = due ? workflow::due_json(*due, false) : json(nullptr);
  } else {
    out["deadline"] = due ? workflow::due_json(*due, !open) : json(nullptr);
  }
  out["level"] = level_from(open, due);
  // 容缺: what is still owed and by when (after acceptance).
  json owed = owed_json(app, a);
  std::map<std::string, std::string> owed_due;
  for (const auto& o : owed)
    if (o.contains("due_date")) owed_due[o["material_id"].get<std::string>()] = o["due_date"].get<std::string>();
  out["owed"] = std::move(owed);
  json task_list = json::array();
  const json answers = workflow::answers_of(a);
  for (const auto& t : tasks) task_list.push_back(task_view(app, a, answers, t, viewer));
  out["tasks"] = task_list;
  if (a.supplement)
    out["supplement"] = {
        {"note", a.supplement->note}, {"missing", a.supplement->missing}, {"at", ts(a.supplement->at)}};
  if (!a.refusal_reason.empty()) out["refusal_reason"] = a.refusal_reason;
  if (a.rating) out["rating"] = {{"score", a.rating->score}, {"comment", a.rating->comment}, {"at", ts(a.rating->at)}};
  json lic = json::array();
  for (const auto& l : licences) lic.push_back(licence_json(l));
  out["licences"] = lic;
  if (with_body) {
    const json form = parsed_or(a.form, json::object());
    for (const char* k : {"answers", "fields", "materials"})
      if (form.contains(k)) out[k] = form[k];
    json status = json::array();
    for (const auto& m : a.materials) {
      const auto owed_it = owed_due.find(m.material_id);
      status.push_back(material_json(m, licences, owed_it == owed_due.end() ? json(nullptr) : json(owed_it->second),
                                     commitment_text_of(app.catalog, a, m.material_id)));
    }
    out["material_status"] = status;
  }
  return out;
}

json application_full(App& app, const Application& a, const workflow::Actor& viewer, bool with_body) {
  auto tasks = app.store->tasks_of(a.id);
  auto lic = app.store->licences_of_application(a.id);
  return application_json(app, a, tasks.ok() ? tasks.value() : std::vector<Task>{},
                          lic.ok() ? lic.value() : std::vector<Licence>{}, viewer, with_body);
}

std::string level_of(const json& view) {
  const auto it = view.find("level");
  return it != view.end() && it->is_string() ? it->get<std::string>() : std::string("normal");
}

json event_json(const Event& e) {
  json actor = {{"kind", e.actor_kind}, {"id", e.actor_id}};
  if (!e.actor_name.empty()) actor["name"] = e.actor_name;
  json out = {{"seq", e.seq},   {"kind", e.kind}, {"title", workflow::event_title(e.kind)},
              {"actor", actor}, {"at", ts(e.at)}, {"data", parsed_or(e.data, json::object())}};
  if (!e.task_id.empty()) out["task_id"] = e.task_id;
  return out;
}

json licence_json(const Licence& l) {
  json out = {{"id", l.id},
              {"type", l.type},
              {"name", l.name},
              {"number", l.number},
              {"item_id", l.item_id},
              {"application_id", l.application_id},
              {"issued_at", ts(l.issued_at)}};
  if (l.revoked_at) {
    out["revoked_at"] = ts(l.revoked_at);
    out["revoked_reason"] = l.revoked_reason;
  }
  return out;
}

json upload_json(const Upload& u) {
  return {{"id", u.sha256}, {"kind", u.kind}, {"content_type", u.content_type}, {"size", u.size}, {"name", u.name}};
}

json staff_json(const StaffAccount& s) {
  json out = {{"username", s.username},
              {"display_name", s.display_name},
              {"role", workflow::name(s.role)},
              {"disabled", s.disabled}};
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
