#!/usr/bin/env bash
# Every test: native (warnings as errors under CI), the server and storage tests again on
# PostgreSQL, the same under ASan+UBSan, the server and storage tests under TSan, a short pass
# of each fuzz target, the wasm module against the shared vectors and the native build, and the
# browser tests of the web app.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
jobs=${YILU_JOBS:-$(nproc)}
native=native
[ "${CI:-}" = true ] && native=ci

step() { printf '\n==== %s ====\n' "$*"; }

step "build: $native, asan, wasm, web"
scripts/build.sh "$native" asan wasm web

step "native tests (ctest)"
ctest --test-dir build --output-on-failure -j "$jobs"

step "the server and storage tests again on PostgreSQL (a throwaway cluster, scripts/pg_cluster.sh)"
# The same tests, the other store: each test gets a schema of its own (tests/support/test_store.hpp).
pg_dir=$(mktemp -d /tmp/yilu-test-pg-XXXXXX)
chmod 755 "$pg_dir"  # as root the cluster runs as postgres, which must reach the folder inside
stop_pg() { scripts/pg_cluster.sh stop "$pg_dir/cluster" >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap stop_pg EXIT
pg_url=$(scripts/pg_cluster.sh start "$pg_dir/cluster")
YILU_TEST_DB=$pg_url ctest --test-dir build --output-on-failure -j "$jobs" -R 'yilu_(server|storage)_tests'
stop_pg
trap - EXIT

step "sanitizer tests (AddressSanitizer + UndefinedBehaviorSanitizer)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

step "thread sanitizer: the server and storage tests (ThreadSanitizer, build-tsan)"
scripts/build.sh tsan
# Not the chunked-body test: its peak-memory bound would measure TSan's shadow memory (the ASan
# run keeps it).
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
  ctest --test-dir build-tsan --output-on-failure -j "$jobs" -R 'yilu_(server|storage)_tests' \
  -E 'a chunked body over the size limit is refused'

step "fuzzing: each libFuzzer target ${YILU_FUZZ_SECONDS:-10}s (scripts/fuzz.sh, build-fuzz)"
scripts/fuzz.sh --seconds "${YILU_FUZZ_SECONDS:-10}"

step "wasm tests (node --test)"
node --test tests/js/

step "contract tests: server/openapi.json against swagger-parser and \`yilu routes\` (node --test)"
YILU_BIN="${YILU_BIN:-$root/build/server/yilu}" node --test tests/contract/

if ls tests/e2e/*.test.mjs >/dev/null 2>&1; then
  step "browser tests (playwright-core + chromium)"
  node --test --test-concurrency=1 tests/e2e/
fi

step "lint: formatting, clang-tidy, eslint, prettier, API types (scripts/lint.sh)"
scripts/lint.sh build
