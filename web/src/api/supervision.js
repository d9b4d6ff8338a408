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
