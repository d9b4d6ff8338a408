// The division picker's view of the divisions file (web/src/util/divisions.js): the tree cut to
// a field's area_prefix, where the picker opens, and a code's path — on the real Hainan file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { limitToPrefix, pathTo, presetCode, significant } from '../../web/src/util/divisions.js';

const hainan = JSON.parse(readFileSync(new URL('../../server/data/divisions/hainan.json', import.meta.url), 'utf8'))
  .divisions;
const names = (nodes) => nodes.map((n) => n.name);

test('the significant digits of a code drop the trailing zero pairs of its level', () => {
  assert.equal(significant('460000'), '46');
  assert.equal(significant('460200'), '4602');
  assert.equal(significant('460202'), '460202');
});

test('prefix 4602 leaves 海南省 → 三亚市 → its districts, nothing of another city', () => {
  const t = limitToPrefix(hainan, '4602');
  assert.deepEqual(names(t), ['海南省']);
  assert.deepEqual(names(t[0].children), ['三亚市']);
  const districts = t[0].children[0].children;
  assert.ok(districts.length >= 4);
  for (const d of districts) assert.match(d.code, /^4602\d\d$/);
  assert.equal(presetCode(t, '4602'), '460200', 'the picker opens on 三亚市');
});

test('without a prefix the whole file is offered and the picker opens at the top', () => {
  const t = limitToPrefix(hainan, '');
  assert.equal(t[0].children.length, hainan[0].children.length);
  assert.equal(presetCode(t, ''), '');
});

test('a city without districts is a choice of its own, not an empty list', () => {
  // 儋州市 has no districts in GB/T 2260: choosing it ends the pick.
  const bare = hainan[0].children.filter((c) => !c.children?.length);
  assert.ok(bare.length > 0, 'the file has a city without districts');
  const t = limitToPrefix(hainan, '46');
  for (const c of bare) assert.equal(t[0].children.find((x) => x.code === c.code).children, undefined, c.name);
});

test('a prefix of a single district leaves that district', () => {
  const t = limitToPrefix(hainan, '460202');
  assert.deepEqual(
    pathTo(t, '460202').map((n) => n.code),
    ['460000', '460200', '460202'],
  );
  assert.equal(presetCode(t, '460202'), '460200');
});

test('the path of a code names it from the province down; an unknown code has none', () => {
  assert.deepEqual(names(pathTo(hainan, '460202')), ['海南省', '三亚市', '海棠区']);
  assert.deepEqual(pathTo(hainan, '110101'), []);
});
