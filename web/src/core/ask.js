// Where a request to the core goes: the wasm core in the page when it holds what the request
// needs, else the server's core (POST /api/v1/core), which answers the same (ops.js builds the
// requests).
import { callCore, coreReady, ensureCore } from './wasm_core.js';

/**
 * Sends a request to the wasm core, or, when it is not available, to the server's core. A
 * request about an item or a bundle first has the core take that entry's catalog slice.
 */
export async function ask(request) {
  const local = request.bundle
    ? await ensureCore('bundle', request.bundle)
    : request.item
      ? await ensureCore('item', request.item)
      : coreReady();
  if (local) return callCore(request);
  const res = await fetch('/api/v1/core', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(request),
  });
  return res.json();
}
