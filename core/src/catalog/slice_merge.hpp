#pragma once
// Slices (yilu/catalog_slice.hpp) merged into one catalog value, read as it is without being
// written out and parsed again: how Engine::load_catalog_slices loads the phone's slices. The
// input is a JSON array whose elements are slice objects or slice texts (strings); the merged
// catalog keeps `slice_of`, and an entry present in several slices must be identical in each.
#include <deque>
#include <optional>
#include <string_view>

#include "detail/json_value.hpp"
#include "yilu/error.hpp"

namespace yilu::detail {

class MergedSlices {
 public:
  /// Reads `json_array_text` (slice objects or slice texts) and merges the slices. Errors:
  /// bad_json, json_too_deep, catalog_invalid (catalog.slice_mismatch).
  std::optional<Error> read(std::string_view json_array_text);
  /// The merged catalog (valid after a successful read, while this object lives).
  const Value& root() const { return root_; }

 private:
  // Every document read; the merged value points into them. A deque: documents never move.
  std::deque<Document> docs_;
  Value root_;
};

}  // namespace yilu::detail
