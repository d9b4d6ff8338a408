// Server throughput and latency against concurrent clients, with wrk as the load
// client. Extends the issue-4 benchmark (tests/bench/server_bench.sh: same baseline, same
// requests, 32 clients) to 1…256 clients: the bare cpp-httplib endpoint
// (yilu_bench_bare_httplib, POST /bare), POST /api/v1/core with check_id on `yilu serve`, and
// durable submissions (POST /api/v1/applications of the child_health_handbook example, each
// with its own Idempotency-Key as the page sends). Each server runs on 127.0.0.1 on a free
// port; `yilu serve` gets a fresh temporary data folder; at the end the stored applications
// are counted in its database.
//   node tests/bench/js/server_load.mjs --yilu BIN --bare BIN [--clients 1,2,…] [--seconds S] [--out FILE]
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const loadDir = path.join(root, 'tests/bench/load');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const yiluBin = path.resolve(opt('--yilu', path.join(root, 'build-release/server/yilu')));
const bareBin = path.resolve(opt('--bare', path.join(root, 'build-release/tests/bench/yilu_bench_bare_httplib')));
const clients = opt('--clients', '1,2,4,8,16,32,64,128,256').split(',').map(Number);
const seconds = +opt('--seconds', '3');
const outFile = opt('--out', null);
const scenarios = opt('--scenarios', 'bare_core,yilu_core,yilu_submit').split(',');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForPort(port, proc, log) {
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${log()}`);
    const ok = await new Promise((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => { c.end(); resolve(true); });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not listen on ${port}: ${log()}`);
}

// The server's output goes to a file, not a pipe: wrk runs synchronously, so a pipe would not
// be drained and a server that logs every submission would block on a full pipe.
async function start(cmd, argv, env = {}) {
  const port = await freePort();
  const logPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yilu-bench-log-')), 'server.log');
  const fd = fs.openSync(logPath, 'w');
  // One resident submits thousands of applications: no daily cap (docs/deploy.md); and every
  // client connects from 127.0.0.1, so no per-address connection cap either (up to 256 here).
  const proc = spawn(cmd, argv(port), {
    env: { ...process.env, YILU_APPLICATIONS_PER_DAY: '0', YILU_CONNECTIONS_PER_ADDRESS: '0', ...env },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const log = () => fs.readFileSync(logPath, 'utf8');
  await waitForPort(port, proc, log);
  return {
    port, proc, log,
    stop: () => new Promise((r) => {
      proc.once('exit', () => { fs.rmSync(path.dirname(logPath), { recursive: true, force: true }); r(); });
      proc.kill('SIGTERM');
    }),
  };
}

async function post(port, p, body, headers = {}, method = 'POST') {
  const r = await fetch(`http://127.0.0.1:${port}${p}`, {
    method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body),
  });
  return { status: r.status, body: await r.json().catch(() => null) };
}

// A resident token by SMS: the default sender writes the code to the server log.
async function residentToken(srv, phone) {
  const req = await post(srv.port, '/api/v1/auth/sms/request', { phone });
  if (req.status !== 202) throw new Error(`sms request ${req.status} ${JSON.stringify(req.body)}`);
  let code = null;
  for (let i = 0; i < 100 && !code; i++) {
    const tail = phone.slice(-4);
    const m = [...srv.log().matchAll(/\[sms\] to (\S+): code (\d+)/g)].filter((x) => x[1].endsWith(tail)).pop();
    code = m ? m[2] : null;
    if (!code) await new Promise((r) => setTimeout(r, 20));
  }
  if (!code) throw new Error(`no SMS code in the log: ${srv.log()}`);
  const v = await post(srv.port, '/api/v1/auth/sms/verify', { phone, code });
  if (v.status !== 200) throw new Error(`sms verify ${v.status} ${JSON.stringify(v.body)}`);
  // Filing needs the real name; the example is filed by the mother it names.
  const p = await post(srv.port, '/api/v1/me/profile', { name: '李晓燕', id_number: '46020319950315122X' }, { Authorization: `Bearer ${v.body.token}` }, 'PUT');
  if (p.status !== 200) throw new Error(`profile ${p.status} ${JSON.stringify(p.body)}`);
  return v.body.token;
}

let runNumber = 0;
function wrk(port, urlPath, script, c, env = {}) {
  const threads = Math.min(2, c);
  env = { ...env, YILU_BENCH_RUN: `${process.pid}.${++runNumber}` };
  const out = execFileSync('wrk', [`-t${threads}`, `-c${c}`, `-d${seconds}s`, '--timeout', '2s', '-s', path.join(loadDir, script), `http://127.0.0.1:${port}${urlPath}`], {
    env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 24,
  });
  const line = out.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (!line) throw new Error(`wrk printed no summary:\n${out}`);
  if (process.env.YILU_BENCH_DEBUG) console.log(out);
  const r = JSON.parse(line.slice(9));
  r.clients = c;
  r.threads = threads;
  r.rps = r.requests / (r.duration_us / 1e6);
  r.errors = r.connect_errors + r.read_errors + r.write_errors + r.status_errors + r.timeouts;
  return r;
}

const results = { seconds, machine: { cpus: os.cpus().length, loadavg_start: os.loadavg() }, scenarios: {} };

function report(name, r) {
  console.log(`${name.padEnd(12)} clients ${String(r.clients).padStart(3)}  ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${(r.p50_us / 1000).toFixed(2).padStart(7)} ms  p99 ${(r.p99_us / 1000).toFixed(2).padStart(7)} ms  errors ${r.errors}`);
}

if (scenarios.includes('bare_core')) {
  const bare = await start(bareBin, (port) => [String(port)]);
  try {
    wrk(bare.port, '/bare', 'core.lua', 4);  // warm-up
    results.scenarios.bare_core = clients.map((c) => { const r = wrk(bare.port, '/bare', 'core.lua', c); report('bare core', r); return r; });
  } finally {
    await bare.stop();
  }
}

if (scenarios.includes('yilu_core') || scenarios.includes('yilu_submit')) {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'yilu-bench-'));
  // Durable means fsynced: the data folder must be on a real disk, not tmpfs.
  results.data_filesystem = execFileSync('df', ['-T', data], { encoding: 'utf8' }).split('\n')[1].split(/\s+/)[1];
  const srv = await start(yiluBin, (port) => ['serve', '--addr', '127.0.0.1', '--port', String(port), '--data', data, '--web', '']);
  try {
    if (scenarios.includes('yilu_core')) {
      wrk(srv.port, '/api/v1/core', 'core.lua', 4);
      results.scenarios.yilu_core = clients.map((c) => { const r = wrk(srv.port, '/api/v1/core', 'core.lua', c); report('yilu core', r); return r; });
    }
    if (scenarios.includes('yilu_submit')) {
      const token = await residentToken(srv, '13876009999');
      const catalog = JSON.parse(fs.readFileSync(path.join(root, 'core/data/catalog/sanya.json'), 'utf8'));
      const item = catalog.items.find((i) => i.id === 'child_health_handbook');
      const ex = item.example.application;
      const body = { kind: 'item', target_id: item.id, fields: ex.fields, materials: ex.materials, answers: ex.answers ?? {} };
      const first = await post(srv.port, '/api/v1/applications', body, { Authorization: `Bearer ${token}` });
      if (first.status !== 201) throw new Error(`submission refused: ${first.status} ${JSON.stringify(first.body).slice(0, 500)}`);
      const env = { YILU_BENCH_BODY: JSON.stringify(body), YILU_BENCH_TOKEN: token };
      const warm = wrk(srv.port, '/api/v1/applications', 'submit.lua', 4, env);
      results.scenarios.yilu_submit = clients.map((c) => { const r = wrk(srv.port, '/api/v1/applications', 'submit.lua', c, env); report('yilu submit', r); return r; });
      results.submit_body_bytes = JSON.stringify(body).length;
      results.data_folder_bytes = Number(execFileSync('du', ['-sb', data], { encoding: 'utf8' }).split('\t')[0]);
      // Every 201 must be a stored application (the first one above, the warm-up, the runs).
      const answered = 1 + warm.requests - warm.status_errors + results.scenarios.yilu_submit.reduce((n, r) => n + r.requests - r.status_errors, 0);
      const stored = Number(execFileSync('python3', ['-c', 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM applications").fetchone()[0])', path.join(data, 'yilu.db')], { encoding: 'utf8' }).trim());
      results.submissions_answered = answered;
      results.submissions_stored = stored;
      console.log(`submissions: ${answered} answered without error, ${stored} stored`);
    }
  } finally {
    await srv.stop();
    fs.rmSync(data, { recursive: true, force: true });
  }
}
results.machine.loadavg_end = os.loadavg();
if (outFile) fs.writeFileSync(outFile, JSON.stringify(results, null, 1) + '\n');
