#!/usr/bin/env bash
# `yilu catalog lint` and the catalog ops through `yilu core`.
set -euo pipefail
yilu="$1"
src="$(cd "$(dirname "$0")/../.." && pwd)"
fail() { echo "FAIL: $*" >&2; exit 1; }

# The sample catalog lints clean, exit 0.
out=$("$yilu" catalog lint "$src/core/data/catalog/sanya.json") || fail "sample catalog not clean: $out"
[[ "$out" == *"无问题"* ]] || fail "no clean line: $out"

# Five different faults: five problems with their paths, exit non-zero.
set +e
out=$("$yilu" catalog lint "$src/tests/fixtures/lint-five-faults.json")
rc=$?
set -e
[ "$rc" -eq 1 ] || fail "five-fault fixture exit code $rc"
[ "$(printf '%s\n' "$out" | grep -c ': catalog\.')" -eq 5 ] || fail "expected 5 problems: $out"
for want in '/items/3/id: catalog.duplicate_id' '/items/4/department: catalog.unknown_department' \
            '/items/0/materials/3/required_when/field: catalog.unknown_reference' \
            '/bundles/0/stages/0/items/1: catalog.unknown_item' '/bundles/0/stages/0/reuse/0: catalog.licence_not_yet_issued'; do
  [[ "$out" == *"$want"* ]] || fail "missing '$want' in: $out"
done
if "$yilu" catalog lint /nonexistent.json 2>/dev/null; then fail "unreadable file accepted"; fi

# plan_bundle for the birth bundle through `yilu core` (it loads the sample catalog by default).
out=$(echo '{"op":"plan_bundle","bundle":"birth","accepted_at":"2026-03-02T09:00:00+08:00"}' | "$yilu" core)
[[ "$out" == *'"separate":{"due_date":'*'"submissions":9,"workdays":36}'* ]] || fail "separate: $out"
[[ "$out" == *'"bundled":{"due_date":"2026-03-17",'*'"submissions":2,"workdays":11}'* ]] || fail "bundled: $out"

# A catalog that does not load is a start-up error naming the first problem, not a crash.
if "$yilu" core --catalog "$src/tests/fixtures/lint-five-faults.json" </dev/null 2>/dev/null; then fail "bad catalog accepted"; fi
echo "yilu catalog: all checks passed"
