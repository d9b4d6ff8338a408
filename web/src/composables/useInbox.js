// The resident's 消息 (GET /api/v1/me/notifications): the unread count the tab bar's badge shows,
// shared by every page, and the list the 消息 page shows. Read state is the server's.
import { reactive } from 'vue';
import { api, session } from '../api/http.js';

/** {unread, notifications, loaded, error}: the last answer of the server. */
export const inbox = reactive({ unread: 0, notifications: [], loaded: false, error: '' });

let pending = null;
/**
 * Asks the server for the notices again (one request at a time); nothing without a resident.
 * @returns {Promise<void>} never rejects: a failure is kept in `inbox.error`
 */
export function refreshInbox() {
  if (!session.resident) {
    Object.assign(inbox, { unread: 0, notifications: [], loaded: false, error: '' });
    return Promise.resolve();
  }
  if (!pending) {
    pending = api('GET', '/me/notifications')
      .then(
        (r) => {
          inbox.unread = Number(r.unread) || 0;
          inbox.notifications = Array.isArray(r.notifications) ? r.notifications : [];
          inbox.loaded = true;
          inbox.error = '';
        },
        (e) => {
          inbox.error = e.message;
        },
      )
      .finally(() => (pending = null));
  }
  return pending;
}

/**
 * Marks one notice read (POST /me/notifications/{id}/read); the count is the server's answer.
 * @param {{ id: string, read?: boolean }} n
 * @returns {Promise<void>} rejects with ApiError
 */
export async function markRead(n) {
  const r = await api('POST', `/me/notifications/${encodeURIComponent(n.id)}/read`, {});
  n.read = true;
  if (r && r.unread !== undefined) inbox.unread = Number(r.unread) || 0;
}

/**
 * Marks every notice read (POST /me/notifications/read).
 * @returns {Promise<void>} rejects with ApiError
 */
export async function markAllRead() {
  const r = await api('POST', '/me/notifications/read', {});
  for (const n of inbox.notifications) n.read = true;
  inbox.unread = Number(r?.unread) || 0;
}
