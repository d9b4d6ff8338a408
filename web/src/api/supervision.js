// The supervision center's on-time figures (GET /api/v1/staff/supervision/on_time), typed from
// the OpenAPI document. The server sums the rows each decided review stored (the working-day
// count is the core's: docs/workflow.md "On-time figures"), so the page shows these numbers as
// given and never works one out itself.
import { call } from './http.js';

/** @typedef {import('./api_types').Answer<'/api/v1/staff/supervision/on_time', 'get'>} OnTimeAnswer */
/** @typedef {OnTimeAnswer['groups'][number]} OnTimeGroup */
/** @typedef {OnTimeAnswer['total']} OnTimeTotal */
/** @typedef {OnTimeAnswer['by']} OnTimeBy */

/**
 * The figures of the reviews decided in [from, to], per department or per item. An empty
 * `from`/`to` is left out, so the server picks its default (this month up to today) and says
 * which period it used in the answer's `from`/`to`.
 * @param {{ by: OnTimeBy, from?: string, to?: string, department?: string }} query
 * @returns {Promise<OnTimeAnswer>} rejects with ApiError: 400 bad_period / bad_group_by, 422 unknown_department
 */
export function onTimeFigures({ by, from, to, department }) {
  return call('get', '/api/v1/staff/supervision/on_time', {
    query: { by, from: from || undefined, to: to || undefined, department: department || undefined },
    as: 'staff',
  });
}

// ---- 办理用时 (docs/workflow.md "Time per stage") -----------------------------------------
// Each issued application stored where its working days went; the server sums and averages
// them per item, bundle or window. The page shows the averages as given.

/** @typedef {import('./api_types').Answer<'/api/v1/staff/supervision/stages', 'get'>} StageAnswer */
/** @typedef {StageAnswer['groups'][number]} StageGroup */
/** @typedef {StageAnswer['by']} StageBy */

/**
 * The applications issued in [from, to], per target (item or bundle) or window. An empty
 * `from`/`to` is left out (the server's default: this month up to today, said in the answer).
 * @param {{ by: StageBy, from?: string, to?: string, window?: string, target?: string }} query
 * @returns {Promise<StageAnswer>} rejects with ApiError: 400 bad_period / bad_group_by, 422 unknown_window / unknown_target
 */
export function stageFigures({ by, from, to, window, target }) {
  return call('get', '/api/v1/staff/supervision/stages', {
    query: {
      by,
      from: from || undefined,
      to: to || undefined,
      window: window || undefined,
      target: target || undefined,
    },
    as: 'staff',
  });
}

/**
 * The URL of the 办结明细 export: every application issued in [from, to] (of one window or
 * target) with its working days per stage, CSV streamed by the server (fetch it with the staff
 * token: views/staff/staff_files.js fetchStaffBlob).
 * @param {{ from?: string, to?: string, window?: string, target?: string }} query
 */
export function issuedExportUrl({ from, to, window, target }) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ from, to, window, target })) if (v) q.set(k, v);
  const s = q.toString();
  return `/api/v1/staff/supervision/stages/applications.csv${s ? `?${s}` : ''}`;
}

// ---- 好差评 (docs/workflow.md "好差评 and 整改") -------------------------------------------
// The rating figures are sums of the `rating_facts` rows each rating wrote, per heading; the
// server alone knows which headings add up (a bundle counts under each of its departments and
// items), so it alone gives a total rate. The page shows what it is given.

/** @typedef {import('./api_types').Answer<'/api/v1/staff/supervision/ratings', 'get'>} RatingAnswer */
/** @typedef {RatingAnswer['groups'][number]} RatingGroup */
/** @typedef {RatingAnswer['by']} RatingBy */
/** @typedef {import('./api_types').Answer<'/api/v1/staff/rating_follow_ups', 'get'>} FollowUpList */
/** @typedef {FollowUpList['follow_ups'][number]} FollowUp */

/**
 * The 好差评 figures of [from, to] per window, department, item, clerk or month. An empty
 * `from`/`to` is left out (the server's default: this month up to today, said in the answer);
 * `department` narrows by=department and by=month (the server ignores it otherwise).
 * @param {{ by: RatingBy, from?: string, to?: string, department?: string }} query
 * @returns {Promise<RatingAnswer>} rejects with ApiError: 400 bad_period / bad_group_by, 422 unknown_department
 */
export function ratingFigures({ by, from, to, department }) {
  return call('get', '/api/v1/staff/supervision/ratings', {
    query: { by, from: from || undefined, to: to || undefined, department: department || undefined },
    as: 'staff',
  });
}

/**
 * The 差评整改 follow-ups: open ones oldest first, or answered ones newest first (at most 200).
 * @param {'open' | 'answered'} state
 * @returns {Promise<FollowUpList>}
 */
export function ratingFollowUps(state) {
  return call('get', '/api/v1/staff/rating_follow_ups', { query: { state }, as: 'staff' });
}

/**
 * Answers a follow-up once, saying what was done. Whether the answer is there (422
 * missing_answer) and whether it was answered already (409 illegal_transition) is the server's
 * call; blanks are trimmed here so that they count as no answer.
 * @param {string} applicationId
 * @param {string} answer
 * @returns {Promise<import('./api_types').Answer<'/api/v1/staff/rating_follow_ups/{id}/answer', 'post'>>}
 */
export function answerFollowUp(applicationId, answer) {
  return call('post', '/api/v1/staff/rating_follow_ups/{id}/answer', {
    path: { id: applicationId },
    body: { answer: answer.trim() },
    as: 'staff',
  });
}

// ---- 办件量 and 催办 (docs/workflow.md "Volumes (办件量)", "催办 and 督办") -----------------
// The server counts the one-window steps per day from the timeline and adds them up into weeks
// (from Monday) or months, every bucket listed; and the 催办 each department received. The page
// shows the counts as given.

/** @typedef {import('./api_types').Answer<'/api/v1/staff/supervision/volumes', 'get'>} VolumeAnswer */
/** @typedef {VolumeAnswer['series'][number]} VolumeBucket */
/** @typedef {VolumeAnswer['interval']} VolumeInterval */
/** @typedef {import('./api_types').Answer<'/api/v1/staff/supervision/reminders', 'get'>} ReminderFigureAnswer */
/** @typedef {ReminderFigureAnswer['groups'][number]} ReminderFigureGroup */

/**
 * 办件量 of [from, to] per day, week or month (收件, 受理, 出件, 不予受理, 不予许可), with the
 * period's total. An empty `from`/`to` is left out (the server's default: this month up to today,
 * said in the answer); a week's bucket starts on its Monday, the first one maybe before `from`
 * (only the period's days are counted in it).
 * @param {{ interval: VolumeInterval, from?: string, to?: string, window?: string }} query
 * @returns {Promise<VolumeAnswer>} rejects with ApiError: 400 bad_interval / bad_period, 422 unknown_window
 */
export function volumeFigures({ interval, from, to, window }) {
  return call('get', '/api/v1/staff/supervision/volumes', {
    query: { interval, from: from || undefined, to: to || undefined, window: window || undefined },
    as: 'staff',
  });
}

/** @typedef {import('./api_types').Answer<'/api/v1/staff/supervision/deferrals', 'get'>} DeferralAnswer */

/**
 * The 容缺 materials supplied in [from, to] per window, on time or late against their due dates
 * (the server stored each as it was supplied); those owed now are the overview's counts
 * (overviewCounts). An empty `from`/`to` is left out (the server's default).
 * @param {{ from?: string, to?: string }} query
 * @returns {Promise<DeferralAnswer>} rejects with ApiError: 400 bad_period
 */
export function deferralFigures({ from, to }) {
  return call('get', '/api/v1/staff/supervision/deferrals', {
    query: { from: from || undefined, to: to || undefined },
    as: 'staff',
  });
}

/**
 * The overview's counts of every open application (督办总览): by level, `owed` 容缺 materials and
 * `owed_overdue`, as of `as_of` (the server keeps its summary a few seconds). One row of its list
 * comes along; the counts are what is asked for.
 */
export function overviewCounts() {
  return call('get', '/api/v1/staff/overview', { query: { limit: 1 }, as: 'staff' });
}

/**
 * The 催办 of [from, to] per department: sent by supervisors (`by_staff`), raised by the server
 * (`automatic`) and the distinct review tasks concerned (`tasks`), with the total. An empty
 * `from`/`to` is left out (the server's default, said in the answer).
 * @param {{ from?: string, to?: string }} query
 * @returns {Promise<ReminderFigureAnswer>} rejects with ApiError: 400 bad_period
 */
export function reminderFigures({ from, to }) {
  return call('get', '/api/v1/staff/supervision/reminders', {
    query: { from: from || undefined, to: to || undefined },
    as: 'staff',
  });
}
