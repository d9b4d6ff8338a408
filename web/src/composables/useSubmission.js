// Sending the application: POST with an Idempotency-Key kept in the draft (a retry after a lost
// response, even after a reload, is the same submission), retries on a bad network, and the
// server's 422 problems put on the fields they are about. Offline, a submission waits for the
// network (the draft stays on the device) and goes out by itself when the device is back online.
import { ref, nextTick, watch } from 'vue';
import { showToast } from 'vant';
import { postIdempotent, newIdempotencyKey, ApiError } from '../api/http.js';
import { submissionBody, problemTarget } from '../core/ops.js';
import { filledFields } from './useLiveCheck.js';
import { cnDate } from '../util/format.js';
import { network } from '../util/network.js';

/** What the page says while a submission waits for the network. */
export const WAITING_NOTE = '等待网络…恢复网络后将自动提交，草稿已保存在本机';

/** Scrolls to and focuses the first field or material with a message. */
export async function focusFirstProblem() {
  await nextTick();
  const el = document.querySelector('[aria-invalid="true"], .mi .field-msg:not(:empty)');
  if (el) {
    el.scrollIntoView({ block: 'center' });
    if (el.focus) el.focus({ preventScroll: true });
  }
}

/**
 * `form`: {kind, targetId, resubmitId, answers, values, materials, proxy()}; `proxy()` gives
 * {relation} when filing for someone else, else null. `draft`: useDraft's {idemKey, save, drop};
 * `gate()`: a Chinese message why not to send now, or ''. `done(application)` runs after the
 * server stored it. `rejected(error)` may take a refusal the page shows in its own place (a
 * profile or proxy code) and return true; a 422 about one field or material (`error.path`)
 * lands under it like a validation problem. `waiting` is true while a submission made offline
 * waits for the network (`retryNote` then says so); the button may be pressed again meanwhile.
 */
export function useSubmission(form, draft, { gate = async () => '', done = () => {}, rejected = () => false } = {}) {
  const submitting = ref(false);
  const attempted = ref(false);
  const retryNote = ref('');
  const formError = ref('');
  const serverProblems = ref([]);
  const waiting = ref(false);

  /** Holds the submission until the device is online again (the watch below sends it). */
  function waitForNetwork() {
    draft.save();
    waiting.value = true;
    retryNote.value = WAITING_NOTE;
  }

  async function submit() {
    if (submitting.value) return;
    attempted.value = true;
    formError.value = '';
    retryNote.value = '';
    waiting.value = false;
    const blocked = await gate();
    if (blocked) {
      formError.value = blocked;
      return;
    }
    if (!draft.idemKey.value) {
      draft.idemKey.value = newIdempotencyKey();
      draft.save(); // a reload after a lost response resends the same key
    }
    if (!network.online) {
      waitForNetwork();
      return;
    }
    submitting.value = true;
    const body = submissionBody(
      form.kind,
      form.targetId,
      form.answers,
      filledFields(form.values),
      form.materials,
      form.proxy ? form.proxy() : null,
    );
    const path = form.resubmitId ? `/applications/${form.resubmitId}/resubmit` : '/applications';
    try {
      const r = await postIdempotent(path, body, draft.idemKey.value, {
        onRetry: (n) => (retryNote.value = `网络不稳定，正在第 ${n} 次重试…`),
      });
      draft.drop();
      const app = r.application;
      const d = app?.due_preview?.due_date;
      showToast({ message: d ? `提交成功，预计 ${cnDate(d)} 办结` : '提交成功', duration: 2500 });
      done(app);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.problems?.length) {
        // Nothing was stored: the corrected application is a new submission with a new key.
        draft.idemKey.value = '';
        draft.save();
        serverProblems.value = e.problems;
        formError.value = `服务器检查发现 ${e.problems.length} 处问题，请按提示修改`;
        await focusFirstProblem();
      } else if (e instanceof ApiError && e.status === 422 && rejected(e)) {
        // Nothing was stored; the page shows the message where it belongs.
        draft.idemKey.value = '';
        draft.save();
      } else if (e instanceof ApiError && e.status === 422 && onFormPath(e)) {
        draft.idemKey.value = '';
        draft.save();
        serverProblems.value = [{ path: e.body.error.path, code: e.code, message: e.message }];
        formError.value = '服务器检查发现 1 处问题，请按提示修改';
        await focusFirstProblem();
      } else if (e instanceof ApiError && e.status === 409 && e.code === 'idempotency_key_reused') {
        draft.idemKey.value = newIdempotencyKey();
        draft.save();
        formError.value = '申请内容已变化，请再次点击提交';
      } else if (e instanceof ApiError && e.status === 0 && !network.online) {
        // The connection went while sending: nothing is lost, it goes out when it is back.
        waitForNetwork();
      } else {
        // Any other refusal (a daily quota, a full disk, a code this page has never seen): the
        // server's own message, and the draft stays.
        formError.value = `${String(e.message).replace(/[。.！!]+$/, '')}。草稿已保存在本机，可稍后再提交。`;
      }
    } finally {
      submitting.value = false;
      if (!waiting.value) retryNote.value = '';
    }
  }

  // Back online: the waiting submission goes out with the same Idempotency-Key.
  watch(
    () => network.online,
    (online) => online && waiting.value && submit(),
  );

  /** Whether a refusal is about one field or material of the form (its `error.path`). */
  function onFormPath(e) {
    const t = problemTarget(e.body?.error?.path || '');
    return t.section === 'fields' || t.section === 'materials';
  }

  /** An edited field or material drops the server's problems about it (they were about the old value). */
  function edited(section, id) {
    if (!serverProblems.value.length) return;
    serverProblems.value = serverProblems.value.filter((p) => {
      const t = problemTarget(p.path);
      return !(t.section === section && (t.key === id || t.key.startsWith(`${id}/`)));
    });
  }

  return { submit, edited, submitting, waiting, attempted, retryNote, formError, serverProblems };
}
