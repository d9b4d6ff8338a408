#pragma once
// What an application is checked against: the questions, fields, rules and materials of one
// item, or of a bundle's items merged (shared fields and materials once, reused licences
// marked). Built once per item and bundle when the catalog is loaded (Catalog::build_forms).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "yilu/catalog.hpp"

namespace yilu::detail {

struct FormMaterial {
  std::vector<const MaterialDef*> defs;  ///< every item's definition of this material id
  std::vector<const ItemDef*> items;
  std::int32_t stage = 0;   ///< bundle: 1-based stage where the applicant first supplies it
  bool reused = false;      ///< bundle: every occurrence is an electronic licence issued earlier
  std::string report_head;  ///< its constant members in a validate report (material_report_head)
};

struct Form {
  std::vector<std::vector<const FieldDef*>> fields;  ///< by id; [0] is the definition used for checks
  std::vector<const Question*> questions;
  std::vector<const Rule*> rules;
  std::vector<FormMaterial> materials;
  // Sorted ids, for finding an application's unknown keys in one merge walk.
  std::vector<std::string_view> field_ids;
  std::vector<std::string_view> question_ids;
  std::vector<std::string_view> material_ids;
};

/// The form of one item.
Form form_for_item(const ItemDef& item);
/// The merged form of a bundle (items the catalog lacks are skipped: the loader rejects them).
Form form_for_bundle(const Catalog& catalog, const BundleDef& bundle);

}  // namespace yilu::detail
