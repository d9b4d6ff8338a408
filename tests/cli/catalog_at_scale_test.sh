#!/usr/bin/env bash
# A catalog of a real center's size (tests/tools/gen_catalog.py: 2,270 items of city and district
# departments): it lints clean, every item and bundle has a slice, slices stay small (the phone
# downloads one per item it opens), and a slice answers a guide as the whole catalog does.
set -euo pipefail
yilu="$1"
src="$(cd "$(dirname "$0")/../.." && pwd)"
fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$src/tests/tools/gen_catalog.py" --items 2270 --seed 1 -o "$work/big.json" >/dev/null
out=$("$yilu" catalog lint "$work/big.json") || fail "generated catalog not clean: $(printf '%s\n' "$out" | head -5)"
[[ "$out" == *"2270 个事项"* ]] || fail "not 2,270 items: $out"

"$yilu" catalog slices "$work/big.json" >"$work/slices.jsonl"
python3 - "$work/big.json" "$work/slices.jsonl" <<'PY'
import json, sys
cat = json.load(open(sys.argv[1]))
rows = [json.loads(l) for l in open(sys.argv[2])]
items = [r for r in rows if r["kind"] == "item"]
bundles = [r for r in rows if r["kind"] == "bundle"]
assert len(items) == len(cat["items"]) and len(bundles) == len(cat["bundles"]), (len(items), len(bundles))
levels = {d["level"] for d in cat["departments"]}
assert levels == {"city", "district"}, levels
# An item outside any bundle is a slice of a few KB however large the catalog.
whole = len(open(sys.argv[1], "rb").read())
in_bundle = {i for b in cat["bundles"] for s in b["stages"] for i in s["items"]}
alone = [r["bytes"] for r in items if r["id"] not in in_bundle]
assert max(alone) < 32 * 1024, max(alone)
assert max(r["bytes"] for r in rows) < whole / 50, (max(r["bytes"] for r in rows), whole)
# Pick a district item outside bundles for the guide comparison below.
pick = next(i["id"] for i in cat["items"] if i.get("level") == "district" and i["id"] not in in_bundle)
open(sys.argv[2] + ".pick", "w").write(pick)
PY
pick=$(cat "$work/slices.jsonl.pick")

# The slice's answer (through the wasm-free native engine: yilu core loads one slice as a catalog
# via its slice text) equals the whole catalog's.
req="{\"op\":\"guide\",\"item\":\"$pick\"}"
whole=$(echo "$req" | "$yilu" core --catalog "$work/big.json" --now 2026-11-18T02:00:00Z)
grep "\"id\":\"$pick\"" "$work/slices.jsonl" | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["slice"])' >"$work/slice.json"
part=$(echo "$req" | "$yilu" core --catalog "$work/slice.json" --now 2026-11-18T02:00:00Z)
[[ "$whole" == *'"ok":true'* ]] || fail "whole catalog guide failed: ${whole:0:300}"
[ "$whole" = "$part" ] || fail "slice answers differently for $pick"
echo "catalog at scale: ok ($pick)"
