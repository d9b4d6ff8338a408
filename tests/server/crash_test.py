#!/usr/bin/env python3
"""Crash safety of `yilu serve`.

Starts the real executable on a fresh data folder, fires concurrent submissions, SIGKILLs it in
the middle of the burst, restarts it on the same folder and checks that every submission that
was acknowledged (201) is there intact, that idempotency keys survived, and that SQLite's
integrity check passes. Usage: crash_test.py <path to yilu> <source dir>
"""
import json, os, signal, sqlite3, subprocess, sys, tempfile, threading, time, urllib.parse

import serve_process
from serve_process import call

YILU, SRC = sys.argv[1], sys.argv[2]
PHONE = "13876009999"


def start(data, log):
    # One resident files thousands here: lift the daily cap (docs/deploy.md).
    return serve_process.start(YILU, data, log, env=dict(os.environ, YILU_APPLICATIONS_PER_DAY="0"))


def sign_in(base, log_path):
    status, body = serve_process.sign_in(base, log_path, PHONE)
    assert status == 200, body
    token = body["token"]
    # Filing needs the real name; the example is filed by the mother it names.
    status, body = call(base, "PUT", "/api/v1/me/profile", {"name": "李晓燕", "id_number": "46020319950315122X"}, token)
    assert status == 200, body
    return token


def main():
    catalog = json.load(open(os.path.join(SRC, "core/data/catalog/sanya.json"), encoding="utf-8"))
    example = next(i for i in catalog["items"] if i["id"] == "child_health_handbook")["example"]["application"]
    application = {"kind": "item", "target_id": "child_health_handbook", "fields": example["fields"],
                   "materials": example["materials"], "answers": example.get("answers", {})}
    tmp = tempfile.mkdtemp(prefix="yilu-crash-")
    data, log_path = os.path.join(tmp, "data"), os.path.join(tmp, "serve.log")
    log = open(log_path, "w")
    proc, base = start(data, log)
    token = sign_in(base, log_path)

    acked = {}  # idempotency key -> application id
    lock = threading.Lock()
    stop = threading.Event()

    def client(n):
        i = 0
        while not stop.is_set():
            key = f"c{n}-{i}"
            i += 1
            try:
                status, body = call(base, "POST", "/api/v1/applications", application, token, {"Idempotency-Key": key}, timeout=5)
            except Exception:
                continue  # the server died under us: not acknowledged
            if status == 201:
                with lock:
                    acked[key] = body["application"]["id"]

    threads = [threading.Thread(target=client, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    time.sleep(1.5)
    os.kill(proc.pid, signal.SIGKILL)  # mid-burst: requests are in flight right now
    proc.wait()
    stop.set()
    for t in threads:
        t.join()
    print(f"acknowledged before SIGKILL: {len(acked)}")
    assert len(acked) > 20, "the burst did not get going"

    proc, base = start(data, log)
    failures = []
    stored = {}
    cursor = ""
    while True:  # every page of the resident's list (sessions survive too)
        status, mine = call(base, "GET", "/api/v1/me/applications?limit=200" + (f"&cursor={cursor}" if cursor else ""),
                            token=token)
        assert status == 200, mine
        stored.update({a["id"]: a for a in mine["applications"]})
        if mine["next_cursor"] is None:
            break
        cursor = urllib.parse.quote(mine["next_cursor"])
    assert len(stored) == mine["total"], (len(stored), mine["total"])
    for key, app_id in acked.items():
        a = stored.get(app_id)
        if not a or a["status"] != "submitted" or a["target_id"] != "child_health_handbook":
            failures.append(f"lost or damaged: {key} {app_id}")
    # Stored but unacknowledged ones are allowed (committed, reply lost in the kill); never the reverse.
    print(f"stored after restart: {len(stored)}")
    for key, app_id in list(acked.items())[:20]:
        status, body = call(base, "POST", "/api/v1/applications", application, token, {"Idempotency-Key": key})
        if status != 201 or body["application"]["id"] != app_id:
            failures.append(f"retry of {key} after restart gave {status} {body.get('application', {}).get('id')}")
    status, detail = call(base, "GET", f"/api/v1/applications/{next(iter(acked.values()))}", token=token)
    if status != 200 or detail["timeline"][0]["kind"] != "submitted":
        failures.append("timeline lost")

    # A second server on the same folder refuses to start, naming the first; the first goes on.
    second = subprocess.run([YILU, "serve", "--data", data, "--port", "0", "--web", ""], capture_output=True,
                            text=True, timeout=30)
    if second.returncode != 1 or f"PID {proc.pid}" not in second.stderr or "只能由一个进程使用" not in second.stderr:
        failures.append(f"a second server on the folder: exit {second.returncode}, {second.stderr.strip()!r}")
    if call(base, "GET", "/api/v1/ready")[0] != 200:
        failures.append("the first server stopped answering after the second one was refused")

    proc.send_signal(signal.SIGTERM)  # graceful stop this time
    if proc.wait(timeout=20) != 0:
        failures.append("graceful stop did not exit 0")
    db = sqlite3.connect(os.path.join(data, "yilu.db"))
    check = db.execute("PRAGMA integrity_check").fetchone()[0]
    if check != "ok":
        failures.append("integrity_check: " + check)
    apps = db.execute("SELECT COUNT(*) FROM applications").fetchone()[0]
    events = db.execute("SELECT COUNT(*) FROM events WHERE kind='submitted'").fetchone()[0]
    keys = db.execute("SELECT COUNT(*) FROM idempotency").fetchone()[0]
    if not (apps == events == keys):
        failures.append(f"applications {apps}, submitted events {events}, keys {keys} disagree")
    db.close()
    log.close()
    if failures:
        print("\n".join(failures))
        print("log:", log_path)
        return 1
    subprocess.run(["rm", "-rf", tmp])
    print("crash safety: ok")
    return 0


sys.exit(main())
