// Where a request to the core goes: the wasm core in the page when it holds what the request
// needs, else the server's core (POST /api/v1/core), which answers the same (ops.js builds the
// requests).
import { callCore, coreHolds, coreReady, ensureCore } from './wasm_core.js';
import { previewText } from '../api/data.js';

/**
 * Sends a request to the wasm core when it holds what the request needs, else to the server's
 * core, which answers byte for byte the same: a page need not wait for the wasm download to show
 * a guide. Without the network (offline) the request waits for the wasm core and its slice.
 */
export async function ask(request) {
  const entry = request.bundle ? ['bundle', request.bundle] : request.item ? ['item', request.item] : null;
  if (previewText) return askPreview(request, entry);
  const early = takeEarly(request);
  if (early) return early;
  if (entry ? coreHolds(entry[0], entry[1]) : coreReady()) return callCore(request);
  let res;
  try {
    res = await fetch('/api/v1/core', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(request),
    });
  } catch (e) {
    if (await (entry ? ensureCore(entry[0], entry[1]) : ensureCore())) return callCore(request);
    throw e;
  }
  return res.json();
}

// A preview's answers are the draft's: the server's core holds the published catalog only.
async function askPreview(request, entry) {
  await (entry ? ensureCore(entry[0], entry[1]) : ensureCore());
  const r = await callCore(request);
  return r || { ok: false, error: { code: 'preview_failed', message: '预览无法载入：校验组件未能加载' } };
}

/** Answers asked for ahead of their page (askAhead), by request text; each is used once. */
const ahead = new Map();

/**
 * Starts asking now what a page is about to ask (the page's first request, sent while its code
 * downloads rather than after): its `ask` of the same request takes this answer.
 */
export function askAhead(request) {
  const key = JSON.stringify(request);
  if (ahead.has(key)) return;
  const answer = ask(request);
  answer.catch(() => ahead.delete(key)); // the page's own ask will try again
  ahead.set(key, answer);
}

function takeEarly(request) {
  const key = JSON.stringify(request);
  const answer = ahead.get(key);
  if (answer) ahead.delete(key);
  return answer;
}
