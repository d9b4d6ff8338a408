// The 事项目录 tab's plain helpers (web/src/views/staff/catalog_editor.js): a lint problem's JSON
// pointer placed at its input, its material's row or the list above the form; the item list's
// search and filters; what is typed read into catalog values. Whether a value is allowed is the
// core's lint: nothing here checks one.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  distinctValues,
  feeLines,
  filterItems,
  lintRequest,
  numberValue,
  parseFeeLines,
  parseJsonText,
  placeOf,
  placeProblems,
  pointerParts,
  previewSliceText,
} from '../../web/src/views/staff/catalog_editor.js';

test('a pointer is split and unescaped', () => {
  assert.deepEqual(pointerParts('/items/3/a~1b/c~0d'), ['items', '3', 'a/b', 'c~d']);
  assert.deepEqual(pointerParts(''), []);
});

test('a problem is placed at the item member, the material row, or nowhere in particular', () => {
  assert.deepEqual(placeOf('/items/27/promised_days'), { item: 27, field: 'promised_days', material: -1 });
  assert.deepEqual(placeOf('/items/27/materials/1/name'), { item: 27, field: '', material: 1 });
  assert.deepEqual(placeOf('/items/27/materials/1'), { item: 27, field: '', material: 1 });
  assert.deepEqual(placeOf('/items/2/commitment/text'), { item: 2, field: 'commitment', material: -1 });
  assert.deepEqual(placeOf('/items/2/fields/0/type'), { item: 2, field: 'fields', material: -1 });
  assert.deepEqual(placeOf('/items/2/example/application/fields/x'), { item: 2, field: '', material: -1 });
  assert.deepEqual(placeOf('/bundles/0/stages/1/items/0'), { item: -1, field: '', material: -1 });
  assert.deepEqual(placeOf(''), { item: -1, field: '', material: -1 });
});

test('problems are sorted by where they show, other items counted in catalog order', () => {
  const p = (path) => ({ path, code: 'x', message: path });
  const placed = placeProblems(
    [
      p('/items/5/promised_days'),
      p('/items/5/materials/1/key'),
      p('/items/5/materials/1/deferrable'),
      p('/items/5/example/as_of'),
      p('/items/9/name'),
      p('/items/2/window'),
      p('/items/9/legal_days'),
      p('/bundles/0/stages'),
      p('/items/5/promised_days_by/days/a'),
    ],
    5,
  );
  assert.deepEqual(Object.keys(placed.fields), ['promised_days']);
  assert.deepEqual(
    placed.materials[1].map((x) => x.path),
    ['/items/5/materials/1/key', '/items/5/materials/1/deferrable'],
  );
  assert.deepEqual(
    placed.general.map((x) => x.path),
    ['/items/5/example/as_of', '/bundles/0/stages', '/items/5/promised_days_by/days/a'],
  );
  assert.deepEqual(placed.others, [
    { index: 2, count: 1 },
    { index: 9, count: 2 },
  ]);
  assert.deepEqual(placeProblems(undefined, 0), { fields: {}, materials: {}, general: [], others: [] });
});

const ITEMS = [
  { id: 'residence_permit', name: '居住证办理', window: 'w_police', department: 'gaj', kind: '行政确认' },
  { id: 'id_card_renewal', name: '居民身份证换领', window: 'w_police', department: 'gaj', kind: '行政确认' },
  { id: 'Birth_cert', name: '出生医学证明', window: 'w_social', department: 'wjw', kind: '公共服务' },
];

test('the list is searched by name or id and filtered by window, department and kind', () => {
  const ids = (r) => r.rows.map((x) => x.item.id);
  assert.deepEqual(ids(filterItems(ITEMS, { q: '居住证' })), ['residence_permit']);
  assert.deepEqual(ids(filterItems(ITEMS, { q: ' birth ' })), ['Birth_cert']);
  assert.deepEqual(ids(filterItems(ITEMS, { window: 'w_police' })), ['residence_permit', 'id_card_renewal']);
  assert.deepEqual(ids(filterItems(ITEMS, { department: 'wjw' })), ['Birth_cert']);
  assert.deepEqual(ids(filterItems(ITEMS, { kind: '行政确认', q: '身份证' })), ['id_card_renewal']);
  assert.equal(filterItems(ITEMS, { q: '居住证' }).rows[0].index, 0);
});

test('a capped list says how many matched', () => {
  const many = Array.from({ length: 2000 }, (_, i) => ({ id: `item_${i}`, name: `事项${i}` }));
  const r = filterItems(many, {}, 50);
  assert.equal(r.rows.length, 50);
  assert.equal(r.total, 2000);
  assert.equal(r.rows[49].index, 49);
});

test('distinct values are sorted, blanks left out', () => {
  assert.deepEqual(distinctValues([...ITEMS, { kind: '' }, {}], 'kind'), ['公共服务', '行政确认']);
});

test('a number input: digits become a number, blank leaves the member out, anything else stays text for the lint', () => {
  assert.equal(numberValue(' 20 '), 20);
  assert.equal(numberValue('-1'), -1);
  assert.equal(numberValue(''), undefined);
  assert.equal(numberValue('十'), '十');
  assert.equal(numberValue('5天'), '5天');
});

test('a JSON text area reads as JSON or says where it stopped', () => {
  assert.deepEqual(parseJsonText('[{"id":"a"}]'), { ok: true, value: [{ id: 'a' }] });
  const bad = parseJsonText('[{"id":');
  assert.equal(bad.ok, false);
  assert.match(bad.message, /^不是有效的 JSON/);
});

test('fee lines read into fees and back; the amount stays text', () => {
  const fees = parseFeeLines('不收费 | 0\n\n工本费｜20 元/证｜《条例》第十条 \n');
  assert.deepEqual(fees, [
    { name: '不收费', amount: '0', basis: '' },
    { name: '工本费', amount: '20 元/证', basis: '《条例》第十条' },
  ]);
  assert.equal(feeLines(fees), '不收费 | 0\n工本费 | 20 元/证 | 《条例》第十条');
  assert.deepEqual(parseFeeLines(feeLines(fees)), fees);
  assert.equal(feeLines(undefined), '');
});

const CATALOG = {
  schema_version: 1,
  id: 'c',
  name: '目录',
  version: 'v1',
  sources: {},
  departments: [{ id: 'gaj' }],
  windows: [{ id: 'w' }],
  licence_types: [],
  life_events: [],
  items: [{ id: 'a' }, { id: 'b', name: 'x'.repeat(300) }, { id: 'c' }],
  bundles: [{ id: 'bb', stages: [{ items: ['b'] }, { items: ['c'] }] }],
};

test('a catalog within the core’s request limit is linted whole', () => {
  const r = lintRequest(CATALOG, 1);
  assert.equal(r.whole, true);
  assert.equal(r.request.op, 'lint_catalog');
  assert.deepEqual(JSON.parse(r.request.text), CATALOG);
  assert.equal(r.pathBack('/items/0/name'), '/items/0/name');
});

test('a larger one is linted as the edited item alone, its problems mapped back to its place', () => {
  const r = lintRequest(CATALOG, 1, 200);
  assert.equal(r.whole, false);
  const sent = JSON.parse(r.request.text);
  assert.deepEqual(sent.items, [CATALOG.items[1]]);
  assert.deepEqual(sent.bundles, []);
  assert.deepEqual(sent.departments, CATALOG.departments);
  assert.equal(r.pathBack('/items/0/promised_days'), '/items/1/promised_days');
  assert.equal(r.pathBack('/items/0'), '/items/1');
  assert.equal(r.pathBack('/items/01/x'), '/items/01/x');
  assert.equal(r.pathBack('/departments/0/id'), '/departments/0/id');
});

test('the preview slice holds the item, its bundles and their items, marked as no server version', () => {
  const s = JSON.parse(previewSliceText(CATALOG, 1));
  assert.equal(s.slice_of, 'preview');
  assert.deepEqual(
    s.items.map((i) => i.id),
    ['b', 'c'],
  );
  assert.deepEqual(
    s.bundles.map((b) => b.id),
    ['bb'],
  );
  assert.equal(s.sources, undefined);
  const alone = JSON.parse(previewSliceText(CATALOG, 0));
  assert.deepEqual(
    alone.items.map((i) => i.id),
    ['a'],
  );
  assert.deepEqual(alone.bundles, []);
});
