// The resident search over the catalog index (web/src/util/search.js): the order of the ranks,
// the words people say, pinyin initials, the ties, and the time for a city-sized index.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { searchIndex, RANK } from '../../web/src/util/search.js';

const index = {
  bundles: [
    { id: 'birth', name: '出生一件事', keywords: ['生孩子', '新生儿'], initials: ['csyjs', 'shz', 'xse'] },
    { id: 'startup', name: '企业开办一件事', keywords: ['开公司'], initials: ['qykbyjs', 'kgs'] },
  ],
  items: [
    { id: 'hukou', name: '出生登记（新生儿落户）', department: 'gaj', keywords: ['上户口'], initials: ['csdj(xselh)', 'shk'] },
    { id: 'sscard', name: '社会保障卡申领（新生儿）', department: 'rsj', keywords: [], initials: ['shbzksl(xse)'] },
    { id: 'dibao', name: '最低生活保障审核确认', department: 'mz', keywords: [], initials: ['zdshbzshqr'] },
    { id: 'birthcert', name: '《出生医学证明》首次签发', department: 'wjw', keywords: [], initials: ['《csyxzm》scqf'] },
    { id: 'birth_exact', name: '出生', keywords: [], initials: ['cs'] },
    { id: 'licence', name: '企业设立登记（营业执照）', keywords: ['开公司', '营业执照'], initials: ['qysldj(yyzz)', 'kgs', 'yyzz'] },
    { id: 'icp', name: 'ICP备案', keywords: [], initials: ['icpba'] },
  ],
};

const ids = (q) => searchIndex(index, q).map((h) => h.id);
const hit = (q, id) => searchIndex(index, q).find((h) => h.id === id);

test('an empty or blank query finds nothing', () => {
  assert.deepEqual(searchIndex(index, ''), []);
  assert.deepEqual(searchIndex(index, '   '), []);
});

test('the exact name comes first, then names starting with the query, then names containing it', () => {
  const hits = searchIndex(index, '出生');
  assert.equal(hits[0].id, 'birth_exact');
  assert.equal(hits[0].rank, RANK.EXACT_NAME);
  // 出生一件事 (a bundle) and 出生登记… start with it: the bundle first at equal rank.
  assert.deepEqual(
    hits.slice(1, 3).map((h) => h.id),
    ['birth', 'hukou'],
  );
  assert.equal(hits[1].rank, RANK.NAME_PREFIX);
  assert.equal(hit('出生', 'birthcert').rank, RANK.NAME_CONTAINS);
});

test('words people say find the item through its keywords', () => {
  assert.equal(ids('上户口')[0], 'hukou');
  assert.equal(hit('上户口', 'hukou').rank, RANK.KEYWORD_EXACT);
  assert.equal(ids('生孩子')[0], 'birth');
  assert.equal(hit('孩子', 'birth').rank, RANK.KEYWORD_CONTAINS);
});

test('a shortened word finds the name whose characters it takes in order', () => {
  assert.equal(ids('社保卡')[0], 'sscard');
  assert.equal(hit('社保卡', 'sscard').rank, RANK.IN_ORDER);
  assert.equal(ids('低保')[0], 'dibao');
  assert.equal(hit('保卡社', 'sscard'), undefined, 'the characters must appear in order');
});

test('pinyin initials, in any case, find the name and then the keywords', () => {
  assert.equal(hit('csdj', 'hukou').rank, RANK.INITIALS_PREFIX);
  assert.equal(hit('CSDJ', 'hukou').rank, RANK.INITIALS_PREFIX);
  assert.equal(hit('shk', 'hukou').rank, RANK.INITIALS_PREFIX, 'the initials of 上户口');
  assert.equal(hit('xse', 'sscard').rank, RANK.INITIALS_CONTAINS);
  // Latin letters in a name are matched as the name first.
  assert.equal(hit('icp', 'icp').rank, RANK.NAME_PREFIX);
  assert.equal(hit('ＩＣＰ', 'icp').rank, RANK.NAME_PREFIX, 'full-width letters are the same letters');
});

test('Han characters never match the initials', () => {
  const onlyInitials = { bundles: [], items: [{ id: 'x', name: '甲乙', initials: ['出生'] }] };
  assert.deepEqual(searchIndex(onlyInitials, '出生'), []);
});

test('ties go to bundles, then to the shorter name', () => {
  // 开公司 is a keyword of the 企业开办 bundle and of 企业设立登记: the bundle first.
  assert.deepEqual(ids('开公司'), ['startup', 'licence']);
  const tie = {
    bundles: [],
    items: [
      { id: 'long', name: '婚姻登记（涉外）补领', keywords: [] },
      { id: 'short', name: '婚姻登记补领', keywords: [] },
    ],
  };
  assert.deepEqual(
    searchIndex(tie, '婚姻').map((h) => h.id),
    ['short', 'long'],
  );
});

test('every word of a query with spaces must match; the weakest decides the rank', () => {
  assert.deepEqual(ids('出生 落户'), ['hukou']);
  assert.equal(hit('出生 落户', 'hukou').rank, RANK.NAME_CONTAINS);
  assert.deepEqual(ids('出生 营业执照'), []);
});

test('a city-sized index answers each keystroke within 50 ms', () => {
  // 2,500 items and 100 bundles of made-up Han names with keywords and initials.
  const han = '出生登记社会保障卡申领最低生活审核确认企业开办营业执照住房公积金提取户口迁移婚姻退休养老医疗';
  let seed = 7;
  const pick = (n) => {
    let s = '';
    for (let i = 0; i < n; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      s += han[seed % han.length];
    }
    return s;
  };
  const big = {
    bundles: Array.from({ length: 100 }, (_, i) => ({ id: `b${i}`, name: `${pick(4)}一件事`, keywords: [pick(3)], initials: ['abcd', 'xyz'] })),
    items: Array.from({ length: 2500 }, (_, i) => ({
      id: `i${i}`,
      name: pick(6 + (i % 10)),
      keywords: [pick(3), pick(4)],
      initials: ['qwertyu', 'asd', 'zxcv'],
    })),
  };
  const t0 = performance.now();
  searchIndex(big, '出'); // builds the haystacks once
  const first = performance.now() - t0;
  assert.ok(first <= 250, `the first query (building the haystacks) took ${first.toFixed(1)} ms`);
  const queries = ['出', '出生', '社保卡', '低保', '上户口', '生孩子', 'csdj', 'zxc', '住房公积金提取', '无此事项'];
  for (const q of queries) {
    // The best of three, so a garbage collection or a busy machine does not decide.
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      searchIndex(big, q);
      best = Math.min(best, performance.now() - t);
    }
    assert.ok(best <= 50, `"${q}" took ${best.toFixed(1)} ms`);
  }
});
