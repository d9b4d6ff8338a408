#!/usr/bin/env bash
# Benchmarks (never part of the tests, never run by CI): Release builds, then the measurements.
#   scripts/bench.sh [all|core|validate|growth|peers|server|store|million|supervision|catalog|sizes|phone|fuzz|mutation|report] [--quick]
#   (./dev bench runs all; docs/PERFORMANCE.md says what each part measures)
#     core, validate, growth, peers  the Google Benchmark programs yilu_bench_<name>
#                                    (peers also runs the wasm core and the npm peers in Node)
#     server   wrk against bare httplib and `yilu serve` (1 to 256 clients)
#     store    durable submissions at 32 clients on SQLite, on PostgreSQL and on two servers behind
#              nginx, with the CPU time of each process (tests/bench/js/store_load.mjs; ~2.5 min)
#     million  the clerk queue, supervisor overview and reviewer tasks with 1,000,000 applications
#              in PostgreSQL (tests/bench/js/million.mjs; ~7–10 min, most of it data generation)
#     supervision  the supervision center's figures over a year at a million applications' worth of
#              facts in PostgreSQL (tests/bench/js/supervision_scale.mjs; ~10 min)
#     catalog  a 2,270-item catalog's lint, a 1,000-item standard list's import, publishing a
#              catalog version and restoring one (tests/bench/js/catalog_publish.mjs; ~1 min)
#     sizes    the wasm at -O2 with LTO (default), -O2 and -Os: sizes and speed of each
#     phone    the resident pages on a phone in headless chromium, with the sample catalog and a
#              generated one of 2,270 items: bytes of a first and a repeat visit, the core ready
#              after the wasm, Fast 3G, search keystrokes, the field check, offline, Lighthouse
#              (tests/bench/phone_budget.mjs; ~20 min; Lighthouse from tests/bench's own lock)
#     fuzz     scripts/fuzz.sh: each libFuzzer target for 10 minutes, inputs up to 64 KiB (docs/fuzzing.md)
#     mutation scripts/mutate.sh: each mutant of tests/mutation/mutants.json against the native
#              tests, killed or survived (docs/mutation.md; table in docs/bench-data/mutation.md)
#     report   the table (printed and docs/bench-data/summary.md) and the SVG plots in docs/
#   all = every part, then report. --quick (or YILU_BENCH_QUICK=1): short runs for
#   developing the harness; its numbers are not for the documentation.
# Data files: docs/bench-data/*.json. Takes about 10 minutes from a clean clone on 2 cores, and
# mutation testing 12–17 minutes and fuzzing 40 minutes more.
set -euo pipefail
# The whole script is one function, read before it runs: editing this file during a run
# (it takes minutes) cannot change what the running copy does.
main() {
  root=$(cd "$(dirname "$0")/.." && pwd)
  cd "$root"
  export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

  what=all
  quick=${YILU_BENCH_QUICK:-0}
  for a in "$@"; do
    case "$a" in
      --quick) quick=1 ;;
      *) what=$a ;;
    esac
  done
  out=docs/bench-data
  mkdir -p "$out"
  jobs=${YILU_JOBS:-$(nproc)}
  reps=5
  [ "$quick" = 1 ] && reps=1
  started=$(date +%s)

  wants() { [ "$what" = all ] || [ "$what" = "$1" ]; }

  # The machine the numbers came from, and how busy it was (the project's machine is shared).
  machine_info() {
    node -e '
      const os = require("os");
      console.log(JSON.stringify({
        date: new Date().toISOString(), host_cpus: os.cpus().length, cpu_model: os.cpus()[0].model,
        mem_gib: +(os.totalmem() / 2 ** 30).toFixed(1), loadavg: os.loadavg(), node: process.version,
        quick: process.argv[1] === "1", compiler: process.argv[2], emcc: process.argv[3],
      }, null, 1));' "$quick" "$(c++ --version | head -1)" "$(emcc --version 2>/dev/null | head -1)"
  }

  # Only what is measured: the server, the bare-httplib baseline of the server benchmark and
  # every Google Benchmark program (tests/bench/<name>_bench.cpp is yilu_bench_<name>); the unit
  # tests are not built here.
  programs=()
  for f in tests/bench/*_bench.cpp; do
    n=${f##*/}
    programs+=("${n%_bench.cpp}")
  done
  targets=(yilu yilu_bench_bare_httplib)
  for n in "${programs[@]}"; do targets+=("yilu_bench_$n"); done
  if [ "$what" != mutation ] && [ "$what" != fuzz ]; then  # those build their own trees
    echo "build: release (${targets[*]})"
    cmake --preset release >/dev/null
    cmake --build --preset release -j "$jobs" --target "${targets[@]}"
  fi
  if wants peers || wants sizes || wants phone; then scripts/build.sh wasm; fi
  if wants phone; then scripts/build.sh web; fi

  # The npm peers (tests/bench/js, locked): only the benchmark needs them.
  if wants peers; then
    if [ ! -d tests/bench/js/node_modules ] || [ tests/bench/js/package-lock.json -nt tests/bench/js/node_modules/.package-lock.json ]; then
      echo "bench: npm ci in tests/bench/js"
      (cd tests/bench/js && npm ci --no-audit --no-fund)
    fi
  fi

  # Lighthouse (tests/bench, locked): only the phone budget needs it, never the tests or CI.
  if wants phone; then
    if [ ! -d tests/bench/node_modules ] || [ tests/bench/package-lock.json -nt tests/bench/node_modules/.package-lock.json ]; then
      echo "bench: npm ci in tests/bench (lighthouse)"
      (cd tests/bench && npm ci --no-audit --no-fund)
    fi
  fi

  [ "$what" = all ] && machine_info >"$out/machine-start.json"

  # ---- Google Benchmark programs ----
  for name in "${programs[@]}"; do
    wants "$name" || continue
    exe=build-release/tests/bench/yilu_bench_$name
    echo "==== yilu_bench_$name ===="
    extra=()
    [ "$name" = growth ] && extra=(--benchmark_min_time=0.2)
    [ "$quick" = 1 ] && extra=(--benchmark_min_time=0.05)
    "$exe" --benchmark_repetitions=$reps --benchmark_report_aggregates_only=true "${extra[@]}" \
      --benchmark_out="$out/yilu_bench_$name.json" --benchmark_out_format=json
  done

  # ---- wasm and npm peers on the same inputs ----
  if wants peers; then
    echo "==== peers (Node $(node --version)) ===="
    qp=()
    [ "$quick" = 1 ] && qp=(--quick)
    node tests/bench/js/peers.mjs --wasm-dir build-wasm/wasm --label "wasm -O2 -flto" "${qp[@]}" --out "$out/peers.json"
  fi

  # ---- wasm variants: sizes and speed ----
  if wants sizes; then
    echo "==== wasm variants ===="
    toolchain=/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake
    # name | link flags (YILU_WASM_OPT) | compile flags of the Release build
    variants=(
      "LTO|-O2;-flto|-O2 -DNDEBUG -flto"
      "O2|-O2|-O2 -DNDEBUG"
      "Os|-Os|-Os -DNDEBUG"
    )
    sizes="$out/wasm-sizes.json"
    echo "[" >"$sizes"
    first=1
    for v in "${variants[@]}"; do
      IFS='|' read -r vname link compile <<<"$v"
      if [ "$vname" = LTO ]; then
        dir=build-wasm  # the default build the page ships (CMakePresets.json, preset wasm)
      else
        dir=build-wasm-$(echo "$vname" | tr 'A-Z' 'a-z')
        cmake -S . -B "$dir" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DCMAKE_BUILD_TYPE=Release \
          "-DYILU_WASM_OPT=$link" "-DCMAKE_CXX_FLAGS_RELEASE=$compile" >/dev/null
        cmake --build "$dir" -j "$jobs" >/dev/null
      fi
      w=$dir/wasm/yilu_core.wasm
      g=$dir/wasm/yilu_core.mjs
      qp=()
      [ "$quick" = 1 ] && qp=(--quick)
      node tests/bench/js/peers.mjs --wasm-only --wasm-dir "$dir/wasm" --label "wasm $vname" "${qp[@]}" --out "$out/wasm-speed-$vname.json" >/dev/null
      [ $first = 1 ] || echo "," >>"$sizes"
      first=0
      printf '{"variant":"%s","link_flags":"%s","compile_flags":"%s","wasm_bytes":%d,"wasm_gzip":%d,"glue_bytes":%d,"glue_gzip":%d}' \
        "$vname" "$link" "$compile" "$(stat -c %s "$w")" "$(gzip -9c "$w" | wc -c)" "$(stat -c %s "$g")" "$(gzip -9c "$g" | wc -c)" >>"$sizes"
      echo "wasm $vname: $(stat -c %s "$w") bytes ($(gzip -9c "$w" | wc -c) gzip), glue $(stat -c %s "$g") ($(gzip -9c "$g" | wc -c) gzip)"
    done
    echo "]" >>"$sizes"
  fi

  # ---- the server under concurrent clients ----
  if wants server; then
    echo "==== server load (wrk) ===="
    sargs=()
    [ "$quick" = 1 ] && sargs=(--clients 1,8,32 --seconds 1)
    node tests/bench/js/server_load.mjs --yilu build-release/server/yilu \
      --bare build-release/tests/bench/yilu_bench_bare_httplib "${sargs[@]}" --out "$out/server-load.json"
  fi

  # ---- durable submissions per store: SQLite, PostgreSQL, two servers behind nginx ----
  if wants store; then
    echo "==== store load (wrk, 32 clients) ===="
    sargs=()
    [ "$quick" = 1 ] && sargs=(--seconds 2 --warmup 1)
    node tests/bench/js/store_load.mjs --yilu build-release/server/yilu "${sargs[@]}" --out "$out/store-load.json"
  fi

  # ---- the staff lists with a million applications in PostgreSQL ----
  if wants million; then
    echo "==== million applications (PostgreSQL) ===="
    margs=()
    [ "$quick" = 1 ] && margs=(--total 50000 --requests 20 --budget 10)
    node tests/bench/js/million.mjs --yilu build-release/server/yilu "${margs[@]}" --out "$out/million.json"
  fi

  # ---- the supervision center's figures at a million applications' worth of facts ----
  if wants supervision; then
    echo "==== supervision figures (PostgreSQL, a generated year copied to a million) ===="
    vargs=()
    [ "$quick" = 1 ] && vargs=(--applications 2000 --copies 5 --requests 20)
    node tests/bench/js/supervision_scale.mjs --yilu build-release/server/yilu "${vargs[@]}" --out "$out/supervision.json"
  fi

  # ---- a center's own catalog: lint, import, publishing a version at 2,270 items ----
  if wants catalog; then
    echo "==== catalog versions and import (2,270-item catalog, 1,000-item list) ===="
    cargs=()
    [ "$quick" = 1 ] && cargs=(--runs 1)
    node tests/bench/js/catalog_publish.mjs --yilu build-release/server/yilu "${cargs[@]}" --out "$out/catalog.json"
  fi

  # ---- the resident pages on a phone: bytes, readiness, Fast 3G, search, Lighthouse ----
  phone_status=0
  if wants phone; then
    echo "==== phone budget (headless chromium, sample and 2,270-item catalogs) ===="
    pargs=(--runs 5 --lighthouse-runs 3)
    [ "$quick" = 1 ] && pargs=(--runs 1 --lighthouse-runs 1)
    YILU_BIN=build-release/server/yilu YILU_WEB_DIR=web/dist CHROME_PATH=/usr/bin/chromium \
      node tests/bench/phone_budget.mjs "${pargs[@]}" --out "$out/phone-budget.json" --md "$out/phone-budget.md" ||
      phone_status=$?
  fi

  # ---- long fuzzing runs (./dev test runs each target for seconds) ----
  fuzz_status=0
  if wants fuzz; then
    echo "==== fuzzing (scripts/fuzz.sh, 10 minutes per target) ===="
    fuzz_seconds=600
    [ "$quick" = 1 ] && fuzz_seconds=20
    scripts/fuzz.sh --seconds "$fuzz_seconds" -- -max_len=65536 || fuzz_status=$?
  fi

  # ---- mutation testing: do the tests notice realistic bugs? ----
  mutation_status=0
  if wants mutation; then
    echo "==== mutation testing (scripts/mutate.sh) ===="
    scripts/mutate.sh --jobs "$jobs" --report "$out/mutation.md" || mutation_status=$?
  fi

  if [ "$what" = all ]; then
    machine_info >"$out/machine-end.json"
    echo "bench: measured in $(($(date +%s) - started)) s"
  fi
  if [ "$what" = all ] || [ "$what" = report ]; then
    node tests/bench/js/report.mjs --data "$out" --docs docs
  fi
  if [ "$phone_status" != 0 ]; then
    echo "bench: the phone budget is exceeded (exit $phone_status): see its table above"
  fi
  if [ "$fuzz_status" != 0 ]; then
    echo "bench: fuzzing found a crash (exit $fuzz_status): see the reproduce command above"
    return "$fuzz_status"
  fi
  if [ "$mutation_status" != 0 ]; then
    echo "bench: mutation testing failed (exit $mutation_status): see its table above"
    return "$mutation_status"
  fi
  return "$phone_status"
}
main "$@"
exit
