// The page's requests to the core's ops (docs/core-api.md), and the one place that knows their
// JSON shapes. Every answer comes from the core (ask.js: wasm in the page, or the server's
// POST /api/v1/core when the wasm could not load); nothing here decides a rule. Plain
// functions, no imports: the Node tests (tests/e2e/web_ops.test.mjs) load this file as it is.
/** The service guide of an item, narrowed by the situation answers: response.guide. */
export function guideRequest(itemId, answers) {
  return { op: 'guide', item: itemId, answers: answers || {} };
}

/** One merged form for a 一件事 bundle (fields, materials with `items` and `stage`, questions, stages): response.guide. */
export function bundleGuideRequest(bundleId, answers) {
  return { op: 'guide', bundle: bundleId, answers: answers || {} };
}

/** An item's or a bundle's guide, by the page's route kind ("item" | "bundle"). */
export function formGuideRequest(kind, targetId, answers) {
  return kind === 'bundle' ? bundleGuideRequest(targetId, answers) : guideRequest(targetId, answers);
}

/** The plan of a bundle accepted now: stages, due dates, the four reductions. */
export function planRequest(bundleId, answers) {
  return { op: 'plan_bundle', bundle: bundleId, answers: answers || {} };
}

/**
 * The due date of an item if accepted at `acceptedAt` (default now): the core picks the
 * promised limit for these answers, the acceptance-day rule and the department's region.
 */
export function deadlineRequest(itemId, answers, acceptedAt = nowCst()) {
  return { op: 'deadline', item: itemId, answers: answers || {}, accepted_at: acceptedAt };
}

/** Whether a mobile number is one: response {valid, normalized} or {valid:false, reason}. */
export function checkMobileRequest(value) {
  return { op: 'check_mobile', value: String(value ?? '') };
}

/** Whether a resident ID number is one (the core's `check_id`): {valid, normalized, …} or {valid:false, reason, message}. */
export function checkIdRequest(value) {
  return { op: 'check_id', value: String(value ?? '') };
}

/** A material's licence type id, whether the core gave a string or {id, name}. */
export function licenceType(m) {
  return typeof m?.licence === 'string' ? m.licence : m?.licence?.id || '';
}

/**
 * The core's `validate` request for what the resident has entered. `materials` is the page's
 * state per material id ({upload:{id,kind,size}} | {licence:{id,type,number}} |
 * {commitment, signer} | {deferred}); an upload's `kind` is the server's, which is the core's
 * file type id. (The page only records a commitment once the resident signed it.)
 */
export function validateRequest(kind, targetId, answers, fields, materials) {
  const mats = {};
  for (const [id, m] of Object.entries(materials || {})) {
    if (!m) continue;
    if (m.deferred) mats[id] = { by: 'deferral' };
    else if (m.commitment) mats[id] = { by: 'commitment', signed: true };
    else if (m.licence) mats[id] = { by: 'licence', licence: m.licence.type, number: m.licence.number };
    else if (m.upload) mats[id] = { by: 'file', files: [{ type: m.upload.kind, bytes: m.upload.size }] };
  }
  const req = { op: 'validate', application: { answers: answers || {}, fields: fields || {}, materials: mats } };
  req[kind === 'bundle' ? 'bundle' : 'item'] = targetId;
  return req;
}

/**
 * The body of POST /api/v1/applications: files by upload id, licences by licence id (the server
 * measures and checks them), a signed commitment with the name typed under it. `proxy`: the
 * relation when filing for someone else (代办), else null.
 */
export function submissionBody(kind, targetId, answers, fields, materials, proxy = null) {
  const mats = {};
  for (const [id, m] of Object.entries(materials || {})) {
    if (!m) continue;
    if (m.deferred) mats[id] = { by: 'deferral' };
    else if (m.commitment) {
      mats[id] = { by: 'commitment', signed: true };
      if (m.signer) mats[id].signer = String(m.signer).trim();
    } else if (m.licence) mats[id] = { by: 'licence', licence_id: m.licence.id };
    else if (m.upload) mats[id] = { by: 'file', files: [{ upload: m.upload.id }] };
  }
  const body = { kind, target_id: targetId, fields: fields || {}, materials: mats };
  if (answers && Object.keys(answers).length) body.answers = answers;
  if (proxy && proxy.relation !== undefined) body.proxy = { relation: String(proxy.relation).trim() };
  return body;
}

/** The server's stored material entry → the page's state (the inverse of submissionBody); null when unreadable. */
export function pageMaterial(m) {
  if (!m || typeof m !== 'object') return null;
  if (m.by === 'deferral') return { deferred: true };
  if (m.by === 'commitment') return { commitment: true, signer: m.signer || '' };
  if (m.by === 'licence') return { licence: { id: m.licence_id, type: m.licence, number: m.number } };
  const f = (m.files || [])[0];
  if (m.by === 'file' && f) return { upload: { id: f.upload, kind: f.type, size: f.bytes, name: '已提交的文件' } };
  return null;
}

/** Now as RFC 3339 in China Standard Time ("2026-11-26T14:05:00+08:00"), the core's timestamps. */
export function nowCst() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 19) + '+08:00';
}

/** Splits a problem's JSON pointer into where it shows: {section:'fields'|'materials'|'answers', key}. */
export function problemTarget(path) {
  const parts = String(path || '')
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
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
