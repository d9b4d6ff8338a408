#!/usr/bin/env bash
# Installs what the build and the tests need on a Debian machine, only what is missing.
# Safe to run again; the `dev` commands call it first.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config python3
  emscripten                 # the wasm build (3.1.6 in Debian 12)
  nlohmann-json3-dev         # JSON in the core
  libcpp-httplib-dev         # the HTTP server
  libbrotli-dev zlib1g-dev   # bodies compressed once, when prepared (server/src/http/prepared_body.hpp)
  catch2                     # unit tests (v2)
  libbenchmark-dev           # benchmarks
  libsqlite3-dev             # embedded storage
  libpq-dev                  # the server's PostgreSQL client library
  postgresql                 # the shared store; tests start a throwaway cluster (scripts/pg_cluster.sh)
  nginx-light                # the proxy of the multi-server topology (deploy/nginx.conf.template)
  libsodium-dev              # Argon2id password hashing, random tokens
  chromium                   # browser tests (driven by playwright-core from npm)
  fonts-wqy-microhei         # Chinese glyphs in screenshots
  wrk curl                   # HTTP load for the server benchmark
  clang-format clang-tidy    # scripts/lint.sh (C++ formatting and static analysis)
  clang-14 libclang-rt-14-dev  # scripts/fuzz.sh: libFuzzer and the sanitizer runtimes of clang
)
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "setup: system packages present"
fi

# Front-end packages from the npm registry, exactly as locked.
root=$(cd "$(dirname "$0")/.." && pwd)
for dir in web tests/e2e; do
  if [ -f "$root/$dir/package-lock.json" ]; then
    if [ ! -d "$root/$dir/node_modules" ] || [ "$root/$dir/package-lock.json" -nt "$root/$dir/node_modules/.package-lock.json" ]; then
      echo "setup: npm ci in $dir"
      (cd "$root/$dir" && npm ci --no-audit --no-fund)
    fi
  fi
done
