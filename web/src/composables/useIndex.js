// The catalog index for a resident page: loaded when the page mounts, with the one message a
// resident sees when the server cannot be reached (api/catalog_index.js).
import { onMounted, ref } from 'vue';
import { getIndex } from '../api/catalog_index.js';

export function useIndex() {
  /** @type {import('vue').Ref<import('../api/catalog_index.js').CatalogIndex | null>} */
  const index = ref(null);
  const loadError = ref('');
  onMounted(async () => {
    try {
      index.value = await getIndex();
    } catch {
      loadError.value = '暂时无法连接服务器，请检查网络后再试。';
    }
  });
  return { index, loadError };
}
