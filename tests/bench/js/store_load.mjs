// Durable submissions on each store: the same load (wrk, tests/bench/load/submit.lua: the
// child_health_handbook example, one Idempotency-Key per request, 201 only after the commit)
// against three setups, each on fresh data:
//   sqlite  one `yilu serve --data DIR` (SQLite, WAL, synchronous=FULL)
//   pg      one `yilu serve --db URL` on a throwaway PostgreSQL 15 cluster (fsync on)
//   pg2     two servers on one cluster behind nginx (deploy/nginx.conf.template, rendered as
//           scripts/topology.sh does; its per-address limits lifted, since all load comes from
//           127.0.0.1 here)
// Each setup is measured twice, each time on fresh data: with one resident filing every
// submission (submit.lua, as server_load.mjs) and with 32 residents (submit_many.lua: each
// request by the next resident). On PostgreSQL the two differ: the servers write in
// SERIALIZABLE transactions, and one resident's concurrent submissions read and insert the
// same index pages (idempotency keys), so many lose the race and are retried.
// Each run: a warm-up run, then the measured run. Reported: requests/s, p50, p99, errors,
// the 1-minute load average sampled each second, the CPU seconds each process used during the
// run (serve_util.mjs treeCpu: the scheduler's run time of every thread from
// /proc/PID/task/*/schedstat, children included: the PostgreSQL backends, nginx's workers), and
// that every 201 is a stored application (rows counted afterwards).
//   node tests/bench/js/store_load.mjs [--yilu BIN] [--seconds 10] [--clients 32] [--warmup 3]
//        [--setups sqlite,pg,pg2] [--residents 1,32] [--out FILE]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  root, option, call, startYilu, residentToken, pgCluster, spawnLogged, freePort, waitReady, wrkRun, sleep,
} from './serve_util.mjs';

const args = process.argv.slice(2);
const yiluBin = path.resolve(option(args, '--yilu', path.join(root, 'build-release/server/yilu')));
const seconds = +option(args, '--seconds', '10');
const warmup = +option(args, '--warmup', '3');
const clients = +option(args, '--clients', '32');
const outFile = option(args, '--out', null);
const setups = option(args, '--setups', 'sqlite,pg,pg2').split(',');
const residentCounts = option(args, '--residents', '1,32').split(',').map(Number);
// All load comes from 127.0.0.1: no per-address connection cap (its default, 32, would refuse
// wrk's connections beyond it), and X-Real-IP believed from there so that the residents can be
// signed in as if from their own addresses. Both as scripts/topology.sh starts its servers.
const serverEnv = { YILU_CONNECTIONS_PER_ADDRESS: '0', YILU_TRUSTED_PROXIES: '127.0.0.1' };

const catalog = JSON.parse(fs.readFileSync(path.join(root, 'core/data/catalog/sanya.json'), 'utf8'));
const item = catalog.items.find((i) => i.id === 'child_health_handbook');
const ex = item.example.application;
const body = { kind: 'item', target_id: item.id, fields: ex.fields, materials: ex.materials, answers: ex.answers ?? {} };

// nginx.conf from the template, as scripts/topology.sh renders it (placeholders on lines that
// are not comments). The template limits each client address to 32 connections and 20
// requests/s; every wrk connection comes from 127.0.0.1, so those two lines are lifted here
// (the limits are nginx's, not what this benchmark measures).
function renderNginx(runDir, port, upstreamPorts) {
  const upstreams = upstreamPorts.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n        ');
  const text = fs.readFileSync(path.join(root, 'deploy/nginx.conf.template'), 'utf8').split('\n').map((l) => {
    if (/^\s*#/.test(l)) return l;
    l = l.replaceAll('@RUN_DIR@', runDir).replaceAll('@LISTEN_ADDR@', '127.0.0.1').replaceAll('@LISTEN_PORT@', String(port))
      .replace('@UPSTREAMS@', upstreams);
    if (/^\s*limit_req\s+zone=/.test(l)) return l.replace(/limit_req\s/, '# (bench) limit_req ');
    if (/^\s*limit_conn\s+yilu_conn/.test(l)) return l.replace(/\d+;/, '4096;');
    return l;
  }).join('\n');
  const file = path.join(runDir, 'nginx.conf');
  fs.writeFileSync(file, text);
  return file;
}

function report(name, r) {
  const cpu = Object.entries(r.cpu_s).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`${name.padEnd(9)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${(r.p50_us / 1000).toFixed(1).padStart(6)} ms  ` +
    `p99 ${(r.p99_us / 1000).toFixed(1).padStart(6)} ms  errors ${r.errors}  load ${r.loadavg_1m.mean.toFixed(1)} (max ${r.loadavg_1m.max.toFixed(1)})`);
  console.log(`        CPU s: ${cpu}`);
}

// Residents signed in on `srv` (one per address, see residentToken): tokens.
async function residents(srv, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await residentToken(srv, `1387601${String(i).padStart(4, '0')}`, undefined, `127.0.1.${i + 1}`));
  return out;
}

// The warm-up and the measured run against `base` by `n` residents; then the rows are
// counted by `count`.
// `servers` are the yilu processes (their logs name each lost race); `dbStats` reads the
// database's counters (PostgreSQL only).
async function measure(name, n, base, tokenSrv, watch, count, servers, dbStats = null) {
  const tokens = await residents(tokenSrv, n);
  const first = await call(base, 'POST', '/api/v1/applications', body, { Authorization: `Bearer ${tokens[0]}`, 'Idempotency-Key': `first-${name}` });
  if (first.status !== 201) throw new Error(`${name}: submission refused: ${first.status} ${JSON.stringify(first.body).slice(0, 500)}`);
  // One resident: submit.lua as in server_load.mjs; several: submit_many.lua.
  const script = n === 1 ? 'submit.lua' : 'submit_many.lua';
  const env = { YILU_BENCH_BODY: JSON.stringify(body), YILU_BENCH_TOKEN: tokens[0], YILU_BENCH_TOKENS: tokens.join(',') };
  const url = `${base}/api/v1/applications`;
  const warm = await wrkRun({ url, script, clients, seconds: warmup, env: { ...env, YILU_BENCH_RUN: `${process.pid}.${name}.${n}.warm` } });
  const races = () => servers.reduce((k, srv) => k + (srv.log().match(/could not serialize access/g) ?? []).length, 0);
  const races0 = races();
  const db0 = dbStats ? dbStats() : null;
  const r = await wrkRun({ url, script, clients, seconds, env: { ...env, YILU_BENCH_RUN: `${process.pid}.${name}.${n}.run` }, watch });
  r.residents = n;
  // Transactions PostgreSQL aborted as serialization failures during the run; the server runs
  // each one again (up to 20 times, then answers 500).
  r.serialization_failures = races() - races0;
  if (db0) {
    const db1 = dbStats();
    r.db = Object.fromEntries(Object.keys(db1).map((k) => [k, db1[k] - db0[k]]));
  }
  // Every 201 must be stored; a few more rows than 201s are requests cut off when a run ended.
  r.submissions_answered = 1 + (warm.requests - warm.status_errors) + (r.requests - r.status_errors);
  r.warmup = { seconds: warmup, requests: warm.requests, errors: warm.errors, rps: +warm.rps.toFixed(0) };
  await sleep(300);
  r.submissions_stored = count();
  r.durable_ok = r.submissions_stored >= r.submissions_answered;
  report(`${name}/${n}`, r);
  const per = (v) => (v / r.requests * 1000).toFixed(2);
  console.log(`        CPU ms per request: ${Object.entries(r.cpu_s).filter(([k]) => k !== 'machine_busy' && k !== 'others').map(([k, v]) => `${k} ${per(v ?? 0)}`).join(', ')}` +
    (dbStats ? `; serialization failures ${r.serialization_failures}, commits ${r.db.xact_commit}, rollbacks ${r.db.xact_rollback}` : ''));
  console.log(`        submissions: ${r.submissions_answered} answered 201, ${r.submissions_stored} stored${r.durable_ok ? '' : '  ** MISSING **'}`);
  return r;
}

const results = {
  seconds, warmup, clients, yilu: yiluBin,
  machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0].model, loadavg_start: os.loadavg(), date: new Date().toISOString() },
  submit_body_bytes: JSON.stringify(body).length, setups: {},
};

async function sqliteSetup(n) {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'yilu-store-sqlite-'));
  const srv = await startYilu(yiluBin, ['--data', data], serverEnv, path.join(data, '..', `${path.basename(data)}.log`));
  try {
    const fsType = execFileSync('df', ['-T', data], { encoding: 'utf8' }).split('\n')[1].split(/\s+/)[1];
    const r = await measure('sqlite', n, srv.base, srv, { yilu: srv.proc.pid }, () =>
      Number(execFileSync('sqlite3', [path.join(data, 'yilu.db'), 'SELECT COUNT(*) FROM applications'], { encoding: 'utf8' }).trim()), [srv]);
    r.data_filesystem = fsType;
    return r;
  } finally {
    await srv.stop();
    fs.rmSync(`${data}.log`, { force: true });
    fs.rmSync(data, { recursive: true, force: true });
  }
}

async function pgSetup(servers, n) {
  const name = servers === 1 ? 'pg' : `pg${servers}`;
  const cluster = pgCluster(`store-${name}`);
  const procs = [];
  let nginx = null;
  try {
    cluster.start();
    const settings = { fsync: cluster.psql('SHOW fsync'), synchronous_commit: cluster.psql('SHOW synchronous_commit'), wal_sync_method: cluster.psql('SHOW wal_sync_method') };
    const blobs = path.join(cluster.parent, 'blobs');
    fs.mkdirSync(blobs);
    // The first alone migrates the fresh database; the others start on a current schema.
    for (let i = 0; i < servers; i++)
      procs.push(await startYilu(yiluBin, ['--db', cluster.url, '--data', blobs], serverEnv, path.join(cluster.parent, `server-${i}.log`)));
    const watch = {};
    procs.forEach((p, i) => { watch[servers === 1 ? 'yilu' : `yilu_${i + 1}`] = p.proc.pid; });
    watch.postgres = cluster.postmaster();
    let base = procs[0].base;
    if (servers > 1) {
      const runDir = path.join(cluster.parent, 'nginx');
      fs.mkdirSync(runDir);
      const port = await freePort();
      const conf = renderNginx(runDir, port, procs.map((p) => p.port));
      execFileSync('nginx', ['-t', '-q', '-c', conf, '-p', runDir]);
      nginx = spawnLogged('nginx', ['-c', conf, '-p', runDir, '-g', 'daemon off;'], {}, path.join(runDir, 'stderr.log'));
      base = `http://127.0.0.1:${port}`;
      await waitReady(base, nginx, 100, '/api/v1/health');
      watch.nginx = nginx.proc.pid;
    }
    const dbStats = () => {
      const [commit, rollback, hit, read, tup] = cluster.psql(
        "SELECT xact_commit, xact_rollback, blks_hit, blks_read, tup_inserted FROM pg_stat_database WHERE datname = 'yilu'").split('|').map(Number);
      return { xact_commit: commit, xact_rollback: rollback, blks_hit: hit, blks_read: read, tup_inserted: tup };
    };
    const r = await measure(name, n, base, procs[0], watch, () => Number(cluster.psql('SELECT COUNT(*) FROM applications')), procs, dbStats);
    r.postgres_settings = settings;
    if (servers > 1) {
      // How nginx spread the submissions over the servers (its access log: upstream=ADDR/STATUS).
      const log = fs.readFileSync(path.join(cluster.parent, 'nginx', 'access.log'), 'utf8');
      r.per_upstream = {};
      for (const m of log.matchAll(/"POST \/api\/v1\/applications [^"]*" (\d+) .*? upstream=([\d.:]+)\//g))
        r.per_upstream[m[2]] = (r.per_upstream[m[2]] ?? 0) + 1;
      console.log(`        nginx access log, POSTs per server (warm-up included): ${JSON.stringify(r.per_upstream)}`);
    }
    return r;
  } finally {
    if (nginx) await nginx.stop();
    for (const p of procs) await p.stop();
    cluster.stop();
  }
}

// Each (setup, residents) pair on fresh data.
for (const s of setups) {
  results.setups[s] = {};
  for (const n of residentCounts) {
    if (s === 'sqlite') results.setups[s][`residents_${n}`] = await sqliteSetup(n);
    else if (s === 'pg') results.setups[s][`residents_${n}`] = await pgSetup(1, n);
    else if (s === 'pg2') results.setups[s][`residents_${n}`] = await pgSetup(2, n);
    else throw new Error(`unknown setup ${s} (sqlite, pg, pg2)`);
  }
}
results.machine.loadavg_end = os.loadavg();
if (outFile) fs.writeFileSync(outFile, JSON.stringify(results, null, 1) + '\n');
const bad = Object.entries(results.setups).flatMap(([k, v]) => Object.entries(v).filter(([, r]) => !r.durable_ok).map(([n]) => `${k}/${n}`));
if (bad.length) {
  console.error(`store_load: 201s without a stored application in ${bad.join(', ')}`);
  process.exit(1);
}
