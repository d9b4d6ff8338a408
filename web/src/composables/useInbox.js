// The resident's 消息 (GET /api/v1/me/notifications): the unread count the tab bar's badge shows,
// shared by every page, and the list the 消息 page shows. Read state is the server's.
import { reactive } from 'vue';
import { api, session } from '../api/http.js';

/**
 * {unread, notifications, loaded, error, total, next}: the server's answers. The list is paged
 * (newest first): `next` is the server's cursor of the next page, null once everything is shown.
 */
export const inbox = reactive({ unread: 0, notifications: [], loaded: false, error: '', total: 0, next: null });

let pending = null;
/**
 * Asks the server for the notices again (one request at a time); nothing without a resident.
 * @returns {Promise<void>} never rejects: a failure is kept in `inbox.error`
 */
export function refreshInbox() {
  if (!session.resident) {
    Object.assign(inbox, { unread: 0, notifications: [], loaded: false, error: '', total: 0, next: null });
    return Promise.resolve();
  }
  if (!pending) {
    pending = api('GET', '/me/notifications')
      .then(
        (r) => {
          inbox.unread = Number(r.unread) || 0;
          inbox.notifications = Array.isArray(r.notifications) ? r.notifications : [];
          inbox.total = Number(r.total) || inbox.notifications.length;
          inbox.next = r.next_cursor ?? null;
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

let loadingMore = null;
/**
 * Appends the next page of notices (after the last one shown), once; nothing when all are shown.
 * @returns {Promise<void>} never rejects: a failure is kept in `inbox.error`
 */
export function loadMoreInbox() {
  if (!session.resident || !inbox.next) return Promise.resolve();
  if (!loadingMore) {
    const cursor = inbox.next;
    loadingMore = api('GET', `/me/notifications?cursor=${encodeURIComponent(cursor)}`)
      .then(
        (r) => {
          if (inbox.next !== cursor) return; // a refresh started over meanwhile
          const seen = new Set(inbox.notifications.map((n) => n.id));
          for (const n of r.notifications || []) if (!seen.has(n.id)) inbox.notifications.push(n);
          inbox.unread = Number(r.unread) || 0;
          inbox.total = Number(r.total) || inbox.total;
          inbox.next = r.next_cursor ?? null;
        },
        (e) => {
          inbox.error = e.message;
        },
      )
      .finally(() => (loadingMore = null));
  }
  return loadingMore;
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
