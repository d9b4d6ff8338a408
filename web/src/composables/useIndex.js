// The catalog index (or its summary) for a resident page: loaded when the page mounts, with the
// one message a resident sees when the server cannot be reached (api/catalog_index.js).
import { onMounted, ref, watch } from 'vue';
import { getGroup, getIndex, getSummary } from '../api/catalog_index.js';

/** The whole index: for the pages that list or search items. */
export function useIndex() {
  return useLoaded(getIndex);
}

/** The summary (no items): for the pages that list departments, windows and life events. */
export function useSummary() {
  return useLoaded(getSummary);
}

/**
 * The summary and what one browse page lists (api/catalog_index.js, getGroup), asked for
 * together; `group` follows `which` (another window, department or life event). `group` is null
 * until it arrives and when there is no such entry (`missing`).
 * @param {() => ['windows' | 'departments' | 'life_events', string]} which
 */
export function useGroup(which) {
  const { index, loadError } = useSummary();
  /** @type {import('vue').Ref<{ items: any[], bundles: any[] } | null>} */
  const group = ref(null);
  const missing = ref(false);
  watch(
    which,
    async ([kind, id]) => {
      group.value = null;
      missing.value = false;
      // The page may have moved on to another list (another kind, another id, or both) while
      // this one was on its way: then its answer, or its failure, is no longer this page's.
      const stale = () => {
        const [k, i] = which();
        return k !== kind || i !== id;
      };
      try {
        const g = await getGroup(kind, id);
        if (stale()) return;
        group.value = g;
        missing.value = !g;
      } catch {
        if (!stale()) loadError.value = '暂时无法连接服务器，请检查网络后再试。';
      }
    },
    { immediate: true },
  );
  return { index, group, missing, loadError };
}

/** @param {() => Promise<import('../api/catalog_index.js').CatalogIndex>} get */
function useLoaded(get) {
  /** @type {import('vue').Ref<import('../api/catalog_index.js').CatalogIndex | null>} */
  const index = ref(null);
  const loadError = ref('');
  onMounted(async () => {
    try {
      index.value = await get();
    } catch {
      loadError.value = '暂时无法连接服务器，请检查网络后再试。';
    }
  });
  return { index, loadError };
}
