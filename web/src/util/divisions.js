// The administrative divisions (GET /api/v1/divisions, GB/T 2260) as the division picker shows
// them: the tree cut to a field's area_prefix, the path to preselect, a code's names. Which codes
// a field accepts is still the core's check; this only keeps the picker from offering others.

/**
 * @typedef {{ code: string, name: string, children?: Division[] }} Division
 */

/**
 * The significant digits of a code: 460000 → 46, 460200 → 4602, 460202 → 460202.
 * @param {string} code
 * @returns {string}
 */
export function significant(code) {
  let s = String(code || '');
  while (s.length > 2 && s.endsWith('00')) s = s.slice(0, -2);
  return s;
}

/**
 * The divisions a field with `prefix` can take, with the levels above them kept so the picker
 * reads 省 → 市 → 区. Childless lists are dropped (the picker would open an empty tab).
 * @param {Division[]} tree
 * @param {string} [prefix]
 * @returns {Division[]}
 */
export function limitToPrefix(tree, prefix = '') {
  const p = String(prefix || '');
  /** @type {(nodes: Division[] | undefined) => Division[]} */
  const walk = (nodes) => {
    const out = [];
    for (const n of nodes || []) {
      const code = String(n.code);
      const kids = Array.isArray(n.children) && n.children.length ? n.children : undefined;
      if (code.startsWith(p)) {
        out.push({ code, name: n.name, children: kids ? walk(kids) : undefined });
      } else if (kids && p.startsWith(significant(code))) {
        const children = walk(kids);
        if (children.length) out.push({ code, name: n.name, children });
      }
    }
    return out;
  };
  return walk(tree);
}

/**
 * The path of names and codes from the top to `code`, or [] when the tree has no such code.
 * @param {Division[]} tree
 * @param {string} code
 * @returns {Division[]}
 */
export function pathTo(tree, code) {
  for (const n of tree || []) {
    if (String(n.code) === String(code)) return [n];
    const below = pathTo(n.children || [], code);
    if (below.length) return [n, ...below];
  }
  return [];
}

/**
 * The deepest division that every code with `prefix` lies in (4602 → 三亚市), where the picker
 * opens; '' when the prefix narrows nothing.
 * @param {Division[]} tree the tree as limitToPrefix gave it
 * @param {string} [prefix]
 * @returns {string}
 */
export function presetCode(tree, prefix = '') {
  const p = String(prefix || '');
  let at = '';
  let level = tree;
  for (;;) {
    const inside = (level || []).filter((n) => p.startsWith(significant(n.code)) && n.children?.length);
    if (inside.length !== 1) return at;
    at = inside[0].code;
    level = inside[0].children || [];
  }
}
