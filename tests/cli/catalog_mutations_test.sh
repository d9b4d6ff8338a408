#!/usr/bin/env bash
# Thousands of mutated catalog-op requests (types swapped, fields dropped, strings stretched,
# text truncated: tests/js/mutate_vectors.mjs over tests/vectors/catalog.json) through the
# native `yilu core`: one well-formed response per request, no crash. The wasm comparison of
# the same mutations is tests/js/cross_build.test.mjs.
#   catalog_mutations_test.sh <yilu> [count]
set -euo pipefail
yilu="$1"
count="${2:-5000}"
src="$(cd "$(dirname "$0")/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v node >/dev/null || { echo "node not found (scripts/setup.sh installs it)" >&2; exit 1; }

node "$src/tests/js/mutate_vectors.mjs" --file catalog.json --count "$count" --seed 20261126 |
  node -e 'require("readline").createInterface({input: process.stdin}).on("line", (l) => {
    console.log(JSON.parse(l).request.replace(/\n/g, " ")); })' > "$tmp/requests.jsonl"
[ "$(wc -l < "$tmp/requests.jsonl")" -eq "$count" ] || fail "generator wrote $(wc -l < "$tmp/requests.jsonl") lines"

"$yilu" core --catalog "$src/tests/fixtures/test-catalog.json" --now 2026-06-01T10:00:00+08:00 \
  < "$tmp/requests.jsonl" > "$tmp/responses.jsonl" || fail "yilu core exited with $?"
[ "$(wc -l < "$tmp/responses.jsonl")" -eq "$count" ] || fail "$(wc -l < "$tmp/responses.jsonl") responses for $count requests"

node -e 'const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").slice(0, -1);
  let ok = 0, refused = 0;
  for (const l of lines) {
    const r = JSON.parse(l);
    if (r.ok === true) ok++; else if (r.ok === false && r.error && r.error.code && r.error.message) refused++;
    else { console.error("malformed response: " + l.slice(0, 300)); process.exit(1); }
  }
  console.log(`${lines.length} mutated requests: ${ok} answered, ${refused} refused with an error code`);' "$tmp/responses.jsonl"
