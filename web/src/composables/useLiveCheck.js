// The per-keystroke check: every change of the form goes to the wasm core's `validate`, whose
// verdict, materials in this situation and Chinese problems the page shows. Without the core
// (it could not load) nothing is checked here; the server checks on submit.
import { ref, computed, watch } from 'vue';
import { callCore, coreHolds } from '../core/wasm_core.js';
import { validateRequest } from '../core/ops.js';

/** The form's values without empty entries (what is sent and checked). */
export function filledFields(values) {
  const out = {};
  for (const [k, v] of Object.entries(values || {})) if (v !== '' && v !== null && v !== undefined) out[k] = v;
  return out;
}

/**
 * Checks `answers`, `values`, `materials` (reactive) on every change. Returns the last report
 * (null before the core answered), its verdict, the core's error message (when the request
 * itself failed) and `check` to run it now (resolves once its answer is shown).
 */
export function useLiveCheck(kind, targetId, { answers, values, materials }) {
  const report = ref(null);
  const error = ref('');
  const checkMs = ref(0);

  // The core answers from its worker; only the answer to the latest check is shown (an earlier
  // one arriving late never overwrites it).
  let latest = 0;

  /** Runs `validate` now; does nothing without the core (or without this entry's slice in it). */
  async function check() {
    if (!coreHolds(kind === 'bundle' ? 'bundle' : 'item', targetId)) return;
    const seq = ++latest;
    const t0 = performance.now();
    const r = await callCore(validateRequest(kind, targetId, answers, filledFields(values), materials));
    if (seq !== latest) return;
    checkMs.value = performance.now() - t0;
    if (r && r.ok) {
      report.value = r;
      error.value = '';
    } else if (r) error.value = r.error?.message || '';
  }

  watch([values, answers, materials], check, { deep: true });
  const verdict = computed(() => report.value?.verdict || '');
  return { report, verdict, error, checkMs, check };
}
