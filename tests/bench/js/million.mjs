// The staff lists with a million applications in PostgreSQL: the clerk queue, the
// supervisor's overview and a department's task list, each timed over many requests.
//
// 1. A throwaway cluster (scripts/pg_cluster.sh, fsync on; shared_buffers 1 GB) and one
//    `yilu serve --db URL --demo` (staff accounts for every window and department, password
//    from YILU_DEMO_PASSWORD).
// 2. Seeds through the API: every catalog item's example is filed several times and driven by
//    the clerk, reviewer and resident routes into each status (submitted, supplement_requested,
//    accepted, dispatched, ready_for_issue, issued, closed, refused, withdrawn), so that each
//    status has real rows, child rows, tasks, licences and events written by the server.
// 3. In SQL, each seed is cloned with new ids and its times shifted (INSERT … SELECT over
//    generate_series) up to --total applications: --open (default 1.5%) stay open, spread over
//    the last 30 days, the rest finished (issued 80%, closed 10%, refused 5%, withdrawn 5%) over
//    the last year; 20,000 synthetic residents own them. Then VACUUM ANALYZE.
// 4. Each page is requested over and over by one client after a warm-up (≥ --requests, or as
//    many as fit in --budget seconds for a slow page), with the CPU the server and PostgreSQL
//    used per request. One request of each page is then traced with
//    log_min_duration_statement=0: the statements it issued, the time PostgreSQL spent in
//    them, and EXPLAIN ANALYZE of the costliest one.
//   node tests/bench/js/million.mjs [--yilu BIN] [--total 1000000] [--open 0.015]
//        [--requests 200] [--budget 60] [--out FILE] [--keep]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  root, option, call, startYilu, residentToken, pgCluster, treeCpu, sleep, MOTHER,
} from './serve_util.mjs';

const args = process.argv.slice(2);
const yiluBin = path.resolve(option(args, '--yilu', path.join(root, 'build-release/server/yilu')));
const total = +option(args, '--total', '1000000');
const openShare = +option(args, '--open', '0.015');
const minRequests = +option(args, '--requests', '200');
const budget = +option(args, '--budget', '60');
const outFile = option(args, '--out', null);
const keep = args.includes('--keep');
const password = 'bench-million-pass';
const started = Date.now();
const elapsed = () => ((Date.now() - started) / 1000).toFixed(0);
const say = (...m) => console.log(`[${elapsed()} s]`, ...m);

const catalog = JSON.parse(fs.readFileSync(path.join(root, 'core/data/catalog/sanya.json'), 'utf8'));
const results = {
  total_requested: total, open_share: openShare, yilu: yiluBin,
  machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0].model, loadavg_start: os.loadavg(), date: new Date().toISOString() },
};

const cluster = pgCluster('million');
let srv = null;
try {
  cluster.startForBulk();
  results.postgres = {
    version: cluster.psql('SHOW server_version'), fsync: cluster.psql('SHOW fsync'),
    shared_buffers: cluster.psql('SHOW shared_buffers'), work_mem: cluster.psql('SHOW work_mem'),
  };
  const blobs = path.join(cluster.parent, 'blobs');
  fs.mkdirSync(blobs);
  // Staff sign in from distinct X-Real-IP addresses (believed from 127.0.0.1): 27 accounts
  // would come close to the per-address limit of 30 sign-ins a minute.
  srv = await startYilu(yiluBin, ['--db', cluster.url, '--data', blobs, '--demo'],
    { YILU_DEMO_PASSWORD: password, YILU_CONNECTIONS_PER_ADDRESS: '0', YILU_TRUSTED_PROXIES: '127.0.0.1' },
    path.join(cluster.parent, 'server.log'));
  say(`server on ${srv.base}, database ${cluster.url}`);

  // ---- staff tokens ----
  let ip = 0;
  const staffTokens = {};
  async function staff(username) {
    if (staffTokens[username]) return staffTokens[username];
    const r = await call(srv.base, 'POST', '/api/v1/staff/login', { username, password }, { 'X-Real-IP': `127.0.2.${++ip}` });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    staffTokens[username] = r.body.token;
    return r.body.token;
  }
  const as = async (username) => ({ Authorization: `Bearer ${await staff(username)}` });

  // ---- seeds through the API ----
  const resident = await residentToken(srv, '13876008888');
  const me = { Authorization: `Bearer ${resident}` };
  const chains = ['submitted', 'supplement_requested', 'accepted', 'dispatched', 'ready_for_issue', 'issued', 'closed', 'refused', 'withdrawn'];
  const seedStats = { filed: 0, refused_by_server: {}, actions: 0, action_errors: {} };
  let keyNo = 0;
  async function act(who, p, body = {}) {
    const r = await call(srv.base, 'POST', p, body, who === 'resident' ? me : await as(who));
    seedStats.actions++;
    if (r.status !== 200) {
      const code = r.body?.error?.code ?? r.status;
      seedStats.action_errors[`${p.replace(/YL[^/]+/, '{id}')} ${code}`] = (seedStats.action_errors[`${p.replace(/YL[^/]+/, '{id}')} ${code}`] ?? 0) + 1;
      return null;
    }
    return r.body.application ?? r.body;
  }
  async function approveAll(a) {
    let cur = a;
    for (const t of a.tasks ?? []) {
      if (t.status !== 'reviewing') continue;
      const got = await act(`reviewer-${t.department}`, `/api/v1/staff/tasks/${t.id}/approve`, { note: '同意' });
      if (got) cur = got;
    }
    return cur;
  }
  for (const item of catalog.items) {
    const ex = item.example.application;
    const materials = JSON.parse(JSON.stringify(ex.materials));
    // A commitment is signed with the resident's real name (the profile's).
    for (const m of Object.values(materials)) if (m && m.by === 'commitment') m.signer = MOTHER.name;
    const body = { kind: 'item', target_id: item.id, fields: ex.fields, materials, answers: ex.answers ?? {} };
    const clerk = `clerk-${item.window}`;
    for (const chain of chains) {
      const r = await call(srv.base, 'POST', '/api/v1/applications', body, { ...me, 'Idempotency-Key': `seed-${++keyNo}` });
      // 200: an instant item (即办) decided at once.
      if (r.status !== 201 && r.status !== 200) {
        const code = r.body?.error?.code ?? r.status;
        seedStats.refused_by_server[`${item.id} ${code}`] = 1;
        break;  // the item's example is not fileable as is: next item
      }
      seedStats.filed++;
      const id = r.body.application?.id ?? r.body.id;
      const p = (s) => `/api/v1/staff/applications/${id}/${s}`;
      if (chain === 'submitted') continue;
      if (chain === 'withdrawn') { await act('resident', `/api/v1/applications/${id}/withdraw`, { reason: '不再需要' }); continue; }
      if (chain === 'supplement_requested') {
        await act(clerk, p('supplement'), { note: '请补充清晰的材料', missing: [Object.keys(ex.materials)[0]] });
        continue;
      }
      if (chain === 'refused') { await act(clerk, p('refuse'), { reason: '不符合受理条件' }); continue; }
      let a = await act(clerk, p('accept'));
      if (!a || chain === 'accepted') continue;
      if (a.status === 'accepted') a = await act(clerk, p('dispatch'));
      if (!a || chain === 'dispatched') continue;
      a = await approveAll(a);
      if (chain === 'ready_for_issue') continue;
      if (a.status === 'ready_for_issue') a = await act(clerk, p('issue'));
      if (!a || chain === 'issued') continue;
      await act('resident', `/api/v1/applications/${id}/rating`, { score: 5, comment: '办理很快' });
    }
  }
  const seedStatus = Object.fromEntries(cluster.psql('SELECT status, COUNT(*) FROM applications GROUP BY 1 ORDER BY 1').split('\n').map((l) => l.split('|')).map(([s, n]) => [s, +n]));
  results.seeds = { ...seedStats, by_status: seedStatus };
  say(`seeds: ${seedStats.filed} filed, ${seedStats.actions} staff/resident actions; by status ${JSON.stringify(seedStatus)}`);
  if (Object.keys(seedStats.refused_by_server).length) say(`items not fileable as is: ${Object.keys(seedStats.refused_by_server).join(', ')}`);
  if (Object.keys(seedStats.action_errors).length) say(`refused actions: ${JSON.stringify(seedStats.action_errors)}`);

  // ---- multiply in SQL ----
  const seeded = Object.values(seedStatus).reduce((a, b) => a + b, 0);
  const openStatuses = { submitted: 0.25, supplement_requested: 0.10, accepted: 0.10, dispatched: 0.45, ready_for_issue: 0.10 };
  const doneStatuses = { issued: 0.80, closed: 0.10, refused: 0.05, withdrawn: 0.05 };
  const toMake = total - seeded;
  const openCount = Math.round(total * openShare);
  const plan = [];
  const now = Math.floor(Date.now() / 1000);
  const day = 86400;
  for (const [s, f] of Object.entries(openStatuses)) if (seedStatus[s]) plan.push([s, Math.round(openCount * f), now - 3600, 30 * day]);
  const openPlanned = plan.reduce((a, p) => a + p[1], 0);
  const doneTotal = toMake - openPlanned;
  for (const [s, f] of Object.entries(doneStatuses)) if (seedStatus[s]) plan.push([s, Math.round(doneTotal * f), now - day, 365 * day]);
  // Rounding: the last finished status takes what is left.
  plan[plan.length - 1][1] += toMake - plan.reduce((a, p) => a + p[1], 0);
  results.plan = plan.map(([status, count, newest, span]) => ({ status, count, newest, span_days: span / day }));
  const residents = 20000;
  const sqlFile = path.join(cluster.parent, 'multiply.sql');
  const tables = ['applications', 'application_items', 'application_materials', 'application_files', 'supplement_missing', 'tasks', 'events', 'licences'];
  fs.writeFileSync(sqlFile, `
\\set ON_ERROR_STOP 1
\\timing on
-- Bulk load: no foreign-key triggers (consistent by construction), no wait for each commit.
SET session_replication_role = replica;
SET synchronous_commit = off;
SET work_mem = '256MB';
CREATE TEMP TABLE seed AS
  SELECT id, status, submitted_at, row_number() OVER (PARTITION BY status ORDER BY id) - 1 AS k,
         count(*) OVER (PARTITION BY status) AS n
  FROM applications;
CREATE TEMP TABLE plan (status text, cnt bigint, newest bigint, span bigint);
INSERT INTO plan VALUES ${plan.map(([s, c, n, sp]) => `('${s}', ${c}, ${n}, ${sp})`).join(', ')};
CREATE TEMP TABLE plan2 AS SELECT p.*, COALESCE(SUM(cnt) OVER (ORDER BY status ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS base FROM plan p;
INSERT INTO residents (id, phone, name, id_number, created_at)
  SELECT 'RM' || lpad(i::text, 7, '0'), '139' || lpad(i::text, 8, '0'), '居民' || i, '', ${now - 400 * day}
  FROM generate_series(1, ${residents}) i;
-- One row per new application: its id, its seed, how far its times move, its resident.
CREATE TEMP TABLE m AS
  SELECT 'YL' || to_char(to_timestamp(t) AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-m' || lpad(to_hex(g::bigint), 8, '0') AS id,
         seed_id, t - seed_at AS delta, t,
         'RM' || lpad((1 + g::bigint % ${residents})::text, 7, '0') AS resident_id
  FROM (SELECT p.base + i AS g, s.id AS seed_id, s.submitted_at AS seed_at,
               p.newest - (random() * p.span)::bigint AS t
        FROM plan2 p CROSS JOIN LATERAL generate_series(0, p.cnt - 1) i
        JOIN seed s ON s.status = p.status AND s.k = i % s.n) x;
CREATE INDEX ON m (seed_id);
ANALYZE m;
-- In time order, as the rows would have arrived.
INSERT INTO applications (id, resident_id, kind, target_id, stage, window_id, status, form, verdict, submitted_at,
    resubmitted_at, accepted_at, supplement_note, supplement_at, refusal_reason, rating_score, rating_comment, rating_at,
    updated_at, channel, assisted_by, assisted_by_name, proxy_relation, principal_id, instant)
  SELECT m.id, m.resident_id, a.kind, a.target_id, a.stage, a.window_id, a.status, a.form, a.verdict, a.submitted_at + m.delta,
         a.resubmitted_at + m.delta, a.accepted_at + m.delta, a.supplement_note, a.supplement_at + m.delta, a.refusal_reason,
         a.rating_score, a.rating_comment, a.rating_at + m.delta, a.updated_at + m.delta, a.channel, a.assisted_by,
         a.assisted_by_name, a.proxy_relation, a.principal_id, a.instant
  FROM m JOIN applications a ON a.id = m.seed_id ORDER BY m.t;
INSERT INTO application_items (application_id, position, item_id)
  SELECT m.id, i.position, i.item_id FROM m JOIN application_items i ON i.application_id = m.seed_id ORDER BY m.t;
INSERT INTO application_materials (application_id, material_id, position, name, stage, required, state, licence,
    supplied_at, supplied_by, signer, signed_at)
  SELECT m.id, x.material_id, x.position, x.name, x.stage, x.required, x.state, x.licence, x.supplied_at + m.delta,
         x.supplied_by, x.signer, x.signed_at + m.delta
  FROM m JOIN application_materials x ON x.application_id = m.seed_id ORDER BY m.t;
INSERT INTO application_files (application_id, material_id, idx, sha256, type, bytes)
  SELECT m.id, f.material_id, f.idx, f.sha256, f.type, f.bytes FROM m JOIN application_files f ON f.application_id = m.seed_id;
INSERT INTO supplement_missing (application_id, position, material_id)
  SELECT m.id, x.position, x.material_id FROM m JOIN supplement_missing x ON x.application_id = m.seed_id;
INSERT INTO tasks (id, application_id, item_id, department, stage, started_at, status, note, updated_at, kind)
  SELECT m.id || substr(t.id, length(t.application_id) + 1), m.id, t.item_id, t.department, t.stage,
         t.started_at + m.delta, t.status, t.note, t.updated_at + m.delta, t.kind
  FROM m JOIN tasks t ON t.application_id = m.seed_id ORDER BY m.t;
INSERT INTO task_pauses (task_id, position, started_at, ended_at, reason)
  SELECT m.id || substr(p.task_id, length(t.application_id) + 1), p.position, p.started_at + m.delta, p.ended_at + m.delta, p.reason
  FROM m JOIN tasks t ON t.application_id = m.seed_id JOIN task_pauses p ON p.task_id = t.id;
INSERT INTO task_extensions (task_id, position, days, reason, at)
  SELECT m.id || substr(x.task_id, length(t.application_id) + 1), x.position, x.days, x.reason, x.at + m.delta
  FROM m JOIN tasks t ON t.application_id = m.seed_id JOIN task_extensions x ON x.task_id = t.id;
INSERT INTO events (application_id, task_id, kind, actor_kind, actor_id, actor_name, at, data)
  SELECT m.id, CASE WHEN e.task_id IS NULL THEN NULL ELSE m.id || substr(e.task_id, length(e.application_id) + 1) END,
         e.kind, e.actor_kind, e.actor_id, e.actor_name, e.at + m.delta, e.data
  FROM m JOIN events e ON e.application_id = m.seed_id ORDER BY m.t, e.seq;
INSERT INTO licences (id, resident_id, type, name, number, item_id, application_id, issued_at, revoked_at, revoked_reason)
  SELECT 'L' || substr(md5(m.id || l.id), 1, 16), m.resident_id, l.type, l.name, l.number, l.item_id, m.id,
         l.issued_at + m.delta, l.revoked_at + m.delta, l.revoked_reason
  FROM m JOIN licences l ON l.application_id = m.seed_id ORDER BY m.t;
`);
  say(`multiplying ${seeded} seeds to ${total} applications (${openPlanned} of the new ones open)`);
  const t0 = Date.now();
  const log = cluster.psqlFile(sqlFile);
  results.generation_seconds = +((Date.now() - t0) / 1000).toFixed(1);
  results.generation_steps = log.split('\n').filter((l) => l.startsWith('Time:')).map((l) => l.slice(6));
  say(`multiplied in ${results.generation_seconds} s`);
  const t1 = Date.now();
  cluster.psql(`VACUUM ANALYZE ${tables.join(', ')}`);
  cluster.psql('CHECKPOINT');
  results.vacuum_analyze_seconds = +((Date.now() - t1) / 1000).toFixed(1);
  results.rows = Object.fromEntries(tables.map((t) => [t, +cluster.psql(`SELECT COUNT(*) FROM ${t}`)]));
  results.database_bytes = +cluster.psql("SELECT pg_database_size('yilu')");
  results.open_by_status = Object.fromEntries(cluster.psql(
    "SELECT status, COUNT(*) FROM applications WHERE status IN ('submitted','supplement_requested','accepted','dispatched','ready_for_issue') GROUP BY 1 ORDER BY 1")
    .split('\n').map((l) => l.split('|')).map(([s, n]) => [s, +n]));
  results.open_total = Object.values(results.open_by_status).reduce((a, b) => a + b, 0);
  results.open_by_window = Object.fromEntries(cluster.psql(
    "SELECT window_id, COUNT(*) FROM applications WHERE status IN ('submitted','supplement_requested','accepted','dispatched','ready_for_issue') GROUP BY 1 ORDER BY 2 DESC")
    .split('\n').map((l) => l.split('|')).map(([s, n]) => [s, +n]));
  results.open_tasks_by_department = Object.fromEntries(cluster.psql(
    "SELECT department, COUNT(*) FROM tasks WHERE status IN ('reviewing','paused') GROUP BY 1 ORDER BY 2 DESC")
    .split('\n').map((l) => l.split('|')).map(([s, n]) => [s, +n]));
  say(`VACUUM ANALYZE ${results.vacuum_analyze_seconds} s; rows ${JSON.stringify(results.rows)}; database ${(results.database_bytes / 2 ** 30).toFixed(2)} GiB`);
  say(`open: ${results.open_total} (${(100 * results.open_total / results.rows.applications).toFixed(2)}%) ${JSON.stringify(results.open_by_status)}`);

  // ---- the pages ----
  const busyWindow = Object.keys(results.open_by_window)[0];
  const busyDept = Object.keys(results.open_tasks_by_department)[0];
  const clerkH = await as(`clerk-${busyWindow}`);
  const supH = await as('supervisor');
  const revH = await as(`reviewer-${busyDept}`);
  const get = async (p, h) => {
    const r = await call(srv.base, 'GET', p, undefined, h);
    if (r.status !== 200) throw new Error(`GET ${p}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    return r.body;
  };
  // A later page of the queue: the cursor after 20 pages (or the last page there is).
  let cursor = null;
  let pageNo = 1;
  for (let b = await get('/api/v1/staff/queue?limit=50', clerkH); b.next_cursor && pageNo < 20; pageNo++) {
    cursor = b.next_cursor;
    b = await get(`/api/v1/staff/queue?limit=50&cursor=${encodeURIComponent(cursor)}`, clerkH);
  }
  const pages = [
    { name: 'queue_first', what: `clerk queue, first page (window ${busyWindow})`, path: '/api/v1/staff/queue?limit=50', h: clerkH },
    { name: 'queue_later', what: `clerk queue, page ${pageNo} by next_cursor`, path: `/api/v1/staff/queue?limit=50&cursor=${encodeURIComponent(cursor ?? '')}`, h: clerkH },
    { name: 'overview_first', what: 'supervisor overview, first page', path: '/api/v1/staff/overview?limit=50', h: supH },
    { name: 'overview_red', what: 'supervisor overview, level=red', path: '/api/v1/staff/overview?limit=50&level=red', h: supH },
    { name: 'tasks_first', what: `reviewer tasks, first page (department ${busyDept})`, path: '/api/v1/staff/tasks?limit=50', h: revH },
  ];
  if (!cursor) pages.splice(1, 1);
  const pm = cluster.postmaster();
  const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
  async function measurePage(pg) {
    const first = await get(pg.path, pg.h);
    // Warm-up: 4 more, or fewer for a page of seconds.
    for (let i = 0, w = Date.now(); i < 4 && Date.now() - w < 5000; i++) await get(pg.path, pg.h);
    const times = [];
    const cpu0 = { yilu: treeCpu(srv.proc.pid), postgres: treeCpu(pm) };
    const tStart = Date.now();
    while (times.length < minRequests && (Date.now() - tStart < budget * 1000 || times.length < 5)) {
      const t = process.hrtime.bigint();
      await get(pg.path, pg.h);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const wall = (Date.now() - tStart) / 1000;
    const cpu = { yilu: treeCpu(srv.proc.pid) - cpu0.yilu, postgres: treeCpu(pm) - cpu0.postgres };
    times.sort((a, b) => a - b);
    const r = {
      what: pg.what, path: pg.path, requests: times.length, p50_ms: +pct(times, 50).toFixed(1), p99_ms: +pct(times, 99).toFixed(1),
      max_ms: +times[times.length - 1].toFixed(1), mean_ms: +(times.reduce((a, b) => a + b, 0) / times.length).toFixed(1),
      server_cpu_ms: +(cpu.yilu / times.length * 1000).toFixed(1), postgres_cpu_ms: +(cpu.postgres / times.length * 1000).toFixed(1),
      rows: (first.applications ?? first.tasks ?? []).length, total: first.total, counts: first.counts,
      response_bytes: JSON.stringify(first).length, loadavg: os.loadavg()[0], wall_seconds: +wall.toFixed(1),
    };
    say(`${pg.what}: ${r.requests} requests, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms (server CPU ${r.server_cpu_ms} ms, PostgreSQL CPU ${r.postgres_cpu_ms} ms per request; ${r.rows} rows of ${r.total}, ${r.response_bytes} bytes)`);
    return r;
  }
  results.pages = {};
  for (const pg of pages) results.pages[pg.name] = await measurePage(pg);

  // ---- 督办总览's export of the open applications: every page the console asks for, 200 a time
  // (web/src/views/staff/overview_export.js), end to end by one client; every level, and 已超期.
  results.overview_export = {};
  for (const level of ['', 'overdue']) {
    const t = process.hrtime.bigint();
    let pagesRead = 0;
    let rows = 0;
    let bytes = 0;
    let next = null;
    do {
      const q = `limit=200${level ? `&level=${level}` : ''}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`;
      const b = await get(`/api/v1/staff/overview?${q}`, supH);
      pagesRead += 1;
      rows += b.applications.length;
      bytes += JSON.stringify(b).length;
      next = b.next_cursor;
    } while (next);
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    results.overview_export[level || 'all'] = { pages: pagesRead, rows, bytes, seconds: +seconds.toFixed(2) };
    say(`督办总览 export (${level || 'every level'}): ${rows} open applications in ${pagesRead} pages, ${(bytes / 1e6).toFixed(1)} MB, ${seconds.toFixed(2)} s`);
  }

  // ---- one request of each page, traced ----
  const pgLog = path.join(cluster.dir, 'server.log');
  cluster.set({ log_min_duration_statement: '0' });
  await sleep(300);
  for (const pg of pages) {
    const from = fs.statSync(pgLog).size;
    const t = process.hrtime.bigint();
    await get(pg.path, pg.h);
    const wallMs = Number(process.hrtime.bigint() - t) / 1e6;
    await sleep(300);
    const text = fs.readFileSync(pgLog, 'utf8').slice(from);
    results.pages[pg.name].trace = traceOf(text, wallMs);
    const tr = results.pages[pg.name].trace;
    say(`trace ${pg.name}: ${tr.statements} statements, ${tr.db_ms.toFixed(1)} ms in PostgreSQL of ${wallMs.toFixed(1)} ms`);
    for (const s of tr.top) say(`   ${s.count}× ${s.ms.toFixed(1)} ms  ${s.sql.slice(0, 150)}`);
  }
  cluster.set({ log_min_duration_statement: '-1' });
  // EXPLAIN ANALYZE of the costliest statement of each page over 100 ms at p99.
  for (const pg of pages) {
    const r = results.pages[pg.name];
    if (r.p99_ms <= 100 || !r.trace.slowest) continue;
    const sql = r.trace.slowest;
    r.explain = cluster.psql(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
    say(`EXPLAIN ANALYZE (${pg.name}) ${sql.slice(0, 200)}\n${r.explain}`);
  }

  // Where the server's and PostgreSQL's CPU goes on the slow pages: perf (cpu-clock samples)
  // on the yilu process and on the PostgreSQL backends while the page is requested (3 times, or
  // once for a page of seconds).
  if (hasPerf()) {
    for (const pg of pages) {
      const r = results.pages[pg.name];
      if (r.p99_ms <= 100) continue;
      const backends = childPids(pm);
      const rec = [perfStart(srv.proc.pid, 'yilu'), perfStart(backends.join(','), 'postgres')];
      await sleep(500);
      for (let i = 0, w = Date.now(); i < 3 && (i === 0 || Date.now() - w < 3000); i++) await get(pg.path, pg.h);
      r.perf = {};
      for (const x of rec) r.perf[x.label] = await perfStop(x);
      for (const [k, v] of Object.entries(r.perf)) say(`perf ${pg.name} ${k}:\n${v.by_dso}\n${v.by_symbol}`);
    }
  }
} catch (e) {
  if (srv && srv.proc.exitCode !== null) console.error(`the server exited (${srv.proc.exitCode}):\n${srv.log().slice(-3000)}`);
  throw e;
} finally {
  if (srv) await srv.stop();
  results.seconds = +elapsed();
  results.machine.loadavg_end = os.loadavg();
  if (outFile) fs.writeFileSync(outFile, JSON.stringify(results, null, 1) + '\n');
  if (keep) console.log(`kept: ${cluster.dir} (scripts/pg_cluster.sh stop ${cluster.dir})`);
  else cluster.stop();
  say('done');
}

// The statements of one request in PostgreSQL's log (log_min_duration_statement=0: a line per
// parse, bind and execute with its duration, the parameters on a DETAIL line): how many, the
// time in the database, the costliest by total time, and the slowest execution with its
// parameters written in (for EXPLAIN).
function traceOf(text, wallMs) {
  const by = new Map();
  let statements = 0;
  let dbMs = 0;
  let slowest = { ms: -1, sql: null };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /duration: ([\d.]+) ms\s+(parse|bind|execute|statement)\s*([^:]*):\s*(.*)$/.exec(lines[i]) ??
      /duration: ([\d.]+) ms\s+(statement): (.*)$/.exec(lines[i]);
    if (!m) continue;
    const ms = Number(m[1]);
    const phase = m[2];
    const sql = (m[4] ?? m[3]).trim();
    dbMs += ms;
    if (phase === 'execute' || phase === 'statement') statements++;
    const e = by.get(sql) ?? { sql, count: 0, ms: 0 };
    if (phase === 'execute' || phase === 'statement') e.count++;
    e.ms += ms;
    by.set(sql, e);
    if ((phase === 'execute' || phase === 'statement') && ms > slowest.ms && /^\s*SELECT/i.test(sql)) {
      let withParams = sql;
      const d = /DETAIL:\s+parameters: (.*)$/.exec(lines[i + 1] ?? '');
      if (d) {
        const params = [...d[1].matchAll(/\$(\d+) = ('(?:[^']|'')*'|NULL)/g)].map((x) => [Number(x[1]), x[2]]);
        for (const [n, v] of params.sort((a, b) => b[0] - a[0])) withParams = withParams.replaceAll(`$${n}`, v);
      }
      slowest = { ms, sql: withParams };
    }
  }
  const top = [...by.values()].sort((a, b) => b.ms - a.ms).slice(0, 5);
  return { statements, db_ms: dbMs, wall_ms: wallMs, top, slowest: slowest.sql, slowest_ms: slowest.ms };
}

function hasPerf() {
  try {
    execFileSync('perf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function childPids(pid) {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      return Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]) === pid;
    } catch {
      return false;
    }
  });
}

function perfStart(pids, label) {
  const file = path.join(os.tmpdir(), `yilu-million-perf-${process.pid}-${label}.data`);
  const proc = spawn('perf', ['record', '-q', '-e', 'cpu-clock', '-F', '999', '-o', file, '-p', String(pids)], { stdio: 'ignore' });
  return { proc, file, label };
}

// The flat profile: share of samples per library and per function (top lines).
async function perfStop({ proc, file }) {
  const done = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGINT');
  await done;
  const report = (sort) => execFileSync('perf', ['report', '-i', file, '--stdio', '--no-children', '--sort', sort, '--percent-limit', '2'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 24 })
    .split('\n').filter((l) => l.trim() && !l.startsWith('#')).slice(0, 14)
    .map((l) => l.replace(/(\s+-)+\s*$/, '').trimEnd()).join('\n');
  const out = { by_dso: report('dso'), by_symbol: report('dso,symbol') };
  fs.rmSync(file, { force: true });
  return out;
}
