// A list the server hands out in pages (`?limit=`, `?cursor=`; each answer has `next_cursor`,
// null on the last page, and `total`, the whole list's count): the first page, then 加载更多
// appends the next. The page never guesses the list's end or size: both are the server's word.
// A row already shown is not shown twice (one that moved between pages while reading stays
// where it was first seen), and an answer that a newer reload overtook is dropped.
import { computed, ref } from 'vue';

/**
 * @template T
 * @param {(page: { cursor?: string }) => Promise<any>} fetchPage asks for one page (no cursor: the first)
 * @param {{ rowsOf: (answer: any) => T[], keyOf?: (row: T) => string | number }} options
 *   `rowsOf` picks the rows out of an answer; `keyOf` names a row (its `id` by default)
 */
export function usePagedList(fetchPage, { rowsOf, keyOf = (/** @type {any} */ r) => r.id }) {
  const rows = ref(/** @type {T[]} */ ([]));
  const total = ref(/** @type {number | null} */ (null)); // null until the server answered
  const next = ref(/** @type {string | null} */ (null));
  const loading = ref(false); // the first page (a reload)
  const loadingMore = ref(false);
  const error = ref(''); // the last failure's message ('' after a success)
  const failure = ref(/** @type {any} */ (null)); // the last failure itself (an ApiError: status, code)
  let generation = 0;

  const hasMore = computed(() => Boolean(next.value));
  /** Every row the server has is shown. */
  const finished = computed(() => total.value !== null && !next.value);

  /** @param {any} e */
  function fail(e) {
    failure.value = e;
    error.value = e?.message || '加载失败，请重试';
  }

  /** Appends `more` to `list`, skipping rows whose key is already there. */
  function append(list, more) {
    const seen = new Set(list.map(keyOf));
    for (const r of more) {
      const k = keyOf(r);
      if (seen.has(k)) continue;
      seen.add(k);
      list.push(r);
    }
    return list;
  }

  /**
   * Starts again from the first page. With `keep`, pages are fetched until at least that many
   * rows are shown again (after an action, the list the person had loaded stays as long).
   * @param {{ keep?: number }} [options]
   * @returns {Promise<void>}
   */
  async function reload({ keep = 0 } = {}) {
    const mine = ++generation;
    loading.value = true;
    error.value = '';
    failure.value = null;
    try {
      let answer = await fetchPage({});
      if (mine !== generation) return;
      const list = append([], rowsOf(answer) || []);
      while (list.length < keep && answer.next_cursor) {
        answer = await fetchPage({ cursor: answer.next_cursor });
        if (mine !== generation) return;
        append(list, rowsOf(answer) || []);
      }
      rows.value = list;
      next.value = answer.next_cursor || null;
      total.value = typeof answer.total === 'number' ? answer.total : list.length;
    } catch (e) {
      if (mine === generation) fail(e);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /**
   * Appends the next page (nothing when there is none or one is on its way).
   * @returns {Promise<void>}
   */
  async function more() {
    if (!next.value || loadingMore.value || loading.value) return;
    const mine = generation;
    loadingMore.value = true;
    error.value = '';
    failure.value = null;
    try {
      const answer = await fetchPage({ cursor: next.value });
      if (mine !== generation) return;
      rows.value = append([...rows.value], rowsOf(answer) || []);
      next.value = answer.next_cursor || null;
      if (typeof answer.total === 'number') total.value = answer.total;
    } catch (e) {
      if (mine === generation) fail(e);
    } finally {
      loadingMore.value = false;
    }
  }

  return { rows, total, next, hasMore, finished, loading, loadingMore, error, failure, reload, more };
}
