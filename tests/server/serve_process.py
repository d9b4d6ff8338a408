"""The real `yilu serve` as a process, for the tests that kill it or starve it (crash_test.py,
disk_full_test.py): start it on a free port, call its JSON API, sign a resident in with the
code the server logged (the log SMS sender)."""
import json, re, socket, subprocess, time, urllib.error, urllib.request


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start(yilu, data, log, env=None, args=()):
    """Starts `yilu serve` on `data` (and `args`, e.g. ["--db", url]) with its output to `log`;
    (process, base URL) once it answers."""
    port = free_port()
    proc = subprocess.Popen([yilu, "serve", "--data", data, "--port", str(port), "--web", "", *args],
                            stdout=log, stderr=log, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/api/v1/health", timeout=1).read()
            return proc, base
        except Exception:
            time.sleep(0.05)
    raise SystemExit("server did not start")


def call(base, method, path, body=None, token=None, headers=None, timeout=30, raw=None,
         content_type="application/json"):
    """(status, parsed JSON body) of a request; `raw` sends bytes as they are."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", content_type)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        text = e.read()
        try:
            return e.code, json.loads(text or b"null")
        except ValueError:
            return e.code, text


def sign_in(base, log_path, phone):
    """Asks for a code, reads the newest one the server logged for the number, verifies it:
    (status, body) of the verification, or of the request when it was refused (a 5xx: the
    code could not be stored)."""
    masked = phone[:3] + "****" + phone[-4:]
    pattern = r"\[sms\] to " + re.escape(masked) + r": code (\d{6})"

    def codes():
        with open(log_path, encoding="utf-8", errors="replace") as f:
            return re.findall(pattern, f.read())

    before = len(codes())
    status, body = call(base, "POST", "/api/v1/auth/sms/request", {"phone": phone})
    if status >= 500:
        return status, body
    assert status == 202, (status, body)
    for _ in range(200):
        found = codes()
        if len(found) > before:
            return call(base, "POST", "/api/v1/auth/sms/verify", {"phone": phone, "code": found[-1]})
        time.sleep(0.02)
    raise AssertionError("no SMS code in the log")
