#include "yilu/guide.hpp"

#include <algorithm>

#include "catalog/condition.hpp"
#include "yilu/bundle.hpp"

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

json field_json(const Catalog& c, const FieldDef& f, const json* answers) {
  json out = {{"id", f.id}, {"label", f.label}, {"type", field_type_name(f.type)},
              {"requirement", requirement(c, f.required, f.required_when, answers)}};
  if (f.type == FieldType::Enum) out["options"] = options_json(f.options);
  if (f.type == FieldType::Text) out["max_length"] = f.max_length;
  if (f.type == FieldType::Date) {
    if (f.min_date.set) out["min"] = f.min_date.text;
    if (f.max_date.set) out["max"] = f.max_date.text;
  }
  if (f.type == FieldType::Group) {
    json sub = json::array();
    for (const auto& g : f.fields) sub.push_back(field_json(c, g, nullptr));
    out["fields"] = std::move(sub);
    out["min_items"] = f.min_items;
    out["max_items"] = f.max_items;
  }
  return out;
}

}  // namespace

json service_guide(const Catalog& c, const ItemDef& item, const json* answers) {
  if (answers && !answers->is_object()) answers = nullptr;
  json out = json::object();
  out["id"] = item.id;
  out["name"] = item.name;
  out["kind"] = item.kind;
  const Department* dept = c.department(item.department);
  out["department"] = {{"id", item.department}, {"name", dept ? dept->name : ""}};
  const Window* win = c.window(item.window);
  out["where"] = {{"window", item.window},
                  {"name", win ? win->name : ""},
                  {"kind", win ? win->kind : ""},
                  {"location", win ? win->location : ""},
                  {"hours", win ? win->hours : ""}};
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
  json qs = json::array();
  for (const auto& q : item.questions) {
    json answer = nullptr;
    if (answers) {
      const auto it = answers->find(q.id);
      if (it != answers->end() && it->is_string()) answer = *it;
    }
    qs.push_back({{"id", q.id}, {"text", q.text}, {"options", options_json(q.options)}, {"answer", answer}});
  }
  out["questions"] = std::move(qs);
  json fields = json::array();
  for (const auto& f : item.fields) fields.push_back(field_json(c, f, answers));
  out["fields"] = std::move(fields);
  json mats = json::array();
  for (const auto& m : item.materials) {
    const char* req = requirement(c, m.required, m.required_when, answers);
    if (std::string_view(req) == "not_needed") continue;
    const LicenceType* lt = m.licence.empty() ? nullptr : c.licence_type(m.licence);
    mats.push_back({{"id", m.id},
                    {"name", m.name},
                    {"requirement", req},
                    {"form", m.form},
                    {"copies", m.copies},
                    {"file_types", m.file_types},
                    {"max_bytes", m.max_bytes},
                    {"max_pages", m.max_pages},
                    {"key", m.key},
                    {"deferrable", m.deferrable && !m.key},
                    {"commitment", m.commitment},
                    {"licence", lt ? json{{"id", lt->id}, {"name", lt->name}} : json(nullptr)},
                    {"note", m.note}});
  }
  out["materials"] = std::move(mats);
  json fees = json::array();
  for (const auto& f : item.fees) fees.push_back({{"name", f.name}, {"amount", f.amount}, {"basis", f.basis}});
  out["fees"] = std::move(fees);
  const LicenceType* issued = item.issues.empty() ? nullptr : c.licence_type(item.issues);
  out["issues"] = issued ? json{{"id", issued->id}, {"name", issued->name}} : json(nullptr);
  out["basis"] = item.basis;
  out["source"] = item.source;
  json bundles = json::array();
  for (const auto& b : c.bundles())
    for (std::size_t s = 0; s < b.stages.size(); ++s)
      if (std::find(b.stages[s].items.begin(), b.stages[s].items.end(), item.id) != b.stages[s].items.end())
        bundles.push_back({{"id", b.id}, {"name", b.name}, {"stage", s + 1}});
  out["bundles"] = std::move(bundles);
  return out;
}

}  // namespace yilu
