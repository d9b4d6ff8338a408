// What the form shows, read from the catalog for display: an item's fields, materials and
// situation questions, or for a bundle stage the union over its items — a field or material
// shared by several items is asked once (the same id). Which of them apply, and whether the
// values are right, the core decides (`validate`).
import { items, bundles, findById } from './catalog_view.js';

export function formSpec(cat, kind, id, stage) {
  let its = [];
  let title = '';
  if (kind === 'bundle') {
    const b = findById(bundles(cat), id);
    title = b?.name || id;
    const st = (b?.stages || [])[Math.max(0, (stage || 1) - 1)];
    its = (st?.items || []).map((iid) => findById(items(cat), iid)).filter(Boolean);
  } else {
    const it = findById(items(cat), id);
    title = it?.name || id;
    if (it) its = [it];
  }
  const fields = [];
  const materials = [];
  const questions = [];
  const seenF = new Set();
  const seenM = new Map();
  const seenQ = new Set();
  for (const it of its) {
    for (const f of it.fields || []) if (!seenF.has(f.id)) { seenF.add(f.id); fields.push(f); }
    for (const m of it.materials || []) {
      if (seenM.has(m.id)) seenM.get(m.id).items.push(it.id);
      else { const mm = { ...m, items: [it.id] }; seenM.set(m.id, mm); materials.push(mm); }
    }
    for (const q of it.questions || []) if (!seenQ.has(q.id)) { seenQ.add(q.id); questions.push(q); }
  }
  return { title, fields, materials, questions, itemIds: its.map((i) => i.id) };
}
