// The draft on the device: the form's values, answers, the uploaded materials' references and
// a pending submission's Idempotency-Key, saved shortly after every change, so a reload or a
// lost connection loses nothing and a resent submission is recognised as the same one.
import { ref, watch, onBeforeUnmount } from 'vue';
import { loadDraft, saveDraft, dropDraft } from '../util/drafts.js';
import { catalogState } from '../api/data.js';

/**
 * `key` is "item:ID" / "bundle:ID"; `form` holds the reactive {values, answers, materials,
 * touched}; `title()` names the draft in 我的办件. `idemKey` is the pending submission's key
 * ('' when none). `restore()` returns false when there is no draft.
 */
export function useDraft(key, form, { title = () => '' } = {}) {
  const idemKey = ref('');
  let timer = null;
  let dropped = false;

  function restore() {
    const d = loadDraft(key);
    if (!d) return false;
    Object.assign(form.values, d.values || {});
    Object.assign(form.answers, d.answers || {});
    Object.assign(form.materials, d.materials || {});
    idemKey.value = d.idemKey || '';
    for (const k of Object.keys(d.values || {})) form.touched[k] = true;
    return true;
  }

  function save() {
    clearTimeout(timer);
    timer = null;
    if (dropped) return;
    saveDraft(key, {
      title: title(),
      values: { ...form.values },
      answers: { ...form.answers },
      materials: { ...form.materials },
      idemKey: idemKey.value,
      catalogVersion: catalogState.version,
    });
  }

  /** Forgets the draft (the application was stored); later changes are not saved. */
  function drop() {
    clearTimeout(timer);
    timer = null;
    dropped = true;
    dropDraft(key);
  }

  watch(
    [form.values, form.answers, form.materials],
    () => {
      clearTimeout(timer);
      timer = setTimeout(save, 300);
    },
    { deep: true },
  );
  // Leaving within 300 ms of an edit still keeps it.
  onBeforeUnmount(() => timer && save());

  return { idemKey, restore, save, drop };
}
