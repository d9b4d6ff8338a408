// The server's JSON API (server/openapi.json). Errors come back as ApiError with the server's
// stable code, its Chinese message and, for 422, every problem with its JSON-pointer path.
import { reactive } from 'vue';

const RESIDENT_KEY = 'yilu.resident.session';
const STAFF_KEY = 'yilu.staff.session';

function readSession(key) {
  try {
    return JSON.parse(localStorage.getItem(key) || 'null');
  } catch {
    return null;
  }
}

/** The signed-in resident and staff member (each may be null). */
export const session = reactive({
  resident: readSession(RESIDENT_KEY),
  staff: readSession(STAFF_KEY),
});

export function setSession(kind, value) {
  session[kind] = value;
  const key = kind === 'staff' ? STAFF_KEY : RESIDENT_KEY;
  if (value) localStorage.setItem(key, JSON.stringify(value));
  else localStorage.removeItem(key);
}

export class ApiError extends Error {
  constructor(status, body) {
    const err = body?.error || body || {};
    super(err.message || httpMessage(status));
    this.status = status;
    this.code = err.code || `http_${status}`;
    this.problems = body?.problems || err.problems || body?.report?.problems || [];
    this.body = body;
  }
}

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

function authHeader(kind) {
  const s = session[kind];
  return s && s.token ? { Authorization: `Bearer ${s.token}` } : {};
}

/** One JSON request. `as` picks whose session token is sent: 'resident' or 'staff'. */
export async function api(method, path, body, { as = 'resident', headers = {} } = {}) {
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

/** A random key for Idempotency-Key: the same key is sent on every retry of one submission. */
export function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * POST with an Idempotency-Key, retried on network errors and 5xx/429 (backing off 0.5 s, 1 s,
 * 2 s, 4 s). The server returns the first result for a repeated key, so a retry after a lost
 * response never makes a second application. `onRetry(n)` is told about each retry.
 */
export async function postIdempotent(path, body, key, { attempts = 5, onRetry, as = 'resident' } = {}) {
  let last;
  for (let i = 0; i < attempts; i++) {
    try {
      return await api('POST', path, body, { as, headers: { 'Idempotency-Key': key } });
    } catch (e) {
      last = e;
      const retriable = e.status === 0 || e.status === 429 || e.status >= 500;
      if (!retriable || i === attempts - 1) throw e;
      onRetry?.(i + 1);
      await sleep(500 * 2 ** i);
    }
  }
  throw last;
}

/**
 * Uploads one file as multipart with XMLHttpRequest so the page can show upload progress
 * (fetch has no upload progress). `onProgress(fraction)` gets 0..1. Resolves to the JSON body.
 */
export function uploadFile(path, file, fields = {}, { onProgress, as = 'resident' } = {}) {
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
