// The supervision center's 办理用时 in the staff console at a desk (1366×900). Applications are
// carried to issue over HTTP — two single items (a resident submits, the window's clerk accepts
// and dispatches, the department approves, the clerk issues) and the 出生一件事 bundle, stage by
// stage. The supervisor then opens the 办理用时 tab: the table is the server's answer to the same
// query (GET /api/v1/staff/supervision/stages) per item and bundle, per window and for one
// window, each stage's average in its cell; the stacked bar chart (ECharts, a chunk of its own)
// names the groups; 一件事减时间、减材料 lists the bundle, its reductions worked out from the
// server's numbers; 导出 CSV saves each table (BOM, Chinese header, RFC 4180) and 导出 Excel the
// same rows; a period with nothing issued says so in Chinese. axe finds nothing serious. The admin
// has the tab too. And with a stubbed answer, every figure is shown as given, and only the
// reductions in percent are worked out: round(100 × (1 − taken ÷ separate)).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startServer, launchBrowser, shot, deskPage, withFailureShots, settledTexts } from "./harness.mjs";
import { staffLogin, http, staffTokenByApi, ADMIN_TABS } from "./flows.mjs";
import {
  catalogOf,
  residentWithProfile,
  staffOf,
  act,
  exampleProfile,
  issuedItem as issuedItemOf,
  issuedBundle as issuedBundleOf,
} from "./workflow_steps.mjs";
import { seriousViolations } from "./resident_pages.mjs";
import { checkXlsxTable, readXlsx, numberLike } from "./xlsx_read.mjs";
import { parseCsv } from "./csv_read.mjs";

const P = "stages";

let server;
let browser;
let catalog;
let staff;
let sup;
let supToken;
/** The single items this file carries to issue: [item, the resident who files it]. */
const ITEMS = [
  ["birth_household_registration", "mother"], // 社会民生综合窗口
  ["id_card_renewal", "other"], // 公安户政出入境窗口
];
const BUNDLE = "birth"; // 出生一件事, 社会民生综合窗口

const item = (id) => catalog.items.find((i) => i.id === id);
const issuedItem = (token, itemId) => issuedItemOf(server, catalog, staff, token, itemId);
const issuedBundle = (token, bundleId, signer) => issuedBundleOf(server, catalog, staff, token, bundleId, signer);

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  catalog = await catalogOf(server);
  staff = staffOf(server);
  // The newborn's items name the mother as applicant: she files them; 身份证换领 is someone's own.
  const motherProfile = exampleProfile(item("birth_household_registration"));
  const tokens = {
    mother: await residentWithProfile(server, "13900139501", motherProfile),
    other: await residentWithProfile(server, "13900139502", exampleProfile(item("id_card_renewal"))),
  };
  for (const [itemId, who] of ITEMS) await issuedItem(tokens[who], itemId);
  await issuedBundle(tokens.mother, BUNDLE, motherProfile.name);
  sup = staff.accounts.find((a) => a.role === "supervisor");
  assert.ok(sup, "a demo supervisor");
  supToken = await staffTokenByApi(server.url, sup.username, sup.password);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const withShots = (page, name, body) => withFailureShots(page, P, name, server, body);

/** The server's figures for a query, asked over HTTP (as the supervisor unless told). */
async function figures(query = {}, token = supToken) {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v));
  const r = await http(server.url, "GET", `/staff/supervision/stages${q.size ? `?${q}` : ""}`, undefined, token);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

// ---- what the tables must show: the answer's numbers, formatted only -----------------------
const NONE = "—";
const num = (v) => (typeof v === "number" ? String(v) : NONE);
const dec = (v) => (typeof v === "number" ? v.toFixed(1) : NONE);
/** The reduction the page works out: how much less than the items one by one, whole percent. */
const cut = (v, whole) =>
  typeof v === "number" && typeof whole === "number" && whole > 0 ? `${Math.round(100 * (1 - v / whole)) || 0}%` : NONE;
const KIND = { item: "事项", bundle: "一件事", department: "部门", window: "窗口" };
const STAGES = [
  ["intake", "等待受理"],
  ["correction", "补正"],
  ["review", "审查"],
  ["paused", "暂停（特别程序）"],
  ["issue_wait", "等待出件"],
];
const BY_NAMES = { target: "按事项、一件事", department: "按部门", window: "按窗口" };

/** 办理用时 as an answer makes it: header, one row per group, 合计. */
function expectedTable(answer) {
  const times = (g) => [dec(g.avg_total_workdays), ...STAGES.map(([k]) => dec(g.stages?.[k]))];
  return {
    head: ["名称", "类型", "办结件数", "平均用时（工作日）", ...STAGES.map(([, label]) => label)],
    rows: answer.groups.map((g) => [g.name, KIND[g.kind], num(g.issued), ...times(g)]),
    total: ["合计", NONE, num(answer.total.issued), ...times(answer.total)],
  };
}

/** 一件事减时间、减材料 as an answer makes it: header, one row per bundle. */
function expectedReductions(answer) {
  return {
    head: [
      "名称",
      "办结件数",
      "逐项办理时限（工作日）",
      "承诺时限（工作日）",
      "实际用时（工作日）",
      "实际压减率（时间）",
      "承诺压减率（时间）",
      "逐项材料（份）",
      "承诺材料（份）",
      "实际提交（份）",
      "实际压减率（材料）",
      "承诺压减率（材料）",
    ],
    rows: answer.groups
      .filter((g) => g.kind === "bundle")
      .map((g) => {
        const d = g.reductions?.workdays || {};
        const m = g.reductions?.materials || {};
        return [
          g.name,
          num(g.issued),
          dec(d.separate),
          dec(d.promised),
          dec(d.taken),
          cut(d.taken, d.separate),
          cut(d.promised, d.separate),
          dec(m.separate),
          dec(m.promised),
          dec(m.given),
          cut(m.given, m.separate),
          cut(m.promised, m.separate),
        ];
      }),
  };
}

/** A table on the page, as text: header, the rows named `${rowPrefix}…`, the tfoot row if any. */
async function shownTable(page, table, rowPrefix) {
  return page.locator(`[data-test=${table}]`).evaluate((el, rowPrefix) => {
    const cells = (tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent.trim());
    const foot = el.querySelector("tfoot tr");
    return {
      head: cells(el.querySelector("thead tr")),
      rows: [...el.querySelectorAll(`tbody tr[data-test^=${rowPrefix}]`)].map(cells),
      ...(foot ? { total: cells(foot) } : {}),
    };
  }, rowPrefix);
}
const shownStages = (page) => shownTable(page, "st-table", "st-row-");
const shownReductions = (page) => shownTable(page, "st-red-table", "st-red-row-");

/** Waits until the table shows the answer to (by, from, to) and no request is under way. */
async function tableFor(page, { by, from, to }) {
  await page.locator(`[data-test=st-table][data-by="${by}"][data-from="${from}"][data-to="${to}"]`).waitFor();
  await page.waitForFunction(() => !document.querySelector('section[aria-busy="true"]'));
}

/** Waits until the chart's text holds each group's name and its average in total. */
async function chartShows(page, answer) {
  const want = answer.groups.flatMap((g) => [g.name, dec(g.avg_total_workdays)]);
  await page.waitForFunction((want) => {
    const text = [...document.querySelectorAll("[data-test=st-chart] svg text")].map((t) => t.textContent).join("");
    return want.every((w) => text.includes(w));
  }, want);
}

/** Does one thing on the page and resolves to the figures request it made. */
async function figuresRequest(page, action) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/v1/staff/supervision/stages")),
    action(),
  ]);
  return res;
}

/** Clicks a download button; resolves to {name, bytes}. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-test=${button}]`).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** Clicks a 导出 CSV button and checks the file: its name, the BOM, CRLF records, exactly `records`. */
async function checkCsv(page, button, expectName, records) {
  const csv = await download(page, button);
  assert.equal(csv.name, expectName);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 with a byte order mark");
  const text = csv.bytes.subarray(3).toString("utf8");
  assert.ok(!/[^\r]\n/.test(text), "records end with CRLF");
  assert.deepEqual(parseCsv(text), records, "the CSV is the table");
  return csv;
}

/** 导出 CSV and 导出 Excel of 办理用时: the table shown, 合计 last; the XLSX the very same records. */
async function checkStageExports(page, answer, expectName) {
  const t = expectedTable(answer);
  const records = [t.head, ...t.rows, t.total];
  await checkCsv(page, "st-export", expectName, records);
  const xlsx = await download(page, "st-export-xlsx");
  assert.equal(xlsx.name, expectName.replace(/\.csv$/, ".xlsx"));
  return checkXlsxTable(xlsx.bytes, records, `办理用时（${BY_NAMES[answer.by]}）`);
}

/**
 * 导出办结明细: the server's streamed CSV of every issued application of the period shown (and
 * window): one row each, as many as the figures count, each of a target the figures list.
 */
async function checkIssuedExport(page, answer, expectName, windowName) {
  const csv = await download(page, "st-export-issued");
  assert.equal(csv.name, expectName);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "UTF-8 with a byte order mark");
  const [head, ...rows] = parseCsv(csv.bytes.subarray(3).toString("utf8"));
  assert.deepEqual(head.slice(0, 6), ["申请编号", "事项或一件事", "类型", "窗口", "出件时间", "总用时（工作日）"]);
  assert.equal(rows.length, answer.total.issued, "one row per issued application");
  const names = new Set(answer.groups.map((g) => g.name));
  for (const row of rows) {
    assert.ok(names.has(row[1]), `${row[1]} is a target of the figures`);
    assert.ok(["事项", "一件事"].includes(row[2]));
    if (windowName) assert.equal(row[3], windowName);
  }
  assert.equal(
    (await page.locator("[data-test=st-detail-msg]").textContent()).trim(),
    "",
    "no message after the export",
  );
}

/** 导出 CSV and 导出 Excel of 一件事减时间、减材料: header and bundles (no 合计 row, none in bold). */
async function checkReductionExports(page, answer, expectName) {
  const t = expectedReductions(answer);
  const records = [t.head, ...t.rows];
  await checkCsv(page, "st-red-export", expectName, records);
  const xlsx = await download(page, "st-red-export-xlsx");
  assert.equal(xlsx.name, expectName.replace(/\.csv$/, ".xlsx"));
  const book = readXlsx(xlsx.bytes);
  assert.equal(book.sheet, "一件事减时间、减材料");
  assert.deepEqual(
    book.rows.map((r) => [...r].map((c) => c?.text ?? "")),
    records,
    "the sheet is the table",
  );
  book.rows.slice(1).forEach((row, r) =>
    row.forEach((cell, c) => {
      const want = c > 0 && numberLike(records[r + 1][c]) ? "number" : "string";
      assert.equal(cell.type, want, `cell ${r + 2}:${c + 1} (${records[r + 1][c]}) is a ${want}`);
      assert.equal(cell.bold, false, "no 合计 row: no bundle row in bold");
    }),
  );
  return book;
}

test(
  "the supervisor reads where the days went per item and bundle and per window, the bundle’s reductions, and exports both tables",
  { timeout: 180000 },
  async () => {
    const { ctx, page, errors } = await deskPage(browser);
    const scripts = [];
    page.on(
      "response",
      (r) => /\/assets\/.*\.js$/.test(new URL(r.url()).pathname) && scripts.push(new URL(r.url()).pathname),
    );
    await withShots(page, "supervisor", async () => {
      await staffLogin(page, server.url, sup.username, sup.password);
      const tabs = page.getByRole("tablist", { name: "督办中心" }).getByRole("tab");
      await tabs.last().waitFor(); // the console has rendered (the URL changes first)
      const expectedTabs = ["督办总览", "按时办结率", "好差评", "办理用时", "月度报告"];
      assert.deepEqual(await settledTexts(tabs, expectedTabs), expectedTabs);
      // The chart's code: stage_chart.js, or the shared on_time_chart.js chunk if it carries the stage chart.
      const chartChunk = /\/(stage_chart|on_time_chart)-[\w-]+\.js$/;
      assert.ok(!scripts.some((s) => chartChunk.test(s)), `no chart code before the tab is opened: ${scripts}`);

      // ---- the server's default period (this month up to today), per item and bundle ----------
      const res = await figuresRequest(page, () => page.locator("[data-test=supervisor-tab-stages]").click());
      assert.equal(res.status(), 200);
      const asked = new URL(res.url()).searchParams;
      assert.equal(asked.get("from"), null, "the first request leaves the period to the server");
      assert.equal(asked.get("by"), "target");
      await page.waitForURL(/\/staff\?tab=stages$/);
      const byTarget = await figures({ by: "target" });
      assert.equal(byTarget.total.issued, ITEMS.length + 1, "every application this file issued is counted");
      const group = (answer, id) => answer.groups.find((g) => g.id === id);
      const bundle = group(byTarget, BUNDLE);
      assert.ok(bundle, `the bundle has a row: ${JSON.stringify(byTarget.groups)}`);
      assert.deepEqual([bundle.kind, bundle.issued], ["bundle", 1]);
      for (const [id] of ITEMS)
        assert.deepEqual([group(byTarget, id)?.kind, group(byTarget, id)?.issued], ["item", 1], id);
      await tableFor(page, byTarget);
      const shown = await shownStages(page);
      assert.deepEqual(shown, expectedTable(byTarget), "the table is the server’s answer");
      assert.ok(shown.rows.length >= 3, "a row per item and bundle issued");
      // Each issued row has its average and every stage's, in working days with one decimal.
      for (const row of shown.rows) {
        assert.equal(row[2], "1");
        for (const cell of row.slice(3)) assert.match(cell, /^\d+\.\d$/, `a stage's average: ${row}`);
      }
      assert.equal(
        (await page.locator(`[data-test=st-row-${BUNDLE}] th`).textContent()).trim(),
        catalog.bundles.find((b) => b.id === BUNDLE).name,
      );
      assert.equal(await page.locator("[data-test=st-empty]").count(), 0, "not the empty state");
      assert.equal(await page.locator("[data-test=st-from]").inputValue(), byTarget.from, "the period is the server’s");
      assert.equal(await page.locator("[data-test=st-to]").inputValue(), byTarget.to);
      assert.ok(await page.locator("[data-test=st-by-target]").isChecked());

      // The chart: its own chunk; the groups by their Chinese names, with their averages; the legend.
      const chart = page.locator("[data-test=st-chart]");
      await chartShows(page, byTarget);
      assert.ok(
        scripts.some((s) => chartChunk.test(s)),
        `the chart chunk was loaded: ${scripts}`,
      );
      assert.equal(await chart.getAttribute("role"), "img");
      const label = await chart.getAttribute("aria-label");
      for (const g of byTarget.groups)
        assert.ok(
          label.includes(`${g.name} 平均 ${dec(g.avg_total_workdays)} 个工作日`),
          `the chart's label names ${g.name}: ${label}`,
        );
      assert.deepEqual(
        (await page.locator("[data-test=st-legend] li").allTextContents()).map((s) => s.trim()),
        STAGES.map(([, l]) => l),
      );

      // 一件事减时间、减材料: the bundle, its reductions from the server's numbers.
      const reductions = await shownReductions(page);
      assert.deepEqual(reductions, expectedReductions(byTarget));
      assert.equal(reductions.rows.length, 1, "one bundle issued");
      assert.equal(reductions.rows[0][0], bundle.name);
      assert.equal(reductions.rows[0][1], "1");
      assert.equal(
        typeof bundle.reductions?.workdays?.separate,
        "number",
        `the server gives the bundle's reductions: ${JSON.stringify(bundle)}`,
      );
      assert.match(reductions.rows[0][5], /^-?\d+%$/, "the reduction achieved, in percent");
      await shot(page, P, "by-target");
      await shot(page, P, "by-target-full", { fullPage: true });
      assert.deepEqual(await seriousViolations(page), [], "axe: no serious or critical violation");

      await checkStageExports(page, byTarget, `办理用时-按事项、一件事-${byTarget.from}至${byTarget.to}.csv`);
      await checkReductionExports(page, byTarget, `一件事减时间减材料-${byTarget.from}至${byTarget.to}.csv`);
      await checkIssuedExport(page, byTarget, `办结明细-${byTarget.from}至${byTarget.to}.csv`);
      assert.equal((await page.locator("[data-test=st-msg]").textContent()).trim(), "", "no message");

      // ---- per window: no bundle table ---------------------------------------------------------
      let r = await figuresRequest(page, () => page.locator("[data-test=st-by-window]").check());
      assert.equal(new URL(r.url()).searchParams.get("by"), "window");
      const byWindow = await figures({ by: "window", from: byTarget.from, to: byTarget.to });
      await tableFor(page, byWindow);
      assert.deepEqual(await shownStages(page), expectedTable(byWindow));
      assert.deepEqual(byWindow.groups.map((g) => [g.id, g.kind, g.issued]).sort(), [
        ["w_police", "window", 1],
        ["w_social", "window", 2],
      ]);
      await chartShows(page, byWindow);
      assert.equal(await page.locator("[data-test=st-red-table]").count(), 0, "per window no bundle table");
      await shot(page, P, "by-window");

      // ---- per department: each item's figures under its department, each bundle a row after ---
      r = await figuresRequest(page, () => page.locator("[data-test=st-by-department]").check());
      assert.equal(new URL(r.url()).searchParams.get("by"), "department");
      const byDepartment = await figures({ by: "department", from: byTarget.from, to: byTarget.to });
      await tableFor(page, byDepartment);
      assert.deepEqual(await shownStages(page), expectedTable(byDepartment));
      const departmentOf = (id) => catalog.items.find((i) => i.id === id).department;
      const issuedBy = {};
      for (const g of byTarget.groups.filter((x) => x.kind === "item"))
        issuedBy[departmentOf(g.id)] = (issuedBy[departmentOf(g.id)] || 0) + g.issued;
      assert.deepEqual(
        byDepartment.groups.map((g) => [g.id, g.kind, g.issued]),
        [
          ...Object.entries(issuedBy)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([d, n]) => [d, "department", n]),
          [BUNDLE, "bundle", byTarget.groups.find((g) => g.id === BUNDLE).issued],
        ],
      );
      assert.deepEqual(byDepartment.total, byTarget.total, "the same applications in another grouping");
      await shot(page, P, "by-department");

      // ---- one window, per item and bundle -----------------------------------------------------
      r = await figuresRequest(page, () => page.locator("[data-test=st-window]").selectOption("w_social"));
      assert.equal(new URL(r.url()).searchParams.get("window"), "w_social");
      r = await figuresRequest(page, () => page.locator("[data-test=st-by-target]").check());
      assert.equal(new URL(r.url()).searchParams.get("window"), "w_social");
      const social = await figures({ by: "target", from: byTarget.from, to: byTarget.to, window: "w_social" });
      const socialName = catalog.windows.find((w) => w.id === "w_social").name;
      await page.locator("[data-test=st-period]", { hasText: socialName }).waitFor();
      await tableFor(page, social);
      assert.deepEqual(await shownStages(page), expectedTable(social));
      assert.deepEqual(social.groups.map((g) => g.id).sort(), [BUNDLE, "birth_household_registration"].sort());
      assert.deepEqual(await shownReductions(page), expectedReductions(social));
      await checkStageExports(page, social, `办理用时-按事项、一件事-${socialName}-${social.from}至${social.to}.csv`);
      await checkReductionExports(page, social, `一件事减时间减材料-${socialName}-${social.from}至${social.to}.csv`);
      await checkIssuedExport(page, social, `办结明细-${socialName}-${social.from}至${social.to}.csv`, socialName);

      // ---- a period with nothing issued ---------------------------------------------------------
      await page.locator("[data-test=st-from]").fill("2025-01-01");
      await page.locator("[data-test=st-to]").fill("2025-01-31");
      r = await figuresRequest(page, () => page.locator("[data-test=st-search]").click());
      assert.equal(r.status(), 200);
      const none = await figures({ by: "target", from: "2025-01-01", to: "2025-01-31", window: "w_social" });
      await tableFor(page, none);
      assert.deepEqual(await shownStages(page), expectedTable(none));
      assert.equal((await page.locator("[data-test=st-empty]").textContent()).trim(), "所选期间没有办结的申请");
      assert.equal((await page.locator("[data-test=st-red-empty]").textContent()).trim(), "所选期间没有办结的一件事");
      assert.equal(await chart.count(), 0, "no chart of nothing");
      await shot(page, P, "empty-period");

      // A period the server refuses: its Chinese message.
      await page.locator("[data-test=st-from]").fill("2020-01-01");
      await page.locator("[data-test=st-to]").fill(byTarget.to);
      r = await figuresRequest(page, () => page.locator("[data-test=st-search]").click());
      assert.equal(r.status(), 400);
      const refused = await r.json();
      assert.equal(refused.error.code, "bad_period");
      await page.locator("[data-test=st-msg]", { hasText: refused.error.message }).waitFor();
      assert.deepEqual(errors, [], "no uncaught page errors");
    });
    await ctx.close();
  },
);

test("the admin has the 办理用时 tab too", { timeout: 90000 }, async () => {
  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, "admin", async () => {
    const admin = staff.accounts.find((a) => a.role === "admin");
    await staffLogin(page, server.url, admin.username, admin.password);
    const tabs = page.getByRole("tablist", { name: "系统管理" }).getByRole("tab");
    await tabs.last().waitFor();
    const expectedTabs = ADMIN_TABS;
    assert.deepEqual(await settledTexts(tabs, expectedTabs), expectedTabs);
    await page.locator("[data-test=admin-tab-stages]").click();
    await page.waitForURL(/\/staff\?tab=stages$/);
    const answer = await figures({ by: "target" }, await staffTokenByApi(server.url, admin.username, admin.password));
    await tableFor(page, answer);
    assert.deepEqual(await shownStages(page), expectedTable(answer));
    assert.ok(answer.groups.length >= 3, "the admin sees the same rows");
    await shot(page, P, "admin-tab");
    assert.deepEqual(errors, [], "no uncaught page errors");
  });
  await ctx.close();
});

test(
  "the figures are shown as the server gives them; only the reductions in percent are worked out",
  { timeout: 90000 },
  async () => {
    // A made-up answer (no server sends it): each figure must be shown as is.
    const answer = {
      ok: true,
      by: "target",
      from: "2026-11-01",
      to: "2026-11-30",
      groups: [
        {
          id: "birth",
          kind: "bundle",
          name: "出生一件事",
          issued: 12,
          avg_total_workdays: 6.3,
          stages: { intake: 0.5, correction: 1.2, review: 3.1, paused: 0.4, issue_wait: 1.1 },
          reductions: {
            workdays: { separate: 35, promised: 15, taken: 9.2 },
            materials: { separate: 14, promised: 8, given: 6.5 },
          },
        },
        {
          id: "slow",
          kind: "bundle",
          name: '名称含,逗号与"引号"',
          issued: 2,
          avg_total_workdays: 40,
          stages: { intake: 1, correction: 9, review: 28, paused: 0, issue_wait: 2 },
          reductions: {
            workdays: { separate: 35, promised: 15, taken: 36.4 },
            materials: { separate: 14, promised: 8 },
          },
        },
        {
          id: "birth_household_registration",
          kind: "item",
          name: "出生登记（新生儿落户）",
          issued: 3,
          avg_total_workdays: 2,
          stages: { intake: 0, correction: 0, review: 2, paused: 0, issue_wait: 0 },
        },
      ],
      total: {
        issued: 17,
        avg_total_workdays: 99.9,
        stages: { intake: 1, correction: 2, review: 3, paused: 4, issue_wait: 5 },
      },
    };
    const { ctx, page, errors } = await deskPage(browser);
    await withShots(page, "stubbed", async () => {
      await page.route("**/api/v1/staff/supervision/stages*", (route) =>
        route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(answer) }),
      );
      await staffLogin(page, server.url, sup.username, sup.password);
      await page.goto(`${server.url}/staff?tab=stages`);
      await tableFor(page, answer);
      const shown = await shownStages(page);
      assert.deepEqual(shown, expectedTable(answer));
      assert.deepEqual(shown.rows[0], ["出生一件事", "一件事", "12", "6.3", "0.5", "1.2", "3.1", "0.4", "1.1"]);
      assert.deepEqual(
        shown.total,
        ["合计", NONE, "17", "99.9", "1.0", "2.0", "3.0", "4.0", "5.0"],
        "the total as given, not summed",
      );
      const reductions = await shownReductions(page);
      assert.deepEqual(reductions, expectedReductions(answer));
      assert.deepEqual(reductions.rows[0].slice(2), [
        "35.0",
        "15.0",
        "9.2",
        "74%",
        "57%",
        "14.0",
        "8.0",
        "6.5",
        "54%",
        "43%",
      ]);
      assert.deepEqual(
        reductions.rows[1].slice(4, 7),
        ["36.4", "-4%", "57%"],
        "longer than one by one: a reduction below zero",
      );
      assert.deepEqual(reductions.rows[1].slice(9), [NONE, NONE, "43%"], "no figure given: none worked out");
      await chartShows(page, answer);
      await shot(page, P, "stubbed-figures");

      const t = expectedReductions(answer);
      const csv = await checkCsv(page, "st-red-export", "一件事减时间减材料-2026-11-01至2026-11-30.csv", [
        t.head,
        ...t.rows,
      ]);
      assert.ok(
        csv.bytes.toString("utf8").includes('"名称含,逗号与""引号"""'),
        "a field with a comma and quotes is quoted, its quotes doubled",
      );
      const book = await checkReductionExports(page, answer, "一件事减时间减材料-2026-11-01至2026-11-30.csv");
      // 74% is the number 0.74 shown as 74%; 35.0 the number 35 shown as 35.0.
      assert.deepEqual(
        book.rows[1].slice(2, 6).map((c) => [c.value, c.text]),
        [
          [35, "35.0"],
          [15, "15.0"],
          [9.2, "9.2"],
          [0.74, "74%"],
        ],
      );
      await checkStageExports(page, answer, "办理用时-按事项、一件事-2026-11-01至2026-11-30.csv");
      assert.deepEqual(await seriousViolations(page), [], "axe: no serious or critical violation");
      assert.deepEqual(errors, [], "no uncaught page errors");
    });
    await ctx.close();
  },
);
