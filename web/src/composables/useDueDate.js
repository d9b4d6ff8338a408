// 预计办结日期 "if accepted now", asked of the core whenever the answers change: for an item
// the core's `deadline` (it picks the promised limit for these answers, the acceptance-day
// rule and the department's region); for a bundle the core's plan — its first stage, which is
// what the clerk accepts first, and the whole bundle.
import { ref, watch } from 'vue';
import { ask } from '../core/ask.js';
import { deadlineRequest, planRequest } from '../core/ops.js';

/**
 * `due`: {date, all, workdays, provisional} or null (not known yet, or the core could not
 * answer: then `error` holds its message). `refresh` asks again now.
 */
export function useDueDate(kind, targetId, answers) {
  const due = ref(null);
  const error = ref('');
  let asked = 0;
  let started = false; // answers set before the first explicit ask (a restored draft) ask nothing

  async function dueOf(a) {
    if (kind === 'bundle') {
      const r = await ask(planRequest(targetId, a));
      if (!r.ok) return { error: r.error?.message };
      const first = (r.stages || [])[0];
      const last = r.bundled?.due_date;
      // The plan's `provisional` also covers its item-by-item comparison (which may run into
      // next year); ask the calendar about the date shown.
      const day = last ? await ask({ op: 'is_workday', date: last }) : null;
      return {
        date: first?.due_date || last,
        all: r.stages?.length > 1 ? last : '',
        workdays: r.bundled?.workdays,
        provisional: Boolean(day?.ok && day.provisional),
      };
    }
    const r = await ask(deadlineRequest(targetId, a));
    if (!r.ok) return { error: r.error?.message };
    return { date: r.due_date, all: '', workdays: r.limit_days, provisional: Boolean(r.provisional) };
  }

  async function refresh() {
    started = true;
    const n = ++asked;
    let d;
    try {
      d = await dueOf({ ...answers });
    } catch {
      d = { error: '' };
    }
    if (n !== asked) return; // the answers changed meanwhile: a newer answer is coming
    due.value = d.date ? d : null;
    error.value = d.date ? '' : d.error || '暂时无法计算';
  }

  watch(answers, () => started && refresh(), { deep: true });
  return { due, error, refresh };
}
