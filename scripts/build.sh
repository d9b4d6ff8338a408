#!/usr/bin/env bash
# Builds one or more parts: native | ci | asan | tsan | fuzz | release | wasm | web | all (native + wasm + web).
# tsan builds only the server and storage tests; fuzz only the libFuzzer targets (scripts/fuzz.sh runs them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Debian's emcc imports acorn from the system node modules.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
jobs=${YILU_JOBS:-$(nproc)}

build_preset() {
  echo "build: $1"
  cmake --preset "$1" >/dev/null
  cmake --build --preset "$1" -j "$jobs"
}

build_web() {
  [ -f web/package.json ] || { echo "build: web/ has no package.json yet"; return 0; }
  echo "build: web"
  (cd web && npm run build)
}

for part in "${@:-all}"; do
  case "$part" in
    native|ci|asan|tsan|fuzz|release|wasm|wasm-debug) build_preset "$part" ;;
    web) build_web ;;
    all) build_preset native; build_preset wasm; build_web ;;
    *) echo "build: unknown part $part" >&2; exit 2 ;;
  esac
done
