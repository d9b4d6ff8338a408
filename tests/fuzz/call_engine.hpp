#pragma once
// The engine the call targets (core_call, call_reference) feed: the shipped calendar and the frozen
// test catalog, loaded as the shared vectors load them, at the vectors' "now".
#include "fuzz/fuzz_check.hpp"
#include "support/test_files.hpp"
#include "yilu/call.hpp"
#include "yilu/date.hpp"

namespace yilu::fuzz {

inline const Engine& call_engine(const char* target) {
  static const Engine loaded = [target] {
    Engine e;
    if (e.load_calendar(test::calendar_text())) broken(target, "the shipped calendar does not load");
    if (e.load_catalog(test::read_source_file("tests/fixtures/test-catalog.json")))
      broken(target, "the test catalog does not load");
    return e;
  }();
  return loaded;
}

inline const CallContext& call_context() {
  static const CallContext ctx = context_at(*parse_timestamp("2026-06-01T10:00:00+08:00"));
  return ctx;
}

}  // namespace yilu::fuzz
