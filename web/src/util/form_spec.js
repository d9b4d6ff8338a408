// What the form asks, from the core's service guides (`guide` op): an item's fields,
// materials and situation questions, or for a bundle the union over all its items — a field
// or material shared by several items is asked once (same id), as the core's `validate`
// merges them. Which materials apply and whether values are right, `validate` decides.
import { ask, guideRequest } from '../core/ops.js';
import { items, bundles, findById } from './catalog_view.js';

/** Resolves to {title, fields, materials, questions, itemIds, stageOf}; throws with a Chinese message. */
export async function formSpec(cat, kind, id, answers) {
  let itemIds = [];
  let title = '';
  const stageOf = {};
  if (kind === 'bundle') {
    const b = findById(bundles(cat), id);
    title = b?.name || id;
    (b?.stages || []).forEach((st, i) => {
      for (const iid of st.items || []) {
        if (!(iid in stageOf)) stageOf[iid] = i + 1;
        if (!itemIds.includes(iid)) itemIds.push(iid);
      }
    });
  } else {
    title = findById(items(cat), id)?.name || id;
    itemIds = [id];
  }
  const guides = await Promise.all(itemIds.map((iid) => ask(guideRequest(iid, answers))));
  const fields = [];
  const materials = [];
  const questions = [];
  const seenF = new Set();
  const seenM = new Map();
  const seenQ = new Set();
  guides.forEach((r, i) => {
    if (!r || !r.ok) throw new Error(r?.error?.message || '无法读取办事指南');
    const g = r.guide;
    for (const f of g.fields || []) {
      if (!seenF.has(f.id)) { seenF.add(f.id); fields.push({ ...f, required: f.requirement === 'required' }); }
      else if (f.requirement === 'required') fields.find((x) => x.id === f.id).required = true;
    }
    for (const m of g.materials || []) {
      if (seenM.has(m.id)) seenM.get(m.id).items.push(itemIds[i]);
      else {
        const mm = { ...m, required: m.requirement === 'required', items: [itemIds[i]], stage: stageOf[itemIds[i]] || 0 };
        seenM.set(m.id, mm);
        materials.push(mm);
      }
    }
    for (const q of g.questions || []) if (!seenQ.has(q.id)) { seenQ.add(q.id); questions.push(q); }
  });
  return { title, fields, materials, questions, itemIds };
}
