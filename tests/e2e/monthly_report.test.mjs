// The supervision center's 月度报告 in the staff console at a desk (1366×900), and its print on A4.
// Applications are carried over HTTP: two single items and the 出生一件事 bundle to issue (a
// resident submits, the window accepts and dispatches, each department approves, the window
// issues; the bundle stage by stage), one of them rated; a fourth is left under review and the
// supervisor presses it (催办). The supervisor opens 月度报告: it shows last month first (empty on
// a new server, each section saying so), then, for this month, every section's table is the
// server's answer to the same query — 办件量 per week with the month's total
// (GET /api/v1/staff/supervision/volumes?interval=week), 按时办结率 per department (…/on_time),
// 办理用时 per item and bundle with 一件事减时间、减材料 (…/stages), 好差评 per department
// (…/ratings), 催办 per department (…/reminders), 容缺补交 per window (…/deferrals) — written
// as the figure tabs write them. axe
// finds nothing serious. In print media the console's bar, tabs, form and buttons are gone, the
// tables fit A4's width less its margins, and page.pdf makes an A4 PDF of one page or more
// (screenshots/report-*.pdf, with a PNG of the print layout at 794×1123). A section whose request
// fails says so in Chinese while the others show. The admin has the tab too.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { startServer, launchBrowser, shot, shotsDir, deskPage, withFailureShots, settledTexts } from "./harness.mjs";
import { staffLogin, http, staffTokenByApi, ADMIN_TABS } from "./flows.mjs";
import {
  catalogOf,
  residentWithProfile,
  submitExample,
  staffOf,
  act,
  exampleProfile,
  issuedItem as issuedItemOf,
  issuedBundle as issuedBundleOf,
} from "./workflow_steps.mjs";
import { seriousViolations } from "./resident_pages.mjs";

const P = "report";

let server;
let browser;
let catalog;
let staff;
let sup;
let supToken;
/** This month as the server counts it: "2026-03", its first day and today. */
let month;
let today;
const BUNDLE = "birth"; // 出生一件事, 社会民生综合窗口
const REMIND_NOTE = "请尽快审查，申请人急需办理";

const item = (id) => catalog.items.find((i) => i.id === id);
const issuedItem = (token, itemId) => issuedItemOf(server, catalog, staff, token, itemId);
const issuedBundle = (token, bundleId, signer) => issuedBundleOf(server, catalog, staff, token, bundleId, signer);

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
  catalog = await catalogOf(server);
  staff = staffOf(server);
  const motherProfile = exampleProfile(item("birth_household_registration"));
  const mother = await residentWithProfile(server, "13900139601", motherProfile);
  const other = await residentWithProfile(server, "13900139602", exampleProfile(item("id_card_renewal")));
  // Two items issued, the first rated 5.
  const rated = await issuedItem(mother, "birth_household_registration");
  const r = await http(
    server.url,
    "POST",
    `/applications/${rated.id}/rating`,
    { score: 5, comment: "办理很快" },
    mother,
  );
  assert.equal(r.status, 200, `rating: ${JSON.stringify(r.body)}`);
  await issuedItem(other, "id_card_renewal");
  await issuedBundle(mother, BUNDLE, motherProfile.name);
  sup = staff.accounts.find((a) => a.role === "supervisor");
  assert.ok(sup, "a demo supervisor");
  supToken = await staffTokenByApi(server.url, sup.username, sup.password);
  // One left under review, and the supervisor presses it.
  const open = await submitExample(server, mother, item("child_health_handbook"));
  const clerk = await staff.clerk(item("child_health_handbook").window);
  await act(server, clerk, `/staff/applications/${open.id}/accept`);
  const dispatched = await act(server, clerk, `/staff/applications/${open.id}/dispatch`);
  const task = dispatched.application.tasks.find((t) => t.kind === "review");
  await act(server, supToken, `/staff/tasks/${task.id}/remind`, { note: REMIND_NOTE });
  // This month and today as the server counts them (its default period).
  const d = await figures("reminders");
  month = d.from.slice(0, 7);
  today = d.to;
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const withShots = (page, name, body) => withFailureShots(page, P, name, server, body);

/** The server's answer of a figure route (volumes, on_time, …) to a query, asked over HTTP. */
async function figures(route, query = {}, token = supToken) {
  const q = new URLSearchParams(Object.entries(query).filter(([, v]) => v));
  const r = await http(server.url, "GET", `/staff/supervision/${route}${q.size ? `?${q}` : ""}`, undefined, token);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

/** The six answers the report of this month is made of (the period: this month up to today). */
async function monthAnswers(token = supToken) {
  const period = { from: `${month}-01` };
  return {
    volumes: await figures("volumes", { interval: "week", ...period }, token),
    on_time: await figures("on_time", { by: "department", ...period }, token),
    stages: await figures("stages", { by: "target", ...period }, token),
    ratings: await figures("ratings", { by: "department", ...period }, token),
    reminders: await figures("reminders", period, token),
    deferrals: await figures("deferrals", period, token),
  };
}

// ---- what the tables must show: the answers' numbers, formatted only -----------------------
const NONE = "—";
const num = (v) => (typeof v === "number" ? String(v) : NONE);
const dec = (v) => (typeof v === "number" ? v.toFixed(1) : NONE);
const pct = (v) => (typeof v === "number" ? `${v.toFixed(1)}%` : NONE);
const cut = (v, whole) =>
  typeof v === "number" && typeof whole === "number" && whole > 0 ? `${Math.round(100 * (1 - v / whole)) || 0}%` : NONE;
const md = (day) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
const days = (a, b) => (a === b ? md(a) : `${md(a)}—${md(b)}`);
const plus6 = (day) => new Date(Date.parse(`${day}T00:00:00Z`) + 6 * 86400000).toISOString().slice(0, 10);
const MEASURES = ["received", "accepted", "issued", "refused", "rejected"];
const STAGES = ["intake", "correction", "review", "paused", "issue_wait"];
const STAGE_NAMES = ["等待受理", "补正", "审查", "暂停（特别程序）", "等待出件"];
const KIND = { item: "事项", bundle: "一件事", window: "窗口" };

const EXPECTED = {
  volumes: (a) => ({
    head: ["周次", "日期", "收件", "受理", "出件", "不予受理", "不予许可"],
    rows: a.series.map((b, i) => {
      const first = b.start < a.from ? a.from : b.start;
      const last = plus6(b.start) > a.to ? a.to : plus6(b.start);
      return [`第${i + 1}周`, days(first, last), ...MEASURES.map((k) => num(b[k]))];
    }),
    total: ["合计", days(a.from, a.to), ...MEASURES.map((k) => num(a.total[k]))],
  }),
  on_time: (a) => ({
    head: [
      "部门",
      "办结数",
      "按时",
      "超期",
      "按时办结率",
      "平均用时（工作日）",
      "P90 用时（工作日）",
      "平均承诺时限（工作日）",
    ],
    rows: a.groups.map((g) => [
      g.name,
      num(g.decided),
      num(g.on_time),
      num(g.late),
      pct(g.on_time_rate),
      dec(g.avg_workdays),
      num(g.p90_workdays),
      dec(g.avg_limit_days),
    ]),
    total: [
      "合计",
      num(a.total.decided),
      num(a.total.on_time),
      num(a.total.late),
      pct(a.total.on_time_rate),
      dec(a.total.avg_workdays),
      NONE,
      NONE,
    ],
  }),
  stages: (a) => {
    const times = (g) => [dec(g.avg_total_workdays), ...STAGES.map((k) => dec(g.stages?.[k]))];
    return {
      head: ["名称", "类型", "办结件数", "平均用时（工作日）", ...STAGE_NAMES],
      rows: a.groups.map((g) => [g.name, KIND[g.kind], num(g.issued), ...times(g)]),
      total: ["合计", NONE, num(a.total.issued), ...times(a.total)],
    };
  },
  // The tab's twelve columns under a header of three rows, to fit the page: 时间（工作日） and
  // 材料（份）, each over 逐项, 承诺, 实际 and 压减率 (实际, 承诺).
  reductions: (a) => ({
    head: [
      ["名称", "办结件数", "时间（工作日）", "材料（份）"],
      ["逐项", "承诺", "实际", "压减率", "逐项", "承诺", "实际", "压减率"],
      ["实际", "承诺", "实际", "承诺"],
    ],
    rows: a.groups
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
  }),
  ratings: (a) => ({
    head: ["部门", "评价数", "好评", "差评", "好评率", "平均分"],
    rows: a.groups.map((g) => [g.name, num(g.rated), num(g.good), num(g.bad), pct(g.good_rate), dec(g.avg_score)]),
    total: [
      "合计",
      num(a.total.rated),
      num(a.total.good),
      num(a.total.bad),
      pct(a.total.good_rate),
      dec(a.total.avg_score),
    ],
  }),
  reminders: (a) => ({
    head: ["部门", "督办人员催办（次）", "系统自动催办（次）", "涉及审查任务（个）"],
    rows: a.groups.map((g) => [g.name, num(g.by_staff), num(g.automatic), num(g.tasks)]),
    total: ["合计", num(a.total.by_staff), num(a.total.automatic), num(a.total.tasks)],
  }),
  deferrals: (a) => ({
    head: ["窗口", "补交（份）", "按期", "逾期补交", "按期补交率", "窗口代收", "手机补交"],
    rows: a.groups.map((g) => [
      g.name,
      num(g.supplied),
      num(g.on_time),
      num(g.late),
      pct(g.on_time_rate),
      num(g.by_clerk),
      num(g.by_resident),
    ]),
    total: [
      "合计",
      num(a.total.supplied),
      num(a.total.on_time),
      num(a.total.late),
      pct(a.total.on_time_rate),
      NONE,
      NONE,
    ],
  }),
};
/** Each table of the report: its key (data-test mr-table-<key>) and the answer it is made of. */
const TABLES = [
  ["volumes", "volumes"],
  ["on_time", "on_time"],
  ["stages", "stages"],
  ["reductions", "stages"],
  ["ratings", "ratings"],
  ["reminders", "reminders"],
  ["deferrals", "deferrals"],
];
const SECTION_TITLES = [
  "一、办件量",
  "二、按时办结率（按部门）",
  "三、办理用时（按事项、一件事）",
  "四、好差评（按部门）",
  "五、催办（按部门）",
  "六、容缺补交（按窗口）",
];

/** A table of the report, as text: header (its rows, when two), the rows named mr-<key>-row-…, the tfoot row if any. */
async function shownTable(page, key) {
  return page.locator(`[data-test=mr-table-${key}]`).evaluate((el, key) => {
    const cells = (tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent.trim());
    const foot = el.querySelector("tfoot tr");
    const head = [...el.querySelectorAll("thead tr")].map(cells);
    return {
      head: head.length === 1 ? head[0] : head,
      rows: [...el.querySelectorAll(`tbody tr[data-test^=mr-${key}-row-]`)].map(cells),
      ...(foot ? { total: cells(foot) } : {}),
    };
  }, key);
}

/** Waits until every table shows the period [from, to] and no section is loading. */
async function reportFor(page, from, to, keys = TABLES.map(([k]) => k)) {
  for (const key of keys)
    await page.locator(`[data-test=mr-table-${key}][data-from="${from}"][data-to="${to}"]`).waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-test=mr-sheet][aria-busy="true"]'));
}

/** Checks every table against the answers. */
async function checkTables(page, answers) {
  for (const [key, route] of TABLES)
    assert.deepEqual(await shownTable(page, key), EXPECTED[key](answers[route]), `${key}: the server’s numbers`);
}

const lastMonthOf = (m) => {
  const [y, mo] = m.split("-").map(Number);
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, "0")}`;
};
const monthEnd = (m) => {
  const [y, mo] = m.split("-").map(Number);
  return `${m}-${String(new Date(Date.UTC(y, mo, 0)).getUTCDate()).padStart(2, "0")}`;
};
const cnMonth = (m) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
const cnDay = (d) => `${d.slice(0, 4)}年${md(d)}`;

/** Whether an element is shown (rendered with a box). */
const shown = (page, selector) => page.locator(selector).first().isVisible();

/** The number of pages of a PDF made by Chromium (its page objects). */
const pdfPages = (bytes) => (bytes.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;

test(
  "the supervisor reads last month’s and this month’s report, the server’s figures in every section, and prints it on A4",
  { timeout: 180000 },
  async () => {
    const { ctx, page, errors } = await deskPage(browser);
    await withShots(page, "supervisor", async () => {
      await staffLogin(page, server.url, sup.username, sup.password);
      const tabs = page.getByRole("tablist", { name: "督办中心" }).getByRole("tab");
      await tabs.last().waitFor();
      const expectedTabs = ["督办总览", "按时办结率", "好差评", "办理用时", "月度报告"];
      assert.deepEqual(await settledTexts(tabs, expectedTabs), expectedTabs);

      // ---- last month first: its whole period, nothing in it on a new server ----------------------
      await page.locator("[data-test=supervisor-tab-report]").click();
      await page.waitForURL(/\/staff\?tab=report$/);
      const last = lastMonthOf(month);
      assert.equal(await page.locator("[data-test=mr-month]").inputValue(), last, "last month by default");
      const lastKeys = ["volumes", "on_time", "stages", "reductions", "ratings", "reminders", "deferrals"];
      await reportFor(page, `${last}-01`, monthEnd(last), lastKeys);
      assert.equal((await page.locator("[data-test=mr-month-title]").textContent()).trim(), cnMonth(last));
      assert.equal(
        (await page.locator("[data-test=mr-period]").textContent()).trim(),
        `${cnDay(`${last}-01`)} 至 ${cnDay(monthEnd(last))}（含起止当天）`,
      );
      const lastAnswers = {
        volumes: await figures("volumes", { interval: "week", from: `${last}-01`, to: monthEnd(last) }),
        on_time: await figures("on_time", { by: "department", from: `${last}-01`, to: monthEnd(last) }),
        stages: await figures("stages", { by: "target", from: `${last}-01`, to: monthEnd(last) }),
        ratings: await figures("ratings", { by: "department", from: `${last}-01`, to: monthEnd(last) }),
        reminders: await figures("reminders", { from: `${last}-01`, to: monthEnd(last) }),
        deferrals: await figures("deferrals", { from: `${last}-01`, to: monthEnd(last) }),
      };
      await checkTables(page, lastAnswers);
      assert.ok(lastAnswers.volumes.series.length >= 4, "every week of last month is listed");
      for (const [key, text] of [
        ["on_time", "本月没有办结的部门审查"],
        ["stages", "本月没有办结的申请"],
        ["reductions", "本月没有办结的一件事"],
        ["ratings", "本月没有评价"],
        ["reminders", "本月没有催办"],
        ["deferrals", "本月没有补交的容缺材料"],
      ])
        assert.equal((await page.locator(`[data-test=mr-${key}-empty]`).textContent()).trim(), text);

      // ---- this month: every figure this file made, as the server counts it ------------------------
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().includes("/api/v1/staff/supervision/volumes")),
        page.locator("[data-test=mr-month]").fill(month),
      ]);
      const asked = new URL(res.url()).searchParams;
      assert.deepEqual(
        [asked.get("interval"), asked.get("from"), asked.get("to")],
        ["week", `${month}-01`, null],
        "this month: up to today, the server’s default end",
      );
      await reportFor(page, `${month}-01`, today);
      const answers = await monthAnswers();
      await checkTables(page, answers);

      // What this file did is in the figures: 4 received, 3 items issued plus the bundle's stages …
      const bundle = catalog.bundles.find((b) => b.id === BUNDLE);
      assert.equal(answers.volumes.total.received, 4);
      assert.equal(answers.volumes.total.issued, 2 + bundle.stages.length);
      assert.deepEqual((await shownTable(page, "volumes")).total.slice(2), [
        "4",
        "4",
        String(2 + bundle.stages.length),
        "0",
        "0",
      ]);
      assert.ok(answers.on_time.total.decided >= 3, "the decided reviews");
      assert.equal(answers.stages.total.issued, 3);
      assert.deepEqual(
        (await shownTable(page, "reductions")).rows.map((r) => r[0]),
        [bundle.name],
      );
      // Each cell of the bundle's row names its headers: the row's name and the tab's column, in words.
      const cellHeaders = await page.locator(`[data-test=mr-reductions-row-${BUNDLE}] td`).evaluateAll((tds) =>
        tds.map((td) =>
          td
            .getAttribute("headers")
            .split(" ")
            .map((id) => document.getElementById(id).textContent.trim())
            .join(" › "),
        ),
      );
      assert.deepEqual(
        cellHeaders,
        [
          "办结件数",
          "时间（工作日） › 逐项",
          "时间（工作日） › 承诺",
          "时间（工作日） › 实际",
          "时间（工作日） › 压减率 › 实际",
          "时间（工作日） › 压减率 › 承诺",
          "材料（份） › 逐项",
          "材料（份） › 承诺",
          "材料（份） › 实际",
          "材料（份） › 压减率 › 实际",
          "材料（份） › 压减率 › 承诺",
        ].map((h) => `${bundle.name} › ${h}`),
      );
      assert.equal(
        answers.ratings.groups.length > 0 && answers.ratings.groups.every((g) => g.rated === 1 && g.good === 1),
        true,
      );
      assert.deepEqual(answers.reminders.total, { by_staff: 1, automatic: 0, tasks: 1 });
      assert.equal((await shownTable(page, "reminders")).rows.length, 1, "the department reminded");
      // 容缺: what is owed now, under the table, as the server counts it.
      const overview = (await http(server.url, "GET", "/staff/overview", undefined, supToken)).body;
      const owed = { owed: overview.counts.owed, overdue: overview.counts.owed_overdue };
      assert.match(
        await page.getByRole("region", { name: "六、容缺补交（按窗口）" }).locator(".note").textContent(),
        new RegExp(`仍欠交 ${owed.owed} 份，其中已逾期 ${owed.overdue} 份`),
      );

      // The title block: the title, the month, the server's period, when it was made, the note.
      assert.equal(
        (await page.locator("[data-test=mr-title]").textContent()).trim(),
        "一鹿快办 政务服务中心 月度监管报告",
      );
      const upTo = today === monthEnd(month) ? "" : `（截至${md(today)}）`;
      assert.equal((await page.locator("[data-test=mr-month-title]").textContent()).trim(), `${cnMonth(month)}${upTo}`);
      assert.equal(
        (await page.locator("[data-test=mr-period]").textContent()).trim(),
        `${cnDay(`${month}-01`)} 至 ${cnDay(today)}（含起止当天）`,
      );
      assert.match(
        (await page.locator("[data-test=mr-generated]").textContent()).trim(),
        /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/,
      );
      assert.match(await page.locator("[data-test=mr-note]").textContent(), /工作日/);
      assert.deepEqual(
        (await page.locator("[data-test=mr-sheet] h3").allTextContents()).map((s) => s.trim()),
        SECTION_TITLES,
      );
      for (const title of SECTION_TITLES) assert.ok(await page.getByRole("region", { name: title }).isVisible(), title);
      // Each table is named for a screen reader.
      for (const [key] of TABLES)
        assert.ok((await page.locator(`[data-test=mr-table-${key}] caption`).textContent()).trim());
      assert.equal(await page.getByLabel("报告月份").getAttribute("data-test"), "mr-month");
      assert.equal(await page.locator("[role=alert][data-test^=mr-msg-]").count(), 0, "no section failed");
      assert.deepEqual(await seriousViolations(page), [], "axe: no serious or critical violation");
      await shot(page, P, "this-month", { fullPage: true });

      // 打印 / 存为 PDF calls the browser's print.
      await page.evaluate(() => {
        window.__printed = 0;
        window.print = () => (window.__printed += 1);
      });
      await page.locator("[data-test=mr-print]").click();
      assert.equal(await page.evaluate(() => window.__printed), 1, "the print dialog is asked for");

      // ---- print media: the sheet alone, on A4's width ------------------------------------------
      await page.emulateMedia({ media: "print" });
      for (const sel of [
        ".console .top",
        "[role=tablist]",
        "[data-test=mr-form]",
        "[data-test=mr-print]",
        "[data-test=logout]",
      ])
        assert.equal(await shown(page, sel), false, `${sel} is not printed`);
      for (const [key] of TABLES) assert.ok(await shown(page, `[data-test=mr-table-${key}]`), `${key} is printed`);
      assert.ok(await shown(page, "[data-test=mr-title]"));
      // A4 less 15 mm margins is 180 mm ≈ 680 CSS px: nothing wider than that, no table cut off.
      await page.setViewportSize({ width: 680, height: 1000 });
      const fit = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        tables: [...document.querySelectorAll("[data-test^=mr-table-]")].map((t) => [
          t.dataset.test,
          t.getBoundingClientRect().right,
        ]),
        font: getComputedStyle(document.querySelector("[data-test=mr-table-volumes] td")).fontSize,
        head: getComputedStyle(document.querySelector("[data-test=mr-table-volumes] thead")).display,
      }));
      assert.ok(fit.page <= 680, `the page is no wider than A4's text width: ${fit.page}px`);
      for (const [name, right] of fit.tables) assert.ok(right <= 680.5, `${name} fits: its right edge at ${right}px`);
      assert.equal(fit.font, "14px", "tables in 10.5pt");
      assert.equal(fit.head, "table-header-group", "the header repeats on each page");
      // What a printed A4 page looks like (the viewport of A4 at 96 dpi), and the PDF.
      await page.setViewportSize({ width: 794, height: 1123 });
      await shot(page, P, "print-a4", { fullPage: true });
      mkdirSync(shotsDir, { recursive: true });
      const pdfPath = join(shotsDir, `${P}-monthly-${month}.pdf`);
      await page.pdf({ path: pdfPath, format: "A4" });
      const pdf = readFileSync(pdfPath);
      assert.ok(statSync(pdfPath).size > 1000, "a PDF was written");
      assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-");
      const pages = pdfPages(pdf);
      assert.ok(pages >= 1, `the PDF has a page or more: ${pages}`);
      const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString("latin1"));
      assert.ok(box, "the PDF names its page size");
      const [w, h] = [Number(box[1]), Number(box[2])]; // Chromium rounds the page to whole CSS px: 595.92 × 842.88
      assert.ok(Math.abs(w - 595.3) < 2 && Math.abs(h - 841.9) < 2, `A4 portrait (595×842 pt): ${w}×${h}`);
      await page.emulateMedia({ media: "screen" });
      assert.ok(await shown(page, "[data-test=mr-form]"), "on screen the form is back");
      assert.deepEqual(errors, [], "no uncaught page errors");
    });
    await ctx.close();
  },
);

test("a section whose figures fail says so in Chinese; the others show", { timeout: 90000 }, async () => {
  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, "failed-section", async () => {
    await page.route("**/api/v1/staff/supervision/reminders*", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({ ok: false, error: { code: "unavailable", message: "服务暂时不可用，请稍后再试" } }),
      }),
    );
    await staffLogin(page, server.url, sup.username, sup.password);
    await page.goto(`${server.url}/staff?tab=report`);
    const last = lastMonthOf(month);
    await reportFor(page, `${last}-01`, monthEnd(last), ["volumes", "on_time", "stages", "reductions", "ratings"]);
    const msg = page.locator("[data-test=mr-msg-reminders]");
    assert.equal((await msg.textContent()).trim(), "催办未能加载：服务暂时不可用，请稍后再试");
    assert.equal(await msg.getAttribute("role"), "alert");
    assert.equal(await page.locator("[data-test=mr-table-reminders]").count(), 0);
    assert.equal(await page.locator("[data-test^=mr-msg-]").count(), 1, "only that section failed");
    await page.emulateMedia({ media: "print" });
    assert.ok(await shown(page, "[data-test=mr-msg-reminders]"), "the failure is printed too");
    await page.emulateMedia({ media: "screen" });
    await shot(page, P, "failed-section", { fullPage: true });
    assert.deepEqual(errors, [], "no uncaught page errors");
  });
  await ctx.close();
});

test("the admin has the 月度报告 tab too", { timeout: 90000 }, async () => {
  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, "admin", async () => {
    const admin = staff.accounts.find((a) => a.role === "admin");
    await staffLogin(page, server.url, admin.username, admin.password);
    const tabs = page.getByRole("tablist", { name: "系统管理" }).getByRole("tab");
    await tabs.last().waitFor();
    const expectedTabs = ADMIN_TABS;
    assert.deepEqual(await settledTexts(tabs, expectedTabs), expectedTabs);
    await page.locator("[data-test=admin-tab-report]").click();
    await page.waitForURL(/\/staff\?tab=report$/);
    await page.locator("[data-test=mr-month]").fill(month);
    await reportFor(page, `${month}-01`, today);
    await checkTables(page, await monthAnswers(await staffTokenByApi(server.url, admin.username, admin.password)));
    assert.deepEqual(errors, [], "no uncaught page errors");
  });
  await ctx.close();
});
