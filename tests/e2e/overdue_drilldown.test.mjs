// 督办总览 drilled down to one overdue application, at a desk (1366×900). The server lives through
// a made-up year of 2,000 applications first (`--demo-year 2000`), so some work is late at the end
// of it. The supervisor opens 督办总览, picks 已超期 and sees the server's overdue list (its counts,
// its rows, its labels), opens one and reads it read-only: its status, its due date marked 已超期,
// its tasks and its whole timeline, each as the server answered. When an overdue application has
// a review still open, the supervisor presses 催办 on it, and the department's reviewer
// (reviewer-<department>) finds the note on the task in their own list (a year may end
// with no overdue review still open: that test then says so and is skipped). What the pages must show
// is asked of the API (GET /api/v1/staff/overview?level=overdue, /staff/applications/{id},
// /staff/tasks), never worked out here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, shot, deskPage, withFailureShots } from './harness.mjs';
import { staffLogin, http, staffTokenByApi } from './flows.mjs';
import { demoAccounts } from './accounts.mjs';
import { seriousViolations } from './resident_pages.mjs';
import { csvFileRecords } from './csv_read.mjs';
import { readXlsx } from './xlsx_read.mjs';
import { readFileSync } from 'node:fs';

const P = 'overdue';
const NOTE = '该件已超承诺办结时限，请于今日内办结并将结果报督办室。';
const LEVEL_ORDER = ['overdue', 'red', 'yellow', 'normal'];

let server;
let browser;
let accounts;
let sup; // the demo supervisor account
let supToken;

before(async () => {
  server = await startServer({ demo: true, demoYear: 2000 });
  browser = await launchBrowser();
  accounts = demoAccounts(server.log());
  sup = accounts.find((a) => a.role === 'supervisor');
  assert.ok(sup, 'a demo supervisor');
  supToken = await staffTokenByApi(server.url, sup.username, sup.password);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const withShots = (page, name, body) => withFailureShots(page, P, name, server, body);

// ---- the server's answers ------------------------------------------------------------------

/** GET over HTTP as `token`, asserted 200; resolves to the body. */
async function get(path, token = supToken) {
  const r = await http(server.url, 'GET', path, undefined, token);
  assert.equal(r.status, 200, `GET ${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** The whole overdue list of the overview (every page), with the first page's counts. */
async function overdueOverview() {
  const first = await get('/staff/overview?level=overdue');
  const applications = [...first.applications];
  for (let cursor = first.next_cursor; cursor; ) {
    const next = await get(`/staff/overview?level=overdue&cursor=${encodeURIComponent(cursor)}`);
    applications.push(...next.applications);
    cursor = next.next_cursor;
  }
  return { ...first, applications };
}

/** An open review of an application the supervisor may 催办 (the server's `can_remind`). */
const remindable = (a) => (a.tasks || []).find((t) => t.kind === 'review' && t.can_remind === true);

// ---- what the page shows: the server's values, formatted only ------------------------------
const numberFormat = new Intl.NumberFormat('zh-CN');
/** A date as the console writes it: 2026年12月4日. */
function cnDate(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value || ''));
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : '';
}
/** A time as the console writes it, in China Standard Time: 2026年12月4日 09:05. */
function cnDateTime(value) {
  const t = new Date(Date.parse(value) + 8 * 3600e3);
  const p = (n) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
}
/** The 办结期限 cell of an overview row: the due date once accepted, else the "if accepted now" one. */
function dueCell(a) {
  if (a.deadline?.due_date) return cnDate(a.deadline.due_date);
  if (a.due_preview?.due_date) return `若今日受理 ${cnDate(a.due_preview.due_date)}`;
  return '';
}

/** Clicks a download button; resolves to {name, bytes}. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-test=${button}]`).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** The records an open-applications export must hold for the server's views `apps`. */
function openRecords(apps) {
  const due = (a) => a.deadline?.due_date || (a.due_preview?.due_date ? `若今日受理 ${a.due_preview.due_date}` : '');
  const levels = { overdue: '已超期', red: '红牌预警', yellow: '黄牌预警', normal: '正常' };
  return [
    ['申请编号', '事项或一件事', '窗口', '状态', '办结期限', '督办级别', '提交时间'],
    ...apps.map((a) => [a.id, a.target_name || a.target_id, a.window_name, a.status_label, due(a), levels[a.level], a.submitted_at]),
  ];
}

/** The overview's rows on the page: [{id, cells, level}]. */
function shownRows(page) {
  return page.locator('[data-test=overview-list] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      id: tr.dataset.test.replace(/^overview-/, ''),
      cells: [...tr.querySelectorAll('td')].map((td) => td.innerText.replace(/\s+/g, ' ').trim()),
      level: tr.querySelector('[data-level]')?.dataset.level || '',
    })),
  );
}

/** The timeline on the page: [{kind, at, title}]. */
function shownTimeline(page) {
  return page.locator('[data-test=timeline] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      kind: tr.dataset.kind,
      at: tr.querySelector('td').textContent.trim(),
      title: tr.querySelector('.ev-title').textContent.trim(),
    })),
  );
}

/** The 催办 listed inside `scope`, oldest first: [[by_kind, note]]. */
function remindersShown(scope) {
  return scope
    .locator('[data-test=reminder]')
    .evaluateAll((lis) => lis.map((li) => [li.dataset.by, li.querySelector('[data-test=reminder-note]')?.textContent.trim() || '']));
}

/**
 * Signs the supervisor in, picks 已超期 in 督办总览 and waits for the list of the answer the page
 * got; resolves to that answer (the page's own GET /staff/overview?level=overdue).
 */
async function overdueListShown(page) {
  await staffLogin(page, server.url, sup.username, sup.password);
  await page.locator('[data-test=supervisor-tab-overview][aria-selected=true]').waitFor();
  await page.locator('[data-test=count-overdue]').waitFor();
  const filter = page.locator('[data-test=filter-overdue]');
  const [res] = await Promise.all([
    page.waitForResponse((r) => {
      const u = new URL(r.url());
      return u.pathname === '/api/v1/staff/overview' && u.searchParams.get('level') === 'overdue' && !u.searchParams.get('cursor');
    }),
    filter.click(),
  ]);
  assert.equal(res.status(), 200, 'the overdue list was answered');
  const answer = await res.json();
  assert.equal(await filter.getAttribute('aria-pressed'), 'true', '已超期 is the level picked');
  const ids = answer.applications.map((a) => a.id);
  await page.waitForFunction(
    (ids) => {
      const trs = [...document.querySelectorAll('[data-test=overview-list] tbody tr')];
      return trs.length === ids.length && trs.every((tr, i) => tr.dataset.test === `overview-${ids[i]}`);
    },
    ids,
  );
  return answer;
}

/** Clicks an overview row and resolves to the application as the page got it (GET /staff/applications/{id}). */
async function openRow(page, id) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/staff/applications/${id}` && r.request().method() === 'GET'),
    page.locator(`[data-test="overview-${id}"]`).click(),
  ]);
  assert.equal(res.status(), 200, `the supervisor may read ${id}`);
  const detail = await res.json();
  await page.locator('[data-test=panel-status]').waitFor();
  await page.waitForFunction((id) => [...document.querySelectorAll('dd')].some((dd) => dd.textContent.trim() === id), id);
  return detail;
}

test('the supervisor filters 督办总览 to 已超期 and reads one overdue application: its level, its tasks and its timeline are the server’s', { timeout: 180000 }, async () => {
  // What the server says is overdue now: there must be some at the end of a made-up year.
  const api = await overdueOverview();
  assert.ok(api.counts.overdue >= 1, `the demo year leaves at least one application overdue: ${JSON.stringify(api.counts)}`);
  assert.equal(api.total, api.counts.overdue, 'the overdue list is as long as the overdue count');
  assert.equal(api.applications.length, api.total, 'every page of it was read');
  for (const a of api.applications) assert.equal(a.level, 'overdue', `${a.id} is listed as overdue: ${a.level}`);

  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, 'drilldown', async () => {
    const answer = await overdueListShown(page);
    assert.deepEqual(
      answer.applications.map((a) => a.id).sort(),
      api.applications.slice(0, answer.applications.length).map((a) => a.id).sort(),
      'the page asked the same question and got the same overdue applications',
    );

    // ---- the counts and the list are the server's answer ----------------------------------
    for (const k of LEVEL_ORDER) {
      assert.equal((await page.locator(`[data-test=count-${k}]`).textContent()).trim(), numberFormat.format(answer.counts[k] || 0), `the ${k} count`);
    }
    const listPanel = page.locator('section.panel', { has: page.locator('[data-test=overview-list]') });
    assert.match((await listPanel.locator('h2').textContent()).trim(), /^在办申请（已超期）/, 'the list says which level it holds');
    assert.equal((await listPanel.locator('[data-test=list-total]').textContent()).trim(), `共 ${answer.total} 条`);
    const rows = await shownRows(page);
    assert.deepEqual(
      rows.map((r) => r.id),
      answer.applications.map((a) => a.id),
      'the rows are the server’s, in its order',
    );
    for (const [i, a] of answer.applications.entries()) {
      const [what, windowName, status, due, level] = rows[i].cells;
      assert.ok(what.includes(a.target_name || a.target_id) && what.includes(a.id), `the row names ${a.id}: ${what}`);
      assert.equal(windowName, a.window_name, `${a.id}: the window`);
      assert.equal(status, a.status_label, `${a.id}: the server’s status label`);
      assert.equal(due, dueCell(a), `${a.id}: the due date`);
      assert.equal(level, '已超期', `${a.id}: marked 已超期`);
      assert.equal(rows[i].level, a.level, `${a.id}: the badge is the server’s level`);
    }
    assert.equal(await listPanel.locator('[data-test=load-more]').count(), answer.next_cursor ? 1 : 0, '加载更多 only while the server has more');
    await shot(page, P, 'overdue-list');

    // ---- 导出: every overdue application (not only the pages shown), and the counts ----------
    const day = answer.as_of.slice(0, 10);
    const csv = await download(page, 'ov-open-csv');
    assert.equal(csv.name, `督办总览-在办申请-已超期-${day}.csv`);
    const exported = csvFileRecords(csv.bytes);
    const byId = new Map(api.applications.map((a) => [a.id, a]));
    assert.equal(exported.length - 1, api.applications.length, 'every overdue application of the server, every page');
    const expected = openRecords(exported.slice(1).map((r) => byId.get(r[0]) || { id: r[0] }));
    assert.deepEqual(exported, expected, 'each row is the server’s view of that application');
    assert.deepEqual(exported.slice(1).map((r) => r[0]), api.applications.map((a) => a.id), 'in the list’s order');
    await page.locator('[data-test=ov-export-msg]', { hasText: `已导出 ${numberFormat.format(api.applications.length)} 件在办申请` }).waitFor();
    const xlsx = await download(page, 'ov-open-xlsx');
    assert.equal(xlsx.name, `督办总览-在办申请-已超期-${day}.xlsx`);
    const book = readXlsx(xlsx.bytes);
    assert.equal(book.sheet, '在办申请');
    assert.deepEqual(book.rows.map((r) => [...r].map((c) => c?.text ?? '')), exported, 'the sheet holds the CSV’s records');
    // The counts by window: the file is the table shown.
    const windowCsv = await download(page, 'ov-window-csv');
    assert.equal(windowCsv.name, `督办总览-按窗口-${day}.csv`);
    const windowTable = await page
      .locator('section.panel', { has: page.locator('h2', { hasText: /^按窗口$/ }) })
      .locator('table tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th,td')].map((c) => c.textContent.trim())));
    assert.deepEqual(csvFileRecords(windowCsv.bytes), windowTable, 'the 按窗口 CSV is the table');
    await page.locator('[data-test=ov-open-csv]').scrollIntoViewIfNeeded();
    await shot(page, P, 'overdue-exported');

    // ---- one overdue application, read-only -------------------------------------------------
    // One with a review still open if there is one (what a supervisor would chase), else the first.
    const target = answer.applications.find(remindable) || answer.applications[0];
    const detail = await openRow(page, target.id);
    const own = await get(`/staff/applications/${target.id}`);
    assert.equal(own.application.id, target.id);
    assert.equal(own.application.level, 'overdue', 'the server says it is overdue when read on its own');
    assert.equal(detail.application.level, 'overdue', 'the answer the page got says overdue');
    assert.equal(await page.locator(`[data-test="overview-${target.id}"]`).getAttribute('class'), 'sel', 'the row opened is marked');

    const panel = page.locator('section.panel.detail');
    assert.equal((await panel.locator('h2').first().textContent()).trim(), '办件（只读）');
    assert.equal((await page.locator('[data-test=panel-status]').textContent()).trim(), detail.application.status_label, 'the server’s status label');
    const badge = page.locator('[data-test=panel-level]');
    assert.equal(await badge.getAttribute('data-level'), 'overdue', 'the panel marks it overdue');
    assert.equal((await badge.textContent()).trim(), '已超期');
    const dueLine = (await badge.locator('xpath=..').textContent()).replace(/\s+/g, ' ').trim();
    const due = detail.application.deadline?.due_date || detail.application.due_preview?.due_date;
    assert.ok(due, 'an overdue application has a due date');
    assert.ok(dueLine.startsWith(cnDate(due)), `the due date ${due} beside the badge: ${dueLine}`);
    const colours = await badge.evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, fg: getComputedStyle(el).color }));
    assert.deepEqual(colours, { bg: 'rgb(196, 39, 28)', fg: 'rgb(255, 255, 255)' }, '已超期 is solid red');
    assert.equal(await page.locator('[data-test^=act-]').count(), 0, 'the supervisor has no clerk or reviewer actions');

    // The tasks: each the server's, with its status label and its department.
    const tasks = detail.application.tasks || [];
    if (tasks.length) {
      await page.locator('[data-test=panel-tasks]').waitFor();
      const shownTasks = await page.locator('[data-test=panel-tasks] tbody tr[data-task]').evaluateAll((trs) => trs.map((tr) => tr.dataset.task));
      assert.deepEqual(shownTasks, tasks.map((t) => t.id), 'the tasks are the server’s, in its order');
      for (const t of tasks) {
        const cells = await page.locator(`[data-test=panel-tasks] tr[data-task="${t.id}"] td`).allInnerTexts();
        assert.ok(cells[1].includes(t.department_name), `${t.id}: its department ${t.department_name}`);
        assert.ok(cells[2].startsWith(t.status_label), `${t.id}: the server’s status ${t.status_label}: ${cells[2]}`);
        assert.ok(cells[3].startsWith(cnDate(t.deadline?.due_date)), `${t.id}: its due date: ${cells[3]}`);
        const taskLevel = page.locator(`[data-test=panel-tasks] tr[data-task="${t.id}"] [data-level]`);
        assert.equal(await taskLevel.getAttribute('data-level'), t.deadline?.level, `${t.id}: the server’s level of the task`);
        assert.equal(await page.locator(`[data-test="remind-task-${t.id}"]`).count(), t.can_remind === true ? 1 : 0, `${t.id}: 催办 only where the server allows it`);
      }
    }

    // The timeline: every event of the server's, in its order, with its Chinese title and time.
    const timeline = page.locator('[data-test=timeline]');
    await timeline.waitFor();
    assert.ok(detail.timeline.length > 0, 'the application has a history');
    assert.deepEqual(
      await shownTimeline(page),
      detail.timeline.map((e) => ({ kind: e.kind, at: cnDateTime(e.at), title: e.title })),
      'the timeline is the server’s',
    );
    // Read again over HTTP: the same events (the server's five-minute job may have added an
    // automatic 催办 after them meanwhile, never changed one).
    assert.deepEqual(
      own.timeline.slice(0, detail.timeline.length).map((e) => [e.seq, e.kind, e.title]),
      detail.timeline.map((e) => [e.seq, e.kind, e.title]),
      'read again over HTTP, the same events',
    );
    for (const e of detail.timeline) assert.doesNotMatch(e.title, /^[a-z_]+$/, `a Chinese title: ${e.title}`);
    await shot(page, P, 'overdue-opened');
    if (tasks.length) {
      await page.locator('[data-test=panel-tasks-title]').scrollIntoViewIfNeeded();
      await shot(page, P, 'overdue-tasks');
    }
    await timeline.scrollIntoViewIfNeeded();
    await shot(page, P, 'overdue-timeline');

    // Picking 已超期 again shows every level again, the open application staying open.
    await page.locator('[data-test=filter-overdue]').click();
    await page.locator('[data-test=filter-overdue][aria-pressed=false]').waitFor();
    await listPanel.locator('h2', { hasText: /^在办申请共/ }).waitFor();
    assert.equal((await page.locator('[data-test=panel-status]').textContent()).trim(), detail.application.status_label);

    assert.deepEqual(await seriousViolations(page), [], 'axe: the overview with an overdue application open');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});

test('催办 on an overdue review: the supervisor sends it from 已超期, and the department’s reviewer finds it on the task', { timeout: 180000 }, async (t) => {
  const api = await overdueOverview();
  const app = api.applications.find(remindable);
  if (!app) {
    const what = api.applications.map((a) => `${a.id} ${a.status}: ${(a.tasks || []).map((k) => `${k.kind}/${k.status}`).join(', ') || 'no task'}`);
    t.skip(`no overdue application has a review still open today (${what.join('; ') || 'none overdue'}): nothing to 催办`);
    return;
  }
  const task = remindable(app);

  // ---- the supervisor ----------------------------------------------------------------------
  {
    const { ctx, page, errors } = await deskPage(browser);
    await withShots(page, 'remind', async () => {
      await overdueListShown(page);
      await openRow(page, app.id);
      const button = page.locator(`[data-test="remind-task-${task.id}"]`);
      await button.waitFor();
      assert.equal((await button.textContent()).trim(), '催办');
      assert.ok((await button.getAttribute('aria-label')).includes(task.department_name), 'the button names the department');
      await button.click();
      await page.locator('[data-test=remind-note]').fill(NOTE);
      const [res] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/staff/tasks/${task.id}/remind` && r.request().method() === 'POST'),
        page.locator('[data-test=remind-send]').click(),
      ]);
      assert.equal(res.status(), 200, 'the 催办 was accepted');
      assert.deepEqual(JSON.parse(res.request().postData()), { note: NOTE });
      const answered = (await res.json()).task;
      assert.equal(answered.id, task.id);
      await page.locator('[data-test=remind-done]', { hasText: `已向${task.department_name}发送催办` }).waitFor();

      // What the server recorded: the note once, by a staff member, after the task's earlier 催办.
      const d = await get(`/staff/applications/${app.id}`);
      const recorded = d.application.tasks.find((k) => k.id === task.id).reminders;
      const ours = recorded.filter((r) => r.note === NOTE);
      assert.equal(ours.length, 1, 'the note was recorded once');
      assert.equal(ours[0].by_kind, 'staff');
      assert.deepEqual(recorded.slice(0, answered.reminders.length), answered.reminders, 'the 催办 answer’s reminders are the recorded ones');
      // The panel lists the server's reminders of the task (fetched again after the 催办).
      await page.waitForFunction(
        ({ id, n }) => document.querySelectorAll(`[data-task-sub="${id}"] [data-test=reminder]`).length === n,
        { id: task.id, n: recorded.length },
      );
      assert.deepEqual(await remindersShown(page.locator(`[data-task-sub="${task.id}"]`)), recorded.map((r) => [r.by_kind, r.note || '']), 'the task’s 催办, the note among them');
      assert.match(await page.locator(`[data-task="${task.id}"] [data-test=remind-badge]`).textContent(), new RegExp(`^催办 ${recorded.length}次`));
      const ev = page.locator('[data-test=timeline] tr[data-kind=reminded]').last();
      await ev.waitFor();
      assert.ok((await ev.textContent()).includes(NOTE), 'the timeline has the 催办 with its note');
      await page.locator('[data-test=panel-tasks]').scrollIntoViewIfNeeded();
      await shot(page, P, 'overdue-reminded');
      assert.deepEqual(errors, [], 'no uncaught page errors');
    });
    await ctx.close();
  }

  // ---- the department's reviewer -------------------------------------------------------------
  const rev = accounts.find((a) => a.role === 'reviewer' && a.department === task.department);
  assert.ok(rev, `a demo reviewer of ${task.department}`);
  const revToken = await staffTokenByApi(server.url, rev.username, rev.password);
  let listed;
  for (let cursor = ''; !listed; ) {
    const part = await get(`/staff/tasks${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`, revToken);
    listed = part.tasks.find((k) => k.id === task.id);
    if (!part.next_cursor) break;
    cursor = part.next_cursor;
  }
  assert.ok(listed, 'the reviewer’s open tasks have it');
  assert.ok(listed.reminders.some((r) => r.by_kind === 'staff' && r.note === NOTE), 'with the supervisor’s note among its 催办');
  const red = listed.reminders.some((r) => r.by_kind === 'system' && r.level === 'overdue');

  const { ctx, page, errors } = await deskPage(browser);
  await withShots(page, 'reviewer', async () => {
    await staffLogin(page, server.url, rev.username, rev.password);
    const row = page.locator(`[data-test="task-${task.id}"]`);
    await page.locator('[data-test=tasks]').waitFor();
    // The list comes in pages: 加载更多 until the task is there.
    for (let i = 0; i < 20 && (await row.count()) === 0; i++) {
      const more = page.locator('[data-test=load-more]');
      if ((await more.count()) === 0) break;
      await more.click();
      await page.locator('[data-test=load-more]:not([disabled])').or(row).first().waitFor();
    }
    await row.waitFor();
    const badge = row.locator('[data-test=remind-badge]');
    assert.match(await badge.textContent(), new RegExp(`^催办 ${listed.reminders.length}次`));
    assert.equal(await badge.getAttribute('data-overdue'), String(red), 'red only for the server’s own overdue 催办');
    const lvl = row.locator('[data-level]');
    if (listed.deadline?.level) assert.equal(await lvl.getAttribute('data-level'), listed.deadline.level, 'the task’s level is the server’s');
    await row.click();
    const box = page.locator('[data-test=task-reminders]');
    await box.waitFor();
    assert.deepEqual(await remindersShown(box), listed.reminders.map((r) => [r.by_kind, r.note || '']), 'the reviewer reads the task’s 催办 as the server lists them, the note among them');
    assert.equal(await page.locator('[data-test^=remind-task-]').count(), 0, 'the reviewer has no 催办 button');
    await shot(page, P, 'reviewer-sees-reminder');
    assert.deepEqual(errors, [], 'no uncaught page errors');
  });
  await ctx.close();
});
