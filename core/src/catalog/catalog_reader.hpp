#pragma once
// Reads catalog JSON into a Catalog, collecting every problem with its JSON pointer.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "yilu/catalog.hpp"

namespace yilu {

class CatalogReader {
 public:
  CatalogReader(Catalog& out, std::vector<Problem>& problems) : c_(out), problems_(problems) {}
  void read(const nlohmann::json& root);

 private:
  using json = nlohmann::json;
  struct PendingRef {
    std::int32_t node;
    std::int32_t group;  // index of the group field in the item's fields, or -1
    std::string path;
  };

  void problem(const std::string& path, const char* code, json params = json::object());
  bool is_object(const json* v, const std::string& path);
  bool is_array(const json* v, const std::string& path);
  void check_keys(const json& obj, const std::string& path, std::initializer_list<const char*> allowed);
  std::string string_member(const json& obj, const std::string& path, const char* key, bool required);
  std::int64_t int_member(const json& obj, const std::string& path, const char* key, std::int64_t lo, std::int64_t hi,
                          std::int64_t fallback, bool required);
  bool bool_member(const json& obj, const std::string& path, const char* key, bool fallback);
  std::vector<std::string> string_list(const json& obj, const std::string& path, const char* key);
  std::vector<Option> options(const json& obj, const std::string& path, const char* key);
  DateBound date_bound(const json& obj, const std::string& path, const char* key);

  void read_departments(const json& root);
  void read_windows(const json& root);
  void read_licences(const json& root);
  void read_life_events(const json& root);
  /// `level` (city | district), `keywords` and `life_events` of an item or a bundle.
  std::string level_member(const json& obj, const std::string& path);
  std::vector<std::string> life_event_list(const json& obj, const std::string& path);
  void read_items(const json& root);
  void read_item(const json& v, const std::string& path);
  bool read_field(const json& v, const std::string& path, FieldDef& f, bool in_group);
  void read_rules(const json& obj, const std::string& path, std::vector<Rule>& out);
  void read_material(const json& v, const std::string& path, MaterialDef& m);
  std::int32_t condition(const json& v, const std::string& path, std::int32_t group, int depth);
  /// 告知承诺书 text and the post-check limit (`commitment`: {text, check_days}).
  void read_commitment(const json& v, const std::string& path, ItemDef& item);
  /// Whose ID a personal item is filed under and whether 代办 is allowed (`applicant`).
  void read_applicant(const json& v, const std::string& path, ItemDef& item);
  void resolve_refs(const ItemDef& item);
  void check_rules(const std::vector<Rule>& rules, const std::vector<FieldDef>& scope,
                   const std::vector<FieldDef>* outer, const std::string& path);
  void read_bundles(const json& root);
  void build_indexes();

  Catalog& c_;
  std::vector<Problem>& problems_;
  std::vector<PendingRef> pending_;
};

}  // namespace yilu
