// Finding items and bundles of the catalog index as residents say them: the full name, its
// start, a part of it, a word people use for it (上户口, 生孩子), its pinyin initials (csdj), or
// a shortened word whose characters appear in order (社保卡 → 社会保障卡申领, 低保 → 最低生活保障).
// The lower-cased haystacks are built once per index, so a keystroke costs a pass of string
// tests over the entries (well under 50 ms for thousands of items on a phone).

/** How good a match is, best first. */
export const RANK = Object.freeze({
  EXACT_NAME: 0,
  NAME_PREFIX: 1,
  NAME_CONTAINS: 2,
  KEYWORD_EXACT: 3,
  KEYWORD_CONTAINS: 4,
  INITIALS_PREFIX: 5,
  INITIALS_CONTAINS: 6,
  IN_ORDER: 7,
});

/**
 * @typedef {{ kind: 'bundle' | 'item', source: any, name: string, nameLc: string,
 *   keywordsLc: string[], initials: string[] }} Entry
 * @typedef {{ kind: 'bundle' | 'item', id: string, name: string, rank: number, source: any }} Hit
 */

/** @type {WeakMap<object, Entry[]>} */
const prepared = new WeakMap();

/**
 * Full-width letters and digits as half-width, lower case: 'ＣＳ' and 'CS' both find 'cs'.
 * @param {unknown} s
 * @returns {string}
 */
export function fold(s) {
  return String(s ?? '')
    .normalize('NFKC')
    .toLowerCase();
}

/**
 * @param {'bundle' | 'item'} kind
 * @param {any} x
 * @returns {Entry}
 */
function entry(kind, x) {
  const name = String(x?.name ?? '');
  return {
    kind,
    source: x,
    name,
    nameLc: fold(name),
    keywordsLc: (Array.isArray(x?.keywords) ? x.keywords : []).map(fold).filter(Boolean),
    initials: (Array.isArray(x?.initials) ? x.initials : []).map(fold).filter(Boolean),
  };
}

/**
 * The entries of an index, built on first use and kept while the index object lives.
 * @param {{ bundles?: any[], items?: any[] }} ix
 * @returns {Entry[]}
 */
function entriesOf(ix) {
  let es = prepared.get(ix);
  if (!es) {
    es = [...(ix.bundles || []).map((b) => entry('bundle', b)), ...(ix.items || []).map((it) => entry('item', it))];
    prepared.set(ix, es);
  }
  return es;
}

/**
 * True when every character of `needle` appears in `hay` in the same order.
 * @param {string} hay
 * @param {string} needle
 * @returns {boolean}
 */
function inOrder(hay, needle) {
  let at = 0;
  for (let i = 0; i < needle.length; i++) {
    at = hay.indexOf(needle[i], at);
    if (at < 0) return false;
    at += 1;
  }
  return true;
}

/**
 * @param {string[]} xs
 * @param {(x: string) => boolean} test
 * @returns {boolean}
 */
function any(xs, test) {
  for (let i = 0; i < xs.length; i++) if (test(xs[i])) return true;
  return false;
}

/**
 * The rank of one entry for one word of the query (already folded), or -1 when it does not match.
 * @param {Entry} e
 * @param {string} w
 * @param {boolean} latin the word is letters and digits only (may be pinyin initials)
 * @returns {number}
 */
function rankFor(e, w, latin) {
  const name = e.nameLc;
  if (name === w) return RANK.EXACT_NAME;
  if (name.startsWith(w)) return RANK.NAME_PREFIX;
  if (name.includes(w)) return RANK.NAME_CONTAINS;
  const kws = e.keywordsLc;
  if (kws.includes(w)) return RANK.KEYWORD_EXACT;
  if (any(kws, (k) => k.includes(w))) return RANK.KEYWORD_CONTAINS;
  if (latin) {
    if (any(e.initials, (s) => s.startsWith(w))) return RANK.INITIALS_PREFIX;
    if (any(e.initials, (s) => s.includes(w))) return RANK.INITIALS_CONTAINS;
  }
  if (inOrder(name, w) || any(kws, (k) => inOrder(k, w))) return RANK.IN_ORDER;
  return -1;
}

/**
 * The bundles and items of the index that match `query`, best first: by rank, then bundles
 * before items, then the shorter name, then the index's order. Words separated by spaces must
 * all match; the entry's rank is that of its weakest word.
 * @param {{ bundles?: any[], items?: any[] }} ix the catalog index
 * @param {string} query what the resident typed
 * @returns {Hit[]}
 */
export function searchIndex(ix, query) {
  const words = fold(query).trim().split(/\s+/).filter(Boolean);
  if (!words.length || !ix) return [];
  const latin = words.map((w) => /^[a-z0-9]+$/.test(w));
  /** @type {Hit[]} */
  const hits = [];
  for (const e of entriesOf(ix)) {
    let rank = 0;
    for (let i = 0; i < words.length && rank >= 0; i++) {
      const r = rankFor(e, words[i], latin[i]);
      rank = r < 0 ? -1 : Math.max(rank, r);
    }
    if (rank >= 0) hits.push({ kind: e.kind, id: String(e.source.id), name: e.name, rank, source: e.source });
  }
  return hits.sort(
    (a, b) =>
      a.rank - b.rank || (a.kind === b.kind ? 0 : a.kind === 'bundle' ? -1 : 1) || a.name.length - b.name.length,
  );
}
