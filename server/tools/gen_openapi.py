#!/usr/bin/env python3
"""Writes server/openapi.json (OpenAPI 3.0.3): the API of `yilu serve`. Edit here, run, commit both.

    build/server/yilu routes | python3 server/tools/gen_openapi.py --routes -
    build/server/yilu routes | python3 server/tools/gen_openapi.py --routes - --check   # exit 1 if stale

The paths, bodies and shapes are described here; who may call each route is not: it comes from
the server's own route declarations (`yilu routes`: [{"method", "path", "access", "kinds"}]), so the
document's `security` and `x-yilu-access` can never disagree with what the server enforces.
A route the server declares that is not described here, or the reverse, is an error.

Kept as a generator because most routes share the same error responses and auth schemes; the
server serves the generated file as-is at /api/v1/openapi.json. The web app's types
(web/src/api/openapi.d.ts, `npm run gen:api` in web/) are generated from the output.
"""
import argparse, json, os, sys

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def described(name, desc, nullable=False):
    # OpenAPI 3.0 ignores siblings of $ref: a described (or nullable) reference wraps it in allOf.
    o = {"allOf": [ref(name)], "description": desc}
    if nullable: o["nullable"] = True
    return o
def obj(props, required=()):
    o = {"type": "object", "properties": props}
    if required: o["required"] = list(required)
    return o
S = {"type": "string"}
I = {"type": "integer"}
B = {"type": "boolean"}
T = {"type": "string", "description": "RFC 3339，北京时间（+08:00）"}
def arr(x): return {"type": "array", "items": x}
def enum(*v): return {"type": "string", "enum": list(v)}
def sdesc(d): return {"type": "string", "description": d}

# Paged lists: ?limit= (1–200, default 50) and ?cursor= (the previous page's next_cursor).
PAGE_FIELDS = {"next_cursor": {"type": "string", "nullable": True, "description": "下一页的 cursor；最后一页为 null"},
               "total": {"type": "integer", "description": "整个列表的条数（同一快照内计数）"}}
def paged(props, required):
    return obj({**props, **PAGE_FIELDS}, list(required) + ["next_cursor", "total"])

LEVELS = ("normal", "yellow", "red", "overdue")
APP_STATUSES = ("submitted", "supplement_requested", "refused", "accepted", "dispatched",
                "ready_for_issue", "rejected", "issued", "closed", "withdrawn", "partially_issued", "revoked")
TASK_STATUSES = ("reviewing", "paused", "approved", "rejected")
ROLES = ("clerk", "reviewer", "supervisor", "admin")
APP_ACTIONS = ("accept", "supplement", "refuse", "dispatch", "issue", "resubmit", "rate", "withdraw", "supply")
TASK_ACTIONS = ("approve", "reject", "pause", "resume", "extend", "revoke")
NOTICE_KINDS = ("accepted", "supplement_requested", "task_paused", "issued", "partially_issued", "refused",
                "rejected", "revoked", "instant_issued", "deferral_due")
FILE_KINDS = ("pdf", "jpg", "png", "ofd", "dwg")
AUDIT_KINDS = ("staff_sign_in", "staff_sign_in_failed", "staff_sign_out", "staff_password_changed", "application_read",
               "file_read", "account_created", "account_disabled", "profile_changed",
               "calendar_published", "catalog_published")

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
    "retry_after": {"type": "integer", "description": "仅 429：多少秒后可以再试（同 Retry-After 头）"},
    "reason": {"type": "string", "description": "仅 422 weak_password：违反的是哪条密码规则（中文）；"
               "422 file_damaged / file_active_content：稳定的原因码（active_content、pdf_structure、pdf_script、"
               "jpg_structure、png_structure、image_size、ofd_structure、ofd_entry、dwg_version）"},
  }, ["ok", "error"]),
  "AuditEntry": obj({"seq": I, "at": T, "kind": enum(*AUDIT_KINDS), "kind_label": sdesc("中文名称"),
                     "actor": obj({"kind": enum("staff", "resident", "anonymous"), "id": S}, ["kind", "id"]),
                     "subject": sdesc("申请 id、\"申请 id/文件 SHA-256\"、用户名或居民 id"),
                     "address": sdesc("客户端地址"),
                     "detail": {"type": "object", "description": "补充信息，如登录失败的 reason（unknown_account、"
                                "wrong_password、disabled、backoff）"}},
                    ["seq", "at", "kind", "kind_label", "actor", "subject", "address", "detail"]),
  "Problem": obj({"path": S, "code": S, "params": {"type": "object"}, "message": S}, ["path", "code", "message"]),
  "Ok": obj({"ok": {"type": "boolean", "enum": [True]}}, ["ok"]),
  "Versions": obj({"ok": B, "catalog": {"type": "object", "description": "核心 catalog_info 的响应（含 version、fingerprint）"},
                   "calendar": {"type": "object", "description": "核心 calendar_info 的响应（含 version）"},
                   "server": S}),
  "Resident": obj({"id": S, "phone_masked": {"type": "string", "example": "138****0000"},
                   "profile": described("Profile", "实名信息；未实名为 null", nullable=True)},
                  ["id", "phone_masked", "profile"]),
  "Profile": obj({"name": S, "id_number_masked": {"type": "string", "example": "460***********123X"},
                  "birth_date": S, "gender": enum("male", "female"), "region": S}),
  "Staff": obj({"username": S, "display_name": S, "role": enum(*ROLES),
                "window": {"type": "string", "description": "clerk 的窗口 id"},
                "department": {"type": "string", "description": "reviewer 的部门 id"},
                "disabled": B}, ["username", "role"]),
  "Upload": obj({"id": {"type": "string", "description": "SHA-256（十六进制），也是存储键"},
                 "kind": {**enum(*FILE_KINDS), "description": "核心的文件类型 id（按内容判断；JPEG 为 jpg）"},
                 "content_type": S, "size": I,
                 "name": {"type": "string", "description": "清洗后的文件名（仅显示用）"}}, ["id", "kind", "size"]),
  "Licence": obj({"id": S, "type": {"type": "string", "description": "电子证照类型（目录中的 licence id）"},
                  "name": S, "number": S, "item_id": S, "application_id": S, "issued_at": T,
                  "revoked_at": {"type": "string", "description": "告知承诺核查不实而撤销的时间（仅撤销后才有）"},
                  "revoked_reason": S}, ["id", "type"]),
  "Notification": obj({"id": I, "application_id": {"type": "string", "nullable": True}, "kind": enum(*NOTICE_KINDS),
                       "title": S, "body": {"type": "string", "description": "中文正文（补正时列出材料，中止/不予许可时附原因）"},
                       "created_at": T, "read": B}, ["id", "kind", "title", "body", "created_at", "read"]),
  "Owed": obj({"material_id": S, "name": S, "due_date": {"type": "string", "description": "补交期限（YYYY-MM-DD）：受理后事项的 deferral_days 个工作日"},
               "level": enum(*LEVELS), "remaining_workdays": I,
               "application_id": {"type": "string", "description": "仅督办总览"}, "window": S, "target_name": S},
              ["material_id", "name"]),
  "MaterialEntry": {"type": "object", "description":
      "一项材料的提交方式，形状同核心 validate 的 materials 条目，by 四选一：\n"
      "- file：files 为 [{upload: 上传文件 id}]，服务器换成自己测得的 {type, bytes}（客户端给的元数据不被采信；不是本人上传的 id → 422 unknown_upload）；\n"
      "- licence：licence_id（本中心出具给本人的电子证照 id，不是本人的 → 422 unknown_licence），或 licence（类型）+ number（外部证照库的证照，如身份证、结婚证：原样交给核心，标记 verified:false，由窗口受理时核验）；\n"
      "- commitment：signed: true，signer 为本人键入的签名（须与实名一致，否则 422 commitment_signer_mismatch；服务器记录签署时间）（告知承诺）；\n- deferral（容缺，仅非关键材料）。",
      "properties": {"by": enum("file", "licence", "commitment", "deferral"),
                     "files": arr(obj({"upload": S}, ["upload"])), "licence_id": S, "licence": S, "number": S, "signed": B, "signer": S},
      "required": ["by"]},
  "ApplicationInput": obj({
      "kind": enum("item", "bundle"),
      "target_id": {"type": "string", "description": "事项 id 或一件事 id。一件事的申请一次提交全部阶段所需（核心 validate 对整个一件事校验；后续阶段复用前一阶段出具的证照，无需提交），服务器按阶段顺序办理。"},
      "answers": {"type": "object", "description": "情形问题的回答"},
      "fields": {"type": "object", "description": "表单字段值，形状同核心 validate 的 fields"},
      "materials": {"type": "object", "additionalProperties": ref("MaterialEntry"), "description": "材料 id → 提交方式"},
      "proxy": {"description": "代办（事项允许时，申请人不是本人）：与申请人的关系", **obj({"relation": S}, ["relation"])},
  }, ["kind", "target_id", "fields", "materials"]),
  "Level": {**enum(*LEVELS, "done"),
            "description": "监管级别：normal / yellow / red / overdue；已办结（决定或出件）为 done"},
  "Deadline": {**obj({
      "due_date": {"type": "string", "description": "办结期限（YYYY-MM-DD）"}, "due_at": T,
      "level": ref("Level"),
      "remaining_workdays": {"type": "integer", "description": "今天之后到期限还剩的工作日"},
      "paused_workdays": {"type": "integer", "description": "中止计时（第 45 条）累计的工作日"},
      "paused_now": {"type": "boolean", "description": "有未结束的中止：期限仍在后移"},
      "provisional": {"type": "boolean", "description": "日历未覆盖到期日时为 true：日期可能变动"},
      "limit_days": {"type": "integer", "description": "承诺时限（工作日），随居民的情形回答而定（如划拨用地许可为 7）"},
  }), "description": "核心 deadline 的结果（可能附带其他字段）"},
  "Rating": obj({"score": {"type": "integer", "minimum": 1, "maximum": 5}, "comment": S, "at": T}, ["score", "at"]),
  "Task": obj({"id": S, "kind": {**enum("review", "check"), "description": "review：审批；check：告知承诺出件后的核查（有自己的期限）"},
               "application_id": S, "item_id": S, "item_name": S, "department": S, "department_name": S,
               "stage": {"type": "integer", "description": "一件事：任务所属阶段"},
               "status": enum(*TASK_STATUSES),
               "status_label": sdesc("状态的中文说明"),
               "allowed_actions": {"description": "当前查看者此刻可对该任务执行的操作（页面据此画按钮）；没有则为空数组",
                                   **arr(enum(*TASK_ACTIONS))},
               "deadline": described("Deadline", "该部门的办结期限；决定后 level 为 done", nullable=True),
               "pauses": arr(obj({"start": T, "end": T, "reason": S}, ["start"])),
               "extensions": arr(obj({"days": I, "reason": S}, ["days"])),
               "reminders": {"description": "催办（仅工作人员可见，旧→新）：督办人员的（by_kind staff，带 note）与系统在 red、overdue 时"
                                            "自动发出的（by_kind system，带 level）",
                             **arr(obj({"at": T, "by_kind": enum("staff", "system"), "by_name": S, "note": S,
                                        "level": enum("red", "overdue"), "level_label": sdesc("今日到期、已超期")},
                                       ["at", "by_kind", "note"]))},
               "can_remind": {"type": "boolean", "description": "仅工作人员可见：当前查看者此刻可否对该任务催办（supervisor/admin，在办的审查任务）"},
               "decision_note": S, "started_at": T, "updated_at": T,
               "application": {"description": "仅 GET /api/v1/staff/tasks：所属申请的摘要", **obj({
                   "id": S, "status": enum(*APP_STATUSES), "status_label": S, "target_id": S, "kind": enum("item", "bundle"), "window": S},
                   ["id", "status"])}},
              ["id", "application_id", "item_id", "department", "status", "status_label", "allowed_actions"]),
  "Event": obj({"seq": I, "kind": {"type": "string", "description":
                 "submitted, resubmitted, accepted, supplement_requested, refused, dispatched, task_approved, "
                 "task_rejected, task_paused, task_resumed, task_extended, ready_for_issue, rejected, issued, stage_started, rated, "
                 "withdrawn, supplied, check_started, check_approved, commitment_revoked, partially_issued, instant_decided, "
                 "assisted_submitted; reminded, escalated（催办，仅工作人员看到）"},
                "title": sdesc("事件的中文标题（每种 kind 都有），如“要求补正材料”“已受理”"),
                "actor": obj({"kind": enum("resident", "staff", "system"), "id": S, "name": S}, ["kind"]),
                "at": T,
                "task_id": S, "data": {"type": "object"}}, ["seq", "kind", "title", "actor", "at"]),
  "Application": obj({
      "id": S, "kind": enum("item", "bundle"), "target_id": S, "target_name": S,
      "stage": {"type": "integer", "description": "一件事：正在办理的阶段（从 1 开始）。一个阶段出件后进入下一阶段（状态回到 accepted，计时从出件时起）"},
      "window": S, "window_name": S, "resident_id": S,
      "status": enum(*APP_STATUSES),
      "status_label": sdesc("状态的中文说明，如“已收件，待受理”"),
      "allowed_actions": {"description": "当前查看者此刻可执行的操作（由服务器的流程层决定；页面据此画按钮，不自带状态表）。"
                                         "窗口 clerk：accept、supplement、refuse、dispatch、issue、supply；居民：resubmit、rate、withdraw、supply。"
                                         "有容缺材料未补交时没有 issue。没有则为空数组",
                          **arr(enum(*APP_ACTIONS))},
      "level": described("Level", "申请的监管级别（所有人可见）；未受理的按“若此刻受理”的预估；决定或出件后为 done"),
      "items": arr(S),
      "submitted_at": {"type": "string", "description": "首次提交（收件）时间，RFC 3339"},
      "resubmitted_at": {"type": "string", "description": "补正后最近一次重新提交的时间（仅重新提交过才有），RFC 3339"},
      "accepted_at": T, "updated_at": T,
      "answers": {"type": "object"}, "fields": {"type": "object"}, "materials": {"type": "object"},
      "material_status": {"type": "array", "description": "核心 validate 的 materials（每项材料的情形与状态）；复用的材料在证照出具后附 licence_issued", "items": {"type": "object"}},
      "due_preview": described("Deadline", "未受理时：若此刻受理，核心算出的办结期限（时限随情形回答）", nullable=True),
      "deadline": described("Deadline", "受理后：各事项期限中最晚的一个，级别取最紧的", nullable=True),
      "tasks": arr(ref("Task")),
      "supplement": obj({"note": S, "missing": arr(S)}),
      "refusal_reason": S,
      "licences": arr(ref("Licence")),
      "rating": described("Rating", "好差评（评价后才有）"),
      "owed": {"description": "受理后仍欠交的容缺材料及补交期限（无则为空数组）", **arr(ref("Owed"))},
      "channel": {**enum("online", "window"), "description": "online：手机提交；window：窗口帮办"},
      "assisted_by": {"description": "帮办的窗口人员", **obj({"username": S, "name": S})},
      "proxy": {"description": "代办：与申请人的关系和申请人身份证号（脱敏）", **obj({"relation": S, "principal_id_masked": S})},
      "instant": {"type": "boolean", "description": "秒批：系统即时审批办结"},
  }, ["id", "kind", "target_id", "status", "status_label", "allowed_actions", "level", "submitted_at"]),
  "ApplicationDetail": obj({"ok": B, "application": ref("Application"), "timeline": arr(ref("Event"))},
                           ["ok", "application", "timeline"]),
  "LevelCounts": obj({k: I for k in LEVELS}, list(LEVELS)),
}

paths = {}
def route(method, path, summary, req=None, resp=None, code="200", params=None, extra=None, tags=None):
    op = {"summary": summary, "responses": {code: resp or ok(ref("Ok"))}}
    if req: op["requestBody"] = req
    if params: op["parameters"] = params
    op["responses"]["default"] = ERR
    if extra: op["responses"].update(extra)
    if tags: op["tags"] = tags
    if path in paths and method in paths[path]: sys.exit(f"gen_openapi: {method.upper()} {path} described twice")
    paths.setdefault(path, {})[method] = op

def p(name, where="path", desc=None, schema=S, required=None):
    d = {"name": name, "in": where, "required": where == "path" if required is None else required, "schema": schema}
    if desc: d["description"] = desc
    return d

def PAGE_PARAMS():
    return [p("limit", "query", "每页条数，1–200，默认 50", schema=I, required=False),
            p("cursor", "query", "上一页的 next_cursor；不带为第一页", required=False)]

E = lambda d: {"description": d, "content": {"application/json": {"schema": ref("Error")}}}
APP = lambda: ok(obj({"ok": B, "application": ref("Application")}, ["ok", "application"]))

# --- public
route("get", "/api/v1/health", "存活检查", resp=ok(obj({"ok": B, "version": S})), tags=["public"])
route("get", "/api/v1/ready", "就绪检查（给前面的代理用）：数据库可达且其版本是本服务迁移后的版本",
      resp=ok(obj({"ok": B, "schema": I}, ["ok", "schema"])),
      extra={"503": E("not_ready：数据库不可用，或其版本与本服务不符（schema、expected）")}, tags=["public"])
route("get", "/api/v1/openapi.json", "本文档", resp={"description": "OpenAPI 3", "content": {"application/json": {}}}, tags=["public"])
route("get", "/api/v1/versions", "目录与日历的版本（页面核对自己持有的 wasm 数据）", resp=ok(ref("Versions")), tags=["public"])
route("get", "/api/v1/catalog", "事项目录原文（JSON 文本，与服务器加载的字节相同）；ETag 与响应头 X-Yilu-Catalog-Version 为其版本",
      resp={"description": "目录 JSON 原文", "content": {"application/json": {}}}, tags=["public"])
IDX_ITEM = obj({"id": S, "name": S, "department": S, "window": S, "level": enum("city", "district"),
                "online_level": S, "keywords": arr(S), "life_events": arr(S),
                "initials": {**arr(S), "description": "名称、各关键词的拼音首字母（出生登记 → csdj）"}},
               ["id", "name", "department", "window", "level", "keywords", "life_events", "initials"])
IDX_BUNDLE = obj({"id": S, "name": S, "window": S, "description": S, "keywords": arr(S), "life_events": arr(S),
                  "initials": arr(S)}, ["id", "name", "window", "keywords", "life_events", "initials"])
INDEX_SUMMARY = {"id": S, "name": S, "version": S, "fingerprint": S,
                 "departments": arr(obj({"id": S, "name": S, "level": enum("city", "district"),
                                         "item_count": {**I, "description": "该部门的事项数"}},
                                        ["id", "name", "level", "item_count"])),
                 "windows": arr(obj({"id": S, "name": S, "kind": enum("comprehensive", "department"),
                                     "location": S, "hours": S}, ["id", "name", "kind"])),
                 "life_events": arr(obj({"id": S, "name": S, "kind": enum("personal", "enterprise"),
                                         "entry_count": {**I, "description": "该办事场景的事项与一件事数"}},
                                        ["id", "name", "kind", "entry_count"])),
                 "bundles": arr(IDX_BUNDLE)}
SUMMARY_REQUIRED = ["id", "version", "fingerprint", "departments", "windows", "life_events", "bundles"]
CATALOG_INDEX = obj({**INDEX_SUMMARY, "items": arr(IDX_ITEM)}, SUMMARY_REQUIRED + ["items"])
route("get", "/api/v1/catalog/index", "手机端的目录索引：事项与一件事的名称、部门、窗口、层级、关键词、办事场景、拼音首字母（不含校验规则）；ETag 为目录指纹",
      resp=ok(CATALOG_INDEX), tags=["public"])
route("get", "/api/v1/catalog/summary", "目录索引的摘要：部门（含事项数）、窗口、办事场景（含事项与一件事数）与一件事，不含事项（首页与分类列表用）；ETag 为目录指纹加 -summary",
      resp=ok(obj(INDEX_SUMMARY, SUMMARY_REQUIRED)), tags=["public"])
route("get", "/api/v1/catalog/index/{kind}/{id}", "一个浏览页列出的条目：某窗口的事项与一件事、某部门的事项或某办事场景的事项与一件事，条目格式同目录索引；ETag 为目录指纹",
      params=[p("kind", schema=enum("windows", "departments", "life_events")), p("id")],
      resp=ok(obj({"fingerprint": S, "items": arr(IDX_ITEM), "bundles": arr(IDX_BUNDLE)}, ["fingerprint", "items", "bundles"])),
      extra={"404": E("catalog_entry_not_found：没有这一类或这个编号")}, tags=["public"])
SLICE_V = [p("v", "query", "目录指纹（索引的 fingerprint）；与当前一致时响应可永久缓存", required=False)]
route("get", "/api/v1/catalog/items/{id}", "一个事项的目录片段（同一格式的目录 JSON，含所属一件事及其引用的部门、窗口、证照；slice_of 为整份目录的指纹），供页面内核加载",
      params=[p("id")] + SLICE_V, resp={"description": "目录片段 JSON", "content": {"application/json": {}}},
      extra={"404": E("catalog_entry_not_found")}, tags=["public"])
route("get", "/api/v1/catalog/bundles/{id}", "一件事的目录片段（一件事及其全部事项）",
      params=[p("id")] + SLICE_V, resp={"description": "目录片段 JSON", "content": {"application/json": {}}},
      extra={"404": E("catalog_entry_not_found")}, tags=["public"])
route("get", "/api/v1/divisions", "行政区划（GB/T 2260，省—市—区县），供区划选择器使用",
      resp=ok(obj({"source": S, "version": S, "divisions": arr({"type": "object", "description": "{code, name, children}"})},
                  ["divisions"])),
      extra={"503": E("divisions_not_loaded")}, tags=["public"])
route("get", "/api/v1/calendar", "节假日日历原文（JSON 文本）；ETag 与 X-Yilu-Calendar-Version 为其版本",
      resp={"description": "日历 JSON 原文", "content": {"application/json": {}}}, tags=["public"])
route("post", "/api/v1/core", "核心的 call 接口：一个请求对象，或请求数组（批量，按序返回数组）。不需要登录。",
      req=body({"oneOf": [{"type": "object"}, arr({"type": "object"})]}),
      resp=ok({"oneOf": [{"type": "object"}, arr({"type": "object"})]}, "核心响应（每个都有 ok；核心的业务错误仍是 200）"), tags=["public"])

# --- resident auth
route("post", "/api/v1/auth/sms/request", "向手机号发送一次性验证码（默认发送器写入服务器日志）",
      req=body(obj({"phone": {"type": "string", "example": "13800138000"}}, ["phone"])),
      resp=ok(obj({"ok": B, "expires_in": I, "retry_after": I})), code="202",
      extra={"429": E("rate_limited（retry_after 秒）：同一号码两次发送至少间隔 60 秒（验证码作废后也一样），"
                      "连续 3 条未使用后间隔加倍、最长 10 分钟；同一地址每小时 30 条")}, tags=["resident"])
route("post", "/api/v1/auth/sms/verify", "用验证码登录（自动注册）；返回居民令牌",
      req=body(obj({"phone": S, "code": S}, ["phone", "code"])),
      resp=ok(obj({"ok": B, "token": S, "expires_at": T, "resident": ref("Resident")}, ["ok", "token", "resident"])),
      extra={"401": E("bad_code / code_expired"),
             "429": E("too_many_attempts（该验证码错 5 次作废）/ too_many_guesses（retry_after 秒：同一地址每小时错 20 次，"
                      "或全体每 10 分钟错 500 次）")}, tags=["resident"])
route("post", "/api/v1/auth/logout", "注销当前令牌（居民或工作人员）", tags=["resident", "staff"])
route("get", "/api/v1/me", "当前居民", resp=ok(obj({"ok": B, "resident": ref("Resident")}, ["ok", "resident"])), tags=["resident"])
route("put", "/api/v1/me/profile", "实名信息：姓名与身份证号（由核心 check_id 校验）",
      req=body(obj({"name": S, "id_number": S}, ["name", "id_number"])),
      resp=ok(obj({"ok": B, "resident": ref("Resident")}, ["ok", "resident"])),
      extra={"422": E("invalid_id_number（error.path=/id_number，附核心的 reason）")}, tags=["resident"])
route("get", "/api/v1/me/licences", "本人的电子证照（出件产生，可在后续阶段代替上传）",
      resp=ok(obj({"ok": B, "licences": arr(ref("Licence"))}, ["ok", "licences"])), tags=["resident"])
route("get", "/api/v1/me/applications", "本人的申请（新→旧），分页",
      params=PAGE_PARAMS(),
      resp=ok(paged({"ok": B, "applications": arr(ref("Application"))}, ["ok", "applications"])),
      extra={"400": E("bad_limit / bad_cursor")}, tags=["resident"])
route("post", "/api/v1/uploads", "上传一份材料文件（multipart/form-data）。字段：file（文件），item（事项 id），material（材料 id）。"
      "类型按内容判断（核心的文件类型：pdf、jpg、png、ofd、dwg），大小与类型限制取自目录中该材料的规定。按 SHA-256 存储。",
      req={"required": True, "content": {"multipart/form-data": {"schema": obj({
          "file": {"type": "string", "format": "binary"}, "item": S, "material": S}, ["file"])}}},
      resp=ok(obj({"ok": B, "upload": ref("Upload")}, ["ok", "upload"])), code="201",
      extra={"413": E("file_too_large / payload_too_large"), "415": E("unsupported_file_type（内容不是允许的类型）"),
             "422": E("file_damaged（结构不完整：PDF 无交叉引用表或 trailer、图片头或尺寸不对、OFD 目录不一致或含非文档条目）/ "
                      "file_active_content（夹带网页、脚本、可执行程序，或 PDF 的 JavaScript、Launch、附件）；reason 为原因码"),
             "429": E("upload_quota：当天（北京时间）上传的文件个数或字节数已达上限；retry_after 为到次日零点的秒数；同一文件重复上传不计"),
             "400": E("bad_multipart / bad_file_name")}, tags=["resident"])
route("get", "/api/v1/uploads/{id}", "下载材料文件：上传者本人；工作人员须带 ?application=（能看到的、引用该文件的申请 id），否则 404",
      params=[p("id", desc="文件的 SHA-256"),
              p("application", "query", "工作人员必填：引用该文件的申请 id（居民不需要）", required=False)],
      resp={"description": "文件内容", "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
      extra={"404": E("not_found")}, tags=["resident", "staff"])
route("post", "/api/v1/applications", "提交申请。服务器用同一个核心 validate 重新校验；带 Idempotency-Key 的重试返回第一次的结果。",
      params=[p("Idempotency-Key", "header", "客户端生成的唯一键（≤128 字符）", required=False)],
      req=body(ref("ApplicationInput")),
      resp=ok(obj({"ok": B, "application": ref("Application")}, ["ok", "application"]), "已持久化（提交事务已提交后才返回）"), code="201",
      extra={"422": E("invalid_application：problems 列出全部问题"), "409": E("idempotency_key_reused：同一键不同请求体"),
             "429": E("application_quota：当天（北京时间）提交的申请已达上限；retry_after 为到次日零点的秒数（同一 Idempotency-Key 的重试仍返回第一次的结果）")},
      tags=["resident"])
route("get", "/api/v1/applications/{id}", "本人的一件申请及其时间线（他人的申请为 404）",
      params=[p("id")], resp=ok(ref("ApplicationDetail")), extra={"404": E("not_found")}, tags=["resident"])
route("post", "/api/v1/applications/{id}/resubmit", "补正后重新提交（allowed_actions 含 resubmit 时；同样经核心校验）",
      params=[p("id")], req=body(obj({"fields": {"type": "object"}, "materials": {"type": "object", "additionalProperties": ref("MaterialEntry")}},
                                     ["fields", "materials"])),
      resp=APP(), extra={"409": E("illegal_transition"), "422": E("invalid_application")}, tags=["resident"])
route("post", "/api/v1/applications/{id}/rating", "好差评（allowed_actions 含 rate 时：出件、不予受理或不予许可之后，一次）",
      params=[p("id")], req=body(obj({"score": {"type": "integer", "minimum": 1, "maximum": 5}, "comment": S}, ["score"])),
      resp=APP(), extra={"409": E("illegal_transition")}, tags=["resident"])
route("post", "/api/v1/applications/{id}/supply", "容缺补交：受理后上传欠交的容缺材料（allowed_actions 含 supply 时）；文件经核心 validate_supply 校验",
      params=[p("id")], req=body(obj({"material": S, "files": arr(obj({"upload": S}, ["upload"]))}, ["material", "files"])),
      resp=APP(), extra={"404": E("not_found"), "409": E("illegal_transition"),
                         "422": E("not_owed / missing_files / unknown_upload / invalid_application")}, tags=["resident"])
route("get", "/api/v1/me/notifications", "消息：本人的通知（新→旧，分页）与未读数",
      params=PAGE_PARAMS(),
      resp=ok(paged({"ok": B, "unread": I, "notifications": arr(ref("Notification"))}, ["ok", "unread", "notifications"])),
      extra={"400": E("bad_limit / bad_cursor")}, tags=["resident"])
route("post", "/api/v1/me/notifications/read", "全部标为已读",
      resp=ok(obj({"ok": B, "unread": I}, ["ok", "unread"])), tags=["resident"])
route("post", "/api/v1/me/notifications/{id}/read", "一条标为已读（他人的为 404）", params=[p("id")],
      resp=ok(obj({"ok": B, "unread": I}, ["ok", "unread"])), extra={"404": E("not_found")}, tags=["resident"])
route("post", "/api/v1/applications/{id}/withdraw", "撤回申请（allowed_actions 含 withdraw 时：窗口受理之前）；reason 可选",
      params=[p("id")], req=body(obj({"reason": S}), required=False),
      resp=APP(), extra={"404": E("not_found"), "409": E("illegal_transition")}, tags=["resident"])

# --- staff
route("post", "/api/v1/staff/login", "工作人员用户名密码登录（Argon2id；会话 12 小时，30 分钟无请求即失效）",
      req=body(obj({"username": S, "password": S}, ["username", "password"])),
      resp=ok(obj({"ok": B, "token": S, "expires_at": T, "idle_timeout": {"type": "integer", "description": "无操作多少秒后会话失效"},
                   "staff": ref("Staff")}, ["ok", "token", "staff"])),
      extra={"401": E("bad_credentials（含已停用账户、不存在的用户名）"),
             "429": E("rate_limited（同一地址每分钟 30 次）/ too_many_failures（retry_after 秒：同一用户名连续失败 5 次后"
                      "每次等待 30 秒起加倍、最长 15 分钟；等待期间正确的密码也被拒绝）")}, tags=["staff"])
route("post", "/api/v1/staff/password", "修改本人密码：当前密码 + 新密码（密码规则同创建账户）；本人的其他会话全部结束",
      req=body(obj({"current": S, "new": {"type": "string", "minLength": 10}}, ["current", "new"])),
      extra={"422": E("wrong_password（/current）/ weak_password（/new，reason 说明哪条规则）/ password_unchanged / missing_field"),
             "429": E("too_many_failures：与登录共用的失败退避")}, tags=["staff"])
route("get", "/api/v1/staff/me", "当前工作人员", resp=ok(obj({"ok": B, "staff": ref("Staff")}, ["ok", "staff"])), tags=["staff"])
route("get", "/api/v1/staff/queue", "窗口队列：clerk 为本窗口；supervisor/admin 可用 ?window= 查看任一窗口",
      params=[p("window", "query", required=False), p("status", "query", "逗号分隔的状态过滤；默认为未结的", required=False)]
             + PAGE_PARAMS(),
      resp=ok(paged({"ok": B, "window": S, "applications": arr(ref("Application"))}, ["ok", "applications"])),
      extra={"400": E("bad_status / bad_limit / bad_cursor")}, tags=["staff"])
route("get", "/api/v1/staff/applications/{id}", "一件申请及时间线：本窗口 clerk、有任务的部门 reviewer、supervisor、admin",
      params=[p("id")], resp=ok(ref("ApplicationDetail")), extra={"404": E("not_found")}, tags=["staff"])
for action, summary, req in [
    ("accept", "受理（计时开始；期限由核心计算）", None),
    ("supplement", "一次性告知补正", body(obj({"note": S, "missing": arr(S)}, ["note"]))),
    ("refuse", "不予受理（须说明理由）", body(obj({"reason": S}, ["reason"]))),
    ("dispatch", "分类转办：每个事项一个部门任务，并联审批", None),
    ("issue", "统一出件：本阶段部门都已决定且有通过的；产生电子证照；有未补交的容缺材料时 409 materials_owed", None),
    ("supply", "容缺补交：窗口收到欠交的材料（纸质原件），记录备注", body(obj({"material": S, "note": S}, ["material"]))),
]:
    route("post", f"/api/v1/staff/applications/{{id}}/{action}", summary + f"（本窗口 clerk；allowed_actions 含 {action} 时）",
          params=[p("id")], req=req, resp=APP(),
          extra={"404": E("not_found"), "409": E("illegal_transition")}, tags=["staff"])
route("post", "/api/v1/staff/applications", "窗口帮办：为到窗口的居民提交本窗口的事项（按手机号找到或登记居民，实名须一致）",
      req=body({"allOf": [ref("ApplicationInput"), obj({"resident": obj({"phone": S, "name": S, "id_number": S},
                                                                        ["phone", "name", "id_number"])}, ["resident"])]}),
      resp=ok(obj({"ok": B, "application": ref("Application")}, ["ok", "application"])), code="201",
      extra={"403": E("forbidden：不是本窗口的事项"), "409": E("profile_mismatch：该手机号已实名为他人"),
             "422": E("invalid_application / invalid_id_number / bad_phone")}, tags=["staff"])
route("get", "/api/v1/staff/tasks", "部门任务：reviewer 为本部门；supervisor/admin 可用 ?department=",
      params=[p("department", "query", required=False), p("status", "query", "逗号分隔；默认 reviewing,paused", required=False)]
             + PAGE_PARAMS(),
      resp=ok(paged({"ok": B, "department": S, "tasks": arr(ref("Task"))}, ["ok", "tasks"])),
      extra={"400": E("bad_status / bad_limit / bad_cursor")}, tags=["staff"])
for action, summary, req in [
    ("approve", "通过", body(obj({"note": S}), False)),
    ("reject", "不予许可（须说明理由）", body(obj({"reason": S}, ["reason"]))),
    ("pause", "中止计时（行政许可法第 45 条：听证、鉴定、检验等，须说明理由）", body(obj({"reason": S}, ["reason"]))),
    ("resume", "恢复计时", None),
    ("extend", "延长期限（第 42 条：默认 10 个工作日，须说明理由，每个任务一次）", body(obj({"reason": S, "days": I}, ["reason"]))),
    ("revoke", "告知承诺核查不实：撤销该事项的结果与证照（仅 check 任务，须说明理由）", body(obj({"reason": S}, ["reason"]))),
]:
    route("post", f"/api/v1/staff/tasks/{{id}}/{action}", summary + f"（本部门 reviewer；任务的 allowed_actions 含 {action} 时）",
          params=[p("id")], req=req,
          resp=ok(obj({"ok": B, "task": ref("Task"), "application": ref("Application")}, ["ok", "task", "application"])),
          extra={"404": E("not_found"), "409": E("illegal_transition")}, tags=["staff"])
route("get", "/api/v1/staff/overview", "督办总览（supervisor/admin）：全部在办申请按监管级别（申请的 level），按窗口、部门计数；"
      "申请列表分页（旧→新），可用 ?level= 只看一个级别",
      params=[p("level", "query", "只列出该级别的申请（normal、yellow、red、overdue）；计数总是全部", required=False)] + PAGE_PARAMS(),
      resp=ok(paged({"ok": B, "as_of": T,
                   "counts": ref("LevelCounts"),
                   "by_window": {"type": "object", "additionalProperties": ref("LevelCounts")},
                   "by_department": {"type": "object", "additionalProperties": ref("LevelCounts")},
                   "owed": {"description": "容缺待补交：最紧的在前，至多 200 条（总数见 counts.owed）", **arr(ref("Owed"))},
                   "applications": arr(ref("Application"))}, ["ok", "counts", "applications"])),
      extra={"400": E("bad_level / bad_limit / bad_cursor")}, tags=["staff"])
ON_TIME_FIGURES = {
    "decided": {"type": "integer", "description": "时段内办结（通过或不予）的审查任务数"},
    "on_time": {"type": "integer", "description": "其中在到期日当天结束前办结的"},
    "late": {"type": "integer", "description": "其中超期办结的"},
    "on_time_rate": {"type": "number", "description": "按时办结率（%），一位小数；decided 为 0 时没有"},
    "avg_workdays": {"type": "number", "description": "平均用时（工作日），一位小数：承诺时限 + 延长 − 办结时剩余工作日"},
}
route("get", "/api/v1/staff/supervision/on_time",
      "按时办结率（supervisor/admin）：时段内办结的部门审查，按部门或事项汇总按时率、平均与 p90 用时（工作日）和承诺时限",
      params=[p("by", "query", "department（默认）或 item", required=False),
              p("from", "query", "开始日期 YYYY-MM-DD（含），默认本月 1 日", required=False),
              p("to", "query", "结束日期 YYYY-MM-DD（含），默认今天；时段最长 3 年", required=False),
              p("department", "query", "只看一个部门", required=False),
              p("item", "query", "只看一个事项", required=False)],
      resp=ok(obj({"ok": B, "by": enum("department", "item"), "from": S, "to": S,
                   "groups": arr(obj({"id": S, "name": S, **ON_TIME_FIGURES,
                                      "p90_workdays": {"type": "integer", "description": "90% 的办结用时不超过的工作日数（最近秩）"},
                                      "avg_limit_days": {"type": "number", "description": "平均承诺时限（工作日）"}},
                                     ["id", "name", "decided", "on_time", "late", "on_time_rate", "avg_workdays",
                                      "p90_workdays", "avg_limit_days"])),
                   "total": obj(ON_TIME_FIGURES, ["decided", "on_time", "late"])},
                  ["ok", "by", "from", "to", "groups", "total"])),
      extra={"400": E("bad_group_by / bad_period"), "422": E("unknown_department / unknown_item")}, tags=["staff"])

route("get", "/api/v1/staff/supervision/reminders", "催办统计（supervisor/admin）：时段内各部门收到的催办（督办人员发出的、系统自动的、涉及任务数）",
      params=[p("from", "query", "开始日期 YYYY-MM-DD（含），默认本月 1 日", required=False),
              p("to", "query", "结束日期 YYYY-MM-DD（含），默认今天；时段最长 3 年", required=False)],
      resp=ok(obj({"ok": B, "from": S, "to": S,
                   "groups": arr(obj({"id": S, "name": S, "by_staff": I, "automatic": I, "tasks": I},
                                     ["id", "name", "by_staff", "automatic", "tasks"])),
                   "total": obj({"by_staff": I, "automatic": I, "tasks": I}, ["by_staff", "automatic", "tasks"])},
                  ["ok", "from", "to", "groups", "total"])),
      extra={"400": E("bad_period")}, tags=["staff"])
VOLUMES = {"received": {"type": "integer", "description": "收件（网上提交与窗口帮办）"},
           "accepted": {"type": "integer", "description": "受理"}, "issued": {"type": "integer", "description": "出件（一件事每阶段一次）"},
           "refused": {"type": "integer", "description": "不予受理"}, "rejected": {"type": "integer", "description": "不予许可"}}
route("get", "/api/v1/staff/supervision/volumes",
      "办件量（supervisor/admin）：时段内每日、每周（自周一起）或每月的收件、受理、出件、不予受理、不予许可数，没有办件的周期也列出（为 0）",
      params=[p("interval", "query", "day（默认）、week 或 month", required=False),
              p("from", "query", "开始日期 YYYY-MM-DD（含），默认本月 1 日", required=False),
              p("to", "query", "结束日期 YYYY-MM-DD（含），默认今天；时段最长 3 年", required=False),
              p("window", "query", "只看一个窗口", required=False)],
      resp=ok(obj({"ok": B, "interval": enum("day", "week", "month"), "from": S, "to": S,
                   "series": arr(obj({"start": sdesc("该周期的第一天 YYYY-MM-DD（按周为周一，按月为 1 日；第一个周期可早于 from）"), **VOLUMES},
                                     ["start", *VOLUMES])),
                   "total": obj(VOLUMES, list(VOLUMES))},
                  ["ok", "interval", "from", "to", "series", "total"])),
      extra={"400": E("bad_interval / bad_period"), "422": E("unknown_window")}, tags=["staff"])
route("get", "/api/v1/staff/supervision/deferrals",
      "容缺补交统计（supervisor/admin）：时段内补交的容缺材料按窗口汇总，是否在补交期限内（核心按受理日计算的期限）；现在仍欠交和已逾期的见 /api/v1/staff/overview 的 counts.owed、counts.owed_overdue",
      params=[p("from", "query", "开始日期 YYYY-MM-DD（含，按补交日），默认本月 1 日", required=False),
              p("to", "query", "结束日期 YYYY-MM-DD（含），默认今天；时段最长 3 年", required=False)],
      resp=ok(obj({"ok": B, "from": S, "to": S,
                   "groups": arr(obj({"id": sdesc("窗口 id"), "name": S, "supplied": I, "on_time": I, "late": I,
                                      "on_time_rate": {"type": "number", "description": "按期补交率（%），一位小数"},
                                      "by_clerk": {"type": "integer", "description": "窗口代收"},
                                      "by_resident": {"type": "integer", "description": "申请人在手机上补交"}},
                                     ["id", "name", "supplied", "on_time", "late", "on_time_rate", "by_clerk",
                                      "by_resident"])),
                   "total": obj({"supplied": I, "on_time": I, "late": I, "on_time_rate": {"type": "number"}},
                                ["supplied", "on_time", "late"])},
                  ["ok", "from", "to", "groups", "total"])),
      extra={"400": E("bad_period")}, tags=["staff"])
route("get", "/api/v1/staff/supervision/ratings",
      "好差评统计（supervisor/admin）：时段内的评价按窗口、部门、事项、受理人员或月份汇总（一件事的评价计入其涉及的每个部门和事项）",
      params=[p("by", "query", "window、department（默认）、item、clerk 或 month", required=False),
              p("from", "query", "开始日期 YYYY-MM-DD（含），默认本月 1 日", required=False),
              p("to", "query", "结束日期 YYYY-MM-DD（含），默认今天；时段最长 3 年", required=False),
              p("department", "query", "只看一个部门（by=department 或 month）", required=False)],
      resp=ok(obj({"ok": B, "by": enum("window", "department", "item", "clerk", "month"), "from": S, "to": S,
                   "groups": arr(obj({"id": sdesc("窗口、部门、事项的 id，受理人员的用户名，或月份 YYYY-MM"), "name": S,
                                      "rated": I, "good": {"type": "integer", "description": "4–5 分（好评）"},
                                      "bad": {"type": "integer", "description": "1–2 分（差评）"},
                                      "good_rate": {"type": "number", "description": "好评率（%），一位小数"},
                                      "avg_score": {"type": "number", "description": "平均分，一位小数"}},
                                     ["id", "name", "rated", "good", "bad", "good_rate", "avg_score"])),
                   "total": obj({"rated": I, "good": I, "bad": I, "good_rate": {"type": "number"},
                                 "avg_score": {"type": "number"}}, ["rated", "good", "bad"])},
                  ["ok", "by", "from", "to", "groups", "total"])),
      extra={"400": E("bad_group_by / bad_period"), "422": E("unknown_department")}, tags=["staff"])
STAGES = obj({k: {"type": "number", "description": d} for k, d in [
    ("intake", "等待受理（不含补正）"), ("correction", "补正"), ("review", "审查（不含暂停）"),
    ("paused", "暂停（特别程序）"), ("issue_wait", "等待出件")]},
    ["intake", "correction", "review", "paused", "issue_wait"])
def trio(*keys): return obj({k: {"type": "number"} for k in keys}, list(keys))
route("get", "/api/v1/staff/supervision/stages",
      "办理用时（supervisor/admin）：时段内办结（出件）的申请按事项/一件事、部门或窗口汇总（按部门时事项计入其部门，一件事跨部门，各自一行列在部门之后），各环节平均用时（工作日，一位小数，合计为平均总用时），一件事另有实际压减与承诺对照",
      params=[p("by", "query", "target（默认：事项和一件事）、department 或 window", required=False),
              p("from", "query", "开始日期 YYYY-MM-DD（含，按出件日），默认本月 1 日", required=False),
              p("to", "query", "结束日期 YYYY-MM-DD（含），默认今天；时段最长 3 年", required=False),
              p("window", "query", "只看一个窗口", required=False),
              p("target", "query", "只看一个事项或一件事", required=False)],
      resp=ok(obj({"ok": B, "by": enum("target", "department", "window"), "from": S, "to": S,
                   "groups": arr(obj({"id": sdesc("事项、一件事、部门或窗口的 id"),
                                      "kind": enum("item", "bundle", "department", "window"),
                                      "name": S, "issued": I,
                                      "avg_total_workdays": {"type": "number", "description": "收件到出件，工作日"},
                                      "avg_promised_days": {"type": "number", "description": "承诺时限（按申请人的情形）"},
                                      "stages": STAGES,
                                      "reductions": obj({"workdays": trio("separate", "promised", "taken"),
                                                         "materials": trio("separate", "promised", "given")},
                                                        ["workdays", "materials"])},
                                     ["id", "kind", "name", "issued", "avg_total_workdays", "avg_promised_days",
                                      "stages"])),
                   "total": obj({"issued": I, "avg_total_workdays": {"type": "number"}, "stages": STAGES}, ["issued"])},
                  ["ok", "by", "from", "to", "groups", "total"])),
      extra={"400": E("bad_group_by / bad_period"), "422": E("unknown_window / unknown_target")}, tags=["staff"])
route("get", "/api/v1/staff/supervision/stages/applications.csv",
      "办结明细导出（supervisor/admin）：时段内每件办结申请一行（出件日、编号顺序），含各环节工作日、承诺与逐项时限、材料数；"
      "CSV（UTF-8 带 BOM，CRLF），服务端分页流式输出（chunked），行数不限、内存不随行数增长",
      params=[p("from", "query", "开始日期 YYYY-MM-DD（含，按出件日），默认本月 1 日", required=False),
              p("to", "query", "结束日期 YYYY-MM-DD（含），默认今天；时段最长 3 年", required=False),
              p("window", "query", "只看一个窗口", required=False),
              p("target", "query", "只看一个事项或一件事", required=False)],
      resp={"description": "CSV：申请编号, 事项或一件事, 类型, 窗口, 出件时间, 总用时（工作日）, 等待受理, 补正, 审查, 暂停, "
                           "等待出件, 受理至出件, 承诺时限, 逐项办理时限, 提交材料（份）, 承诺材料（份）, 逐项材料（份）",
            "content": {"text/csv": {"schema": {"type": "string"}}}},
      extra={"400": E("bad_period"), "422": E("unknown_window / unknown_target")}, tags=["staff"])
FOLLOW_UP = obj({"application_id": S, "window": S, "window_name": S, "score": I, "comment": S, "opened_at": T,
                 "state": enum("open", "answered"), "answered_at": T, "answered_by": S, "answer": S},
                ["application_id", "window", "score", "comment", "opened_at", "state"])
route("get", "/api/v1/staff/rating_follow_ups",
      "差评整改（clerk 看本窗口，supervisor/admin 看全部）：1–2 分的评价各开一条整改，待答复的旧→新，或已答复的新→旧，至多 200 条",
      params=[p("state", "query", "open（默认）或 answered", required=False)],
      resp=ok(obj({"ok": B, "state": enum("open", "answered"), "follow_ups": arr(FOLLOW_UP)}, ["ok", "state", "follow_ups"])),
      extra={"400": E("bad_status")}, tags=["staff"])
route("post", "/api/v1/staff/rating_follow_ups/{id}/answer",
      "答复差评整改（该窗口的 clerk、supervisor、admin；只答复一次）",
      params=[p("id", desc="申请编号")], req=body(obj({"answer": S}, ["answer"])),
      resp=ok(obj({"ok": B, "follow_up": FOLLOW_UP}, ["ok", "follow_up"])),
      extra={"404": E("not_found"), "409": E("illegal_transition：已答复"), "422": E("missing_answer")}, tags=["staff"])
route("post", "/api/v1/staff/tasks/{id}/remind", "催办（supervisor/admin）：对在办的部门审查任务发出催办，审查人员在任务上看到，记入办理记录",
      params=[p("id")], req=body(obj({"note": S}, ["note"])),
      resp=ok(obj({"ok": B, "task": ref("Task")}, ["ok", "task"])),
      extra={"404": E("not_found"), "409": E("illegal_transition：任务已办结"), "422": E("missing_note")}, tags=["staff"])

# --- admin
route("get", "/api/v1/admin/staff", "工作人员账户列表（admin）",
      resp=ok(obj({"ok": B, "staff": arr(ref("Staff"))}, ["ok", "staff"])), tags=["admin"])
route("post", "/api/v1/admin/staff", "创建工作人员账户（admin）",
      req=body(obj({"username": S, "password": {"type": "string", "minLength": 10}, "display_name": S,
                    "role": enum(*ROLES), "window": S, "department": S},
                   ["username", "password", "role"])),
      resp=ok(obj({"ok": B, "staff": ref("Staff")}, ["ok", "staff"])), code="201",
      extra={"409": E("username_taken"),
             "422": E("weak_password：至少 10 个字符（按字符计，不按字节）、不能全是空白、不能是同一字符重复、不能是常见密码；"
                      "reason 说明哪条规则")}, tags=["admin"])
route("post", "/api/v1/admin/staff/{username}/disable", "停用账户并吊销其会话（admin）",
      params=[p("username")], resp=ok(obj({"ok": B, "staff": ref("Staff")}, ["ok", "staff"])),
      extra={"404": E("unknown_staff"), "409": E("last_admin：不能停用最后一个启用中的管理员")}, tags=["admin"])
route("get", "/api/v1/admin/audit", "审计日志（admin）：工作人员登录（成功与失败）、退出、改密码，工作人员查看申请与材料文件，"
      "账户的创建与停用，居民实名信息的设置；只增不改，新→旧，分页",
      params=[p("kind", "query", "只看一类：" + "、".join(AUDIT_KINDS), required=False),
              p("actor", "query", "操作者：工作人员用户名或居民 id", required=False),
              p("subject", "query", "对象：申请 id（含该申请的材料文件）、用户名或居民 id", required=False),
              p("since", "query", "起始时间（含）：YYYY-MM-DD 或 RFC 3339", required=False),
              p("until", "query", "截止时间：YYYY-MM-DD 表示含当天，RFC 3339 不含", required=False)] + PAGE_PARAMS(),
      resp=ok(paged({"ok": B, "entries": arr(ref("AuditEntry"))}, ["ok", "entries"])),
      extra={"400": E("bad_audit_kind / bad_time / bad_limit / bad_cursor")}, tags=["admin"])

# --- importing a standard item list (docs/catalog.md, "Importing a standard item list")
route("post", "/api/v1/admin/catalog/import",
      "导入标准事项清单（admin）：浏览器用 read-excel-file 读取 XLSX，送来工作簿（工作表“事项清单”每行一份材料，"
      "“部门与窗口”对应实施主体、部门与受理窗口）；与 yilu catalog import 相同：列出每一处问题（工作表、单元格、列、说明、代码），"
      "没有问题的行生成事项目录（通过目录检查）。into=current：导入到现行目录",
      params=[p("into", "query", "current：导入到现行目录（同一事项编码的事项被替换）；不填：新目录", required=False)],
      req=body(obj({"sheets": arr(obj({"name": S, "rows": arr(arr(S))}, ["name", "rows"]))}, ["sheets"])),
      resp=ok(obj({"ok": B, "items_read": I, "items_imported": I, "departments": I,
                   "problems": arr(obj({"sheet": S, "row": I, "column": S, "cell": sdesc("如 H12；整行或整表的问题为空"),
                                        "code": S, "message": S},
                                       ["sheet", "row", "column", "cell", "code", "message"])),
                   "catalog": {"type": "object", "description": "导入后的事项目录（docs/catalog.md 的格式）"}},
                  ["ok", "items_read", "items_imported", "departments", "problems", "catalog"])),
      extra={"400": E("bad_workbook / json_too_deep"), "413": E("payload_too_large：工作簿超过 16 MiB")}, tags=["admin"])

# --- catalog versions (docs/catalog.md, "Versions")
CATALOG_VERSION = obj({"id": I, "version": sdesc("目录自身的 version"), "fingerprint": S, "items": I,
                       "published_at": S, "published_by": S,
                       "summary": sdesc("如“新增 0 个事项，修改 1 个，删除 0 个”，前有发布说明")},
                      ["id", "version", "fingerprint", "items", "published_at", "published_by", "summary"])
LINT_PROBLEMS = E("catalog_invalid：problems 列出核心目录检查的每一处问题（path 为 JSON 指针、code、message）；未发布")
route("get", "/api/v1/admin/catalog/versions",
      "事项目录的版本（admin）：新→旧；in_force 为现行版本。随版本发布的目录文件在首次启动时存为一个版本",
      resp=ok(obj({"ok": B, "in_force": I, "versions": arr(CATALOG_VERSION)}, ["ok", "in_force", "versions"])),
      tags=["admin"])
route("post", "/api/v1/admin/catalog/versions",
      "发布新的目录版本（admin）：先经核心的目录检查，有问题则不发布；发布后立即生效（手机端的索引和片段随之更新），无需重启；"
      "已提交的申请仍按提交时的版本办理",
      req=body(obj({"catalog": {"type": "object", "description": "整个事项目录（docs/catalog.md）"},
                    "note": sdesc("发布说明")}, ["catalog"])),
      resp=ok(obj({"ok": B, "version": CATALOG_VERSION}, ["ok", "version"])),
      extra={"422": LINT_PROBLEMS, "413": E("payload_too_large：超过 16 MiB")}, tags=["admin"])
route("post", "/api/v1/admin/catalog/versions/{id}/restore",
      "恢复一个较早的版本（admin）：以其内容发布为最新版本（历史保留）",
      params=[p("id", schema=I)], resp=ok(obj({"ok": B, "version": CATALOG_VERSION}, ["ok", "version"])),
      extra={"404": E("catalog_version_not_found"), "422": LINT_PROBLEMS}, tags=["admin"])

# --- the holiday calendar as data (docs/calendar.md, "Publishing a year's schedule")
CAL_VERSION = obj({"id": I, "summary": sdesc("如“2027 年全国节假日安排（放假 11 天，调休上班 1 天）”"), "last_year": I,
                   "published_at": S, "published_by": sdesc("发布人用户名")},
                  ["id", "summary", "last_year", "published_at", "published_by"])
DUE_AT = {"type": "object", "nullable": True, "properties": {"due_date": S, "provisional": B},
          "required": ["due_date", "provisional"]}
DUE_CHANGE = obj({"application_id": S, "target_name": S, "window": S, "before": DUE_AT, "after": DUE_AT,
                  "moved": {"type": "boolean", "description": "到期日变了（false：日期不变，只是由预估转为正式）"}},
                 ["application_id", "before", "after", "moved"])
route("get", "/api/v1/admin/calendar", "现行节假日日历与已发布的版本（admin）：source 为 file（随版本发布的文件）或 published（管理员发布）",
      resp=ok(obj({"ok": B,
                   "in_force": obj({"id": I, "source": enum("file", "published"), "version": S, "first_year": I,
                                    "last_year": I, "horizon_year": I, "regions": arr(S)},
                                   ["id", "source", "version", "first_year", "last_year", "horizon_year", "regions"]),
                   "versions": arr(CAL_VERSION)}, ["ok", "in_force", "versions"])), tags=["admin"])
route("post", "/api/v1/admin/calendar/schedules",
      "发布一年的节假日安排（admin）：国务院办公厅通知（全国，可更正已发布年份或发布下一年）或地方安排（region，如海南三月三）；"
      "核心的日历检查通过后立即生效，无需重启；预估（provisional）的到期日转为正式，变动的到期日随之改变并记录。dry_run：只预览变化",
      req=body(obj({"year": I, "region": sdesc("地方安排的地区 id（如 hainan）；不填为全国"),
                    "region_name": sdesc("新地区的名称"),
                    "holidays": {"type": "object", "additionalProperties": S, "description": "{日期: 节日名称}：放假日"},
                    "workdays": {"type": "object", "additionalProperties": S, "description": "{日期: 节日名称}：调休上班的周末"},
                    "notice": sdesc("通知网址"), "dry_run": B}, ["year", "holidays"])),
      resp=ok(obj({"ok": B, "published": B, "summary": S, "last_year": I, "calendar": CAL_VERSION,
                   "changes": arr(DUE_CHANGE)}, ["ok", "published", "summary", "last_year", "changes"])),
      extra={"422": E("calendar_schedule_invalid：problems 列出每一处（path、code、message）")}, tags=["admin"])
route("get", "/api/v1/staff/supervision/due-changes",
      "发布节假日安排后到期日变化的在办申请（supervisor/admin）：最新一次发布，或 calendar 指定的版本",
      params=[p("calendar", "query", "日历版本 id，默认最新", required=False)],
      resp=ok(obj({"ok": B, "calendar": {**CAL_VERSION, "nullable": True}, "changes": arr(DUE_CHANGE)},
                  ["ok", "calendar", "changes"])),
      extra={"404": E("calendar_version_not_found")}, tags=["staff"])

# --- access: from the server's route declarations (`yilu routes`)
# Each route declares an access set by name ("public", "resident", "signed_in", "staff", "clerk",
# "clerk_or_supervisor", …) and the caller kinds in it. The bearer scheme follows from the kinds;
# which staff roles may pass, OpenAPI 3.0 cannot say for a bearer scheme: x-yilu-access and
# x-yilu-kinds carry it.
STAFF_KINDS = ("clerk", "reviewer", "supervisor", "admin")
KINDS = ("resident",) + STAFF_KINDS
KIND_NAMES = {"resident": "居民", "clerk": "clerk（窗口）", "reviewer": "reviewer（部门）",
              "supervisor": "supervisor", "admin": "admin"}

def security_for(kinds):
    """The security requirement for a set of caller kinds: [] (public), resident, staff, or either."""
    out = []
    if "resident" in kinds: out.append({"resident": []})
    if any(k in STAFF_KINDS for k in kinds): out.append({"staff": []})
    return out

def apply_access(routes):
    """Sets security, x-yilu-access and x-yilu-kinds on every described operation; returns errors."""
    errors, seen = [], set()
    if not isinstance(routes, list): return ["routes: expected a JSON array of {method, path, access, kinds}"]
    for r in routes:
        ok_shape = isinstance(r, dict) and all(isinstance(r.get(k), str) for k in ("method", "path", "access")) \
            and isinstance(r.get("kinds"), list)
        if not ok_shape:
            errors.append(f"routes: not a {{method, path, access, kinds}} object: {json.dumps(r, ensure_ascii=False)}"); continue
        method, path, access, kinds = r["method"].lower(), r["path"], r["access"], r["kinds"]
        where = f"{method.upper()} {path}"
        if (method, path) in seen: errors.append(f"{where}: declared twice by the server"); continue
        seen.add((method, path))
        op = paths.get(path, {}).get(method)
        if op is None: errors.append(f"{where}: the server declares it, the generator does not describe it"); continue
        unknown = [k for k in kinds if k not in KINDS]
        if unknown: errors.append(f"{where}: unknown caller kinds {unknown} (known: {', '.join(KINDS)})"); continue
        if (access == "public") != (not kinds): errors.append(f"{where}: access {access!r} with kinds {kinds}"); continue
        op["security"] = security_for(kinds)
        op["x-yilu-access"] = access
        op["x-yilu-kinds"] = list(kinds)
        who = "、".join(KIND_NAMES[k] for k in kinds) if kinds else "不需要登录"
        op["description"] = f"访问：{access}（{who}）"
        if kinds: op["responses"].setdefault("401", E("unauthorized：缺少或无效的令牌"))
        if kinds and set(kinds) != set(KINDS) and kinds != ["resident"]:
            op["responses"].setdefault("403", E("forbidden：调用者的种类或范围不允许"))
    for path, ops in paths.items():
        for method in ops:
            if (method, path) not in seen: errors.append(f"{method.upper()} {path}: described here, but the server does not declare it")
    return errors

def build_doc():
    return {
      "openapi": "3.0.3",
      "info": {"title": "yilu serve — 一窗受理后台 API", "version": "1",
               "description": "Errors: every non-2xx response is {\"ok\":false,\"error\":{\"code\",\"message\"}} with a stable code. "
                              "Auth: `Authorization: Bearer <token>`; resident tokens come from SMS sign-in, staff tokens from "
                              "password sign-in. Who may call each operation is its `x-yilu-access` (the name of the access set) "
                              "and `x-yilu-kinds` (the caller kinds in it: resident, clerk, reviewer, supervisor, admin; none = "
                              "public), taken from the server's own route declarations (`yilu routes`). Another resident's application is 404; another department's task is 403. "
                              "Times are RFC 3339 in China Standard Time. Any write may answer 507 storage_full when the server's "
                              "disk is full (reads keep working; writes work again once there is room, without a restart). "
                              "Any call that needs the database may answer 503 storage_unavailable with Retry-After while a "
                              "shared database is unreachable (nothing was written; the server reconnects by itself). "
                              "Lists are paged: ?limit= and ?cursor=, answered with next_cursor and total. See docs/server-api.md."},
      "servers": [{"url": "/"}],
      "components": {
        "securitySchemes": {
          "resident": {"type": "http", "scheme": "bearer", "description": "POST /api/v1/auth/sms/verify 返回的令牌（30 天）"},
          "staff": {"type": "http", "scheme": "bearer", "description": "POST /api/v1/staff/login 返回的令牌（12 小时；30 分钟无请求即失效）"},
        },
        "schemas": schemas,
      },
      "paths": paths,
    }

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--routes", required=True, help="output of `yilu routes` (JSON array), or - for standard input")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "openapi.json"))
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 when --out differs from what would be written")
    a = ap.parse_args()
    try:
        text = sys.stdin.read() if a.routes == "-" else open(a.routes, encoding="utf-8").read()
        routes = json.loads(text)
    except (OSError, ValueError) as e:
        sys.exit(f"gen_openapi: cannot read routes from {a.routes}: {e}")
    errors = apply_access(routes)
    if errors:
        sys.exit("gen_openapi: the described API and the server's routes differ:\n  " + "\n  ".join(errors))
    out_text = json.dumps(build_doc(), ensure_ascii=False, indent=1) + "\n"
    out = os.path.normpath(a.out)
    if a.check:
        try: current = open(out, encoding="utf-8").read()
        except OSError: current = None
        if current != out_text:
            sys.exit(f"gen_openapi: {out} is not what the generator writes; run: "
                     "build/server/yilu routes | python3 server/tools/gen_openapi.py --routes -")
        print(out, "up to date")
        return
    with open(out, "w", encoding="utf-8") as f:
        f.write(out_text)
    print(out, len(paths), "paths")

if __name__ == "__main__":
    main()
