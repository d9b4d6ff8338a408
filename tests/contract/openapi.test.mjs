// The OpenAPI document (server/openapi.json) is the web app's contract: it must be a valid
// OpenAPI 3.0 document (checked by @apidevtools/swagger-parser, a devDependency of web/ so
// `npm ci` in web/ installs it) and describe the fields the page draws from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'web', 'package.json'));
const SwaggerParser = require('@apidevtools/swagger-parser');
const docPath = join(root, 'server', 'openapi.json');
const load = () => JSON.parse(readFileSync(docPath, 'utf8'));

test('server/openapi.json is a valid OpenAPI 3.0 document', async () => {
  const api = await SwaggerParser.validate(docPath);
  assert.match(api.openapi, /^3\.0\.\d+$/);
});

test('the validator rejects a 3.1-only null type in a 3.0 document', async () => {
  // Guards the check above: a document that says 3.0.3 but writes `type: "null"` must fail.
  const doc = load();
  doc.components.schemas.Resident.properties.profile = {
    oneOf: [{ $ref: '#/components/schemas/Profile' }, { type: 'null' }],
  };
  await assert.rejects(() => SwaggerParser.validate(doc), /validation failed/i);
});

test('no schema uses a JSON Schema feature that OpenAPI 3.0 lacks', () => {
  const bad = [];
  (function walk(node, path) {
    if (Array.isArray(node)) return node.forEach((x, i) => walk(x, `${path}/${i}`));
    if (!node || typeof node !== 'object') return;
    if (node.type === 'null' || Array.isArray(node.type)) bad.push(`${path}: type ${JSON.stringify(node.type)}`);
    for (const k of ['const', 'prefixItems', '$defs', 'examples'])
      if (k in node && !path.endsWith('/properties')) bad.push(`${path}: ${k}`);
    if (node.$ref && Object.keys(node).some((k) => k !== '$ref'))
      bad.push(`${path}: siblings of $ref are ignored in 3.0`);
    for (const [k, v] of Object.entries(node)) walk(v, `${path}/${k}`);
  })(load(), '#');
  assert.deepEqual(bad, []);
});

const schemas = () => load().components.schemas;
const enumOf = (s) => s.enum ?? s.items?.enum;

test('applications carry what the page draws: allowed actions, status label, level, rating, resubmission', () => {
  const app = schemas().Application;
  for (const k of ['allowed_actions', 'status_label', 'level', 'submitted_at']) assert.ok(app.required.includes(k), k);
  assert.deepEqual(enumOf(app.properties.allowed_actions).sort(), [
    'accept',
    'dispatch',
    'issue',
    'rate',
    'refuse',
    'resubmit',
    'supplement',
    'supply',
    'withdraw',
  ]);
  assert.equal(app.properties.status_label.type, 'string');
  assert.equal(app.properties.resubmitted_at.type, 'string');
  assert.deepEqual(app.properties.level.allOf, [{ $ref: '#/components/schemas/Level' }]);
  assert.deepEqual(schemas().Level.enum, ['normal', 'yellow', 'red', 'overdue', 'done']);
  assert.deepEqual(app.properties.rating.allOf, [{ $ref: '#/components/schemas/Rating' }]);
  const rating = schemas().Rating;
  assert.deepEqual(Object.keys(rating.properties).sort(), ['at', 'comment', 'score']);
  assert.equal(rating.properties.score.type, 'integer');
  assert.equal(rating.properties.score.minimum, 1);
  assert.equal(rating.properties.score.maximum, 5);
});

test('tasks carry their allowed actions and status label; events their title', () => {
  const task = schemas().Task;
  for (const k of ['allowed_actions', 'status_label']) assert.ok(task.required.includes(k), k);
  assert.deepEqual(enumOf(task.properties.allowed_actions).sort(), ['approve', 'extend', 'pause', 'reject', 'resume', 'revoke']);
  assert.deepEqual(task.properties.kind.enum, ['review', 'check']);
  const ev = schemas().Event;
  assert.ok(ev.required.includes('title'));
  assert.equal(ev.properties.title.type, 'string');
});

test('deadlines carry the promised limit and may be null; uploads are the core file types', () => {
  const s = schemas();
  assert.equal(s.Deadline.properties.limit_days.type, 'integer');
  for (const k of ['deadline', 'due_preview']) assert.equal(s.Application.properties[k].nullable, true, k);
  assert.equal(s.Task.properties.deadline.nullable, true);
  assert.deepEqual(s.Upload.properties.kind.enum, ['pdf', 'jpg', 'png', 'ofd', 'dwg']);
  assert.equal(s.Resident.properties.profile.nullable, true);
});

test('staff open an upload through ?application=', () => {
  const op = load().paths['/api/v1/uploads/{id}'].get;
  const q = op.parameters.find((p) => p.in === 'query' && p.name === 'application');
  assert.ok(q, 'the application query parameter is described');
  assert.equal(q.required, false);
});
