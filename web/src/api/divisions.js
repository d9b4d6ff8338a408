// The administrative divisions file (GET /api/v1/divisions), fetched once per page load and
// revalidated with its ETag. Rejects when it cannot be fetched: the picker then offers the
// typed code instead.

/** @type {Promise<import('../util/divisions.js').Division[]> | null} */
let promise = null;

/**
 * The top-level divisions (provinces, each with its children).
 * @returns {Promise<import('../util/divisions.js').Division[]>}
 */
export function getDivisions() {
  if (!promise) {
    promise = fetch('/api/v1/divisions', { cache: 'no-cache', headers: { Accept: 'application/json' } })
      .then((res) => {
        if (!res.ok) throw new Error(`/api/v1/divisions: HTTP ${res.status}`);
        return res.json();
      })
      .then((body) => {
        if (!Array.isArray(body?.divisions)) throw new Error('/api/v1/divisions: no divisions');
        return body.divisions;
      })
      .catch((e) => {
        promise = null;
        throw e;
      });
  }
  return promise;
}
