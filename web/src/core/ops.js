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

/** The service guide of an item, narrowed by the situation answers: response.guide. */
export function guideRequest(itemId, answers) {
  return { op: 'guide', item: itemId, answers: answers || {} };
}

/** The plan of a bundle accepted now: stages, due dates, the four reductions. */
export function planRequest(bundleId, answers) {
  return { op: 'plan_bundle', bundle: bundleId, answers: answers || {} };
}

/** The catalog's name for an uploaded file's kind ("jpeg" is "jpg" where the material says so). */
function fileType(kind, material) {
  const types = material?.file_types || [];
  if (kind === 'jpeg' && !types.includes('jpeg')) return 'jpg';
  return kind;
}

/** A material's licence type id, whether the core gave a string or {id, name}. */
export function licenceType(m) {
  return typeof m?.licence === 'string' ? m.licence : m?.licence?.id || '';
}

/**
 * The core's `validate` request for what the resident has entered. `materials` is the page's
 * state per material id ({upload:{id,kind,size}} | {licence:{id,type,number}} | {commitment}
 * | {deferred}); `defs` the materials' descriptions (for file type names).
 */
export function validateRequest(kind, targetId, answers, fields, materials, defs = {}) {
  const mats = {};
  for (const [id, m] of Object.entries(materials || {})) {
    if (!m) continue;
    if (m.deferred) mats[id] = { by: 'deferral' };
    else if (m.commitment) mats[id] = { by: 'commitment', signed: true };
    else if (m.licence) mats[id] = { by: 'licence', licence: m.licence.type, number: m.licence.number };
    else if (m.upload) mats[id] = { by: 'file', files: [{ type: fileType(m.upload.kind, defs[id]), bytes: m.upload.size }] };
  }
  const req = { op: 'validate', application: { answers: answers || {}, fields: fields || {}, materials: mats } };
  req[kind === 'bundle' ? 'bundle' : 'item'] = targetId;
  return req;
}

/** The body of POST /api/v1/applications: files by upload id, licences by licence id (the server measures and checks them). */
export function submissionBody(kind, targetId, answers, fields, materials) {
  const mats = {};
  for (const [id, m] of Object.entries(materials || {})) {
    if (!m) continue;
    if (m.deferred) mats[id] = { by: 'deferral' };
    else if (m.commitment) mats[id] = { by: 'commitment', signed: true };
    else if (m.licence) mats[id] = { by: 'licence', licence_id: m.licence.id };
    else if (m.upload) mats[id] = { by: 'file', files: [{ upload: m.upload.id }] };
  }
  const body = { kind, target_id: targetId, fields: fields || {}, materials: mats };
  if (answers && Object.keys(answers).length) body.answers = answers;
  return body;
}

/** The due date if accepted now: the core's `deadline` op for an item's promised limit. */
export function deadlineRequest(limitDays, countsAcceptanceDay, region) {
  const req = { op: 'deadline', accepted_at: nowCst(), limit_days: limitDays, counts_acceptance_day: Boolean(countsAcceptanceDay) };
  if (region) req.region = region;
  return req;
}

/** Now as RFC 3339 in China Standard Time ("2026-11-26T14:05:00+08:00"), the core's timestamps. */
export function nowCst() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 19) + '+08:00';
}

/** Splits a problem's JSON pointer into where it shows: {section:'fields'|'materials'|'answers', key}. */
export function problemTarget(path) {
  const parts = String(path || '').split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const i = parts.findIndex((p) => p === 'fields' || p === 'materials' || p === 'answers');
  if (i < 0) return { section: '', key: '' };
  // A material's problem may point inside it (/materials/m1/files/0/type): it shows on the material.
  const key = parts[i] === 'materials' ? parts[i + 1] || '' : parts.slice(i + 1).join('/');
  return { section: parts[i], key };
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
