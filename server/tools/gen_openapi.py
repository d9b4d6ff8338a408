#!/usr/bin/env python3
"""Writes server/openapi.json: the API of `yilu serve`. Edit here, run, commit both.

Kept as a generator because most routes share the same error responses and auth schemes;
the server serves the generated file as-is at /api/v1/openapi.json and a test checks that
every route the server registers is described in it.
"""
import json, os

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def obj(props, required=()):
    o = {"type": "object", "properties": props}
    if required: o["required"] = list(required)
    return o
S = {"type": "string"}
I = {"type": "integer"}
B = {"type": "boolean"}
def arr(x): return {"type": "array", "items": x}
def enum(*v): return {"type": "string", "enum": list(v)}

ERR = {"description": "错误（统一形状）", "content": {"application/json": {"schema": ref("Error")}}}
def ok(schema, desc="成功"):
    return {"description": desc, "content": {"application/json": {"schema": schema}}}
def body(schema, required=True):
    return {"required": required, "content": {"application/json": {"schema": schema}}}

schemas = {
  "Error": obj({
    "ok": {"type": "boolean", "enum": [False]},
    "error": obj({"code": S, "message": {"type": "string", "description": "中文，给人看"},
                  "path": {"type": "string", "description": "JSON pointer，可选"}}, ["code", "message"]),
    "problems": {"description": "仅 422 invalid_application：核心 validate 返回的全部问题", **arr(ref("Problem"))},
    "warnings": {"description": "仅 422 invalid_application：核心的提示", **arr(ref("Problem"))},
  }, ["ok", "error"]),
  "Problem": obj({"path": S, "code": S, "params": {"type": "object"}, "message": S}, ["path", "code", "message"]),
  "Ok": obj({"ok": {"type": "boolean", "enum": [True]}}, ["ok"]),
  "Versions": obj({"ok": B, "catalog": {"type": "object", "description": "核心 catalog_info 的响应（含 version）"},
                   "calendar": {"type": "object", "description": "核心 calendar_info 的响应（含 version）"},
                   "server": S}),
  "Resident": obj({"id": S, "phone_masked": {"type": "string", "example": "138****0000"},
                   "profile": {"oneOf": [ref("Profile"), {"type": "null"}]}}, ["id", "phone_masked"]),
  "Profile": obj({"name": S, "id_number_masked": {"type": "string", "example": "460***********123X"},
                  "birth_date": S, "gender": enum("male", "female"), "region": S}),
  "Staff": obj({"username": S, "display_name": S, "role": enum("clerk", "reviewer", "supervisor", "admin"),
                "window": {"type": "string", "description": "clerk 的窗口 id"},
                "department": {"type": "string", "description": "reviewer 的部门 id"},
                "disabled": B}, ["username", "role"]),
  "Upload": obj({"id": {"type": "string", "description": "SHA-256（十六进制），也是存储键"},
                 "kind": enum("pdf", "jpeg", "png", "ofd"), "content_type": S, "size": I,
                 "name": {"type": "string", "description": "清洗后的文件名（仅显示用）"}}, ["id", "kind", "size"]),
  "Licence": obj({"id": S, "type": {"type": "string", "description": "电子证照类型（目录中的 licence id）"},
                  "name": S, "number": S, "item_id": S, "application_id": S, "issued_at": S}, ["id", "type"]),
  "MaterialEntry": {"type": "object", "description":
      "一项材料的提交方式，形状同核心 validate 的 materials 条目，by 四选一：\n"
      "- file：files 为 [{upload: 上传文件 id}]，服务器换成自己测得的 {type, bytes}（客户端给的元数据不被采信；不是本人上传的 id → 422 unknown_upload）；\n"
      "- licence：licence_id（本中心出具给本人的电子证照 id，不是本人的 → 422 unknown_licence），或 licence（类型）+ number（外部证照库的证照，如身份证、结婚证：原样交给核心，标记 verified:false，由窗口受理时核验）；\n"
      "- commitment：signed: true（告知承诺）；\n- deferral（容缺，仅非关键材料）。",
      "properties": {"by": enum("file", "licence", "commitment", "deferral"),
                     "files": arr(obj({"upload": S})), "licence_id": S, "licence": S, "number": S, "signed": B},
      "required": ["by"]},
  "ApplicationInput": obj({
      "kind": enum("item", "bundle"),
      "target_id": {"type": "string", "description": "事项 id 或一件事 id。一件事的申请一次提交全部阶段所需（核心 validate 对整个一件事校验；后续阶段复用前一阶段出具的证照，无需提交），服务器按阶段顺序办理。"},
      "answers": {"type": "object", "description": "情形问题的回答"},
      "fields": {"type": "object", "description": "表单字段值，形状同核心 validate 的 fields"},
      "materials": {"type": "object", "additionalProperties": ref("MaterialEntry"), "description": "材料 id → 提交方式"},
  }, ["kind", "target_id", "fields", "materials"]),
  "Deadline": obj({"due_date": S, "due_at": S, "level": enum("normal", "yellow", "red", "overdue"),
                   "remaining_workdays": I, "paused_now": B, "provisional": B},
                  ),
  "Task": obj({"id": S, "application_id": S, "item_id": S, "item_name": S, "department": S,
               "status": enum("reviewing", "paused", "approved", "rejected"),
               "deadline": ref("Deadline"),
               "pauses": arr(obj({"start": S, "end": S, "reason": S})),
               "extensions": arr(obj({"days": I, "reason": S})),
               "decision_note": S}, ["id", "item_id", "department", "status"]),
  "Event": obj({"seq": I, "kind": {"type": "string", "description":
                 "submitted, resubmitted, accepted, supplement_requested, refused, dispatched, task_approved, "
                 "task_rejected, task_paused, task_resumed, task_extended, ready_for_issue, rejected, issued, stage_started, rated"},
                "actor": obj({"kind": enum("resident", "staff", "system"), "id": S, "name": S}),
                "at": {"type": "string", "description": "RFC 3339，北京时间"},
                "task_id": S, "data": {"type": "object"}}, ["seq", "kind", "actor", "at"]),
  "Application": obj({
      "id": S, "kind": enum("item", "bundle"), "target_id": S, "target_name": S,
      "stage": {"type": "integer", "description": "一件事：正在办理的阶段（从 1 开始）。一个阶段出件后进入下一阶段（状态回到 accepted，计时从出件时起）"},
      "window": S, "resident_id": S,
      "status": enum("submitted", "supplement_requested", "refused", "accepted", "dispatched",
                     "ready_for_issue", "rejected", "issued", "closed"),
      "items": arr(S),
      "submitted_at": S, "accepted_at": S,
      "answers": {"type": "object"}, "fields": {"type": "object"}, "materials": {"type": "object"},
      "material_status": {"type": "array", "description": "核心 validate 的 materials（每项材料的情形与状态）；复用的材料在证照出具后附 licence_issued", "items": {"type": "object"}},
      "due_preview": {"description": "若此刻受理，核心算出的办结期限（提交时给出）", **ref("Deadline")},
      "deadline": {"description": "受理后：各事项期限中最晚的一个，级别取最紧的", **ref("Deadline")},
      "tasks": arr(ref("Task")),
      "supplement": obj({"note": S, "missing": arr(S)}),
      "refusal_reason": S,
      "licences": arr(ref("Licence")),
      "rating": obj({"score": I, "comment": S}),
  }, ["id", "kind", "target_id", "status"]),
  "ApplicationDetail": obj({"ok": B, "application": ref("Application"), "timeline": arr(ref("Event"))}),
}

bearer_res = [{"resident": []}]
bearer_staff = [{"staff": []}]

paths = {}
def route(method, path, summary, security=None, req=None, resp=None, code="200", params=None, extra=None, tags=None):
    op = {"summary": summary, "responses": {code: resp or ok(ref("Ok"))}}
    if security is not None: op["security"] = security
    if req: op["requestBody"] = req
    if params: op["parameters"] = params
    op["responses"]["default"] = ERR
    if extra: op["responses"].update(extra)
    if tags: op["tags"] = tags
    paths.setdefault(path, {})[method] = op

def p(name, where="path", desc=None, schema=S, required=None):
    d = {"name": name, "in": where, "required": where == "path" if required is None else required, "schema": schema}
    if desc: d["description"] = desc
    return d

E = lambda d: {"description": d, "content": {"application/json": {"schema": ref("Error")}}}

# --- public
route("get", "/api/v1/health", "存活检查", [], resp=ok(obj({"ok": B, "version": S})), tags=["public"])
route("get", "/api/v1/openapi.json", "本文档", [], resp={"description": "OpenAPI 3", "content": {"application/json": {}}}, tags=["public"])
route("get", "/api/v1/versions", "目录与日历的版本（页面核对自己持有的 wasm 数据）", [], resp=ok(ref("Versions")), tags=["public"])
route("get", "/api/v1/catalog", "事项目录原文（JSON 文本，与服务器加载的字节相同）；ETag 与响应头 X-Yilu-Catalog-Version 为其版本", [],
      resp={"description": "目录 JSON 原文", "content": {"application/json": {}}}, tags=["public"])
route("get", "/api/v1/calendar", "节假日日历原文（JSON 文本）；ETag 与 X-Yilu-Calendar-Version 为其版本", [],
      resp={"description": "日历 JSON 原文", "content": {"application/json": {}}}, tags=["public"])
route("post", "/api/v1/core", "核心的 call 接口：一个请求对象，或请求数组（批量，按序返回数组）。不需要登录。", [],
      req=body({"oneOf": [{"type": "object"}, arr({"type": "object"})]}),
      resp=ok({"oneOf": [{"type": "object"}, arr({"type": "object"})]}, "核心响应（每个都有 ok；核心的业务错误仍是 200）"), tags=["public"])

# --- resident auth
route("post", "/api/v1/auth/sms/request", "向手机号发送一次性验证码（默认发送器写入服务器日志）", [],
      req=body(obj({"phone": {"type": "string", "example": "13800138000"}}, ["phone"])),
      resp=ok(obj({"ok": B, "expires_in": I, "retry_after": I})), code="202",
      extra={"429": E("rate_limited：同一号码 60 秒一次、每小时 5 次；同一地址每小时上限")}, tags=["resident"])
route("post", "/api/v1/auth/sms/verify", "用验证码登录（自动注册）；返回居民令牌", [],
      req=body(obj({"phone": S, "code": S}, ["phone", "code"])),
      resp=ok(obj({"ok": B, "token": S, "expires_at": S, "resident": ref("Resident")})),
      extra={"401": E("bad_code / code_expired"), "429": E("too_many_attempts")}, tags=["resident"])
route("post", "/api/v1/auth/logout", "注销当前令牌（居民或工作人员）", bearer_res + bearer_staff, tags=["resident", "staff"])
route("get", "/api/v1/me", "当前居民", bearer_res, resp=ok(obj({"ok": B, "resident": ref("Resident")})), tags=["resident"])
route("put", "/api/v1/me/profile", "实名信息：姓名与身份证号（由核心 check_id 校验）", bearer_res,
      req=body(obj({"name": S, "id_number": S}, ["name", "id_number"])),
      resp=ok(obj({"ok": B, "resident": ref("Resident")})), extra={"422": E("invalid_id_number（error.path=/id_number，附核心的 reason）")}, tags=["resident"])
route("get", "/api/v1/me/licences", "本人的电子证照（出件产生，可在后续阶段代替上传）", bearer_res,
      resp=ok(obj({"ok": B, "licences": arr(ref("Licence"))})), tags=["resident"])
route("get", "/api/v1/me/applications", "本人的申请（新→旧）", bearer_res,
      resp=ok(obj({"ok": B, "applications": arr(ref("Application"))})), tags=["resident"])
route("post", "/api/v1/uploads", "上传一份材料文件（multipart/form-data）。字段：file（文件），item（事项 id），material（材料 id）。"
      "类型按内容判断（PDF、JPEG、PNG、OFD），大小与类型限制取自目录中该材料的规定。按 SHA-256 存储。", bearer_res,
      req={"required": True, "content": {"multipart/form-data": {"schema": obj({
          "file": {"type": "string", "format": "binary"}, "item": S, "material": S}, ["file"])}}},
      resp=ok(obj({"ok": B, "upload": ref("Upload")})), code="201",
      extra={"413": E("file_too_large / payload_too_large"), "415": E("unsupported_file_type（内容不是允许的类型）"),
             "400": E("bad_multipart / bad_file_name")}, tags=["resident"])
route("get", "/api/v1/uploads/{id}", "下载材料文件：上传者本人，或能看到引用它的申请的工作人员", bearer_res + bearer_staff,
      params=[p("id")], resp={"description": "文件内容", "content": {"application/octet-stream": {}}}, tags=["resident", "staff"])
route("post", "/api/v1/applications", "提交申请。服务器用同一个核心 validate 重新校验；带 Idempotency-Key 的重试返回第一次的结果。", bearer_res,
      params=[p("Idempotency-Key", "header", "客户端生成的唯一键（≤128 字符）", required=False)],
      req=body(ref("ApplicationInput")),
      resp=ok(obj({"ok": B, "application": ref("Application")}), "已持久化（提交事务已提交后才返回）"), code="201",
      extra={"422": E("invalid_application：problems 列出全部问题"), "409": E("idempotency_key_reused：同一键不同请求体")},
      tags=["resident"])
route("get", "/api/v1/applications/{id}", "本人的一件申请及其时间线（他人的申请为 404）", bearer_res,
      params=[p("id")], resp=ok(ref("ApplicationDetail")), tags=["resident"])
route("post", "/api/v1/applications/{id}/resubmit", "补正后重新提交（仅 supplement_requested 状态；同样经核心校验）", bearer_res,
      params=[p("id")], req=body(obj({"fields": {"type": "object"}, "materials": {"type": "object"}}, ["fields", "materials"])),
      resp=ok(obj({"ok": B, "application": ref("Application")})), extra={"409": E("illegal_transition"), "422": E("invalid_application")}, tags=["resident"])
route("post", "/api/v1/applications/{id}/rating", "好差评（出件、不予受理或不予许可之后，一次）", bearer_res,
      params=[p("id")], req=body(obj({"score": {"type": "integer", "minimum": 1, "maximum": 5}, "comment": S}, ["score"])),
      resp=ok(obj({"ok": B, "application": ref("Application")})), extra={"409": E("illegal_transition")}, tags=["resident"])

# --- staff
route("post", "/api/v1/staff/login", "工作人员用户名密码登录（Argon2id）", [],
      req=body(obj({"username": S, "password": S}, ["username", "password"])),
      resp=ok(obj({"ok": B, "token": S, "expires_at": S, "staff": ref("Staff")})),
      extra={"401": E("bad_credentials（含已停用账户）"), "429": E("rate_limited")}, tags=["staff"])
route("get", "/api/v1/staff/me", "当前工作人员", bearer_staff, resp=ok(obj({"ok": B, "staff": ref("Staff")})), tags=["staff"])
route("get", "/api/v1/staff/queue", "窗口队列：clerk 为本窗口；supervisor/admin 可用 ?window= 查看任一窗口", bearer_staff,
      params=[p("window", "query", required=False), p("status", "query", "逗号分隔的状态过滤；默认为未结的", required=False)],
      resp=ok(obj({"ok": B, "window": S, "applications": arr(ref("Application"))})), extra={"403": E("forbidden")}, tags=["staff"])
route("get", "/api/v1/staff/applications/{id}", "一件申请及时间线：本窗口 clerk、有任务的部门 reviewer、supervisor、admin", bearer_staff,
      params=[p("id")], resp=ok(ref("ApplicationDetail")), extra={"403": E("forbidden"), "404": E("not_found")}, tags=["staff"])
for action, summary, req in [
    ("accept", "受理（计时开始；期限由核心计算）", None),
    ("supplement", "一次性告知补正", body(obj({"note": S, "missing": arr(S)}, ["note"]))),
    ("refuse", "不予受理（须说明理由）", body(obj({"reason": S}, ["reason"]))),
    ("dispatch", "分类转办：每个事项一个部门任务，并联审批", None),
    ("issue", "统一出件：全部通过后；产生电子证照", None),
]:
    route("post", f"/api/v1/staff/applications/{{id}}/{action}", summary + "（本窗口 clerk）", bearer_staff,
          params=[p("id")], req=req, resp=ok(obj({"ok": B, "application": ref("Application")})),
          extra={"403": E("forbidden"), "404": E("not_found"), "409": E("illegal_transition")}, tags=["staff"])
route("get", "/api/v1/staff/tasks", "部门任务：reviewer 为本部门；supervisor/admin 可用 ?department=", bearer_staff,
      params=[p("department", "query", required=False), p("status", "query", "逗号分隔；默认 reviewing,paused", required=False)],
      resp=ok(obj({"ok": B, "department": S, "tasks": arr(ref("Task"))})), extra={"403": E("forbidden")}, tags=["staff"])
for action, summary, req in [
    ("approve", "通过", body(obj({"note": S}), False)),
    ("reject", "不予许可（须说明理由）", body(obj({"reason": S}, ["reason"]))),
    ("pause", "中止计时（行政许可法第 45 条：听证、鉴定、检验等，须说明理由）", body(obj({"reason": S}, ["reason"]))),
    ("resume", "恢复计时", None),
    ("extend", "延长期限（第 42 条：默认 10 个工作日，须说明理由，每个任务一次）", body(obj({"reason": S, "days": I}, ["reason"]))),
]:
    route("post", f"/api/v1/staff/tasks/{{id}}/{action}", summary + "（本部门 reviewer）", bearer_staff,
          params=[p("id")], req=req, resp=ok(obj({"ok": B, "task": ref("Task"), "application": ref("Application")})),
          extra={"403": E("forbidden（其他部门的任务）"), "404": E("not_found"), "409": E("illegal_transition")}, tags=["staff"])
route("get", "/api/v1/staff/overview", "督办总览（supervisor/admin）：在办申请按监管级别（核心即时计算），按窗口、部门计数", bearer_staff,
      resp=ok(obj({"ok": B, "as_of": S,
                   "counts": obj({"normal": I, "yellow": I, "red": I, "overdue": I}),
                   "by_window": {"type": "object", "additionalProperties": obj({"normal": I, "yellow": I, "red": I, "overdue": I})},
                   "by_department": {"type": "object", "additionalProperties": obj({"normal": I, "yellow": I, "red": I, "overdue": I})},
                   "applications": arr(ref("Application"))})), extra={"403": E("forbidden")}, tags=["staff"])

# --- admin
route("get", "/api/v1/admin/staff", "工作人员账户列表（admin）", bearer_staff,
      resp=ok(obj({"ok": B, "staff": arr(ref("Staff"))})), tags=["admin"])
route("post", "/api/v1/admin/staff", "创建工作人员账户（admin）", bearer_staff,
      req=body(obj({"username": S, "password": {"type": "string", "minLength": 10}, "display_name": S,
                    "role": enum("clerk", "reviewer", "supervisor", "admin"), "window": S, "department": S},
                   ["username", "password", "role"])),
      resp=ok(obj({"ok": B, "staff": ref("Staff")})), code="201", extra={"409": E("username_taken")}, tags=["admin"])
route("post", "/api/v1/admin/staff/{username}/disable", "停用账户并吊销其会话（admin）", bearer_staff,
      params=[p("username")], resp=ok(obj({"ok": B, "staff": ref("Staff")})), tags=["admin"])

doc = {
  "openapi": "3.0.3",
  "info": {"title": "yilu serve — 一窗受理后台 API", "version": "1",
           "description": "Errors: every non-2xx response is {\"ok\":false,\"error\":{\"code\",\"message\"}} with a stable code. "
                          "Auth: `Authorization: Bearer <token>`; resident tokens come from SMS sign-in, staff tokens from "
                          "password sign-in. Another resident's application is 404; another department's task is 403. "
                          "Times are RFC 3339 in China Standard Time. See docs/server-api.md."},
  "servers": [{"url": "/"}],
  "components": {
    "securitySchemes": {
      "resident": {"type": "http", "scheme": "bearer", "description": "POST /api/v1/auth/sms/verify 返回的令牌（30 天）"},
      "staff": {"type": "http", "scheme": "bearer", "description": "POST /api/v1/staff/login 返回的令牌（12 小时）"},
    },
    "schemas": schemas,
  },
  "paths": paths,
}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "openapi.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump(doc, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(out, len(paths), "paths")
