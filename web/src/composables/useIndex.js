// The catalog index (or its summary) for a resident page: loaded when the page mounts, with the
// one message a resident sees when the server cannot be reached (api/catalog_index.js).
import { onMounted, ref } from 'vue';
import { getIndex, getSummary } from '../api/catalog_index.js';

/** The whole index: for the pages that list or search items. */
export function useIndex() {
  return useLoaded(getIndex);
}

/** The summary (no items): for the pages that list departments, windows and life events. */
export function useSummary() {
  return useLoaded(getSummary);
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
