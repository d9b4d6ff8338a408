// Who may call each route is declared once, in the server (`yilu routes`). The OpenAPI document
// must describe exactly the routes the server declares, each with the same access
// (x-yilu-access, x-yilu-kinds) and the matching bearer scheme (security), and must be what
// server/tools/gen_openapi.py writes from them. Needs the built server: YILU_BIN, default
// build/server/yilu. A missing binary, or one without `routes`, FAILS (never a silent pass).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.YILU_BIN || join(root, 'build', 'server', 'yilu');
const doc = JSON.parse(readFileSync(join(root, 'server', 'openapi.json'), 'utf8'));

// What a set of caller kinds needs on the wire: no token (public), a resident's, a staff
// member's, or either. Which staff roles pass is x-yilu-kinds (OpenAPI 3.0 bearer schemes have no roles).
const STAFF = ['clerk', 'reviewer', 'supervisor', 'admin'];
function securityFor(kinds) {
  const out = [];
  if (kinds.includes('resident')) out.push({ resident: [] });
  if (kinds.some((k) => STAFF.includes(k))) out.push({ staff: [] });
  return out;
}

let cached;
/** The server's declared routes, or a failed assertion saying why they could not be had. */
function serverRoutes() {
  if (cached) return cached;
  assert.ok(
    existsSync(bin),
    `yilu binary not found at ${bin}: build it (cmake --build build --target yilu) or set YILU_BIN`,
  );
  const r = spawnSync(bin, ['routes'], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(
    r.status,
    0,
    `\`${bin} routes\` failed (exit ${r.status}); does this build have the routes command?\n${r.stderr}`,
  );
  let routes;
  try {
    routes = JSON.parse(r.stdout);
  } catch (e) {
    assert.fail(`\`yilu routes\` printed no JSON: ${e.message}\n${r.stdout.slice(0, 500)}`);
  }
  assert.ok(Array.isArray(routes) && routes.length > 30, 'yilu routes lists the API');
  cached = { routes, text: r.stdout };
  return cached;
}

const key = (method, path) => `${method.toUpperCase()} ${path}`;
function describedOps() {
  const out = new Map();
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) out.set(key(method, path), op);
  return out;
}

test('the document describes exactly the routes the server declares', () => {
  const declared = serverRoutes()
    .routes.map((r) => key(r.method, r.path))
    .sort();
  assert.equal(new Set(declared).size, declared.length, 'no route declared twice');
  assert.deepEqual([...describedOps().keys()].sort(), declared);
});

test("each operation's access, caller kinds and security are the server's", () => {
  const ops = describedOps();
  const wrong = [];
  for (const r of serverRoutes().routes) {
    const where = key(r.method, r.path);
    const op = ops.get(where);
    if (!op) continue; // reported by the test above
    if (op['x-yilu-access'] !== r.access)
      wrong.push(`${where}: x-yilu-access ${op['x-yilu-access']}, server ${r.access}`);
    if (JSON.stringify(op['x-yilu-kinds']) !== JSON.stringify(r.kinds))
      wrong.push(`${where}: x-yilu-kinds ${JSON.stringify(op['x-yilu-kinds'])}, server ${JSON.stringify(r.kinds)}`);
    if (JSON.stringify(op.security) !== JSON.stringify(securityFor(r.kinds)))
      wrong.push(`${where}: security ${JSON.stringify(op.security)} for kinds ${JSON.stringify(r.kinds)}`);
  }
  assert.deepEqual(wrong, []);
});

test('public routes need no token and every other route names its bearer scheme and 401', () => {
  const ops = describedOps();
  for (const r of serverRoutes().routes) {
    const op = ops.get(key(r.method, r.path));
    if (!op) continue;
    if (r.access === 'public') assert.deepEqual(op.security, [], key(r.method, r.path));
    else assert.ok(op.security.length > 0 && op.responses['401'], `${key(r.method, r.path)}: security and 401`);
  }
});

test("server/openapi.json is what the generator writes from the server's routes", () => {
  const r = spawnSync('python3', [join(root, 'server', 'tools', 'gen_openapi.py'), '--routes', '-', '--check'], {
    input: serverRoutes().text,
    encoding: 'utf8',
  });
  assert.equal(
    r.status,
    0,
    `${r.stderr}\nregenerate: build/server/yilu routes | python3 server/tools/gen_openapi.py --routes -`,
  );
});
