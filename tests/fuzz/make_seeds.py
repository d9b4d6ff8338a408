#!/usr/bin/env python3
"""Writes the fuzz targets' seed inputs and dictionaries from the test data (nothing committed).

    make_seeds.py OUT_DIR

OUT_DIR/<target>/ gets one file per seed, named by its SHA-1 as libFuzzer names its own, and
OUT_DIR/<target>.dict the tokens worth trying (libFuzzer's -dict format). The folders are
emptied first, so a seed removed here disappears there too:

  core_call     every request of tests/vectors/*.json, as the vector runners send it
  call_reference  the same, and the birth-bundle application (tests/fixtures)
  catalog_load  the test catalogs (tests/fixtures), the catalog texts of the lint_catalog
                vectors, and a few items of the sample catalog (core/data/catalog/sanya.json)
  http_request  raw HTTP/1.1 requests to every route family, signed in with the fixed tokens
                of tests/fuzz/http_request.cpp, the vectors' requests through POST /api/v1/core,
                uploads of each file type, pipelined and malformed framing
  upload_sniff  the smallest file of each type the sniffer knows, and look-alikes
"""
import hashlib
import json
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"


def dump(value):
    """The core's serialization (nlohmann's dump()): no spaces, UTF-8 as is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def vector_requests():
    """(file stem, request text) of every vector case, in file order."""
    for path in sorted((TESTS / "vectors").glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            if "request_text" in case:
                yield path.stem, case["request_text"]
            else:
                yield path.stem, dump(case["request"])


def json_tokens(value, out):
    """Keys and short strings of a JSON value, quoted as they appear in JSON text."""
    if isinstance(value, dict):
        for k, v in value.items():
            out.add(json.dumps(k, ensure_ascii=False))
            json_tokens(v, out)
    elif isinstance(value, list):
        for v in value:
            json_tokens(v, out)
    elif isinstance(value, str) and 0 < len(value.encode()) <= 32:
        out.add(json.dumps(value, ensure_ascii=False))


def write_dict(path, tokens):
    def escape(t):
        b = t.encode() if isinstance(t, str) else t
        return "".join(chr(c) if 0x20 <= c < 0x7F and c not in (0x22, 0x5C) else "\\x%02X" % c for c in b)

    lines = ['"%s"' % escape(t) for t in sorted(tokens, key=lambda t: (len(t), t))]
    path.write_text("\n".join(lines) + "\n", encoding="ascii")


def write_seeds(folder, seeds):
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for seed in seeds:
        data = seed.encode() if isinstance(seed, str) else seed
        (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
    return len(set(hashlib.sha1(s.encode() if isinstance(s, str) else s).digest() for s in seeds))


# ---- upload_sniff: the sniffer's types, each as small as it still passes, and near misses.

TINY_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TINY_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"x" * 100 + b"\xff\xd9"
TINY_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def zip_entry(name, content=b""):
    """A zip local file header (stored, no data descriptor) and its content."""
    n = name.encode()
    return (b"PK\x03\x04" + b"\x14\x00" + b"\x00\x00" * 4 + b"\x00" * 4 + len(content).to_bytes(4, "little") * 2 +
            len(n).to_bytes(2, "little") + b"\x00\x00" + n + content)


TINY_OFD = zip_entry("Doc_0/Document.xml", b"<ofd:Document/>") + zip_entry("OFD.xml", b"<ofd:OFD/>")
TINY_DWG = b"AC1032" + b"\x00" * 122


def sniff_seeds():
    return [TINY_PDF, b"junk" + TINY_PDF, TINY_PDF[:-6], TINY_JPEG, TINY_JPEG[:3], TINY_PNG, TINY_OFD,
            zip_entry("word/document.xml"), TINY_DWG, TINY_DWG[:100], b"AC10x2" + b"\x00" * 122,
            "出生医学证明.pdf".encode(), b"../../etc/passwd", b"C:\\Users\\a\\photo.jpg", b"..hidden .pdf",
            ("长" * 40 + ".pdf").encode(), b"a\x01b\x7fc\"d'e:f<g>h|i*j?k"]


# ---- catalog_load

def sample_catalog_subset():
    """The sample catalog cut to a few items that use every kind of material (no bundles)."""
    catalog = json.loads((ROOT / "core/data/catalog/sanya.json").read_text(encoding="utf-8"))
    keep = {"business_licence", "construction_permit", "talent_recognition", "public_place_hygiene"}
    catalog["items"] = [i for i in catalog["items"] if i["id"] in keep]
    catalog["bundles"] = []
    return json.dumps(catalog, ensure_ascii=False, indent=1)


def catalog_seeds():
    seeds = [(TESTS / "fixtures" / name).read_text(encoding="utf-8")
             for name in ("test-catalog.json", "lint-five-faults.json")]
    for _, text in vector_requests():
        try:
            request = json.loads(text)
        except ValueError:
            continue
        if isinstance(request, dict) and request.get("op") == "lint_catalog" and isinstance(request.get("text"), str):
            seeds.append(request["text"])
    seeds.append(sample_catalog_subset())
    return seeds


# ---- http_request: tokens and "@APP@" as tests/fuzz/http_request.cpp defines them.

def bearer_token(name):
    """A caller's fixed token: its name padded with '0' to a real token's 64 characters."""
    return name + "0" * (64 - len(name))


def http(method, path, body=None, caller=None, headers=(), content_type="application/json"):
    head = ["%s %s HTTP/1.1" % (method, path), "Host: fuzz"]
    if caller:
        head.append("Authorization: Bearer " + bearer_token(caller))
    head.extend(headers)
    data = b""
    if body is not None:
        data = body if isinstance(body, bytes) else (body if isinstance(body, str) else dump(body)).encode()
        head.append("Content-Type: " + content_type)
        head.append("Content-Length: %d" % len(data))
    return ("\r\n".join(head) + "\r\n\r\n").encode() + data


def multipart(fields, boundary="fuzzboundary"):
    """(name, filename or None, bytes) parts as multipart/form-data."""
    out = b""
    for name, filename, content in fields:
        disposition = 'form-data; name="%s"' % name
        if filename is not None:
            disposition += '; filename="%s"' % filename
        out += ("--%s\r\nContent-Disposition: %s\r\n" % (boundary, disposition)).encode("utf-8")
        if filename is not None:
            out += b"Content-Type: application/octet-stream\r\n"
        out += b"\r\n" + content + b"\r\n"
    return out + ("--%s--\r\n" % boundary).encode()


def upload(content, filename, item=None, material=None):
    fields = [("file", filename, content)]
    if item:
        fields += [("item", None, item.encode()), ("material", None, material.encode())]
    return http("POST", "/api/v1/uploads", multipart(fields), "fuzz-resident",
                content_type="multipart/form-data; boundary=fuzzboundary")


def item_submission(catalog, item_id):
    """An item's example as the resident sends it, its files uploaded first (pipelined)."""
    item = next(i for i in catalog["items"] if i["id"] == item_id)
    example = item["example"]["application"]
    materials = json.loads(json.dumps(example.get("materials", {})))
    uploads = b""
    for mid, m in materials.items():
        if m.get("by") == "file":
            pdf = m["files"][0].get("type", "") == "pdf"
            content = TINY_PDF if pdf else TINY_JPEG
            uploads += upload(content, "材料.pdf" if pdf else "photo.jpg", item_id, mid)
            materials[mid] = {"by": "file", "files": [{"upload": hashlib.sha256(content).hexdigest()}]}
        elif m.get("by") == "commitment":
            m["signer"] = "王测试"
    body = {"kind": "item", "target_id": item_id, "answers": example.get("answers", {}),
            "fields": example.get("fields", {}), "materials": materials, "proxy": {"relation": "亲属"}}
    return uploads + http("POST", "/api/v1/applications", body, "fuzz-resident", ["Idempotency-Key: fuzz-" + item_id])


def http_seeds():
    catalog = json.loads((ROOT / "core/data/catalog/sanya.json").read_text(encoding="utf-8"))
    seeds = [http("GET", p) for p in ("/api/v1/health", "/api/v1/versions", "/api/v1/catalog", "/api/v1/calendar",
                                      "/api/v1/nowhere", "/")]
    seeds.append(http("GET", "/api/v1/catalog", headers=["Range: bytes=0-99,200-"]))
    seeds.append(http("HEAD", "/api/v1/health", headers=["Range: bytes=5-"]))
    # The core through HTTP: a few requests of each op.
    per_op = {}
    for _, text in vector_requests():
        try:
            op = json.loads(text).get("op", "?")
        except (ValueError, AttributeError):
            op = "?"
        if per_op.setdefault(op, 0) < 3:
            per_op[op] += 1
            seeds.append(http("POST", "/api/v1/core", text))
    # Signing in.
    seeds.append(http("POST", "/api/v1/auth/sms/request", {"phone": "13800138001"}) +
                 http("POST", "/api/v1/auth/sms/verify", {"phone": "13800138001", "code": "000000"}))
    seeds.append(http("POST", "/api/v1/staff/login", {"username": "fuzz-clerk", "password": "fuzz-password-clerk"}))
    seeds.append(http("POST", "/api/v1/staff/password", {"current": "wrong", "new": "another-password-1"}, "fuzz-clerk"))
    seeds.append(http("POST", "/api/v1/auth/logout", None, "fuzz-resident"))
    # The resident.
    for path in ("/api/v1/me", "/api/v1/me/licences", "/api/v1/me/applications", "/api/v1/me/notifications",
                 "/api/v1/applications/@APP@"):
        seeds.append(http("GET", path, caller="fuzz-resident"))
    seeds.append(http("PUT", "/api/v1/me/profile", {"name": "王测试", "id_number": "460202198805123338"},
                      "fuzz-resident"))
    seeds.append(http("POST", "/api/v1/me/notifications/read", {}, "fuzz-resident"))
    seeds.append(http("POST", "/api/v1/applications/@APP@/rating", {"score": 5, "comment": "好"}, "fuzz-resident"))
    seeds.append(http("POST", "/api/v1/applications/@APP@/resubmit", {"materials": {}}, "fuzz-resident"))
    seeds.append(http("POST", "/api/v1/applications/@APP@/withdraw", {"reason": "不办了"}, "fuzz-resident"))
    for item_id in ("resident_medical_insurance", "business_licence", "construction_permit", "talent_recognition"):
        seeds.append(item_submission(catalog, item_id))
    for content, name in ((TINY_PDF, "a.pdf"), (TINY_JPEG, "b.jpg"), (TINY_PNG, "c.png"), (TINY_OFD, "d.ofd"),
                          (TINY_DWG, "e.dwg")):
        seeds.append(upload(content, name) +
                     http("GET", "/api/v1/uploads/" + hashlib.sha256(content).hexdigest(), caller="fuzz-resident"))
    # Staff, each role on the application submitted for "@APP@".
    for caller, path in (("fuzz-clerk", "/api/v1/staff/me"), ("fuzz-clerk", "/api/v1/staff/queue?status=submitted"),
                        ("fuzz-clerk", "/api/v1/staff/applications/@APP@"), ("fuzz-reviewer", "/api/v1/staff/tasks"),
                        ("fuzz-supervisor", "/api/v1/staff/overview"), ("fuzz-admin", "/api/v1/admin/staff")):
        seeds.append(http("GET", path, caller=caller))
    app = "/api/v1/staff/applications/@APP@/"
    seeds.append(http("POST", app + "accept", {}, "fuzz-clerk") + http("POST", app + "dispatch", {}, "fuzz-clerk") +
                 http("GET", "/api/v1/staff/tasks", caller="fuzz-reviewer"))
    seeds.append(http("POST", app + "supplement", {"note": "请补交", "missing": ["m_birth_cert"]}, "fuzz-clerk"))
    seeds.append(http("POST", app + "refuse", {"reason": "材料不符"}, "fuzz-clerk"))
    seeds.append(http("POST", app + "supply", {"material": "m_birth_cert", "note": "已补交"}, "fuzz-clerk"))
    seeds.append(http("POST", "/api/v1/staff/tasks/T0/approve", {}, "fuzz-reviewer"))
    seeds.append(http("POST", "/api/v1/staff/tasks/T0/extend", {"days": 5, "reason": "需核实"}, "fuzz-reviewer"))
    example = next(i for i in catalog["items"] if i["id"] == "resident_medical_insurance")["example"]["application"]
    seeds.append(http("POST", "/api/v1/staff/applications",
                      {"kind": "item", "target_id": "resident_medical_insurance", "phone": "13800138002",
                       "applicant": {"name": "王测试", "id_number": "460202198805123338"},
                       "proxy": {"relation": "亲属"}, **example}, "fuzz-clerk"))
    seeds.append(http("POST", "/api/v1/admin/staff",
                      {"username": "fuzz-new", "display_name": "新人", "role": "clerk", "window": "w_tax",
                       "password": "a-long-password-1"}, "fuzz-admin") +
                 http("POST", "/api/v1/admin/staff/fuzz-new/disable", {}, "fuzz-admin"))
    # Framing: chunked, a compressed body, 100-continue, HTTP/1.0, a bare line, garbage.
    seeds.append(b"POST /api/v1/core HTTP/1.1\r\nHost: fuzz\r\nContent-Type: application/json\r\n"
                 b"Transfer-Encoding: chunked\r\n\r\n10\r\n{\"op\":\"check_id\"\r\n1\r\n}\r\n0\r\n\r\n")
    seeds.append(http("POST", "/api/v1/core", b"\x1f\x8b\x08\x00", headers=["Content-Encoding: gzip"]))
    seeds.append(http("POST", "/api/v1/core", {"op": "file_types"}, headers=["Expect: 100-continue"]))
    seeds.append(b"GET /api/v1/health HTTP/1.0\r\n\r\n")
    seeds.append(b"GET /api/v1/health\r\n\r\n")
    seeds.append(b"POST /api/v1/core HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"op\":\"file_types\"}")
    return seeds


def http_dict():
    tokens = {"GET ", "POST ", "PUT ", "HEAD ", "OPTIONS ", " HTTP/1.1\r\n", " HTTP/1.0\r\n", "\r\n", "\r\n\r\n",
              "Content-Length: ", "Content-Type: application/json", "Transfer-Encoding: chunked",
              "Content-Type: multipart/form-data; boundary=", "Authorization: Bearer ", "Range: bytes=",
              "Connection: close", "Idempotency-Key: ", "Expect: 100-continue", "@APP@", "?page=", "&cursor=", "?status="}
    tokens.update(bearer_token(c) for c in ("fuzz-resident", "fuzz-clerk", "fuzz-reviewer", "fuzz-supervisor",
                                            "fuzz-admin"))
    openapi = json.loads((ROOT / "server/openapi.json").read_text(encoding="utf-8"))
    tokens.update(p.replace("{id}", "@APP@") for p in openapi.get("paths", {}))
    return tokens


def birth_application():
    """The validate request of the bundle benchmark, without its comment."""
    doc = json.loads((TESTS / "fixtures" / "birth-bundle-application.json").read_text(encoding="utf-8"))
    doc.pop("_comment", None)
    return dump(doc)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])
    core = [text for _, text in vector_requests()]
    core_tokens = set()
    for text in core:
        try:
            json_tokens(json.loads(text), core_tokens)
        except ValueError:
            pass
    catalog = catalog_seeds()
    catalog_tokens = set()
    json_tokens(json.loads(catalog[0]), catalog_tokens)
    targets = {
        "core_call": (core, core_tokens),
        "call_reference": (core + [birth_application()], core_tokens),
        "catalog_load": (catalog, catalog_tokens),
        "http_request": (http_seeds(), http_dict()),
        "upload_sniff": (sniff_seeds(), {"%PDF-", "%%EOF", "\xff\xd8\xff", "\x89PNG\r\n\x1a\n", "PK\x03\x04",
                                         "OFD.xml", "AC10"}),
    }
    for name, (seeds, tokens) in targets.items():
        count = write_seeds(out / name, seeds)
        write_dict(out / (name + ".dict"), {t.encode("latin-1") if name == "upload_sniff" else t for t in tokens})
        print("seeds: %-13s %4d inputs, %4d dictionary tokens" % (name, count, len(tokens)))


if __name__ == "__main__":
    main()
