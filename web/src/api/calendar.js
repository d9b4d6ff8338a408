// The holiday calendar as data an administrator maintains (docs/calendar.md, "Publishing a
// year's schedule"), typed from the OpenAPI document. The server checks a schedule, merges it
// and recomputes every open application's due date; the page sends what was typed and shows
// what comes back, never a working day of its own.
import { call } from './http.js';

/** @typedef {import('./api_types').Answer<'/api/v1/admin/calendar', 'get'>} CalendarInfo */
/** @typedef {CalendarInfo['in_force']} CalendarInForce */
/** @typedef {CalendarInfo['versions'][number]} CalendarVersion */
/** @typedef {import('./api_types').RequestJson<'/api/v1/admin/calendar/schedules', 'post'>} ScheduleBody */
/** @typedef {import('./api_types').Answer<'/api/v1/admin/calendar/schedules', 'post'>} ScheduleAnswer */
/** @typedef {ScheduleAnswer['changes'][number]} DueChange */
/** @typedef {import('./api_types').Answer<'/api/v1/staff/supervision/due-changes', 'get'>} DueChangesAnswer */
/** @typedef {{ name: string, years: string[] }} CalendarRegion */

/**
 * The calendar in force (from the shipped file or a publication, its last published year, its
 * regions' ids) and the publications, newest first.
 * @returns {Promise<CalendarInfo>} rejects with ApiError
 */
export function calendarInfo() {
  return call('get', '/api/v1/admin/calendar', { as: 'staff' });
}

/**
 * Checks a year's schedule and, unless `body.dry_run`, publishes it (in force at once). Either
 * way the answer lists the open applications whose due date it moves or makes official.
 * @param {ScheduleBody} body
 * @returns {Promise<ScheduleAnswer>} rejects with ApiError: 422 calendar_schedule_invalid with
 *   `problems` (each with its JSON pointer: /holidays/2027-02-30, /year …)
 */
export function publishSchedule(body) {
  return call('post', '/api/v1/admin/calendar/schedules', { body, as: 'staff' });
}

/**
 * The due dates a publication changed: the newest one, or the version `calendarId`.
 * `calendar` is null when nothing was ever published.
 * @param {number | string} [calendarId]
 * @returns {Promise<DueChangesAnswer>} rejects with ApiError: 404 calendar_version_not_found
 */
export function dueChanges(calendarId) {
  const calendar = calendarId === undefined || calendarId === '' ? undefined : String(calendarId);
  return call('get', '/api/v1/staff/supervision/due-changes', { query: { calendar }, as: 'staff' });
}

/**
 * The local schedules of the calendar in force, by region id: their names (海南省) and years.
 * The admin answer names regions by id only; their names are in the calendar itself, asked
 * for afresh (no-cache) so a region published a moment ago is there.
 * @returns {Promise<Record<string, CalendarRegion>>} rejects on a non-2xx answer or a network failure
 */
export async function calendarRegions() {
  const res = await fetch('/api/v1/calendar', { cache: 'no-cache', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`/api/v1/calendar: HTTP ${res.status}`);
  const cal = await res.json();
  /** @type {Record<string, CalendarRegion>} */
  const out = {};
  for (const [id, r] of Object.entries(cal?.regions || {})) {
    const region = /** @type {{ name?: string, years?: Record<string, unknown> }} */ (r);
    out[id] = { name: String(region?.name || id), years: Object.keys(region?.years || {}).sort() };
  }
  return out;
}
