#pragma once
// The `status` query parameter of the work lists: comma-separated stable names.
#include <optional>
#include <string>
#include <vector>

#include "workflow/model.hpp"

namespace yilu::server::http {

/// The statuses named in `text` ("submitted,accepted"), `fallback` when empty; nullopt when a
/// name is not a status of type E (AppStatus or TaskStatus).
template <class E>
std::optional<std::vector<E>> parse_statuses(const std::string& text, const std::vector<E>& fallback);

extern template std::optional<std::vector<workflow::AppStatus>> parse_statuses(const std::string&,
                                                                               const std::vector<workflow::AppStatus>&);
extern template std::optional<std::vector<workflow::TaskStatus>> parse_statuses(
    const std::string&, const std::vector<workflow::TaskStatus>&);

}  // namespace yilu::server::http
