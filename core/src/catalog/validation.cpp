#include "yilu/validation.hpp"

#include <algorithm>
#include <cmath>

#include "catalog/condition.hpp"
#include "catalog/form.hpp"
#include "detail/json_access.hpp"
#include "detail/json_value.hpp"
#include "detail/messages.hpp"
#include "detail/report_json.hpp"
#include "yilu/contact.hpp"
#include "yilu/file_types.hpp"
#include "yilu/identity.hpp"

namespace yilu {

using detail::CondLookup;
using detail::eval_condition;
using detail::Truth;
using nlohmann::json;

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Acceptable: return "acceptable";
    case Verdict::AcceptableWithDeferrals: return "acceptable_with_deferrals";
    case Verdict::NotAcceptable: return "not_acceptable";
  }
  return "";
}

const char* material_state_name(MaterialState s) {
  switch (s) {
    case MaterialState::Provided: return "provided";
    case MaterialState::Licence: return "licence";
    case MaterialState::Commitment: return "commitment";
    case MaterialState::Deferred: return "deferred";
    case MaterialState::Reused: return "reused";
    case MaterialState::Missing: return "missing";
    case MaterialState::NotGiven: return "not_given";
  }
  return "";
}

namespace {

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

bool valid_email(std::string_view s) {
  if (s.size() > 254) return false;
  const auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || s.find('@', at + 1) != std::string_view::npos) return false;
  const auto local_ok = [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
           ch == '%' || ch == '+' || ch == '-';
  };
  for (std::size_t i = 0; i < at; ++i)
    if (!local_ok(s[i])) return false;
  const std::string_view domain = s.substr(at + 1);
  if (domain.find('.') == std::string_view::npos) return false;
  std::size_t label = 0;
  for (const char ch : domain) {
    if (ch == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-';
    if (!ok) return false;
    ++label;
  }
  return label > 0;
}

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

// A bound relative to as_of; months and years keep the day of month, clamped (Feb 29 → Feb 28).
Date resolve_bound(const DateBound& b, Date as_of) {
  if (!b.relative) return b.absolute;
  if (b.unit == 'd') return Date{as_of.days + b.amount};
  Ymd ymd = ymd_from_date(as_of);
  std::int64_t months =
      static_cast<std::int64_t>(ymd.year) * 12 + (ymd.month - 1) + (b.unit == 'y' ? 12 * b.amount : b.amount);
  months = std::clamp<std::int64_t>(months, 1800 * 12, 2199 * 12 + 11);
  const int y = static_cast<int>(months / 12);
  const int m = static_cast<int>(months % 12) + 1;
  return date_from_ymd(y, m, std::min(ymd.day, days_in_month(y, m)));
}

// Whole years from `birth` to `on` (the birthday counts on the day itself).
int age_on(Date birth, Date on) {
  const Ymd b = ymd_from_date(birth);
  const Ymd o = ymd_from_date(on);
  int age = o.year - b.year;
  if (o.month < b.month || (o.month == b.month && o.day < b.day)) --age;
  return age;
}

// The application's values are a request's detail::Value (the validate op reads them so; the
// server's nlohmann values are copied into one).
using detail::str;
using detail::Value;

template <class V>
bool given(const V* v) {
  return v && !v->is_null() && !(v->is_string() && str(*v).empty());
}

template <class V>
const V* find_member(const V* obj, std::string_view key) {
  return obj ? detail::member(*obj, key) : nullptr;
}

// A JSON pointer built only when a problem needs it: most values are valid, and a string per
// field would cost more than checking it.
struct Path {
  const std::string* parent;
  std::string_view key;
  bool whole = false;             // the parent itself (a material supplied on its own)
  operator std::string() const {  // NOLINT(google-explicit-constructor)
    return whole ? *parent : detail::pointer_append(*parent, key);
  }
  std::string operator+(const char* tail) const { return std::string(*this) + tail; }
};

// Warns about each key of `obj` not in `known` (sorted): one merge walk, since both are in order.
template <class V, class Warn>
void each_unknown(const V* obj, const std::vector<std::string_view>& known, Warn&& warn) {
  if (!obj) return;
  auto k = known.begin();
  detail::each_member(*obj, [&](std::string_view key, const V&) {
    while (k != known.end() && *k < key) ++k;
    if (k == known.end() || *k != key) warn(std::string(key));
  });
}

// One Validator, over a request's detail::Value: the public functions taking nlohmann values copy
// them into a Document first (one instantiation of the rules in each build).
class Validator {
  using V = Value;

 public:
  Validator(const Catalog& c, Date as_of, const std::string& base, ValidationReport& r)
      : c_(c), as_of_(as_of), base_(base), r_(r) {}

  /// One material's entry on its own (a 容缺 material supplied after acceptance): the same
  /// checks as within an application.
  void run_material(const MaterialDef& m, const V& entry) {
    MaterialStatus st;
    st.def = &m;
    check_material_entry(m, entry, Path{&base_, {}, true}, st);
    finish();
  }

  void run(const detail::Form& form, const V& app) {
    if (!app.is_object()) {
      problem(base_, "application.wrong_type", {{"expected", detail::type_word("object")}});
      finish();
      return;
    }
    answers_ = section(app, "answers");
    fields_ = section(app, "fields");
    materials_ = section(app, "materials");
    detail::each_member(app, [&](std::string_view key, const V&) {
      if (key != "answers" && key != "fields" && key != "materials")
        warning(detail::pointer_append(base_, key), "application.unknown_key", {{"key", std::string(key)}});
    });
    check_answers(form);
    check_fields(form);
    check_rules(form);
    check_materials(form);
    finish();
  }

 private:
  const V* section(const V& app, const char* key) {
    const V* v = find_member(&app, key);
    if (!v || v->is_null()) return nullptr;
    const std::string p = base_ + "/" + key;
    if (!v->is_object()) {
      problem(p, "application.wrong_type", {{"expected", detail::type_word("object")}});
      return nullptr;
    }
    const std::size_t limit = std::string_view(key) == "materials" ? kMaxApplicationMaterials : kMaxApplicationFields;
    if (v->size() > limit) {
      problem(p, "application.too_many", {{"max", limit}});
      return nullptr;
    }
    return v;
  }

  void push(std::vector<Problem>& list, std::string path, const char* code, json params) {
    if (list.size() >= kMaxProblems) {
      r_.truncated = true;
      return;
    }
    std::string message = detail::render_message(code, params);
    list.push_back(Problem{std::move(path), code, std::move(params), std::move(message)});
  }
  void problem(std::string path, const char* code, json params = json::object()) {
    push(r_.problems, std::move(path), code, std::move(params));
  }
  void warning(std::string path, const char* code, json params = json::object()) {
    push(r_.warnings, std::move(path), code, std::move(params));
  }

  detail::CondLookupOf<V> lookup(const V* entry = nullptr) const {
    return detail::CondLookupOf<V>{fields_, answers_, entry, false};
  }
  bool holds(std::int32_t cond, const V* entry = nullptr) const {
    return eval_condition(c_.conditions(), cond, lookup(entry)) == Truth::True;
  }

  void check_answers(const detail::Form& form) {
    const std::string answers_base = base_ + "/answers";
    for (const Question* q : form.questions) {
      const V* v = find_member(answers_, q->id);
      const auto p = [&] { return answers_base + "/" + q->id; };  // only for a problem
      if (!given(v)) {
        problem(p(), "answer.required", {{"question", q->text}});
        continue;
      }
      const bool ok = v->is_string() && std::any_of(q->options.begin(), q->options.end(),
                                                    [&](const Option& o) { return o.value == str(*v); });
      if (!ok) problem(p(), "answer.not_option", {{"question", q->text}});
    }
    each_unknown(answers_, form.question_ids, [&](const std::string& key) {
      warning(detail::pointer_append(answers_base, key), "answer.unknown", {{"key", key}});
    });
  }

  // Checks one value against its definition; false when it is wrong (rules then skip it).
  bool check_value(const FieldDef& f, const V& v, const Path& p) {
    const auto params = [&f] { return json{{"label", f.label}}; };
    const auto wrong = [&](const char* type) {
      problem(p, "field.wrong_type", {{"label", f.label}, {"expected", detail::type_word(type)}});
      return false;
    };
    if (f.type == FieldType::Boolean) return v.is_boolean() ? true : wrong("yes_no");
    if (f.type == FieldType::Number) {
      if (!v.is_number()) return wrong("number");
      const double d = v.template get<double>();
      if (!std::isfinite(d)) return wrong("number");
      if (f.integer && std::floor(d) != d) {
        problem(p, "field.not_integer", params());
        return false;
      }
      const auto num = [](double x) {
        return std::floor(x) == x && std::fabs(x) < 9e15 ? json(static_cast<std::int64_t>(x)) : json(x);
      };
      if (f.min && d < *f.min) {
        problem(p, "field.too_small", {{"label", f.label}, {"min", num(*f.min)}});
        return false;
      }
      if (f.max && d > *f.max) {
        problem(p, "field.too_large", {{"label", f.label}, {"max", num(*f.max)}});
        return false;
      }
      return true;
    }
    if (!v.is_string()) return wrong("text");
    const std::string_view s = str(v);
    if (s.size() > kMaxStringBytes) {
      problem(p, "field.too_long", {{"label", f.label}, {"max", f.max_length}});
      return false;
    }
    switch (f.type) {
      case FieldType::Text: {
        const std::size_t n = code_points(s);
        if (n > static_cast<std::size_t>(f.max_length)) {
          problem(p, "field.too_long", {{"label", f.label}, {"max", f.max_length}});
          return false;
        }
        if (n < static_cast<std::size_t>(f.min_length)) {
          problem(p, "field.too_short", {{"label", f.label}, {"min", f.min_length}});
          return false;
        }
        return true;
      }
      case FieldType::ResidentId: {
        const IdCheck id = check_resident_id(s, as_of_);
        if (id.valid()) return true;
        problem(p, (std::string("id.") + id_reason_code(id.reason)).c_str(), params());
        return false;
      }
      case FieldType::Uscc: {
        const UsccCheck u = check_uscc(s);
        if (u.valid()) return true;
        problem(p, (std::string("uscc.") + uscc_reason_code(u.reason)).c_str(), params());
        return false;
      }
      case FieldType::Mobile:
        if (check_mobile(s).valid()) return true;
        problem(p, "field.mobile", params());
        return false;
      case FieldType::Email:
        if (valid_email(s)) return true;
        problem(p, "field.email", params());
        return false;
      case FieldType::AreaCode:
        if (s.size() == 6 && all_digits(s) && s.substr(0, f.area_prefix.size()) == f.area_prefix) return true;
        problem(p, "field.area_code", {{"label", f.label}, {"prefix", f.area_prefix}});
        return false;
      case FieldType::Enum:
        if (std::any_of(f.options.begin(), f.options.end(), [&](const Option& o) { return o.value == s; })) return true;
        problem(p, "field.not_option", params());
        return false;
      case FieldType::Date: {
        const auto d = parse_date(s);
        if (!d) {
          problem(p, "field.bad_date", params());
          return false;
        }
        if (f.min_date.set && *d < resolve_bound(f.min_date, as_of_)) {
          problem(p, "field.date_too_early",
                  {{"label", f.label}, {"min", format_date(resolve_bound(f.min_date, as_of_))}});
          return false;
        }
        if (f.max_date.set && *d > resolve_bound(f.max_date, as_of_)) {
          problem(p, "field.date_too_late",
                  {{"label", f.label}, {"max", format_date(resolve_bound(f.max_date, as_of_))}});
          return false;
        }
        return true;
      }
      default: return true;
    }
  }

  // One field (top-level or in a group entry). Returns whether its value (if any) is valid.
  bool check_field(const FieldDef* const* defs, std::size_t count, const V* scope, const V* entry, const Path& p) {
    const FieldDef& f = *defs[0];
    const FieldDef* const* defs_end = defs + count;
    const bool shown = std::any_of(defs, defs_end, [&](const FieldDef* d) { return holds(d->shown_when, entry); });
    const V* v = find_member(scope, f.id);
    if (!shown) {
      if (given(v)) warning(p, "field.not_shown", {{"label", f.label}});
      return false;
    }
    if (!given(v)) {
      const bool required = std::any_of(defs, defs_end, [&](const FieldDef* d) {
        return d->required || (d->required_when >= 0 && holds(d->required_when, entry));
      });
      if (required) problem(p, "field.required", {{"label", f.label}});
      return false;
    }
    if (f.type != FieldType::Group) return check_value(f, *v, p);
    if (!v->is_array()) {
      problem(p, "field.wrong_type", {{"label", f.label}, {"expected", detail::type_word("list")}});
      return false;
    }
    if (v->size() > static_cast<std::size_t>(f.max_items)) {
      problem(p, "group.too_many", {{"label", f.label}, {"max", f.max_items}});
      return false;
    }
    if (v->size() < static_cast<std::size_t>(f.min_items))
      problem(p, "group.too_few", {{"label", f.label}, {"min", f.min_items}});
    for (std::size_t i = 0; i < v->size(); ++i) {
      const V& e = (*v)[i];
      const std::string ep = std::string(p) + "/" + std::to_string(i);
      if (!e.is_object()) {
        problem(ep, "field.wrong_type", {{"label", f.label}, {"expected", detail::type_word("object")}});
        continue;
      }
      if (e.size() > kMaxApplicationFields) {
        problem(ep, "application.too_many", {{"max", kMaxApplicationFields}});
        continue;
      }
      invalid_.clear();
      for (const FieldDef& sub : f.fields) {
        const FieldDef* one = &sub;
        if (!check_field(&one, 1, &e, &e, Path{&ep, sub.id}) && given(find_member(&e, sub.id)))
          invalid_.push_back(sub.id);
      }
      detail::each_member(e, [&](std::string_view key, const V&) {
        if (std::none_of(f.fields.begin(), f.fields.end(), [&](const FieldDef& s) { return s.id == key; }))
          warning(detail::pointer_append(ep, key), "field.unknown", {{"key", std::string(key)}});
      });
      for (const Rule& r : f.rules) check_rule(r, &e, ep, &f);
      invalid_.clear();
    }
    return true;
  }

  void check_fields(const detail::Form& form) {
    const std::string fields_base = base_ + "/fields";
    for (const auto& defs : form.fields) {
      if (!check_field(defs.data(), defs.size(), fields_, nullptr, Path{&fields_base, defs.front()->id}) &&
          given(find_member(fields_, defs.front()->id)))
        top_invalid_.push_back(defs.front()->id);
    }
    each_unknown(fields_, form.field_ids, [&](const std::string& key) {
      warning(detail::pointer_append(fields_base, key), "field.unknown", {{"key", key}});
    });
  }

  // A value usable by a rule: present, a string, and valid by its own checks.
  const V* rule_value(const std::string& name, const V* entry, bool& in_entry) const {
    in_entry = false;
    if (entry) {
      if (const V* v = find_member(entry, name)) {
        in_entry = true;
        if (std::find(invalid_.begin(), invalid_.end(), name) != invalid_.end()) return nullptr;
        return v->is_string() && !str(*v).empty() ? v : nullptr;
      }
    }
    const V* v = find_member(fields_, name);
    if (std::find(top_invalid_.begin(), top_invalid_.end(), name) != top_invalid_.end()) return nullptr;
    return v && v->is_string() && !str(*v).empty() ? v : nullptr;
  }

  std::string rule_path(const std::string& name, bool in_entry, const std::string& entry_path) const {
    return in_entry ? detail::pointer_append(entry_path, name) : detail::pointer_append(base_ + "/fields", name);
  }

  std::string label_of(const std::string& name, const FieldDef* group) const {
    if (group)
      for (const FieldDef& f : group->fields)
        if (f.id == name) return f.label;
    for (const auto* defs : all_fields_)
      if (defs->front()->id == name) return defs->front()->label;
    return name;
  }

  void check_rule(const Rule& r, const V* entry, const std::string& entry_path, const FieldDef* group) {
    bool a_in = false;
    bool b_in = false;
    const V* a = rule_value(r.a, entry, a_in);
    if (!a) return;
    const std::string_view as = str(*a);
    if (r.kind == RuleKind::DateOrder) {
      const V* b = rule_value(r.b, entry, b_in);
      if (!b) return;
      const auto da = parse_date(as);
      const auto db = parse_date(str(*b));
      if (!da || !db) return;
      if (*da < *db || (r.allow_equal && *da == *db)) return;
      problem(rule_path(r.b, b_in, entry_path), "rule.date_order",
              {{"before", label_of(r.a, group)}, {"after", label_of(r.b, group)}});
      return;
    }
    const IdCheck id = check_resident_id(as, as_of_);
    if (!id.valid()) return;
    if (r.kind == RuleKind::MinAge) {
      if (age_on(id.birth_date, as_of_) >= r.years) return;
      problem(rule_path(r.a, a_in, entry_path), "rule.min_age", {{"label", label_of(r.a, group)}, {"years", r.years}});
      return;
    }
    const V* b = rule_value(r.b, entry, b_in);
    if (!b) return;
    const std::string_view bs = str(*b);
    if (r.kind == RuleKind::IdBirthDate) {
      const auto d = parse_date(bs);
      if (!d || *d == id.birth_date) return;
      problem(rule_path(r.b, b_in, entry_path), "rule.id_birth_date",
              {{"id_label", label_of(r.a, group)},
               {"label", label_of(r.b, group)},
               {"id_date", format_date(id.birth_date)}});
      return;
    }
    if (r.kind == RuleKind::IdGender) {
      if ((bs == "male") == id.male && (bs == "male" || bs == "female")) return;
      problem(rule_path(r.b, b_in, entry_path), "rule.id_gender",
              {{"id_label", label_of(r.a, group)}, {"label", label_of(r.b, group)}});
    }
  }

  void check_rules(const detail::Form& form) {
    all_fields_.clear();
    for (const auto& defs : form.fields) all_fields_.push_back(&defs);
    const std::string fields_base = base_ + "/fields";
    for (const Rule* r : form.rules) check_rule(*r, nullptr, fields_base, nullptr);
  }

  void check_material_entry(const MaterialDef& m, const V& v, const Path& p, MaterialStatus& st) {
    const V* by = find_member(&v, "by");
    if (!v.is_object() || !by || !by->is_string()) {
      problem(p, "material.bad_entry", {{"name", m.name}});
      st.state = MaterialState::Missing;
      return;
    }
    const std::string_view how = str(*by);
    if (how == "file") {
      st.state = MaterialState::Provided;
      const V* files = find_member(&v, "files");
      if (!files || !files->is_array() || files->empty()) {
        problem(p + "/files", "material.no_files", {{"name", m.name}});
        return;
      }
      if (files->size() > kMaxFilesPerMaterial) {
        problem(p + "/files", "material.too_many_files", {{"name", m.name}, {"max", kMaxFilesPerMaterial}});
        return;
      }
      for (std::size_t i = 0; i < files->size(); ++i) {
        const V& file = (*files)[i];
        const auto fp = [&] { return p + "/files/" + std::to_string(i); };  // only for a problem
        const V* type = find_member(&file, "type");
        const V* bytes = find_member(&file, "bytes");
        const V* pages = find_member(&file, "pages");
        if (!type || !type->is_string() || !bytes || !detail::as_int(*bytes, 0, INT64_MAX)) {
          problem(fp(), "material.bad_file", {{"name", m.name}});
          continue;
        }
        // The catalog stores canonical ids; a file's type is read the same way ("jpeg" is jpg).
        const FileType* t = find_file_type(str(*type));
        if (!t || std::find(m.file_types.begin(), m.file_types.end(), t->id) == m.file_types.end()) {
          std::string allowed;
          const std::string sep = detail::render_message("list.separator");
          for (const auto& a : m.file_types) allowed += (allowed.empty() ? "" : sep) + a;
          problem(fp() + "/type", "material.file_type", {{"name", m.name}, {"allowed", allowed}});
        }
        if (*detail::as_int(*bytes, 0, INT64_MAX) > m.max_bytes)
          problem(fp() + "/bytes", "material.too_large",
                  {{"name", m.name}, {"max_mib", (m.max_bytes + 1048575) / 1048576}});
        if (pages) {
          const auto n = detail::as_int(*pages, 1, INT64_MAX);
          if (!n) problem(fp() + "/pages", "material.bad_file", {{"name", m.name}});
          else if (*n > m.max_pages)
            problem(fp() + "/pages", "material.too_many_pages", {{"name", m.name}, {"max", m.max_pages}});
        }
      }
    } else if (how == "licence") {
      st.state = MaterialState::Licence;
      const V* type = find_member(&v, "licence");
      const V* number = find_member(&v, "number");
      if (m.licence.empty()) {
        problem(p + "/by", "material.licence_not_accepted", {{"name", m.name}});
      } else if (!type || !type->is_string() || str(*type) != m.licence) {
        const LicenceType* lt = c_.licence_type(m.licence);
        problem(p + "/licence", "material.licence_mismatch",
                {{"name", m.name}, {"licence", lt ? lt->name : m.licence}});
      } else if (!number || !number->is_string() || str(*number).empty() || str(*number).size() > 128) {
        problem(p + "/number", "material.licence_number", {{"name", m.name}});
      }
    } else if (how == "commitment") {
      st.state = MaterialState::Commitment;
      const V* signed_ = find_member(&v, "signed");
      if (!m.commitment) problem(p + "/by", "material.commitment_not_allowed", {{"name", m.name}});
      else if (!signed_ || !signed_->is_boolean() || !signed_->template get<bool>())
        problem(p + "/signed", "material.commitment_unsigned", {{"name", m.name}});
    } else if (how == "deferral") {
      st.state = MaterialState::Deferred;
      if (m.key || !m.deferrable) problem(p + "/by", "material.not_deferrable", {{"name", m.name}});
    } else {
      problem(p + "/by", "material.bad_entry", {{"name", m.name}});
      st.state = MaterialState::Missing;
    }
  }

  void check_materials(const detail::Form& form) {
    r_.materials.reserve(form.materials.size());
    const std::string materials_base = base_ + "/materials";
    for (const auto& fm : form.materials) {
      const MaterialDef& m = *fm.defs.front();
      MaterialStatus st;
      st.def = &m;
      st.items = &fm.items;
      st.head = fm.report_head;
      st.stage = fm.stage;
      st.required = std::any_of(fm.defs.begin(), fm.defs.end(), [&](const MaterialDef* d) {
        return d->required || (d->required_when >= 0 && holds(d->required_when));
      });
      const bool applies = st.required || std::any_of(fm.defs.begin(), fm.defs.end(),
                                                      [](const MaterialDef* d) { return d->required_when < 0; });
      const Path p{&materials_base, m.id};  // built only for a problem
      const V* v = find_member(materials_, m.id);
      if (fm.reused) {
        st.state = MaterialState::Reused;
        if (v) warning(p, "material.reused", {{"name", m.name}});
      } else if (!applies) {
        if (v) warning(p, "material.not_required", {{"name", m.name}});
        continue;  // a conditional material whose condition does not hold is not listed
      } else if (!v || v->is_null()) {
        st.state = st.required ? MaterialState::Missing : MaterialState::NotGiven;
        if (st.required) problem(p, "material.missing", {{"name", m.name}});
      } else {
        check_material_entry(m, *v, p, st);
      }
      r_.materials.push_back(std::move(st));
    }
    each_unknown(materials_, form.material_ids, [&](const std::string& key) {
      warning(detail::pointer_append(base_ + "/materials", key), "material.unknown", {{"key", key}});
    });
  }

  void finish() {
    if (!r_.problems.empty()) {
      r_.verdict = Verdict::NotAcceptable;
      return;
    }
    const bool deferred = std::any_of(r_.materials.begin(), r_.materials.end(),
                                      [](const MaterialStatus& m) { return m.state == MaterialState::Deferred; });
    r_.verdict = deferred ? Verdict::AcceptableWithDeferrals : Verdict::Acceptable;
  }

  const Catalog& c_;
  Date as_of_;
  const std::string& base_;
  ValidationReport& r_;
  const V* answers_ = nullptr;
  const V* fields_ = nullptr;
  const V* materials_ = nullptr;
  std::vector<std::string> invalid_;      // group entry fields whose values failed their checks
  std::vector<std::string> top_invalid_;  // top-level fields whose values failed their checks
  std::vector<const std::vector<const FieldDef*>*> all_fields_;
};

}  // namespace

ValidationReport validate_item(const Catalog& catalog, const ItemDef& item, const json& application, Date as_of,
                               const std::string& base) {
  detail::Document doc;
  return detail::validate_item(catalog, item, doc.adopt(application), as_of, base);
}

ValidationReport validate_bundle(const Catalog& catalog, const BundleDef& bundle, const json& application, Date as_of,
                                 const std::string& base) {
  detail::Document doc;
  return detail::validate_bundle(catalog, bundle, doc.adopt(application), as_of, base);
}

ValidationReport validate_supply(const Catalog& catalog, const MaterialDef& material, const json& entry, Date as_of,
                                 const std::string& base) {
  detail::Document doc;
  ValidationReport r;
  Validator(catalog, as_of, base, r).run_material(material, doc.adopt(entry));
  return r;
}

namespace detail {

ValidationReport validate_item(const Catalog& catalog, const ItemDef& item, const Value& application, Date as_of,
                               const std::string& base) {
  ValidationReport r;
  Validator(catalog, as_of, base, r).run(catalog.item_form(item), application);
  return r;
}

ValidationReport validate_bundle(const Catalog& catalog, const BundleDef& bundle, const Value& application, Date as_of,
                                 const std::string& base) {
  ValidationReport r;
  Validator(catalog, as_of, base, r).run(catalog.bundle_form(bundle), application);
  return r;
}

}  // namespace detail

namespace detail {

void write_problems(JsonWriter& out, const std::vector<Problem>& problems) {
  out.begin_array();
  for (const auto& p : problems) {
    out.begin_object();  // keys in order, as every object of a response
    out.member("code", p.code);
    out.member("message", p.message);
    out.member("params", p.params);
    out.member("path", p.path);
    out.end_object();
  }
  out.end_array();
}

namespace {

// The last key of a material's head: write_report continues the entry after it.
constexpr std::string_view kMaterialHeadLastKey = "name";

// The members of a material's report entry up to "name": what the catalog alone decides.
void write_material_head(JsonWriter& out, const MaterialDef& def, const std::vector<const ItemDef*>& items) {
  out.member("commitment", def.commitment);
  out.member("deferrable", def.deferrable && !def.key);
  out.member("id", def.id);
  out.key("items");
  out.begin_array();
  for (const ItemDef* it : items) out.string(it->id);
  out.end_array();
  out.member("key", def.key);
  if (def.licence.empty()) out.member_null("licence");
  else out.member("licence", def.licence);
  out.member(kMaterialHeadLastKey, def.name);
}

}  // namespace

std::string material_report_head(const MaterialDef& def, const std::vector<const ItemDef*>& items) {
  JsonWriter out;
  out.begin_object();
  write_material_head(out, def, items);
  return std::string(out.view().substr(1));  // the members, without the object's "{"
}

void write_report(JsonWriter& out, const ValidationReport& r) {
  out.key("materials");
  out.begin_array();
  for (const auto& m : r.materials) {
    out.begin_object();
    if (!m.head.empty()) out.raw_members(m.head, kMaterialHeadLastKey);
    else write_material_head(out, *m.def, *m.items);
    out.member("required", m.required);
    if (m.stage > 0) out.member("stage", m.stage);
    out.member("state", material_state_name(m.state));
    out.end_object();
  }
  out.end_array();
  out.key("problems");
  write_problems(out, r.problems);
  out.member("truncated", r.truncated);
  out.member("verdict", verdict_name(r.verdict));
  out.key("warnings");
  write_problems(out, r.warnings);
}

}  // namespace detail

// The public JSON forms are read back from the one writer above.
json problems_to_json(const std::vector<Problem>& problems) {
  detail::JsonWriter out;
  detail::write_problems(out, problems);
  return json::parse(out.str());
}

json report_to_json(const ValidationReport& r) {
  detail::JsonWriter out;
  out.begin_object();
  detail::write_report(out, r);
  out.end_object();
  return json::parse(out.str());
}

}  // namespace yilu
