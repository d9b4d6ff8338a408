#!/usr/bin/env python3
"""Fills a PostgreSQL database the way yilu does: a real `yilu serve --db URL` signs a resident
in, files applications (with uploads of their own), and stops. For the backup test's data.
Usage: fill_with_yilu.py <path to yilu> <database URL> <blob folder> <source dir> [count]"""
import json, os, subprocess, sys, tempfile

import serve_process
from serve_process import call

YILU, URL, BLOBS, SRC = sys.argv[1:5]
COUNT = int(sys.argv[5]) if len(sys.argv) > 5 else 25
PHONE = "13876005555"


def main():
    catalog = json.load(open(os.path.join(SRC, "core/data/catalog/sanya.json"), encoding="utf-8"))
    example = next(i for i in catalog["items"] if i["id"] == "child_health_handbook")["example"]["application"]
    application = {"kind": "item", "target_id": "child_health_handbook", "fields": example["fields"],
                   "materials": example["materials"], "answers": example.get("answers", {})}
    log_path = os.path.join(tempfile.mkdtemp(prefix="yilu-fill-"), "serve.log")
    with open(log_path, "w") as log:
        proc, base = serve_process.start(YILU, BLOBS, log, env=dict(os.environ, YILU_APPLICATIONS_PER_DAY="0"),
                                         args=["--db", URL])
        try:
            status, body = serve_process.sign_in(base, log_path, PHONE)
            assert status == 200, body
            token = body["token"]
            status, body = call(base, "PUT", "/api/v1/me/profile",
                                {"name": "李晓燕", "id_number": "46020319950315122X"}, token)
            assert status == 200, body
            for i in range(COUNT):
                status, body = call(base, "POST", "/api/v1/applications", application, token,
                                    {"Idempotency-Key": f"fill-{i}"})
                assert status == 201, body
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(f"fill_with_yilu: {COUNT} applications filed through yilu serve")


if __name__ == "__main__":
    main()
