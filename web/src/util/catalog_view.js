// Names and lists read from a catalog — the whole one (staff console) or a slice (resident
// pages) — for display only (which windows, items and bundles exist and what they are called;
// the resident pages list and search the index instead: api/catalog_index.js, util/search.js).
// Anything that decides — conditions, materials, limits, dates — is asked of the core.
const arr = (v) =>
  Array.isArray(v) ? v : v && typeof v === 'object' ? Object.entries(v).map(([id, x]) => ({ id, ...x })) : [];

export function windows(cat) {
  return arr(cat?.windows);
}
export function items(cat) {
  return arr(cat?.items);
}
export function bundles(cat) {
  return arr(cat?.bundles);
}
export function departments(cat) {
  return arr(cat?.departments);
}

export function findById(list, id) {
  return list.find((x) => String(x.id) === String(id));
}

export function nameOf(list, id) {
  return findById(list, id)?.name ?? id;
}

/** A material's name, looked up in any item of the catalog (display only). */
export function materialName(cat, id) {
  for (const it of items(cat)) {
    const m = (it.materials || []).find((x) => x.id === id);
    if (m) return m.name;
  }
  return id;
}

/** A field's label (also of a group's sub-field), looked up in any item of the catalog (display only). */
export function fieldLabel(cat, id) {
  return fieldDef(cat, id)?.label || id;
}

function fieldDef(cat, id) {
  for (const it of items(cat)) {
    for (const f of it.fields || []) {
      if (f.id === id) return f;
      for (const g of f.fields || []) if (g.id === id) return g;
    }
  }
  return null;
}

/** A field's value as people read it: option labels, 是/否, group entries one per line. */
export function fieldDisplay(cat, id, value) {
  const f = fieldDef(cat, id);
  if (value === true) return '是';
  if (value === false) return '否';
  if (Array.isArray(value)) {
    return value
      .map(
        (e, i) =>
          `${i + 1}. ` +
          Object.entries(e || {})
            .map(([k, v]) => `${fieldLabel(cat, k)}：${fieldDisplay(cat, k, v)}`)
            .join('，'),
      )
      .join('\n');
  }
  if (f && f.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(String(value))) {
    const [y, m, d] = String(value).split('-').map(Number);
    return `${y}年${m}月${d}日`;
  }
  if (f && f.options) {
    const o = f.options.find((x) => x.value === value);
    if (o) return o.label;
  }
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value ?? '');
}

/** The fields of an application in catalog order (the order of the form), as [id, value]. */
export function orderedFields(cat, fields) {
  const rank = new Map();
  for (const it of items(cat)) for (const f of it.fields || []) if (!rank.has(f.id)) rank.set(f.id, rank.size);
  return Object.entries(fields || {}).sort((a, b) => (rank.get(a[0]) ?? 1e9) - (rank.get(b[0]) ?? 1e9));
}
