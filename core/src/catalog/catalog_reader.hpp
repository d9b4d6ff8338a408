#pragma once
// Reads catalog JSON into a Catalog, collecting every problem with its JSON pointer. It reads
// the core's own JSON values (detail/json_value.hpp): a catalog or its slices load without an
// nlohmann tree, which on the phone was most of the time before the core could answer.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "detail/json_value.hpp"
#include "yilu/catalog.hpp"

namespace yilu {

/// Nesting a catalog may have: conditions (16 levels), an item's example (64) and the lists
/// around them fit with room to spare; deeper text is refused before it is read.
constexpr std::size_t kMaxCatalogDepth = 256;

class CatalogReader {
 public:
  /// The catalog read from `root`, or its problems. `fingerprint` names a whole catalog (the
  /// FNV-1a of its text); a slice carries its whole catalog's in "slice_of".
  static CatalogLoad load(const detail::Value& root, const std::string& fingerprint);

  CatalogReader(Catalog& out, std::vector<Problem>& problems) : c_(out), problems_(problems) {}
  void read(const detail::Value& root);

 private:
  using json = nlohmann::json;  // a problem's params
  using Node = detail::Value;
  struct PendingRef {
    std::int32_t node;
    std::int32_t group;  // index of the group field in the item's fields, or -1
    std::string path;
  };

  void problem(const std::string& path, const char* code, json params = json::object());
  bool is_object(const Node* v, const std::string& path);
  bool is_array(const Node* v, const std::string& path);
  void check_keys(const Node& obj, const std::string& path, std::initializer_list<const char*> allowed);
  std::string string_member(const Node& obj, const std::string& path, const char* key, bool required);
  std::int64_t int_member(const Node& obj, const std::string& path, const char* key, std::int64_t lo, std::int64_t hi,
                          std::int64_t fallback, bool required);
  bool bool_member(const Node& obj, const std::string& path, const char* key, bool fallback);
  std::vector<std::string> string_list(const Node& obj, const std::string& path, const char* key);
  std::vector<Option> options(const Node& obj, const std::string& path, const char* key);
  DateBound date_bound(const Node& obj, const std::string& path, const char* key);

  void read_departments(const Node& root);
  void read_windows(const Node& root);
  void read_licences(const Node& root);
  void read_life_events(const Node& root);
  /// `level` (city | district), `keywords` and `life_events` of an item or a bundle.
  std::string level_member(const Node& obj, const std::string& path);
  std::vector<std::string> life_event_list(const Node& obj, const std::string& path);
  void read_items(const Node& root);
  void read_item(const Node& v, const std::string& path);
  bool read_field(const Node& v, const std::string& path, FieldDef& f, bool in_group);
  void read_rules(const Node& obj, const std::string& path, std::vector<Rule>& out);
  void read_material(const Node& v, const std::string& path, MaterialDef& m);
  std::int32_t condition(const Node& v, const std::string& path, std::int32_t group, int depth);
  /// 告知承诺书 text and the post-check limit (`commitment`: {text, check_days}).
  void read_commitment(const Node& v, const std::string& path, ItemDef& item);
  /// Whose ID a personal item is filed under and whether 代办 is allowed (`applicant`).
  void read_applicant(const Node& v, const std::string& path, ItemDef& item);
  void resolve_refs(const ItemDef& item);
  void check_rules(const std::vector<Rule>& rules, const std::vector<FieldDef>& scope,
                   const std::vector<FieldDef>* outer, const std::string& path);
  void read_bundles(const Node& root);
  void build_indexes();

  Catalog& c_;
  std::vector<Problem>& problems_;
  std::vector<PendingRef> pending_;
};

}  // namespace yilu
