// What the application form asks, from the core's `guide` op: an item's guide, or for a
// 一件事 bundle the core's one merged form (a field or material shared by several items asked
// once, each material with the items that ask for it and the stage that first does). The page
// only reshapes the core's answer for display; it merges nothing itself.
import { ref, watch } from 'vue';
import { ask } from '../core/ask.js';
import { formGuideRequest } from '../core/ops.js';

const EMPTY = { title: '', fields: [], materials: [], questions: [], itemIds: [], applicant: null };

const idOf = (x) => (typeof x === 'string' ? x : x?.id || '');

/**
 * The core's guide (item or bundle) → the form's {title, fields, materials, questions, itemIds,
 * applicant}. `applicant` is the guide's: null, or {fields, proxy} for a personal item (the ID in
 * those fields must be the resident's own unless `proxy` allows filing for someone else).
 */
export function formFromGuide(kind, targetId, g) {
  const itemIds =
    kind === 'bundle'
      ? [...new Set((g.stages || []).flatMap((st) => (st.items || []).map(idOf)).filter(Boolean))]
      : [targetId];
  return {
    title: g.name || g.bundle?.name || '',
    fields: (g.fields || []).map((f) => ({ ...f, required: f.requirement === 'required' })),
    materials: (g.materials || []).map((m) => ({
      ...m,
      required: m.requirement === 'required',
      items: Array.isArray(m.items) && m.items.length ? m.items.map(idOf) : [targetId],
      stage: kind === 'bundle' ? m.stage || 1 : 0,
    })),
    questions: g.questions || [],
    itemIds,
    applicant: g.applicant && typeof g.applicant === 'object' ? g.applicant : null,
  };
}

/**
 * The form for `kind`/`targetId`, asked again whenever `answers` (reactive) change.
 * `spec` keeps the last good form when a later question fails; `error` holds the core's message.
 */
export function useGuideForm(kind, targetId, answers) {
  const spec = ref(EMPTY);
  const error = ref('');
  let asked = 0;
  let started = false; // answers set before the first explicit ask (a restored draft) ask nothing

  /** Asks the core; resolves to true when the form was replaced, false when it failed (see `error`). */
  async function load() {
    started = true;
    const n = ++asked;
    let r;
    try {
      r = await ask(formGuideRequest(kind, targetId, { ...answers }));
    } catch {
      r = null;
    }
    if (n !== asked) return false; // a newer question is on its way
    if (!r || !r.ok) {
      error.value = r?.error?.message || '无法读取办事要求，请稍后再试';
      return false;
    }
    error.value = '';
    spec.value = formFromGuide(kind, targetId, r.guide || r);
    return true;
  }

  watch(answers, () => started && load(), { deep: true });
  return { spec, error, load };
}
