#!/usr/bin/env bash
# `yilu core` end to end, then a 5 MiB line between two good ones.
set -euo pipefail
yilu="$1"
fail() { echo "FAIL: $*" >&2; exit 1; }

out=$(printf '%s\n' '{"op":"add_workdays","date":"2024-09-27","days":20}' '{"op":"is_workday","date":"2026-02-14"}' \
  'not json' '{"op":"check_id","value":"11010519491231002X"}' | "$yilu" core)
[ "$(printf '%s\n' "$out" | wc -l)" -eq 4 ] || fail "expected 4 lines, got: $out"
line() { printf '%s\n' "$out" | sed -n "$1p"; }
[ "$(line 1)" = '{"date":"2024-10-30","ok":true,"provisional":false}' ] || fail "line 1: $(line 1)"
[[ "$(line 2)" == *'"workday":true'* ]] || fail "line 2: $(line 2)"
[[ "$(line 3)" == '{"error":{"code":"bad_json",'* && "$(line 3)" == *'"ok":false}' ]] || fail "line 3: $(line 3)"
[[ "$(line 4)" == *'"valid":true'* && "$(line 4)" == *'"birth_date":"1949-12-31"'* && "$(line 4)" == *'"gender":"female"'* ]] \
  || fail "line 4: $(line 4)"

# A 5 MiB line is answered with an error and the stream goes on; memory stays bounded.
out=$( { echo '{"op":"check_uscc","value":"91350100M000100Y43"}'; head -c 5242880 /dev/zero | tr '\0' 'x'; echo;
         echo '{"op":"is_workday","date":"2024-10-01","id":"after"}'; } | "$yilu" core)
[ "$(printf '%s\n' "$out" | wc -l)" -eq 3 ] || fail "big line: expected 3 lines"
[[ "$(printf '%s\n' "$out" | sed -n 2p)" == *'"code":"line_too_long"'* ]] || fail "big line not refused"
[[ "$(printf '%s\n' "$out" | sed -n 3p)" == *'"id":"after"'* ]] || fail "stream stopped after the big line"

# --now fixes the clock; a bad --now or calendar path is a usage error, not a crash.
out=$(echo '{"op":"check_id","value":"110105202606020011"}' | "$yilu" core --now 2026-06-01T10:00:00+08:00)
[[ "$out" == *'"reason":"birth_date"'* ]] || fail "--now not applied: $out"
if "$yilu" core --now yesterday </dev/null 2>/dev/null; then fail "bad --now accepted"; fi
if "$yilu" core --calendar /nonexistent </dev/null 2>/dev/null; then fail "missing calendar accepted"; fi
echo "yilu core: all checks passed"
