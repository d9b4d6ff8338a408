#!/usr/bin/env python3
"""Mutation testing of the native tests: does each listed bug make a test fail?

Run through scripts/mutate.sh (docs/mutation.md). The source tree (tracked and new, not ignored
files) is copied to a scratch folder, configured once there, and for each mutant of
tests/mutation/mutants.json: the edit is applied, only that mutant's test executables are
rebuilt (incrementally), their ctest tests run (stopping at the first failure), and the edit is
reverted. A mutant is killed when a test fails or times out, survived when every test passes.
The checkout itself is never written to. Exit status: 0 when every mutant is killed, 1 when
one survived or could not be built, 2 when the list or the tree is wrong (nothing was run).
"""
import argparse
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Never copied, even when a tree without git is mutated: build output and installed packages.
SKIP_DIRS = {".git", "node_modules", "var"}


def die(msg):
    print(f"mutate: {msg}", file=sys.stderr)
    sys.exit(2)


def log(msg):
    print(msg, flush=True)


def load_mutants(path, only):
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        die(f"cannot read {path}: {e}")
    mutants = data.get("mutants", [])
    seen = set()
    for m in mutants:
        for key in ("id", "file", "original", "replacement", "description", "tests"):
            if key not in m:
                die(f"mutant {m.get('id', '?')}: no '{key}'")
        if m["id"] in seen:
            die(f"mutant id {m['id']} listed twice")
        if m["original"] == m["replacement"]:
            die(f"mutant {m['id']}: the replacement is the original")
        if not m["tests"]:
            die(f"mutant {m['id']}: no test executables")
        seen.add(m["id"])
    if only:
        wanted = set(only)
        unknown = wanted - seen
        if unknown:
            die(f"unknown mutant id(s): {', '.join(sorted(unknown))}")
        mutants = [m for m in mutants if m["id"] in wanted]
    return mutants


def source_files(src):
    """The files a build may read: git's tracked and new-but-not-ignored files, or every file."""
    try:
        out = subprocess.run(["git", "-C", src, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             check=True, capture_output=True).stdout
        names = [n for n in out.decode("utf-8", "surrogateescape").split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        names = []
        for d, dirs, files in os.walk(src):
            rel = os.path.relpath(d, src)
            dirs[:] = [x for x in dirs if x not in SKIP_DIRS and not (rel == "." and x.startswith("build"))]
            names += [os.path.normpath(os.path.join(rel, f)) for f in files]
    return sorted(n for n in set(names) if os.path.isfile(os.path.join(src, n)))


def sync_tree(src, dst):
    """Makes dst a copy of src's files. A file whose bytes differ is rewritten with a new
    modification time (never the source's: an object built from a mutated copy must look stale),
    an unchanged one is left alone so the build stays incremental; files not in src are removed."""
    names = source_files(src)
    wanted = set(names)
    written = 0
    for n in names:
        s, d = os.path.join(src, n), os.path.join(dst, n)
        with open(s, "rb") as f:
            data = f.read()
        try:
            with open(d, "rb") as f:
                if f.read() == data:
                    continue
        except OSError:
            pass
        os.makedirs(os.path.dirname(d), exist_ok=True)
        with open(d, "wb") as f:
            f.write(data)
        shutil.copymode(s, d)
        written += 1
    removed = 0
    for d, _, files in os.walk(dst):
        for f in files:
            rel = os.path.relpath(os.path.join(d, f), dst)
            if rel not in wanted:
                os.remove(os.path.join(d, f))
                removed += 1
    return len(names), written, removed


def occurrences(path, original):
    with open(path, encoding="utf-8") as f:
        return f.read().count(original)


def check_list(mutants, tree):
    """Every original must be in its file exactly once, before anything is built."""
    bad = []
    for m in mutants:
        path = os.path.join(tree, m["file"])
        if not os.path.isfile(path):
            bad.append(f"{m['id']}: no file {m['file']}")
            continue
        n = occurrences(path, m["original"])
        if n != 1:
            bad.append(f"{m['id']}: the original text occurs {n} times in {m['file']} (must be exactly once)")
    return bad


def run(cmd, cwd=None, timeout=None):
    """Runs cmd in its own process group; on timeout the whole group is killed.
    Returns (exit code or None on timeout, combined output)."""
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        out, _ = p.communicate(timeout=timeout)
        return p.returncode, out.decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, _ = p.communicate()
        return None, out.decode("utf-8", "replace")
    except BaseException:  # Ctrl-C: its own session would not get the signal, so end it here
        os.killpg(p.pid, signal.SIGKILL)
        raise


def build(build_dir, targets, jobs):
    return run(["cmake", "--build", build_dir, "-j", str(jobs), "--target", *targets])


def run_tests(build_dir, targets, jobs, per_test, budget, only=None, exclude=None):
    """ctest for each executable in turn (its tests are named "<target>:<case>"), stopping at the
    first failure; `only` / `exclude` narrow the tests by name (ctest regular expressions).
    Returns ('pass'|'fail'|'timeout', seconds, first failing test, output tail)."""
    start = time.monotonic()
    for t in targets:
        left = budget - (time.monotonic() - start)
        if left <= 0:
            return "timeout", time.monotonic() - start, f"{t} (mutant budget spent)", ""
        select = "^" + re.escape(t) + ":" + (f".*({only})" if only else "")
        cmd = ["ctest", "--test-dir", build_dir, "-R", select, "--stop-on-failure", "--timeout", str(per_test),
               "-j", str(jobs), "--output-on-failure", "--no-tests=" + ("ignore" if only else "error")]
        if exclude:
            cmd += ["-E", exclude]
        code, out = run(cmd, timeout=left)
        if code is None:
            return "timeout", time.monotonic() - start, f"{t} (mutant budget of {budget} s spent)", out[-3000:]
        if code != 0:
            failed = re.findall(r"^\s*\d+ - (.+?) \((Failed|Timeout|SEGFAULT|Subprocess aborted|Exception|[^)]*)\)\s*$",
                                out, re.M)
            first = f"{failed[0][0]} ({failed[0][1]})" if failed else f"{t} (ctest exit {code})"
            verdict = "timeout" if failed and failed[0][1] == "Timeout" else "fail"
            return verdict, time.monotonic() - start, first, out[-3000:]
    return "pass", time.monotonic() - start, "", ""


def apply_edit(path, original, replacement):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    n = text.count(original)
    if n != 1:
        raise RuntimeError(f"the original text occurs {n} times in {path} (must be exactly once)")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(original, replacement, 1))
    return text


def main():
    ap = argparse.ArgumentParser(prog="scripts/mutate.sh", description=__doc__.split("\n\n")[0])
    ap.add_argument("ids", nargs="*", help="only these mutant ids (default: all)")
    ap.add_argument("--list", default=os.path.join(ROOT, "tests/mutation/mutants.json"), help="the mutant list")
    ap.add_argument("--src", default=ROOT, help="the tree to copy (default: this checkout)")
    ap.add_argument("--dir", default=os.environ.get("YILU_MUTATION_DIR", "/tmp/yilu-mutation"),
                    help="scratch folder: DIR/src is the copy, DIR/build its build (default /tmp/yilu-mutation)")
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("YILU_JOBS", os.cpu_count() or 2)))
    ap.add_argument("--timeout", type=int, default=int(os.environ.get("YILU_MUTANT_TIMEOUT", 900)),
                    help="seconds of testing per mutant (default 900); a mutant that runs out is killed")
    ap.add_argument("--test-timeout", type=int, default=300, help="ctest --timeout for one test (default 300)")
    ap.add_argument("--tests", metavar="REGEX", help="run only the tests whose names match (which tests kill a mutant)")
    ap.add_argument("--exclude", metavar="REGEX", help="leave out the tests whose names match")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the end of a failing test's output")
    ap.add_argument("--check", action="store_true", help="only check that every original is found exactly once")
    ap.add_argument("--report", help="also write the results as a Markdown table to this file")
    args = ap.parse_args()

    mutants = load_mutants(args.list, args.ids)
    src = os.path.abspath(args.src)
    if args.check:
        bad = check_list(mutants, src)
        for b in bad:
            print(f"mutate: {b}", file=sys.stderr)
        if bad:
            sys.exit(2)
        log(f"mutate: {len(mutants)} mutants, each original found exactly once in {src}")
        return

    started = time.monotonic()
    work = os.path.abspath(args.dir)
    tree, build_dir = os.path.join(work, "src"), os.path.join(work, "build")
    if os.path.commonpath([work, src]) == src and not os.path.relpath(work, src).startswith("build"):
        die(f"--dir {work} is inside the tree it copies (use /tmp/... or a build* folder)")
    os.makedirs(tree, exist_ok=True)
    count, written, removed = sync_tree(src, tree)
    log(f"mutate: copied {src} to {tree}: {count} files ({written} written, {removed} removed)")
    bad = check_list(mutants, tree)
    if bad:
        die("the mutant list does not match the tree:\n  " + "\n  ".join(bad))

    # One configuration, kept between runs: later runs rebuild only what changed.
    if not os.path.isfile(os.path.join(build_dir, "CMakeCache.txt")):
        cfg = ["cmake", "-S", tree, "-B", build_dir, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=RelWithDebInfo",
               "-DYILU_BUILD_BENCH=OFF", "-DYILU_WERROR=OFF"]
        log("mutate: configure: " + " ".join(shlex.quote(c) for c in cfg))
        code, out = run(cfg)
        if code != 0:
            sys.stderr.write(out[-5000:])
            die("configure failed")

    # The unmutated tree must build and pass, or every mutant would look killed.
    all_targets = list(dict.fromkeys(t for m in mutants for t in m["tests"]))
    t0 = time.monotonic()
    code, out = build(build_dir, all_targets, args.jobs)
    if code != 0:
        sys.stderr.write(out[-5000:])
        die("the unmutated tree does not build")
    log(f"mutate: baseline build of {' '.join(all_targets)}: {time.monotonic() - t0:.0f} s")
    verdict, secs, first, tail = run_tests(build_dir, all_targets, args.jobs, args.test_timeout, 4 * args.timeout,
                                           args.tests, args.exclude)
    if verdict != "pass":
        sys.stderr.write(tail)
        die(f"the unmutated tree fails its tests: {first}")
    log(f"mutate: baseline tests pass: {secs:.0f} s")

    results = []
    for i, m in enumerate(mutants, 1):
        path = os.path.join(tree, m["file"])
        original_text = apply_edit(path, m["original"], m["replacement"])
        try:
            t0 = time.monotonic()
            code, out = build(build_dir, m["tests"], args.jobs)
            build_s = time.monotonic() - t0
            if code != 0:
                errors = [ln for ln in out.splitlines() if "error" in ln][:3]
                status, test_s, why = "build-error", 0.0, " | ".join(errors) or "build failed"
            else:
                verdict, test_s, first, tail = run_tests(build_dir, m["tests"], args.jobs, args.test_timeout,
                                                      args.timeout, args.tests, args.exclude)
                status = {"pass": "SURVIVED", "fail": "killed", "timeout": "killed"}[verdict]
                why = first if verdict != "pass" else "every test passed"
                if verdict == "timeout":
                    why = "timeout: " + first
                if args.verbose and verdict != "pass":
                    log(tail)
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original_text)
        results.append({"id": m["id"], "file": m["file"], "description": m["description"], "status": status,
                         "build_s": build_s, "test_s": test_s, "why": why})
        log(f"[{i:2}/{len(mutants)}] {status:11} {m['id']}  (build {build_s:.0f} s, tests {test_s:.0f} s)  {why}")

    # Leave the build matching the unmutated tree (the last mutant's objects are stale now).
    build(build_dir, all_targets, args.jobs)

    killed = sum(r["status"] == "killed" for r in results)
    wall = time.monotonic() - started
    log("")
    log(f"{'mutant':34} {'status':11} first failing test")
    for r in results:
        log(f"{r['id']:34} {r['status']:11} {r['why']}")
    score = 100.0 * killed / len(results) if results else 100.0
    log(f"\nmutation score: {killed}/{len(results)} killed ({score:.0f}%), wall time {wall:.0f} s")
    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write("| mutant | file | what it breaks | result | killed by |\n|---|---|---|---|---|\n")
            for r in results:
                why = r["why"].replace("|", "\\|")
                f.write(f"| `{r['id']}` | {r['file']} | {r['description']} | {r['status']} | {why} |\n")
            f.write(f"\nScore: {killed}/{len(results)} killed ({score:.0f}%); wall time {wall:.0f} s.\n")
    sys.exit(0 if killed == len(results) else 1)


if __name__ == "__main__":
    main()
