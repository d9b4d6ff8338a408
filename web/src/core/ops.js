// The page's requests to the core's ops (docs/core-api.md), and the one place that knows their
// JSON shapes. Every answer comes from the core (wasm in the page, or the server's
// POST /api/v1/core when the wasm could not load); nothing here decides a rule.
import { callCore, coreReady } from './wasm_core.js';
import { todayCst } from '../util/format.js';

/** Sends a request to the wasm core, or, when it is not available, to the server's core. */
export async function ask(request) {
  if (coreReady()) return callCore(request);
  const res = await fetch('/api/v1/core', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(request),
  });
  return res.json();
}

/** The service guide of an item, narrowed by the situation answers. */
export function guideRequest(itemId, answers) {
  return { op: 'guide', item: itemId, answers: answers || {} };
}

/** The plan of a bundle accepted today: stages, due dates, the four reductions. */
export function planRequest(bundleId, asOf = todayCst()) {
  return { op: 'plan_bundle', bundle: bundleId, accepted_on: asOf, as_of: asOf };
}

/**
 * The core's `validate` request for what the resident has entered. `materials` is the page's
 * state per material id ({upload:{kind,size,pages}} | {licence} | {commitment} | {deferred}),
 * turned into the metadata the core checks.
 */
export function validateRequest(kind, targetId, stage, answers, fields, materials, asOf = todayCst()) {
  const mats = {};
  for (const [id, m] of Object.entries(materials || {})) {
    const meta = materialMeta(m);
    if (meta) mats[id] = meta;
  }
  const req = { op: 'validate', as_of: asOf, application: { answers: answers || {}, fields: fields || {}, materials: mats } };
  if (kind === 'bundle') {
    req.bundle = targetId;
    if (stage) req.stage = stage;
  } else req.item = targetId;
  return req;
}

function materialMeta(m) {
  if (!m) return null;
  if (m.deferred) return { deferred: true };
  if (m.commitment) return { commitment: true };
  if (m.licence) return { licence: m.licence.type || m.licence };
  if (m.upload) return { files: [{ type: m.upload.kind, size: m.upload.size, ...(m.upload.pages ? { pages: m.upload.pages } : {}) }] };
  return null;
}

/** The body of POST /api/v1/applications (server/openapi.json ApplicationInput). */
export function submissionBody(kind, targetId, stage, answers, fields, materials) {
  const mats = {};
  for (const [id, m] of Object.entries(materials || {})) {
    if (m?.deferred) mats[id] = { deferred: true };
    else if (m?.commitment) mats[id] = { commitment: true };
    else if (m?.licence) mats[id] = { licence: m.licence.id || m.licence };
    else if (m?.upload) mats[id] = { upload: m.upload.id };
  }
  const body = { kind, target_id: targetId, fields: fields || {}, materials: mats };
  if (answers && Object.keys(answers).length) body.answers = answers;
  if (kind === 'bundle') body.stage = stage || 1;
  return body;
}

/** The due date if accepted now: the core's `deadline` op for an item's promised limit. */
export function deadlineRequest(limitDays, countsAcceptanceDay, region) {
  const req = { op: 'deadline', accepted_at: Math.floor(Date.now() / 1000), limit_days: limitDays, counts_acceptance_day: Boolean(countsAcceptanceDay) };
  if (region) req.region = region;
  return req;
}

/** Splits a problem's JSON pointer into where it shows: {section:'fields'|'materials'|'answers', key}. */
export function problemTarget(path) {
  const parts = String(path || '').split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const i = parts.findIndex((p) => p === 'fields' || p === 'materials' || p === 'answers');
  if (i < 0) return { section: '', key: '' };
  return { section: parts[i], key: parts.slice(i + 1).join('/') };
}

/** Problems grouped by "section:key" (fields of a group entry keep their index: "fields:kids/0/name"). */
export function problemsByTarget(problems) {
  const out = {};
  for (const p of problems || []) {
    const t = problemTarget(p.path);
    const k = `${t.section}:${t.key}`;
    (out[k] ||= []).push(p);
  }
  return out;
}
