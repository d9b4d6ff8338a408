#!/usr/bin/env bash
# `yilu catalog import`: a generated standard item list of 820 good items of 43 departments with
# 12 broken ones, as XLSX (read by read-excel-file) and as CSV. The good rows become a catalog
# that lints clean; the broken ones are listed at their cells; both files give the same catalog.
set -euo pipefail
yilu="$1"
src="$(cd "$(dirname "$0")/../.." && pwd)"
fail() { echo "FAIL: $*" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

node "$src/tests/tools/gen_item_list.mjs" --items 820 --out "$dir" --seed 7 >/dev/null

set +e
"$yilu" catalog import "$dir/item-list.xlsx" -o "$dir/from-xlsx.json" --as-of 2026-12-01 --version t1 >"$dir/xlsx.out"
rc=$?
"$yilu" catalog import "$dir/item-list.csv" "$dir/mapping.csv" -o "$dir/from-csv.json" --as-of 2026-12-01 --version t1 >"$dir/csv.out"
rc_csv=$?
set -e
[ "$rc" -eq 1 ] || fail "exit code $rc with broken rows: $(cat "$dir/xlsx.out")"
[ "$rc_csv" -eq 1 ] || fail "CSV exit code $rc_csv"
cmp -s "$dir/from-xlsx.json" "$dir/from-csv.json" || fail "XLSX and CSV gave different catalogs"
diff <(sed '$d' "$dir/xlsx.out") <(sed '$d' "$dir/csv.out") >/dev/null || fail "XLSX and CSV gave different problems"

# Every broken row is listed at its cell with its code, and nothing else is.
python3 - "$dir/expected.json" "$dir/xlsx.out" <<'PY'
import json, re, sys
expected = json.load(open(sys.argv[1]))
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
got = set()
for line in lines[:-2]:  # the summary and "written" lines last
    m = re.match(r"事项清单 ([A-Z]+[0-9]+)（(.+?)）：.+ \[(import\.[a-z_]+)\]$", line)
    if not m:
        sys.exit(f"FAIL: not a problem line: {line}")
    got.add((m.group(1), m.group(2), m.group(3)))
want = {(b["cell"], b["column"], b["code"]) for b in expected["broken"]}
if got != want:
    sys.exit(f"FAIL: problems differ\n missing: {sorted(want - got)}\n extra: {sorted(got - want)}")
summary = lines[-2]
wanted = f"读取 {expected['items'] + len(expected['broken'])} 个事项，导入 {expected['items']} 个；部门 {expected['departments']} 个；问题 {len(expected['broken'])} 处"
if summary != wanted:
    sys.exit(f"FAIL: summary {summary!r}, expected {wanted!r}")
PY

out=$("$yilu" catalog lint "$dir/from-xlsx.json") || fail "imported catalog not clean: $out"
[[ "$out" == *"无问题（820 个事项，0 个一件事，版本 t1）"* ]] || fail "lint: $out"
python3 - "$dir/from-xlsx.json" <<'PY' || fail "catalog content"
import json, sys
c = json.load(open(sys.argv[1]))
assert len(c["departments"]) == 43, len(c["departments"])
assert all(it["to_complete"][0] == "form" for it in c["items"])
assert {it["level"] for it in c["items"]} == {"city", "district"}
assert any(w["kind"] == "comprehensive" for w in c["windows"])
PY

# Into the sample catalog: its 47 items and its bundles stay.
"$yilu" catalog import "$dir/item-list.csv" "$dir/mapping.csv" --into "$src/core/data/catalog/sanya.json" \
  -o "$dir/merged.json" --as-of 2026-12-01 >/dev/null && fail "broken rows gave exit 0"
out=$("$yilu" catalog lint "$dir/merged.json") || fail "merged catalog not clean: $out"
[[ "$out" == *"867 个事项，3 个一件事"* ]] || fail "merged: $out"

# The templates in docs/templates import clean, the XLSX and the CSV files alike.
t="$src/docs/templates"
"$yilu" catalog import "$t/事项清单模板.xlsx" -o "$dir/t-xlsx.json" --as-of 2026-12-01 --version t >/dev/null ||
  fail "XLSX template has problems"
"$yilu" catalog import "$t/事项清单模板.csv" "$t/部门与窗口模板.csv" -o "$dir/t-csv.json" --as-of 2026-12-01 --version t \
  >/dev/null || fail "CSV template has problems"
cmp -s "$dir/t-xlsx.json" "$dir/t-csv.json" || fail "the XLSX and CSV templates differ"
# The departments follow the holiday overlay their 地方节假日 column names.
python3 -c "import json,sys; c=json.load(open(sys.argv[1])); assert all(d.get('region')=='hainan' for d in c['departments'])" \
  "$dir/t-xlsx.json" || fail "地方节假日 not carried to the departments"

# Files that cannot be read: exit 2 with a message, nothing written.
printf '\xd5\xc5\xc8\xfd,1\n' >"$dir/gbk.csv"
set +e
err=$("$yilu" catalog import "$dir/gbk.csv" -o "$dir/never.json" 2>&1 >/dev/null); rc=$?
set -e
[ "$rc" -eq 2 ] || fail "GBK CSV exit $rc"
[[ "$err" == *"UTF-8"* ]] || fail "GBK message: $err"
[ ! -e "$dir/never.json" ] || fail "written despite an unreadable file"
echo 'not a zip' >"$dir/bad.xlsx"
set +e
err=$("$yilu" catalog import "$dir/bad.xlsx" 2>&1 >/dev/null); rc=$?
set -e
[ "$rc" -eq 2 ] || fail "bad XLSX exit $rc"
[[ "$err" == *"XLSX"* ]] || fail "bad XLSX message: $err"
echo "yilu catalog import: all checks passed"
