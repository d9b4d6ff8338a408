// The draft on the device: the form's values, answers, the uploaded materials' references and
// a pending submission's Idempotency-Key, saved shortly after every change, so a reload or a
// lost connection loses nothing and a resent submission is recognised as the same one.
import { ref, watch, onBeforeUnmount } from 'vue';
import { loadDraft, saveDraft, dropDraft } from '../util/drafts.js';
import { catalogState, previewText } from '../api/data.js';
import { session } from '../api/http.js';

/** The signed-in resident's id, or '' when nobody is signed in. */
const signedIn = () => session.resident?.resident?.id || '';

/**
 * `key` is "item:ID" / "bundle:ID"; `form` holds the reactive {values, answers, materials,
 * touched}; `title()` names the draft in 我的办件. `idemKey` is the pending submission's key
 * ('' when none). `restore()` returns false when there is no draft.
 * The draft is the resident's signed in when the form opened: it is only ever read for them,
 * and once they are signed out (logout, or a 401 dropped the session) nothing more is saved,
 * so a late save cannot put their values back on the device after it was cleared.
 */
export function useDraft(key, form, { title = () => '' } = {}) {
  // A preview of the console's draft (api/data.js previewText) neither reads nor writes a resident's draft.
  const owner = previewText ? '' : signedIn();
  const idemKey = ref('');
  let timer = null;
  let dropped = false;

  function restore() {
    const d = loadDraft(owner, key);
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
    if (dropped || !owner || signedIn() !== owner) return;
    saveDraft(owner, key, {
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
    dropDraft(owner, key);
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
