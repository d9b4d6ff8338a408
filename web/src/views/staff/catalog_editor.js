// The 事项目录 tab's plain helpers (web/src/views/staff/CatalogEditor.vue): where a problem of the
// core's lint shows (its JSON pointer → an input, a material's row, or the list above the form),
// the item list's search and filters, and what an administrator types read into catalog values.
// None of them decides whether a value is allowed: the core's lint does, on the whole catalog.

/**
 * A JSON pointer's segments, unescaped ("/items/3/materials/0/name" → ["items","3","materials","0","name"]).
 * @param {string} path
 * @returns {string[]}
 */
export function pointerParts(path) {
  return String(path || '')
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Where a problem shows on the page: `item` is the index of the item it is about (-1: the
 * catalog's own parts), then a top-level member of that item (`field`), a material's row
 * (`material`, its index in the list), or nothing (`field` '', shown above the form).
 * @param {string} path
 * @returns {{ item: number, field: string, material: number }}
 */
export function placeOf(path) {
  const parts = pointerParts(path);
  const place = { item: -1, field: '', material: -1 };
  if (parts[0] !== 'items' || !/^\d+$/.test(parts[1] || '')) return place;
  place.item = Number(parts[1]);
  if (parts[2] === 'materials' && /^\d+$/.test(parts[3] || '')) place.material = Number(parts[3]);
  else if (parts[2] === 'commitment') place.field = 'commitment';
  else if (parts[2] && parts.length === 3) place.field = parts[2];
  else if (parts[2] === 'questions' || parts[2] === 'fields' || parts[2] === 'fees') place.field = parts[2];
  return place;
}

/** The item members the form has an input for: a problem there shows under it. */
export const FORM_FIELDS = [
  'name',
  'kind',
  'department',
  'window',
  'online_level',
  'legal_days',
  'promised_days',
  'counts_acceptance_day',
  'deferral_days',
  'instant',
  'commitment',
  'basis',
  'fees',
  'questions',
  'fields',
];

/**
 * The lint's problems sorted by where they show, for the item at `itemIndex`: `fields` by item
 * member, `materials` by row, `general` above the form (the item's other parts and the catalog's
 * own), and `others`: per other item, how many ({index, count}, in catalog order).
 * @param {Array<{path: string}>} problems
 * @param {number} itemIndex
 */
export function placeProblems(problems, itemIndex) {
  /** @type {Record<string, any[]>} */
  const fields = {};
  /** @type {Record<number, any[]>} */
  const materials = {};
  const general = [];
  const others = new Map();
  for (const p of problems || []) {
    const at = placeOf(p.path);
    if (at.item >= 0 && at.item !== itemIndex) {
      others.set(at.item, (others.get(at.item) || 0) + 1);
      continue;
    }
    if (at.item === itemIndex && at.material >= 0) (materials[at.material] ||= []).push(p);
    else if (at.item === itemIndex && FORM_FIELDS.includes(at.field)) (fields[at.field] ||= []).push(p);
    else if (at.item < 0 || at.item === itemIndex) general.push(p);
  }
  const list = [...others.entries()].sort((a, b) => a[0] - b[0]).map(([index, count]) => ({ index, count }));
  return { fields, materials, general, others: list };
}

/**
 * The items matching the search box (name or id, any part, letter case ignored) and the chosen
 * window, department and kind ('' for any); at most `limit` rows, and how many matched.
 * @param {any[]} items
 * @param {{ q?: string, window?: string, department?: string, kind?: string }} filter
 * @param {number} [limit]
 * @returns {{ rows: Array<{ index: number, item: any }>, total: number }}
 */
export function filterItems(items, filter, limit = 50) {
  const q = String(filter.q || '')
    .trim()
    .toLowerCase();
  const rows = [];
  let total = 0;
  (items || []).forEach((item, index) => {
    if (filter.window && item.window !== filter.window) return;
    if (filter.department && item.department !== filter.department) return;
    if (filter.kind && item.kind !== filter.kind) return;
    if (
      q &&
      !String(item.name || '')
        .toLowerCase()
        .includes(q) &&
      !String(item.id || '')
        .toLowerCase()
        .includes(q)
    )
      return;
    total += 1;
    if (rows.length < limit) rows.push({ index, item });
  });
  return { rows, total };
}

/**
 * The distinct values of one member across the items, sorted (the 事项类型 filter's choices).
 * @param {any[]} items
 * @param {string} key
 * @returns {string[]}
 */
export function distinctValues(items, key) {
  const set = new Set();
  for (const it of items || []) if (typeof it?.[key] === 'string' && it[key]) set.add(it[key]);
  return [...set].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

/**
 * A number input's text as the catalog value: '' → undefined (the member is left out), digits
 * → a number; anything else stays text, for the lint to name (a wrong type), never guessed at.
 * @param {string} text
 * @returns {number | string | undefined}
 */
export function numberValue(text) {
  const t = String(text ?? '').trim();
  if (!t) return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

/**
 * A JSON text area's content: {ok: true, value} or {ok: false, message} (where it stopped reading).
 * @param {string} text
 */
export function parseJsonText(text) {
  try {
    return { ok: true, value: JSON.parse(String(text)) };
  } catch (e) {
    return { ok: false, message: `不是有效的 JSON：${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * Fee lines ("名称 | 金额 | 依据", one fee a line; blank lines skipped) → the catalog's fees. The
 * amount stays text as published ("20 元/证").
 * @param {string} text
 * @returns {Array<{ name: string, amount: string, basis: string }>}
 */
export function parseFeeLines(text) {
  return String(text || '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name = '', amount = '', ...basis] = l.split(/\s*[|｜]\s*/);
      return { name, amount, basis: basis.join('｜') };
    });
}

/** The catalog's fees as lines for the text area (the inverse of parseFeeLines). */
export function feeLines(fees) {
  return (Array.isArray(fees) ? fees : [])
    .map((f) => [f?.name ?? '', f?.amount ?? '', f?.basis ?? ''].join(' | ').replace(/( \| )+$/, ''))
    .join('\n');
}

/** The core's request limit (core/include/yilu/call.hpp kMaxRequestBytes). */
export const CORE_REQUEST_LIMIT = 1 << 20;

const utf8Length = (s) => new TextEncoder().encode(s).length;

/**
 * The core's lint request for the edited catalog, and how its problems' paths map back. A
 * catalog whose request would pass the core's 1 MiB limit is linted as the item being edited
 * alone, with the catalog's departments, windows, licence types and life events (no bundles, no
 * other items): its problems are mapped back to the item's place, and the whole catalog is
 * checked by the server on 发布 (the same lint).
 * @param {any} catalog the edited catalog
 * @param {number} itemIndex
 * @param {number} [limit]
 * @returns {{ request: { op: string, text: string }, whole: boolean, pathBack: (p: string) => string }}
 */
export function lintRequest(catalog, itemIndex, limit = CORE_REQUEST_LIMIT) {
  const whole = { op: 'lint_catalog', text: JSON.stringify(catalog) };
  if (utf8Length(JSON.stringify(whole)) <= limit || itemIndex < 0)
    return { request: whole, whole: true, pathBack: (p) => p };
  const one = { ...catalog, items: [catalog.items[itemIndex]], bundles: [] };
  return {
    request: { op: 'lint_catalog', text: JSON.stringify(one) },
    whole: false,
    pathBack: (p) => String(p).replace(/^\/items\/0(?=\/|$)/, `/items/${itemIndex}`),
  };
}

/**
 * The draft as one slice for the resident page's preview (docs/catalog.md, "Slices"): the item,
 * the bundles naming it with their items, and the catalog's reference lists; `slice_of` marks it
 * as no version of the server's.
 * @param {any} catalog the edited catalog
 * @param {number} itemIndex
 * @returns {string}
 */
export function previewSliceText(catalog, itemIndex) {
  const item = catalog.items[itemIndex];
  const bundles = (catalog.bundles || []).filter((b) =>
    (b.stages || []).some((st) => (st.items || []).includes(item.id)),
  );
  const ids = new Set([item.id, ...bundles.flatMap((b) => (b.stages || []).flatMap((st) => st.items || []))]);
  return JSON.stringify({
    schema_version: catalog.schema_version,
    id: catalog.id,
    name: catalog.name,
    version: `${catalog.version}（预览）`,
    slice_of: 'preview',
    departments: catalog.departments || [],
    windows: catalog.windows || [],
    licence_types: catalog.licence_types || [],
    life_events: catalog.life_events || [],
    items: (catalog.items || []).filter((it) => ids.has(it.id)),
    bundles,
  });
}
