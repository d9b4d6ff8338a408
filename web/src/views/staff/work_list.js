// What the clerk's queue and the reviewer's tasks share: the list (the open ones, or every
// status when 显示已办结 is ticked) in the server's pages (共 N 条, 加载更多), the two message
// lines, and one action at a time — on success the list (as many rows as were shown) and the
// open item are fetched again and "已<action>" is shown.
import { onMounted, ref } from 'vue';
import { call } from '../../api/http.js';
import { usePagedList } from '../../composables/usePagedList.js';

/**
 * @param {{ route: '/api/v1/staff/queue' | '/api/v1/staff/tasks', key: string, allStatuses: string }} options
 *   `key` names the rows in the answer ('applications', 'tasks')
 */
export function useWorkList({ route, key, allStatuses }) {
  const showAll = ref(false);
  const msg = ref('');
  const done = ref('');
  const busy = ref(false);
  const list = usePagedList(
    ({ cursor }) =>
      call('get', route, { query: { status: showAll.value ? allStatuses : undefined, cursor }, as: 'staff' }),
    { rowsOf: (answer) => answer[key] },
  );

  /** The first page again (after 显示已办结 or a new application); `keep`: at least that many rows. */
  async function load({ keep = 0 } = {}) {
    await list.reload({ keep });
    if (list.error.value) msg.value = list.error.value;
  }

  /** 加载更多: the next page, appended. */
  async function more() {
    await list.more();
    if (list.error.value) msg.value = list.error.value;
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
      await Promise.all([reopen(), load({ keep: list.rows.value.length })]);
      done.value = `已${label}`;
    } catch (e) {
      msg.value = e.message;
    } finally {
      busy.value = false;
    }
  }

  onMounted(load);
  return {
    rows: list.rows,
    total: list.total,
    hasMore: list.hasMore,
    loadingMore: list.loadingMore,
    showAll,
    msg,
    done,
    busy,
    load,
    more,
    fail,
    run,
  };
}
