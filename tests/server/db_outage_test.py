#!/usr/bin/env python3
"""`yilu serve --db postgresql://…` through a database outage.

Starts a throwaway cluster (scripts/pg_cluster.sh) and one server, files an application, then
stops the database keeping its port (`pg_cluster.sh pause`). While it is away the server must
stay up and answer at once: /health 200, /ready 503 not_ready, everything that needs the
database 503 storage_unavailable with Retry-After and a message for people (never a 500, a
401 for a good session, or a hang). After `resume`, without a restart: /ready turns 200 within
seconds, the application is there, the session still works, new submissions are stored, and a
submission refused during the outage and re-sent with its Idempotency-Key is stored once.
Usage: db_outage_test.py <path to yilu> <source dir>
"""
import os, re, sys, threading, time, uuid

from shared_db import Failed, Workspace, all_applications, check, example_application, request, resident

YILU, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
PHONE = "13876002001"
QUICK = 6.0      # seconds within which every answer must come while the database is away
TIMEOUT = 15.0   # a request still waiting by then counts as a hang
RECOVERY = 15.0  # seconds after the database is back within which /ready must be 200
CHINESE = re.compile("[\u4e00-\u9fff]")


def main():
    application, _ = example_application(SRC)
    ws = Workspace(YILU, SRC, "yilu-db-outage-")
    summary, current = ws.summary, ws.current

    def step(name):
        current[0] = name
        print(f"step {name}", flush=True)

    def body():
        started = time.monotonic()
        ws.cluster.start()
        proc, base, log_path = ws.serve("S")
        summary.append(f"cluster and server up in {time.monotonic() - started:.1f} s")

        def submit(key=None):
            return request(base, "POST", "/api/v1/applications", application, token,
                           {"Idempotency-Key": key} if key else None, timeout=TIMEOUT)

        step("before: sign in, file an application")
        token = resident(base, log_path, PHONE)
        r = submit()
        check(r.status == 201, f"submission: {r}")
        first = r.body["application"]["id"]

        def warm_pool():
            # Reads at once leave several pooled connections, which all die with the database:
            # once it is back none of them may cost a request its answer.
            for _ in range(3):
                threads = [threading.Thread(target=request, args=(base, "GET", f"/api/v1/applications/{first}",
                                                                   None, token)) for _ in range(12)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()

        warm_pool()

        step("outage: the database paused")
        t0 = time.monotonic()
        ws.cluster.pause()
        print(f"  database stopped in {time.monotonic() - t0:.1f} s", flush=True)
        problems = []  # every outage check is made, then all that failed are reported together
        answers = []

        def expect(what, fn, status, code=None, people_message=False, retry_after=False):
            try:
                r = fn()
            except Exception as e:  # noqa: BLE001 - a timeout or a dropped connection
                problems.append(f"{what}: no answer within {TIMEOUT:.0f} s ({e!r})")
                return None
            answers.append((what, r.seconds))
            if r.status != status or (code and r.code() != code):
                problems.append(f"{what}: expected {status} {code or ''}, got {r}")
            if r.seconds > QUICK:
                problems.append(f"{what}: answered after {r.seconds:.1f} s (more than {QUICK:.0f} s)")
            if r.status != status:
                return r  # the rest describes the expected answer
            if people_message and not CHINESE.search(str(r.body.get("error", {}).get("message", ""))
                                                     if isinstance(r.body, dict) else ""):
                problems.append(f"{what}: no message for people in {r}")
            if retry_after and not r.headers.get("Retry-After", "").isdigit():
                problems.append(f"{what}: no Retry-After header (headers {dict(r.headers)})")
            return r

        outage_key = f"outage-{uuid.uuid4().hex}"
        expect("GET /api/v1/health", lambda: request(base, "GET", "/api/v1/health", timeout=TIMEOUT), 200)
        expect("GET /api/v1/ready", lambda: request(base, "GET", "/api/v1/ready", timeout=TIMEOUT), 503, "not_ready")
        expect("POST /api/v1/applications", lambda: submit(), 503, "storage_unavailable", True, True)
        expect(f"GET /api/v1/applications/{first}",
               lambda: request(base, "GET", f"/api/v1/applications/{first}", token=token, timeout=TIMEOUT),
               503, "storage_unavailable", True, True)
        expect("GET /api/v1/me", lambda: request(base, "GET", "/api/v1/me", token=token, timeout=TIMEOUT),
               503, "storage_unavailable", True, True)
        expect("POST /api/v1/applications with an Idempotency-Key", lambda: submit(outage_key), 503,
               "storage_unavailable", True, True)
        expect("POST /api/v1/auth/sms/request",
               lambda: request(base, "POST", "/api/v1/auth/sms/request", {"phone": "13876002002"},
                               timeout=TIMEOUT), 503, "storage_unavailable", True, True)
        if proc.poll() is not None:
            problems.append(f"the server exited ({proc.returncode}) while the database was away")
        # Reported at the end: the recovery is worth checking whatever the outage showed.
        deferred = [f"[outage] {p}" for p in problems]
        slowest = max(answers, key=lambda a: a[1])
        summary.append(f"outage: {len(answers)} requests answered ({len(problems)} problems), slowest "
                       f"{slowest[1]:.2f} s ({slowest[0]})")

        step("recovery: the database resumed, the same server")
        t0 = time.monotonic()
        ws.cluster.resume()
        resumed = time.monotonic()
        print(f"  database started in {resumed - t0:.1f} s", flush=True)
        not_ready = 0
        while True:
            r = request(base, "GET", "/api/v1/ready", timeout=TIMEOUT)
            if r.status == 200:
                break
            check(r.status == 503 and r.code() == "not_ready", f"/ready while recovering: {r}")
            not_ready += 1
            check(time.monotonic() - resumed < RECOVERY, f"/ready still {r} {RECOVERY:.0f} s after the database is back")
            time.sleep(0.2)
        ready_after = time.monotonic() - resumed
        check(proc.poll() is None, f"the server exited ({proc.returncode})")
        # From now on every request is answered: a pooled connection that died with the
        # database may cost the server a retry, never the caller a 503.
        for i in range(12):
            r = request(base, "GET", f"/api/v1/applications/{first}", token=token)
            check(r.status == 200 and r.body["application"]["id"] == first,
                  f"read {i + 1} of the earlier application after /ready said 200: {r}")
        r = request(base, "GET", "/api/v1/me", token=token)
        check(r.status == 200, f"the session from before the outage: {r}")
        r = submit()
        check(r.status == 201, f"a new submission: {r}")
        fresh = r.body["application"]["id"]
        r = submit(outage_key)
        check(r.status == 201, f"re-sending the key refused during the outage: {r}")
        keyed = r.body["application"]["id"]
        check(r.headers.get("Idempotent-Replayed") != "true",
              f"the key refused during the outage was replayed: something was stored then ({r})")
        r = submit(outage_key)
        check(r.status == 201 and r.body["application"]["id"] == keyed and
              r.headers.get("Idempotent-Replayed") == "true", f"re-sending the key once more: {r}")
        mine = all_applications(base, token)
        check(set(mine) == {first, fresh, keyed},
              f"the resident has {sorted(mine)}; expected exactly {sorted({first, fresh, keyed})}")
        summary.append(f"recovery: /ready 200 {ready_after:.1f} s after the database was back ({not_ready} "
                       "503 before), no restart; session, earlier application, new submission and the "
                       "outage's key (stored once) all good")
        step("a restart the server did not see: pooled connections died, no request in between")
        refusals = []
        for path, who in (("/api/v1/ready", None), ("/api/v1/me", token)):  # without a session, then with
            warm_pool()
            ws.cluster.pause()
            ws.cluster.resume()
            answers = [request(base, "GET", path, token=who) for _ in range(12)]
            refused = [f"request {i + 1}: {r}" for i, r in enumerate(answers) if r.status != 200]
            if refused:
                refusals.append(f"{len(refused)} of the next 12 GET {path} refused, the database up: {refused[:2]}")
        deferred += [f"[after a quick restart] {r}" for r in refusals]
        if not refusals:
            summary.append("a quick restart unseen by the server: the next requests all answered 200")

        if deferred:
            current[0] = "outage / quick restart (the recovery after the outage passed)"
            raise Failed(f"{len(deferred)} checks failed:\n  " + "\n  ".join(deferred))

    return ws.run("database outage", body)


sys.exit(main())
