#!/usr/bin/env python3
"""A full disk under the real `yilu serve`: writes are refused with 507 storage_full and a Chinese
message (uploads, submissions and sign-ins alike), reads keep working, nothing acknowledged is
lost, and once there is room again writes succeed without a restart.

The data folder is a small tmpfs mounted in a private mount namespace (`unshare`), filled to
the last byte by a filler file. Usage: disk_full_test.py <path to yilu> <source dir>
"""
import errno, json, os, sqlite3, subprocess, sys, tempfile, urllib.request, uuid

import serve_process
from serve_process import call

YILU, SRC = sys.argv[1], sys.argv[2]
PHONE = "13876008888"


def in_private_mount_namespace():
    """Re-runs this script in its own mount namespace (as root: --mount; otherwise as the
    namespace's root: --map-root-user), where it may mount a tmpfs that vanishes with it."""
    if os.environ.get("YILU_DISK_FULL_INNER") == "1":
        return
    env = dict(os.environ, YILU_DISK_FULL_INNER="1")
    flags = ["--mount"] if os.geteuid() == 0 else ["--mount", "--map-root-user"]
    try:
        r = subprocess.run(["unshare", *flags, sys.executable, *sys.argv], env=env)
    except FileNotFoundError:
        sys.exit("disk_full_test: `unshare` (util-linux) is needed to mount a small tmpfs for the data folder")
    sys.exit(r.returncode)


def pdf(text):
    """A small well-formed PDF (header, objects, xref table, trailer)."""
    objs = ["<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Kids[]/Count 0>>", f"<</Note({text})>>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += f"{i + 1} 0 obj{o}endobj\n".encode()
    out += b"%" + os.urandom(3000).hex().encode() + b"\n"  # unique bytes: every upload is new
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for at in offsets:
        out += f"{at:010d} 00000 n \n".encode()
    out += f"trailer<</Size {len(objs) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def upload(base, token, data):
    boundary = "yilu" + uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.pdf\"\r\n"
            f"Content-Type: application/pdf\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return call(base, "POST", "/api/v1/uploads", raw=body, token=token,
                content_type=f"multipart/form-data; boundary={boundary}")


def fill(path):
    """Writes a filler file until the file system says it is full (unbuffered: nothing is left
    to flush at close)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (1 << 20, 64 << 10, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError as e:
                assert e.errno == errno.ENOSPC, e
    finally:
        os.close(fd)


def main():
    in_private_mount_namespace()
    catalog = json.load(open(os.path.join(SRC, "core/data/catalog/sanya.json"), encoding="utf-8"))
    example = next(i for i in catalog["items"] if i["id"] == "child_health_handbook")["example"]["application"]
    application = {"kind": "item", "target_id": "child_health_handbook", "fields": example["fields"],
                   "materials": example["materials"], "answers": example.get("answers", {})}
    tmp = tempfile.mkdtemp(prefix="yilu-disk-full-")
    data, log_path = os.path.join(tmp, "data"), os.path.join(tmp, "serve.log")
    os.makedirs(data)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", data], check=True)
    log = open(log_path, "w")
    proc, base = serve_process.start(YILU, data, log)
    try:
        status, body = serve_process.sign_in(base, log_path, PHONE)
        assert status == 200, body
        token = body["token"]
        status, body = call(base, "PUT", "/api/v1/me/profile", {"name": "李晓燕", "id_number": "46020319950315122X"}, token)
        assert status == 200, body

        acknowledged = []
        for _ in range(3):
            status, body = call(base, "POST", "/api/v1/applications", application, token)
            assert status == 201, body
            acknowledged.append(body["application"]["id"])
        status, body = upload(base, token, pdf("before"))
        assert status == 201, body
        uploads = [body["upload"]["id"]]

        fill(os.path.join(data, "filler"))

        # Writes until the database and the blob store have no room left: each one either
        # succeeded (201: SQLite may still reuse its log's space for a while) or is a 507.
        full = {"application": 0, "upload": 0}
        for i in range(300):
            status, body = call(base, "POST", "/api/v1/applications", application, token)
            assert status in (201, 507), (status, body)
            if status == 201:
                acknowledged.append(body["application"]["id"])
            else:
                full["application"] += 1
                assert body["error"]["code"] == "storage_full", body
                assert "存储空间已满" in body["error"]["message"], body
            status, body = upload(base, token, pdf(f"during {i}"))
            assert status in (201, 507), (status, body)
            if status == 201:
                uploads.append(body["upload"]["id"])
            else:
                full["upload"] += 1
                assert body["error"]["code"] == "storage_full", body
            if full["application"] >= 3 and full["upload"] >= 3:
                break
        assert full["application"] >= 3 and full["upload"] >= 3, f"the disk never filled: {full}"

        # Signing in writes (the code asked for, then a session): refused the same way, with the
        # same code.
        status, body = serve_process.sign_in(base, log_path, PHONE)
        assert status == 507 and body["error"]["code"] == "storage_full", (status, body)

        # Reads keep working: the catalog, the resident's list, each application, each file.
        assert call(base, "GET", "/api/v1/catalog")[0] == 200
        status, body = call(base, "GET", "/api/v1/me/applications?limit=200", token=token)
        assert status == 200, body
        listed = {a["id"] for a in body["applications"]}
        assert set(acknowledged) <= listed and body["total"] == len(acknowledged), (len(acknowledged), body["total"])
        for sha in uploads:
            with urllib.request.urlopen(urllib.request.Request(base + "/api/v1/uploads/" + sha,
                                                               headers={"Authorization": "Bearer " + token})) as r:
                assert r.status == 200 and r.read().startswith(b"%PDF-")
        assert proc.poll() is None, "the server died"

        # Room again: writes succeed without a restart.
        os.remove(os.path.join(data, "filler"))
        status, body = call(base, "POST", "/api/v1/applications", application, token)
        assert status == 201, body
        acknowledged.append(body["application"]["id"])
        status, body = upload(base, token, pdf("after"))
        assert status == 201, body
        status, body = serve_process.sign_in(base, log_path, PHONE)
        assert status == 200, body
        status, body = call(base, "GET", "/api/v1/me/applications?limit=200", token=token)
        assert {a["id"] for a in body["applications"]} == set(acknowledged), "an acknowledged application is missing"
        assert proc.poll() is None, "the server died"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    db = sqlite3.connect(os.path.join(data, "yilu.db"))
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {r[0] for r in db.execute("SELECT id FROM applications")}
        assert set(acknowledged) <= stored
    finally:
        db.close()
    subprocess.run(["umount", data], check=False)
    print(f"disk full: {len(acknowledged)} acknowledged applications kept, {full} writes refused with 507, "
          "reads served, writes resumed without a restart")


if __name__ == "__main__":
    main()
