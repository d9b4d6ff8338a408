#!/usr/bin/env bash
# Benchmarks (never part of the tests): a Release build, then each benchmark program.
#   scripts/bench.sh [core|all]   (./dev bench runs all)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/build.sh release
what=${1:-all}
out=docs/bench-data
mkdir -p "$out"
for exe in build-release/tests/bench/yilu_bench_*; do
  name=$(basename "$exe")
  [ "$what" = all ] || [ "$name" = "yilu_bench_$what" ] || continue
  echo "==== $name ===="
  "$exe" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_out="$out/$name.json" --benchmark_out_format=json
done
