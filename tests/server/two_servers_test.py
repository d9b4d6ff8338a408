#!/usr/bin/env python3
"""Two `yilu serve` on one PostgreSQL database and one upload folder behave as one service.

Starts a throwaway cluster (scripts/pg_cluster.sh) and servers A and B on it, then checks, step
by step: a sign-in code asked on A is good on B and the session works on both; what is filed on
B is queued and accepted on A and B shows it; one clerk action sent to both at once wins once
(the other 409); one Idempotency-Key sent to both at once makes one application; the code
resend wait holds across servers; SIGKILL of A in a submission burst loses nothing that was
acknowledged and B answers throughout; a database newer than the program is refused by a new
server and makes /ready say so. Usage: two_servers_test.py <path to yilu> <source dir>
"""
import collections, os, signal, subprocess, sys, threading, time, uuid

import serve_process
from shared_db import Failed, Workspace, all_applications, check, example_application, request, sms_codes, wait_for_code

YILU, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
PHONE = "13876001001"        # the resident who files everything
OTHER_PHONE = "13876001002"  # only asks for codes (step e)
CLERK, CLERK_PASSWORD = "clerk.two-servers", "Tidal-harbor-58-Qz"
RACES = 10
KEYS = 20


def together(*calls):
    """Runs the calls at the same moment (a barrier), each in its own thread: their results, in
    order (an exception is returned as it is)."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, fn):
        barrier.wait()
        try:
            results[i] = fn()
        except Exception as e:  # noqa: BLE001 - reported by the caller
            results[i] = e

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def replayed(r):
    return r.headers.get("Idempotent-Replayed") == "true"


def main():
    application, window = example_application(SRC)
    ws = Workspace(YILU, SRC, "yilu-two-servers-")
    summary, current = ws.summary, ws.current
    def body():
        started = time.monotonic()
        url = ws.cluster.start()
        env = dict(os.environ, YILU_APPLICATIONS_PER_DAY="0")  # the bursts file hundreds
        proc_a, A, log_a = ws.serve("A", env)
        proc_b, B, log_b = ws.serve("B", env)
        summary.append(f"cluster and two servers up in {time.monotonic() - started:.1f} s")

        def step(name):
            current[0] = name
            print(f"step {name}", flush=True)

        def submit(base, token, key=None, timeout=15):
            return request(base, "POST", "/api/v1/applications", application, token,
                           {"Idempotency-Key": key} if key else None, timeout=timeout)

        # a. A code asked on A is verified on B; the session is good on both.
        step("a: sign-in code asked on A, verified on B")
        before = len(sms_codes(log_a, PHONE))
        r = request(A, "POST", "/api/v1/auth/sms/request", {"phone": PHONE})
        check(r.status == 202, f"code request on A: {r}")
        code = wait_for_code(log_a, PHONE, before)
        check(not sms_codes(log_b, PHONE), "B logged a code it was not asked for")
        r = request(B, "POST", "/api/v1/auth/sms/verify", {"phone": PHONE, "code": code})
        check(r.status == 200 and len(r.body.get("token", "")) == 64, f"verify on B of A's code: {r}")
        token = r.body["token"]
        for name, base in (("A", A), ("B", B)):
            r = request(base, "GET", "/api/v1/me", token=token)
            check(r.status == 200, f"GET /me on {name} with the session made on B: {r}")
        r = request(A, "PUT", "/api/v1/me/profile", {"name": "李晓燕", "id_number": "46020319950315122X"}, token)
        check(r.status == 200, f"profile on A: {r}")
        r = request(B, "GET", "/api/v1/me", token=token)
        check(r.status == 200 and "李" in str(r.body), f"profile set on A seen on B: {r}")

        # b. Filed on B, queued and accepted on A, accepted as seen from B.
        step("b: submitted on B, accepted by the clerk on A, seen on B")
        made = subprocess.run([YILU, "admin", "create-staff", "--db", url, "--data", ws.blobs, "--username", CLERK,
                               "--role", "clerk", "--window", window, "--name", "两台服务器测试收件员"],
                              env=dict(os.environ, YILU_STAFF_PASSWORD=CLERK_PASSWORD), capture_output=True,
                              text=True, timeout=60)
        check(made.returncode == 0, f"create-staff: exit {made.returncode} {made.stderr.strip()}")
        r = submit(B, token)
        check(r.status == 201 and r.body["application"]["status"] == "submitted", f"submission on B: {r}")
        app_id = r.body["application"]["id"]
        r = request(A, "POST", "/api/v1/staff/login", {"username": CLERK, "password": CLERK_PASSWORD})
        check(r.status == 200 and "token" in r.body, f"clerk login on A: {r}")
        clerk = r.body["token"]
        r = request(A, "GET", "/api/v1/staff/queue?limit=200", token=clerk)
        check(r.status == 200, f"queue on A: {r}")
        check(r.body["window"] == window, f"queue of window {r.body['window']}, expected {window}")
        check(app_id in [a["id"] for a in r.body["applications"]], f"{app_id} (filed on B) not in A's queue: {r}")
        r = request(A, "POST", f"/api/v1/staff/applications/{app_id}/accept", {}, clerk)
        check(r.status == 200 and r.body["application"]["status"] == "accepted", f"accept on A: {r}")
        r = request(B, "GET", f"/api/v1/applications/{app_id}", token=token)
        check(r.status == 200 and r.body["application"]["status"] == "accepted", f"the application on B: {r}")
        kinds = [e["kind"] for e in r.body["timeline"]]
        check(kinds.count("submitted") == 1 and kinds.count("accepted") == 1, f"timeline on B: {kinds}")

        # c. One clerk action sent to both servers at once: one wins, the other is told 409.
        step(f"c: the same accept sent to A and B at once, {RACES} times")
        outcomes = collections.Counter()
        for i in range(RACES):
            r = submit(A if i % 2 else B, token)
            check(r.status == 201, f"submission for race {i}: {r}")
            rid = r.body["application"]["id"]
            path = f"/api/v1/staff/applications/{rid}/accept"
            ra, rb = together(lambda: request(A, "POST", path, {}, clerk), lambda: request(B, "POST", path, {}, clerk))
            for name, x in (("A", ra), ("B", rb)):
                check(not isinstance(x, Exception), f"race {i}: accept on {name} got no answer: {x!r}")
            got = sorted([(ra.status, ra.code()), (rb.status, rb.code())], key=lambda s: s[0])
            check(got == [(200, None), (409, "illegal_transition")],
                  f"race {i} on {rid}: A answered {ra}, B answered {rb}; expected one 200 and one 409 illegal_transition")
            outcomes["A won" if ra.status == 200 else "B won"] += 1
            r = request(B, "GET", f"/api/v1/applications/{rid}", token=token)
            kinds = [e["kind"] for e in r.body["timeline"]]
            check(r.body["application"]["status"] == "accepted" and kinds.count("accepted") == 1,
                  f"race {i}: after the race {rid} is {r.body['application']['status']} with timeline {kinds}")
        summary.append(f"c: {RACES} accept races, one 200 and one 409 each ({dict(outcomes)})")

        # d. One Idempotency-Key sent to both at once: one application, the same answer twice.
        step(f"d: one Idempotency-Key sent to A and B at once, {KEYS} times")
        before = all_applications(B, token)
        ids = {}
        replays = collections.Counter()
        for i in range(KEYS):
            key = f"d-{i}-{uuid.uuid4().hex}"
            ra, rb = together(lambda: submit(A, token, key), lambda: submit(B, token, key))
            for name, x in (("A", ra), ("B", rb)):
                check(not isinstance(x, Exception), f"key {key}: submission on {name} got no answer: {x!r}")
                check(x.status == 201, f"key {key}: submission on {name}: {x}")
            check(ra.body["application"]["id"] == rb.body["application"]["id"],
                  f"key {key}: A made {ra.body['application']['id']}, B made {rb.body['application']['id']}")
            # One of the two created it; the other answered with the stored response.
            check(replayed(ra) != replayed(rb),
                  f"key {key}: Idempotent-Replayed on A {replayed(ra)}, on B {replayed(rb)}; expected exactly one")
            replays["B replayed" if replayed(rb) else "A replayed"] += 1
            ids[key] = ra.body["application"]["id"]
        after = all_applications(B, token)
        new = set(after) - set(before)
        check(new == set(ids.values()),
              f"{KEYS} keys made {len(new)} new applications ({len(set(ids.values()))} distinct ids answered)")
        summary.append(f"d: {KEYS} keys sent to both at once, one application each ({dict(replays)})")

        # e. The resend wait of a sign-in code holds across servers.
        step("e: code asked on A, asked again at once on B")
        r = request(A, "POST", "/api/v1/auth/sms/request", {"phone": OTHER_PHONE})
        check(r.status == 202, f"code request on A: {r}")
        r = request(B, "POST", "/api/v1/auth/sms/request", {"phone": OTHER_PHONE})
        check(r.status == 429 and r.code() == "rate_limited", f"the second request, on B: {r}")
        check(int(r.headers.get("Retry-After", "0")) > 0, f"no Retry-After on the 429: {dict(r.headers)}")
        check(not sms_codes(log_b, OTHER_PHONE), "B sent a second code within the resend wait")

        # f. SIGKILL of A in the middle of a submission burst over A and B.
        step("f: SIGKILL of A in a submission burst over A and B")
        before = all_applications(B, token)
        acked = {}  # key -> (server, application id)
        to_b = collections.Counter()  # what became of each request sent to B
        b_failures = []
        b_answers_after_kill = [0]
        killed_at = [None]
        lock = threading.Lock()
        stop = threading.Event()

        def client(n):
            name, base = ("A", A) if n % 2 == 0 else ("B", B)
            i = 0
            while not stop.is_set():
                key = f"f-{n}-{i}-{uuid.uuid4().hex[:8]}"
                i += 1
                try:
                    r = submit(base, token, key, timeout=10)
                except Exception as e:  # noqa: BLE001
                    if name == "B":
                        with lock:
                            to_b["no answer"] += 1
                            b_failures.append(f"{key}: {e!r}")
                    continue  # A died under us: not acknowledged
                with lock:
                    if name == "B":
                        to_b[r.status] += 1
                        if r.status != 201:
                            b_failures.append(f"{key}: {r}")
                        if killed_at[0] is not None:
                            b_answers_after_kill[0] += 1
                    if r.status == 201:
                        acked[key] = (name, r.body["application"]["id"])

        threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        os.kill(proc_a.pid, signal.SIGKILL)  # requests are in flight on A right now
        killed_at[0] = time.monotonic()
        proc_a.wait()
        time.sleep(1.0)
        stop.set()
        for t in threads:
            t.join()
        acked_on = collections.Counter(server for server, _ in acked.values())
        print(f"  acknowledged: {dict(acked_on)}; requests to B: {dict(to_b)}", flush=True)
        check(acked_on["A"] > 5 and acked_on["B"] > 5, f"the burst did not get going: {dict(acked_on)}")
        check(not b_failures, f"B did not answer every request with 201 ({dict(to_b)}): {b_failures[:5]}")
        check(b_answers_after_kill[0] > 5, f"B answered only {b_answers_after_kill[0]} requests after A was killed")
        after = all_applications(B, token)
        for key, (server, app_id) in acked.items():
            a = after.get(app_id)
            check(a is not None and a["status"] == "submitted",
                  f"acknowledged by {server} ({key}) but {'missing' if a is None else a['status']} in the list")
        missing = []

        def verify(items):
            for key, (server, app_id) in items:
                r = request(B, "GET", f"/api/v1/applications/{app_id}", token=token)
                if r.status != 200 or r.body["timeline"][0]["kind"] != "submitted":
                    missing.append(f"GET {app_id} (acknowledged by {server}): {r}")
                r = submit(B, token, key)
                if r.status != 201 or r.body["application"]["id"] != app_id or not replayed(r):
                    missing.append(f"re-sending {key} (acknowledged by {server} as {app_id}) to B: {r}")

        items = list(acked.items())
        checkers = [threading.Thread(target=verify, args=(items[k::4],)) for k in range(4)]
        for t in checkers:
            t.start()
        for t in checkers:
            t.join()
        check(not missing, f"{len(missing)} acknowledged submissions not intact: {missing[:5]}")
        stored = len(set(after) - set(before))
        check(len(all_applications(B, token)) == len(after), "re-sending acknowledged keys made new applications")
        summary.append(f"f: {len(acked)} acknowledged ({dict(acked_on)}), {stored} stored, B answered "
                       f"{sum(to_b.values())} of {sum(to_b.values())} requests (201 each), "
                       f"{b_answers_after_kill[0]} after the kill; every key re-sent to B gave its id back")

        # g. A database newer than the program: a new server refuses it, /ready says so.
        step("g: a newer database is refused by a third server and makes B not ready")
        version = int(ws.cluster.psql("SELECT version FROM yilu_schema"))
        ws.cluster.psql("UPDATE yilu_schema SET version = version + 1")
        third = subprocess.Popen([YILU, "serve", "--db", url, "--data", ws.blobs, "--port",
                                  str(serve_process.free_port()), "--web", ""],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            out, err = third.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            third.kill()
            third.communicate()
            raise Failed(f"a third server on a database of schema {version + 1} did not exit within 30 s")
        check(third.returncode != 0, f"the third server exited {third.returncode} on a newer database")
        # The operator must learn why: the detail goes to stderr with the refusal.
        check("newer" in err and str(version + 1) in err, f"the third server's stderr does not say why: {err!r}")
        print(f"  third server: exit {third.returncode}: {' / '.join(err.strip().splitlines()[-2:])}", flush=True)
        r = request(B, "GET", "/api/v1/ready")
        check(r.status == 503 and r.code() == "not_ready", f"/ready on B with the newer schema: {r}")
        check(r.body.get("schema") == version + 1 and r.body.get("expected") == version, f"/ready body: {r}")
        ws.cluster.psql("UPDATE yilu_schema SET version = version - 1")
        r = request(B, "GET", "/api/v1/ready")
        check(r.status == 200, f"/ready on B once the schema is set back: {r}")
        summary.append(f"g: schema {version + 1} refused by a new server (exit {third.returncode}); "
                       "B's /ready 503 not_ready, 200 once set back")

    return ws.run("two servers on one database", body)


sys.exit(main())
