// The server's JSON API (server/openapi.json). Errors come back as ApiError with the server's
// stable code, its Chinese message and, for 422, every problem with its JSON-pointer path.
// Shapes are the OpenAPI document's (types generated into openapi.d.ts by `npm run gen:api`);
// `call` is typed by route, so `tsc -p tsconfig.api.json` catches a route or field that moved.
import { reactive } from 'vue';
import { clearDrafts } from '../util/drafts.js';

/** @typedef {import('./api_types').Schemas} Schemas */
/** @typedef {import('./api_types').ApiPath} ApiPath */
/** @typedef {Schemas['Application']} Application */
/** @typedef {Schemas['ApplicationDetail']} ApplicationDetail */
/** @typedef {Schemas['Task']} Task */
/** @typedef {Schemas['Event']} TimelineEvent */
/** @typedef {Schemas['Deadline']} Deadline */
/** @typedef {Schemas['Upload']} Upload */
/** @typedef {Schemas['Resident']} Resident */
/** @typedef {Schemas['Staff']} Staff */
/** @typedef {Schemas['Problem']} Problem */
/** @typedef {Schemas['Error']} ErrorBody */
/** @typedef {{ token: string, expires_at?: string, resident: Resident }} ResidentSession */
/** @typedef {{ token: string, expires_at?: string, staff: Staff }} StaffSession */
/** @typedef {{ resident: ResidentSession | null, staff: StaffSession | null }} Sessions */
/** @typedef {keyof Sessions} Who */

const RESIDENT_KEY = 'yilu.resident.session';
const STAFF_KEY = 'yilu.staff.session';

/**
 * The stored session, or null when there is none or it is not JSON.
 * @param {string} key
 * @returns {any}
 */
function readSession(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || 'null');
  } catch {
    return null;
  }
}

/** The signed-in resident and staff member (each may be null). */
export const session = /** @type {Sessions} */ (
  reactive({
    resident: readSession(RESIDENT_KEY),
    staff: readSession(STAFF_KEY),
  })
);
// Drafts are the signed-in resident's only: what another account or an older version left on
// the device is removed on load (src/util/drafts.js).
clearDrafts(session.resident?.resident?.id);

/**
 * Signs `kind` in (value) or out (null), in memory and in localStorage. A resident signing out
 * (logout, or a 401 that found the session expired) takes every draft off the device, since the
 * phone may be shared; signing in removes any draft that is not the new resident's.
 * @template {Who} K
 * @param {K} kind
 * @param {Sessions[K]} value
 * @returns {void}
 */
export function setSession(kind, value) {
  session[kind] = value;
  const key = kind === 'staff' ? STAFF_KEY : RESIDENT_KEY;
  if (value) localStorage.setItem(key, JSON.stringify(value));
  else localStorage.removeItem(key);
  if (kind === 'resident') clearDrafts(/** @type {ResidentSession | null} */ (value)?.resident?.id);
}

/** A failed request: `status` 0 when the server could not be reached. */
export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, or 0 for a network failure
   * @param {any} body the parsed response (an ErrorBody from this server), or null
   */
  constructor(status, body) {
    const err = body?.error || {};
    super(err.message || httpMessage(status));
    /** @type {number} */
    this.status = status;
    /** @type {string} the server's stable error code, or http_<status> */
    this.code = err.code || `http_${status}`;
    /** @type {Problem[]} every problem of a 422 invalid_application (else empty) */
    this.problems = Array.isArray(body?.problems) ? body.problems : [];
    /** @type {ErrorBody | null} */
    this.body = body;
  }
}

// A page opened as the console's 预览（未发布） (?preview: api/data.js previewText) shows a draft
// catalog: it must not file, upload or change anything under it. Read once, like there; the test
// is here rather than imported, since importing data.js would cut it into a chunk of its own.
const previewPage = typeof window !== 'undefined' && new URLSearchParams(window.location.search).has('preview');

/**
 * The Chinese message for a status when the body has none.
 * @param {number} status
 * @returns {string}
 */
function httpMessage(status) {
  if (status === 0) return '网络连接失败，请检查网络后重试';
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '没有权限进行此操作';
  if (status === 404) return '未找到相关内容';
  if (status === 409) return '当前状态下不能进行此操作';
  if (status === 413) return '文件或内容过大';
  if (status === 429) return '操作过于频繁，请稍后再试';
  if (status >= 500) return '服务暂时不可用，请稍后再试';
  return `请求失败（${status}）`;
}

/**
 * @param {Who} kind
 * @returns {{ Authorization?: string }}
 */
function authHeader(kind) {
  const s = session[kind];
  return s && s.token ? { Authorization: `Bearer ${s.token}` } : {};
}

/**
 * One JSON request. `as` picks whose session token is sent: 'resident' or 'staff'. Untyped
 * (any): prefer `call`, whose answer is typed from the OpenAPI document.
 * @param {string} method GET, POST or PUT
 * @param {string} path below /api/v1, with its parameters filled in: `/applications/${id}`
 * @param {unknown} [body] sent as JSON when given
 * @param {{ as?: Who, headers?: Record<string, string> }} [options]
 * @returns {Promise<any>} the parsed JSON body; rejects with ApiError on a non-2xx or network failure
 */
export async function api(method, path, body, { as = 'resident', headers = {} } = {}) {
  if (previewPage && method !== 'GET')
    throw new ApiError(403, { error: { code: 'preview', message: '这是目录预览（未发布），不能提交' } });
  let res;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...authHeader(as),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, null);
  }
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    if (res.status === 401) setSession(as, null);
    throw new ApiError(res.status, json);
  }
  return json;
}

/**
 * A random key for Idempotency-Key: the same key is sent on every retry of one submission.
 * @returns {string}
 */
export function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The longest wait a 429's `retry_after` may ask for and still be retried here (seconds). */
const RETRY_WAIT_MAX = 8;

/**
 * How long to wait before sending a failed POST again (ms), or -1 when sending it again soon
 * cannot help: a refusal (4xx), a full disk (507 storage_full: it does not empty in seconds),
 * or a 429 whose `retry_after` is longer than a person waits on a button (application_quota
 * waits until midnight). Those go straight to the page with the server's message.
 * @param {unknown} e
 * @param {number} backoff the next backoff step (ms)
 * @returns {number}
 */
function retryDelay(e, backoff) {
  if (!(e instanceof ApiError)) return -1;
  if (e.status === 0) return backoff;
  if (e.status === 429) {
    const wait = Number(/** @type {any} */ (e.body)?.retry_after);
    if (!Number.isFinite(wait)) return backoff;
    return wait <= RETRY_WAIT_MAX ? Math.max(backoff, wait * 1000) : -1;
  }
  if (e.status === 507) return -1;
  return e.status >= 500 ? backoff : -1;
}

/**
 * POST with an Idempotency-Key, retried on network errors, 5xx and a short 429 (backing off
 * 0.5 s, 1 s, 2 s, 4 s; see retryDelay). The server returns the first result for a repeated key,
 * so a retry after a lost response never makes a second application. `onRetry(n)` is told about
 * each retry.
 * @param {string} path below /api/v1, e.g. '/applications'
 * @param {unknown} body
 * @param {string} key the Idempotency-Key (newIdempotencyKey), the same for every retry
 * @param {{ attempts?: number, onRetry?: (n: number) => void, as?: Who }} [options]
 * @returns {Promise<any>} the parsed JSON body of the first answer that is not retried
 */
export async function postIdempotent(path, body, key, { attempts = 5, onRetry, as = 'resident' } = {}) {
  let last;
  for (let i = 0; i < attempts; i++) {
    try {
      return await api('POST', path, body, { as, headers: { 'Idempotency-Key': key } });
    } catch (e) {
      last = e;
      const delay = retryDelay(e, 500 * 2 ** i);
      if (delay < 0 || i === attempts - 1) throw e;
      onRetry?.(i + 1);
      await sleep(delay);
    }
  }
  throw last;
}

/**
 * Uploads one file as multipart with XMLHttpRequest so the page can show upload progress
 * (fetch has no upload progress). `onProgress(fraction)` gets 0..1. Resolves to the JSON body.
 * @param {string} path below /api/v1: '/uploads'
 * @param {File} file
 * @param {Record<string, string>} [fields] the other form fields: item, material
 * @param {{ onProgress?: (fraction: number) => void, as?: Who }} [options]
 * @returns {Promise<import('./api_types').Answer<'/api/v1/uploads', 'post'>>} rejects with ApiError
 */
export function uploadFile(path, file, fields = {}, { onProgress, as = 'resident' } = {}) {
  if (previewPage)
    return Promise.reject(
      new ApiError(403, { error: { code: 'preview', message: '这是目录预览（未发布），不能上传' } }),
    );
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    const auth = authHeader(as);
    if (auth.Authorization) xhr.setRequestHeader('Authorization', auth.Authorization);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) onProgress?.(ev.loaded / ev.total);
    };
    xhr.onload = () => {
      let json = null;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        json = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(json);
      } else reject(new ApiError(xhr.status, json));
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/**
 * One request by its OpenAPI route, typed from the document: the answer, the body and the path
 * parameters are checked by `tsc -p tsconfig.api.json` against server/openapi.json.
 *   call('get', '/api/v1/applications/{id}', { path: { id } })   // Promise<ApplicationDetail>
 * @template {ApiPath} P
 * @template {import('./api_types').MethodOf<P>} M
 * @param {M} method
 * @param {P} route the OpenAPI path, parameters in braces
 * @param {{
 *   path?: import('./api_types').PathParams<P, M>,
 *   query?: import('./api_types').QueryParams<P, M>,
 *   body?: import('./api_types').RequestJson<P, M>,
 *   as?: Who,
 *   headers?: Record<string, string>,
 * }} [options]
 * @returns {Promise<import('./api_types').Answer<P, M>>} rejects with ApiError
 */
export function call(method, route, { path, query, body, as, headers } = {}) {
  /** @type {Record<string, unknown>} */
  const params = path || {};
  let url = String(route)
    .replace(/^\/api\/v1/, '')
    .replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(String(params[name])));
  const q = Object.entries(query || {}).filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (q.length) url += `?${new URLSearchParams(q.map(([k, v]) => [k, String(v)]))}`;
  return api(String(method).toUpperCase(), url, body, { as, headers });
}
