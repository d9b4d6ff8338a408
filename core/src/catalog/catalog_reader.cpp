#include "catalog/catalog_reader.hpp"

#include "catalog/form.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "detail/fingerprint.hpp"
#include "detail/json_access.hpp"
#include "detail/messages.hpp"
#include "yilu/call.hpp"
#include "yilu/file_types.hpp"

namespace yilu {

using detail::as_int;
using detail::as_string;
using detail::member;
using detail::pointer_append;

namespace {

// Bounds that keep a hostile catalog from exhausting memory or time; far above real data.
constexpr std::int64_t kMaxDays = 3650;
constexpr std::size_t kMaxOptions = 500;
constexpr std::size_t kMaxListEntries = 100000;

std::string idx(const std::string& base, std::size_t i) { return base + "/" + std::to_string(i); }

const char* const kFieldTypes[] = {"text",   "resident_id", "uscc",      "mobile",  "email", "date",
                                   "number", "enum",        "area_code", "boolean", "group"};

std::optional<FieldType> parse_field_type(std::string_view s) {
  for (std::size_t i = 0; i < std::size(kFieldTypes); ++i)
    if (s == kFieldTypes[i]) return static_cast<FieldType>(i);
  return std::nullopt;
}

// "pdf, jpg, png, ofd, dwg": the table's ids, for a problem's message.
std::string known_file_types() {
  std::string out;
  for (const FileType& t : file_types()) out.append(out.empty() ? "" : ", ").append(t.id.data(), t.id.size());
  return out;
}

const FieldDef* find_field(const std::vector<FieldDef>& fields, std::string_view id) {
  for (const auto& f : fields)
    if (f.id == id) return &f;
  return nullptr;
}

bool has_question(const std::vector<Question>& qs, std::string_view id) {
  return std::any_of(qs.begin(), qs.end(), [&](const Question& q) { return q.id == id; });
}

// "2024-01-01", "as_of", "as_of-18y", "as_of+30d", "as_of-6m".
std::optional<DateBound> parse_bound(std::string_view s) {
  DateBound b;
  b.set = true;
  b.text = std::string(s);
  if (const auto d = parse_date(s)) {
    b.absolute = *d;
    return b;
  }
  if (s.substr(0, 5) != "as_of") return std::nullopt;
  b.relative = true;
  s.remove_prefix(5);
  if (s.empty()) return b;
  if (s.size() < 3 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  const char unit = s.back();
  if (unit != 'd' && unit != 'm' && unit != 'y') return std::nullopt;
  std::int32_t n = 0;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9' || n > 100000) return std::nullopt;
    n = n * 10 + (s[i] - '0');
  }
  b.amount = s[0] == '-' ? -n : n;
  b.unit = unit;
  return b;
}

}  // namespace

const char* field_type_name(FieldType t) {
  const auto i = static_cast<std::size_t>(t);
  return i < std::size(kFieldTypes) ? kFieldTypes[i] : "";
}

void CatalogReader::problem(const std::string& path, const char* code, json params) {
  std::string message = detail::render_message(code, params);
  problems_.push_back(Problem{path, code, std::move(params), std::move(message)});
}

bool CatalogReader::is_object(const Node* v, const std::string& path) {
  if (v && v->is_object()) return true;
  problem(path, v ? "catalog.wrong_type" : "catalog.missing", {{"expected", detail::type_word("object")}});
  return false;
}

bool CatalogReader::is_array(const Node* v, const std::string& path) {
  if (v && v->is_array() && v->size() <= kMaxListEntries) return true;
  problem(path, v ? "catalog.wrong_type" : "catalog.missing", {{"expected", detail::type_word("array")}});
  return false;
}

void CatalogReader::check_keys(const Node& obj, const std::string& path, std::initializer_list<const char*> allowed) {
  // A misspelt key would silently drop a rule; comments go under keys starting with "_".
  for (std::size_t i = 0; i < obj.size(); ++i) {
    const std::string_view k = obj.key(i);
    if (!k.empty() && k[0] == '_') continue;
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; }))
      problem(pointer_append(path, k), "catalog.unknown_key", {{"key", std::string(k)}});
  }
}

std::string CatalogReader::string_member(const Node& obj, const std::string& path, const char* key, bool required) {
  const Node* v = member(obj, key);
  if (!v) {
    if (required) problem(pointer_append(path, key), "catalog.missing", {{"expected", detail::type_word("string")}});
    return {};
  }
  const auto s = as_string(*v);
  if (!s || (required && s->empty())) {
    problem(pointer_append(path, key), "catalog.wrong_type", {{"expected", detail::type_word("nonempty_string")}});
    return {};
  }
  return std::string(*s);
}

std::int64_t CatalogReader::int_member(const Node& obj, const std::string& path, const char* key, std::int64_t lo,
                                       std::int64_t hi, std::int64_t fallback, bool required) {
  const Node* v = member(obj, key);
  if (!v) {
    if (required) problem(pointer_append(path, key), "catalog.missing", {{"expected", detail::type_word("integer")}});
    return fallback;
  }
  const auto n = as_int(*v, lo, hi);
  if (!n) {
    problem(pointer_append(path, key), "catalog.bad_value", {{"min", lo}, {"max", hi}});
    return fallback;
  }
  return *n;
}

bool CatalogReader::bool_member(const Node& obj, const std::string& path, const char* key, bool fallback) {
  const Node* v = member(obj, key);
  if (!v) return fallback;
  if (!v->is_boolean()) {
    problem(pointer_append(path, key), "catalog.wrong_type", {{"expected", detail::type_word("boolean")}});
    return fallback;
  }
  return v->get<bool>();
}

std::vector<std::string> CatalogReader::string_list(const Node& obj, const std::string& path, const char* key) {
  std::vector<std::string> out;
  const Node* v = member(obj, key);
  if (!v) return out;
  const std::string p = pointer_append(path, key);
  if (!is_array(v, p)) return out;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto s = as_string((*v)[i]);
    if (!s) problem(idx(p, i), "catalog.wrong_type", {{"expected", detail::type_word("string")}});
    else out.emplace_back(*s);
  }
  return out;
}

std::vector<Option> CatalogReader::options(const Node& obj, const std::string& path, const char* key) {
  std::vector<Option> out;
  const Node* v = member(obj, key);
  const std::string p = pointer_append(path, key);
  if (!is_array(v, p)) return out;
  if (v->empty() || v->size() > kMaxOptions) {
    problem(p, "catalog.bad_value", {{"min", 1}, {"max", kMaxOptions}});
    return out;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const std::string op = idx(p, i);
    if (!is_object(&(*v)[i], op)) continue;
    check_keys((*v)[i], op, {"value", "label"});
    Option o{string_member((*v)[i], op, "value", true), string_member((*v)[i], op, "label", true)};
    if (!seen.insert(o.value).second) problem(op + "/value", "catalog.duplicate_id", {{"id", o.value}});
    out.push_back(std::move(o));
  }
  return out;
}

DateBound CatalogReader::date_bound(const Node& obj, const std::string& path, const char* key) {
  const Node* v = member(obj, key);
  if (!v) return {};
  const auto s = as_string(*v);
  const auto b = s ? parse_bound(*s) : std::nullopt;
  if (!b) {
    problem(pointer_append(path, key), "catalog.bad_date_bound");
    return {};
  }
  return *b;
}

void CatalogReader::read(const detail::Value& root) {
  if (!is_object(&root, "")) return;
  const Node* sv = member(root, "schema_version");
  const auto version = sv ? as_int(*sv, 0, 1000000) : std::nullopt;
  if (!version || *version != kCatalogSchemaVersion) {
    // An unknown format: reading on would only produce noise.
    problem("/schema_version", "catalog.schema_version",
            {{"supported", kCatalogSchemaVersion},
             {"found", sv ? detail::dump(detail::to_nlohmann(*sv)).substr(0, 40) : "null"}});
    return;
  }
  check_keys(root, "",
             {"schema_version", "id", "name", "version", "sources", "departments", "windows", "licence_types", "items",
              "bundles", "life_events", "slice_of"});
  c_.id_ = string_member(root, "", "id", true);
  c_.name_ = string_member(root, "", "name", false);
  c_.version_ = string_member(root, "", "version", true);
  // A slice answers for the whole catalog it was cut from (yilu/catalog_slice.hpp).
  c_.fingerprint_ = string_member(root, "", "slice_of", false);
  c_.slice_ = !c_.fingerprint_.empty();
  read_departments(root);
  read_windows(root);
  read_licences(root);
  read_life_events(root);
  build_indexes();
  read_items(root);
  build_indexes();
  read_bundles(root);
  build_indexes();
}

void CatalogReader::build_indexes() {
  // Called after each list is read: every list is indexed (and its duplicates reported) once.
  const auto index = [this](auto& map, const auto& list, const std::string& base) {
    if (!map.empty() || list.empty()) return;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (list[i].id.empty()) continue;
      if (!map.emplace(list[i].id, i).second)
        problem(idx(base, i) + "/id", "catalog.duplicate_id", {{"id", list[i].id}});
    }
  };
  index(c_.department_index_, c_.departments_, "/departments");
  index(c_.window_index_, c_.windows_, "/windows");
  index(c_.licence_index_, c_.licence_types_, "/licence_types");
  index(c_.life_event_index_, c_.life_events_, "/life_events");
  index(c_.item_index_, c_.items_, "/items");
  index(c_.bundle_index_, c_.bundles_, "/bundles");
}

void CatalogReader::read_departments(const Node& root) {
  const Node* list = member(root, "departments");
  if (!is_array(list, "/departments")) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string p = idx("/departments", i);
    const Node& v = (*list)[i];
    if (!is_object(&v, p)) continue;
    check_keys(v, p, {"id", "name", "region", "level"});
    c_.departments_.push_back(Department{string_member(v, p, "id", true), string_member(v, p, "name", true),
                                         string_member(v, p, "region", false), level_member(v, p)});
  }
}

std::string CatalogReader::level_member(const Node& obj, const std::string& path) {
  std::string level = string_member(obj, path, "level", false);
  if (level.empty()) return "city";
  if (level != "city" && level != "district")
    problem(path + "/level", "catalog.bad_enum", {{"allowed", "city, district"}});
  return level;
}

void CatalogReader::read_life_events(const Node& root) {
  const Node* list = member(root, "life_events");
  if (!list || !is_array(list, "/life_events")) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string p = idx("/life_events", i);
    const Node& v = (*list)[i];
    if (!is_object(&v, p)) continue;
    check_keys(v, p, {"id", "name", "kind"});
    LifeEvent e{string_member(v, p, "id", true), string_member(v, p, "name", true), string_member(v, p, "kind", true)};
    if (!e.kind.empty() && e.kind != "personal" && e.kind != "enterprise")
      problem(p + "/kind", "catalog.bad_enum", {{"allowed", "personal, enterprise"}});
    c_.life_events_.push_back(std::move(e));
  }
}

std::vector<std::string> CatalogReader::life_event_list(const Node& obj, const std::string& path) {
  std::vector<std::string> ids = string_list(obj, path, "life_events");
  for (std::size_t k = 0; k < ids.size(); ++k)
    if (!c_.life_event(ids[k])) problem(idx(path + "/life_events", k), "catalog.unknown_life_event", {{"id", ids[k]}});
  return ids;
}

void CatalogReader::read_windows(const Node& root) {
  const Node* list = member(root, "windows");
  if (!is_array(list, "/windows")) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string p = idx("/windows", i);
    const Node& v = (*list)[i];
    if (!is_object(&v, p)) continue;
    check_keys(v, p, {"id", "name", "kind", "location", "hours"});
    Window w{string_member(v, p, "id", true), string_member(v, p, "name", true), string_member(v, p, "kind", true),
             string_member(v, p, "location", false), string_member(v, p, "hours", false)};
    if (!w.kind.empty() && w.kind != "comprehensive" && w.kind != "department")
      problem(p + "/kind", "catalog.bad_enum", {{"allowed", "comprehensive, department"}});
    c_.windows_.push_back(std::move(w));
  }
}

void CatalogReader::read_licences(const Node& root) {
  const Node* list = member(root, "licence_types");
  if (!list) return;
  if (!is_array(list, "/licence_types")) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string p = idx("/licence_types", i);
    const Node& v = (*list)[i];
    if (!is_object(&v, p)) continue;
    check_keys(v, p, {"id", "name"});
    c_.licence_types_.push_back(LicenceType{string_member(v, p, "id", true), string_member(v, p, "name", true)});
  }
}

void CatalogReader::read_items(const Node& root) {
  const Node* list = member(root, "items");
  if (!is_array(list, "/items")) return;
  c_.items_.reserve(list->size());
  for (std::size_t i = 0; i < list->size(); ++i) read_item((*list)[i], idx("/items", i));
}

std::int32_t CatalogReader::condition(const Node& v, const std::string& path, std::int32_t group, int depth) {
  if (depth > kMaxConditionDepth) {
    problem(path, "catalog.condition_too_deep", {{"max", kMaxConditionDepth}});
    return -1;
  }
  if (!is_object(&v, path)) return -1;
  CondNode n;
  const auto composite = [&](const char* key, CondOp op) -> bool {
    const Node* c = member(v, key);
    if (!c) return false;
    n.op = op;
    check_keys(v, path, {key});
    const std::string p = pointer_append(path, key);
    if (op == CondOp::Not) {
      const std::int32_t child = condition(*c, p, group, depth + 1);
      if (child >= 0) n.children.push_back(child);
      return true;
    }
    if (!is_array(c, p)) return true;
    if (c->empty()) problem(p, "catalog.bad_condition");
    for (std::size_t i = 0; i < c->size() && i < 100; ++i) {
      const std::int32_t child = condition((*c)[i], idx(p, i), group, depth + 1);
      if (child >= 0) n.children.push_back(child);
    }
    return true;
  };
  if (!composite("all", CondOp::All) && !composite("any", CondOp::Any) && !composite("not", CondOp::Not)) {
    check_keys(v, path, {"field", "equals", "in", "gt", "ge", "lt", "le", "present"});
    n.ref = string_member(v, path, "field", true);
    static const std::pair<const char*, CondOp> kLeaves[] = {
        {"equals", CondOp::Equals}, {"in", CondOp::In}, {"gt", CondOp::Gt},          {"ge", CondOp::Ge},
        {"lt", CondOp::Lt},         {"le", CondOp::Le}, {"present", CondOp::Present}};
    int found = 0;
    for (const auto& [key, op] : kLeaves) {
      const Node* x = member(v, key);
      if (!x) continue;
      ++found;
      n.op = op;
      // Values are scalars only: conditions never carry nested documents.
      const bool ok = op == CondOp::In
                          ? x->is_array() && x->size() <= kMaxOptions &&
                                std::all_of(x->begin(), x->end(), [](const Node& e) { return e.is_primitive(); })
                      : op == CondOp::Present ? x->is_boolean()
                      : op == CondOp::Equals  ? x->is_primitive()
                                              : (x->is_number() || x->is_string());
      if (!ok) problem(pointer_append(path, key), "catalog.bad_condition");
      else n.value = detail::to_nlohmann(*x);
    }
    if (found != 1) {
      problem(path, "catalog.bad_condition");
      return -1;
    }
  }
  if (c_.conditions_.size() >= 1000000) {
    problem(path, "catalog.too_many", {{"max", 1000000}});
    return -1;
  }
  c_.conditions_.push_back(std::move(n));
  const auto at = static_cast<std::int32_t>(c_.conditions_.size() - 1);
  if (!c_.conditions_.back().ref.empty() ||
      (c_.conditions_.back().op != CondOp::All && c_.conditions_.back().op != CondOp::Any &&
       c_.conditions_.back().op != CondOp::Not))
    pending_.push_back({at, group, pointer_append(path, "field")});
  return at;
}

bool CatalogReader::read_field(const Node& v, const std::string& p, FieldDef& f, bool in_group) {
  if (!is_object(&v, p)) return false;
  check_keys(v, p,
             {"id", "label", "type", "required", "required_when", "shown_when", "min_length", "max_length", "min",
              "max", "integer", "options", "area_prefix", "fields", "min_items", "max_items", "rules", "note"});
  f.id = string_member(v, p, "id", true);
  f.label = string_member(v, p, "label", true);
  const std::string type = string_member(v, p, "type", true);
  const auto t = parse_field_type(type);
  if (!t) {
    if (!type.empty())
      problem(p + "/type", "catalog.bad_enum",
              {{"allowed", "text, resident_id, uscc, mobile, email, date, number, enum, area_code, boolean, group"}});
    return true;
  }
  f.type = *t;
  f.required = bool_member(v, p, "required", false);
  f.min_length = int_member(v, p, "min_length", 0, 10000, 0, false);
  f.max_length = int_member(v, p, "max_length", 1, 10000, 200, false);
  if (f.min_length > f.max_length) problem(p + "/min_length", "catalog.bad_range");
  if (f.type == FieldType::Number) {
    for (const char* key : {"min", "max"}) {
      const Node* x = member(v, key);
      if (!x) continue;
      if (!x->is_number() || !(x->get<double>() >= -1e15 && x->get<double>() <= 1e15))
        problem(pointer_append(p, key), "catalog.wrong_type", {{"expected", detail::type_word("numeric")}});
      else (key[1] == 'i' ? f.min : f.max) = x->get<double>();
    }
    if (f.min && f.max && *f.min > *f.max) problem(p + "/min", "catalog.bad_range");
    f.integer = bool_member(v, p, "integer", false);
  } else if (f.type == FieldType::Date) {
    f.min_date = date_bound(v, p, "min");
    f.max_date = date_bound(v, p, "max");
  } else if (member(v, "min") || member(v, "max")) {
    problem(p + (member(v, "min") ? "/min" : "/max"), "catalog.not_applicable", {{"type", type}});
  }
  if (f.type == FieldType::Enum) f.options = options(v, p, "options");
  if (f.type == FieldType::AreaCode) {
    f.area_prefix = string_member(v, p, "area_prefix", false);
    if (f.area_prefix.size() > 6 ||
        !std::all_of(f.area_prefix.begin(), f.area_prefix.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      problem(p + "/area_prefix", "catalog.bad_value", {{"min", 0}, {"max", 6}});
  }
  if (f.type == FieldType::Group) {
    if (in_group) {
      problem(p + "/type", "catalog.nested_group");
      return true;
    }
    f.min_items = int_member(v, p, "min_items", 0, 100, 0, false);
    f.max_items = int_member(v, p, "max_items", 1, 100, 10, false);
    if (f.min_items > f.max_items) problem(p + "/min_items", "catalog.bad_range");
    const Node* sub = member(v, "fields");
    if (is_array(sub, p + "/fields")) {
      std::set<std::string> seen;
      for (std::size_t i = 0; i < sub->size(); ++i) {
        FieldDef g;
        if (!read_field((*sub)[i], idx(p + "/fields", i), g, true)) continue;
        if (!g.id.empty() && !seen.insert(g.id).second)
          problem(idx(p + "/fields", i) + "/id", "catalog.duplicate_id", {{"id", g.id}});
        f.fields.push_back(std::move(g));
      }
    }
    read_rules(v, p, f.rules);
  }
  return true;
}

void CatalogReader::read_rules(const Node& obj, const std::string& path, std::vector<Rule>& out) {
  const Node* list = member(obj, "rules");
  if (!list) return;
  const std::string p = path + "/rules";
  if (!is_array(list, p)) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string rp = idx(p, i);
    const Node& v = (*list)[i];
    if (!is_object(&v, rp)) continue;
    Rule r;
    const std::string kind = string_member(v, rp, "kind", true);
    if (kind == "id_birth_date") {
      check_keys(v, rp, {"kind", "id", "date"});
      r.kind = RuleKind::IdBirthDate;
      r.a = string_member(v, rp, "id", true);
      r.b = string_member(v, rp, "date", true);
    } else if (kind == "id_gender") {
      check_keys(v, rp, {"kind", "id", "gender"});
      r.kind = RuleKind::IdGender;
      r.a = string_member(v, rp, "id", true);
      r.b = string_member(v, rp, "gender", true);
    } else if (kind == "min_age") {
      check_keys(v, rp, {"kind", "id", "years"});
      r.kind = RuleKind::MinAge;
      r.a = string_member(v, rp, "id", true);
      r.years = int_member(v, rp, "years", 0, 150, 0, true);
    } else if (kind == "date_order") {
      check_keys(v, rp, {"kind", "before", "after", "allow_equal"});
      r.kind = RuleKind::DateOrder;
      r.a = string_member(v, rp, "before", true);
      r.b = string_member(v, rp, "after", true);
      r.allow_equal = bool_member(v, rp, "allow_equal", true);
    } else {
      if (!kind.empty())
        problem(rp + "/kind", "catalog.bad_enum", {{"allowed", "id_birth_date, id_gender, min_age, date_order"}});
      continue;
    }
    out.push_back(std::move(r));
  }
}

void CatalogReader::read_material(const Node& v, const std::string& p, MaterialDef& m) {
  check_keys(v, p,
             {"id", "name", "required", "required_when", "form", "copies", "file_types", "max_bytes", "max_pages",
              "key", "deferrable", "commitment", "licence", "note"});
  m.id = string_member(v, p, "id", true);
  m.name = string_member(v, p, "name", true);
  m.required = bool_member(v, p, "required", false);
  const std::string form = string_member(v, p, "form", false);
  if (!form.empty()) {
    if (form != "original" && form != "copy" && form != "original_and_copy" && form != "electronic")
      problem(p + "/form", "catalog.bad_enum", {{"allowed", "original, copy, original_and_copy, electronic"}});
    else m.form = form;
  }
  m.copies = int_member(v, p, "copies", 0, 100, 1, false);
  // One vocabulary (yilu/file_types.hpp): aliases are stored as their id ("jpeg" as "jpg").
  const std::vector<std::string> types = string_list(v, p, "file_types");
  for (std::size_t i = 0; i < types.size(); ++i) {
    const FileType* t = find_file_type(types[i]);
    if (!t) {
      problem(idx(p + "/file_types", i), "catalog.unknown_file_type",
              {{"type", types[i]}, {"allowed", known_file_types()}});
      continue;
    }
    if (std::find(m.file_types.begin(), m.file_types.end(), t->id) == m.file_types.end())
      m.file_types.emplace_back(t->id);
  }
  if (types.empty()) m.file_types.assign(kDefaultFileTypes.begin(), kDefaultFileTypes.end());
  m.max_bytes = int_member(v, p, "max_bytes", 1, 1024ll * 1024 * 1024, m.max_bytes, false);
  m.max_pages = int_member(v, p, "max_pages", 1, 10000, m.max_pages, false);
  m.key = bool_member(v, p, "key", false);
  m.deferrable = bool_member(v, p, "deferrable", false);
  m.commitment = bool_member(v, p, "commitment", false);
  m.licence = string_member(v, p, "licence", false);
  m.note = string_member(v, p, "note", false);
  if (m.key && m.deferrable) problem(p + "/deferrable", "catalog.key_deferrable", {{"id", m.id}});
  if (!m.licence.empty() && !c_.licence_type(m.licence))
    problem(p + "/licence", "catalog.unknown_licence", {{"id", m.licence}});
}

void CatalogReader::read_item(const Node& v, const std::string& p) {
  if (!is_object(&v, p)) return;
  check_keys(v, p,
             {"id",
              "name",
              "department",
              "window",
              "kind",
              "online_level",
              "legal_days",
              "promised_days",
              "promised_days_by",
              "counts_acceptance_day",
              "conditions",
              "questions",
              "fields",
              "rules",
              "materials",
              "issues",
              "deferral_days",
              "commitment",
              "instant",
              "applicant",
              "fees",
              "basis",
              "source",
              "example",
              "level",
              "keywords",
              "life_events",
              "to_complete"});
  ItemDef item;
  pending_.clear();
  item.id = string_member(v, p, "id", true);
  item.name = string_member(v, p, "name", true);
  item.department = string_member(v, p, "department", true);
  if (!item.department.empty() && !c_.department(item.department))
    problem(p + "/department", "catalog.unknown_department", {{"id", item.department}});
  item.window = string_member(v, p, "window", true);
  if (!item.window.empty() && !c_.window(item.window))
    problem(p + "/window", "catalog.unknown_window", {{"id", item.window}});
  item.kind = string_member(v, p, "kind", true);
  item.online_level = string_member(v, p, "online_level", true);
  if (!item.online_level.empty() && item.online_level != "full_online" && item.online_level != "at_most_once" &&
      item.online_level != "on_site")
    problem(p + "/online_level", "catalog.bad_enum", {{"allowed", "full_online, at_most_once, on_site"}});
  item.legal_days = int_member(v, p, "legal_days", 1, kMaxDays, 0, true);
  item.promised_days = int_member(v, p, "promised_days", 1, kMaxDays, 0, true);
  item.counts_acceptance_day = bool_member(v, p, "counts_acceptance_day", false);
  if (item.legal_days > 0 && item.promised_days > item.legal_days)
    problem(p + "/promised_days", "catalog.promised_exceeds_legal",
            {{"promised", item.promised_days}, {"legal", item.legal_days}});
  item.conditions = string_list(v, p, "conditions");
  item.issues = string_member(v, p, "issues", false);
  if (!item.issues.empty() && !c_.licence_type(item.issues))
    problem(p + "/issues", "catalog.unknown_licence", {{"id", item.issues}});
  item.deferral_days = int_member(v, p, "deferral_days", 1, 60, item.deferral_days, false);
  item.instant = bool_member(v, p, "instant", false);
  read_commitment(v, p, item);
  item.basis = string_member(v, p, "basis", false);
  item.source = string_member(v, p, "source", false);
  if (!item.source.empty() && item.source != "reported" && item.source != "illustrative")
    problem(p + "/source", "catalog.bad_enum", {{"allowed", "reported, illustrative"}});
  item.level = level_member(v, p);
  item.keywords = string_list(v, p, "keywords");
  item.life_events = life_event_list(v, p);
  item.to_complete = string_list(v, p, "to_complete");
  for (std::size_t k = 0; k < item.to_complete.size(); ++k)
    if (item.to_complete[k] != "form" && item.to_complete[k] != "commitment_text")
      problem(idx(p + "/to_complete", k), "catalog.bad_enum", {{"allowed", "form, commitment_text"}});

  std::set<std::string> names;  // fields and questions share one namespace within an item
  if (const Node* qs = member(v, "questions"); qs && is_array(qs, p + "/questions")) {
    for (std::size_t i = 0; i < qs->size(); ++i) {
      const std::string qp = idx(p + "/questions", i);
      if (!is_object(&(*qs)[i], qp)) continue;
      check_keys((*qs)[i], qp, {"id", "text", "options"});
      Question q{string_member((*qs)[i], qp, "id", true), string_member((*qs)[i], qp, "text", true),
                 options((*qs)[i], qp, "options")};
      if (!q.id.empty() && !names.insert(q.id).second) problem(qp + "/id", "catalog.duplicate_id", {{"id", q.id}});
      item.questions.push_back(std::move(q));
    }
  }
  const Node* fields = member(v, "fields");
  std::vector<std::pair<const Node*, std::string>> field_json;
  if (fields && is_array(fields, p + "/fields")) {
    for (std::size_t i = 0; i < fields->size(); ++i) {
      FieldDef f;
      const std::string fp = idx(p + "/fields", i);
      if (!read_field((*fields)[i], fp, f, false)) continue;
      if (!f.id.empty() && !names.insert(f.id).second) problem(fp + "/id", "catalog.duplicate_id", {{"id", f.id}});
      item.fields.push_back(std::move(f));
      field_json.emplace_back(&(*fields)[i], fp);
    }
  }
  // Conditions are compiled once every name of the item is known (a condition may name a later field).
  for (std::size_t i = 0; i < item.fields.size(); ++i) {
    FieldDef& f = item.fields[i];
    const Node& fj = *field_json[i].first;
    const std::string& fp = field_json[i].second;
    if (const Node* c = member(fj, "required_when")) {
      f.required_when = condition(*c, fp + "/required_when", -1, 1);
      if (f.required) problem(fp + "/required_when", "catalog.required_and_conditional");
    }
    if (const Node* c = member(fj, "shown_when")) f.shown_when = condition(*c, fp + "/shown_when", -1, 1);
    if (f.type == FieldType::Group) {
      const Node* sub = member(fj, "fields");
      for (std::size_t k = 0; sub && sub->is_array() && k < f.fields.size() && k < sub->size(); ++k) {
        const std::string sp = idx(fp + "/fields", k);
        const auto g = static_cast<std::int32_t>(i);
        if (const Node* c = member((*sub)[k], "required_when")) {
          f.fields[k].required_when = condition(*c, sp + "/required_when", g, 1);
          if (f.fields[k].required) problem(sp + "/required_when", "catalog.required_and_conditional");
        }
        if (const Node* c = member((*sub)[k], "shown_when"))
          f.fields[k].shown_when = condition(*c, sp + "/shown_when", g, 1);
      }
    }
  }
  read_rules(v, p, item.rules);
  if (const Node* ms = member(v, "materials"); ms && is_array(ms, p + "/materials")) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < ms->size(); ++i) {
      const std::string mp = idx(p + "/materials", i);
      if (!is_object(&(*ms)[i], mp)) continue;
      MaterialDef m;
      read_material((*ms)[i], mp, m);
      if (const Node* c = member((*ms)[i], "required_when")) {
        m.required_when = condition(*c, mp + "/required_when", -1, 1);
        if (m.required) problem(mp + "/required_when", "catalog.required_and_conditional");
      }
      if (!m.id.empty() && !seen.insert(m.id).second) problem(mp + "/id", "catalog.duplicate_id", {{"id", m.id}});
      item.materials.push_back(std::move(m));
    }
  }
  if (const Node* by = member(v, "promised_days_by")) {
    const std::string bp = p + "/promised_days_by";
    if (is_object(by, bp)) {
      check_keys(*by, bp, {"question", "days"});
      item.promised_by = string_member(*by, bp, "question", true);
      const Question* q = nullptr;
      for (const auto& x : item.questions)
        if (x.id == item.promised_by) q = &x;
      if (!item.promised_by.empty() && !q)
        problem(bp + "/question", "catalog.unknown_reference", {{"name", item.promised_by}});
      const Node* days = member(*by, "days");
      if (is_object(days, bp + "/days")) {
        for (std::size_t k = 0; k < days->size(); ++k) {
          const std::string key(days->key(k));
          const std::string dp = pointer_append(bp + "/days", key);
          const auto n = as_int((*days)[k], 1, kMaxDays);
          if (!n) {
            problem(dp, "catalog.bad_value", {{"min", 1}, {"max", kMaxDays}});
            continue;
          }
          if (q && std::none_of(q->options.begin(), q->options.end(), [&](const Option& o) { return o.value == key; }))
            problem(dp, "catalog.unknown_option", {{"value", key}});
          if (item.legal_days > 0 && *n > item.legal_days)
            problem(dp, "catalog.promised_exceeds_legal", {{"promised", *n}, {"legal", item.legal_days}});
          if (item.promised_days > 0 && *n > item.promised_days)
            problem(dp, "catalog.option_exceeds_promised", {{"promised", item.promised_days}, {"days", *n}});
          item.promised_options.emplace_back(key, *n);
        }
      }
    }
  }
  if (const Node* fees = member(v, "fees"); fees && is_array(fees, p + "/fees")) {
    for (std::size_t i = 0; i < fees->size(); ++i) {
      const std::string fp = idx(p + "/fees", i);
      if (!is_object(&(*fees)[i], fp)) continue;
      check_keys((*fees)[i], fp, {"name", "amount", "basis"});
      item.fees.push_back(Fee{string_member((*fees)[i], fp, "name", true),
                              string_member((*fees)[i], fp, "amount", true),
                              string_member((*fees)[i], fp, "basis", false)});
    }
  }
  if (const Node* ex = member(v, "example")) {
    // The example is the catalog's only free-form document: copied whole, so bounded first.
    if (is_object(ex, p + "/example")) {
      if (detail::nested_deeper_than(*ex, kMaxJsonDepth))
        problem(p + "/example", "catalog.example_too_deep", {{"max", kMaxJsonDepth}});
      else item.example = detail::to_nlohmann(*ex);
    }
  }
  read_applicant(v, p, item);
  resolve_refs(item);
  check_rules(item.rules, item.fields, nullptr, p + "/rules");
  for (std::size_t i = 0; i < item.fields.size(); ++i)
    if (item.fields[i].type == FieldType::Group)
      check_rules(item.fields[i].rules, item.fields[i].fields, &item.fields, idx(p + "/fields", i) + "/rules");
  c_.items_.push_back(std::move(item));
}

void CatalogReader::read_commitment(const Node& v, const std::string& p, ItemDef& item) {
  const Node* c = member(v, "commitment");
  if (!c) return;
  const std::string cp = p + "/commitment";
  if (!is_object(c, cp)) return;
  check_keys(*c, cp, {"text", "check_days"});
  item.commitment_text = string_member(*c, cp, "text", true);
  item.check_days = int_member(*c, cp, "check_days", 1, kMaxDays, item.check_days, false);
}

void CatalogReader::read_applicant(const Node& v, const std::string& p, ItemDef& item) {
  const Node* a = member(v, "applicant");
  if (!a) return;
  const std::string ap = p + "/applicant";
  if (!is_object(a, ap)) return;
  check_keys(*a, ap, {"fields", "proxy"});
  item.applicant_fields = string_list(*a, ap, "fields");
  item.proxy_allowed = bool_member(*a, ap, "proxy", false);
  if (item.applicant_fields.empty())
    problem(ap + "/fields", "catalog.missing", {{"expected", detail::type_word("array")}});
  for (std::size_t i = 0; i < item.applicant_fields.size(); ++i) {
    const FieldDef* f = find_field(item.fields, item.applicant_fields[i]);
    if (!f) problem(idx(ap + "/fields", i), "catalog.unknown_reference", {{"name", item.applicant_fields[i]}});
    else if (f->type != FieldType::ResidentId)
      problem(idx(ap + "/fields", i), "catalog.rule_field_type",
              {{"name", item.applicant_fields[i]}, {"expected", field_type_name(FieldType::ResidentId)}});
  }
}

void CatalogReader::resolve_refs(const ItemDef& item) {
  for (const auto& r : pending_) {
    CondNode& n = c_.conditions_[static_cast<std::size_t>(r.node)];
    if (n.ref.empty()) continue;  // already reported as missing
    if (r.group >= 0 && find_field(item.fields[static_cast<std::size_t>(r.group)].fields, n.ref)) {
      n.ref_kind = RefKind::Sibling;
    } else if (const FieldDef* f = find_field(item.fields, n.ref)) {
      n.ref_kind = RefKind::Field;
      if (f->type == FieldType::Group) problem(r.path, "catalog.condition_on_group", {{"name", n.ref}});
    } else if (has_question(item.questions, n.ref)) {
      n.ref_kind = RefKind::Question;
    } else {
      problem(r.path, "catalog.unknown_reference", {{"name", n.ref}});
    }
  }
  pending_.clear();
}

void CatalogReader::check_rules(const std::vector<Rule>& rules, const std::vector<FieldDef>& scope,
                                const std::vector<FieldDef>* outer, const std::string& path) {
  const auto need = [&](std::size_t i, const char* key, const std::string& name, FieldType t) {
    const FieldDef* f = find_field(scope, name);
    if (!f && outer) f = find_field(*outer, name);
    const std::string p = idx(path, i) + "/" + key;
    if (!f) problem(p, "catalog.unknown_reference", {{"name", name}});
    else if (f->type != t) problem(p, "catalog.rule_field_type", {{"name", name}, {"expected", field_type_name(t)}});
  };
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const Rule& r = rules[i];
    if (r.a.empty()) continue;
    switch (r.kind) {
      case RuleKind::IdBirthDate:
        need(i, "id", r.a, FieldType::ResidentId);
        if (!r.b.empty()) need(i, "date", r.b, FieldType::Date);
        break;
      case RuleKind::IdGender:
        need(i, "id", r.a, FieldType::ResidentId);
        if (!r.b.empty()) need(i, "gender", r.b, FieldType::Enum);
        break;
      case RuleKind::MinAge: need(i, "id", r.a, FieldType::ResidentId); break;
      case RuleKind::DateOrder:
        need(i, "before", r.a, FieldType::Date);
        if (!r.b.empty()) need(i, "after", r.b, FieldType::Date);
        break;
    }
  }
}

void CatalogReader::read_bundles(const Node& root) {
  const Node* list = member(root, "bundles");
  if (!list) return;
  if (!is_array(list, "/bundles")) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string p = idx("/bundles", i);
    const Node& v = (*list)[i];
    if (!is_object(&v, p)) continue;
    check_keys(v, p, {"id", "name", "window", "description", "stages", "reported", "keywords", "life_events"});
    BundleDef b;
    b.id = string_member(v, p, "id", true);
    b.name = string_member(v, p, "name", true);
    b.window = string_member(v, p, "window", true);
    b.description = string_member(v, p, "description", false);
    b.keywords = string_list(v, p, "keywords");
    b.life_events = life_event_list(v, p);
    if (!b.window.empty() && !c_.window(b.window)) problem(p + "/window", "catalog.unknown_window", {{"id", b.window}});
    std::set<std::string> issued_before;  // licences issued by earlier stages
    std::set<std::string> seen_items;
    // Fields shared by several items are asked once, so they must agree on their type.
    std::map<std::string, FieldType, std::less<>> field_types;
    const Node* stages = member(v, "stages");
    if (is_array(stages, p + "/stages")) {
      if (stages->empty()) problem(p + "/stages", "catalog.bad_value", {{"min", 1}, {"max", 100}});
      for (std::size_t s = 0; s < stages->size(); ++s) {
        const std::string sp = idx(p + "/stages", s);
        const Node& sv = (*stages)[s];
        if (!is_object(&sv, sp)) continue;
        check_keys(sv, sp, {"name", "items", "reuse"});
        Stage st{string_member(sv, sp, "name", true), string_list(sv, sp, "items"), string_list(sv, sp, "reuse")};
        if (st.items.empty())
          problem(sp + "/items", "catalog.missing", {{"expected", detail::type_word("nonempty_array")}});
        std::set<std::string> issued_here;
        for (std::size_t k = 0; k < st.items.size(); ++k) {
          const std::string ip = idx(sp + "/items", k);
          const ItemDef* it = c_.item(st.items[k]);
          if (!it) {
            problem(ip, "catalog.unknown_item", {{"id", st.items[k]}});
            continue;
          }
          if (!seen_items.insert(it->id).second) problem(ip, "catalog.duplicate_id", {{"id", it->id}});
          if (!it->issues.empty()) issued_here.insert(it->issues);
          for (const auto& f : it->fields) {
            const auto [pos, fresh] = field_types.emplace(f.id, f.type);
            if (!fresh && pos->second != f.type)
              problem(ip, "catalog.field_conflict", {{"name", f.id}, {"item", it->id}});
          }
        }
        for (std::size_t k = 0; k < st.reuse.size(); ++k) {
          if (!c_.licence_type(st.reuse[k]))
            problem(idx(sp + "/reuse", k), "catalog.unknown_licence", {{"id", st.reuse[k]}});
          else if (!issued_before.count(st.reuse[k]))
            problem(idx(sp + "/reuse", k), "catalog.licence_not_yet_issued", {{"id", st.reuse[k]}});
        }
        issued_before.insert(issued_here.begin(), issued_here.end());
        b.stages.push_back(std::move(st));
      }
    }
    if (const Node* rep = member(v, "reported")) {
      if (is_object(rep, p + "/reported")) {
        check_keys(*rep, p + "/reported", {"separate_workdays", "bundle_workdays", "submissions", "source"});
        b.reported.set = true;
        b.reported.separate_workdays = int_member(*rep, p + "/reported", "separate_workdays", 1, 100000, 0, true);
        b.reported.bundle_workdays = int_member(*rep, p + "/reported", "bundle_workdays", 1, 100000, 0, true);
        b.reported.submissions = int_member(*rep, p + "/reported", "submissions", 1, 1000, 0, true);
        b.reported.source = string_member(*rep, p + "/reported", "source", true);
      }
    }
    c_.bundles_.push_back(std::move(b));
  }
}

CatalogLoad Catalog::from_json(std::string_view json_text) {
  detail::Document doc;
  const detail::ReadStatus read = doc.read(json_text, kMaxCatalogDepth);
  if (read != detail::ReadStatus::Ok) {
    CatalogLoad out;
    const char* code = read == detail::ReadStatus::TooDeep ? "catalog.too_deep" : "catalog.bad_json";
    nlohmann::json params = nlohmann::json::object();
    if (read == detail::ReadStatus::TooDeep) params["max"] = kMaxCatalogDepth;
    std::string message = detail::render_message(code, params);
    out.problems.push_back(Problem{"", code, std::move(params), std::move(message)});
    return out;
  }
  return CatalogReader::load(doc.root(), detail::fnv1a_hex(json_text));
}

CatalogLoad CatalogReader::load(const detail::Value& root, const std::string& fingerprint) {
  CatalogLoad out;
  Catalog c;
  CatalogReader reader(c, out.problems);
  reader.read(root);
  if (!out.problems.empty()) return out;
  if (!c.slice_) c.fingerprint_ = fingerprint;
  c.build_forms();
  out.catalog = std::move(c);
  return out;
}

namespace {
template <class Map, class List>
const typename List::value_type* find_in(const Map& map, const List& list, std::string_view id) {
  const auto it = map.find(id);
  return it == map.end() ? nullptr : &list[it->second];
}
}  // namespace

const ItemDef* Catalog::item(std::string_view id) const { return find_in(item_index_, items_, id); }
const BundleDef* Catalog::bundle(std::string_view id) const { return find_in(bundle_index_, bundles_, id); }
const Department* Catalog::department(std::string_view id) const {
  return find_in(department_index_, departments_, id);
}
const Window* Catalog::window(std::string_view id) const { return find_in(window_index_, windows_, id); }
const LicenceType* Catalog::licence_type(std::string_view id) const {
  return find_in(licence_index_, licence_types_, id);
}
const LifeEvent* Catalog::life_event(std::string_view id) const { return find_in(life_event_index_, life_events_, id); }

}  // namespace yilu
