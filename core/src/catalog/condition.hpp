#pragma once
// Conditions (required_when, shown_when): a small declarative language compiled at load time
// into a flat pool of nodes. Evaluation walks the pool with an explicit stack bounded by the
// load-time depth limit, so no input can recurse deeply.
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "detail/json_value.hpp"
#include "yilu/catalog.hpp"

namespace yilu::detail {

/// Three-valued: the guide resolves conditions on partial answers, where a name without an
/// answer is Unknown rather than false.
enum class Truth : std::uint8_t { False, True, Unknown };

/// Where a condition's names are looked up (objects, or nullptr for none). `absent_is_unknown`
/// says whether an absent value means "not given" (validation) or "not known yet" (guide).
/// V is nlohmann::json or a request's detail::Value.
template <class V>
struct CondLookupOf {
  const V* fields = nullptr;
  const V* answers = nullptr;
  const V* entry = nullptr;  ///< the repeated-group entry being checked
  bool absent_is_unknown = false;

  const V* value(const CondNode& n) const;
};
using CondLookup = CondLookupOf<nlohmann::json>;

/// Evaluates condition `root` of `pool`; -1 (no condition) is True.
template <class V>
Truth eval_condition(const std::vector<CondNode>& pool, std::int32_t root, const CondLookupOf<V>& lookup);

}  // namespace yilu::detail
