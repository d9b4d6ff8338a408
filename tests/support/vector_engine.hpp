#pragma once
// The Engine a vector file runs against: the shipped calendar, and the file's catalog if it
// names one. The same rule as tests/js/vectors.test.mjs.
#include <nlohmann/json.hpp>

#include "support/test_files.hpp"
#include "yilu/call.hpp"

namespace yilu::test {

inline Engine vector_engine(const nlohmann::json& doc) {
  Engine engine;
  if (engine.load_calendar(calendar_text())) throw std::runtime_error("calendar does not load");
  (void)doc;  // catalogs: see load_vector_catalog once the catalog lands (issue 3)
  return engine;
}

}  // namespace yilu::test
