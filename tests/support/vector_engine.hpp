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
  if (doc.contains("catalog"))
    if (const auto err = engine.load_catalog(read_source_file("tests/" + doc["catalog"].get<std::string>())))
      throw std::runtime_error("catalog does not load: " + err->path + " " + err->message);
  return engine;
}

}  // namespace yilu::test
