#!/usr/bin/env python3
"""Writes tests/vectors/{calendar,deadline,identity}.json from an independent oracle.

The expected responses come from this script's own, deliberately naive implementation (a
day-by-day walk over the published State Council schedule; ISO 7064 MOD 11-2 and the GB 32100
MOD 31 check written out longhand), never from the core's output. Cases named "(by hand)" were
checked against a printed calendar. Run it again after a calendar update and review the diff.
"""
import datetime as dt
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[3]
CAL = json.loads((ROOT / "core/data/calendar/cn-calendar.json").read_text(encoding="utf-8"))
LAST = CAL["last_year"]
EST = CAL.get("estimate", {})


def day_status(d):
    """(workday, festival name or None, make-up?) by the rule of docs/calendar.md."""
    y = str(d.year)
    iso = d.isoformat()
    if d.year <= LAST:
        year = CAL["years"].get(y, {})
        if iso in year.get("holidays", {}):
            return False, year["holidays"][iso], False
        if iso in year.get("workdays", {}):
            return True, year["workdays"][iso], True
        return d.weekday() < 5, None, False
    # estimate years: fixed statutory days + listed lunar festival dates, weekend rule otherwise
    for rule in EST.get("fixed_holidays", []):
        start = dt.date(d.year, rule["month"], rule["day"])
        if start <= d < start + dt.timedelta(days=rule["days"]):
            return False, rule["name"], False
    ey = EST.get("years", {}).get(y, {})
    if iso in ey.get("holidays", {}):
        return False, ey["holidays"][iso], False
    return d.weekday() < 5, None, False


def is_workday_response(d):
    work, name, makeup = day_status(d)
    r = {"ok": True, "workday": work, "holiday": None if work else name, "provisional": d.year > LAST}
    if makeup:
        r["makeup_for"] = name
    return r


def add_workdays(d, n):
    while n > 0:
        d += dt.timedelta(days=1)
        if day_status(d)[0]:
            n -= 1
    return d


def case(name, request, response):
    return {"name": name, "request": request, "response": response}


def calendar_cases():
    cases = []
    for year in (2024, 2025, 2026):
        data = CAL["years"][str(year)]
        # every holiday block: first day, last day, the day after
        days = sorted(dt.date.fromisoformat(k) for k in data["holidays"])
        blocks = []
        for d in days:
            if blocks and (d - blocks[-1][-1]).days == 1:
                blocks[-1].append(d)
            else:
                blocks.append([d])
        for b in blocks:
            fest = data["holidays"][b[0].isoformat()]
            for label, d in (("first day", b[0]), ("last day", b[-1]), ("day after", b[-1] + dt.timedelta(days=1))):
                cases.append(case(f"{year} {fest} block {label} {d}", {"op": "is_workday", "date": d.isoformat()},
                                  is_workday_response(d)))
        for k in sorted(data["workdays"]):
            d = dt.date.fromisoformat(k)
            cases.append(case(f"make-up {d.strftime('%A')} {k}", {"op": "is_workday", "date": k}, is_workday_response(d)))
    for k in ("2023-12-29", "2023-12-30", "2023-12-31", "2024-01-01", "2024-01-02", "2025-12-31", "2026-01-04",
              "2026-12-31", "2027-01-01", "2027-01-04", "2027-02-06", "2027-10-04", "2004-01-01", "2024-02-29",
              "2026-11-26", "2026-11-28"):
        d = dt.date.fromisoformat(k)
        cases.append(case(f"is_workday {k}", {"op": "is_workday", "date": k}, is_workday_response(d)))
    for start, n in (("2024-09-27", 20), ("2024-09-30", 1), ("2024-02-08", 1), ("2024-02-08", 5),
                     ("2025-01-20", 20), ("2026-02-13", 1), ("2026-02-13", 11), ("2026-02-12", 36),
                     ("2023-12-29", 1), ("2025-12-31", 1), ("2026-12-01", 30), ("2026-12-20", 20),
                     ("2026-09-24", 5), ("2026-04-30", 3), ("2004-01-01", 1), ("2024-01-01", 250)):
        d = add_workdays(dt.date.fromisoformat(start), n)
        cases.append(case(f"add {n} working days to {start}", {"op": "add_workdays", "date": start, "days": n},
                          {"ok": True, "date": d.isoformat(), "provisional": d.year > LAST}))
    for a, b in (("2024-09-27", "2024-10-30"), ("2026-02-13", "2026-02-27"), ("2024-10-30", "2024-09-27"),
                 ("2026-12-31", "2027-01-08")):
        da, db = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
        lo, hi, sign = (da, db, 1) if da <= db else (db, da, -1)
        n = sum(1 for i in range(1, (hi - lo).days + 1) if day_status(lo + dt.timedelta(days=i))[0])
        cases.append(case(f"working days between {a} and {b}", {"op": "workdays_between", "from": a, "to": b},
                          {"ok": True, "workdays": sign * n, "provisional": da.year > LAST or db.year > LAST}))
    return cases


ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_check_char(first17):
    s = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS))
    return "10X98765432"[s % 11]


def make_id(region, birth, seq):
    body = f"{region}{birth}{seq}"
    return body + id_check_char(body)


USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def uscc_check_char(first17):
    s = sum(USCC.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return USCC[(31 - s % 31) % 31]


def identity_cases():
    out = []

    def valid_id(name, value, normalized, as_of=None):
        req = {"op": "check_id", "value": value}
        if as_of:
            req["as_of"] = as_of
        out.append(case(name, req, {"ok": True, "valid": True, "normalized": normalized,
                                    "birth_date": f"{normalized[6:10]}-{normalized[10:12]}-{normalized[12:14]}",
                                    "gender": "male" if int(normalized[16]) % 2 else "female",
                                    "region": normalized[:6]}))

    messages = {
        "length": "身份证号码应为 18 位",
        "legacy_15_digit": "15 位的第一代身份证号码已停止使用，请填写 18 位号码",
        "charset": "身份证号码前 17 位应为数字，最后一位为数字或 X",
        "region": "身份证号码前两位不是有效的省级行政区划代码",
        "birth_date": "身份证号码中的出生日期（第 7–14 位）无效",
        "checksum": "身份证号码校验位不正确，请核对是否输错",
    }

    def invalid_id(name, value, reason, as_of=None):
        req = {"op": "check_id", "value": value}
        if as_of:
            req["as_of"] = as_of
        out.append(case(name, req, {"ok": True, "valid": False, "reason": reason, "message": messages[reason]}))

    valid_id("the issue's example, X check digit (by hand)", "11010519491231002X", "11010519491231002X")
    valid_id("lowercase x is normalized", "11010519491231002x", "11010519491231002X")
    fw = "".join(chr(ord(c) + 0xFEE0) for c in "11010519491231002x")
    valid_id("full-width digits and x from an input method are normalized", fw, "11010519491231002X")
    feb29 = make_id("460202", "20000229", "123")
    valid_id("born on Feb 29 of a leap year (Sanya)", feb29, feb29)
    feb29b = make_id("110101", "20240229", "002")
    valid_id("born 2024-02-29, female", feb29b, feb29b, as_of="2024-03-01")
    x_ids = [make_id("4602" + f"{i:02d}", "19850612", f"{s:03d}") for i in range(1, 4) for s in range(0, 200)]
    x_ids = [v for v in x_ids if v.endswith("X")][:2]
    for v in x_ids:
        valid_id(f"another X check digit {v}", v, v)
    foreign = make_id("930000", "19900101", "001")
    valid_id("2023 foreigner permanent-residence number starting with 9", foreign, foreign)
    invalid_id("17 characters", "11010519491231002", "length")
    invalid_id("19 characters", "11010519491231002X1", "length")
    invalid_id("empty string", "", "length")
    invalid_id("15-digit first-generation number", "110105491231002", "legacy_15_digit")
    invalid_id("15 characters, not all digits", "11010549123100X", "length")
    invalid_id("a letter inside", "1101051949123A002X", "charset")
    invalid_id("X not last", "X10105194912310021", "charset")
    invalid_id("a space inside", "110105 949123100 X", "charset")
    invalid_id("province 10 does not exist", make_id("100105", "19491231", "002"), "region")
    invalid_id("province 00", make_id("000000", "19491231", "002"), "region")
    invalid_id("2023-02-29 is not a date", make_id("110105", "20230229", "002"), "birth_date")
    invalid_id("month 13", make_id("110105", "19491331", "002"), "birth_date")
    invalid_id("born after as_of", make_id("110105", "20260602", "002"), "birth_date", as_of="2026-06-01")
    invalid_id("born on as_of is fine... but checksum wrong", "11010519491231002X"[:-1] + "1", "checksum")
    good = make_id("440305", "19880808", "451")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    invalid_id("one wrong check digit", bad, "checksum")
    swapped = good[:7] + good[8] + good[7] + good[9:]
    if id_check_char(swapped[:17]) != swapped[17]:
        invalid_id("two digits swapped", swapped, "checksum")

    umsg = {
        "length": "统一社会信用代码应为 18 位",
        "charset": "统一社会信用代码含有无效字符（不使用 I、O、Z、S、V）",
        "region": "统一社会信用代码第 3–8 位不是有效的行政区划代码",
        "checksum": "统一社会信用代码校验位不正确，请核对是否输错",
    }

    def uscc(name, value, reason=None, normalized=None):
        r = {"ok": True, "valid": reason is None}
        if reason:
            r["reason"] = reason
            r["message"] = umsg[reason]
        else:
            r["normalized"] = normalized or value
        out.append(case(name, {"op": "check_uscc", "value": value}, r))

    a = "91460200MA5T000" + "01"
    a = a + uscc_check_char(a)
    uscc("a Sanya company code", a)
    uscc("lowercase letters are normalized", a.lower(), normalized=a)
    b = "12460000" + "40000007" + "X"
    b = b[:17] + uscc_check_char(b[:17])
    uscc("a public institution code", b)
    uscc("17 characters", a[:17], "length")
    uscc("letter I is not used", a[:10] + "I" + a[11:], "charset")
    uscc("letter O is not used", "O" + a[1:], "charset")
    uscc("division code with a letter", a[:4] + "A" + a[5:], "region")
    uscc("division code of no province", a[:2] + "99" + a[4:], "region")
    wrong = USCC[(USCC.index(a[-1]) + 1) % 31]
    uscc("wrong check character", a[:-1] + wrong, "checksum")
    return out


def deadline_cases():
    cases = []

    def dl(name, req, due, level, remaining, paused=0, paused_now=False):
        d = dt.date.fromisoformat(due)
        cases.append(case(name, dict(op="deadline", **req),
                          {"ok": True, "due_date": due, "due_at": f"{due}T23:59:59+08:00", "paused_workdays": paused,
                           "paused_now": paused_now, "provisional": d.year > LAST, "level": level,
                           "remaining_workdays": remaining}))

    def due_of(start, n):
        return add_workdays(dt.date.fromisoformat(start), n).isoformat()

    def between(a, b):
        da, db = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
        lo, hi, s = (da, db, 1) if da <= db else (db, da, -1)
        return s * sum(1 for i in range(1, (hi - lo).days + 1) if day_status(lo + dt.timedelta(days=i))[0])

    due = due_of("2024-09-27", 20)
    dl("20 days from 2024-09-27 across National Day (by hand: 2024-10-30), normal on day 1",
       {"accepted_at": "2024-09-27T10:00:00+08:00", "limit_days": 20, "now": "2024-09-28T09:00:00+08:00"},
       due, "normal", between("2024-09-28", due))
    dl("same, yellow with 1 working day left", {"accepted_at": "2024-09-27T10:00:00+08:00", "limit_days": 20,
                                                 "now": "2024-10-29T09:00:00+08:00"}, due, "yellow", 1)
    dl("same, red on the due day", {"accepted_at": "2024-09-27T10:00:00+08:00", "limit_days": 20,
                                     "now": "2024-10-30T16:00:00+08:00"}, due, "red", 0)
    dl("same, overdue one second after the end of the due day",
       {"accepted_at": "2024-09-27T10:00:00+08:00", "limit_days": 20, "now": "2024-10-31T00:00:00+08:00"},
       due, "overdue", -1)
    due = due_of("2026-02-12", 11)
    dl("11 working days across Spring Festival 2026", {"accepted_at": "2026-02-12T15:00:00+08:00", "limit_days": 11,
                                                      "now": "2026-02-12T15:00:00+08:00"}, due, "normal",
       between("2026-02-12", due))
    due = due_of("2026-02-11", 5)
    dl("acceptance day counts: 5 days from 2026-02-11 includes that day",
       {"accepted_at": "2026-02-12T09:00:00+08:00", "limit_days": 5, "counts_acceptance_day": True,
        "now": "2026-02-12T09:00:00+08:00"}, due, "normal", between("2026-02-12", due))
    due = due_of("2026-12-18", 20)
    dl("a deadline running into 2027 is provisional", {"accepted_at": "2026-12-18T10:00:00+08:00", "limit_days": 20,
                                                       "now": "2026-12-18T10:00:00+08:00"}, due, "normal",
       between("2026-12-18", due))
    base = due_of("2024-03-01", 20)
    paused = between("2024-03-05", "2024-03-12")
    due = due_of("2024-03-01", 20 + paused)
    dl("an Art. 45 expert review from 03-05 to 03-12 pauses the clock",
       {"accepted_at": "2024-03-01T10:00:00+08:00", "limit_days": 20,
        "pauses": [{"start": "2024-03-05T09:00:00+08:00", "end": "2024-03-12T17:00:00+08:00"}],
        "now": "2024-03-13T10:00:00+08:00"}, due, "normal", between("2024-03-13", due), paused=paused)
    paused = between("2024-03-05", "2024-03-08")
    due = due_of("2024-03-01", 20 + paused)
    dl("an open pause runs until now", {"accepted_at": "2024-03-01T10:00:00+08:00", "limit_days": 20,
                                        "pauses": [{"start": "2024-03-05T09:00:00+08:00"}],
                                        "now": "2024-03-08T10:00:00+08:00"}, due, "normal",
       between("2024-03-08", due), paused=paused, paused_now=True)
    dl("a pause starting after the due date changes nothing", {"accepted_at": "2024-03-01T10:00:00+08:00",
                                                               "limit_days": 5, "pauses": [
            {"start": "2024-04-01T09:00:00+08:00", "end": "2024-04-03T09:00:00+08:00"}],
                                                               "now": "2024-03-02T10:00:00+08:00"},
       due_of("2024-03-01", 5), "normal", between("2024-03-02", due_of("2024-03-01", 5)))
    due = due_of("2024-03-01", 30)
    dl("an Art. 42 extension adds 10 working days", {"accepted_at": "2024-03-01T10:00:00+08:00", "limit_days": 20,
                                                     "extensions": [{"days": 10, "reason": "情况复杂，经负责人批准"}],
                                                     "now": "2024-03-02T10:00:00+08:00"}, due, "normal",
       between("2024-03-02", due))
    return cases


def error(name, request, code, message, path=None, text=None):
    err = {"code": code, "message": message}
    if path is not None:
        err["path"] = path
    c = {"name": name, "response": {"ok": False, "error": err}}
    if text is not None:
        c["request_text"] = text
    else:
        c["request"] = request
    return c


def error_cases():
    mx = "工作日数超出范围：应为 1 到 100000 之间的整数"
    return [
        error("not json", None, "bad_json", "请求不是有效的 JSON", text="not json"),
        error("empty line", None, "bad_json", "请求不是有效的 JSON", text=""),
        error("truncated json", None, "bad_json", "请求不是有效的 JSON", text='{"op":"is_workday",'),
        error("an array", None, "not_object", "请求应为 JSON 对象", text="[1,2]"),
        error("a string", None, "not_object", "请求应为 JSON 对象", text='"check_id"'),
        error("no op", {"value": "x"}, "missing_field", "缺少必填字段：op", "/op"),
        error("op not a string", {"op": 7}, "wrong_type", "字段 op 的类型应为字符串", "/op"),
        error("unknown op", {"op": "launch"}, "unknown_op", "不支持的操作：launch", "/op"),
        error("date missing", {"op": "is_workday"}, "missing_field", "缺少必填字段：date", "/date"),
        error("date a number", {"op": "is_workday", "date": 20240101}, "wrong_type", "字段 date 的类型应为字符串", "/date"),
        error("month 13", {"op": "is_workday", "date": "2024-13-01"}, "bad_date",
              "字段 date 不是有效的日期（应为 YYYY-MM-DD 格式的真实日期）", "/date"),
        error("2023-02-29", {"op": "is_workday", "date": "2023-02-29"}, "bad_date",
              "字段 date 不是有效的日期（应为 YYYY-MM-DD 格式的真实日期）", "/date"),
        error("empty date", {"op": "add_workdays", "date": "", "days": 1}, "bad_date",
              "字段 date 不是有效的日期（应为 YYYY-MM-DD 格式的真实日期）", "/date"),
        error("date with slashes", {"op": "is_workday", "date": "2024/01/01"}, "bad_date",
              "字段 date 不是有效的日期（应为 YYYY-MM-DD 格式的真实日期）", "/date"),
        error("before 2004", {"op": "is_workday", "date": "2003-12-31"}, "date_before_calendar",
              "日期早于节假日数据的起始年份 2004 年", "/date"),
        error("past the estimate horizon", {"op": "is_workday", "date": "2040-01-01"}, "date_after_calendar",
              "日期晚于节假日数据可推算的范围（2036 年）", "/date"),
        error("days 0", {"op": "add_workdays", "date": "2024-09-27", "days": 0}, "days_out_of_range", mx, "/days"),
        error("days -1", {"op": "add_workdays", "date": "2024-09-27", "days": -1}, "days_out_of_range", mx, "/days"),
        error("days 10^12", {"op": "add_workdays", "date": "2024-09-27", "days": 1000000000000},
              "days_out_of_range", mx, "/days"),
        error("days 1.5", {"op": "add_workdays", "date": "2024-09-27", "days": 1.5}, "wrong_type",
              "字段 days 的类型应为整数", "/days"),
        error("days a string", {"op": "add_workdays", "date": "2024-09-27", "days": "20"}, "wrong_type",
              "字段 days 的类型应为整数", "/days"),
        error("days null", {"op": "add_workdays", "date": "2024-09-27", "days": None}, "wrong_type",
              "字段 days 的类型应为整数", "/days"),
        error("days missing", {"op": "add_workdays", "date": "2024-09-27"}, "missing_field", "缺少必填字段：days",
              "/days"),
        error("result past the horizon", {"op": "add_workdays", "date": "2026-06-01", "days": 5000},
              "days_out_of_range", mx, "/days"),
        error("unknown region", {"op": "is_workday", "date": "2024-04-11", "region": "atlantis"}, "unknown_region",
              "未知的日历地区：atlantis", "/region"),
        error("check_id value a number", {"op": "check_id", "value": 110105}, "wrong_type",
              "字段 value 的类型应为字符串", "/value"),
        error("check_id bad as_of", {"op": "check_id", "value": "11010519491231002X", "as_of": "yesterday"},
              "bad_date", "字段 as_of 不是有效的日期（应为 YYYY-MM-DD 格式的真实日期）", "/as_of"),
        error("check_uscc missing value", {"op": "check_uscc"}, "missing_field", "缺少必填字段：value", "/value"),
        error("deadline bad timestamp", {"op": "deadline", "accepted_at": "2024-09-27 25:00", "limit_days": 5},
              "bad_timestamp", "字段 accepted_at 不是有效的时间（应为 2024-09-27T09:30:00+08:00 这样的格式）", "/accepted_at"),
        error("deadline extension without a reason",
              {"op": "deadline", "accepted_at": "2024-09-27T10:00:00+08:00", "limit_days": 5,
               "extensions": [{"days": 10}]}, "missing_reason", "延期必须说明理由", "/extensions/0/reason"),
        error("deadline pause ends before it starts",
              {"op": "deadline", "accepted_at": "2024-09-27T10:00:00+08:00", "limit_days": 5,
               "pauses": [{"start": "2024-09-30T10:00:00+08:00", "end": "2024-09-29T10:00:00+08:00"}]},
              "bad_interval", "中止期间的结束时间早于开始时间", "/pauses/0/end"),
    ]


def write(name, description, cases):
    doc = {"description": description, "context": {"now": "2026-06-01T10:00:00+08:00"}, "cases": cases}
    path = ROOT / "tests/vectors" / name
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(cases)} cases")


if __name__ == "__main__":
    write("calendar.json", "Working days: every holiday block of 2024-2026, make-up days, year boundaries, "
          "add_workdays and workdays_between (oracle: day-by-day walk)", calendar_cases())
    write("deadline.json", "Due dates and supervision levels (oracle: day-by-day walk)", deadline_cases())
    write("identity.json", "Resident IDs and credit codes: every reason, X, Feb 29, full-width input", identity_cases())
    write("errors.json", "Malformed requests: each an ok:false response with a stable code", error_cases())
