// Drafts on the device: the form's values, the uploaded materials' references and a pending
// submission's Idempotency-Key, so a reload or a lost connection loses nothing and a resent
// submission is recognised by the server as the same one.
//
// A draft holds a resident's names, ID numbers and licence numbers, and phones are shared, so
// every draft belongs to one account: it is stored under `yilu.draft.<residentId>.<target>`,
// carries its owner, is read only for that owner, and every draft leaves the device when the
// resident signs out (clearDrafts). Drafts stored before they had an owner
// (`yilu.draft.<target>`) are never adopted: nobody can say whose they were.
const PREFIX = 'yilu.draft.';

/**
 * The storage key's owner segment: the id with every '.' escaped too, so one owner's prefix is
 * never the start of another's.
 * @param {string} owner
 */
function ownerPart(owner) {
  return encodeURIComponent(owner).replace(/\./g, '%2E');
}

/**
 * The storage key of `owner`'s draft for `target`.
 * @param {string} owner
 * @param {string} target
 */
function keyOf(owner, target) {
  return `${PREFIX}${ownerPart(owner)}.${target}`;
}

/**
 * `owner`'s saved draft for a target ("item:ID" or "bundle:ID"); null when there is none, it is
 * not JSON, `owner` is empty, or the stored draft names another owner.
 * @param {string | null | undefined} owner the signed-in resident's id
 * @param {string} target
 */
export function loadDraft(owner, target) {
  if (!owner) return null;
  try {
    const d = JSON.parse(localStorage.getItem(keyOf(owner, target)) || 'null');
    return d && typeof d === 'object' && d.owner === owner ? d : null;
  } catch {
    return null;
  }
}

/**
 * Saves `owner`'s draft; false when there is no owner (nobody signed in) or the storage is full
 * (the form still works, only unsaved).
 * @param {string | null | undefined} owner
 * @param {string} target
 * @param {object} draft
 */
export function saveDraft(owner, target, draft) {
  if (!owner) return false;
  try {
    localStorage.setItem(keyOf(owner, target), JSON.stringify({ ...draft, owner, savedAt: Date.now() }));
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes `owner`'s draft for `target` (nothing when there is no owner).
 * @param {string | null | undefined} owner
 * @param {string} target
 */
export function dropDraft(owner, target) {
  if (owner) localStorage.removeItem(keyOf(owner, target));
}

/** Every draft key on the device, whoever's (and legacy un-owned ones). */
function draftKeys() {
  /** @type {string[]} */
  const keys = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k && k.startsWith(PREFIX)) keys.push(k);
  }
  return keys;
}

/**
 * `owner`'s saved drafts with their targets, newest first (empty when there is no owner).
 * @param {string | null | undefined} owner
 * @returns {any[]}
 */
export function listDrafts(owner) {
  if (!owner) return [];
  const mine = `${PREFIX}${ownerPart(owner)}.`;
  /** @type {any[]} */
  const out = [];
  for (const k of draftKeys()) {
    if (!k.startsWith(mine)) continue;
    const target = k.slice(mine.length);
    const d = loadDraft(owner, target);
    if (d) out.push({ ...d, target });
  }
  return out.sort((a, b) => (b.savedAt || 0) - (a.savedAt || 0));
}

/**
 * Removes every draft from the device except `keepOwner`'s (all of them when not given):
 * at sign-out every draft goes; at sign-in another account's and legacy un-owned ones go.
 * A storage that cannot be read is left as it is (nothing else can be done).
 * @param {string | null} [keepOwner]
 */
export function clearDrafts(keepOwner) {
  const keep = keepOwner ? `${PREFIX}${ownerPart(keepOwner)}.` : null;
  try {
    for (const k of draftKeys()) if (!keep || !k.startsWith(keep)) localStorage.removeItem(k);
  } catch {
    /* storage unavailable: there is nothing on it to leak either */
  }
}
