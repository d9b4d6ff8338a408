// Drafts on the device: the form's values, the uploaded materials' references and a pending
// submission's Idempotency-Key, so a reload or a lost connection loses nothing and a resent
// submission is recognised by the server as the same one.
const PREFIX = 'yilu.draft.';

/** The saved draft for a target ("item:ID" or "bundle:ID"), or null. */
export function loadDraft(target) {
  try {
    return JSON.parse(localStorage.getItem(PREFIX + target) || 'null');
  } catch {
    return null;
  }
}

/** Saves the draft; a full storage is ignored (the form still works, only unsaved). */
export function saveDraft(target, draft) {
  try {
    localStorage.setItem(PREFIX + target, JSON.stringify({ ...draft, savedAt: Date.now() }));
    return true;
  } catch {
    return false;
  }
}

export function dropDraft(target) {
  localStorage.removeItem(PREFIX + target);
}

/** Every saved draft's target, newest first. */
export function listDrafts() {
  const out = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k && k.startsWith(PREFIX)) {
      const d = loadDraft(k.slice(PREFIX.length));
      if (d) out.push({ target: k.slice(PREFIX.length), ...d });
    }
  }
  return out.sort((a, b) => (b.savedAt || 0) - (a.savedAt || 0));
}
