// What the clerk's queue and the reviewer's tasks share: the list (the open ones, or every
// status when 显示已办结 is ticked), the two message lines, and one action at a time — on
// success the list and the open item are fetched again and "已<action>" is shown.
import { onMounted, ref } from 'vue';
import { api } from '../../api/http.js';

export function useWorkList({ path, key, allStatuses }) {
  const rows = ref([]);
  const showAll = ref(false);
  const msg = ref('');
  const done = ref('');
  const busy = ref(false);

  async function load() {
    try {
      const r = await api('GET', showAll.value ? `${path}?status=${allStatuses}` : path, undefined, { as: 'staff' });
      rows.value = r[key] || [];
    } catch (e) {
      msg.value = e.message;
    }
  }

  /** An action refused before anything is sent (a reason missing): the message only. */
  function fail(text) {
    done.value = '';
    msg.value = text;
  }

  /** Sends the action (`send`), then reloads the list and the open item (`reopen`). */
  async function run(label, send, reopen) {
    msg.value = '';
    done.value = '';
    busy.value = true;
    try {
      await send();
      await Promise.all([reopen(), load()]);
      done.value = `已${label}`;
    } catch (e) {
      msg.value = e.message;
    } finally {
      busy.value = false;
    }
  }

  onMounted(load);
  return { rows, showAll, msg, done, busy, load, fail, run };
}
