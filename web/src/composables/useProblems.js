// Where the problems show: under their field or material, the rest above the submit button.
// The server's problems (after a 422) win over the core's until the resident edits them away.
// Before the first submit, a field shows its message once touched, a material not at all.
import { computed } from 'vue';
import { problemsByTarget, problemTarget } from '../core/ops.js';

/**
 * `report`: the live check's ref; `serverProblems`, `attempted`: the submission's refs;
 * `touched`: reactive field ids; `shownKeys()`: the "fields:id" / "materials:id" keys on the page.
 */
export function useProblems({ report, serverProblems, attempted, touched, shownKeys }) {
  const fromServer = computed(() => serverProblems.value.length > 0);
  const problems = computed(() => (fromServer.value ? serverProblems.value : report.value?.problems || []));
  const byTarget = computed(() => problemsByTarget(problems.value));
  const first = (key) => byTarget.value[key]?.[0]?.message || '';

  /** The message under a field ('' until touched or submitted). */
  function fieldMsg(id) {
    if (!attempted.value && !touched[id] && !fromServer.value) return '';
    return first(`fields:${id}`);
  }
  /** The message under a group entry's sub-field (`id` = "group/0/sub"). */
  function entryMsg(groupId, id) {
    if (!attempted.value && !touched[groupId] && !fromServer.value) return '';
    return first(`fields:${id}`);
  }
  /** The message under a material ('' until submitted). */
  function matMsg(id) {
    if (!attempted.value && !fromServer.value) return '';
    return first(`materials:${id}`);
  }
  /** Problems not tied to a shown field or material (cross-field rules, answers). */
  const others = computed(() => {
    if (!attempted.value && !fromServer.value) return [];
    const shown = shownKeys();
    const home = (k) => shown.has(k) || [...shown].some((s) => k.startsWith(`${s}/`));
    const homeless = new Set(Object.keys(byTarget.value).filter((k) => !home(k)));
    return problems.value.filter((p) => {
      const t = problemTarget(p.path);
      return homeless.has(`${t.section}:${t.key}`);
    });
  });

  return { problems, fieldMsg, entryMsg, matMsg, others };
}
