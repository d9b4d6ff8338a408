// 催办 (docs/workflow.md "催办 and 督办"): a supervisor's note on an open review, typed from the
// OpenAPI document. The server decides whether the task may still be pressed (409
// illegal_transition once decided) and whether the note is there (422 missing_note); the page
// shows its Chinese message either way.
import { call } from './http.js';

/** @typedef {import('./api_types').Schemas['Task']} Task */
/** @typedef {NonNullable<Task['reminders']>[number]} Reminder */
/** @typedef {import('./api_types').Answer<'/api/v1/staff/tasks/{id}/remind', 'post'>} RemindAnswer */

/**
 * Sends a 催办 on a task as the signed-in supervisor or admin.
 * @param {string} taskId
 * @param {string} note as typed, trimmed here so that blanks count as no note at the server
 * @returns {Promise<RemindAnswer>} `{ok, task}`, the task with its reminders; rejects with ApiError
 */
export function remindTask(taskId, note) {
  return call('post', '/api/v1/staff/tasks/{id}/remind', {
    path: { id: taskId },
    body: { note: note.trim() },
    as: 'staff',
  });
}

/**
 * The task's reminders as the server sent them (oldest first); none for a resident's view.
 * @param {Task | null | undefined} task
 * @returns {Reminder[]}
 */
export function remindersOf(task) {
  return Array.isArray(task?.reminders) ? task.reminders : [];
}
