#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, the fuzz preset: clang-14, ASan+UBSan) and runs each
# for a while; docs/fuzzing.md says what each covers.
#
#   scripts/fuzz.sh [--seconds N] [--build-dir DIR] [TARGET…] [-- LIBFUZZER_FLAG…]
#
#   --seconds N      how long each target runs (default 10; scripts/test.sh runs a short pass)
#   --build-dir DIR  where to build (default build-fuzz)
#   TARGET…          some of: core_call call_reference catalog_load upload_sniff http_request (default: all)
#   -- FLAG…         passed to every target (e.g. -max_len=65536 for longer inputs)
#
# Seeds are made from the test data each run (tests/fuzz/make_seeds.py, into DIR/seeds/). What
# the fuzzer finds new is added to DIR/corpus/<target>/ (outside git), which the next run starts
# from. A crash (sanitizer report, broken promise, timeout, out of memory) is written to
# DIR/crashes/<target>/ and fails the run, naming the file; each target's output is in
# DIR/logs/<target>.log. Reproduce a crash with: DIR/tests/fuzz/fuzz_<target> <crash file>
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seconds=10
build=$root/build-fuzz
targets=()
extra=()
all=(core_call call_reference catalog_load upload_sniff http_request)
while (($#)); do
  case "$1" in
    --) shift; extra=("$@"); break ;;
    --seconds) seconds=${2:?--seconds needs a number}; shift 2 ;;
    --seconds=*) seconds=${1#*=}; shift ;;
    --build-dir) build=${2:?--build-dir needs a folder}; shift 2 ;;
    --build-dir=*) build=${1#*=}; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
((${#targets[@]})) || targets=("${all[@]}")
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz: --seconds takes a whole number above 0" >&2; exit 2; }
for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "fuzz: unknown target $t (${all[*]})" >&2; exit 2; }
done
jobs=${YILU_JOBS:-$(nproc)}

echo "fuzz: build ($build)"
cmake --preset fuzz -B "$build" >/dev/null
cmake --build "$build" --target yilu_fuzzers -j "$jobs"
python3 tests/fuzz/make_seeds.py "$build/seeds"

# The HTTP target's database fsyncs every write: on a tmpfs that costs nothing.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then export TMPDIR=/dev/shm; fi

failed=()
for t in "${targets[@]}"; do
  mkdir -p "$build/corpus/$t" "$build/crashes/$t" "$build/logs"
  log=$build/logs/$t.log
  # -timeout: one input running this long is a finding (the slowest legitimate one, a staff
  # sign-in's Argon2id hash under ASan, takes well under a second).
  rc=0
  "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=25 -print_final_stats=1 \
    -dict="$build/seeds/$t.dict" -artifact_prefix="$build/crashes/$t/" ${extra[@]+"${extra[@]}"} \
    "$build/corpus/$t" "$build/seeds/$t" >"$log" 2>&1 || rc=$?
  # A target that crashed left its data folder behind (tests/fuzz/http_request.cpp names it).
  sed -n 's/^fuzz data folder: \(.*\/yilu-fuzz-[a-z]*-[A-Za-z0-9]*\)$/\1/p' "$log" | while read -r dir; do
    rm -rf -- "$dir"
  done
  if [ "$rc" -eq 0 ]; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | sed -n 's/.* cov: \([0-9]*\).*/\1/p' | tail -1)
    echo "fuzz: $t ok: ${runs:-?} inputs in ${seconds}s, coverage ${cov:-?}, corpus $(find "$build/corpus/$t" -type f | wc -l) files"
  else
    crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    echo "fuzz: $t FAILED (exit $rc): ${crash:-no crash file written}"
    # The report's first lines and its summary (the whole of it is in the log).
    { grep -m1 -A 15 -E '^==[0-9]+==ERROR|ERROR: libFuzzer|^fuzz_[a-z_]+: |runtime error:' "$log" &&
      grep -m1 '^SUMMARY:' "$log"; } | cut -c1-200 | sed 's/^/  /' || tail -n 30 "$log" | sed 's/^/  /'
    echo "  full output: $log"
    [ -n "$crash" ] && echo "  reproduce: $build/tests/fuzz/fuzz_$t $crash"
    failed+=("$t")
  fi
done

if ((${#failed[@]})); then
  echo "fuzz: ${#failed[@]} target(s) crashed: ${failed[*]}" >&2
  exit 1
fi
