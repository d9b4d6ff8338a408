// A JSON Schema (draft 2020-12 subset that ajv 8 compiles) equivalent to the core's check of
// a 出生一件事 (birth bundle) application, built from the same catalog: what a web team would
// write instead of the core. Resident ID numbers and date windows are ajv formats/keywords
// (added in addYiluChecks). What JSON Schema cannot say the same way is listed in NOT_COVERED.
//   Used by peers.mjs; never by the tests.

export const NOT_COVERED = [
  'reused licences (a later stage may omit a material an earlier stage issues): handled by leaving those materials optional',
  'problem messages in Chinese with stable codes per field (ajv returns its own English error objects)',
  'material verdicts (acceptable_with_deferrals, per-material state): ajv answers valid/invalid only',
];

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

function daysInMonth(y, m) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

// The same rule as the core's check_resident_id: 18 characters, a real birth date not after
// as_of, and the ISO 7064 MOD 11-2 check character.
export function residentIdOk(v, asOf) {
  if (typeof v !== 'string' || !/^\d{17}[\dXx]$/.test(v)) return false;
  const y = +v.slice(6, 10), m = +v.slice(10, 12), d = +v.slice(12, 14);
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return false;
  if (v.slice(6, 14) > asOf.replaceAll('-', '')) return false;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += (v.charCodeAt(k) - 48) * W[k];
  return CHECK[sum % 11] === v[17].toUpperCase();
}

function shiftYears(asOf, years) {
  return String(+asOf.slice(0, 4) + years).padStart(4, '0') + asOf.slice(4);
}

// A catalog date bound ("as_of", "as_of-1y", or a date) to a date string.
function bound(b, asOf) {
  if (b === undefined) return undefined;
  if (b === 'as_of') return asOf;
  const m = /^as_of([+-])(\d+)y$/.exec(b);
  if (m) return shiftYears(asOf, (m[1] === '-' ? -1 : 1) * +m[2]);
  return b;
}

function fieldSchema(f, asOf) {
  switch (f.type) {
    case 'text':
      return { type: 'string', minLength: f.min_length ?? 1, maxLength: f.max_length ?? 200 };
    case 'resident_id':
      return { type: 'string', format: 'resident-id' };
    case 'mobile':
      return { type: 'string', pattern: '^1[3-9]\\d{9}$' };
    case 'area_code':
      return { type: 'string', pattern: `^${f.area_prefix ?? ''}\\d{${6 - (f.area_prefix ?? '').length}}$` };
    case 'enum':
      return { enum: f.options.map((o) => o.value) };
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return { type: f.integer ? 'integer' : 'number', minimum: f.min, maximum: f.max };
    case 'date':
      return { type: 'string', format: 'date', yiluDateRange: { min: bound(f.min, asOf), max: bound(f.max, asOf) } };
    case 'group':
      return {
        type: 'array', minItems: f.min_items ?? 0, maxItems: f.max_items ?? 10,
        items: objectSchema(f.fields, asOf),
      };
    default:
      throw new Error(`birth_schema: field type ${f.type} not mapped`);
  }
}

// An object of fields: types, required, required_when (as if/then), no unknown keys.
function objectSchema(fields, asOf) {
  const s = { type: 'object', properties: {}, required: [], additionalProperties: false, allOf: [] };
  for (const f of fields) {
    s.properties[f.id] = fieldSchema(f, asOf);
    if (f.required) s.required.push(f.id);
    const w = f.required_when;
    if (w) {
      const cond = 'present' in w ? { required: [w.field] } : { properties: { [w.field]: { const: w.equals } }, required: [w.field] };
      s.allOf.push({ if: cond, then: { required: [f.id] } });
    }
  }
  if (!s.allOf.length) delete s.allOf;
  return s;
}

function materialSchema(m) {
  const file = {
    type: 'object', required: ['by', 'files'], additionalProperties: false,
    properties: {
      by: { const: 'file' },
      files: {
        type: 'array', minItems: 1, maxItems: 20,
        items: {
          type: 'object', required: ['type', 'bytes'], additionalProperties: false,
          properties: {
            type: { enum: m.file_types ?? ['jpg', 'png', 'pdf'] },
            bytes: { type: 'integer', minimum: 1, maximum: m.max_bytes ?? 10485760 },
            pages: { type: 'integer', minimum: 1, maximum: m.max_pages ?? 50 },
            upload: { type: 'string' },
          },
        },
      },
    },
  };
  const variants = [file];
  if (m.licence) {
    variants.push({
      type: 'object', required: ['by'], additionalProperties: false,
      properties: { by: { const: 'licence' }, licence: { const: m.licence }, number: { type: 'string', minLength: 1, maxLength: 64 }, licence_id: { type: 'string' } },
    });
  }
  if (m.commitment) variants.push({ type: 'object', required: ['by', 'signed'], additionalProperties: false, properties: { by: { const: 'commitment' }, signed: { const: true } } });
  if (m.deferrable) variants.push({ type: 'object', required: ['by'], additionalProperties: false, properties: { by: { const: 'deferral' } } });
  return { oneOf: variants };
}

/// The schema of the bundle's application: the union of its items' fields (shared ids once)
/// and materials; materials an earlier stage issues may be omitted.
export function birthSchema(catalog, bundleId, asOf) {
  const items = new Map(catalog.items.map((i) => [i.id, i]));
  const bundle = catalog.bundles.find((b) => b.id === bundleId);
  const fields = new Map();
  const materials = new Map();
  const reused = new Set(bundle.stages.flatMap((s) => s.reuse ?? []));
  const issued = new Set();
  for (const st of bundle.stages) {
    for (const id of st.items) {
      const it = items.get(id);
      for (const f of it.fields) if (!fields.has(f.id)) fields.set(f.id, f);
      for (const m of it.materials) if (!materials.has(m.id)) materials.set(m.id, m);
      if (it.issues) issued.add(it.issues);
    }
  }
  const mats = { type: 'object', properties: {}, required: [], additionalProperties: false };
  for (const m of materials.values()) {
    mats.properties[m.id] = materialSchema(m);
    const fromEarlierStage = reused.has(m.id) || issued.has(m.licence) || issued.has(m.id);
    if (m.required && !m.required_when && !fromEarlierStage) mats.required.push(m.id);
  }
  const fieldsSchema = objectSchema([...fields.values()], asOf);
  // Materials required when a field is present (father_id_card when father_name is given).
  const cross = [];
  for (const m of materials.values()) {
    const w = m.required_when;
    if (!w) continue;
    const cond = 'present' in w ? { required: [w.field] } : { properties: { [w.field]: { const: w.equals } }, required: [w.field] };
    cross.push({ if: { properties: { fields: cond }, required: ['fields'] }, then: { properties: { materials: { required: [m.id] } } } });
  }
  return {
    $id: `yilu:${bundleId}`,
    type: 'object', required: ['fields', 'materials'], additionalProperties: false,
    properties: { fields: fieldsSchema, materials: mats, answers: { type: 'object' } },
    ...(cross.length ? { allOf: cross } : {}),
  };
}

/// Adds the formats and keywords the schema uses to an Ajv instance.
export function addYiluChecks(ajv, asOf) {
  ajv.addFormat('resident-id', { type: 'string', validate: (v) => residentIdOk(v, asOf) });
  ajv.addFormat('date', {
    type: 'string',
    validate: (v) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      return !!m && +m[2] >= 1 && +m[2] <= 12 && +m[3] >= 1 && +m[3] <= daysInMonth(+m[1], +m[2]);
    },
  });
  ajv.addKeyword({
    keyword: 'yiluDateRange', type: 'string', schemaType: 'object',
    validate: (range, v) => (!range.min || v >= range.min) && (!range.max || v <= range.max),
  });
}
