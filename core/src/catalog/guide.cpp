#include "yilu/guide.hpp"

#include <algorithm>

#include "catalog/condition.hpp"
#include "catalog/form.hpp"
#include "detail/messages.hpp"
#include "yilu/file_types.hpp"
#include "yilu/item_deadline.hpp"

namespace yilu {

using nlohmann::json;

namespace {

json options_json(const std::vector<Option>& options) {
  json out = json::array();
  for (const auto& o : options) out.push_back({{"value", o.value}, {"label", o.label}});
  return out;
}

// "required", "optional", or "conditional" when the answers so far do not decide it.
const char* requirement(const Catalog& c, bool required, std::int32_t when, const json* answers) {
  if (required) return "required";
  if (when < 0) return "optional";
  const auto t = detail::eval_condition(c.conditions(), when, detail::CondLookup{nullptr, answers, nullptr, true});
  return t == detail::Truth::True ? "required" : t == detail::Truth::False ? "not_needed" : "conditional";
}

// A bundle asks a shared field or material once: it is required when any item requires it
// (validation's rule), else conditional when any item's condition is open, else optional when
// any item asks for it unconditionally; "not_needed" only when every item says so.
int rank(std::string_view r) { return r == "required" ? 3 : r == "conditional" ? 2 : r == "optional" ? 1 : 0; }

template <class Def>
const char* merged_requirement(const Catalog& c, const std::vector<const Def*>& defs, const json* answers) {
  const char* best = "not_needed";
  for (const Def* d : defs) {
    const char* r = requirement(c, d->required, d->required_when, answers);
    if (rank(r) > rank(best)) best = r;
  }
  return best;
}

json field_json(const Catalog& c, const FieldDef& f, const char* req) {
  json out = {{"id", f.id}, {"label", f.label}, {"type", field_type_name(f.type)}, {"requirement", req}};
  if (f.type == FieldType::Enum) out["options"] = options_json(f.options);
  if (f.type == FieldType::Text) out["max_length"] = f.max_length;
  // The page's division picker opens at this prefix (三亚市: 4602).
  if (f.type == FieldType::AreaCode && !f.area_prefix.empty()) out["area_prefix"] = f.area_prefix;
  if (f.type == FieldType::Date) {
    if (f.min_date.set) out["min"] = f.min_date.text;
    if (f.max_date.set) out["max"] = f.max_date.text;
  }
  if (f.type == FieldType::Group) {
    json sub = json::array();
    for (const auto& g : f.fields)
      sub.push_back(field_json(c, g, requirement(c, g.required, g.required_when, nullptr)));
    out["fields"] = std::move(sub);
    out["min_items"] = f.min_items;
    out["max_items"] = f.max_items;
  }
  return out;
}

// `item` is the material's item (a bundle's: the first that asks for it): its 告知承诺书 text.
json material_json(const Catalog& c, const ItemDef& item, const MaterialDef& m, const char* req) {
  const LicenceType* lt = m.licence.empty() ? nullptr : c.licence_type(m.licence);
  json out = json{{"id", m.id},
                  {"name", m.name},
                  {"requirement", req},
                  {"form", m.form},
                  {"copies", m.copies},
                  {"file_types", m.file_types},
                  {"accept", accept_attribute(m.file_types)},
                  {"max_bytes", m.max_bytes},
                  {"max_pages", m.max_pages},
                  {"key", m.key},
                  {"deferrable", m.deferrable && !m.key},
                  {"commitment", m.commitment},
                  {"licence", lt ? json{{"id", lt->id}, {"name", lt->name}} : json(nullptr)},
                  {"note", m.note}};
  if (m.commitment) out["commitment_text"] = commitment_text(item);
  return out;
}

json applicant_json(const ItemDef& item) {
  if (item.applicant_fields.empty()) return nullptr;
  return {{"fields", item.applicant_fields}, {"proxy", item.proxy_allowed}};
}

json questions_json(const std::vector<const Question*>& questions, const json* answers) {
  json qs = json::array();
  for (const Question* q : questions) {
    json answer = nullptr;
    if (answers) {
      const auto it = answers->find(q->id);
      if (it != answers->end() && it->is_string()) answer = *it;
    }
    qs.push_back({{"id", q->id}, {"text", q->text}, {"options", options_json(q->options)}, {"answer", answer}});
  }
  return qs;
}

json where_json(const Catalog& c, const std::string& window) {
  const Window* win = c.window(window);
  return {{"window", window},
          {"name", win ? win->name : ""},
          {"kind", win ? win->kind : ""},
          {"location", win ? win->location : ""},
          {"hours", win ? win->hours : ""}};
}

json department_json(const Catalog& c, const std::string& id) {
  const Department* dept = c.department(id);
  return {{"id", id}, {"name", dept ? dept->name : ""}};
}

}  // namespace

std::string commitment_text(const ItemDef& item) {
  if (!item.commitment_text.empty()) return item.commitment_text;
  return detail::render_message("commitment.default_text", {{"item", item.name}});
}

json service_guide(const Catalog& c, const ItemDef& item, const json* answers) {
  if (answers && !answers->is_object()) answers = nullptr;
  json out = json::object();
  out["id"] = item.id;
  out["name"] = item.name;
  out["kind"] = item.kind;
  out["department"] = department_json(c, item.department);
  out["where"] = where_json(c, item.window);
  out["online_level"] = item.online_level;
  std::int64_t lo = item.promised_days;
  for (const auto& o : item.promised_options) lo = std::min(lo, o.second);
  out["time_limits"] = {{"legal_days", item.legal_days},
                        {"promised_days", promised_days_for(item, answers)},
                        {"promised_min", lo},
                        {"promised_max", item.promised_days},
                        {"depends_on", item.promised_by.empty() ? json(nullptr) : json(item.promised_by)},
                        {"counts_acceptance_day", item.counts_acceptance_day}};
  out["conditions"] = item.conditions;
  std::vector<const Question*> questions;
  for (const auto& q : item.questions) questions.push_back(&q);
  out["questions"] = questions_json(questions, answers);
  json fields = json::array();
  for (const auto& f : item.fields)
    fields.push_back(field_json(c, f, requirement(c, f.required, f.required_when, answers)));
  out["fields"] = std::move(fields);
  json mats = json::array();
  for (const auto& m : item.materials) {
    const char* req = requirement(c, m.required, m.required_when, answers);
    if (std::string_view(req) == "not_needed") continue;
    mats.push_back(material_json(c, item, m, req));
  }
  out["materials"] = std::move(mats);
  json fees = json::array();
  for (const auto& f : item.fees) fees.push_back({{"name", f.name}, {"amount", f.amount}, {"basis", f.basis}});
  out["fees"] = std::move(fees);
  const LicenceType* issued = item.issues.empty() ? nullptr : c.licence_type(item.issues);
  out["issues"] = issued ? json{{"id", issued->id}, {"name", issued->name}} : json(nullptr);
  out["basis"] = item.basis;
  out["source"] = item.source;
  out["deferral_days"] = item.deferral_days;
  out["instant"] = item.instant;
  out["applicant"] = applicant_json(item);
  json bundles = json::array();
  for (const auto& b : c.bundles())
    for (std::size_t s = 0; s < b.stages.size(); ++s)
      if (std::find(b.stages[s].items.begin(), b.stages[s].items.end(), item.id) != b.stages[s].items.end())
        bundles.push_back({{"id", b.id}, {"name", b.name}, {"stage", s + 1}});
  out["bundles"] = std::move(bundles);
  return out;
}

}  // namespace yilu

namespace yilu {

json bundle_guide(const Catalog& c, const BundleDef& bundle, const json* answers) {
  if (answers && !answers->is_object()) answers = nullptr;
  // The form validate_bundle checks against (built at load): the same merge, the same ids.
  const detail::Form& form = c.bundle_form(bundle);
  json out = json::object();
  out["id"] = bundle.id;
  out["name"] = bundle.name;
  out["kind"] = "bundle";
  out["description"] = bundle.description;
  out["where"] = where_json(c, bundle.window);
  json stages = json::array();
  for (std::size_t s = 0; s < bundle.stages.size(); ++s) {
    const Stage& st = bundle.stages[s];
    json items = json::array();
    for (const auto& id : st.items) {
      const ItemDef* item = c.item(id);
      if (!item) continue;
      items.push_back({{"id", item->id}, {"name", item->name}, {"department", department_json(c, item->department)}});
    }
    stages.push_back({{"index", s + 1}, {"name", st.name}, {"reuse", st.reuse}, {"items", std::move(items)}});
  }
  out["stages"] = std::move(stages);
  // Whose ID the bundle is filed under: every personal item's applicant fields; 代办 only if
  // every personal item allows it (the same merge check_applicant makes).
  ItemDef applicant;
  bool all_proxy = true;
  for (const auto& st : bundle.stages)
    for (const auto& id : st.items) {
      const ItemDef* item = c.item(id);
      if (!item || item->applicant_fields.empty()) continue;
      all_proxy = all_proxy && item->proxy_allowed;
      for (const auto& f : item->applicant_fields)
        if (std::find(applicant.applicant_fields.begin(), applicant.applicant_fields.end(), f) ==
            applicant.applicant_fields.end())
          applicant.applicant_fields.push_back(f);
    }
  applicant.proxy_allowed = all_proxy;
  out["applicant"] = applicant_json(applicant);
  out["questions"] = questions_json(form.questions, answers);
  json fields = json::array();
  for (const auto& defs : form.fields)
    fields.push_back(field_json(c, *defs.front(), merged_requirement(c, defs, answers)));
  out["fields"] = std::move(fields);
  json mats = json::array();
  for (const auto& fm : form.materials) {
    // Validation lists a reused material whatever the answers (nothing to supply); otherwise
    // a material every item leaves out in this situation is left out here too.
    const char* req = fm.reused ? "reused" : merged_requirement(c, fm.defs, answers);
    if (std::string_view(req) == "not_needed") continue;
    json m = material_json(c, *fm.items.front(), *fm.defs.front(), req);
    json items = json::array();
    for (const ItemDef* item : fm.items) items.push_back(item->id);
    m["items"] = std::move(items);
    m["stage"] = fm.stage;
    mats.push_back(std::move(m));
  }
  out["materials"] = std::move(mats);
  return out;
}

}  // namespace yilu
