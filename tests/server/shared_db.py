"""What the tests of `yilu serve --db postgresql://…` share (two_servers_test.py,
db_outage_test.py): a throwaway PostgreSQL cluster (scripts/pg_cluster.sh), requests that also
return the headers and how long the answer took, a signed-in resident with a profile, the
catalog's child_health_handbook example, and a check that fails with a message even under -O."""
import json, os, re, shutil, subprocess, tempfile, time, urllib.error, urllib.parse, urllib.request

import serve_process

MOTHER = {"name": "李晓燕", "id_number": "46020319950315122X"}  # the example names her


class Failed(Exception):
    pass


def check(condition, what):
    if not condition:
        raise Failed(what)


class Response:
    def __init__(self, status, body, headers, seconds):
        self.status, self.body, self.headers, self.seconds = status, body, headers, seconds

    def code(self):
        """The error code of a refusal, or None."""
        if isinstance(self.body, dict) and isinstance(self.body.get("error"), dict):
            return self.body["error"].get("code")
        return None

    def __repr__(self):
        text = json.dumps(self.body, ensure_ascii=False) if not isinstance(self.body, bytes) else repr(self.body)
        return f"{self.status} {text[:300]} ({self.seconds:.2f} s)"


def request(base, method, path, body=None, token=None, headers=None, timeout=15):
    """The answer with its headers and time; a connection that fails or times out raises."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            status, text, got = r.status, r.read(), r.headers
    except urllib.error.HTTPError as e:
        status, text, got = e.code, e.read(), e.headers
    try:
        parsed = json.loads(text or b"null")
    except ValueError:
        parsed = text
    return Response(status, parsed, got, time.monotonic() - started)


class Cluster:
    """A PostgreSQL cluster of its own in a fresh folder that the postgres user can reach."""

    def __init__(self, src, root):
        self.script = os.path.join(src, "scripts", "pg_cluster.sh")
        # mkdtemp makes 0700 folders; pg_cluster.sh runs PostgreSQL as postgres when we are root.
        os.chmod(root, 0o755)
        self.dir = os.path.join(root, "pg")
        self.url = None

    def _run(self, *args):
        r = subprocess.run([self.script, *args, self.dir], capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            raise Failed(f"pg_cluster.sh {' '.join(args)} failed ({r.returncode}): {r.stderr.strip()[-600:]}")
        return r.stdout.strip()

    def start(self):
        self.url = self._run("start").splitlines()[-1]
        return self.url

    def pause(self):
        self._run("pause")

    def resume(self):
        self._run("resume")

    def stop(self):
        if os.path.isdir(self.dir):
            subprocess.run([self.script, "stop", self.dir], capture_output=True, timeout=120)

    def psql(self, sql):
        r = subprocess.run(["psql", self.url, "-XtAq", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True,
                           text=True, timeout=30)
        if r.returncode != 0:
            raise Failed(f"psql {sql!r}: {r.stderr.strip()}")
        return r.stdout.strip()


class Workspace:
    """A temporary folder with a cluster and servers in it; close() ends them all and removes it."""

    def __init__(self, yilu, src, prefix):
        self.yilu, self.src = yilu, src
        self.root = tempfile.mkdtemp(prefix=prefix)
        self.cluster = Cluster(src, self.root)
        self.blobs = os.path.join(self.root, "blobs")  # the --data folder all servers share
        os.makedirs(self.blobs)
        self.servers = []  # (name, process, log file, log path)
        self.summary = []  # what each step found, printed at the end
        self.current = ["setup"]  # the step running (a list: the test's closures set it)

    def run(self, title, body):
        """Runs the test's body; prints its summary and "<title>: ok", or the step that failed with
        the servers' logs; closes the workspace either way. The exit status."""
        try:
            body()
        except Failed as e:
            print("\n".join(self.summary))
            print(f"FAILED in step {self.current[0]}: {e}")
            self.show_logs()
            return 1
        except Exception:
            print(f"FAILED in step {self.current[0]} with an exception:")
            self.show_logs()
            raise
        finally:
            self.close()
        print("\n".join(self.summary))
        print(f"{title}: ok")
        return 0

    def serve(self, name, env=None):
        """Starts a server on the cluster: (process, base URL, log path)."""
        log_path = os.path.join(self.root, name + ".log")
        log = open(log_path, "w")
        proc, base = serve_process.start(self.yilu, self.blobs, log, env=env, args=["--db", self.cluster.url])
        self.servers.append((name, proc, log, log_path))
        return proc, base, log_path

    def show_logs(self, lines=25):
        for name, _, log, log_path in self.servers:
            log.flush()
            with open(log_path, encoding="utf-8", errors="replace") as f:
                tail = f.read().splitlines()[-lines:]
            print(f"--- last lines of server {name}'s log ---")
            print("\n".join(tail))

    def close(self):
        for _, proc, log, _ in self.servers:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            log.close()
        self.cluster.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def sms_codes(log_path, phone):
    masked = phone[:3] + "****" + phone[-4:]
    with open(log_path, encoding="utf-8", errors="replace") as f:
        return re.findall(r"\[sms\] to " + re.escape(masked) + r": code (\d{6})", f.read())


def wait_for_code(log_path, phone, before):
    """The newest code the server logged for the number once there are more than `before`."""
    for _ in range(250):
        found = sms_codes(log_path, phone)
        if len(found) > before:
            return found[-1]
        time.sleep(0.02)
    raise Failed(f"no SMS code for {phone} in {log_path}")


def resident(base, log_path, phone):
    """Signs a resident in and fills in the profile the example needs: the token."""
    status, body = serve_process.sign_in(base, log_path, phone)
    check(status == 200 and "token" in body, f"sign-in of {phone}: {status} {body}")
    token = body["token"]
    r = request(base, "PUT", "/api/v1/me/profile", MOTHER, token)
    check(r.status == 200, f"profile: {r}")
    return token


def example_application(src):
    catalog = json.load(open(os.path.join(src, "core/data/catalog/sanya.json"), encoding="utf-8"))
    item = next(i for i in catalog["items"] if i["id"] == "child_health_handbook")
    example = item["example"]["application"]
    application = {"kind": "item", "target_id": "child_health_handbook", "fields": example["fields"],
                   "materials": example["materials"], "answers": example.get("answers", {})}
    return application, item["window"]


def all_applications(base, token):
    """Every application in the resident's list (all pages): {id: application}."""
    out, cursor = {}, ""
    while True:
        r = request(base, "GET", "/api/v1/me/applications?limit=200" +
                    (f"&cursor={urllib.parse.quote(cursor)}" if cursor else ""), token=token)
        check(r.status == 200, f"list of applications: {r}")
        for a in r.body["applications"]:
            check(a["id"] not in out, f"application {a['id']} listed twice")
            out[a["id"]] = a
        if r.body.get("next_cursor") is None:
            check(len(out) == r.body.get("total", len(out)), f"listed {len(out)}, total {r.body.get('total')}")
            return out
        cursor = r.body["next_cursor"]
