#pragma once
/// The service catalog (事项目录): departments, windows, items with their fields and
/// materials, electronic licence types and 一件事 bundles. It is data (JSON text handed in by
/// the caller, format in docs/catalog.md); loading checks it and reports every problem.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "yilu/date.hpp"

namespace yilu {

/// The only catalog schema this core reads.
constexpr std::int64_t kCatalogSchemaVersion = 1;
/// Conditions nested deeper than this are a catalog problem (never a deep recursion).
constexpr int kMaxConditionDepth = 16;

/// One problem found in catalog text, an application or a request: where, what, and why.
struct Problem {
  std::string path;                                  ///< JSON pointer into the checked document
  std::string code;                                  ///< stable code (programs branch on it)
  nlohmann::json params = nlohmann::json::object();  ///< values named by the message
  std::string message;                               ///< Chinese text rendered from the code (the one message table)
};

enum class FieldType {
  Text,        ///< free text, length counted in characters (code points)
  ResidentId,  ///< 18-digit resident identity number (GB 11643)
  Uscc,        ///< unified social credit code (GB 32100)
  Mobile,      ///< mainland mobile phone number, 11 digits starting 13–19
  Email,       ///< e-mail address
  Date,        ///< YYYY-MM-DD, with absolute or as_of-relative bounds
  Number,      ///< a JSON number with optional bounds, optionally integral
  Enum,        ///< one of the listed option values
  AreaCode,    ///< 6-digit administrative-division code, optionally under a prefix
  Boolean,     ///< true or false
  Group,       ///< repeated group: an array of objects with their own fields (twins, shareholders)
};

/// The stable name of a field type ("text", "resident_id", …).
const char* field_type_name(FieldType t);

enum class CondOp {
  Equals,  ///< the value equals `value`
  In,      ///< the value is one of `value` (an array)
  Gt,      ///< numbers, or strings (dates) compared in order
  Ge,
  Lt,
  Le,
  Present,  ///< the value is given (or, with `value` false, absent)
  All,      ///< every child holds
  Any,      ///< some child holds
  Not,      ///< the only child does not hold
};

/// Where a condition's name points.
enum class RefKind {
  Field,     ///< a top-level field of the application
  Sibling,   ///< a field of the same repeated-group entry
  Question,  ///< a situation question's answer
};

/// One node of a compiled condition (kept in a flat pool: no recursion at evaluation).
struct CondNode {
  CondOp op = CondOp::Equals;
  RefKind ref_kind = RefKind::Field;
  std::string ref;
  nlohmann::json value;
  std::vector<std::int32_t> children;  ///< indices into Catalog::conditions() (All/Any/Not)
};

/// A date bound: absolute, or relative to the application's as_of ("as_of-18y").
struct DateBound {
  bool set = false;
  bool relative = false;
  Date absolute{};
  std::int32_t amount = 0;  ///< signed offset
  char unit = 'd';          ///< 'd', 'm' or 'y'
  std::string text;         ///< as written in the catalog (for messages)
};

struct Option {
  std::string value;
  std::string label;
};

enum class RuleKind {
  IdBirthDate,  ///< the resident ID in `a` carries the birth date in date field `b`
  IdGender,     ///< the resident ID in `a` carries the gender in enum field `b` ("male"/"female")
  MinAge,       ///< the holder of the resident ID in `a` is at least `years` old on as_of
  DateOrder,    ///< date field `a` is before (or, with allow_equal, on) date field `b`
};

/// A cross-field rule, checked when both fields hold valid values.
struct Rule {
  RuleKind kind = RuleKind::DateOrder;
  std::string a;
  std::string b;
  std::int64_t years = 0;
  bool allow_equal = true;
};

struct FieldDef {
  std::string id;
  std::string label;
  FieldType type = FieldType::Text;
  bool required = false;
  std::int32_t required_when = -1;  ///< condition index, or -1
  std::int32_t shown_when = -1;     ///< condition index, or -1 (always shown)
  std::int64_t min_length = 0;
  std::int64_t max_length = 200;
  std::optional<double> min;
  std::optional<double> max;
  bool integer = false;
  DateBound min_date;
  DateBound max_date;
  std::vector<Option> options;
  std::string area_prefix;
  std::vector<FieldDef> fields;  ///< Group: the entry's fields
  std::int64_t min_items = 0;
  std::int64_t max_items = 10;
  std::vector<Rule> rules;  ///< Group: rules within one entry
};

struct MaterialDef {
  std::string id;
  std::string name;
  bool required = false;
  std::int32_t required_when = -1;
  std::string form = "copy";  ///< "original", "copy", "original_and_copy", "electronic"
  std::int64_t copies = 1;
  std::vector<std::string> file_types;  ///< accepted upload type ids (yilu/file_types.hpp), aliases resolved
  std::int64_t max_bytes = 10 * 1024 * 1024;
  std::int64_t max_pages = 50;
  bool key = false;         ///< key material (关键材料): never deferred
  bool deferrable = false;  ///< 容缺: may be accepted missing and supplied later
  bool commitment = false;  ///< 告知承诺: a signed commitment may replace it
  std::string licence;      ///< electronic licence type that substitutes for it (电子证照)
  std::string note;
};

struct Question {
  std::string id;
  std::string text;
  std::vector<Option> options;
};

struct Fee {
  std::string name;
  std::string amount;  ///< text as published ("0", "10 元/件"): never a float
  std::string basis;
};

struct ItemDef {
  std::string id;
  std::string name;
  std::string department;
  std::string window;
  std::string kind;          ///< 行政许可, 行政确认, 公共服务 …
  std::string online_level;  ///< "full_online", "at_most_once", "on_site"
  std::int64_t legal_days = 0;
  std::int64_t promised_days = 0;  ///< the longest promised limit
  bool counts_acceptance_day = false;
  std::string promised_by;  ///< question whose answer picks the promised limit, or empty
  std::vector<std::pair<std::string, std::int64_t>> promised_options;
  std::vector<std::string> conditions;  ///< 受理条件, as text
  std::vector<Question> questions;
  std::vector<FieldDef> fields;
  std::vector<Rule> rules;
  std::vector<MaterialDef> materials;
  std::string issues;  ///< licence type it issues, or empty
  /// 容缺: working days after acceptance to supply a deferred material (5 unless the catalog says).
  std::int64_t deferral_days = 5;
  /// 告知承诺书: the text the applicant reads and signs, as the catalog gives it (empty: the
  /// standard text; commitment_text() in yilu/guide.hpp gives the one to show).
  std::string commitment_text;
  /// 告知承诺: working days after issue within which the department checks the commitment (核查).
  std::int64_t check_days = 20;
  /// 秒批: decided by the rules alone; a complete, valid application is issued at once.
  bool instant = false;
  /// Personal item: the ID fields one of which must hold the applicant's own ID number (empty:
  /// no such rule, e.g. an enterprise's item).
  std::vector<std::string> applicant_fields;
  /// 代办: the resident may file for someone else (the relation is recorded).
  bool proxy_allowed = false;
  std::vector<Fee> fees;
  std::string basis;                  ///< 设定依据
  std::string source;                 ///< "reported" or "illustrative": where the figures come from
  nlohmann::json example;             ///< an application that must validate (checked by the catalog lint)
  std::string level = "city";         ///< "city" (市级) or "district" (区级)
  std::vector<std::string> keywords;  ///< what residents call it (上户口, 社保卡): for finding it
  /// What an operator still has to fill in by hand ("form", "commitment_text"): set by the
  /// import of a standard item list, whose table cannot say everything (docs/catalog.md).
  std::vector<std::string> to_complete;
  std::vector<std::string> life_events;  ///< ids of the catalog's life events it belongs to
};

struct Department {
  std::string id;
  std::string name;
  std::string region;          ///< calendar overlay, or empty
  std::string level = "city";  ///< "city" (市级) or "district" (区级)
};

/// A life event (人生大事: 出生、上学…) or a stage of an enterprise's life (开办、注销…): a
/// way to browse the catalog.
struct LifeEvent {
  std::string id;
  std::string name;
  std::string kind;  ///< "personal" or "enterprise"
};

struct Window {
  std::string id;
  std::string name;
  std::string kind;  ///< "comprehensive" or "department"
  std::string location;
  std::string hours;
};

struct LicenceType {
  std::string id;
  std::string name;
};

struct Stage {
  std::string name;
  std::vector<std::string> items;
  std::vector<std::string> reuse;  ///< licence types issued by earlier stages, reused here
};

/// Figures a bundle is reported to achieve, for a test to compare with the computation.
struct ReportedFigures {
  bool set = false;
  std::int64_t separate_workdays = 0;
  std::int64_t bundle_workdays = 0;
  std::int64_t submissions = 0;
  std::string source;
};

struct BundleDef {
  std::string id;
  std::string name;
  std::string window;
  std::string description;
  std::vector<Stage> stages;
  ReportedFigures reported;
  std::vector<std::string> keywords;     ///< what residents call it (生孩子)
  std::vector<std::string> life_events;  ///< ids of the catalog's life events it belongs to
};

struct CatalogLoad;

namespace detail {
struct Form;
}

class Catalog {
 public:
  Catalog();
  ~Catalog();
  Catalog(Catalog&&) noexcept;
  Catalog& operator=(Catalog&&) noexcept;
  // Not copyable: the precomputed forms point into this catalog's items.
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  /// Parses and checks catalog text. The result holds the catalog only when no problem was
  /// found; `problems` lists every problem with its JSON pointer (never only the first).
  static CatalogLoad from_json(std::string_view json_text);

  const std::string& id() const { return id_; }
  const std::string& name() const { return name_; }
  /// The catalog's own version string (from the data).
  const std::string& version() const { return version_; }
  /// Stable fingerprint of the text (FNV-1a, hex): clients compare it with the server's. A
  /// slice (yilu/catalog_slice.hpp) carries the fingerprint of the whole catalog it was cut from.
  const std::string& fingerprint() const { return fingerprint_; }
  /// True when this catalog was loaded from slices of a whole one (`slice_of`).
  bool is_slice() const { return slice_; }

  const std::vector<Department>& departments() const { return departments_; }
  const std::vector<Window>& windows() const { return windows_; }
  const std::vector<LicenceType>& licence_types() const { return licence_types_; }
  const std::vector<LifeEvent>& life_events() const { return life_events_; }
  const std::vector<ItemDef>& items() const { return items_; }
  const std::vector<BundleDef>& bundles() const { return bundles_; }
  const std::vector<CondNode>& conditions() const { return conditions_; }

  /// Lookups by id: nullptr when absent.
  const ItemDef* item(std::string_view id) const;
  const BundleDef* bundle(std::string_view id) const;
  const Department* department(std::string_view id) const;
  const Window* window(std::string_view id) const;
  const LicenceType* licence_type(std::string_view id) const;
  const LifeEvent* life_event(std::string_view id) const;

  /// Internal: what an application for this item or bundle is checked against, built once at
  /// load (shared fields and materials merged). The item or bundle must belong to this catalog.
  const detail::Form& item_form(const ItemDef& item) const;
  const detail::Form& bundle_form(const BundleDef& bundle) const;

 private:
  friend class CatalogReader;
  void build_forms();
  std::string id_;
  std::string name_;
  std::string version_;
  std::string fingerprint_;
  bool slice_ = false;
  std::vector<Department> departments_;
  std::vector<LifeEvent> life_events_;
  std::vector<Window> windows_;
  std::vector<LicenceType> licence_types_;
  std::vector<ItemDef> items_;
  std::vector<BundleDef> bundles_;
  std::vector<CondNode> conditions_;
  std::map<std::string, std::size_t, std::less<>> item_index_;
  std::map<std::string, std::size_t, std::less<>> bundle_index_;
  std::map<std::string, std::size_t, std::less<>> department_index_;
  std::map<std::string, std::size_t, std::less<>> window_index_;
  std::map<std::string, std::size_t, std::less<>> licence_index_;
  std::map<std::string, std::size_t, std::less<>> life_event_index_;
  std::vector<std::unique_ptr<const detail::Form>> item_forms_;    ///< parallel to items_
  std::vector<std::unique_ptr<const detail::Form>> bundle_forms_;  ///< parallel to bundles_
};

struct CatalogLoad {
  std::optional<Catalog> catalog;  ///< set only when `problems` is empty
  std::vector<Problem> problems;
};

/// Loads the catalog and validates every item's example application (the catalog lint):
/// all problems, in document order. Empty when the catalog is clean.
std::vector<Problem> lint_catalog(std::string_view json_text);

}  // namespace yilu
