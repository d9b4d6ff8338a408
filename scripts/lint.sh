#!/usr/bin/env bash
# Every formatting, lint and contract-type check, each reporting how many files it flags:
#   clang-format   C++ of core/ server/ tests/ wasm/ against .clang-format (--dry-run --Werror)
#   clang-tidy     core/src and server/src against .clang-tidy, with BUILD_DIR/compile_commands.json
#   eslint         web/ (eslint.config.js: JS + Vue recommended)
#   prettier       web/src, web/scripts and web/*.js (.prettierrc.json)
#   tsc            web/src/api typed from the OpenAPI document (web/tsconfig.api.json)
#   openapi.d.ts   web/src/api/openapi.d.ts is what `npm run gen:api` makes of server/openapi.json
#
#   scripts/lint.sh [--fix] [BUILD_DIR]     BUILD_DIR defaults to build/ (any configured CMake build)
#
# --fix rewrites files in place: clang-format -i, eslint --fix, prettier --write, and regenerates
# openapi.d.ts; clang-tidy and tsc findings are reported only (they need a person). Exits non-zero
# when any check fails (in --fix mode: when something is left that could not be fixed).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

fix=0
build=build
for a in "$@"; do
  case "$a" in
    --fix) fix=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "lint: unknown option $a" >&2; exit 2 ;;
    *) build=$a ;;
  esac
done
jobs=${YILU_JOBS:-$(nproc)}
bin=web/node_modules/.bin

failed=()
report() {  # report NAME STATUS MESSAGE
  if [ "$2" -eq 0 ]; then printf 'lint: %-13s ok   %s\n' "$1" "$3"
  else printf 'lint: %-13s FAIL %s\n' "$1" "$3"; failed+=("$1"); fi
}
step() { printf '\n---- lint: %s ----\n' "$*"; }

# Tracked and new (not ignored) files, so a file someone just added is checked too.
listed() { git ls-files --cached --others --exclude-standard -- "$@" | while read -r f; do [ -f "$f" ] && echo "$f"; done; }

# --- C++ formatting
step clang-format
mapfile -t cxx < <(listed core server tests wasm | grep -E '\.(cpp|hpp|h|cc)$')
if ! command -v clang-format >/dev/null; then
  report clang-format 1 "clang-format not installed (scripts/setup.sh installs it)"
elif ((fix)); then
  clang-format -i "${cxx[@]}"
  report clang-format 0 "formatted ${#cxx[@]} files"
else
  # One run for all files; each file with a change is named in its "error:" lines.
  mapfile -t bad < <(clang-format --dry-run --Werror "${cxx[@]}" 2>&1 | sed -nE 's/^([^:]+):[0-9]+:[0-9]+: error: .*/\1/p' | sort -u)
  printf '  would reformat: %s\n' "${bad[@]}" | sed "s|$root/||" | grep -v ': $'
  report clang-format $((${#bad[@]} > 0)) "${#bad[@]} of ${#cxx[@]} files would change (scripts/lint.sh --fix)"
fi

# --- C++ static analysis
step "clang-tidy ($build)"
if ! command -v clang-tidy >/dev/null; then
  report clang-tidy 1 "clang-tidy not installed (scripts/setup.sh installs it)"
elif [ ! -f "$build/compile_commands.json" ]; then
  report clang-tidy 1 "no $build/compile_commands.json: configure a build first (cmake --preset native) or pass its folder"
else
  # The files the build compiles (so each has its real flags), under core/src and server/src, in
  # a compilation database of their own: GCC's precompiled header (cmake_pch.hxx.gch) is not
  # clang's, so each TU includes a copy of the PCH's header text instead (same headers, no .gch).
  db=$(mktemp -d)
  mapfile -t srcs < <(python3 - "$build/compile_commands.json" "$root" "$db" <<'PY'
import json, os, shlex, shutil, sys
src, root, db = sys.argv[1:4]
keep, copies = {}, {}
for e in json.load(open(src)):
    f = os.path.normpath(os.path.join(e["directory"], e["file"]))
    if not f.startswith((root + "/core/src/", root + "/server/src/")) or not f.endswith(".cpp"): continue
    args = e.get("arguments") or shlex.split(e["command"])
    out = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-Winvalid-pch": i += 1; continue
        if a == "-include" and i + 1 < len(args) and args[i + 1].endswith("cmake_pch.hxx"):
            pch = args[i + 1]
            if pch not in copies:
                copies[pch] = os.path.join(db, f"pch{len(copies)}.hxx")
                shutil.copyfile(pch, copies[pch])
            out += ["-include", copies[pch]]; i += 2; continue
        out.append(a); i += 1
    keep[f] = {"directory": e["directory"], "file": f, "arguments": out}
json.dump(list(keep.values()), open(os.path.join(db, "compile_commands.json"), "w"))
print("\n".join(sorted(keep)))
PY
  )
  out=$(mktemp)
  # -Wno-unknown-warning-option: the compile commands are GCC's, with flags clang does not know.
  printf '%s\n' "${srcs[@]}" | xargs -P "$jobs" -n 4 clang-tidy -p "$db" --quiet \
    --extra-arg=-Wno-unknown-warning-option >"$out" 2>&1
  # Findings, and any file clang could not even parse (that is a failure too, never a pass).
  grep -E '^(/.*: (warning|error): |Error while processing )' "$out" | sort -u >"$out.findings"
  sed -E -e 's/^([^:]+):([0-9]+):([0-9]+): (warning|error): (.*)$/  \1:\2: \5/' -e 's/^Error/  Error/' \
    "$out.findings" | sed "s|$root/||"
  n=$(wc -l <"$out.findings")
  nf=$(grep -oE '^/[^:]+|^Error while processing [^ ]+' "$out.findings" | sed 's/^Error while processing //' | sort -u | wc -l)
  ((${#srcs[@]})) || { echo "  no core/src or server/src files in $build/compile_commands.json"; n=1; }
  report clang-tidy $((n > 0)) "$n findings in $nf files (${#srcs[@]} translation units checked)"
  rm -rf "$out" "$out.findings" "$db"
fi

# --- web
if [ ! -x "$bin/eslint" ] || [ ! -x "$bin/prettier" ] || [ ! -x "$bin/tsc" ] || [ ! -x "$bin/openapi-typescript" ]; then
  report web 1 "web/node_modules lacks the lint tools: run npm ci in web/ (scripts/setup.sh does)"
else
  step eslint
  if ((fix)); then (cd web && node_modules/.bin/eslint --fix .); else (cd web && node_modules/.bin/eslint .); fi
  s=$?
  n=$(cd web && node_modules/.bin/eslint -f json . 2>/dev/null | node -e \
    'let t="";process.stdin.on("data",d=>t+=d).on("end",()=>{try{console.log(JSON.parse(t).filter(f=>f.messages.length).length)}catch{console.log("?")}})')
  report eslint "$s" "$n files with findings"

  step prettier
  web_fmt=(src scripts '*.js')
  if ((fix)); then (cd web && node_modules/.bin/prettier --log-level warn --write "${web_fmt[@]}"); s=$?; n=0
  else
    list=$(cd web && node_modules/.bin/prettier --list-different "${web_fmt[@]}"); s=$?
    [ -n "$list" ] && sed 's/^/  would reformat: web\//' <<<"$list"
    n=$(grep -c . <<<"$list")
  fi
  report prettier "$s" "$n files would change"

  step "openapi.d.ts (server/openapi.json -> web/src/api/openapi.d.ts)"
  if ((fix)); then (cd web && npm run -s gen:api); else (cd web && npm run -s check:api); fi
  s=$?
  report openapi.d.ts "$s" "$( ((s)) && echo 'stale: cd web && npm run gen:api' || echo 'up to date')"

  step "tsc (web/src/api)"
  (cd web && node_modules/.bin/tsc -p tsconfig.api.json)
  s=$?
  report tsc "$s" "web/src/api type-checked against the OpenAPI types"
fi

echo
if ((${#failed[@]})); then
  echo "lint: failed: ${failed[*]}"
  exit 1
fi
echo "lint: all checks passed"
