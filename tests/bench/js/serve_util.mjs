// What the server benchmarks that start their own processes share (store_load.mjs,
// million.mjs): `yilu serve` on a free loopback port with its log in a file, JSON requests, a
// resident signed in through the log SMS sender, a throwaway PostgreSQL cluster
// (scripts/pg_cluster.sh), the CPU time of a process tree from /proc, and wrk run in the
// background while the load average is sampled.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const loadDir = path.join(root, 'tests/bench/load');

export function option(args, name, dflt) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

// Retried when a kept-alive connection turns out closed by the server (its keep-alive timeout
// passed while a long step ran, e.g. the bulk load): the request never reached it. Each try
// drops one dead pooled socket, and several may be pooled.
const deadSocket = new Set(['UND_ERR_SOCKET', 'EPIPE', 'ECONNRESET']);
export async function call(base, method, p, body, headers = {}) {
  const send = () => fetch(base + p, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let r;
  for (let attempt = 1; ; attempt++) {
    try {
      r = await send();
      break;
    } catch (e) {
      if (!deadSocket.has(e?.cause?.code) || attempt >= 10) throw e;
    }
  }
  const text = await r.text();
  let parsed = null;
  try { parsed = JSON.parse(text); } catch { parsed = text; }
  return { status: r.status, body: parsed };
}

// A started process whose output goes to a file (a pipe not drained while wrk runs would
// block a server that logs every request); `stop` sends TERM and waits for the exit.
export function spawnLogged(cmd, argv, env, logPath) {
  const fd = fs.openSync(logPath, 'w');
  const proc = spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  const exited = new Promise((r) => proc.once('exit', r));
  return {
    proc, logPath,
    log: () => fs.readFileSync(logPath, 'utf8'),
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 15000);
      await exited;
      clearTimeout(t);
    },
  };
}

// `yilu serve` on a free port; resolves once /api/v1/ready answers 200.
export async function startYilu(bin, args, env, logPath) {
  const port = await freePort();
  const srv = spawnLogged(bin, ['serve', '--addr', '127.0.0.1', '--port', String(port), '--web', '', ...args],
    { YILU_APPLICATIONS_PER_DAY: '0', ...env }, logPath);
  srv.port = port;
  srv.base = `http://127.0.0.1:${port}`;
  await waitReady(srv.base, srv, 600);
  return srv;
}

export async function waitReady(base, srv, tries = 200, p = '/api/v1/ready') {
  for (let i = 0; i < tries; i++) {
    if (srv.proc.exitCode !== null) throw new Error(`${srv.logPath}: exited\n${srv.log().slice(-2000)}`);
    try {
      const r = await fetch(base + p);
      if (r.status === 200) return;
    } catch { /* not listening yet */ }
    await sleep(100);
  }
  throw new Error(`${base} not ready: ${srv.log().slice(-2000)}`);
}

// A resident token by SMS (the code is read from `srv`'s log), with the profile of the mother
// that the catalog's examples name.
export const MOTHER = { name: '李晓燕', id_number: '46020319950315122X' };
// `address` (X-Real-IP, believed from a server started with YILU_TRUSTED_PROXIES=127.0.0.1)
// lets one benchmark sign in more residents than the per-address code limit (30 an hour).
export async function residentToken(srv, phone, profile = MOTHER, address = null) {
  const tail = phone.slice(-4);
  const via = address ? { 'X-Real-IP': address } : {};
  const codes = () => [...srv.log().matchAll(/\[sms\] to (\S+): code (\d+)/g)].filter((x) => x[1].endsWith(tail));
  const before = codes().length;
  const req = await call(srv.base, 'POST', '/api/v1/auth/sms/request', { phone }, via);
  if (req.status !== 202) throw new Error(`sms request ${req.status} ${JSON.stringify(req.body)}`);
  let code = null;
  for (let i = 0; i < 200 && !code; i++) {
    const c = codes();
    if (c.length > before) code = c[c.length - 1][2];
    else await sleep(20);
  }
  if (!code) throw new Error('no SMS code in the log');
  const v = await call(srv.base, 'POST', '/api/v1/auth/sms/verify', { phone, code }, via);
  if (v.status !== 200) throw new Error(`sms verify ${v.status} ${JSON.stringify(v.body)}`);
  const p = await call(srv.base, 'PUT', '/api/v1/me/profile', profile, { Authorization: `Bearer ${v.body.token}` });
  if (p.status !== 200) throw new Error(`profile ${p.status} ${JSON.stringify(p.body)}`);
  return v.body.token;
}

// --- PostgreSQL ----------------------------------------------------------------------------

// A cluster in a fresh folder the postgres user can reach (pg_cluster.sh runs it as postgres
// when we are root). `extraConf` lines are appended to postgresql.conf before the start.
export function pgCluster(tag) {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), `yilu-${tag}-`));
  fs.chmodSync(parent, 0o755);
  const dir = path.join(parent, 'pg');
  const script = path.join(root, 'scripts/pg_cluster.sh');
  const c = {
    parent, dir, url: null,
    start() {
      c.url = execFileSync(script, ['start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').pop();
      return c.url;
    },
    // Started for a database of a few GB loaded in bulk: a shared_buffers fit for a server (the
    // default 128 MB is for a laptop) and room for the load's WAL between checkpoints, which
    // need a restart (pause and resume). fsync stays on.
    startForBulk() {
      c.start();
      c.set({ shared_buffers: '1GB', max_wal_size: '8GB', maintenance_work_mem: '512MB' });
      execFileSync(script, ['pause', dir], { stdio: 'ignore' });
      execFileSync(script, ['resume', dir], { stdio: 'ignore' });
      return c.url;
    },
    // Settings for this cluster only (ALTER SYSTEM + reload: no restart needed for these).
    set(settings) {
      for (const [k, v] of Object.entries(settings)) c.psql(`ALTER SYSTEM SET ${k} = '${v}'`, 'postgres');
      c.psql('SELECT pg_reload_conf()', 'postgres');
    },
    psql(sql, db = 'yilu') {
      const url = db === 'yilu' ? c.url : c.url.replace(/\/yilu$/, `/${db}`);
      return execFileSync('psql', [url, '-XtAq', '-v', 'ON_ERROR_STOP=1', '-c', sql], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim();
    },
    psqlFile(file) {
      return execFileSync('psql', [c.url, '-XtAq', '-v', 'ON_ERROR_STOP=1', '-f', file], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim();
    },
    postmaster() { return Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]); },
    stop() {
      try { execFileSync(script, ['stop', dir], { stdio: 'ignore' }); } catch { /* already gone */ }
      fs.rmSync(parent, { recursive: true, force: true });
    },
  };
  return c;
}

// --- CPU time from /proc --------------------------------------------------------------------

export const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

// [pid, ppid, utime, stime, cutime, cstime] of a process, or null when it is gone. The name
// in parentheses may hold spaces: fields are counted after its closing parenthesis.
function stat(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // f[0] is field 3 (state): utime is field 14, so f[11]
    return { pid, ppid: Number(f[1]), utime: Number(f[11]), stime: Number(f[12]), cutime: Number(f[13]), cstime: Number(f[14]) };
  } catch {
    return null;
  }
}

function childrenOf(pid) {
  const out = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = stat(Number(d));
    if (s && s.ppid === pid) out.push(s.pid);
  }
  return out;
}

// Nanoseconds a process has run, from the scheduler (/proc/PID/schedstat). utime+stime in
// /proc/PID/stat are sampled at the timer tick and miss processes that run in short bursts
// between ticks, as PostgreSQL backends do (measured: 0.02 s for a run that kept them busy).
// A process's own schedstat covers its main thread only: its threads are summed (yilu's pool
// threads live as long as the server, so none is lost by exiting during a run).
function runNs(pid) {
  let ns = 0;
  try {
    for (const t of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(fs.readFileSync(`/proc/${pid}/task/${t}/schedstat`, 'utf8').split(' ')[0]);
      } catch { /* thread gone */ }
    }
  } catch { /* process gone */ }
  return ns;
}

// CPU seconds of a process and its descendants, living or already waited for: a child that
// exited counts in its parent's cutime/cstime (tick-sampled: the only record left of it), so
// before/after differences stay right when PostgreSQL backends or nginx workers come and go.
export function treeCpu(pid) {
  const self = stat(pid);
  if (!self) return 0;
  let s = runNs(pid) / 1e9 + (self.cutime + self.cstime) / CLK_TCK;
  for (const c of childrenOf(pid)) s += treeCpu(c);
  return s;
}

// The machine's busy CPU seconds (every process, ours or not) from /proc/stat.
export function machineBusy() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = f;  // idle and iowait left out
  return (user + nice + system + irq + softirq + steal) / CLK_TCK;
}

// --- wrk ------------------------------------------------------------------------------------

// wrk in the background (so that the load average can be sampled every second), under
// /usr/bin/time for its own CPU time. `watch` is {name: pid} of processes whose tree CPU is
// read before and after.
export async function wrkRun({ url, script, clients, seconds, env = {}, threads = 2, timeout = '2s', watch = {} }) {
  const before = Object.fromEntries(Object.entries(watch).map(([k, pid]) => [k, treeCpu(pid)]));
  const busy0 = machineBusy();
  const loads = [];
  const argv = ['-f', 'WRK_CPU %U %S', 'wrk', `-t${Math.min(threads, clients)}`, `-c${clients}`, `-d${seconds}s`,
    '--timeout', timeout, '-s', path.join(loadDir, script), url];
  const proc = spawn('/usr/bin/time', argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => { out += d; });
  proc.stderr.on('data', (d) => { err += d; });
  const sampler = setInterval(() => loads.push(os.loadavg()[0]), 1000);
  const code = await new Promise((r) => proc.once('close', r));
  clearInterval(sampler);
  const after = Object.fromEntries(Object.entries(watch).map(([k, pid]) => [k, treeCpu(pid)]));
  const busy = machineBusy() - busy0;
  const line = out.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (code !== 0 || !line) throw new Error(`wrk failed (${code}):\n${out}\n${err}`);
  const r = JSON.parse(line.slice(9));
  const cpu = /WRK_CPU ([\d.]+) ([\d.]+)/.exec(err);
  r.clients = clients;
  r.seconds = r.duration_us / 1e6;
  r.rps = r.requests / r.seconds;
  r.errors = r.connect_errors + r.read_errors + r.write_errors + r.status_errors + r.timeouts;
  r.loadavg_1m = { samples: loads.length, mean: loads.reduce((a, b) => a + b, 0) / (loads.length || 1), max: Math.max(...loads, 0) };
  r.cpu_s = Object.fromEntries(Object.keys(watch).map((k) => [k, +(after[k] - before[k]).toFixed(2)]));
  r.cpu_s.wrk = cpu ? +(Number(cpu[1]) + Number(cpu[2])).toFixed(2) : null;
  r.cpu_s.machine_busy = +busy.toFixed(2);
  const ours = Object.keys(watch).reduce((a, k) => a + r.cpu_s[k], 0) + (r.cpu_s.wrk ?? 0);
  // Everything else on the machine in the same seconds: the benchmark node process itself,
  // other people's builds (the machine is shared).
  r.cpu_s.others = +(busy - ours).toFixed(2);
  return r;
}
